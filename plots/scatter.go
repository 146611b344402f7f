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
	Caption
	XName, YName     string
	XDisplay         units.Display
	YDisplay         units.Display
	Points           []Point
	LogX, LogY       bool
	XHigher, YHigher bool // which way is better, for the frontier's note
	Missing          []string
}

// Figure builds the scatter's figure.
func (s Scatter) Figure() (*Figure, error) {
	p, _, legend, yLabel, err := s.plot()
	if err != nil {
		return nil, err
	}
	c := s.Caption
	if len(s.Missing) > 0 {
		c.Footnote = append(c.Footnote, "Not shown (missing data): "+strings.Join(s.Missing, "; "))
	}
	f := c.figure(legend, p)
	f.YLabel = yLabel
	return f, nil
}

// plot builds the scatter's plot and legend, for Scatter and Timeline.
func (s Scatter) plot() (*plot.Plot, *points, []LegendEntry, string, error) {
	if len(s.Points) == 0 {
		return nil, nil, nil, "", fmt.Errorf("plots: scatter %q has no points", s.Title)
	}
	var xs, ys []float64
	var groups []string
	for _, pt := range s.Points {
		if err := checkFinite(s.Title, pt.Label, pt.X, pt.Y, pt.XLo, pt.XHi, pt.YLo, pt.YHi); err != nil {
			return nil, nil, nil, "", err
		}
		if (s.LogX && pt.XLo <= 0) || (s.LogY && pt.YLo <= 0) {
			return nil, nil, nil, "", fmt.Errorf("plots: %s: %s: a log axis needs positive values", s.Title, pt.Label)
		}
		xs, ys = append(xs, pt.X), append(ys, pt.Y)
		groups = append(groups, pt.Group)
	}
	sx, sy := s.XDisplay.CommonScale(xs), s.YDisplay.CommonScale(ys)
	cx := func(v float64) float64 { return v * sx.PerBase / sx.Factor }
	cy := func(v float64) float64 { return v * sy.PerBase / sy.Factor }
	p := newPlot(axisLabel(s.XName, sx.Unit()), "")
	yLabel := axisLabel(s.YName, sy.Unit())
	if s.LogX {
		logAxis(&p.X)
	}
	if s.LogY {
		logAxis(&p.Y)
	}
	p.Add(valueGrid{vertical: true}, valueGrid{})
	pal := newPalette(groups)
	pl := &points{}
	tentative := false
	for _, pt := range s.Points {
		pl.items = append(pl.items, dot{label: pt.Label, x: cx(pt.X), y: cy(pt.Y), xlo: cx(pt.XLo), xhi: cx(pt.XHi),
			ylo: cy(pt.YLo), yhi: cy(pt.YHi), color: pal.color(pt.Group), hollow: pt.Tentative})
		tentative = tentative || pt.Tentative
		if pt.Frontier {
			pl.frontier = append(pl.frontier, [2]float64{cx(pt.X), cy(pt.Y)})
		}
	}
	sort.Slice(pl.frontier, func(i, j int) bool { return pl.frontier[i][0] < pl.frontier[j][0] })
	p.Add(pl)
	xmin, xmax, ymin, ymax := pl.DataRange()
	pad := func(lo, hi float64, log bool, low, high float64) (float64, float64) {
		if log {
			return lo / math.Pow(hi/lo, low), hi * math.Pow(hi/lo, high)
		}
		d := hi - lo
		if d == 0 {
			d = math.Abs(hi)
		}
		return math.Max(0, lo-low*d), hi + high*d
	}
	// Labels go beside points: more room on the right and at the top.
	p.X.Min, p.X.Max = pad(xmin, xmax, s.LogX, 0.06, 0.16)
	p.Y.Min, p.Y.Max = pad(ymin, ymax, s.LogY, 0.06, 0.1)
	legend := pal.legend()
	if tentative {
		legend = append(legend, LegendEntry{Label: "target or estimate (hollow)", Thumb: hollowSwatch{}})
	}
	if len(pl.frontier) > 1 {
		note := "Pareto frontier"
		if s.XHigher != s.YHigher || s.XHigher {
			note += fmt.Sprintf(" (best: %s x, %s y)", better(s.XHigher), better(s.YHigher))
		}
		legend = append(legend, LegendEntry{Label: note, Thumb: swatch{color: frontierInk, line: true}})
	}
	return p, pl, legend, yLabel, nil
}

func better(higher bool) string {
	if higher {
		return "higher"
	}
	return "lower"
}

var frontierInk = color.NRGBA{0x44, 0x44, 0x44, 0xff}

type dot struct {
	label                    string
	x, y, xlo, xhi, ylo, yhi float64
	color                    color.NRGBA
	hollow                   bool
}

// points draws dots with range bars, the frontier or joining lines, and
// labels placed so that they overlap no dot, label or line: points that
// coincide on the canvas are merged into one dot (split into the groups'
// colours) with one label, and a label pushed away from its dot gets a
// leader line.
type points struct {
	items    []dot
	frontier [][2]float64 // drawn dashed, in x order
	joins    [][]int      // polylines through items, e.g. a vendor's generations
}

const dotRadius = vg.Length(4)

// cluster is one or more dots drawn as one.
type cluster struct {
	at     vg.Point
	x, y   float64 // the first member's data values
	apart  bool    // some member's data values differ from the first's
	labels []string
	colors []color.NRGBA
	hollow bool
}

// joinLabels names a merged dot's members: "=" when their values are
// identical, "≈" when they only coincide on the canvas, so a chart never
// claims an equality the data does not have.
func joinLabels(labels []string, apart bool) string {
	if apart {
		return strings.Join(labels, " ≈ ")
	}
	return strings.Join(labels, " = ")
}

func (pl *points) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	var segs [][2]vg.Point
	stroke := func(st draw.LineStyle, line []vg.Point) {
		c.StrokeLines(st, c.ClipLinesXY(line)...)
		for i := 1; i < len(line); i++ {
			segs = append(segs, [2]vg.Point{line[i-1], line[i]})
		}
	}
	for _, j := range pl.joins {
		var line []vg.Point
		for _, i := range j {
			line = append(line, vg.Point{X: trX(pl.items[i].x), Y: trY(pl.items[i].y)})
		}
		stroke(draw.LineStyle{Color: pl.items[j[0]].color, Width: vg.Points(1.2)}, line)
	}
	if len(pl.frontier) > 1 {
		var line []vg.Point
		for _, f := range pl.frontier {
			line = append(line, vg.Point{X: trX(f[0]), Y: trY(f[1])})
		}
		stroke(draw.LineStyle{Color: frontierInk, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}, line)
	}
	r := dotRadius
	var clusters []*cluster
	near := map[[2]int][]int{} // clusters by cell of side r: a match lies in the 3×3 cells around
	cellOf := func(p vg.Point) [2]int {
		return [2]int{int(math.Floor(float64(p.X / r))), int(math.Floor(float64(p.Y / r)))}
	}
	for _, d := range pl.items {
		pt := vg.Point{X: trX(d.x), Y: trY(d.y)}
		bar := draw.LineStyle{Color: d.color, Width: vg.Points(0.8)}
		if d.xlo != d.xhi {
			stroke(bar, []vg.Point{{X: trX(d.xlo), Y: pt.Y}, {X: trX(d.xhi), Y: pt.Y}})
		}
		if d.ylo != d.yhi {
			stroke(bar, []vg.Point{{X: pt.X, Y: trY(d.ylo)}, {X: pt.X, Y: trY(d.yhi)}})
		}
		var into *cluster
		first := len(clusters) // the earliest cluster within r, as a scan in order would find
		c0 := cellOf(pt)
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				for _, i := range near[[2]int{c0[0] + dx, c0[1] + dy}] {
					k := clusters[i]
					if i < first && math.Hypot(float64(k.at.X-pt.X), float64(k.at.Y-pt.Y)) < float64(r) {
						first = i
					}
				}
			}
		}
		if first < len(clusters) {
			into = clusters[first]
		} else {
			into = &cluster{at: pt, x: d.x, y: d.y, hollow: true}
			near[c0] = append(near[c0], len(clusters))
			clusters = append(clusters, into)
		}
		into.labels = append(into.labels, d.label)
		into.apart = into.apart || d.x != into.x || d.y != into.y
		into.hollow = into.hollow && d.hollow
		if !containsColor(into.colors, d.color) {
			into.colors = append(into.colors, d.color)
		}
	}
	taken := newSpatialIndex(c.Rectangle, 6*r)
	for _, sg := range segs {
		taken.addSeg(sg)
	}
	for _, k := range clusters {
		drawDot(&c, k.at, r, k.colors, k.hollow)
		taken.addBox(vg.Rectangle{Min: vg.Point{X: k.at.X - r, Y: k.at.Y - r}, Max: vg.Point{X: k.at.X + r, Y: k.at.Y + r}})
	}
	text := textStyle(8, ink)
	for _, k := range clusters {
		label := joinLabels(k.labels, k.apart)
		box, far := placeLabel(text, label, k.at, r, taken, c.Rectangle)
		taken.addBox(box)
		if far {
			to := nearestOnBox(box, k.at)
			c.StrokeLine2(draw.LineStyle{Color: softInk, Width: vg.Points(0.5)}, k.at.X, k.at.Y, to.X, to.Y)
		}
		c.FillText(text, box.Min, label)
	}
}

func containsColor(cs []color.NRGBA, c color.NRGBA) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// drawDot draws a dot: filled, split into wedges when merged points have
// several colours, or a ring when every merged figure is tentative.
func drawDot(c *draw.Canvas, at vg.Point, r vg.Length, colors []color.NRGBA, hollow bool) {
	circle := func(from, to float64) []vg.Point {
		pts := []vg.Point{at}
		for a := from; a <= to+1e-9; a += (to - from) / 24 {
			pts = append(pts, vg.Point{X: at.X + r*vg.Length(math.Cos(a)), Y: at.Y + r*vg.Length(math.Sin(a))})
		}
		return pts
	}
	if hollow {
		ring := circle(0, 2*math.Pi)[1:]
		c.FillPolygon(color.White, ring)
		c.StrokeLines(draw.LineStyle{Color: colors[0], Width: vg.Points(1.6)}, ring)
		return
	}
	n := float64(len(colors))
	for i, col := range colors {
		c.FillPolygon(col, circle(math.Pi/2+2*math.Pi*float64(i)/n, math.Pi/2+2*math.Pi*float64(i+1)/n))
	}
	c.StrokeLines(draw.LineStyle{Color: color.White, Width: vg.Points(0.7)}, circle(0, 2*math.Pi)[1:])
}

// placeLabel tries positions around a point — right, left, above, below,
// the diagonals, then further out — and returns the first whose box stays
// on the canvas and overlaps no earlier box and no line; far reports a
// position away from the point, which needs a leader line.
func placeLabel(t draw.TextStyle, label string, pt vg.Point, r vg.Length, taken *spatialIndex, area vg.Rectangle) (box vg.Rectangle, far bool) {
	w, h := t.Width(label), t.Height(label)
	gap := r + 2
	var first vg.Rectangle
	for i, k := range []vg.Length{1, 2.5, 4, 6, 9} {
		d := gap * k
		for j, off := range []vg.Point{{X: d, Y: -h / 2}, {X: -d - w, Y: -h / 2}, {X: -w / 2, Y: d}, {X: -w / 2, Y: -d - h},
			{X: d * 0.7, Y: d * 0.7}, {X: d * 0.7, Y: -d*0.7 - h}, {X: -d*0.7 - w, Y: d * 0.7}, {X: -d*0.7 - w, Y: -d*0.7 - h}} {
			box = vg.Rectangle{Min: vg.Point{X: pt.X + off.X, Y: pt.Y + off.Y}, Max: vg.Point{X: pt.X + off.X + w, Y: pt.Y + off.Y + h}}
			if i == 0 && j == 0 {
				first = box
			}
			if inside(box, area) && !taken.overlaps(box) && !taken.crosses(box) {
				return box, i > 0
			}
		}
	}
	return first, false
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

// crossesAny reports whether any segment passes through the box
// (Liang–Barsky clipping).
func crossesAny(b vg.Rectangle, segs [][2]vg.Point) bool {
	for _, s := range segs {
		t0, t1 := 0.0, 1.0
		dx, dy := float64(s[1].X-s[0].X), float64(s[1].Y-s[0].Y)
		ok := true
		for _, e := range [4][2]float64{
			{-dx, float64(s[0].X - b.Min.X)}, {dx, float64(b.Max.X - s[0].X)},
			{-dy, float64(s[0].Y - b.Min.Y)}, {dy, float64(b.Max.Y - s[0].Y)},
		} {
			p, q := e[0], e[1]
			if p == 0 {
				if q < 0 {
					ok = false
				}
				continue
			}
			t := q / p
			if p < 0 {
				t0 = math.Max(t0, t)
			} else {
				t1 = math.Min(t1, t)
			}
		}
		if ok && t0 <= t1 {
			return true
		}
	}
	return false
}

// nearestOnBox returns the point of b nearest to p.
func nearestOnBox(b vg.Rectangle, p vg.Point) vg.Point {
	return vg.Point{X: max(b.Min.X, min(p.X, b.Max.X)), Y: max(b.Min.Y, min(p.Y, b.Max.Y))}
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

// Thumbnail implements plot.Thumbnailer.
func (hollowSwatch) Thumbnail(c *draw.Canvas) {
	drawDot(c, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}, dotRadius, []color.NRGBA{grey}, true)
}
