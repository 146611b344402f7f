package plots

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/units"
)

func interactivityFixture() Interactivity {
	return Interactivity{Caption: Caption{Title: "Throughput vs interactivity", Footnote: []string{"fixture"}},
		Display: units.Display{Symbol: "tok/s", PerBase: 1, Class: units.Decimal}, MinPerUser: 25,
		Curves: []TokenCurve{
			{Label: "gpu-a", Group: "NVIDIA", Points: [][2]float64{{10, 3000}, {25, 2500}, {100, 800}, {300, 40}}},
			{Label: "gpu-b", Group: "NVIDIA", Points: [][2]float64{{15, 5000}, {60, 3000}}},
			{Label: "asic-c", Group: "AWS", Points: [][2]float64{{8, 2000}, {200, 300}}, Tentative: true},
		}, Missing: []string{"does not fit: tpu-x"}}
}

func TestInteractivity(t *testing.T) {
	f, err := interactivityFixture().Figure()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Legend) != 3 || f.Legend[0].Label != "gpu-a" {
		t.Errorf("legend = %+v; want one entry per chip", f.Legend)
	}
	if !strings.Contains(strings.Join(f.Footnote, " "), "does not fit: tpu-x") {
		t.Errorf("footnote %q lacks the missing chips", f.Footnote)
	}
	svg, err := f.Render(".svg", Deck)
	if err != nil || !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("TPOT limit 40 ms")) {
		t.Fatalf("SVG: %v (%d bytes)", err, len(svg))
	}
	// The y axis leaves headroom above the best curve (5,000 tok/s here),
	// so that no curve runs along the frame.
	if p := f.Plots[0]; p.Y.Max < 5000*1.4 {
		t.Errorf("y axis tops out at %v; want headroom above 5000", p.Y.Max)
	}
	data, err := f.Render(".png", Deck)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil || img.Bounds().Dx() != Deck.Width {
		t.Fatalf("PNG: %v, %v", err, img.Bounds())
	}
}

func TestInteractivityRefusesBadData(t *testing.T) {
	test := func(name string, mutate func(*Interactivity), want string) {
		t.Helper()
		in := interactivityFixture()
		mutate(&in)
		if _, err := in.Figure(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v; want %q", name, err, want)
		}
	}
	test("no curves", func(in *Interactivity) { in.Curves = nil }, "no curves")
	test("NaN", func(in *Interactivity) { in.Curves[0].Points[1][1] = math.NaN() }, "not a finite number")
	test("zero on a log axis", func(in *Interactivity) { in.Curves[1].Points[0][0] = 0 }, "positive")
	test("empty curve", func(in *Interactivity) { in.Curves[2].Points = nil }, "no points")
}
