package plots

import (
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// sans is the charts' typeface: Liberation Sans, metric-compatible with
// Arial, is compiled into the binary with gonum/plot's font cache, so a
// chart looks the same on every machine and in every format.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// sansFont returns the charts' typeface at size pt.
func sansFont(pt vg.Length) font.Font { return font.From(sans, pt) }

// boldFont returns the bold typeface at size pt, for titles.
func boldFont(pt vg.Length) font.Font {
	f := font.From(sans, pt)
	f.Weight = xfont.WeightBold
	return f
}

// textStyle returns a text style in the charts' typeface.
func textStyle(pt vg.Length, c color.Color) draw.TextStyle {
	return draw.TextStyle{Color: c, Font: sansFont(pt), Handler: plot.DefaultTextHandler}
}

// Ink colours: text and lines that carry no data meaning.
var (
	ink      = color.Gray{0x22}
	softInk  = color.Gray{0x55}
	gridInk  = color.Gray{0xe4}
	frameInk = color.Gray{0x99}
)

// Tick sizes for the 1-2-5 tickers.
var mantissas125 = []float64{1, 2, 5}

// niceTicks labels a linear axis at multiples of 1, 2 or 5 × 10^k: the
// widest such step that still gives at least four labels, so that every
// axis can be read without counting unlabelled marks. When the axis length
// is known (room), the step widens until the labels fit it with a gap, so
// a narrow panel never prints its labels shoulder to shoulder.
type niceTicks struct {
	room  vg.Length      // the axis length; 0 when unknown
	label draw.TextStyle // the tick labels' style, to measure them
}

// Ticks implements plot.Ticker.
func (t niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: tickLabel(min, 1)}}
	}
	step := niceStep(max-min, 4)
	ts := stepTicks(min, max, step)
	for t.room > 0 && !t.fits(ts) {
		step = nextNice(step)
		wider := stepTicks(min, max, step)
		if labelCount(wider) < 2 { // an axis needs two labels to be read
			break
		}
		ts = wider
	}
	return ts
}

func labelCount(ts []plot.Tick) int {
	n := 0
	for _, t := range ts {
		if t.Label != "" {
			n++
		}
	}
	return n
}

// fits reports whether the labels of ts, each followed by a gap of one
// label height, fit in the axis length.
func (t niceTicks) fits(ts []plot.Tick) bool {
	var need vg.Length
	for _, tk := range ts {
		if tk.Label != "" {
			need += t.label.Width(tk.Label) + t.label.Height(tk.Label)
		}
	}
	return need <= t.room
}

// stepTicks labels the multiples of step in [min, max], with unlabelled
// minor ticks halfway when the step is a 1 or 2.
func stepTicks(min, max, step float64) []plot.Tick {
	var ts []plot.Tick
	for v := math.Ceil(min/step-1e-9) * step; v <= max+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: tickLabel(v, step)})
		if m := v + step/2; m < max && mantissa(step) != 5 {
			ts = append(ts, plot.Tick{Value: m})
		}
	}
	return ts
}

// nextNice returns the 1-2-5 step after step.
func nextNice(step float64) float64 {
	if mantissa(step) == 2 {
		return step * 2.5
	}
	return step * 2
}

// fitTicks tells a linear x axis how long it will be on canvas c, so its
// labels can thin out to fit. The length is measured with the unthinned
// labels, so that rendering twice gives the same chart.
func fitTicks(p *plot.Plot, c draw.Canvas) {
	t, ok := p.X.Tick.Marker.(niceTicks)
	if !ok {
		return
	}
	p.X.Tick.Marker = niceTicks{}
	da := p.DataCanvas(c)
	t.room, t.label = da.Max.X-da.Min.X, p.X.Tick.Label
	p.X.Tick.Marker = t
}

// niceStep returns the largest 1-2-5 step that fits at least n steps'
// worth of labels (n+... marks) in span.
func niceStep(span float64, n int) float64 {
	k := math.Floor(math.Log10(span))
	for e := k; e > k-4; e-- {
		for i := len(mantissas125) - 1; i >= 0; i-- {
			step := mantissas125[i] * math.Pow(10, e)
			if span/step >= float64(n-1) {
				return step
			}
		}
	}
	return math.Pow(10, k-4)
}

func mantissa(step float64) float64 {
	return math.Round(step / math.Pow(10, math.Floor(math.Log10(step))))
}

// logTicks labels a log axis at 1, 2 and 5 × 10^k (or only at powers of
// ten when they alone give at least four labels), with unlabelled minor
// ticks at the other integers; a range narrower than that falls back to
// the linear 1-2-5 steps.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return niceTicks{}.Ticks(min, max)
	}
	lo, hi := int(math.Floor(math.Log10(min))), int(math.Ceil(math.Log10(max)))
	sets := [][]float64{{1}, {1, 2, 5}, {1, 2, 3, 5, 7}}
	for _, set := range sets {
		var ts []plot.Tick
		labels := 0
		for e := lo; e <= hi; e++ {
			p := math.Pow(10, float64(e))
			for m := 1.0; m <= 9; m++ {
				v := m * p
				if v < min*(1-1e-9) || v > max*(1+1e-9) {
					continue
				}
				t := plot.Tick{Value: v}
				if contains(set, m) {
					t.Label = tickLabel(v, p)
					labels++
				}
				ts = append(ts, t)
			}
		}
		if labels >= 4 {
			return ts
		}
	}
	return niceTicks{}.Ticks(min, max)
}

func contains(set []float64, v float64) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

// tickLabel writes v with as many decimals as the step needs and a
// thousands separator: "0.05", "2.5", "12,000".
func tickLabel(v, step float64) string {
	dec := 0
	if step > 0 && step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return groupThousands(s)
}

// groupThousands inserts commas into the integer part of a decimal number.
func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) > 3 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if frac != "" {
		intPart += "." + frac
	}
	if neg {
		return "-" + intPart
	}
	return intPart
}

// The Okabe–Ito palette: its eight colours stay distinguishable under
// every common form of colour blindness.
var (
	orange    = color.NRGBA{0xE6, 0x9F, 0x00, 0xff}
	skyBlue   = color.NRGBA{0x56, 0xB4, 0xE9, 0xff}
	green     = color.NRGBA{0x00, 0x9E, 0x73, 0xff}
	yellow    = color.NRGBA{0xF0, 0xE4, 0x42, 0xff}
	blue      = color.NRGBA{0x00, 0x72, 0xB2, 0xff}
	vermilion = color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
	purple    = color.NRGBA{0xCC, 0x79, 0xA7, 0xff}
	black     = color.NRGBA{0x33, 0x33, 0x33, 0xff}
	grey      = color.NRGBA{0x99, 0x99, 0x99, 0xff}
)

// vendorColors gives each vendor the same colour in every chart. AWS
// orange and AMD reddish purple differ in hue and lightness, which orange
// and vermilion do not for people with red-green colour blindness.
var vendorColors = map[string]color.NRGBA{
	"aws":    orange,
	"amazon": orange,
	"nvidia": green,
	"google": blue,
	"amd":    purple,
	"intel":  skyBlue,
}

// spare colours go to other groups (operators, deal parties), in order,
// so that no two groups of one chart share a colour while spares last.
var spare = []color.NRGBA{vermilion, black, yellow, grey}

// knownVendor returns the colour of a vendor named anywhere in group
// ("Anthropic / AWS" is AWS's).
func knownVendor(group string) (color.NRGBA, bool) {
	for _, word := range strings.FieldsFunc(strings.ToLower(group), func(r rune) bool {
		return r == ' ' || r == '/' || r == '(' || r == ')' || r == ',' || r == ';'
	}) {
		if c, ok := vendorColors[word]; ok {
			return c, true
		}
	}
	return color.NRGBA{}, false
}

// VendorColor returns the colour of a vendor; groups that are no known
// vendor get grey here, and distinct spares within one chart (palette).
func VendorColor(vendor string) color.NRGBA {
	if c, ok := knownVendor(vendor); ok {
		return c
	}
	return grey
}

// palette assigns the colours of one chart: known vendors their own, the
// other groups the spares in sorted order.
type palette map[string]color.NRGBA

func newPalette(groups []string) palette {
	p := palette{}
	var others []string
	for _, g := range groups {
		if c, ok := knownVendor(g); ok {
			p[g] = c
		} else if _, dup := p[g]; !dup {
			others = append(others, g)
			p[g] = grey
		}
	}
	sort.Strings(others)
	for i, g := range others {
		p[g] = spare[i%len(spare)]
	}
	return p
}

func (p palette) color(g string) color.NRGBA {
	if c, ok := p[g]; ok {
		return c
	}
	return VendorColor(g)
}

// legend returns one entry per colour, sorted, naming every group that
// has it ("AWS, Anthropic / AWS").
func (p palette) legend() []LegendEntry {
	var names []string
	for g := range p {
		names = append(names, g)
	}
	sort.Strings(names)
	var es []LegendEntry
	at := map[color.NRGBA]int{}
	for _, g := range names {
		if i, ok := at[p[g]]; ok {
			es[i].Label += ", " + g
			continue
		}
		at[p[g]] = len(es)
		es = append(es, LegendEntry{Label: g, Thumb: swatch{color: p[g]}})
	}
	return es
}

// VerdictColor returns the colour of a claim verdict.
func VerdictColor(verdict string) color.NRGBA {
	switch verdict {
	case "supported":
		return green
	case "close":
		return orange
	case "contradicted":
		return vermilion
	case "mismatch":
		return purple
	}
	return grey
}

func darker(c color.NRGBA) color.NRGBA {
	return color.NRGBA{c.R * 3 / 5, c.G * 3 / 5, c.B * 3 / 5, 0xff}
}

// fillBox fills an axis-aligned box: solid, or — for targets and
// estimates — white with diagonal hatching in the colour and a solid
// outline, so that tentative figures read as different at any size and in
// greyscale rather than merely paler.
func fillBox(c *draw.Canvas, box vg.Rectangle, col color.NRGBA, hatched bool) {
	pts := []vg.Point{box.Min, {X: box.Max.X, Y: box.Min.Y}, box.Max, {X: box.Min.X, Y: box.Max.Y}}
	if !hatched {
		c.FillPolygon(col, pts)
		c.StrokeLines(draw.LineStyle{Color: darker(col), Width: vg.Points(0.5)}, append(pts, pts[0]))
		return
	}
	c.FillPolygon(color.White, pts)
	st := draw.LineStyle{Color: col, Width: vg.Points(1.1)}
	gap := vg.Points(4)
	w, h := box.Max.X-box.Min.X, box.Max.Y-box.Min.Y
	// Lines x - y = k rising at 45°, clipped to the box.
	for k := -h; k < w; k += gap {
		x0, y0 := box.Min.X+k, box.Min.Y
		if k < 0 {
			x0, y0 = box.Min.X, box.Min.Y-k
		}
		x1, y1 := box.Min.X+k+h, box.Max.Y
		if k+h > w {
			x1, y1 = box.Max.X, box.Min.Y+(w-k)
		}
		c.StrokeLine2(st, x0, y0, x1, y1)
	}
	c.StrokeLines(draw.LineStyle{Color: darker(col), Width: vg.Points(1)}, append(pts, pts[0]))
}
