package plots

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hwcmp/hwcmp/units"
)

var (
	update = flag.Bool("update", false, "rewrite the SVG golden files under testdata")
	pngDir = flag.String("png", "", "also write each golden chart as PNG at deck and document size into `dir`, to look at")
)

// Fixed inputs, one per chart type. Values are illustrative, not data.
func fixtures() map[string]func() (*Figure, error) {
	tp := units.Throughput.Display()
	return map[string]func() (*Figure, error){
		"ranking": Ranking{Caption: Caption{Title: "Throughput per watt", Footnote: []string{"fixture"}, Sources: []string{"Vendor A datasheet 2024", "Cloud B docs 2025"}, MoreSources: 2}, Metric: "throughput per watt", Display: units.Display{Symbol: "FLOPS/W", PerBase: 1, Class: units.Decimal},
			Bars: []Bar{
				{Label: "gpu-a", Group: "NVIDIA", Value: 4.5e12, Lo: 3.75e12, Hi: 4.5e12},
				{Label: "gpu-b", Group: "AMD", Value: 3.5e12, Lo: 3.5e12, Hi: 3.5e12},
				{Label: "asic-c", Group: "AWS", Value: 2.5e12, Lo: 2.5e12, Hi: 2.6e12, Tentative: true, Mark: " (bf16)"},
			},
			Missing: []string{"power: tpu-x"}}.Figure,
		"scatter": Scatter{Caption: Caption{Title: "Throughput vs price", Subtitle: "Lower is better on x, higher on y.", Footnote: []string{"fixture"}}, XName: "price", YName: "throughput", XDisplay: units.MoneyRate.Display(), YDisplay: tp,
			Points: []Point{
				{Label: "a", Group: "NVIDIA", X: 2, Y: 2e15, XLo: 2, XHi: 2, YLo: 2e15, YHi: 2e15, Frontier: true},
				{Label: "b", Group: "Google", X: 3, Y: 1e15, XLo: 3, XHi: 3, YLo: 0.9e15, YHi: 1.1e15},
				{Label: "c", Group: "AWS", X: 1, Y: 1e15, XLo: 1, XHi: 1, YLo: 1e15, YHi: 1e15, Frontier: true, Tentative: true},
				{Label: "d", Group: "AMD", X: 2, Y: 2e15, XLo: 2, XHi: 2, YLo: 2e15, YHi: 2e15},
			}}.Figure,
		"claims": ClaimsChart{Caption: Caption{Title: "Claims", Footnote: []string{"fixture"}}, Claims: []ClaimMark{
			{Label: "Chip A delivers about 55% of chip B", Group: "Analyst", Numbers: "claimed 0.55x; computed 0.546x", Claimed: 0.55, Low: 0.55, High: 0.55, Tolerance: 0.1, Value: 0.546, Lo: 0.54, Hi: 0.55, HasValue: true, Verdict: "supported"},
			{Label: "band", Group: "Analyst", Numbers: "claimed 0.5–0.6x; computed 0.99x", Claimed: 0.55, Low: 0.5, High: 0.6, Tolerance: 0.1, Value: 0.99, Lo: 0.99, Hi: 0.99, HasValue: true, Verdict: "contradicted"},
			{Label: "missing", Group: "Vendor", Claimed: 2, Low: 2, High: 2, Tolerance: 0.1, Verdict: "unverifiable"},
			{Label: "at least", Group: "Vendor", Claimed: 2, Low: 2, High: 2, OpenHigh: true, Tolerance: 0.1, Value: 9, Lo: 9, Hi: 9, HasValue: true, Verdict: "supported", Tentative: true},
		}}.Figure,
		"gw": GWChart{Caption: Caption{Title: "Per GW"}, CapexRef: 50e9, RevenueRef: 10e9, CapexRefLabel: "$50bn/GW", RevenueRefLabel: "$10bn/GW-yr",
			Sites: []Site{{Label: "site-a", Group: "AWS", Capex: 5e9, CapexLo: 4.8e9, CapexHi: 5e9, Tentative: true},
				{Label: "deal-b", Group: "Other", Revenue: 2e9, RevenueLo: 2e9, RevenueHi: 2e9}}}.Figure,
		"timeline": Timeline{Caption: Caption{Title: "Timeline"}, Metric: "throughput", Display: tp, Items: []Dated{
			{Label: "old", Group: "NVIDIA", Date: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Value: 1e15},
			{Label: "newer", Group: "NVIDIA", Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Value: 4e15},
			{Label: "new", Group: "AWS", Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Value: 1e16, Tentative: true}}}.Figure,
		"roofline": Roofline{Caption: Caption{Title: "Roofline"}, Precision: "fp8", Chips: []RoofChip{
			{Label: "a", Group: "NVIDIA", Peak: 2e15, Bandwidth: 4.8e12}, {Label: "b", Group: "NVIDIA", Peak: 4.5e15, Bandwidth: 8e12},
			{Label: "c", Group: "AMD", Peak: 4.5e15, Bandwidth: 8e12}}}.Figure,
		"tornado": Tornado{Caption: Caption{Title: "Tornado"}, Output: "TCO", Display: units.MoneyRate.Display(), Base: 2,
			Swings: []Swing{{Label: "pue 1.1–1.5", OutLow: 1.9, OutHigh: 2.3}, {Label: "life 4–6 years", OutLow: 2.2, OutHigh: 1.8}}}.Figure,
	}
}

// TestSVGGolden renders each chart to SVG and compares it with its golden
// file: SVG text is deterministic where PNG rasters drift across machines.
func TestSVGGolden(t *testing.T) {
	for name, build := range fixtures() {
		t.Run(name, func(t *testing.T) {
			f, err := build()
			if err != nil {
				t.Fatal(err)
			}
			got, err := f.Render(".svg", Document)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := f.Render(".svg", Document)
			if !bytes.Equal(got, again) {
				t.Fatal("SVG output is not deterministic")
			}
			if *pngDir != "" {
				for _, size := range []Size{Deck, Document} {
					if err := f.Save(filepath.Join(*pngDir, fmt.Sprintf("%s-%d.png", name, size.Width)), size); err != nil {
						t.Fatal(err)
					}
				}
			}
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from its golden file (go test -update rewrites it; look at the PNG before committing)", name)
			}
		})
	}
}

// TestPNGAndPDF checks the raster and PDF outputs structurally.
func TestPNGAndPDF(t *testing.T) {
	f, err := fixtures()["ranking"]()
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []Size{Deck, Document} {
		data, err := f.Render(".png", size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("PNG does not decode: %v", err)
		}
		if b := img.Bounds(); b.Dx() != size.Width || b.Dy() != size.Height {
			t.Errorf("PNG is %dx%d; want %dx%d", b.Dx(), b.Dy(), size.Width, size.Height)
		}
	}
	pdf, err := f.Render(".pdf", Document)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[len(pdf)-64:], []byte("%%EOF")) || len(pdf) < 1000 {
		t.Errorf("not a complete PDF (%d bytes)", len(pdf))
	}
	if _, err := f.Render(".gif", Document); err == nil || !strings.Contains(err.Error(), `unknown format ".gif"`) {
		t.Errorf("Render(.gif) = %v; want an unknown-format error", err)
	}
}

func TestSaveIsAtomic(t *testing.T) {
	f, _ := fixtures()["tornado"]()
	dir := t.TempDir()
	path := filepath.Join(dir, "t.png")
	if err := f.Save(path, Document); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("Save left %d files; want only t.png", len(entries))
	}
	if err := f.Save(filepath.Join(dir, "t.bmp"), Document); err == nil {
		t.Error("Save to .bmp succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed Save left files behind: %v", entries)
	}
}

// TestDataErrors checks that NaN, infinities and impossible values never
// reach gonum/plot: each is an error naming the series and the item.
func TestDataErrors(t *testing.T) {
	test := func(build func() (*Figure, error), want string) {
		t.Helper()
		_, err := build()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v; want %q", err, want)
		}
	}
	d := units.Throughput.Display()
	test(Ranking{Caption: Caption{Title: "r"}, Display: d, Bars: []Bar{{Label: "x", Value: math.NaN()}}}.Figure, "plots: r: x: value NaN is not a finite number")
	test(Ranking{Caption: Caption{Title: "r"}, Display: d}.Figure, `ranking "r" has no values`)
	test(Scatter{Caption: Caption{Title: "s"}, XDisplay: d, YDisplay: d, Points: []Point{{Label: "p", X: math.Inf(1)}}}.Figure, "plots: s: p: value +Inf")
	test(Scatter{Caption: Caption{Title: "s"}, XDisplay: d, YDisplay: d, LogX: true, Points: []Point{{Label: "p", X: 0, Y: 1, YLo: 1, YHi: 1}}}.Figure, "a log axis needs positive values")
	test(ClaimsChart{Claims: []ClaimMark{{Label: "c", Claimed: 0, Low: 0, High: 0}}}.Figure, "claimed value 0 must be positive")
	test(ClaimsChart{Claims: []ClaimMark{{Label: "c", Claimed: 1, Low: 1, High: 1, HasValue: true, Value: math.NaN()}}}.Figure, "plots: claims: c: value NaN")
	test(GWChart{Sites: []Site{{Label: "s", Capex: math.Inf(-1)}}}.Figure, "Capex per GW: s: value -Inf")
	test(GWChart{}.Figure, "Capex per GW: no site has a value")
	test(Roofline{Chips: []RoofChip{{Label: "r", Peak: 1, Bandwidth: 0}}}.Figure, "roofline: r: peak and bandwidth must be positive")
	test(Tornado{Caption: Caption{Title: "t"}, Display: d, Base: 1, Swings: []Swing{{Label: "w", OutLow: math.NaN()}}}.Figure, "plots: t: w: value NaN")
	test(Timeline{Caption: Caption{Title: "tl"}, Display: d}.Figure, `scatter "tl" has no points`)
}

func TestVendorColors(t *testing.T) {
	if VendorColor("AWS") != VendorColor("Anthropic / AWS") {
		t.Error("vendor colours are not stable per vendor")
	}
	vendors := []string{"AWS", "AMD", "NVIDIA", "Google", "Intel"}
	for i, a := range vendors {
		for _, b := range vendors[i+1:] {
			if VendorColor(a) == VendorColor(b) {
				t.Errorf("%s and %s share a colour", a, b)
			}
		}
	}
	pal := newPalette([]string{"Meta", "Oracle / OpenAI", "AWS", "Crusoe"})
	seen := map[color.NRGBA]string{}
	for g, c := range pal {
		if o, dup := seen[c]; dup {
			t.Errorf("%s and %s share a colour in one chart", g, o)
		}
		seen[c] = g
	}
}

// BenchmarkRender renders one chart of each kind to PNG at deck size.
func BenchmarkRender(b *testing.B) {
	fx := fixtures()
	for b.Loop() {
		for name, build := range fx {
			f, err := build()
			if err != nil {
				b.Fatal(name, err)
			}
			if _, err := f.Render(".png", Deck); err != nil {
				b.Fatal(name, err)
			}
		}
	}
}

// TestMergedLabels: dots that coincide on the canvas share one label, which
// says "=" only when their values are identical and "≈" when they differ.
func TestMergedLabels(t *testing.T) {
	pts := []Point{
		{Label: "same-a", Group: "NVIDIA", X: 2, Y: 2e15},
		{Label: "same-b", Group: "AMD", X: 2, Y: 2e15},
		{Label: "near-a", Group: "NVIDIA", X: 1, Y: 1e15},
		{Label: "near-b", Group: "AWS", X: 1, Y: 1.001e15},
		{Label: "far", Group: "Google", X: 3, Y: 0.5e15},
	}
	for i := range pts {
		p := &pts[i]
		p.XLo, p.XHi, p.YLo, p.YHi = p.X, p.X, p.Y, p.Y
	}
	f, err := Scatter{Caption: Caption{Title: "merge"}, XName: "price", YName: "throughput",
		XDisplay: units.MoneyRate.Display(), YDisplay: units.Throughput.Display(), Points: pts}.Figure()
	if err != nil {
		t.Fatal(err)
	}
	svg, err := f.Render(".svg", Document)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"same-a = same-b", "near-a ≈ near-b", ">far<"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks label %q", want)
		}
	}
}
