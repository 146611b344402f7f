// Package plots draws hwcmp's charts with gonum/plot: rankings, scatter
// plots with their Pareto frontier, claims against their computed values,
// per-gigawatt economics, timelines, rooflines and sensitivity tornadoes.
//
// Each chart type takes plain data (labels, values, ranges, statuses) and
// builds a Figure; the package knows nothing of how the numbers were
// computed, only how to show them honestly: ranges as error bars,
// tentative figures (targets, estimates) lighter and dashed with a legend
// saying so, and a footnote that names the data's date and basis and lists
// what is missing. Every value is checked before it reaches gonum/plot: NaN
// and infinities are an error naming the series and item.
package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// A Figure is a chart ready for a slide or a page: a headline title and
// subtitle, a legend row above the data (never on it), one or more plots
// side by side, notes, and a short list of the documents its numbers come
// from.
type Figure struct {
	Title    string // plain words, with precision, basis and unit
	Subtitle string // what is compared and how to read it
	Legend   []LegendEntry
	// YLabel names the vertical axis of a single plot: it is written
	// horizontally above the axis, where it reads without turning the head
	// (and where gonum/plot's rotated label, centred by data value, would
	// misplace itself on a log axis).
	YLabel   string
	Plots    []*plot.Plot
	Footnote []string // notes: basis, what is missing
	// Sources names the documents behind the chart, most used first, in
	// short form ("NVIDIA docs: h200 (2024)"); as many as fit on two
	// lines are shown, and the rest counted with MoreSources as "+N more
	// in the report".
	Sources     []string
	MoreSources int
	// Rows is the number of category rows of the tallest plot: the figure
	// grows taller than the requested size where the rows would otherwise
	// be squeezed below a readable height (a tall layout).
	Rows int
}

// A LegendEntry is one key of the legend row.
type LegendEntry struct {
	Label string
	Thumb plot.Thumbnailer
}

// Size is an output size in pixels at a resolution; SVG and PDF use the
// same page size in points.
type Size struct {
	Width, Height int // pixels
	DPI           int
}

// Deck and Document are the two sizes the charts are designed for: a
// 16:9 slide and a 16:9 figure in a document or web page.
var (
	Deck     = Size{1600, 900, 150}
	Document = Size{800, 450, 96}
)

func (s Size) points() (vg.Length, vg.Length) {
	return vg.Length(s.Width) * vg.Inch / vg.Length(s.DPI), vg.Length(s.Height) * vg.Inch / vg.Length(s.DPI)
}

// Formats lists the file formats Save writes, by extension.
const Formats = ".png, .svg or .pdf"

// minRowHeight is the least height of a category row, in points.
const minRowHeight = 13

// Text sizes of the figure, in points.
const (
	titleSize    = 14
	subtitleSize = 9.5
	legendSize   = 8.5
	noteSize     = 7.5
	margin       = 10
)

// Render draws f in the format named by ext (".png", ".svg", ".pdf").
func (f *Figure) Render(ext string, size Size) (data []byte, err error) {
	// gonum/plot panics on data it cannot draw (a non-positive value on a
	// log axis, a range that overflows); a chart of such data is an
	// error, not a crash.
	defer func() {
		if p := recover(); p != nil {
			data, err = nil, fmt.Errorf("plots: cannot draw this data: %v", p)
		}
	}()
	if size.Width <= 0 || size.Height <= 0 || size.DPI <= 0 {
		return nil, fmt.Errorf("plots: size %dx%d at %d dpi: all must be positive", size.Width, size.Height, size.DPI)
	}
	w, h := size.points()
	head, foot := f.layout(w)
	if need := head.height + foot.height + vg.Length(f.Rows)*minRowHeight + 50; f.Rows > 0 && need > h {
		size.Height = int(math.Ceil(float64(need / vg.Inch * vg.Length(size.DPI))))
		w, h = size.points()
	}
	var c vg.CanvasWriterTo
	switch strings.ToLower(ext) {
	case ".png":
		c = fastPNG{vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(size.DPI), vgimg.UseBackgroundColor(color.White))}
	case ".svg":
		c = vgsvg.New(w, h)
	case ".pdf":
		p := vgpdf.New(w, h)
		p.EmbedFonts(true)
		c = pdfBold{p}
	default:
		return nil, fmt.Errorf("plots: unknown format %q (want %s)", ext, Formats)
	}
	dc := draw.New(c)
	if ext != ".png" {
		dc.FillPolygon(color.White, []vg.Point{dc.Min, {X: dc.Max.X, Y: dc.Min.Y}, dc.Max, {X: dc.Min.X, Y: dc.Max.Y}})
	}
	head.draw(dc, dc.Max.Y-margin)
	foot.draw(dc, dc.Min.Y+foot.height)
	area := draw.Crop(dc, 0, 0, foot.height+4, -(head.height + margin + 4))
	tiles := draw.Tiles{Rows: 1, Cols: len(f.Plots), PadX: 18, PadLeft: margin - 4, PadRight: margin + 4}
	canvases := plot.Align([][]*plot.Plot{f.Plots}, tiles, area)
	for i, p := range f.Plots {
		fitTicks(p, canvases[0][i])
		p.Draw(canvases[0][i])
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// block is a stack of text lines and legend rows, laid out for a width.
type block struct {
	lines  []blockLine
	height vg.Length
}

type blockLine struct {
	style  draw.TextStyle
	text   string
	legend []LegendEntry // a legend row instead of text
	height vg.Length
}

func (b *block) text(st draw.TextStyle, s string, width vg.Length) {
	if s == "" {
		return
	}
	for _, l := range wrapWidth(st, s, width) {
		lh := st.Height("Xg") * 1.2
		b.lines = append(b.lines, blockLine{style: st, text: l, height: lh})
		b.height += lh
	}
}

// legend lays entries out in rows across the width.
func (b *block) legend(es []LegendEntry, width vg.Length) {
	st := textStyle(legendSize, ink)
	lh := st.Height("Xg") * 1.5
	var row []LegendEntry
	used := vg.Length(0)
	for _, e := range es {
		ew := legendEntryWidth(st, e)
		if len(row) > 0 && used+ew > width {
			b.lines = append(b.lines, blockLine{style: st, legend: row, height: lh})
			b.height += lh
			row, used = nil, 0
		}
		row = append(row, e)
		used += ew
	}
	if len(row) > 0 {
		b.lines = append(b.lines, blockLine{style: st, legend: row, height: lh})
		b.height += lh
	}
}

func legendEntryWidth(st draw.TextStyle, e LegendEntry) vg.Length {
	return st.Width(e.Label) + legendThumb + 4 + 14
}

const legendThumb = vg.Length(16)

// draw draws the block downward from top.
func (b *block) draw(c draw.Canvas, top vg.Length) {
	y := top
	for _, l := range b.lines {
		y -= l.height
		if l.legend == nil {
			c.FillText(l.style, vg.Point{X: c.Min.X + margin, Y: y + l.height*0.15}, l.text)
			continue
		}
		x := c.Min.X + margin
		for _, e := range l.legend {
			th := l.style.Height("X")
			box := draw.Crop(c, 0, 0, 0, 0)
			box.Rectangle = vg.Rectangle{Min: vg.Point{X: x, Y: y + l.height*0.2}, Max: vg.Point{X: x + legendThumb, Y: y + l.height*0.2 + th*1.1}}
			if e.Thumb != nil {
				e.Thumb.Thumbnail(&box)
			}
			c.FillText(l.style, vg.Point{X: x + legendThumb + 4, Y: y + l.height*0.2}, e.Label)
			x += legendEntryWidth(l.style, e)
		}
	}
}

// layout places the header (title, subtitle, legend) and the footer
// (notes, sources) for a canvas width.
func (f *Figure) layout(w vg.Length) (head, foot block) {
	width := w - 2*margin
	head.text(draw.TextStyle{Color: ink, Font: boldFont(titleSize), Handler: plot.DefaultTextHandler}, f.Title, width)
	head.text(textStyle(subtitleSize, softInk), f.Subtitle, width)
	if len(f.Legend) > 0 {
		head.height += 3
		head.legend(f.Legend, width)
	}
	if f.YLabel != "" {
		head.height += 4
		head.text(textStyle(9.5, ink), f.YLabel, width)
	}
	note := textStyle(noteSize, softInk)
	for _, l := range f.Footnote {
		foot.text(note, l, width)
	}
	if s := f.sourcesLine(note, width); s != "" {
		foot.text(note, s, width)
	}
	foot.height += 4
	return head, foot
}

// sourcesLine names as many sources as fit on two lines and counts the
// rest.
func (f *Figure) sourcesLine(st draw.TextStyle, width vg.Length) string {
	if len(f.Sources) == 0 {
		return ""
	}
	line := func(n int) string {
		s := "Sources: " + strings.Join(f.Sources[:n], "; ")
		if more := len(f.Sources) - n + f.MoreSources; more > 0 {
			s += fmt.Sprintf("; +%d more in the report", more)
		}
		return s
	}
	n := len(f.Sources)
	for n > 1 && len(wrapWidth(st, line(n), width)) > 2 {
		n--
	}
	return line(n)
}

// Save renders f to path, choosing the format by the extension, and
// writes it atomically: to a temporary file in the same folder, renamed
// over path only once complete.
func (f *Figure) Save(path string, size Size) error {
	data, err := f.Render(filepath.Ext(path), size)
	if err != nil {
		return err
	}
	return sheet.WriteAtomic(path, data)
}

// pdfBold works around vgpdf registering every font with an empty style
// and then selecting bold ones with style "B", which fails: it hands bold
// text to vgpdf under a variant name of its own with the regular weight,
// so that registration and selection agree.
type pdfBold struct{ *vgpdf.Canvas }

// FillString implements vg.Canvas.
func (c pdfBold) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Weight == xfont.WeightBold {
		f.Font.Variant += "Bold"
		f.Font.Weight = xfont.WeightNormal
	}
	c.Canvas.FillString(f, pt, s)
}

// fastPNG encodes a raster canvas at png.BestSpeed: for charts with large
// flat areas the files are barely larger than at the default level, and
// encoding (most of the time a chart takes) is several times faster.
type fastPNG struct{ *vgimg.Canvas }

func (c fastPNG) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(cw, c.Image())
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// newPlot returns a plot in the charts' style: sans-serif text, 1-2-5
// ticks, light grid lines behind the data, no title (the figure has one).
func newPlot(xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.TextStyle.Font, p.Title.TextStyle.Color = boldFont(10.5), ink
	p.Title.Padding = 4
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font, a.Label.TextStyle.Color = sansFont(9.5), ink
		a.Tick.Label.Font, a.Tick.Label.Color = sansFont(9), ink
		a.Tick.Marker = niceTicks{}
		a.LineStyle.Color = frameInk
		a.Tick.LineStyle.Color = frameInk
		a.Padding = 2
	}
	p.Legend.TextStyle.Font = sansFont(legendSize)
	return p
}

// logAxis puts a on a log scale with 1-2-5 labels.
func logAxis(a *plot.Axis) {
	a.Scale, a.Tick.Marker = plot.LogScale{}, logTicks{}
}

// checkFinite returns an error naming the series and item if any value is
// NaN or infinite: such a value never reaches gonum/plot.
func checkFinite(series, item string, vals ...float64) error {
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("plots: %s: %s: value %v is not a finite number", series, item, v)
		}
	}
	return nil
}

// wrapWidth splits s at spaces into lines no wider than max in style t.
func wrapWidth(t draw.TextStyle, s string, max vg.Length) []string {
	var lines []string
	words := strings.Fields(s)
	line := ""
	for _, w := range words {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if t.Width(try) > max && line != "" {
			lines = append(lines, line)
			line = "    " + w
			continue
		}
		line = try
	}
	return append(lines, line)
}
