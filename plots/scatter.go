package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/units"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Point is one item of a scatter plot.
type Point struct {
	Label     string
	Group     string
	X, Y      float64 // base units
	XLo, XHi  float64 // ranges; equal to X (Y) for a point
	YLo, YHi  float64
	Tentative bool // drawn hollow
	Frontier  bool // on the Pareto frontier
}

// A Scatter plots two metrics against each other, with labelled points and
// the Pareto frontier.
type Scatter struct {
	Title            string
	XName, YName     string
	XDisplay         units.Display
	YDisplay         units.Display
	Points           []Point
	LogX, LogY       bool
	XHigher, YHigher bool // which way is better, for the frontier's note
	Missing          []string
	Footnote         []string
}

// Figure builds the scatter's figure.
func (s Scatter) Figure() (*Figure, error) {
	if len(s.Points) == 0 {
		return nil, fmt.Errorf("plots: scatter %q has no points", s.Title)
	}
	var xs, ys []float64
	for _, pt := range s.Points {
		if err := checkFinite(s.Title, pt.Label, pt.X, pt.Y, pt.XLo, pt.XHi, pt.YLo, pt.YHi); err != nil {
			return nil, err
		}
		if (s.LogX && pt.XLo <= 0) || (s.LogY && pt.YLo <= 0) {
			return nil, fmt.Errorf("plots: %s: %s: a log axis needs positive values", s.Title, pt.Label)
		}
		xs, ys = append(xs, pt.X), append(ys, pt.Y)
	}
	sx, sy := s.XDisplay.CommonScale(xs), s.YDisplay.CommonScale(ys)
	cx := func(v float64) float64 { return v * sx.PerBase / sx.Factor }
	cy := func(v float64) float64 { return v * sy.PerBase / sy.Factor }
	p := newPlot(s.Title, axisLabel(s.XName, sx.Unit()), axisLabel(s.YName, sy.Unit()))
	if s.LogX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	if s.LogY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	pl := &points{}
	groups := map[string]bool{}
	tentative := false
	for _, pt := range s.Points {
		pl.items = append(pl.items, dot{label: pt.Label, x: cx(pt.X), y: cy(pt.Y), xlo: cx(pt.XLo), xhi: cx(pt.XHi),
			ylo: cy(pt.YLo), yhi: cy(pt.YHi), color: VendorColor(pt.Group), hollow: pt.Tentative})
		groups[pt.Group] = true
		tentative = tentative || pt.Tentative
		if pt.Frontier {
			pl.frontier = append(pl.frontier, [2]float64{cx(pt.X), cy(pt.Y)})
		}
	}
	sort.Slice(pl.frontier, func(i, j int) bool { return pl.frontier[i][0] < pl.frontier[j][0] })
	p.Add(pl)
	xmin, xmax, ymin, ymax := pl.DataRange()
	pad := func(lo, hi float64, log bool) (float64, float64) {
		if log {
			return lo / 1.5, hi * 1.6
		}
		d := hi - lo
		if d == 0 {
			d = math.Abs(hi)
		}
		return math.Max(0, lo-0.08*d), hi + 0.15*d
	}
	p.X.Min, p.X.Max = pad(xmin, xmax, s.LogX)
	p.Y.Min, p.Y.Max = pad(ymin, ymax, s.LogY)
	addGroupLegend(p, groups, false)
	// Metrics that rise together fill the diagonal up to the top right:
	// the top left is the free corner.
	p.Legend.Left = true
	if tentative {
		p.Legend.Add("target or estimate (hollow)", hollowSwatch{})
	}
	if len(pl.frontier) > 1 {
		p.Legend.Add("Pareto frontier", swatch{color: color.NRGBA{0x40, 0x40, 0x40, 0xff}, line: true})
	}
	foot := append([]string(nil), s.Footnote...)
	if len(s.Missing) > 0 {
		foot = append(foot, "Not shown (missing data): "+strings.Join(s.Missing, "; "))
	}
	return &Figure{Plots: []*plot.Plot{p}, Footnote: foot}, nil
}

type dot struct {
	label                    string
	x, y, xlo, xhi, ylo, yhi float64
	color                    color.NRGBA
	hollow                   bool
}

// points draws dots with range bars, the frontier, and labels placed so
// that they do not overlap each other or the dots.
type points struct {
	items    []dot
	frontier [][2]float64
}

func (pl *points) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	if len(pl.frontier) > 1 {
		var line []vg.Point
		for _, f := range pl.frontier {
			line = append(line, vg.Point{X: trX(f[0]), Y: trY(f[1])})
		}
		c.StrokeLines(draw.LineStyle{Color: color.NRGBA{0x40, 0x40, 0x40, 0xff}, Width: vg.Points(1.2),
			Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}, c.ClipLinesXY(line)...)
	}
	r := vg.Points(4)
	var boxes []vg.Rectangle
	for _, d := range pl.items {
		pt := vg.Point{X: trX(d.x), Y: trY(d.y)}
		boxes = append(boxes, vg.Rectangle{Min: vg.Point{X: pt.X - r, Y: pt.Y - r}, Max: vg.Point{X: pt.X + r, Y: pt.Y + r}})
		bar := draw.LineStyle{Color: d.color, Width: vg.Points(0.8)}
		if d.xlo != d.xhi {
			c.StrokeLines(bar, c.ClipLinesXY([]vg.Point{{X: trX(d.xlo), Y: pt.Y}, {X: trX(d.xhi), Y: pt.Y}})...)
		}
		if d.ylo != d.yhi {
			c.StrokeLines(bar, c.ClipLinesXY([]vg.Point{{X: pt.X, Y: trY(d.ylo)}, {X: pt.X, Y: trY(d.yhi)}})...)
		}
		glyph := draw.GlyphStyle{Color: d.color, Radius: r, Shape: draw.CircleGlyph{}}
		if d.hollow {
			glyph.Shape = draw.RingGlyph{}
		}
		c.DrawGlyph(glyph, pt)
	}
	text := draw.TextStyle{Color: color.Gray{0x20}, Font: fontSize(8), Handler: plot.DefaultTextHandler}
	for _, d := range pl.items {
		pt := vg.Point{X: trX(d.x), Y: trY(d.y)}
		box, t := placeLabel(text, d.label, pt, r, boxes, c.Rectangle)
		boxes = append(boxes, box)
		c.FillText(t, vg.Point{X: box.Min.X, Y: box.Min.Y}, d.label)
	}
}

// placeLabel tries positions around a point — right, left, above, below,
// then further out — and returns the first whose box overlaps no earlier
// box and stays on the canvas, or the last tried.
func placeLabel(t draw.TextStyle, label string, pt vg.Point, r vg.Length, taken []vg.Rectangle, area vg.Rectangle) (vg.Rectangle, draw.TextStyle) {
	w, h := t.Width(label), t.Height(label)
	gap := r + 2
	var box vg.Rectangle
	for _, k := range []vg.Length{1, 2.2, 3.6, 5} {
		for _, off := range []vg.Point{{X: gap, Y: -h / 2}, {X: -gap - w, Y: -h / 2}, {X: -w / 2, Y: gap * k}, {X: -w / 2, Y: -gap*k - h},
			{X: gap, Y: gap * k}, {X: gap, Y: -gap*k - h}, {X: -gap - w, Y: gap * k}, {X: -gap - w, Y: -gap*k - h}} {
			o := vg.Point{X: off.X, Y: off.Y}
			if k > 1 && (off.Y == -h/2) {
				o.X *= k
			}
			box = vg.Rectangle{Min: vg.Point{X: pt.X + o.X, Y: pt.Y + o.Y}, Max: vg.Point{X: pt.X + o.X + w, Y: pt.Y + o.Y + h}}
			if inside(box, area) && !overlapsAny(box, taken) {
				return box, t
			}
		}
	}
	return box, t
}

func inside(b, a vg.Rectangle) bool {
	return b.Min.X >= a.Min.X && b.Max.X <= a.Max.X && b.Min.Y >= a.Min.Y && b.Max.Y <= a.Max.Y
}

func overlapsAny(b vg.Rectangle, others []vg.Rectangle) bool {
	for _, o := range others {
		if b.Min.X < o.Max.X && o.Min.X < b.Max.X && b.Min.Y < o.Max.Y && o.Min.Y < b.Max.Y {
			return true
		}
	}
	return false
}

func (pl *points) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, d := range pl.items {
		xmin, xmax = math.Min(xmin, d.xlo), math.Max(xmax, d.xhi)
		ymin, ymax = math.Min(ymin, d.ylo), math.Max(ymax, d.yhi)
	}
	return
}

type hollowSwatch struct{}

func (hollowSwatch) Thumbnail(c *draw.Canvas) {
	c.DrawGlyph(draw.GlyphStyle{Color: grey, Radius: vg.Points(4), Shape: draw.RingGlyph{}},
		vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2})
}
