package specs

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
)

// ValueRecord is one row of a value sheet as written: one number with its
// unit, status, source and date. Chips, systems, sites and scenarios all
// keep their numbers in sheets of this shape, so that every number carries
// its own provenance.
type ValueRecord struct {
	Subject    string `csv:"subject"`
	Quantity   string `csv:"quantity"`
	Precision  string `csv:"precision,omitempty"`
	Sparsity   string `csv:"sparsity,omitempty"`
	Value      string `csv:"value"`
	Unit       string `csv:"unit"`
	Low        string `csv:"low,omitempty"`
	High       string `csv:"high,omitempty"`
	RelativeTo string `csv:"relative_to,omitempty"`
	// Basis says what a figure covers where a quantity can cover several
	// things (a chip's price, or a rack's ÷ its chips); optional.
	Basis     string `csv:"basis,omitempty"`
	Status    string `csv:"status"`
	Preferred string `csv:"preferred,omitempty"`
	Source    string `csv:"source"`
	AsOf      string `csv:"as_of"`
	Note      string `csv:"note,omitempty"`
}

// A GroupKey names what a figure measures. Several figures for one key are
// contested figures for the same thing; one of them is preferred.
type GroupKey struct {
	Subject   string
	Quantity  string
	Precision Precision
	Sparsity  Sparsity
}

func (k GroupKey) String() string { return k.Subject + " " + k.What() }

// What names the measured quantity without the subject, e.g.
// "throughput fp8 dense".
func (k GroupKey) What() string {
	s := k.Quantity
	if k.Precision != "" {
		s += " " + string(k.Precision)
	}
	if k.Sparsity != "" {
		s += " " + string(k.Sparsity)
	}
	return s
}

// A Value is one parsed figure.
type Value struct {
	GroupKey
	units.Value         // the figure, tidied into base units, with its original form
	Low, High   float64 // the range the source gives, in base units, if HasRange
	// RelativeTo names the subject a ratio figure multiplies ("Trn4 has 6x
	// the FP4 throughput of Trn3"); its Dim is then units.Ratio.
	RelativeTo string
	// Basis says what the figure covers, for quantities that name their
	// bases (Quantity.Bases); empty when the row does not say.
	Basis     string
	Status    Status
	Preferred bool
	HasRange  bool // whether Low and High hold a range (next to Preferred, to share its padding)
	Source    string
	AsOf      Date
	Note      string
	Pos       sheet.Pos // where the row was read; zero for derived figures
	Layer     int       // 0 for embedded defaults, 1 for --data sheets
	// Inputs are the figures a derived value was computed from; Formula
	// says how.
	Inputs  []*Value
	Formula string
}

// Origin says where v came from: its file and line, or the formula it was
// derived by.
func (v *Value) Origin() string {
	if v.Formula != "" {
		return "derived: " + v.Formula
	}
	return v.Pos.String()
}

// fallback reports whether v is one of hwcmp's own derivations rather
// than a figure a sheet states directly or as a ratio.
func (v *Value) fallback() bool {
	return v.Formula != "" && (len(v.Inputs) == 0 || !v.Inputs[0].Relative())
}

// Relative reports whether v is a ratio to another subject's figure.
func (v *Value) Relative() bool { return v.RelativeTo != "" }

// ParseValue checks one value row against qs and known (which reports
// whether a subject id exists, and says what it is) and returns the figure
// or every problem in the row.
func ParseValue(row sheet.Row[ValueRecord], qs Quantities, known func(id string) bool) (*Value, sheet.Errors) {
	v, errs := parseValue(row, qs, nil)
	return v, append(errs, v.checkSubjects(known)...)
}

// checkSubjects checks that v's subject, and the subject it is relative
// to, exist: known reports whether an id does.
func (v *Value) checkSubjects(known func(id string) bool) sheet.Errors {
	var errs sheet.Errors
	if v.Subject != "" && !known(v.Subject) {
		errs = append(errs, v.Pos.Errorf("subject", "unknown subject %q (not in any chips, systems or other entity sheet)", v.Subject))
	}
	if v.RelativeTo != "" && !known(v.RelativeTo) {
		errs = append(errs, v.Pos.Errorf("relative_to", "unknown subject %q", v.RelativeTo))
	}
	return errs
}

// parseValue is ParseValue without checking that the subjects exist, so
// that value sheets can be parsed while the chips and systems load. With
// a table, the figure's strings are its own or the table's, not slices of
// the sheet's record (see interned).
func parseValue(row sheet.Row[ValueRecord], qs Quantities, table interned) (*Value, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	bad := func(column string, err error) { errs = append(errs, p.Wrap(column, err)) }
	v := &Value{Pos: p, Source: table.of(r.Source), Note: table.of(r.Note), RelativeTo: table.of(r.RelativeTo), Basis: table.of(r.Basis)}
	v.Subject, v.Quantity = r.Subject, r.Quantity
	if q, ok := qs[r.Quantity]; ok && table != nil {
		v.Quantity = q.Name // the subject becomes the catalog's own id once checked (parsedValues.checked)
	}

	if r.Subject == "" {
		bad("subject", fmt.Errorf("missing subject"))
	}
	q, ok := qs[r.Quantity]
	if !ok {
		bad("quantity", fmt.Errorf("unknown quantity %q (want one of %s)", r.Quantity, strings.Join(qs.Names(), ", ")))
	}

	switch {
	case !ok:
		v.Precision, v.Sparsity = Precision(r.Precision), Sparsity(r.Sparsity)
	case q.ByPrecision:
		var err error
		if v.Precision, err = ParsePrecision(r.Precision); err != nil {
			bad("precision", err)
		}
		if v.Sparsity, err = ParseSparsity(r.Sparsity); err != nil {
			bad("sparsity", err)
		}
	default:
		if r.Precision != "" {
			bad("precision", fmt.Errorf("%s is not quoted by precision; leave precision empty", q.Name))
		}
		if r.Sparsity != "" {
			bad("sparsity", fmt.Errorf("%s is not quoted by sparsity; leave sparsity empty", q.Name))
		}
	}

	val, err := units.Parse(r.Value, r.Unit)
	switch {
	case err != nil && strings.HasPrefix(err.Error(), "unknown unit"):
		if ok {
			err = fmt.Errorf("%v (%s takes %s)", err, q.Name, strings.Join(units.Names(q.Dim), ", "))
		}
		bad("unit", err)
	case err != nil:
		bad("value", err)
	default:
		v.Value = val
		checkUnit(v, q, ok, bad)
	}
	v.Low, v.High, v.HasRange = parseRange(r, v, q, ok, bad)
	if r.Basis != "" && ok {
		if len(q.Bases) == 0 {
			bad("basis", fmt.Errorf("%s takes no basis; leave basis empty", q.Name))
		} else if _, err := ParseEnum(r.Basis, "basis", q.Bases); err != nil {
			bad("basis", err)
		}
	}

	if st, err := ParseStatus(r.Status); err != nil {
		bad("status", err)
	} else {
		v.Status = st
	}
	switch strings.ToLower(r.Preferred) {
	case "yes", "true":
		v.Preferred = true
	case "", "no", "false":
	default:
		bad("preferred", fmt.Errorf("%q: want yes or empty", r.Preferred))
	}
	if r.Source == "" {
		bad("source", fmt.Errorf("missing source: every number needs a URL or document"))
	}
	if d, err := ParseDate(r.AsOf); err != nil {
		if r.AsOf == "" {
			err = fmt.Errorf("missing date: every number needs the date of its source")
		}
		bad("as_of", err)
	} else {
		v.AsOf = d
	}
	return v, errs
}

// interned maps a string to one copy of it. The fields of a decoded sheet
// row are slices of one string per record, so a figure keeping any field
// keeps the whole record: at 300,000 figures that was 50 MB, a seventh of
// the loaded catalogue. A figure's sources, notes and the like repeat
// across rows; one copy each serves them all. A nil table keeps strings
// as they are.
type interned map[string]string

func (t interned) of(s string) string {
	if t == nil || s == "" {
		return s
	}
	if c, ok := t[s]; ok {
		return c
	}
	c := strings.Clone(s)
	t[c] = c
	return c
}

// checkUnit checks v's unit and magnitude against its quantity.
func checkUnit(v *Value, q Quantity, known bool, bad func(string, error)) {
	switch {
	case v.RelativeTo != "" && v.Dim != units.Ratio:
		bad("unit", fmt.Errorf("a figure relative_to %s is a ratio: unit must be x, not %s", v.RelativeTo, v.OrigUnit))
	case v.RelativeTo == "" && v.Dim == units.Ratio && known && q.Dim != units.Ratio:
		bad("relative_to", fmt.Errorf("unit %s is a ratio: say what it is relative to", v.OrigUnit))
	case v.RelativeTo == "" && known && v.Dim != q.Dim:
		bad("unit", fmt.Errorf("unit %s measures %s, but %s is a %s (use %s)",
			v.OrigUnit, v.Dim, q.Name, q.Dim, strings.Join(units.Names(q.Dim), ", ")))
	case known && q.ByPrecision && v.Dim == units.Throughput && v.Precision != "":
		u, _ := units.Lookup(v.OrigUnit)
		if u.Integer != v.Precision.Integer() {
			want := "FLOPS (TFLOPS, PFLOPS ...): it is a floating-point format"
			if v.Precision.Integer() {
				want = "OPS (TOPS, POPS ...): it is an integer format"
			}
			bad("unit", fmt.Errorf("%s is quoted in %s, not %s", v.Precision, want, v.OrigUnit))
		}
	}
	switch {
	case v.Orig < 0:
		bad("value", fmt.Errorf("negative %s: %s", q.Name, units.FormatNumber(v.Orig)))
	case v.Orig == 0 && !q.AllowZero:
		bad("value", fmt.Errorf("zero %s is impossible", q.Name))
	case known && checkPlausible(v, q) != nil:
		bad("value", checkPlausible(v, q))
	case q.Whole && v.Dim == units.Count && v.Orig != float64(int64(v.Orig)):
		bad("value", fmt.Errorf("%s must be a whole number, not %s", q.Name, units.FormatNumber(v.Orig)))
	}
}

// ratioQuantity bounds the multiplier of a relative_to row, so that a
// chain of ratios can neither overflow nor vanish.
var ratioQuantity = Quantity{Name: "ratio", Dim: units.Ratio}

// checkPlausible checks a figure against its quantity's plausible range,
// or a ratio row's multiplier against the range of ratios.
func checkPlausible(v *Value, q Quantity) error {
	if v.RelativeTo != "" {
		r := ratioQuantity
		r.Bounds = q.Bounds
		return r.CheckPlausible(v.Base)
	}
	return q.CheckPlausible(v.Base)
}

// CheckDerived checks every figure hwcmp derived (from a ratio row, or
// half a sparse rate) against its quantity's plausible range in qs, and
// reports one that is not at the row it was derived from.
func (s *ValueSet) CheckDerived(qs Quantities) sheet.Errors {
	var errs sheet.Errors
	for _, v := range s.values {
		q, ok := qs[v.Quantity]
		if v.Formula == "" || !ok {
			continue
		}
		if err := q.CheckPlausible(v.Base); err != nil {
			errs = append(errs, v.Pos.Errorf("value", "resolves to %w", err))
		}
	}
	return errs
}

// parseRange parses the optional low and high columns, in v's unit. The
// low bound follows the value's rule: positive unless zero is a real
// value of the quantity, for a zero bound would make every ratio over the
// figure unbounded. Both bounds must be plausible, like the value.
func parseRange(r ValueRecord, v *Value, q Quantity, known bool, bad func(string, error)) (low, high float64, ok bool) {
	allowZero := q.AllowZero
	if r.Low == "" && r.High == "" {
		return 0, 0, false
	}
	if r.Low == "" || r.High == "" {
		col := "low"
		if r.Low != "" {
			col = "high"
		}
		bad(col, fmt.Errorf("a range needs both low and high"))
		return 0, 0, false
	}
	lo, errLo := units.Parse(r.Low, r.Unit)
	hi, errHi := units.Parse(r.High, r.Unit)
	if errLo != nil {
		bad("low", errLo)
	}
	if errHi != nil {
		bad("high", errHi)
	}
	if errLo != nil || errHi != nil || v.Dim == units.None {
		return 0, 0, false
	}
	switch {
	case lo.Base < 0 || (lo.Base == 0 && !allowZero):
		bad("low", fmt.Errorf("low %s: a range's bounds must be positive", r.Low))
		return 0, 0, false
	case lo.Base > hi.Base:
		bad("low", fmt.Errorf("low %s is above high %s", r.Low, r.High))
		return 0, 0, false
	case v.Base < lo.Base || v.Base > hi.Base:
		bad("value", fmt.Errorf("value %s is outside its range [%s, %s]", r.Value, r.Low, r.High))
		return 0, 0, false
	}
	if !known {
		return lo.Base, hi.Base, true
	}
	// An implausible bound is a problem that the bounds mode may let
	// load, with the range as written.
	if err := checkPlausible(&Value{Value: lo, RelativeTo: v.RelativeTo}, q); err != nil {
		bad("low", err)
	} else if err := checkPlausible(&Value{Value: hi, RelativeTo: v.RelativeTo}, q); err != nil {
		bad("high", err)
	}
	return lo.Base, hi.Base, true
}

// BaseUnit names the unit v's base value is in: OP/s, not FLOP/s, for an
// integer throughput, as its vendor publishes it.
func (v *Value) BaseUnit() string {
	if v.Precision.Integer() {
		return units.IntegerOps(v.Dim.BaseUnit())
	}
	return v.Dim.BaseUnit()
}

// Display returns how v's quantity is shown to people, in OPS for an
// integer throughput.
func (v *Value) Display() units.Display {
	d := v.Dim.Display()
	if q, ok := SpecQuantities()[v.Quantity]; ok && q.Dim == v.Dim {
		d = q.DisplayOf()
	}
	if v.Precision.Integer() {
		d = d.IntegerOps()
	}
	return d
}
