package plots

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// TestRooflineExtremes draws rooflines of chips anywhere in the plausible
// ranges validate accepts (1e6–1e22 FLOP/s, 1e3–1e18 B/s): each must
// render. Beyond them, a chart must be an error, never a panic.
func TestRooflineExtremes(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	logUniform := func(lo, hi float64) float64 {
		return math.Pow(10, math.Log10(lo)+r.Float64()*(math.Log10(hi)-math.Log10(lo)))
	}
	draw := func(chips []RoofChip) (err error) {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("panic %v on %+v", p, chips)
			}
		}()
		f, err := Roofline{Chips: chips}.Figure()
		if err != nil {
			return err
		}
		_, err = f.Render(".svg", Deck)
		return err
	}
	for range 20 {
		var chips []RoofChip
		for j := range 1 + r.Intn(4) {
			chips = append(chips, RoofChip{Label: fmt.Sprint("c", j), Group: fmt.Sprint("g", r.Intn(2)),
				Peak: logUniform(1e6, 1e22), Bandwidth: logUniform(1e3, 1e18)})
		}
		if err := draw(chips); err != nil {
			t.Errorf("%+v: %v", chips, err)
		}
	}
	for _, chips := range [][]RoofChip{
		{{Label: "a", Peak: 5e98, Bandwidth: 4e-38}, {Label: "b", Peak: 1e112, Bandwidth: 2e-261}},
		{{Label: "a", Peak: 1e300, Bandwidth: 1e-300}},
	} {
		if err := draw(chips); err == nil {
			t.Errorf("%+v: drawn; want an error", chips)
		}
	}
}
