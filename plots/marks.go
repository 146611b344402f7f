package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
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
	Faint    bool    // tentative: lighter fill, dashed outline
	Half     float64 // half the bar's thickness in category units
	Label    string  // drawn past the bar's end
}

// spans draws horizontal bars with error bars and value labels.
type spans struct {
	items []span
	text  draw.TextStyle
}

func newSpans() *spans {
	return &spans{text: draw.TextStyle{Color: color.Gray{0x30}, Font: fontSize(8), Handler: plot.DefaultTextHandler}}
}

func (s *spans) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, b := range s.items {
		half := b.Half
		if half == 0 {
			half = 0.34
		}
		x0, x1 := trX(b.From), trX(b.To)
		y0, y1 := trY(b.Pos-half), trY(b.Pos+half)
		fill := b.Color
		line := draw.LineStyle{Color: darker(b.Color), Width: vg.Points(0.6)}
		if b.Faint {
			fill = lighter(b.Color)
			line.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
			line.Width = vg.Points(0.9)
		}
		rect := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(fill, c.ClipPolygonXY(rect))
		c.StrokeLines(line, c.ClipLinesXY(append(rect, rect[0]))...)
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
			c.FillText(t, vg.Point{X: end + 4, Y: trY(b.Pos)}, b.Label)
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

func darker(c color.NRGBA) color.NRGBA {
	return color.NRGBA{c.R * 3 / 5, c.G * 3 / 5, c.B * 3 / 5, 0xff}
}

func fontSize(pt vg.Length) font.Font { return font.From(plot.DefaultFont, pt) }

// swatch is a legend entry: a filled box, dashed if faint.
type swatch struct {
	color color.NRGBA
	faint bool
	line  bool // a line instead of a box
}

func (s swatch) Thumbnail(c *draw.Canvas) {
	if s.line {
		y := (c.Min.Y + c.Max.Y) / 2
		c.StrokeLine2(draw.LineStyle{Color: s.color, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}, c.Min.X, y, c.Max.X, y)
		return
	}
	fill, line := s.color, draw.LineStyle{Color: darker(s.color), Width: vg.Points(0.6)}
	if s.faint {
		fill = lighter(s.color)
		line.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
	}
	pts := []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(fill, pts)
	c.StrokeLines(line, append(pts, pts[0]))
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
	st := draw.LineStyle{Color: l.Color, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	c.StrokeLines(st, c.ClipLinesXY([]vg.Point{{X: x, Y: c.Min.Y}, {X: x, Y: c.Max.Y}})...)
	t := draw.TextStyle{Color: l.Color, Font: fontSize(8), Handler: plot.DefaultTextHandler, XAlign: draw.XRight, YAlign: draw.YTop}
	at := vg.Point{X: x - 3, Y: c.Max.Y - 2}
	if l.Bottom {
		t.YAlign, at.Y = draw.YBottom, c.Min.Y+2
	}
	c.FillText(t, at, l.Label)
}
