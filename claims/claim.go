// Package claims checks vendor and analyst claims against the spec sheets,
// the price sheets and models, and measured benchmarks.
//
// A claim is data (a row of a claims sheet): who said what, when and where,
// and its testable form — a metric, the subjects it compares, the kind of
// statement (a ratio, a value, an ordering, a bound), the claimed value or
// band, and a tolerance. Check computes the claim from the data and returns
// a Verdict with the evidence behind it: every input figure with its status,
// source and date. A claim whose sides differ in precision or sparsity is
// caught as a mismatch instead of being computed.
package claims

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// Sheets is the file pattern of claims sheets.
const Sheets = "claims*.csv"

// Owns reports whether a file named name is a claims sheet.
func Owns(name string) bool {
	ok, _ := path.Match(Sheets, name)
	return ok
}

// Record is a row of a claims sheet as written.
type Record struct {
	ID                string `csv:"id"`
	Author            string `csv:"author"`
	Date              string `csv:"date"`
	Source            string `csv:"source"`
	Statement         string `csv:"statement"`
	Evidence          string `csv:"evidence"`
	Kind              string `csv:"kind"`
	Metric            string `csv:"metric"`
	Precision         string `csv:"precision,omitempty"`
	Sparsity          string `csv:"sparsity,omitempty"`
	BaselinePrecision string `csv:"baseline_precision,omitempty"`
	BaselineSparsity  string `csv:"baseline_sparsity,omitempty"`
	Per               string `csv:"per,omitempty"`
	Subject           string `csv:"subject"`
	Baseline          string `csv:"baseline,omitempty"`
	Claimed           string `csv:"claimed,omitempty"`
	Low               string `csv:"low,omitempty"`
	High              string `csv:"high,omitempty"`
	Unit              string `csv:"unit,omitempty"`
	Tolerance         string `csv:"tolerance,omitempty"`
	Inputs            string `csv:"inputs,omitempty"`
	Term              string `csv:"term,omitempty"`
	PricesAsOf        string `csv:"prices_as_of,omitempty"`
	Note              string `csv:"note,omitempty"`
}

// A Kind is the form of a claim.
type Kind string

// The kinds of claim.
const (
	RatioClaim   Kind = "ratio"    // subject ÷ baseline is the claimed value or band
	ValueClaim   Kind = "value"    // subject's value is the claimed value or band, in Unit
	AtLeastClaim Kind = "at-least" // the ratio (or the value, without a baseline) is at least the claimed value
	AtMostClaim  Kind = "at-most"  // ... at most the claimed value
	OrderClaim   Kind = "order"    // subject beats every baseline on the metric
)

// IsBound reports whether k states a bound (at-least, at-most, order)
// rather than a value or band.
func (k Kind) IsBound() bool {
	return k == AtLeastClaim || k == AtMostClaim || k == OrderClaim
}

// An EvidenceBasis says what a claim rests on.
type EvidenceBasis string

// The evidence bases.
const (
	SpecEvidence      EvidenceBasis = "spec"      // spec-sheet figures, via a metric
	BenchmarkEvidence EvidenceBasis = "benchmark" // measured benchmark results
	ModelEvidence     EvidenceBasis = "model"     // site, deal and per-GW figures
)

// A Claim is one parsed claim.
type Claim struct {
	ID, Author, Source, Statement string
	Date                          specs.Date
	Evidence                      EvidenceBasis
	Kind                          Kind
	Metric                        string
	Precision, BaselinePrecision  specs.Precision
	Sparsity, BaselineSparsity    specs.Sparsity
	Per                           string   // chip, system or gw
	Subject                       string   // an id; for model claims "a+b" sums sites
	Baselines                     []string // one for ratio claims, several for order claims
	Claimed, Low, High            float64  // the band [Low, High]; Low == High == Claimed for a point
	Unit                          string   // of a value claim's band
	Tolerance                     float64  // relative
	Inputs                        []string // ids of claims whose claimed figures this claim uses
	Term                          string
	PricesAsOf                    specs.Date
	Note                          string
	Pos                           sheet.Pos
}

// DefaultTolerance is the relative tolerance of a claim that gives none.
const DefaultTolerance = 0.10

// Parse checks one claims row. It checks the form; whether the metric and
// subjects exist is for Check to say, so that a claim about data a user has
// not loaded is unverifiable, not an error.
func Parse(row sheet.Row[Record]) (*Claim, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	bad := func(col, format string, args ...any) { errs = append(errs, p.Errorf(col, format, args...)) }
	c := &Claim{ID: r.ID, Author: r.Author, Source: r.Source, Statement: r.Statement, Metric: r.Metric,
		Subject: r.Subject, Unit: r.Unit, Term: r.Term, Note: r.Note, Pos: p, Tolerance: DefaultTolerance}
	for col, v := range map[string]string{"id": r.ID, "author": r.Author, "source": r.Source, "statement": r.Statement, "metric": r.Metric, "subject": r.Subject} {
		if v == "" {
			bad(col, "missing %s", col)
		}
	}
	var err error
	if c.Date, err = specs.ParseDate(r.Date); err != nil {
		bad("date", "%v", err)
	}
	switch e := EvidenceBasis(r.Evidence); e {
	case SpecEvidence, BenchmarkEvidence, ModelEvidence:
		c.Evidence = e
	default:
		bad("evidence", "unknown evidence %q (want spec, benchmark or model)", r.Evidence)
	}
	switch k := Kind(r.Kind); k {
	case RatioClaim, ValueClaim, AtLeastClaim, AtMostClaim, OrderClaim:
		c.Kind = k
	default:
		bad("kind", "unknown kind %q (want ratio, value, at-least, at-most or order)", r.Kind)
	}
	c.Baselines = splitList(r.Baseline, func(format string, args ...any) { bad("baseline", format, args...) })
	c.Inputs = splitList(r.Inputs, func(format string, args ...any) { bad("inputs", format, args...) })
	switch {
	case (c.Kind == RatioClaim || c.Kind == OrderClaim) && len(c.Baselines) == 0:
		bad("baseline", "a %s claim needs a baseline", c.Kind)
	case c.Kind == RatioClaim && len(c.Baselines) > 1:
		bad("baseline", "a ratio claim has one baseline")
	case c.Kind == ValueClaim && len(c.Baselines) > 0:
		bad("baseline", "a value claim has no baseline (use kind ratio)")
	}
	c.Precision, c.Sparsity = specs.Precision(r.Precision), specs.Sparsity(r.Sparsity)
	if r.Precision != "" {
		if _, err := specs.ParsePrecision(r.Precision); err != nil {
			bad("precision", "%v", err)
		}
	}
	if c.Sparsity == "" {
		c.Sparsity = specs.Dense
	} else if _, err := specs.ParseSparsity(r.Sparsity); err != nil {
		bad("sparsity", "%v", err)
	}
	c.BaselinePrecision, c.BaselineSparsity = c.Precision, c.Sparsity
	if r.BaselinePrecision != "" {
		c.BaselinePrecision = specs.Precision(r.BaselinePrecision)
		if _, err := specs.ParsePrecision(r.BaselinePrecision); err != nil {
			bad("baseline_precision", "%v", err)
		}
	}
	if r.BaselineSparsity != "" {
		c.BaselineSparsity = specs.Sparsity(r.BaselineSparsity)
		if _, err := specs.ParseSparsity(r.BaselineSparsity); err != nil {
			bad("baseline_sparsity", "%v", err)
		}
	}
	c.Per = r.Per
	switch c.Per {
	case "":
		c.Per = "chip"
	case "chip", "system", "gw":
	default:
		bad("per", "unknown basis %q (want chip, system or gw)", r.Per)
	}
	num := func(col, s string, scale float64) float64 {
		if s == "" {
			return 0
		}
		f, err := units.ParseNumber(s)
		if err != nil {
			bad(col, "%v", err)
			return 0
		}
		return f * scale
	}
	scale := 1.0
	if c.Unit != "" {
		u, ok := units.Lookup(c.Unit)
		if !ok {
			bad("unit", "unknown unit %q", c.Unit)
		} else {
			scale = u.Factor
		}
	}
	c.Claimed, c.Low, c.High = num("claimed", r.Claimed, scale), num("low", r.Low, scale), num("high", r.High, scale)
	switch {
	case c.Kind == OrderClaim:
	case r.Claimed == "" && (r.Low == "" || r.High == ""):
		bad("claimed", "give the claimed value, or a low and high band")
	case r.Low == "" && r.High == "":
		c.Low, c.High = c.Claimed, c.Claimed
	case r.Low == "" || r.High == "":
		bad("low", "a band needs both low and high")
	case c.Low > c.High:
		bad("low", "low is above high")
	case r.Claimed == "":
		c.Claimed = (c.Low + c.High) / 2
	}
	// A claimed ratio has no unit; a claimed quantity must have one, or
	// it would be read in base units (FLOP/s, bytes, W) and be off by
	// many orders of magnitude.
	switch {
	case c.Unit != "" && len(c.Baselines) > 0:
		bad("unit", "a claim with a baseline claims a ratio, which has no unit")
	case c.Unit == "" && c.Kind == ValueClaim:
		bad("unit", "a value claim needs the unit of its claimed value")
	case c.Unit == "" && (c.Kind == AtLeastClaim || c.Kind == AtMostClaim) && len(c.Baselines) == 0:
		bad("unit", "an %s claim without a baseline needs the unit of its claimed value", c.Kind)
	}
	if r.Tolerance != "" {
		c.Tolerance = num("tolerance", r.Tolerance, 1)
		if c.Tolerance < 0 || c.Tolerance >= 1 {
			bad("tolerance", "tolerance %s: want a fraction in [0, 1), e.g. 0.1 for 10%%", r.Tolerance)
		}
	}
	if r.PricesAsOf != "" {
		if c.PricesAsOf, err = specs.ParseDate(r.PricesAsOf); err != nil {
			bad("prices_as_of", "%v", err)
		}
	}
	return c, errs
}

// splitList splits a comma-separated list of ids, trimming each; an empty
// or repeated entry is reported through bad.
func splitList(s string, bad func(format string, args ...any)) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	seen := make(map[string]bool)
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
			bad("empty entry in list %q", s)
		case seen[f]:
			bad("%q is listed twice", f)
		default:
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Load reads the claims sheets of each source; a later claim with the same
// id replaces an earlier one. Every input a claim names must be loaded.
func Load(srcs ...specs.Source) ([]*Claim, error) {
	out, err := load(Sheets, srcs...)
	if err != nil {
		return nil, err
	}
	return out, CheckInputs(out)
}

// LoadFile reads one claims sheet, whatever its name. Its claims may take
// inputs from claims loaded elsewhere: Merge them, which checks inputs.
func LoadFile(file string) ([]*Claim, error) {
	return load(specs.Literal(filepath.Base(file)), specs.Source{FS: os.DirFS(filepath.Dir(file)), Name: filepath.Dir(file)})
}

// Merge returns base with extra added, a claim in extra replacing the one
// in base with its id, and checks that every input a claim names is there.
func Merge(base, extra []*Claim) ([]*Claim, error) {
	out := merge(base, extra)
	return out, CheckInputs(out)
}

// CheckInputs reports every input a claim names that is not in all.
func CheckInputs(all []*Claim) error {
	ids := make(map[string]bool, len(all))
	for _, c := range all {
		ids[c.ID] = true
	}
	var errs sheet.Errors
	for _, c := range all {
		for _, in := range c.Inputs {
			if !ids[in] {
				errs = append(errs, c.Pos.Errorf("inputs", "no claim %q to take figures from", in))
			}
		}
	}
	return errs.Err()
}

func merge(base, extra []*Claim) []*Claim {
	out := append([]*Claim(nil), base...)
	index := make(map[string]int, len(out))
	for i, c := range out {
		index[c.ID] = i
	}
	for _, c := range extra {
		if i, ok := index[c.ID]; ok {
			out[i] = c
			continue
		}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	return out
}

// load reads the sheets matching pattern in each source; an id may appear
// once per source, and a later source's claim replaces an earlier one.
func load(pattern string, srcs ...specs.Source) ([]*Claim, error) {
	var out []*Claim
	var errs sheet.Errors
	for _, src := range srcs {
		rows, e := specs.ReadSheets[Record](src, pattern)
		errs = append(errs, e...)
		seen := make(map[string]sheet.Pos)
		var these []*Claim
		for _, row := range rows {
			c, e := Parse(row)
			errs = append(errs, e...)
			if len(e) > 0 {
				continue
			}
			if first, dup := seen[c.ID]; dup {
				errs = append(errs, c.Pos.Errorf("id", "duplicate claim id %q (first at %s)", c.ID, first))
				continue
			}
			seen[c.ID] = c.Pos
			these = append(these, c)
		}
		out = merge(out, these)
	}
	return out, errs.Err()
}

// Describe writes the claimed value or band for people.
func (c *Claim) Describe() string {
	f := func(v float64) string {
		if c.Unit == "" {
			return fmt.Sprintf("%.3gx", v)
		}
		u, _ := units.Lookup(c.Unit)
		if u.Dim == units.Money {
			return u.Dim.Display().Scale(v).FormatUnit(v)
		}
		return fmt.Sprintf("%s %s", units.FormatNumber(v/u.Factor), c.Unit)
	}
	switch {
	case c.Kind == OrderClaim:
		return "beats " + strings.Join(c.Baselines, ", ")
	case c.Kind == AtLeastClaim:
		return "≥ " + f(c.Claimed)
	case c.Kind == AtMostClaim:
		return "≤ " + f(c.Claimed)
	case c.Low != c.High:
		return f(c.Low) + "–" + f(c.High)
	}
	return f(c.Claimed)
}
