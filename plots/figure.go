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
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// A Figure is one or more plots side by side, with a footnote below them.
type Figure struct {
	Plots    []*plot.Plot
	Footnote []string
}

// Size is an output size in pixels at a resolution; SVG and PDF use the
// same page size in points.
type Size struct {
	Width, Height int // pixels
	DPI           int
}

// Deck and Document are the two sizes the charts are designed for.
var (
	Deck     = Size{1600, 900, 150}
	Document = Size{800, 500, 96}
)

func (s Size) points() (vg.Length, vg.Length) {
	return vg.Length(s.Width) * vg.Inch / vg.Length(s.DPI), vg.Length(s.Height) * vg.Inch / vg.Length(s.DPI)
}

// Formats lists the file formats Save writes, by extension.
const Formats = ".png, .svg or .pdf"

// Render draws f in the format named by ext (".png", ".svg", ".pdf").
func (f *Figure) Render(ext string, size Size) ([]byte, error) {
	if size.Width <= 0 || size.Height <= 0 || size.DPI <= 0 {
		return nil, fmt.Errorf("plots: size %dx%d at %d dpi: all must be positive", size.Width, size.Height, size.DPI)
	}
	w, h := size.points()
	var c interface {
		vg.CanvasWriterTo
	}
	switch strings.ToLower(ext) {
	case ".png":
		c = fastPNG{vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(size.DPI), vgimg.UseBackgroundColor(color.White))}
	case ".svg":
		c = vgsvg.New(w, h)
	case ".pdf":
		p := vgpdf.New(w, h)
		p.EmbedFonts(true)
		c = p
	default:
		return nil, fmt.Errorf("plots: unknown format %q (want %s)", ext, Formats)
	}
	dc := draw.New(c)
	foot := footStyle()
	var lines []string
	maxW := w - 16
	for _, l := range f.Footnote {
		lines = append(lines, wrapWidth(foot, l, maxW)...)
	}
	lineH := foot.Height("Xg") * 1.25
	footH := lineH*vg.Length(len(lines)) + 6
	for i, line := range lines {
		pt := vg.Point{X: dc.Min.X + 8, Y: dc.Min.Y + 4 + lineH*vg.Length(len(lines)-1-i)}
		dc.FillText(foot, pt, line)
	}
	area := draw.Crop(dc, 0, 0, footH, 0)
	tiles := draw.Tiles{Rows: 1, Cols: len(f.Plots), PadX: 12, PadTop: 4, PadBottom: 4, PadLeft: 4, PadRight: 8}
	canvases := plot.Align([][]*plot.Plot{f.Plots}, tiles, area)
	for i, p := range f.Plots {
		p.Draw(canvases[0][i])
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
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

func footStyle() draw.TextStyle {
	return draw.TextStyle{Color: color.Gray{0x55}, Font: font.From(plot.DefaultFont, 7.5), Handler: plot.DefaultTextHandler}
}

// newPlot returns a plot with hwcmp's common styling.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 13
	p.Title.Padding = 6
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Label.TextStyle.Font.Size, p.Y.Label.TextStyle.Font.Size = 10, 10
	p.X.Tick.Label.Font.Size, p.Y.Tick.Label.Font.Size = 9, 9
	p.Legend.TextStyle.Font.Size = 8.5
	p.Legend.Top = true
	p.X.Tick.Marker, p.Y.Tick.Marker = cleanTicks{}, cleanTicks{}
	return p
}

// cleanTicks is gonum's default ticker with labels written without
// trailing zeros ("25", not "25.00").
type cleanTicks struct{}

func (cleanTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'g', 6, 64)
		}
	}
	return ts
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
