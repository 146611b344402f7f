package plots

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/units"
	"gonum.org/v1/plot"
)

// A Caption is the text around a chart: what it shows, how to read it,
// what is missing and where the numbers come from.
type Caption struct {
	Title       string   // plain words: "FP8 dense throughput per watt, per chip"
	Subtitle    string   // how to read it
	Footnote    []string // notes
	Sources     []string // short document names, most used first
	MoreSources int      // documents not named in Sources
}

// figure returns a figure with the caption's text around plots.
func (c Caption) figure(legend []LegendEntry, ps ...*plot.Plot) *Figure {
	return &Figure{Title: c.Title, Subtitle: c.Subtitle, Legend: legend, Plots: ps,
		Footnote: append([]string(nil), c.Footnote...), Sources: c.Sources, MoreSources: c.MoreSources}
}

// A Bar is one item of a ranking.
type Bar struct {
	Label     string  // the display name
	Group     string  // vendor: picks the colour
	Value     float64 // base units
	Lo, Hi    float64 // range in base units; Lo == Hi == Value for a point
	Tentative bool    // a target or estimate: drawn hatched
	Mark      string  // appended to the value label, e.g. " (bf16)" for a fallback
}

// A Ranking is a horizontal bar chart of one metric, best first.
type Ranking struct {
	Caption        // the title gets the unit appended
	Metric  string // axis label, without unit
	Display units.Display
	Bars    []Bar    // in rank order, best first
	Missing []string // "reason: ids" for items without a value
}

// Figure builds the ranking's figure.
func (r Ranking) Figure() (*Figure, error) {
	if len(r.Bars) == 0 {
		return nil, fmt.Errorf("plots: ranking %q has no values to draw", r.Title)
	}
	var vals []float64
	var groups []string
	for _, b := range r.Bars {
		if err := checkFinite(r.Title, b.Label, b.Value, b.Lo, b.Hi); err != nil {
			return nil, err
		}
		vals = append(vals, b.Value, b.Lo, b.Hi)
		groups = append(groups, b.Group)
	}
	sc := r.Display.CommonScale(vals)
	conv := func(v float64) float64 { return v * sc.PerBase / sc.Factor }
	p := newPlot(axisLabel(r.Metric, sc.Unit()), "")
	p.Add(valueGrid{vertical: true})
	pal := newPalette(groups)
	s := newSpans()
	n := len(r.Bars)
	labels := make([]string, n)
	tentative := false
	for i, b := range r.Bars {
		pos := float64(n - 1 - i)
		labels[n-1-i] = b.Label
		sp := span{Pos: pos, From: 0, To: conv(b.Value), Color: pal.color(b.Group), Faint: b.Tentative,
			Label: sc.Format(b.Value) + b.Mark}
		if b.Lo != b.Hi {
			sp.Lo, sp.Hi = conv(b.Lo), conv(b.Hi)
		}
		s.items = append(s.items, sp)
		tentative = tentative || b.Tentative
	}
	p.Add(s)
	p.NominalY(labels...)
	p.X.Min = 0
	_, xmax, _, _ := s.DataRange()
	p.X.Max = xmax * 1.12 // room for the value labels
	c := r.Caption
	c.Title = axisLabel(c.Title, sc.Unit())
	if len(r.Missing) > 0 {
		c.Footnote = append(c.Footnote, "Not shown (missing data): "+strings.Join(r.Missing, "; "))
	}
	f := c.figure(groupLegend(pal, tentative), p)
	f.Rows = n
	return f, nil
}

func axisLabel(name, unit string) string {
	if unit == "" {
		return name
	}
	return name + " (" + unit + ")"
}

// groupLegend is one entry per group and, if any figure is tentative, one
// saying how tentative figures look.
func groupLegend(pal palette, tentative bool) []LegendEntry {
	es := pal.legend()
	if tentative {
		es = append(es, LegendEntry{Label: "target or estimate (hatched)", Thumb: swatch{color: grey, faint: true}})
	}
	return es
}
