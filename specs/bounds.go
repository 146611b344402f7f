package specs

import (
	"errors"
	"fmt"
	"math"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
)

// BoundSheets names the sheets that widen the plausible range of
// a quantity, for data the built-in bounds would refuse (an exotic
// wafer-scale part, a planet-sized campus).
const BoundSheets = "bounds*.csv"

// BoundRecord is a row of a bounds sheet as written: the plausible range of
// one quantity, in a unit of its dimension.
type BoundRecord struct {
	Quantity string `csv:"quantity"`
	Min      string `csv:"min"`
	Max      string `csv:"max"`
	Unit     string `csv:"unit"`
	Note     string `csv:"note,omitempty"`
}

// A Bound is a parsed bounds row: the range a quantity's figures must lie
// in, in base units.
type Bound struct {
	Quantity string
	Min, Max float64
	Dim      units.Dimension
	Pos      sheet.Pos
}

// plausible is the range, in base units, a figure of each dimension must
// lie in unless a quantity or a bounds sheet says otherwise. The ranges are
// wide — from a microcontroller to a national grid, from a cent to ten
// trillion dollars — so that every real figure passes, while a misplaced
// exponent (1e308 W, 4e-320 TFLOPS, 2^63−1 chips) does not, and no figure
// can make a ratio overflow to infinity or vanish to zero.
var plausible = map[units.Dimension][2]float64{
	units.Throughput:    {1e6, 1e22},  // 1 MFLOP/s .. 10 ZFLOP/s (a whole pod is ~1e20)
	units.Bytes:         {1e3, 1e18},  // 1 kB .. 1 EB
	units.ByteRate:      {1e3, 1e18},  // 1 kB/s .. 1 EB/s
	units.Power:         {0.1, 1e11},  // 0.1 W .. 100 GW
	units.Frequency:     {1e6, 1e11},  // 1 MHz .. 100 GHz
	units.Count:         {1, 1e8},     // one .. 100 million (cores, chips, vCPUs)
	units.Money:         {0.01, 1e13}, // a cent .. 10 trillion USD
	units.MoneyRate:     {1e-6, 1e9},  // USD per hour, prices to yearly revenues
	units.EnergyPrice:   {1e-4, 10},   // USD per kWh
	units.Duration:      {1e-3, 1e7},  // hours: seconds to a thousand years
	units.Ratio:         {1e-6, 1e6},  // shares, PUE, "6x the throughput of"
	units.MoneyPerPower: {1e-3, 1e4},  // USD per watt of capacity
}

// Plausible returns the range a figure of q must lie in, in base units,
// and whether q has one.
func (q Quantity) Plausible() (lo, hi float64, ok bool) {
	if q.Max > 0 {
		return q.Min, q.Max, true
	}
	r, ok := plausible[q.Dim]
	return r[0], r[1], ok
}

// CheckPlausible returns an error if base, a figure of q in base units, is
// not finite or lies outside q's plausible range: an *ImplausibleError in
// the second case, which q.Bounds may turn into a warning. Zero is left to
// the caller, since some quantities allow it.
func (q Quantity) CheckPlausible(base float64) error {
	if math.IsInf(base, 0) || math.IsNaN(base) {
		return fmt.Errorf("%s is not a finite number", q.Name) // never allowed: it breaks every sum and JSON
	}
	lo, hi, ok := q.Plausible()
	if !ok || base == 0 || base >= lo && base <= hi {
		return nil
	}
	d := ""
	if q.Dim != units.Count && q.Dim != units.Ratio {
		d = " " + q.Dim.BaseUnit()
	}
	return &ImplausibleError{Mode: q.Bounds, msg: fmt.Sprintf("%s %s%s is outside the plausible range [%s, %s]%s: if it is real, widen the range with a row in a %s sheet (docs/DATA.md)",
		q.Name, units.FormatNumber(base), d, units.FormatNumber(lo), units.FormatNumber(hi), d, BoundSheets)}
}

// A BoundsMode says what a figure outside its quantity's plausible range
// does. The ranges catch misplaced exponents and units; exotic but real
// data can widen a range with a bounds sheet, or, to look at it first, load
// anyway with warn.
type BoundsMode string

// The bounds modes; the zero value refuses.
const (
	BoundsRefuse BoundsMode = "refuse" // a problem: the row is not loaded
	BoundsWarn   BoundsMode = "warn"   // the row loads; the problem is kept as a warning
	BoundsOff    BoundsMode = "off"    // the row loads and nothing is said
)

// ParseBoundsMode parses refuse, warn or off.
func ParseBoundsMode(s string) (BoundsMode, error) {
	return ParseEnum(s, "bounds mode", []BoundsMode{BoundsRefuse, BoundsWarn, BoundsOff})
}

// SetBounds sets the bounds mode of every quantity of qs.
func (qs Quantities) SetBounds(m BoundsMode) {
	for k, q := range qs {
		q.Bounds = m
		qs[k] = q
	}
}

// An ImplausibleError is a finite figure outside its quantity's plausible
// range, with the mode of the quantity that judged it.
type ImplausibleError struct {
	Mode BoundsMode
	msg  string
}

func (e *ImplausibleError) Error() string { return e.msg }

// implausible returns the mode of the *ImplausibleError in err, or false.
func implausible(err error) (BoundsMode, bool) {
	var ie *ImplausibleError
	if errors.As(err, &ie) {
		return ie.Mode, true
	}
	return "", false
}

// Loads reports whether a row whose problems are errs loads: when it has
// none, or when every one is an implausible figure its mode lets load.
// Loaders call it in place of len(errs) == 0; SplitBounds then sorts the
// problems.
func Loads(errs sheet.Errors) bool {
	for _, e := range errs {
		if m, ok := implausible(e); !ok || m == "" || m == BoundsRefuse {
			return false
		}
	}
	return true
}

// SplitBounds separates the implausible figures that loaded under warn
// from the problems, and drops those that loaded under off.
func SplitBounds(errs sheet.Errors) (problems, warnings sheet.Errors) {
	for _, e := range errs {
		switch m, _ := implausible(e); m {
		case BoundsWarn:
			warnings = append(warnings, e)
		case BoundsOff:
		default:
			problems = append(problems, e)
		}
	}
	return problems, warnings
}

// ReadBounds reads the bounds sheets of srcs. It checks each row's numbers and
// unit, but not its quantity name: spec and pricing quantities share the
// sheet, so each owner applies the rows it knows (ApplyBounds).
func ReadBounds(srcs ...Source) ([]Bound, sheet.Errors) {
	var out []Bound
	var errs sheet.Errors
	for _, src := range srcs {
		rows, e := ReadSheets[BoundRecord](src, BoundSheets)
		errs = append(errs, e...)
		for _, row := range rows {
			r, p := row.Rec, row.Pos
			lo, errLo := units.Parse(r.Min, r.Unit)
			hi, errHi := units.Parse(r.Max, r.Unit)
			switch {
			case r.Quantity == "":
				errs = append(errs, p.Errorf("quantity", "missing quantity"))
			case errLo != nil:
				errs = append(errs, p.Wrap("min", errLo))
			case errHi != nil:
				errs = append(errs, p.Wrap("max", errHi))
			case lo.Base < 0 || lo.Base >= hi.Base:
				errs = append(errs, p.Errorf("min", "min %s must be at least 0 and below max %s", r.Min, r.Max))
			default:
				out = append(out, Bound{Quantity: r.Quantity, Min: lo.Base, Max: hi.Base, Dim: lo.Dim, Pos: p})
			}
		}
	}
	return out, errs
}

// ApplyBounds widens the plausible range of each quantity of qs that a
// bound names to cover the bound's range too, reporting a bound in a unit
// of another dimension. A bounds sheet only widens: it makes room for
// exotic data and never makes the built-in data implausible. It returns
// the bounds whose quantity qs does not have, for the next owner.
func ApplyBounds(qs Quantities, bounds []Bound) (rest []Bound, errs sheet.Errors) {
	for _, b := range bounds {
		q, ok := qs[b.Quantity]
		switch {
		case !ok:
			rest = append(rest, b)
		case b.Dim != q.Dim:
			errs = append(errs, b.Pos.Errorf("unit", "%s is a %s, not a %s", q.Name, q.Dim, b.Dim))
		default:
			lo, hi, _ := q.Plausible()
			q.Min, q.Max = min(lo, b.Min), max(hi, b.Max)
			qs[b.Quantity] = q
		}
	}
	return rest, errs
}
