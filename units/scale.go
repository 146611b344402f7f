package units

import (
	"math"
	"strconv"
	"strings"
)

// A Class selects the prefixes a display unit scales with.
type Class int

const (
	Decimal  Class = iota // SI prefixes: k, M, G, T, P, E
	Binary                // IEC prefixes: Ki, Mi, Gi, Ti, Pi
	Currency              // money prefixes: k, M, bn, tn
	Plain                 // no prefix; digits only
)

type prefix struct {
	name   string
	factor float64
}

var prefixesByClass = [...][]prefix{
	Decimal:  {{"E", 1e18}, {"P", 1e15}, {"T", 1e12}, {"G", 1e9}, {"M", 1e6}, {"k", 1e3}, {"", 1}},
	Binary:   {{"Pi", 1 << 50}, {"Ti", 1 << 40}, {"Gi", 1 << 30}, {"Mi", 1 << 20}, {"Ki", 1 << 10}, {"", 1}},
	Currency: {{"tn", 1e12}, {"bn", 1e9}, {"M", 1e6}, {"k", 1e3}, {"", 1}},
	Plain:    {{"", 1}},
}

// A Display says how people read values of one dimension: the symbol that
// follows a prefix, how many of that symbol one base unit is, and which
// prefixes apply. Network bandwidth, for example, is stored in B/s and
// displayed in bps: Display{"bps", 8, Decimal}.
type Display struct {
	Symbol  string
	PerBase float64 // symbol units per base unit
	Class   Class
}

// Display returns the usual display of d.
func (d Dimension) Display() Display {
	switch d {
	case Throughput:
		return Display{"FLOPS", 1, Decimal}
	case Bytes:
		return Display{"B", 1, Decimal}
	case ByteRate:
		return Display{"B/s", 1, Decimal}
	case Power:
		return Display{"W", 1, Decimal}
	case Frequency:
		return Display{"Hz", 1, Decimal}
	case Money:
		return Display{"USD", 1, Currency}
	case MoneyRate:
		return Display{"USD/h", 1, Plain}
	case EnergyPrice:
		return Display{"USD/kWh", 1, Plain}
	case Duration:
		return Display{"years", 1.0 / HoursPerYear, Plain}
	case Ratio:
		return Display{"x", 1, Plain}
	case MoneyPerPower:
		return Display{"USD/W", 1, Plain}
	}
	return Display{"", 1, Plain}
}

// BitRate displays a byte rate in bits per second, as network links are quoted.
var BitRate = Display{"bps", 8, Decimal}

// A Scaler formats the values of one column with a common prefix and
// precision, so that a column reads as one unit.
type Scaler struct {
	Display
	Prefix string  // e.g. "T" or "bn"
	Factor float64 // value of one Prefix, in display units
	Prec   int     // digits after the decimal point
}

// Unit returns the column's unit, e.g. "PFLOPS", "TB/s" or "USD bn".
func (s Scaler) Unit() string {
	if s.Class == Currency && s.Prefix != "" {
		return s.Symbol + " " + s.Prefix
	}
	return s.Prefix + s.Symbol
}

// Format writes base, a value in base units, in the scaler's unit, without
// the unit.
func (s Scaler) Format(base float64) string {
	return strconv.FormatFloat(base*s.PerBase/s.Factor, 'f', s.Prec, 64)
}

// FormatUnit writes base with its unit, e.g. "4.8 TB/s".
func (s Scaler) FormatUnit(base float64) string {
	if u := s.Unit(); u != "" {
		return s.Format(base) + " " + u
	}
	return s.Format(base)
}

// maxPrec caps the digits after the point for values far below one.
const maxPrec = 6

// Scale returns the scaler that shows base (a value in base units) with at
// least three significant digits.
func (d Display) Scale(base float64) Scaler {
	return d.CommonScale([]float64{base})
}

// CommonScale returns one scaler for all of bases (values in base units):
// the largest prefix that keeps the smallest non-zero magnitude at or above
// one, and enough digits to show that smallest value to three significant
// figures. Whole numbers print without a decimal point. Like benchunit's
// CommonScale, the smallest value decides, so that no value in a column
// rounds away to zero.
func (d Display) CommonScale(bases []float64) Scaler {
	if d.PerBase == 0 {
		d.PerBase = 1
	}
	min, whole := 0.0, true
	for _, b := range bases {
		v := math.Abs(b * d.PerBase)
		if v != 0 && (min == 0 || v < min) {
			min = v
		}
	}
	s := Scaler{Display: d, Factor: 1}
	if min == 0 {
		return s
	}
	prefixes := prefixesByClass[d.Class]
	s.Prefix, s.Factor = prefixes[len(prefixes)-1].name, prefixes[len(prefixes)-1].factor
	for _, p := range prefixes {
		if min >= p.factor {
			s.Prefix, s.Factor = p.name, p.factor
			break
		}
	}
	for _, b := range bases {
		v := b * d.PerBase / s.Factor
		if v != math.Trunc(v) || math.Abs(v) >= 1e15 {
			whole = false
			break
		}
	}
	if whole {
		return s
	}
	m := min / s.Factor
	s.Prec = 2 - int(math.Floor(math.Log10(m)))
	if s.Prec < 0 {
		s.Prec = 0
	}
	if s.Prec > maxPrec {
		s.Prec = maxPrec
	}
	return s
}

// IntegerOps rewrites a throughput unit or display symbol for integer
// operations, which vendors quote in OPS, not FLOPS: "FLOP/s" → "OP/s",
// "TFLOPS/W" → "TOPS/W", "FLOP/B" → "OP/B". Other units pass unchanged.
func IntegerOps(unit string) string { return strings.ReplaceAll(unit, "FLOP", "OP") }

// IntegerOps returns d for integer operations (see the function IntegerOps).
func (d Display) IntegerOps() Display {
	d.Symbol = IntegerOps(d.Symbol)
	return d
}
