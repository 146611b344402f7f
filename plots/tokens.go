package plots

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/units"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A TokenCurve is one chip's throughput-versus-interactivity frontier:
// points from most interactive (tokens per second per user) to highest
// throughput (tokens per second per chip).
type TokenCurve struct {
	Label     string
	Group     string       // vendor: picks the colour
	Points    [][2]float64 // {per user, per chip}, tokens per second
	Tentative bool         // rests on target figures: drawn dashed
}

// Interactivity plots tokens per second per chip against tokens per second
// per user for several chips serving one model: the curve a serving stack
// moves along by choosing its batch size, up and to the right is better.
type Interactivity struct {
	Caption
	Display units.Display // of both axes
	Curves  []TokenCurve
	// MinPerUser, when positive, draws the per-token latency limit as a
	// vertical line at 1 ÷ TPOT tokens per second per user.
	MinPerUser float64
	Missing    []string
}

// Figure builds the chart: log axes, one line per chip, the limit line.
func (in Interactivity) Figure() (*Figure, error) {
	if len(in.Curves) == 0 {
		return nil, fmt.Errorf("plots: %q has no curves to draw", in.Title)
	}
	var groups []string
	var vals []float64
	for _, c := range in.Curves {
		if len(c.Points) == 0 {
			return nil, fmt.Errorf("plots: %q: %s has no points", in.Title, c.Label)
		}
		for _, p := range c.Points {
			if err := checkFinite(in.Title, c.Label, p[0], p[1]); err != nil {
				return nil, err
			}
			if p[0] <= 0 || p[1] <= 0 {
				return nil, fmt.Errorf("plots: %q: %s: a log axis needs positive values, not %v", in.Title, c.Label, p)
			}
			vals = append(vals, p[0], p[1])
		}
		groups = append(groups, c.Group)
	}
	sc := in.Display.CommonScale(vals)
	conv := func(v float64) float64 { return v * sc.PerBase / sc.Factor }
	p := newPlot(axisLabel("tokens per second per user (interactivity)", sc.Unit()), "")
	logAxis(&p.X)
	logAxis(&p.Y)
	pal := newPalette(groups)
	dashes := [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}, {vg.Points(8), vg.Points(2), vg.Points(2), vg.Points(2)}}
	seen := map[string]int{}
	var legend []LegendEntry
	for _, c := range in.Curves {
		pts := make(plotter.XYs, len(c.Points))
		for i, q := range c.Points {
			pts[i] = plotter.XY{X: conv(q[0]), Y: conv(q[1])}
		}
		sort.Slice(pts, func(i, j int) bool { return pts[i].X < pts[j].X })
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("plots: %s: %w", c.Label, err)
		}
		style := draw.LineStyle{Color: pal.color(c.Group), Width: vg.Points(2), Dashes: dashes[seen[c.Group]%len(dashes)]}
		if c.Tentative {
			style.Width = vg.Points(1.2)
		}
		seen[c.Group]++
		l.LineStyle = style
		p.Add(l)
		legend = append(legend, LegendEntry{Label: c.Label, Thumb: lineSwatch{style}})
	}
	// The frontier's far end (a whole scale-up domain serving one
	// sequence) falls steeply; two decades below the best throughput show
	// the useful part.
	var top float64
	for _, c := range in.Curves {
		for _, q := range c.Points {
			top = max(top, conv(q[1]))
		}
	}
	p.Y.Min = top / 100
	// Headroom above the best curve, so that no curve runs along the
	// frame and reads as clipped.
	p.Y.Max = top * 1.5
	if in.MinPerUser > 0 {
		// The label at the foot of the line: at the top it sits on the
		// curves of the fastest chips, which start near the limit.
		p.Add(vline{X: conv(in.MinPerUser), Label: fmt.Sprintf("TPOT limit %s ms", units.FormatNumber(1e3/in.MinPerUser)), Color: grey, Bottom: true})
	}
	c := in.Caption
	if len(in.Missing) > 0 {
		c.Footnote = append(c.Footnote, "Not shown (missing data): "+strings.Join(in.Missing, "; "))
	}
	f := c.figure(legend, p)
	f.YLabel = axisLabel("tokens per second per chip (throughput)", sc.Unit())
	return f, nil
}

// lineSwatch is a legend key drawn as a short line in a curve's style.
type lineSwatch struct{ style draw.LineStyle }

// Thumbnail implements plot.Thumbnailer.
func (s lineSwatch) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(s.style, c.Min.X, y, c.Max.X, y)
}

var _ plot.Thumbnailer = lineSwatch{}
