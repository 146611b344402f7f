// Package units parses the units hwcmp's data sheets use into base units
// and scales base-unit values back into prefixed units for people.
//
// It works in two steps, like golang.org/x/perf/benchunit: a value and its
// unit are first tidied into the base unit of their dimension ("4.8 TB/s"
// becomes 4.8e12 B/s), keeping the original for provenance; only output for
// people is scaled again, with one common prefix for a whole column. All
// arithmetic happens on base units, so GB and GiB meet only through exact
// conversion factors.
package units

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// A Dimension is the physical (or financial) kind of a quantity. Values of
// different dimensions never combine except through an explicit formula.
type Dimension int

// The dimensions hwcmp knows. Each has one base unit, named by BaseUnit.
const (
	None          Dimension = iota // no unit: an invalid Dimension
	Throughput                     // operations per second (FLOP/s or OP/s)
	Bytes                          // bytes of storage or memory
	ByteRate                       // bytes per second of bandwidth
	Power                          // watts
	Frequency                      // hertz
	Count                          // a plain count: cores, chips, vCPUs
	Money                          // US dollars
	MoneyRate                      // US dollars per hour
	EnergyPrice                    // US dollars per kilowatt-hour
	Duration                       // hours
	Ratio                          // a dimensionless fraction or multiplier
	MoneyPerPower                  // US dollars per watt of capacity
)

var dimensionNames = [...]string{
	None:          "none",
	Throughput:    "throughput",
	Bytes:         "bytes",
	ByteRate:      "byte rate",
	Power:         "power",
	Frequency:     "frequency",
	Count:         "count",
	Money:         "money",
	MoneyRate:     "money rate",
	EnergyPrice:   "energy price",
	Duration:      "duration",
	Ratio:         "ratio",
	MoneyPerPower: "money per power",
}

var baseUnits = [...]string{
	None:          "",
	Throughput:    "FLOP/s",
	Bytes:         "B",
	ByteRate:      "B/s",
	Power:         "W",
	Frequency:     "Hz",
	Count:         "count",
	Money:         "USD",
	MoneyRate:     "USD/h",
	EnergyPrice:   "USD/kWh",
	Duration:      "h",
	Ratio:         "ratio",
	MoneyPerPower: "USD/W",
}

func (d Dimension) String() string {
	if d < 0 || int(d) >= len(dimensionNames) {
		return fmt.Sprintf("Dimension(%d)", int(d))
	}
	return dimensionNames[d]
}

// BaseUnit returns the name of the unit all values of d are stored in.
// Throughput is stored in operations per second whatever the operation;
// its base unit is written FLOP/s because nearly every figure is one.
func (d Dimension) BaseUnit() string {
	if d < 0 || int(d) >= len(baseUnits) {
		return ""
	}
	return baseUnits[d]
}

// HoursPerYear is the year hwcmp uses to turn hourly prices into yearly
// ones and back: 365 days of 24 hours, the convention of cloud price lists
// (AWS folds reserved upfront fees over years × 8,760 hours).
const HoursPerYear = 8760

// A Unit is a unit a data sheet may name.
type Unit struct {
	Name   string    // as written in sheets, e.g. "TB/s"
	Dim    Dimension // what it measures
	Factor float64   // multiply a value in this unit by Factor to get base units
	// Integer marks integer-operation throughput units (TOPS), which are
	// valid only for integer precisions; FLOPS units are valid only for
	// floating-point ones.
	Integer bool
}

// unitTable lists every unit a sheet may use. Binary and decimal prefixes
// are distinct entries with exact factors, so GB and GiB never mix.
var unitTable = func() map[string]Unit {
	m := make(map[string]Unit)
	add := func(name string, dim Dimension, factor float64) {
		m[name] = Unit{Name: name, Dim: dim, Factor: factor}
	}
	for _, p := range []struct {
		prefix string
		factor float64
	}{{"", 1}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18}} {
		add(p.prefix+"FLOPS", Throughput, p.factor)
		m[p.prefix+"OPS"] = Unit{Name: p.prefix + "OPS", Dim: Throughput, Factor: p.factor, Integer: true}
	}
	for _, p := range []struct {
		prefix string
		factor float64
	}{{"", 1}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15},
		{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40}, {"Pi", 1 << 50}} {
		add(p.prefix+"B", Bytes, p.factor)
		add(p.prefix+"B/s", ByteRate, p.factor)
	}
	add("kB", Bytes, 1e3)
	add("kB/s", ByteRate, 1e3)
	for _, p := range []struct {
		prefix string
		factor float64
	}{{"", 1}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}} {
		// Network bandwidth is quoted in bits per second.
		add(p.prefix+"bps", ByteRate, p.factor/8)
	}
	add("W", Power, 1)
	add("kW", Power, 1e3)
	add("MW", Power, 1e6)
	add("GW", Power, 1e9)
	add("Hz", Frequency, 1)
	add("MHz", Frequency, 1e6)
	add("GHz", Frequency, 1e9)
	add("count", Count, 1)
	add("USD", Money, 1)
	add("USD/h", MoneyRate, 1)
	add("USD/month", MoneyRate, 12.0/HoursPerYear)
	add("USD/year", MoneyRate, 1.0/HoursPerYear)
	add("USD/kWh", EnergyPrice, 1)
	add("USD/MWh", EnergyPrice, 1e-3)
	add("h", Duration, 1)
	add("months", Duration, HoursPerYear/12.0)
	add("years", Duration, HoursPerYear)
	add("USD/W", MoneyPerPower, 1)
	add("USD/kW", MoneyPerPower, 1e-3)
	add("USD/MW", MoneyPerPower, 1e-6)
	add("USD/GW", MoneyPerPower, 1e-9)
	add("ratio", Ratio, 1)
	add("x", Ratio, 1)
	add("%", Ratio, 0.01)
	return m
}()

// Lookup returns the unit called name. Names are case-sensitive: "Mb" and
// "MB" differ by a factor of eight, and "mW" is not "MW".
func Lookup(name string) (Unit, bool) {
	u, ok := unitTable[name]
	return u, ok
}

// Names returns the names of every unit of dimension d, sorted, for help
// text and error messages.
func Names(d Dimension) []string {
	var names []string
	for name, u := range unitTable {
		if u.Dim == d {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// A Value is a number tidied into the base unit of its dimension, with the
// number and unit it was written in.
type Value struct {
	Base     float64   // the value in Dim's base unit
	Dim      Dimension // what it measures
	Orig     float64   // the value as written
	OrigUnit string    // the unit as written
}

func (v Value) String() string {
	return FormatNumber(v.Orig) + " " + v.OrigUnit
}

// ParseNumber parses a decimal number as data sheets write it. It refuses
// NaN, infinities, hex and thousands separators, none of which a spec sheet
// means.
func ParseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("empty number")
	}
	for _, r := range t {
		if !strings.ContainsRune("0123456789.eE+-", r) {
			if r == ',' {
				return 0, fmt.Errorf("number %q has a thousands separator; write it without", s)
			}
			return 0, fmt.Errorf("%q is not a number", s)
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

// Parse tidies number, written in unit, into base units.
func Parse(number, unit string) (Value, error) {
	u, ok := Lookup(unit)
	if !ok {
		return Value{}, fmt.Errorf("unknown unit %q", unit)
	}
	f, err := ParseNumber(number)
	if err != nil {
		return Value{}, err
	}
	base := f * u.Factor
	if math.IsInf(base, 0) {
		return Value{}, fmt.Errorf("%s %s is out of range", number, unit)
	}
	return Value{Base: base, Dim: u.Dim, Orig: f, OrigUnit: u.Name}, nil
}

// FormatNumber writes f with the fewest digits that read it back exactly,
// never in exponent form for the magnitudes sheets hold.
func FormatNumber(f float64) string {
	if f != 0 && (math.Abs(f) >= 1e21 || math.Abs(f) < 1e-6) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
