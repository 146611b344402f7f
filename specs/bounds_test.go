package specs

import (
	"errors"
	"math"
	"testing"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
)

// TestBoundsModes checks what each bounds mode does with a figure outside
// its plausible range, and that a figure that is not finite, or another
// problem in the same row, is refused whatever the mode.
func TestBoundsModes(t *testing.T) {
	power := Quantity{Name: QPower, Dim: units.Power}
	row := func(m BoundsMode, v float64, others ...error) sheet.Errors {
		q := power
		q.Bounds = m
		var errs sheet.Errors
		if err := q.CheckPlausible(v); err != nil {
			errs = append(errs, &sheet.Error{File: "v.csv", Line: 2, Err: err})
		}
		for _, e := range others {
			errs = append(errs, &sheet.Error{File: "v.csv", Line: 2, Err: e})
		}
		return errs
	}
	test := func(name string, errs sheet.Errors, loads bool, problems, warnings int) {
		t.Helper()
		p, w := SplitBounds(errs)
		if Loads(errs) != loads || len(p) != problems || len(w) != warnings {
			t.Errorf("%s: Loads = %v, %d problems, %d warnings; want %v, %d, %d", name, Loads(errs), len(p), len(w), loads, problems, warnings)
		}
	}
	test("plausible", row(BoundsRefuse, 700), true, 0, 0)
	test("refuse", row(BoundsRefuse, 1e308), false, 1, 0)
	test("zero value refuses", row("", 1e308), false, 1, 0)
	test("warn", row(BoundsWarn, 1e308), true, 0, 1)
	test("off", row(BoundsOff, 1e308), true, 0, 0)
	test("too small, warn", row(BoundsWarn, 0.01), true, 0, 1)
	test("not finite, off", row(BoundsOff, math.Inf(1)), false, 1, 0)
	test("warn, and another problem", row(BoundsWarn, 1e308, errors.New("missing source")), false, 1, 1)

	for _, s := range []string{"refuse", "warn", "off"} {
		if m, err := ParseBoundsMode(s); err != nil || string(m) != s {
			t.Errorf("ParseBoundsMode(%q) = %q, %v", s, m, err)
		}
	}
	if _, err := ParseBoundsMode("lenient"); err == nil {
		t.Error("ParseBoundsMode(lenient) = nil error; want one")
	}
}
