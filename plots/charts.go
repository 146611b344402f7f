package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/hwcmp/hwcmp/units"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A ClaimMark is one claim on the claims chart: its claimed band and the
// value hwcmp computed, both divided by the claimed value so that claims
// of any unit share one axis.
type ClaimMark struct {
	Label         string
	Claimed       float64 // the claimed value (the band's midpoint for a band)
	Low, High     float64 // the claimed band
	Tolerance     float64 // relative
	Value, Lo, Hi float64 // computed, with range; ignored when !HasValue
	HasValue      bool
	Verdict       string
}

// ClaimsChart shows each claim's claimed band against the computed value.
type ClaimsChart struct {
	Title    string
	Claims   []ClaimMark
	Footnote []string
}

// Figure builds the claims figure: x is computed ÷ claimed on a log axis.
func (cc ClaimsChart) Figure() (*Figure, error) {
	if len(cc.Claims) == 0 {
		return nil, fmt.Errorf("plots: no claims to draw")
	}
	p := newPlot(cc.Title, "computed ÷ claimed (1 = exactly as claimed; grey: claimed band widened by the tolerance)", "")
	p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	s := newSpans()
	n := len(cc.Claims)
	labels := make([]string, n)
	// The axis spans the computed values and finite bands, within
	// [1/8, 8]: open bounds (at least, at most) run off the chart.
	lo, hi := 0.5, 2.0
	verdicts := map[string]bool{}
	for i, c := range cc.Claims {
		if err := checkFinite("claims", c.Label, c.Claimed, c.Low, c.High, c.Tolerance); err != nil {
			return nil, err
		}
		if c.Claimed <= 0 {
			return nil, fmt.Errorf("plots: claims: %s: claimed value %v must be positive", c.Label, c.Claimed)
		}
		pos := float64(n - 1 - i)
		labels[n-1-i] = c.Label
		bl, bh := c.Low/c.Claimed*(1-c.Tolerance), c.High/c.Claimed*(1+c.Tolerance)
		s.items = append(s.items, span{Pos: pos, From: bl, To: bh, Color: color.NRGBA{0xd8, 0xd8, 0xd8, 0xff}, Half: 0.38})
		verdicts[c.Verdict] = true
		if !c.HasValue {
			s.items = append(s.items, span{Pos: pos, From: 1, To: 1, Color: VerdictColor(c.Verdict), Half: 0.01, Label: c.Verdict})
			continue
		}
		if err := checkFinite("claims", c.Label, c.Value, c.Lo, c.Hi); err != nil {
			return nil, err
		}
		v, vl, vh := c.Value/c.Claimed, c.Lo/c.Claimed, c.Hi/c.Claimed
		if v <= 0 || vl <= 0 {
			return nil, fmt.Errorf("plots: claims: %s: computed value must be positive on a log axis", c.Label)
		}
		w := 1.04
		sp := span{Pos: pos, From: v / w, To: v * w, Color: VerdictColor(c.Verdict), Half: 0.3, Label: fmt.Sprintf("%.3g", v)}
		if vl != vh {
			sp.Lo, sp.Hi = vl, vh
		}
		s.items = append(s.items, sp)
		lo, hi = math.Min(lo, vl), math.Max(hi, vh)
		if c.Low > 0 && c.High < 100*c.Claimed {
			lo, hi = math.Min(lo, bl), math.Max(hi, bh)
		}
	}
	lo, hi = math.Max(lo, 1.0/8), math.Min(hi, 8)
	p.Add(s)
	p.NominalY(labels...)
	p.X.Min, p.X.Max = lo/1.3, hi*1.6
	p.Add(vline{X: 1, Color: color.NRGBA{0x40, 0x40, 0x40, 0xff}})
	var ticks []plot.Tick
	for _, v := range []float64{0.125, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 4, 8} {
		if v >= p.X.Min && v <= p.X.Max {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Legend.Top, p.Legend.Left = true, true
	for _, v := range []string{"supported", "close", "contradicted", "unverifiable", "mismatch"} {
		if verdicts[v] {
			p.Legend.Add(v, swatch{color: VerdictColor(v)})
		}
	}
	return &Figure{Plots: []*plot.Plot{p}, Footnote: cc.Footnote}, nil
}

// A Site is one row of the per-GW economics chart.
type Site struct {
	Label     string
	Group     string
	Capex     float64 // USD per GW; 0 if unknown
	CapexLo   float64
	CapexHi   float64
	Revenue   float64 // USD per GW-year; 0 if unknown
	RevenueLo float64
	RevenueHi float64
	Tentative bool
}

// GWChart shows capex per GW and revenue per GW-year side by side, with
// reference lines.
type GWChart struct {
	Title                string
	Sites                []Site
	CapexRef, RevenueRef float64 // USD per GW, USD per GW-year; 0 for none
	CapexRefLabel        string
	RevenueRefLabel      string
	Footnote             []string
}

// Figure builds the two panels.
func (g GWChart) Figure() (*Figure, error) {
	money := units.Money.Display()
	panel := func(title string, value func(Site) (float64, float64, float64), ref float64, refLabel string) (*plot.Plot, error) {
		var rows []Site
		var vals []float64
		for _, s := range g.Sites {
			v, lo, hi := value(s)
			if err := checkFinite(title, s.Label, v, lo, hi); err != nil {
				return nil, err
			}
			if v > 0 {
				rows = append(rows, s)
				vals = append(vals, v, hi)
			}
		}
		if len(rows) == 0 {
			return nil, fmt.Errorf("plots: %s: no site has a value", title)
		}
		sort.SliceStable(rows, func(i, j int) bool { a, _, _ := value(rows[i]); b, _, _ := value(rows[j]); return a > b })
		sc := money.CommonScale(append(vals, ref))
		conv := func(v float64) float64 { return v / sc.Factor }
		p := newPlot(title, "USD "+sc.Prefix, "")
		s := newSpans()
		labels := make([]string, len(rows))
		groups := map[string]bool{}
		tentative := false
		for i, r := range rows {
			v, lo, hi := value(r)
			pos := float64(len(rows) - 1 - i)
			labels[len(rows)-1-i] = r.Label
			sp := span{Pos: pos, To: conv(v), Color: VendorColor(r.Group), Faint: r.Tentative, Label: sc.Format(v)}
			if lo != hi {
				sp.Lo, sp.Hi = conv(lo), conv(hi)
			}
			s.items = append(s.items, sp)
			groups[r.Group] = true
			tentative = tentative || r.Tentative
		}
		p.Add(s)
		p.NominalY(labels...)
		_, xmax, _, _ := s.DataRange()
		p.X.Min, p.X.Max = 0, math.Max(xmax, conv(ref))*1.18
		if ref > 0 {
			p.Add(vline{X: conv(ref), Label: refLabel, Color: vermilion})
		}
		addGroupLegend(p, groups, tentative)
		p.Legend.Top = false
		return p, nil
	}
	capex, err := panel("Capex per GW", func(s Site) (float64, float64, float64) { return s.Capex, s.CapexLo, s.CapexHi }, g.CapexRef, g.CapexRefLabel)
	if err != nil {
		return nil, err
	}
	rev, err := panel("Revenue per GW-year", func(s Site) (float64, float64, float64) { return s.Revenue, s.RevenueLo, s.RevenueHi }, g.RevenueRef, g.RevenueRefLabel)
	if err != nil {
		return nil, err
	}
	return &Figure{Plots: []*plot.Plot{capex, rev}, Footnote: append([]string{g.Title}, g.Footnote...)}, nil
}

// A Dated is one chip on a timeline.
type Dated struct {
	Label     string
	Group     string
	Date      time.Time
	Value     float64 // base units
	Tentative bool    // not shipping: hollow
}

// Timeline plots a metric by launch date per vendor on a log axis.
type Timeline struct {
	Title    string
	Metric   string
	Display  units.Display
	Items    []Dated
	Missing  []string
	Footnote []string
}

// Figure builds the timeline.
func (t Timeline) Figure() (*Figure, error) {
	var pts []Point
	for _, d := range t.Items {
		y := float64(d.Date.Year()) + float64(d.Date.YearDay()-1)/365
		pts = append(pts, Point{Label: d.Label, Group: d.Group, X: y, XLo: y, XHi: y, Y: d.Value, YLo: d.Value, YHi: d.Value, Tentative: d.Tentative})
	}
	s := Scatter{Title: t.Title, XName: "launch (year)", YName: t.Metric, XDisplay: units.Display{Symbol: "", PerBase: 1, Class: units.Plain},
		YDisplay: t.Display, Points: pts, LogY: true, Missing: t.Missing, Footnote: t.Footnote}
	f, err := s.Figure()
	if err != nil {
		return nil, err
	}
	f.Plots[0].X.Tick.Marker = yearTicks{}
	f.Plots[0].Legend.Left = true
	return f, nil
}

// yearTicks labels whole years.
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for y := math.Ceil(min); y <= max; y++ {
		ts = append(ts, plot.Tick{Value: y, Label: fmt.Sprintf("%.0f", y)})
	}
	return ts
}

// A RoofChip is one chip on a roofline chart.
type RoofChip struct {
	Label     string
	Group     string
	Peak      float64 // FLOP/s
	Bandwidth float64 // B/s
}

// Roofline plots attainable throughput against arithmetic intensity:
// min(peak, intensity × bandwidth), on log-log axes.
type Roofline struct {
	Title     string
	Precision string
	Chips     []RoofChip
	Footnote  []string
}

// Figure builds the roofline.
func (r Roofline) Figure() (*Figure, error) {
	if len(r.Chips) == 0 {
		return nil, fmt.Errorf("plots: roofline has no chips")
	}
	var peaks []float64
	for _, c := range r.Chips {
		if err := checkFinite("roofline", c.Label, c.Peak, c.Bandwidth); err != nil {
			return nil, err
		}
		if c.Peak <= 0 || c.Bandwidth <= 0 {
			return nil, fmt.Errorf("plots: roofline: %s: peak and bandwidth must be positive", c.Label)
		}
		peaks = append(peaks, c.Peak)
	}
	sc := units.Throughput.Display().CommonScale(peaks)
	p := newPlot(r.Title, "arithmetic intensity (FLOP per byte of memory traffic)", axisLabel("attainable "+r.Precision+" throughput", sc.Unit()))
	p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	lo, hi := 1.0, 1.0
	for _, c := range r.Chips {
		ridge := c.Peak / c.Bandwidth
		lo, hi = math.Min(lo, ridge/20), math.Max(hi, ridge*8)
	}
	rl := &roofLines{scale: sc.Factor, xmin: lo, xmax: hi}
	seen := map[string]int{}
	for _, c := range r.Chips {
		rl.chips = append(rl.chips, c)
		rl.dash = append(rl.dash, seen[c.Group])
		seen[c.Group]++
		p.Legend.Add(fmt.Sprintf("%s (ridge %.0f FLOP/B)", c.Label, c.Peak/c.Bandwidth), roofSwatch{VendorColor(c.Group), rl.dash[len(rl.dash)-1]})
	}
	p.Add(rl)
	p.X.Min, p.X.Max = lo, hi
	ymin, ymax := math.Inf(1), 0.0
	for _, c := range r.Chips {
		ymin, ymax = math.Min(ymin, lo*c.Bandwidth/sc.Factor), math.Max(ymax, c.Peak/sc.Factor)
	}
	p.Y.Min, p.Y.Max = ymin, ymax*2
	p.Legend.Top, p.Legend.Left = false, false
	return &Figure{Plots: []*plot.Plot{p}, Footnote: r.Footnote}, nil
}

var dashes = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}, {vg.Points(8), vg.Points(2), vg.Points(2), vg.Points(2)}}

type roofLines struct {
	chips      []RoofChip
	dash       []int
	scale      float64
	xmin, xmax float64
}

func (rl *roofLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, ch := range rl.chips {
		ridge := ch.Peak / ch.Bandwidth
		pts := []vg.Point{
			{X: trX(rl.xmin), Y: trY(rl.xmin * ch.Bandwidth / rl.scale)},
			{X: trX(ridge), Y: trY(ch.Peak / rl.scale)},
			{X: trX(rl.xmax), Y: trY(ch.Peak / rl.scale)},
		}
		st := draw.LineStyle{Color: VendorColor(ch.Group), Width: vg.Points(1.6), Dashes: dashes[rl.dash[i]%len(dashes)]}
		c.StrokeLines(st, c.ClipLinesXY(pts)...)
	}
}

type roofSwatch struct {
	color color.NRGBA
	dash  int
}

func (s roofSwatch) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(draw.LineStyle{Color: s.color, Width: vg.Points(1.6), Dashes: dashes[s.dash%len(dashes)]}, c.Min.X, y, c.Max.X, y)
}

// A Swing is one bar of a tornado chart.
type Swing struct {
	Label           string  // the assumption and its low–high values
	OutLow, OutHigh float64 // the model output at the assumption's low and high value
}

// Tornado shows which assumption moves a model output the most.
type Tornado struct {
	Title    string
	Output   string // axis label, without unit
	Display  units.Display
	Base     float64 // the output at the scenario's values
	Swings   []Swing // widest first
	Footnote []string
}

// Figure builds the tornado.
func (t Tornado) Figure() (*Figure, error) {
	if len(t.Swings) == 0 {
		return nil, fmt.Errorf("plots: tornado has no swings")
	}
	vals := []float64{t.Base}
	for _, s := range t.Swings {
		if err := checkFinite(t.Title, s.Label, s.OutLow, s.OutHigh); err != nil {
			return nil, err
		}
		vals = append(vals, s.OutLow, s.OutHigh)
	}
	if err := checkFinite(t.Title, "base", t.Base); err != nil {
		return nil, err
	}
	sc := t.Display.CommonScale(vals)
	conv := func(v float64) float64 { return v * sc.PerBase / sc.Factor }
	p := newPlot(t.Title, axisLabel(t.Output, sc.Unit()), "")
	s := newSpans()
	n := len(t.Swings)
	labels := make([]string, n)
	for i, sw := range t.Swings {
		pos := float64(n - 1 - i)
		labels[n-1-i] = sw.Label
		lo, hi := math.Min(sw.OutLow, sw.OutHigh), math.Max(sw.OutLow, sw.OutHigh)
		s.items = append(s.items,
			span{Pos: pos, From: conv(lo), To: conv(t.Base), Color: blue},
			span{Pos: pos, From: conv(t.Base), To: conv(hi), Color: orange, Label: sc.Format(lo) + "–" + sc.Format(hi)})
	}
	p.Add(s)
	p.NominalY(labels...)
	xmin, xmax, _, _ := s.DataRange()
	d := xmax - xmin
	p.X.Min, p.X.Max = xmin-0.05*d, xmax+0.3*d
	p.Add(vline{X: conv(t.Base), Label: "scenario: " + sc.Format(t.Base), Color: color.NRGBA{0x20, 0x20, 0x20, 0xff}, Bottom: true})
	p.Legend.Add("below the scenario's value", swatch{color: blue})
	p.Legend.Add("above it", swatch{color: orange})
	p.Legend.Top = false
	return &Figure{Plots: []*plot.Plot{p}, Footnote: t.Footnote}, nil
}
