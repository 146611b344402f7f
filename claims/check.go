package claims

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/hwcmp/hwcmp/workload"
)

// The verdicts.
const (
	Supported    = "supported"    // the whole computed range meets the claim as read (rules.go)
	Close        = "close"        // the range straddles an edge of the claim, or misses it by at most half the tolerance
	Contradicted = "contradicted" // further off
	Unverifiable = "unverifiable" // an input is missing; Missing says which
	Mismatch     = "mismatch"     // the claim compares unlike figures; Mismatch says how, LikeForLike gives the fair reading
	Conditional  = "conditional"  // the figures hold only if another claim does, and that one is unverifiable, contradicted, a mismatch or conditional itself: DependsOn names it
)

// A Verdict is a checked claim with its evidence.
type Verdict struct {
	Claim    *Claim
	Verdict  string
	Value    float64          // the computed ratio or value (base units)
	Range    compare.Interval // from the inputs' ranges
	Status   specs.Status     // the weakest input status
	Distance float64          // from the stated claim, on its scale (rules.go): 0 inside it
	// Reading says how the claim was read: the region of computed values
	// that supports it.
	Reading  string
	Missing  string
	Mismatch string
	Warnings []string
	Evidence []compare.Evidence
	// IsRatio says whether Value is a ratio (else a value in Claim.Unit).
	IsRatio bool
	// Baseline is the baseline that decided the verdict, when the claim
	// has several: the one it fares worst against.
	Baseline string
	// LikeForLike is the claim recomputed on equal terms, where the
	// claim as stated compares unlike figures (sparse with dense, two
	// precisions, systems of different chip counts on a total).
	LikeForLike *Reading
	// DependsOn lists the input claims whose figures this verdict used and
	// which do not hold (with their verdicts); Unconditional is the
	// verdict the figures give if they do.
	DependsOn     []string
	Unconditional string
}

// A Reading is one recomputation of a claim beside its as-stated one.
type Reading struct {
	What     string // how it differs, e.g. "like for like: both at fp8 dense"
	Verdict  string
	Value    float64
	Range    compare.Interval
	Status   specs.Status
	Distance float64
	Missing  string
}

// Tentative reports whether the verdict rests on estimates, assumptions
// or targets; the verdict says so.
func (v Verdict) Tentative() bool { return v.Status.Tentative() }

// Label is the verdict as people read it, e.g. "supported (rests on targets)".
func (v Verdict) Label() string {
	switch {
	case v.Verdict == Conditional:
		return fmt.Sprintf("conditional (%s if %s held)", v.Unconditional, strings.Join(v.DependsOn, ", "))
	case (v.Verdict == Supported || v.Verdict == Close || v.Verdict == Contradicted) && v.Tentative():
		return fmt.Sprintf("%s (rests on %s figures)", v.Verdict, v.Status)
	}
	return v.Verdict
}

// A Checker checks claims against loaded data.
type Checker struct {
	Engine  *compare.Engine // with Catalog, Book and Assumptions set
	Metrics *compare.Registry
	Bench   []*bench.Result
	// SkipEvidence leaves Verdict.Evidence empty, for callers that list
	// many verdicts without their evidence: it is most of a verdict's
	// memory.
	SkipEvidence bool
	byID         map[string]*Claim
	done         map[string]*Verdict // verdicts of input claims, for dependents
	memo         map[evalKey]memoResult
	leadsMemo    map[string]outcome
	setups       map[setupKey]*compare.TokenSetup
}

// setupKey names one token setup: a claim's model, latency limit and tier
// at one precision.
type setupKey struct {
	model         string
	precision     specs.Precision
	tpot          float64
	tier          workload.Tier
	input, output float64
	maxChips      int
}

// tokenSetup returns the token setup c's model column asks for at
// precision p (fp8 where the claim gives none, as --model does), built once
// per model, precision, limit and tier; nil for a claim without a model.
func (k *Checker) tokenSetup(c *Claim, p specs.Precision) (*compare.TokenSetup, error) {
	if c.Model == "" {
		return nil, nil
	}
	if p == "" {
		p = specs.FP8
	}
	key := setupKey{c.Model, p, c.TPOT, c.Tier, c.InputTokens, c.OutputTokens, c.MaxChips}
	if ts, ok := k.setups[key]; ok {
		return ts, nil
	}
	d := k.Engine.Workloads
	if d == nil || d.Models == nil {
		return nil, fmt.Errorf("no model catalog loaded for model %s", c.Model)
	}
	m, ok := d.Models.Get(c.Model)
	if !ok {
		return nil, fmt.Errorf("unknown model %q", c.Model)
	}
	s := workload.DefaultScenario()
	s.Precision, s.TPOT, s.MaxChips = p, c.TPOT, c.MaxChips
	if c.InputTokens > 0 && c.OutputTokens > 0 {
		s.InputTokens, s.OutputTokens = c.InputTokens, c.OutputTokens
	}
	ts, err := compare.NewTokenSetup(k.Engine.Catalog, d, m, s, c.Tier)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", c.Model, err)
	}
	if k.setups == nil {
		k.setups = make(map[setupKey]*compare.TokenSetup)
	}
	k.setups[key] = ts
	return ts, nil
}

// NewChecker returns a checker over the given claims (for their inputs).
func NewChecker(e *compare.Engine, metrics *compare.Registry, results []*bench.Result, all []*Claim) *Checker {
	k := &Checker{Engine: e, Metrics: metrics, Bench: results, byID: make(map[string]*Claim, len(all)), done: make(map[string]*Verdict)}
	for _, c := range all {
		k.byID[c.ID] = c
	}
	return k
}

// outcome is what a claim computes to against one baseline, before the
// verdict.
type outcome struct {
	value    float64
	rng      compare.Interval
	status   specs.Status
	evidence []compare.Evidence
	missing  string
	mismatch string
	warnings []string
	ratio    bool
	baseline string
	// used lists the input claims whose claimed figures were used.
	used []string
	// fair is the like-for-like recomputation of a mismatch or of a
	// chip-count difference.
	fair *outcome
	what string // for fair: how it differs
	// pFirst, for a leads claim, is the probability of ranking first.
	pFirst *float64
}

// Check computes c and returns its verdict.
func (k *Checker) Check(c *Claim) Verdict {
	return k.check(c, nil)
}

// check computes c; stack holds the claims being checked above it, to
// stop at a cycle (Validate reports cycles as errors before this).
func (k *Checker) check(c *Claim, stack []string) Verdict {
	var outs []outcome
	switch c.Evidence {
	case SpecEvidence:
		outs = k.spec(c)
	case BenchmarkEvidence:
		outs = k.benchmarks(c)
	case ModelEvidence:
		outs = []outcome{k.model(c)}
	}
	rd := c.read(!k.SkipEvidence)
	v := Verdict{Claim: c, Reading: rd.why}
	rank := map[string]int{Supported: 0, Close: 1, Contradicted: 2}
	worst := -1
	for _, o := range outs {
		for _, w := range o.warnings {
			if !slices.Contains(v.Warnings, w) {
				v.Warnings = append(v.Warnings, w)
			}
		}
		if !k.SkipEvidence {
			v.Evidence = append(v.Evidence, o.evidence...)
		}
		if o.mismatch == "" && o.missing == "" && !(o.value > 0 && !math.IsInf(o.value, 0)) {
			o.missing = fmt.Sprintf("a finite positive value (computed %v)", o.value)
		}
		var verdict string
		var d float64
		switch {
		case o.missing != "":
			verdict = Unverifiable
		case o.mismatch != "":
			verdict = Mismatch
			d = rd.scale.dist(o.value, rd.statedLo, rd.statedHi)
		case o.pFirst != nil:
			verdict, d = leadsVerdict(*o.pFirst), rd.scale.dist(o.value, rd.statedLo, rd.statedHi)
		default:
			verdict, d = rd.judge(o.value, o.rng)
		}
		// The verdict of a claim with several baselines is the worst: an
		// unverifiable side or a mismatch outranks any computed verdict.
		r, ok := rank[verdict]
		if !ok {
			r = 3
		}
		if r > worst || (r == worst && (d > v.Distance || (d == v.Distance && c.Kind.nearerFailing(o.value, v.Value)))) {
			worst = r
			v.Verdict, v.Distance, v.Value, v.Range, v.Status = verdict, d, o.value, o.rng, o.status
			v.Missing, v.Mismatch, v.IsRatio, v.Baseline = o.missing, o.mismatch, o.ratio, o.baseline
			v.LikeForLike = nil
			if o.fair != nil {
				f := o.fair
				alt := &Reading{What: f.what, Value: f.value, Range: f.rng, Status: f.status, Missing: f.missing}
				if f.missing == "" && f.mismatch == "" {
					alt.Verdict, alt.Distance = rd.judge(f.value, f.rng)
				} else {
					alt.Verdict = Unverifiable
					alt.Missing = f.missing + f.mismatch
				}
				v.LikeForLike = alt
			}
		}
		if o.missing == "" {
			k.dependOn(&v, o.used, append(stack, c.ID))
		}
	}
	if len(c.Baselines) < 2 {
		v.Baseline = ""
	}
	if len(v.DependsOn) > 0 && v.Verdict != Unverifiable {
		v.Unconditional, v.Verdict = v.Verdict, Conditional
	}
	return v
}

// dependOn notes in v each of the input claims used whose own verdict
// does not hold.
func (k *Checker) dependOn(v *Verdict, used, stack []string) {
	for _, id := range used {
		in, ok := k.byID[id]
		if !ok {
			continue
		}
		if slices.Contains(stack, id) {
			v.DependsOn = append(v.DependsOn, id+" (cycle)")
			continue
		}
		iv, ok := k.done[id]
		if !ok {
			x := k.check(in, stack)
			iv = &x
			k.done[id] = iv
		}
		if iv.Verdict != Supported {
			v.DependsOn = append(v.DependsOn, fmt.Sprintf("%s (%s)", id, iv.Verdict))
		}
	}
}

// endOf returns the last day of the period a date names: a claim dated
// "2024-12" was made with the prices of December 2024 or before.
func endOf(d specs.Date) specs.Date {
	switch {
	case d.IsZero() || d.Day != 0:
		return d
	case d.Month == 0:
		return specs.Date{Year: d.Year, Month: 12, Day: 31}
	}
	last := d.Time().AddDate(0, 1, -1).Day() // d.Time() is the month's first day
	return specs.Date{Year: d.Year, Month: d.Month, Day: int8(last)}
}

// engine returns an engine whose prices follow c's term and date: the
// prices in force on prices_as_of, or else on the claim's date.
func (k *Checker) engine(c *Claim, asOf bool) *compare.Engine {
	e := *k.Engine
	q := k.Engine.Prices
	q.Term = pricing.OnDemand
	if c.Term != "" {
		q.Term, _ = pricing.ParseTerm(c.Term) // checked by Parse
	}
	if asOf {
		q.AsOf = c.PricesAsOf
		if q.AsOf.IsZero() {
			q.AsOf = endOf(c.Date)
		}
	}
	e.Prices = q
	if ts, err := k.tokenSetup(c, c.Precision); err == nil && ts != nil {
		e.Tokens = ts // spec and leads report the error
	}
	return &e
}

// evaluate computes m for subject at the claim's price date; where the
// data has no price that old, it uses the newest one and says so.
func (k *Checker) evaluate(c *Claim, m *compare.Metric, subject string, o compare.Options) (compare.Result, string) {
	// Many claims name the same figures: each is computed once. A result
	// depends on the metric, the subject, the options and, for prices,
	// on the term and date.
	e := k.engine(c, true)
	key := evalKey{metric: m, subject: subject, opts: o}
	if m.ReadsTokens() {
		// Each side serves the model at its own precision.
		e.Tokens, _ = k.tokenSetup(c, o.Precision) // spec checked the error
		key.tokens = e.Tokens
	}
	if readsPrices(m) {
		key.term, key.asOf = e.Prices.Term, e.Prices.AsOf
	}
	if hit, ok := k.memo[key]; ok {
		return hit.r, hit.warning
	}
	r, warning := k.evaluateOnce(e, c, m, subject, o)
	if k.memo == nil {
		k.memo = make(map[evalKey]memoResult)
	}
	k.memo[key] = memoResult{r, warning}
	return r, warning
}

// evalKey and memoResult memoize Checker.evaluate.
type evalKey struct {
	metric  *compare.Metric
	subject string
	opts    compare.Options
	term    pricing.Term
	asOf    specs.Date
	tokens  *compare.TokenSetup
}

type memoResult struct {
	r       compare.Result
	warning string
}

func (k *Checker) evaluateOnce(e *compare.Engine, c *Claim, m *compare.Metric, subject string, o compare.Options) (compare.Result, string) {
	r := e.Evaluate(m, subject, o)
	if r.OK() || !readsPrices(m) {
		return r, ""
	}
	old := k.engine(c, false)
	old.Tokens = e.Tokens
	newest := old.Evaluate(m, subject, o)
	if !newest.OK() {
		return r, ""
	}
	asOf := c.PricesAsOf
	if asOf.IsZero() {
		asOf = endOf(c.Date)
	}
	return newest, fmt.Sprintf("%s: no price on or before %s in the data; the newest price is used", subject, asOf)
}

func readsPrices(m *compare.Metric) bool {
	for _, in := range m.Inputs() {
		if in.Kind == compare.PriceInput || in.Kind == compare.TCOInput {
			return true
		}
	}
	return false
}

// spec computes a spec claim against each of its baselines (or its value,
// without one).
func (k *Checker) spec(c *Claim) []outcome {
	m, err := k.Metrics.Lookup(c.Metric)
	if err != nil {
		return []outcome{{missing: err.Error()}}
	}
	if m.ByPrecision() && (c.Precision == "" || c.BaselinePrecision == "") {
		return []outcome{{missing: "a precision for metric " + m.Name}}
	}
	if m.ReadsTokens() {
		for _, p := range []specs.Precision{c.Precision, c.BaselinePrecision} {
			if _, err := k.tokenSetup(c, p); err != nil {
				return []outcome{{missing: err.Error()}}
			}
		}
	}
	basis, _ := compare.ParseBasis(c.Per)
	so := compare.Options{Precision: c.Precision, Sparsity: c.Sparsity, Basis: basis}
	if c.Kind == LeadsClaim {
		return []outcome{k.leads(c, m, so)}
	}
	bo := compare.Options{Precision: c.BaselinePrecision, Sparsity: c.BaselineSparsity, Basis: basis}
	a, warn := k.evaluate(c, m, c.Subject, so)
	if len(c.Baselines) == 0 {
		o := outcome{evidence: a.Evidence, value: a.Value, rng: a.Range, status: a.Status}
		o.warnings = appendNonEmpty(o.warnings, warn)
		if !a.OK() {
			o.missing = c.Subject + ": " + a.Missing
		}
		return []outcome{o}
	}
	var outs []outcome
	for i, base := range c.Baselines {
		b, bwarn := k.evaluate(c, m, base, bo)
		o := k.ratio(c, m, a, b)
		if i == 0 {
			o.warnings = appendNonEmpty(o.warnings, warn)
		}
		o.warnings = appendNonEmpty(o.warnings, bwarn)
		o.baseline = base
		if m.ByPrecision() && (c.Precision != c.BaselinePrecision || c.Sparsity != c.BaselineSparsity) {
			o.mismatch = mismatchText(c, base)
			o.fair = k.likeForLike(c, m, base, basis)
		} else if o.missing == "" && o.mismatch == "" {
			var note string
			o.fair, note = k.perChip(c, m, base, o, basis)
			o.warnings = appendNonEmpty(o.warnings, note)
		}
		outs = append(outs, o)
	}
	return outs
}

func appendNonEmpty(l []string, s string) []string {
	if s == "" {
		return l
	}
	return append(l, s)
}

// ratio returns subject ÷ baseline; for an order claim, the subject's
// advantage: the baseline ÷ the subject on a lower-is-better metric.
func (k *Checker) ratio(c *Claim, m *compare.Metric, a, b compare.Result) outcome {
	o := outcome{ratio: true, evidence: append(append([]compare.Evidence(nil), a.Evidence...), b.Evidence...)}
	r := compare.Ratio(a, b)
	if c.Kind == OrderClaim && !m.Higher {
		r = compare.Ratio(b, a)
	}
	switch {
	case !r.OK() && r.Mismatch == "":
		o.missing = r.Missing
		return o
	case r.Mismatch != "":
		o.mismatch = r.Mismatch
	}
	o.value, o.rng, o.status = r.Value, r.Range, r.Status
	if r.Mismatch != "" { // the engine refused to divide; compute it as stated
		o.value, o.rng, o.status = a.Value/b.Value, a.Range.Div(b.Range), specs.Weakest(a.Status, b.Status)
	}
	return o
}

func mismatchText(c *Claim, base string) string {
	var diffs []string
	if c.Precision != c.BaselinePrecision {
		diffs = append(diffs, fmt.Sprintf("different precisions: %s at %s, %s at %s", c.Subject, c.Precision, base, c.BaselinePrecision))
	}
	if c.Sparsity != c.BaselineSparsity {
		diffs = append(diffs, fmt.Sprintf("sparse figure compared with dense: %s %s, %s %s", c.Subject, c.Sparsity, base, c.BaselineSparsity))
	}
	return strings.Join(diffs, "; ")
}

// likeForLike recomputes a mismatched claim on equal terms: both sides
// dense, at the subject's precision where both have a figure for it, else
// at the baseline's.
func (k *Checker) likeForLike(c *Claim, m *compare.Metric, base string, basis compare.Basis) *outcome {
	var last outcome
	for _, p := range []specs.Precision{c.Precision, c.BaselinePrecision} {
		o := compare.Options{Precision: p, Sparsity: specs.Dense, Basis: basis}
		a, _ := k.evaluate(c, m, c.Subject, o)
		b, _ := k.evaluate(c, m, base, o)
		f := k.ratio(c, m, a, b)
		f.what = fmt.Sprintf("like for like: both at %s dense", p)
		if f.missing == "" && f.mismatch == "" {
			return &f
		}
		last = f
	}
	return &last
}

// perChip is the per-chip reading of a per-system claim between systems
// with different chip counts, on a metric that totals its chips, with a
// note of the counts; nil when the counts are equal, and no reading (only
// the note) when the metric is the same per chip.
func (k *Checker) perChip(c *Claim, m *compare.Metric, base string, o outcome, basis compare.Basis) (*outcome, string) {
	if basis != compare.PerSystem {
		return nil, ""
	}
	sa, okA := k.Engine.Catalog.System(c.Subject)
	sb, okB := k.Engine.Catalog.System(base)
	if !okA || !okB || sa.Chips == sb.Chips || sa.Chips <= 0 || sb.Chips <= 0 {
		return nil, ""
	}
	counts := fmt.Sprintf("different chip counts: %s has %d chips, %s has %d", c.Subject, sa.Chips, base, sb.Chips)
	if !m.ScalesWithChips() {
		return nil, counts + fmt.Sprintf("; %s divides two system totals, so per chip the ratio is the same, %.3gx", m.Name, o.value)
	}
	f := float64(sb.Chips) / float64(sa.Chips)
	return &outcome{what: fmt.Sprintf("per chip (× %d/%d)", sb.Chips, sa.Chips), value: o.value * f, rng: o.rng.Scale(f), status: o.status},
		counts + fmt.Sprintf("; per chip the ratio is %.3gx", o.value*f)
}

// benchmarks computes a benchmark claim against each baseline: one for a
// ratio, several for a bound or an order claim.
func (k *Checker) benchmarks(c *Claim) []outcome {
	switch {
	case c.Metric != "bench" && c.Metric != "bench-per-dollar-hour":
		return []outcome{{missing: fmt.Sprintf("benchmark metric %q (want bench or bench-per-dollar-hour)", c.Metric)}}
	case len(c.Baselines) == 0 || c.Kind == ValueClaim || c.Kind == LeadsClaim || (len(c.Baselines) > 1 && !c.Kind.IsBound()):
		return []outcome{{missing: "a benchmark claim compares its subject with its baselines (one for a ratio)"}}
	}
	outs := make([]outcome, 0, len(c.Baselines))
	for _, base := range c.Baselines {
		outs = append(outs, k.benchmark(c, base))
	}
	return outs
}

// benchmark computes a benchmark claim against one baseline: the geometric-mean score ratio of
// subject to baseline over the tests both completed ("bench"), optionally
// per dollar-hour of cloud price ("bench-per-dollar-hour"). Where no
// results are loaded, a claim's inputs may supply the score ratio as
// another claim stated it.
func (k *Checker) benchmark(c *Claim, base string) outcome {
	o := outcome{ratio: true, status: specs.Measured, baseline: base}
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
		in, reversed, why := k.scoreRatioInput(c, base)
		if in == nil {
			if why == "" {
				why = fmt.Sprintf("benchmark results for %s and %s (load them with --benchmarks or --import-pts)", c.Subject, base)
			}
			return outcome{missing: why}
		}
		lo, mid, hi := in.Low, in.Claimed, in.High
		if in.Kind == ChangeClaim {
			lo, mid, hi = 1+lo, 1+mid, 1+hi
		}
		o.value, o.rng, o.status = mid, compare.Interval{Lo: lo, Hi: hi}, specs.Estimate
		o.used = []string{in.ID}
		note := "no benchmark results loaded: the score ratio is the one claim " + in.ID + " states"
		if reversed {
			o.value, o.rng = 1/mid, compare.Interval{Lo: 1 / hi, Hi: 1 / lo}
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
	price, _ := k.Metrics.Lookup("cloud-price")
	opts := compare.Options{Basis: compare.PerSystem}
	pa, wa := k.evaluate(c, price, c.Subject, opts)
	pb, wb := k.evaluate(c, price, base, opts)
	o.warnings = appendNonEmpty(appendNonEmpty(o.warnings, wa), wb)
	r := compare.Ratio(pb, pa)
	if !r.OK() {
		return outcome{missing: r.Missing + r.Mismatch, warnings: o.warnings}
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
func (k *Checker) scoreRatioInput(c *Claim, base string) (in *Claim, reversed bool, why string) {
	for _, id := range c.Inputs {
		in, ok := k.byID[id]
		if !ok {
			continue
		}
		if in.Evidence != BenchmarkEvidence || in.Metric != "bench" || len(in.Baselines) != 1 ||
			(in.Kind != RatioClaim && in.Kind != MatchClaim && in.Kind != ChangeClaim) || (in.Hedge != "" && directional(in.Hedge)) {
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
