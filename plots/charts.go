package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/hwcmp/hwcmp/units"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A ClaimMark is one claim on the claims chart: its claimed band and the
// value hwcmp computed, both divided by the claimed value so that claims
// of any unit share one axis; the actual numbers are written beside it.
type ClaimMark struct {
	Label         string // a short statement
	Group         string // who made the claim: rows are grouped by it
	Claimed       float64
	Low, High     float64 // the claimed band; ±Inf-free: open bounds set OpenLow/OpenHigh
	OpenLow       bool    // "at most": no lower bound
	OpenHigh      bool    // "at least": no upper bound
	Tolerance     float64 // relative
	Value, Lo, Hi float64 // computed, with range; ignored when !HasValue
	HasValue      bool
	Tentative     bool   // the computed value rests on estimates or targets
	Verdict       string // supported, close, contradicted, unverifiable, mismatch
	Numbers       string // the actual numbers, e.g. "claimed 0.6, computed 0.55"
}

// ClaimsChart shows each claim's claimed band against the computed value.
type ClaimsChart struct {
	Caption
	Claims []ClaimMark
}

// The claims axis spans computed ÷ claimed within these bounds; values
// beyond them are drawn at the edge with an arrow.
const claimsMin, claimsMax = 0.25, 4.0

// Figure builds the claims figure: x is computed ÷ claimed on a log axis,
// rows grouped by author with a header row each, the actual numbers in a
// column on the right; the figure grows tall enough for every row.
func (cc ClaimsChart) Figure() (*Figure, error) {
	if len(cc.Claims) == 0 {
		return nil, fmt.Errorf("plots: no claims to draw")
	}
	var order []string
	byGroup := map[string][]ClaimMark{}
	for _, c := range cc.Claims {
		if err := checkFinite("claims", c.Label, c.Claimed, c.Low, c.High, c.Tolerance); err != nil {
			return nil, err
		}
		if c.Claimed <= 0 {
			return nil, fmt.Errorf("plots: claims: %s: claimed value %v must be positive", c.Label, c.Claimed)
		}
		if c.HasValue {
			if err := checkFinite("claims", c.Label, c.Value, c.Lo, c.Hi); err != nil {
				return nil, err
			}
			if c.Value <= 0 || c.Lo <= 0 {
				return nil, fmt.Errorf("plots: claims: %s: computed value must be positive on a log axis", c.Label)
			}
		}
		if _, ok := byGroup[c.Group]; !ok {
			order = append(order, c.Group)
		}
		byGroup[c.Group] = append(byGroup[c.Group], c)
	}
	cr := &claimRows{}
	var labels []string
	for _, g := range order {
		if g != "" {
			labels = append(labels, "")
			cr.rows = append(cr.rows, claimRow{header: g})
		}
		for _, c := range byGroup[g] {
			labels = append(labels, shorten(c.Label, 58))
			cr.rows = append(cr.rows, claimRow{mark: c})
		}
	}
	n := len(cr.rows)
	// Rows run top to bottom: position n-1 is the first.
	rev := make([]string, n)
	for i, l := range labels {
		rev[n-1-i] = l
	}
	p := newPlot("computed ÷ claimed (log scale; 1 = exactly as claimed)", "")
	p.X.Scale = plot.LogScale{}
	p.X.Min, p.X.Max = claimsMin/1.1, claimsMax*9 // the right part holds the numbers
	var ticks []plot.Tick
	for _, v := range []float64{0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4} {
		t := plot.Tick{Value: v}
		if v != 0.75 && v != 1.5 && v != 3 {
			t.Label = fmt.Sprintf("%g×", v)
		}
		ticks = append(ticks, t)
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Add(cr)
	p.NominalY(rev...)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Y.Tick.Label.Font = sansFont(8)
	verdicts := map[string]bool{}
	tentative := false
	for _, c := range cc.Claims {
		verdicts[c.Verdict] = true
		tentative = tentative || (c.HasValue && c.Tentative)
	}
	var legend []LegendEntry
	legend = append(legend, LegendEntry{Label: "claimed band ± tolerance", Thumb: swatch{color: bandInk}})
	for _, v := range []string{"supported", "close", "contradicted", "unverifiable", "mismatch"} {
		if verdicts[v] {
			legend = append(legend, LegendEntry{Label: v, Thumb: dotSwatch{color: VerdictColor(v)}})
		}
	}
	if tentative {
		legend = append(legend, LegendEntry{Label: "computed from estimates or targets (hollow)", Thumb: hollowSwatch{}})
	}
	f := cc.Caption.figure(legend, p)
	f.Rows = n
	return f, nil
}

var bandInk = color.NRGBA{0xd4, 0xd4, 0xd4, 0xff}

// shorten cuts s to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

type claimRow struct {
	header string // a group's name, for a header row
	mark   ClaimMark
}

// claimRows draws the claims: grey bands, computed dots with ranges,
// arrows at the axis's ends, and the numbers on the right.
type claimRows struct{ rows []claimRow }

func (cr *claimRows) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(cr.rows)
	xl, xr := trX(claimsMin), trX(claimsMax)
	clampX := func(v float64) (vg.Length, bool) {
		switch {
		case v < claimsMin:
			return xl, true
		case v > claimsMax:
			return xr, true
		}
		return trX(v), false
	}
	// Grid and the line at 1.
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if t.Label == "" {
			continue
		}
		st := draw.LineStyle{Color: gridInk, Width: vg.Points(0.6)}
		if t.Value == 1 {
			st = draw.LineStyle{Color: softInk, Width: vg.Points(1)}
		}
		c.StrokeLine2(st, trX(t.Value), c.Min.Y, trX(t.Value), c.Max.Y)
	}
	rowH := trY(1) - trY(0)
	half := min(rowH*0.32, 7)
	text := textStyle(7.5, ink)
	text.XAlign, text.YAlign = draw.XLeft, draw.YCenter
	for i, r := range cr.rows {
		y := trY(float64(n - 1 - i))
		if r.header != "" {
			if i > 0 {
				c.StrokeLine2(draw.LineStyle{Color: frameInk, Width: vg.Points(0.5)}, c.Min.X, y+rowH/2, c.Max.X, y+rowH/2)
			}
			// The group's name heads its rows, on a white ground.
			t := textStyle(8.5, ink)
			t.Font = boldFont(8.5)
			t.YAlign = draw.YCenter
			w, h := t.Width(r.header), t.Height(r.header)
			at := vg.Point{X: c.Min.X + 3, Y: y}
			c.FillPolygon(color.White, []vg.Point{{X: at.X - 2, Y: y - h/2}, {X: at.X + w + 2, Y: y - h/2}, {X: at.X + w + 2, Y: y + h/2}, {X: at.X - 2, Y: y + h/2}})
			c.FillText(t, at, r.header)
			continue
		}
		m := r.mark
		lo, hi := m.Low/m.Claimed*(1-m.Tolerance), m.High/m.Claimed*(1+m.Tolerance)
		bl, _ := clampX(lo)
		bh, _ := clampX(hi)
		if m.OpenLow {
			bl = xl
		}
		if m.OpenHigh {
			bh = xr
		}
		c.FillPolygon(bandInk, []vg.Point{{X: bl, Y: y - half}, {X: bh, Y: y - half}, {X: bh, Y: y + half}, {X: bl, Y: y + half}})
		if m.OpenHigh {
			arrow(&c, vg.Point{X: xr, Y: y}, 1, bandInk, half)
		}
		if m.OpenLow {
			arrow(&c, vg.Point{X: xl, Y: y}, -1, bandInk, half)
		}
		col := VerdictColor(m.Verdict)
		if m.HasValue {
			vl, _ := clampX(m.Lo / m.Claimed)
			vh, _ := clampX(m.Hi / m.Claimed)
			if vl != vh {
				c.StrokeLine2(draw.LineStyle{Color: darker(col), Width: vg.Points(1.2)}, vl, y, vh, y)
			}
			x, off := clampX(m.Value / m.Claimed)
			if off {
				dir := vg.Length(1)
				if x == xl {
					dir = -1
				}
				arrow(&c, vg.Point{X: x, Y: y}, dir, col, half*1.2)
			} else {
				drawDot(&c, vg.Point{X: x, Y: y}, min(half, dotRadius), []color.NRGBA{col}, m.Tentative)
			}
		} else {
			t := textStyle(7.5, darker(col))
			t.XAlign, t.YAlign = draw.XCenter, draw.YCenter
			c.FillText(t, vg.Point{X: trX(1), Y: y}, m.Verdict)
		}
		c.FillText(text, vg.Point{X: xr + 10, Y: y}, m.Numbers)
	}
}

// arrow draws a triangle pointing left (dir -1) or right (dir 1) with its
// tip at tip.
func arrow(c *draw.Canvas, tip vg.Point, dir vg.Length, col color.NRGBA, half vg.Length) {
	back := tip.X - dir*half*1.6
	c.FillPolygon(col, []vg.Point{tip, {X: back, Y: tip.Y + half}, {X: back, Y: tip.Y - half}})
}

type dotSwatch struct{ color color.NRGBA }

// Thumbnail implements plot.Thumbnailer.
func (s dotSwatch) Thumbnail(c *draw.Canvas) {
	drawDot(c, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}, dotRadius, []color.NRGBA{s.color}, false)
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
// reference lines. Colour means the operator in both panels.
type GWChart struct {
	Caption
	Sites                []Site
	CapexRef, RevenueRef float64 // USD per GW, USD per GW-year; 0 for none
	CapexRefLabel        string
	RevenueRefLabel      string
}

// Figure builds the two panels.
func (g GWChart) Figure() (*Figure, error) {
	money := units.Money.Display()
	var groups []string
	for _, s := range g.Sites {
		groups = append(groups, s.Group)
	}
	pal := newPalette(groups)
	tentative := false
	rows := 0
	panel := func(title string, value func(Site) (float64, float64, float64), ref float64, refLabel string) (*plot.Plot, error) {
		var sites []Site
		var vals []float64
		for _, s := range g.Sites {
			v, lo, hi := value(s)
			if err := checkFinite(title, s.Label, v, lo, hi); err != nil {
				return nil, err
			}
			if v > 0 {
				sites = append(sites, s)
				vals = append(vals, v, hi)
			}
		}
		if len(sites) == 0 {
			return nil, fmt.Errorf("plots: %s: no site has a value", title)
		}
		sort.SliceStable(sites, func(i, j int) bool { a, _, _ := value(sites[i]); b, _, _ := value(sites[j]); return a > b })
		sc := money.CommonScale(append(vals, ref))
		conv := func(v float64) float64 { return v / sc.Factor }
		p := newPlot("USD "+sc.Prefix, "")
		p.Title.Text = title
		p.Add(valueGrid{vertical: true})
		s := newSpans()
		labels := make([]string, len(sites))
		for i, r := range sites {
			v, lo, hi := value(r)
			pos := float64(len(sites) - 1 - i)
			labels[len(sites)-1-i] = r.Label
			sp := span{Pos: pos, To: conv(v), Color: pal.color(r.Group), Faint: r.Tentative, Label: sc.Format(v)}
			if lo != hi {
				sp.Lo, sp.Hi = conv(lo), conv(hi)
			}
			s.items = append(s.items, sp)
			tentative = tentative || r.Tentative
		}
		p.Add(s)
		p.NominalY(labels...)
		// Headroom above the first row for the reference line's label.
		p.Y.Min, p.Y.Max = -0.6, float64(len(sites))+0.1
		_, xmax, _, _ := s.DataRange()
		p.X.Min, p.X.Max = 0, math.Max(xmax, conv(ref))*1.15
		if ref > 0 {
			p.Add(vline{X: conv(ref), Label: refLabel, Color: vermilion})
		}
		rows = max(rows, len(sites))
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
	legend := groupLegend(pal, tentative)
	legend = append(legend, LegendEntry{Label: "reference figure", Thumb: refSwatch{vermilion}})
	f := g.Caption.figure(legend, capex, rev)
	f.Rows = rows
	return f, nil
}

// solidLine is a legend entry: a solid line, as joining lines are drawn.
type solidLine struct{ color color.NRGBA }

// Thumbnail implements plot.Thumbnailer.
func (s solidLine) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(draw.LineStyle{Color: s.color, Width: vg.Points(1.2)}, c.Min.X, y, c.Max.X, y)
}

type refSwatch struct{ color color.NRGBA }

// Thumbnail implements plot.Thumbnailer.
func (s refSwatch) Thumbnail(c *draw.Canvas) {
	x := (c.Min.X + c.Max.X) / 2
	c.StrokeLine2(draw.LineStyle{Color: s.color, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}, x, c.Min.Y, x, c.Max.Y)
}

// A Dated is one chip on a timeline.
type Dated struct {
	Label     string
	Group     string
	Date      time.Time
	Value     float64 // base units
	Tentative bool    // announced, not shipping: hollow
}

// Timeline plots a metric by launch date per vendor on a log axis, a
// vendor's generations joined by a line.
type Timeline struct {
	Caption
	Metric  string
	Display units.Display
	Items   []Dated
	Missing []string
}

// Figure builds the timeline.
func (t Timeline) Figure() (*Figure, error) {
	items := append([]Dated(nil), t.Items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Date.Before(items[j].Date) })
	var pts []Point
	for _, d := range items {
		y := float64(d.Date.Year()) + float64(d.Date.YearDay()-1)/365
		pts = append(pts, Point{Label: d.Label, Group: d.Group, X: y, XLo: y, XHi: y, Y: d.Value, YLo: d.Value, YHi: d.Value, Tentative: d.Tentative})
	}
	s := Scatter{Caption: t.Caption, XName: "launch date", YName: t.Metric, XDisplay: units.Display{Symbol: "", PerBase: 1, Class: units.Plain},
		YDisplay: t.Display, Points: pts, LogY: true, Missing: t.Missing}
	p, ps, legend, yLabel, err := s.plot()
	if err != nil {
		return nil, err
	}
	p.X.Tick.Marker = yearTicks{}
	// Join each vendor's chips in date order.
	by := map[string][]int{}
	var order []string
	for i, d := range items {
		if _, ok := by[d.Group]; !ok {
			order = append(order, d.Group)
		}
		by[d.Group] = append(by[d.Group], i)
	}
	for _, g := range order {
		if len(by[g]) > 1 {
			ps.joins = append(ps.joins, by[g])
		}
	}
	for i := range legend {
		if _, ok := legend[i].Thumb.(hollowSwatch); ok {
			legend[i].Label = "announced, not yet shipping (hollow)"
		}
	}
	legend = append(legend, LegendEntry{Label: "a vendor's generations joined", Thumb: solidLine{grey}})
	c := t.Caption
	if len(t.Missing) > 0 {
		c.Footnote = append(c.Footnote, "Not shown (missing data): "+strings.Join(t.Missing, "; "))
	}
	f := c.figure(legend, p)
	f.YLabel = yLabel
	return f, nil
}

// yearTicks labels whole years, with unlabelled quarter marks.
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for y := math.Floor(min); y <= max; y++ {
		if y >= min {
			ts = append(ts, plot.Tick{Value: y, Label: fmt.Sprintf("%.0f", y)})
		}
		for q := 0.25; q < 1; q += 0.25 {
			if y+q >= min && y+q <= max {
				ts = append(ts, plot.Tick{Value: y + q})
			}
		}
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
// min(peak, intensity × bandwidth), on log-log axes. Chips with the same
// roof share one line and one label; the others differ in dash pattern
// within a vendor and are labelled at their right end.
type Roofline struct {
	Caption
	Precision string
	Chips     []RoofChip
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
	p := newPlot("arithmetic intensity (FLOP per byte of memory traffic, log scale)", "")
	logAxis(&p.X)
	logAxis(&p.Y)
	p.Add(valueGrid{vertical: true}, valueGrid{})
	lo, hi := math.Inf(1), 0.0
	for _, c := range r.Chips {
		ridge := c.Peak / c.Bandwidth
		lo, hi = math.Min(lo, ridge/30), math.Max(hi, ridge*6)
	}
	if !(lo > 0 && hi*8 < math.Inf(1) && sc.Factor > 0) { // a log axis needs a finite, positive range
		return nil, fmt.Errorf("plots: roofline: intensities from %g to %g FLOP/B cannot be drawn on a log axis", lo, hi)
	}
	rl := &roofLines{scale: sc.Factor, xmin: lo, xmax: hi}
	var groups []string
	for _, c := range r.Chips {
		groups = append(groups, c.Group)
	}
	pal := newPalette(groups)
	for _, c := range r.Chips {
		merged := false
		for i := range rl.roofs {
			o := &rl.roofs[i]
			if near(o.peak, c.Peak) && near(o.bw, c.Bandwidth) {
				o.labels = append(o.labels, c.Label)
				o.apart = o.apart || o.peak != c.Peak || o.bw != c.Bandwidth
				merged = true
				break
			}
		}
		if merged {
			continue
		}
		// The dash pattern differs from every earlier roof of the same
		// colour and every earlier roof whose slope or flat part nearly
		// coincides with this one's.
		used := map[int]bool{}
		for _, o := range rl.roofs {
			if o.color == pal.color(c.Group) || math.Abs(o.bw/c.Bandwidth-1) < 0.05 || math.Abs(o.peak/c.Peak-1) < 0.05 {
				used[o.dash] = true
			}
		}
		d := 0
		for used[d] {
			d++
		}
		rl.roofs = append(rl.roofs, roof{labels: []string{c.Label}, peak: c.Peak, bw: c.Bandwidth, color: pal.color(c.Group), dash: d})
	}
	p.Add(rl)
	p.X.Min, p.X.Max = lo, hi*8 // the right part holds the labels
	ymin, ymax := math.Inf(1), 0.0
	for _, c := range r.Chips {
		ymin, ymax = math.Min(ymin, lo*c.Bandwidth/sc.Factor), math.Max(ymax, c.Peak/sc.Factor)
	}
	p.Y.Min, p.Y.Max = ymin, ymax*1.25
	f := r.Caption.figure(pal.legend(), p)
	f.YLabel = axisLabel("attainable "+strings.ToUpper(r.Precision)+" throughput", sc.Unit()) + ", log scale"
	return f, nil
}

// near reports whether a and b differ by less than 1%.
func near(a, b float64) bool { return math.Abs(a-b) <= 0.01*math.Max(math.Abs(a), math.Abs(b)) }

var dashes = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}, {vg.Points(8), vg.Points(2), vg.Points(2), vg.Points(2)}}

type roof struct {
	labels   []string
	apart    bool // merged roofs whose figures differ by up to 1%
	peak, bw float64
	color    color.NRGBA
	dash     int
}

type roofLines struct {
	roofs      []roof
	scale      float64
	xmin, xmax float64
}

func (rl *roofLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	type label struct {
		text string
		y    vg.Length
		col  color.NRGBA
	}
	var labels []label
	for _, r := range rl.roofs {
		ridge := r.peak / r.bw
		pts := []vg.Point{
			{X: trX(rl.xmin), Y: trY(rl.xmin * r.bw / rl.scale)},
			{X: trX(ridge), Y: trY(r.peak / rl.scale)},
			{X: trX(rl.xmax), Y: trY(r.peak / rl.scale)},
		}
		st := draw.LineStyle{Color: r.color, Width: vg.Points(1.8), Dashes: dashes[r.dash%len(dashes)]}
		c.StrokeLines(st, c.ClipLinesXY(pts)...)
		// A dot at the ridge point, where the chip turns compute-bound.
		c.DrawGlyph(draw.GlyphStyle{Color: r.color, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}, pts[1])
		labels = append(labels, label{text: fmt.Sprintf("%s (ridge %.0f)", joinLabels(r.labels, r.apart), ridge), y: pts[2].Y, col: darker(r.color)})
	}
	// Labels at the right end of each roof, nudged apart vertically.
	st := textStyle(8, ink)
	h := st.Height("Xg")
	sort.SliceStable(labels, func(i, j int) bool { return labels[i].y > labels[j].y })
	for i := 1; i < len(labels); i++ {
		if labels[i].y > labels[i-1].y-h {
			labels[i].y = labels[i-1].y - h
		}
	}
	x := trX(rl.xmax) + 4
	for _, l := range labels {
		t := st
		t.Color = l.col
		t.YAlign = draw.YCenter
		c.FillText(t, vg.Point{X: x, Y: l.y}, l.text)
	}
}

// A Swing is one bar of a tornado chart.
type Swing struct {
	Label           string  // the assumption and its low–high values
	OutLow, OutHigh float64 // the model output at the assumption's low and high value
}

// Tornado shows which assumption moves a model output the most.
type Tornado struct {
	Caption
	Output  string // axis label, without unit
	Display units.Display
	Base    float64 // the output at the scenario's values
	Swings  []Swing // widest first
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
	p := newPlot(axisLabel(t.Output, sc.Unit()), "")
	p.Add(valueGrid{vertical: true})
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
	p.X.Min, p.X.Max = xmin-0.05*d, xmax+0.25*d
	p.Y.Min, p.Y.Max = -0.6, float64(n)+0.1
	p.Add(vline{X: conv(t.Base), Label: "scenario: " + sc.Format(t.Base), Color: color.NRGBA{0x20, 0x20, 0x20, 0xff}})
	legend := []LegendEntry{
		{Label: "assumption lowers the output", Thumb: swatch{color: blue}},
		{Label: "assumption raises it", Thumb: swatch{color: orange}},
	}
	f := t.Caption.figure(legend, p)
	f.Rows = n
	return f, nil
}
