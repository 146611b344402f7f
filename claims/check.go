package claims

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// The verdicts.
const (
	Supported    = "supported"    // a bound holds, or a value is within tolerance
	Close        = "close"        // a bound misses by no more than the tolerance; a value is within twice it
	Contradicted = "contradicted" // further off
	Unverifiable = "unverifiable" // an input is missing; Missing says which
	Mismatch     = "mismatch"     // the claim compares unlike figures; Mismatch says how
)

// A Verdict is a checked claim with its evidence.
type Verdict struct {
	Claim    *Claim
	Verdict  string
	Value    float64          // the computed ratio or value (base units)
	Range    compare.Interval // from the inputs' ranges
	Status   specs.Status     // the weakest input status
	Distance float64          // relative distance from the claimed band, 0 inside it
	Missing  string
	Mismatch string
	Warnings []string
	Evidence []compare.Evidence
	// IsRatio says whether Value is a ratio (else a value in Claim.Unit).
	IsRatio bool
}

// Tentative reports whether the verdict rests on estimates, assumptions
// or targets; the verdict says so.
func (v Verdict) Tentative() bool { return v.Status.Tentative() }

// Label is the verdict as people read it, e.g. "supported (rests on targets)".
func (v Verdict) Label() string {
	if (v.Verdict == Supported || v.Verdict == Close || v.Verdict == Contradicted) && v.Tentative() {
		return fmt.Sprintf("%s (rests on %s figures)", v.Verdict, v.Status)
	}
	return v.Verdict
}

// A Checker checks claims against loaded data.
type Checker struct {
	Engine  *compare.Engine // with Catalog, Book and Assumptions set
	Metrics *compare.Registry
	Bench   []*bench.Result
	byID    map[string]*Claim
}

// NewChecker returns a checker over the given claims (for their inputs).
func NewChecker(e *compare.Engine, metrics *compare.Registry, results []*bench.Result, all []*Claim) *Checker {
	k := &Checker{Engine: e, Metrics: metrics, Bench: results, byID: make(map[string]*Claim)}
	for _, c := range all {
		k.byID[c.ID] = c
	}
	return k
}

// outcome is what a claim computes to, before the verdict.
type outcome struct {
	value    float64
	rng      compare.Interval
	status   specs.Status
	evidence []compare.Evidence
	missing  string
	mismatch string
	warnings []string
	ratio    bool
}

// Check computes c and returns its verdict.
func (k *Checker) Check(c *Claim) Verdict {
	var o outcome
	switch c.Evidence {
	case SpecEvidence:
		o = k.spec(c)
	case BenchmarkEvidence:
		o = k.benchmark(c)
	case ModelEvidence:
		o = k.model(c)
	}
	v := Verdict{Claim: c, Value: o.value, Range: o.rng, Status: o.status, Missing: o.missing,
		Mismatch: o.mismatch, Warnings: o.warnings, Evidence: o.evidence, IsRatio: o.ratio}
	switch {
	case o.mismatch != "":
		v.Verdict = Mismatch
	case o.missing != "":
		v.Verdict = Unverifiable
	default:
		v.Distance = distance(c, o.value)
		v.Verdict = judge(c, v.Distance)
	}
	return v
}

// judge turns a distance into a verdict. A bound (at-least, at-most,
// order) is a hard statement: it is supported only where it holds, and
// close where it misses by no more than the tolerance. A claimed value or
// band is supported within the tolerance, and close within twice it.
func judge(c *Claim, distance float64) string {
	slack := 1 + 1e-9 // keep a figure exactly on the edge inside it
	supported, close := c.Tolerance*slack, 2*c.Tolerance*slack
	if c.Kind.IsBound() {
		supported, close = 0, c.Tolerance*slack
	}
	switch {
	case distance <= supported:
		return Supported
	case distance <= close:
		return Close
	}
	return Contradicted
}

// distance returns how far v is from what c claims, relative to the
// claim: 0 inside the band.
func distance(c *Claim, v float64) float64 {
	switch c.Kind {
	case AtLeastClaim:
		return max(0, (c.Claimed-v)/c.Claimed)
	case AtMostClaim:
		return max(0, (v-c.Claimed)/c.Claimed)
	case OrderClaim:
		return max(0, 1-v)
	}
	switch {
	case v < c.Low:
		return (c.Low - v) / c.Low
	case v > c.High:
		return (v - c.High) / c.High
	}
	return 0
}

// engine returns an engine whose prices follow c's term and date.
func (k *Checker) engine(c *Claim) (*compare.Engine, error) {
	e := *k.Engine
	q := pricing.Query{Term: pricing.OnDemand, AsOf: c.PricesAsOf}
	if c.Term != "" {
		t, err := pricing.ParseTerm(c.Term)
		if err != nil {
			return nil, err
		}
		q.Term = t
	}
	e.Prices = q
	return &e, nil
}

func (k *Checker) spec(c *Claim) outcome {
	m, err := k.Metrics.Lookup(c.Metric)
	if err != nil {
		return outcome{missing: err.Error()}
	}
	if m.ByPrecision() {
		var diffs []string
		if c.Precision != c.BaselinePrecision {
			diffs = append(diffs, fmt.Sprintf("different precisions: %s at %s, baseline at %s", c.Subject, c.Precision, c.BaselinePrecision))
		}
		if c.Sparsity != c.BaselineSparsity {
			diffs = append(diffs, fmt.Sprintf("sparse figure compared with dense: %s %s, baseline %s", c.Subject, c.Sparsity, c.BaselineSparsity))
		}
		if len(diffs) > 0 && len(c.Baselines) > 0 {
			return outcome{mismatch: strings.Join(diffs, "; ")}
		}
		if c.Precision == "" {
			return outcome{missing: "a precision for metric " + m.Name}
		}
	}
	e, err := k.engine(c)
	if err != nil {
		return outcome{missing: err.Error()}
	}
	basis, _ := compare.ParseBasis(c.Per)
	so := compare.Options{Precision: c.Precision, Sparsity: c.Sparsity, Basis: basis}
	bo := compare.Options{Precision: c.BaselinePrecision, Sparsity: c.BaselineSparsity, Basis: basis}
	a := e.Evaluate(m, c.Subject, so)
	o := outcome{evidence: a.Evidence}
	if len(c.Baselines) == 0 {
		if !a.OK() {
			o.missing = c.Subject + ": " + a.Missing
			return o
		}
		o.value, o.rng, o.status = a.Value, a.Range, a.Status
		return o
	}
	o.ratio = true
	o.value = -1
	for _, base := range c.Baselines {
		b := e.Evaluate(m, base, bo)
		o.evidence = append(o.evidence, b.Evidence...)
		o.warnings = append(o.warnings, k.chipCountWarning(c.Subject, base, basis)...)
		r := compare.Ratio(a, b)
		if c.Kind == OrderClaim && !m.Higher {
			r = compare.Ratio(b, a) // "beats" on a lower-is-better metric: the baseline ÷ the subject
		}
		switch {
		case r.Mismatch != "":
			o.mismatch = r.Mismatch
			return o
		case !r.OK():
			o.missing = r.Missing
			return o
		}
		if o.value < 0 || r.Value < o.value {
			o.value, o.rng = r.Value, r.Range
		}
		o.status = specs.Weakest(o.status, r.Status)
		if o.status == "" {
			o.status = r.Status
		}
	}
	return o
}

// chipCountWarning notes a per-system comparison of systems with different
// chip counts: the ratio then mixes chip count with chip performance.
func (k *Checker) chipCountWarning(a, b string, basis compare.Basis) []string {
	if basis != compare.PerSystem {
		return nil
	}
	sa, okA := k.Engine.Catalog.System(a)
	sb, okB := k.Engine.Catalog.System(b)
	if okA && okB && sa.Chips != sb.Chips && sa.Chips > 0 && sb.Chips > 0 {
		return []string{fmt.Sprintf("different chip counts: %s has %d chips, %s has %d; per chip the ratio is %.3g× smaller",
			a, sa.Chips, b, sb.Chips, float64(sa.Chips)/float64(sb.Chips))}
	}
	return nil
}

// benchmark computes a benchmark claim: the geometric-mean score ratio of
// subject to baseline over the tests both completed ("bench"), optionally
// per dollar-hour of cloud price ("bench-per-dollar-hour"). Where no
// results are loaded, a claim's inputs may supply the score ratio as
// another claim stated it.
func (k *Checker) benchmark(c *Claim) outcome {
	if c.Metric != "bench" && c.Metric != "bench-per-dollar-hour" {
		return outcome{missing: fmt.Sprintf("benchmark metric %q (want bench or bench-per-dollar-hour)", c.Metric)}
	}
	if len(c.Baselines) != 1 || c.Kind == ValueClaim {
		return outcome{missing: "a benchmark claim compares one subject with one baseline"}
	}
	base := c.Baselines[0]
	o := outcome{ratio: true, status: specs.Measured}
	sum, err := bench.Aggregate(k.Bench, []string{c.Subject, base}, base)
	if err == nil {
		s := sum.Scores[0]
		o.value, o.rng = s.Relative, compare.Point(s.Relative)
		for _, r := range s.Results {
			o.evidence = append(o.evidence, compare.Evidence{Input: "benchmark", Subject: r.System, What: r.Key(),
				Value: r.Score, Unit: r.Unit, Shown: fmt.Sprintf("%s %s", units.FormatNumber(r.Score), r.Unit),
				Status: specs.Measured, Source: r.Source, AsOf: r.AsOf, Times: 1, Note: r.ResultID})
		}
		o.warnings = append(o.warnings, fmt.Sprintf("geometric mean over %d tests both completed (%d dropped)", len(sum.Used), len(sum.Dropped)))
	} else {
		in, reversed, why := k.scoreRatioInput(c)
		if in == nil {
			if why == "" {
				why = fmt.Sprintf("benchmark results for %s and %s (load them with --benchmarks or --import-pts)", c.Subject, base)
			}
			return outcome{missing: why}
		}
		o.value, o.rng, o.status = in.Claimed, compare.Interval{Lo: in.Low, Hi: in.High}, specs.Estimate
		note := "no benchmark results loaded: the score ratio is the one claim " + in.ID + " states"
		if reversed {
			o.value, o.rng = 1/in.Claimed, compare.Interval{Lo: 1 / in.High, Hi: 1 / in.Low}
			note += ", inverted (it compares " + in.Subject + " with " + in.Baselines[0] + ")"
		}
		o.evidence = append(o.evidence, compare.Evidence{Input: "score ratio", Subject: c.Subject, What: "benchmark score ÷ " + base,
			Value: o.value, Unit: "ratio", Shown: fmt.Sprintf("%.3gx", o.value), Status: specs.Estimate,
			Source: fmt.Sprintf("claim %s: %s (%s)", in.ID, in.Author, in.Source), AsOf: in.Date, Times: 1,
			Note: note})
	}
	if c.Metric == "bench" {
		return o
	}
	e, err := k.engine(c)
	if err != nil {
		return outcome{missing: err.Error()}
	}
	price, _ := k.Metrics.Lookup("cloud-price")
	opts := compare.Options{Basis: compare.PerSystem}
	pa, pb := e.Evaluate(price, c.Subject, opts), e.Evaluate(price, base, opts)
	r := compare.Ratio(pb, pa)
	if !r.OK() {
		return outcome{missing: r.Missing + r.Mismatch}
	}
	o.value *= r.Value
	o.rng = o.rng.Mul(r.Range)
	o.status = specs.Weakest(o.status, r.Status)
	o.evidence = append(o.evidence, pa.Evidence...)
	o.evidence = append(o.evidence, pb.Evidence...)
	return o
}

// scoreRatioInput returns the first of c's inputs that states a
// benchmark score ratio between c's subject and baseline, and whether it
// states it the other way round (baseline ÷ subject). An input about
// other systems or another metric is never used: why says which input
// was refused, or is empty when c names no usable input at all.
func (k *Checker) scoreRatioInput(c *Claim) (in *Claim, reversed bool, why string) {
	base := c.Baselines[0]
	for _, id := range c.Inputs {
		in, ok := k.byID[id]
		if !ok {
			continue
		}
		if in.Evidence != BenchmarkEvidence || in.Metric != "bench" || in.Kind == ValueClaim || len(in.Baselines) != 1 {
			why = fmt.Sprintf("input claim %s does not state a benchmark score ratio", in.ID)
			continue
		}
		switch {
		case in.Subject == c.Subject && in.Baselines[0] == base:
			return in, false, ""
		case in.Subject == base && in.Baselines[0] == c.Subject:
			return in, true, ""
		}
		why = fmt.Sprintf("input claim %s compares %s with %s, not %s with %s", in.ID, in.Subject, in.Baselines[0], c.Subject, base)
	}
	return nil, false, why
}
