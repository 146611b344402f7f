package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// span is one horizontal bar or band on a category axis: from From to To
// at category position Pos, with an optional error range.
type span struct {
	Pos      float64
	From, To float64
	Lo, Hi   float64 // error range; ignored if Lo == Hi == 0
	Color    color.NRGBA
	Faint    bool    // tentative: hatched fill, solid outline
	Half     float64 // half the bar's thickness in category units
	Label    string  // drawn past the bar's end
}

// maxBar is the greatest thickness of a bar, in points.
const maxBar = vg.Length(22)

// spans draws horizontal bars with error bars and value labels.
type spans struct {
	items []span
	text  draw.TextStyle
}

func newSpans() *spans {
	return &spans{text: textStyle(8, ink)}
}

func (s *spans) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, b := range s.items {
		half := b.Half
		if half == 0 {
			half = 0.34
		}
		x0, x1 := trX(b.From), trX(b.To)
		// A bar is at most maxBar thick however few the rows.
		hp := min(vg.Length(half)*(trY(1)-trY(0)), maxBar/2)
		y0, y1 := trY(b.Pos)-hp, trY(b.Pos)+hp
		box := vg.Rectangle{Min: vg.Point{X: min(x0, x1), Y: y0}, Max: vg.Point{X: max(x0, x1), Y: y1}}
		box.Min.X, box.Max.X = max(box.Min.X, c.Min.X), min(box.Max.X, c.Max.X)
		if box.Max.X > box.Min.X {
			fillBox(&c, box, b.Color, b.Faint)
		}
		end := x1
		if b.Lo != 0 || b.Hi != 0 {
			lo, hi := trX(b.Lo), trX(b.Hi)
			y := trY(b.Pos)
			cap := (y1 - y0) / 4
			err := draw.LineStyle{Color: color.Gray{0x20}, Width: vg.Points(1)}
			c.StrokeLines(err, c.ClipLinesXY([]vg.Point{{X: lo, Y: y}, {X: hi, Y: y}})...)
			c.StrokeLines(err, c.ClipLinesXY([]vg.Point{{X: lo, Y: y - cap}, {X: lo, Y: y + cap}})...)
			c.StrokeLines(err, c.ClipLinesXY([]vg.Point{{X: hi, Y: y - cap}, {X: hi, Y: y + cap}})...)
			end = vg.Length(math.Max(float64(end), float64(hi)))
		}
		if b.Label != "" {
			t := s.text
			t.YAlign = draw.YCenter
			at := vg.Point{X: end + 4, Y: trY(b.Pos)}
			// A white ground keeps grid lines out of the digits.
			w, h := t.Width(b.Label), t.Height(b.Label)
			c.FillPolygon(color.White, []vg.Point{{X: at.X - 1, Y: at.Y - h/2}, {X: at.X + w + 1, Y: at.Y - h/2}, {X: at.X + w + 1, Y: at.Y + h/2}, {X: at.X - 1, Y: at.Y + h/2}})
			c.FillText(t, at, b.Label)
		}
	}
}

// DataRange reports the bars' extent, so that the axes include them.
func (s *spans) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range s.items {
		for _, x := range []float64{b.From, b.To, b.Hi} {
			xmax = math.Max(xmax, x)
		}
		for _, x := range []float64{b.From, b.To} {
			xmin = math.Min(xmin, x)
		}
		if b.Lo != 0 {
			xmin = math.Min(xmin, b.Lo)
		}
		ymin, ymax = math.Min(ymin, b.Pos-0.5), math.Max(ymax, b.Pos+0.5)
	}
	return
}

// swatch is a legend entry: a box, hatched for targets and estimates,
// or a dashed line.
type swatch struct {
	color color.NRGBA
	faint bool
	line  bool // a line instead of a box
}

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	if s.line {
		y := (c.Min.Y + c.Max.Y) / 2
		c.StrokeLine2(draw.LineStyle{Color: s.color, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}, c.Min.X, y, c.Max.X, y)
		return
	}
	fillBox(c, c.Rectangle, s.color, s.faint)
}

// valueGrid draws light lines at the value axis's labelled ticks, behind
// the data, so that bar lengths can be read against the axis.
type valueGrid struct{ vertical bool }

// Plot implements plot.Plotter.
func (g valueGrid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	st := draw.LineStyle{Color: gridInk, Width: vg.Points(0.6)}
	a := p.Y
	if g.vertical {
		a = p.X
	}
	for _, t := range a.Tick.Marker.Ticks(a.Min, a.Max) {
		if t.Label == "" {
			continue
		}
		if g.vertical {
			x := trX(t.Value)
			c.StrokeLine2(st, x, c.Min.Y, x, c.Max.Y)
		} else {
			y := trY(t.Value)
			c.StrokeLine2(st, c.Min.X, y, c.Max.X, y)
		}
	}
}

// vline draws a labelled vertical reference line at X. It reports no data
// range: the chart sets its axis to include X.
type vline struct {
	X      float64
	Label  string
	Color  color.NRGBA
	Bottom bool // label at the foot of the line instead of the top
}

func (l vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(l.X)
	if x < c.Min.X || x > c.Max.X {
		return
	}
	st := draw.LineStyle{Color: l.Color, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	c.StrokeLines(st, c.ClipLinesXY([]vg.Point{{X: x, Y: c.Min.Y}, {X: x, Y: c.Max.Y}})...)
	if l.Label == "" {
		return
	}
	// The label sits at the plot's edge (the charts leave headroom there),
	// on whichever side of the line has room, on a white ground so that
	// no bar strikes through it.
	t := textStyle(8, l.Color)
	t.Font = boldFont(8)
	t.YAlign = draw.YTop
	at := vg.Point{X: x, Y: c.Max.Y - 1}
	if l.Bottom {
		t.YAlign, at.Y = draw.YBottom, c.Min.Y+1
	}
	w, h := t.Width(l.Label), t.Height(l.Label)
	left := x + 3
	t.XAlign = draw.XLeft
	if left+w > c.Max.X {
		left, t.XAlign, at.X = x-3-w, draw.XRight, x-3
	} else {
		at.X = left
	}
	bottom := at.Y - h
	if l.Bottom {
		bottom = at.Y
	}
	c.FillPolygon(color.White, []vg.Point{{X: left - 1, Y: bottom}, {X: left + w + 1, Y: bottom}, {X: left + w + 1, Y: bottom + h}, {X: left - 1, Y: bottom + h}})
	c.FillText(t, at, l.Label)
}
