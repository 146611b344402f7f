package plots

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/units"
	"gonum.org/v1/plot"
)

// A Bar is one item of a ranking.
type Bar struct {
	Label     string  // e.g. the chip id
	Group     string  // vendor: picks the colour
	Value     float64 // base units
	Lo, Hi    float64 // range in base units; Lo == Hi == Value for a point
	Tentative bool    // a target or estimate: drawn lighter and dashed
	Mark      string  // appended to the value label, e.g. "*" for a fallback
}

// A Ranking is a horizontal bar chart of one metric, best first.
type Ranking struct {
	Title    string
	Metric   string        // axis label, without unit
	Display  units.Display // how the metric's base values read
	Bars     []Bar         // in rank order, best first
	Missing  []string      // "id: reason" for items without a value
	Footnote []string      // date, basis, precision ...
}

// Figure builds the ranking's figure.
func (r Ranking) Figure() (*Figure, error) {
	if len(r.Bars) == 0 {
		return nil, fmt.Errorf("plots: ranking %q has no values to draw", r.Title)
	}
	var vals []float64
	for _, b := range r.Bars {
		if err := checkFinite(r.Title, b.Label, b.Value, b.Lo, b.Hi); err != nil {
			return nil, err
		}
		vals = append(vals, b.Value, b.Lo, b.Hi)
	}
	sc := r.Display.CommonScale(vals)
	conv := func(v float64) float64 { return v * sc.PerBase / sc.Factor }
	p := newPlot(r.Title, axisLabel(r.Metric, sc.Unit()), "")
	s := newSpans()
	n := len(r.Bars)
	labels := make([]string, n)
	groups := map[string]bool{}
	tentative := false
	for i, b := range r.Bars {
		pos := float64(n - 1 - i)
		labels[n-1-i] = b.Label
		sp := span{Pos: pos, From: 0, To: conv(b.Value), Color: VendorColor(b.Group), Faint: b.Tentative,
			Label: sc.Format(b.Value) + b.Mark}
		if b.Lo != b.Hi {
			sp.Lo, sp.Hi = conv(b.Lo), conv(b.Hi)
		}
		s.items = append(s.items, sp)
		groups[b.Group] = true
		tentative = tentative || b.Tentative
	}
	p.Add(s)
	p.NominalY(labels...)
	p.X.Min = 0
	_, xmax, _, _ := s.DataRange()
	p.X.Max = xmax * 1.15 // room for the value labels
	addGroupLegend(p, groups, tentative)
	p.Legend.Top = false // the shortest bars leave the bottom right free
	foot := append([]string(nil), r.Footnote...)
	if len(r.Missing) > 0 {
		foot = append(foot, "Not shown (missing data): "+strings.Join(r.Missing, "; "))
	}
	return &Figure{Plots: []*plot.Plot{p}, Footnote: foot}, nil
}

func axisLabel(name, unit string) string {
	if unit == "" {
		return name
	}
	return name + " (" + unit + ")"
}

// addGroupLegend adds one entry per vendor and, if any figure is
// tentative, one saying how tentative figures look.
func addGroupLegend(p *plot.Plot, groups map[string]bool, tentative bool) {
	var names []string
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		p.Legend.Add(g, swatch{color: VendorColor(g)})
	}
	if tentative {
		p.Legend.Add("target or estimate (lighter, dashed)", swatch{color: grey, faint: true})
	}
}
