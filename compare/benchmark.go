package compare

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// benchScore is the input read from measured benchmarks: a system's
// geometric-mean score relative to a baseline (see Benchmarks).
var benchScore = Input{Name: "benchmark score", Kind: BenchInput, Dim: units.Ratio}

// BenchmarkMetrics returns the metrics built on measured benchmark results.
// Their numerator is a relative score (the baseline scores 1), so values
// compare systems of one suite only; the header of every output says
// which suite, which tests and which baseline.
func BenchmarkMetrics() []*Metric {
	pw := spec(specs.QPower)
	return []*Metric{
		figure("benchmark-score", "measured benchmark score: geometric mean of per-test ratios to a baseline over the tests every system has (--benchmark, --baseline)", benchScore, true),
		ratio("benchmark-per-dollar-hour", "measured benchmark score per dollar-hour of cloud price (relative to the baseline's score)", benchScore, cloudPrice,
			units.Display{Symbol: "x/(USD/h)", PerBase: 1, Class: units.Plain}, true),
		ratio("benchmark-per-watt", "measured benchmark score per kilowatt of rated (or estimated) power", benchScore, pw,
			units.Display{Symbol: "x/kW", PerBase: 1000, Class: units.Plain}, true),
	}
}

// Benchmarks is the measured-benchmark context of an Engine: which results,
// which suite and which baseline the benchmark metrics use. The aggregate
// is computed once, on first use, over every system with results in the
// suite, so a value does not depend on which other subjects a command
// happens to list.
type Benchmarks struct {
	Results  []*bench.Result
	Suite    string // "" picks one (see bench.Select)
	Baseline string // "" picks one (see bench.Select)
	// Catalog, when set, lets a Baseline with no results of its own be
	// replaced by a measured instance of the same chip and vCPU count
	// (StandIn); Describe then says which one stood in.
	Catalog *specs.Catalog

	standIn string // the note saying which instance stood in for Baseline
	done    bool
	err     error
	sel     bench.Selection
	sum     bench.Summary
	scores  map[string]*bench.Score
}

func (b *Benchmarks) compute() error {
	if b.done {
		return b.err
	}
	b.done = true
	base := b.Baseline
	if alt, note := StandIn(b.Catalog, b.Results, base, b.Suite); alt != "" {
		base, b.standIn = alt, note
	}
	if b.sel, b.err = bench.Select(b.Results, b.Suite, base); b.err != nil {
		return b.err
	}
	if b.sum, b.err = b.sel.Aggregate(); b.err != nil {
		return b.err
	}
	b.scores = make(map[string]*bench.Score, len(b.sum.Scores))
	for i := range b.sum.Scores {
		b.scores[b.sum.Scores[i].System] = &b.sum.Scores[i]
	}
	return nil
}

// Summary returns the aggregate the benchmark metrics read.
func (b *Benchmarks) Summary() (bench.Selection, bench.Summary, error) {
	err := b.compute()
	return b.sel, b.sum, err
}

// Describe says, for an output's header, what the benchmark score is
// computed from: suite, baseline, how many tests were used and left out.
func (b *Benchmarks) Describe() string {
	if err := b.compute(); err != nil {
		return "unavailable: " + err.Error()
	}
	s := fmt.Sprintf("%s; baseline %s = 1; geometric mean over the %d tests all %d systems with results have",
		b.sel.Why, b.sum.Baseline, len(b.sum.Used), len(b.sel.Systems))
	if n := len(b.sum.Dropped); n > 0 {
		s += fmt.Sprintf(" (%d left out: not run on every system; 'hwcmp bench' lists them)", n)
	}
	s += "; range = 95% interval over tests"
	if b.standIn != "" {
		s += "; " + b.standIn
	}
	return s
}

func (e *Engine) benchInput(in Input, subject string) (term, string) {
	if e.Bench == nil {
		return term{}, in.Name + " (no benchmark results loaded)"
	}
	if err := e.Bench.compute(); err != nil {
		return term{}, fmt.Sprintf("%s (%v)", in.Name, err)
	}
	sc, ok := e.Bench.scores[subject]
	if !ok {
		return term{}, fmt.Sprintf("%s (no measured %s results)", in.Name, e.Bench.sel.Suite)
	}
	var newest specs.Date
	for _, r := range sc.Results {
		if r.AsOf.After(newest) {
			newest = r.AsOf
		}
	}
	src := sc.Results[0].Source
	if n := distinctSources(sc.Results); n > 1 {
		src += fmt.Sprintf(" and %d more", n-1)
	}
	ev := Evidence{Input: in.Name, Subject: subject,
		What:  fmt.Sprintf("geometric mean of %d %s per-test ratios to %s", len(sc.Results), e.Bench.sel.Suite, e.Bench.sum.Baseline),
		Value: sc.Relative, Unit: "ratio",
		Shown:  fmt.Sprintf("%.3fx (95%% %.3f-%.3f over tests; geometric s.d. %.3f; worst %.3fx, best %.3fx)", sc.Relative, sc.Lo, sc.Hi, sc.GSD, sc.Min, sc.Max),
		Status: specs.Measured, Source: src, AsOf: newest, Times: 1}
	return term{value: sc.Relative, rng: Interval{sc.Lo, sc.Hi}, status: specs.Measured, evidence: []Evidence{ev}}, ""
}

func distinctSources(rs []*bench.Result) int {
	seen := make(map[string]bool)
	for _, r := range rs {
		seen[strings.SplitN(r.Source, "#", 2)[0]] = true
	}
	return len(seen)
}

// UsesBenchmarks reports whether any of ms reads measured benchmarks.
func UsesBenchmarks(ms ...*Metric) bool {
	for _, m := range ms {
		for _, in := range m.Inputs() {
			if in.Kind == BenchInput {
				return true
			}
		}
	}
	return false
}
