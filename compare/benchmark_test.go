package compare

import (
	"math"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
)

func benchDefaults(t *testing.T, suite, baseline string) *Engine {
	t.Helper()
	e := defaults(t)
	rs, err := bench.Load(e.Catalog.Known, bench.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	e.Bench = &Benchmarks{Results: rs, Suite: suite, Baseline: baseline}
	e.Prices = pricing.Query{Term: pricing.OnDemand}
	return e
}

// TestBenchmarkScores checks the measured geometric means of the embedded
// ClickBench results (the seed's Graviton4 / EPYC 9R14 / Xeon 8488C trio at
// 48xlarge) and the perf-per-dollar ranking at the embedded list prices.
func TestBenchmarkScores(t *testing.T) {
	e := benchDefaults(t, "clickbench-hardware-26.10", "m7a.48xlarge")
	score, _ := DefaultMetrics().Lookup("benchmark-score")
	o := Options{Basis: PerSystem}
	for _, c := range []struct {
		id   string
		want float64 // geomean of per-query hot-run ratios to m7a.48xlarge
	}{
		{"m7a.48xlarge", 1},
		{"m8g.48xlarge", 1.0067},
		{"m7i.48xlarge", 0.9366},
	} {
		r := e.Evaluate(score, c.id, o)
		if !r.OK() || math.Abs(r.Value-c.want) > 5e-4 || r.Status != specs.Measured {
			t.Errorf("%s benchmark-score = %v %s (%s); want %v measured", c.id, r.Value, r.Status, r.Missing, c.want)
		}
		if c.id != "m7a.48xlarge" && !(r.Range.Lo < r.Value && r.Value < r.Range.Hi) {
			t.Errorf("%s range %v does not bracket %v", c.id, r.Range, r.Value)
		}
	}
	ppd, _ := DefaultMetrics().Lookup("benchmark-per-dollar-hour")
	var results []Result
	for _, id := range []string{"m7a.48xlarge", "m7i.48xlarge", "m8g.48xlarge", "m8a.48xlarge", "c8g.48xlarge", "m7i.16xlarge"} {
		results = append(results, e.Evaluate(ppd, id, o))
	}
	ranked, missing := Rank(results)
	var order []string
	for _, r := range ranked {
		order = append(order, r.Subject)
	}
	want := []string{"c8g.48xlarge", "m8g.48xlarge", "m8a.48xlarge", "m7i.48xlarge", "m7a.48xlarge"}
	if len(order) != len(want) || len(missing) != 1 || missing[0].Subject != "m7i.16xlarge" {
		t.Fatalf("ranked %v, missing %v; want %v and m7i.16xlarge missing (no results)", order, missing, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Errorf("perf per dollar-hour order %v; want %v", order, want)
			break
		}
	}
	if r := e.Evaluate(score, "m7i.16xlarge", o); r.OK() {
		t.Errorf("m7i.16xlarge has no results but scored %v", r.Value)
	}
}

// TestBenchmarkSuiteError checks that a suite nobody ran is a missing value
// that names the suites there are, not a zero.
func TestBenchmarkSuiteError(t *testing.T) {
	e := benchDefaults(t, "spec-cpu-2017", "")
	score, _ := DefaultMetrics().Lookup("benchmark-score")
	r := e.Evaluate(score, "m8g.48xlarge", Options{Basis: PerSystem})
	if r.OK() || r.Missing == "" {
		t.Errorf("got %v; want missing", r)
	}
}

// TestBenchmarkPerDollarLate2024 checks the seed's late-2024 setting: at the
// us-east-1 list prices of the 2024-12-09 Karpenter snapshot, Graviton4
// (m8g) leads EPYC 9R14 (m7a) by ~30% and Xeon 8488C (m7i) by ~21% in
// measured ClickBench score per dollar-hour, and m8a (launched 2025) has no
// price yet. By hand: price ratios 11.12832/8.61696 = 1.2914 and
// 9.6768/8.61696 = 1.1230, times score ratios 1.0067 and 1.0067/0.9366.
func TestBenchmarkPerDollarLate2024(t *testing.T) {
	e := benchDefaults(t, "clickbench-hardware-26.10", "m7a.48xlarge")
	asOf, err := specs.ParseDate("2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	e.Prices.AsOf = asOf
	ppd, _ := DefaultMetrics().Lookup("benchmark-per-dollar-hour")
	o := Options{Basis: PerSystem}
	g := e.Evaluate(ppd, "m8g.48xlarge", o)
	for _, c := range []struct {
		rival string
		want  float64
	}{
		{"m7a.48xlarge", 1.0067 * 11.12832 / 8.61696},
		{"m7i.48xlarge", 1.0067 / 0.9366 * 9.6768 / 8.61696},
	} {
		r := e.Evaluate(ppd, c.rival, o)
		if !g.OK() || !r.OK() {
			t.Fatalf("m8g %v (%s), %s %v (%s): want both priced at 2024-12-31", g.Value, g.Missing, c.rival, r.Value, r.Missing)
		}
		if got := g.Value / r.Value; math.Abs(got-c.want) > 2e-3 {
			t.Errorf("m8g.48xlarge / %s perf per dollar-hour at 2024-12-31 = %.4f; want %.4f", c.rival, got, c.want)
		}
	}
	if r := e.Evaluate(ppd, "m8a.48xlarge", o); r.OK() {
		t.Errorf("m8a.48xlarge priced at 2024-12-31 (%v); its first price is 2026", r.Value)
	}
}

// TestStandIn checks the rule that lets an unmeasured baseline compare:
// a measured instance of the same chip and vCPU count stands in, the
// closest name first, and nothing stands in when no instance qualifies.
func TestStandIn(t *testing.T) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	rs := []*bench.Result{
		{System: "c7i-flex.16xlarge", Suite: "s", Test: "q", Score: 1, Unit: "s"},
		{System: "m7i-flex.16xlarge", Suite: "s", Test: "q", Score: 1, Unit: "s"},
		{System: "m7i.48xlarge", Suite: "s", Test: "q", Score: 1, Unit: "s"},
		{System: "m8g.48xlarge", Suite: "s", Test: "q", Score: 1, Unit: "s"},
	}
	for _, c := range []struct{ id, want string }{
		{"m7i.16xlarge", "m7i-flex.16xlarge"}, // same chip, 64 vCPUs, closest name
		{"m7i.48xlarge", ""},                  // measured itself
		{"m8g.16xlarge", ""},                  // no 64-vCPU Graviton4 measured
		{"nosuch", ""},
	} {
		got, note := StandIn(cat, rs, c.id, "")
		if got != c.want || (got != "" && !strings.Contains(note, "stands in for it (same chip xeon-8488c, same 64 vCPUs")) {
			t.Errorf("StandIn(%s) = %q, %q; want %q", c.id, got, note, c.want)
		}
	}
}

// TestStandInSuite: a stand-in must have results in the suite compared;
// m7i-flex.16xlarge was once picked for a suite it has no results in.
func TestStandInSuite(t *testing.T) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	rs := []*bench.Result{
		{System: "m7i-flex.16xlarge", Suite: "a", Test: "q", Score: 1, Unit: "s"},
		{System: "c7i-flex.16xlarge", Suite: "b", Test: "q", Score: 1, Unit: "s"},
	}
	for suite, want := range map[string]string{"": "m7i-flex.16xlarge", "a": "m7i-flex.16xlarge", "b": "c7i-flex.16xlarge", "c": ""} {
		if got, _ := StandIn(cat, rs, "m7i.16xlarge", suite); got != want {
			t.Errorf("StandIn(m7i.16xlarge) in suite %q = %q; want %q", suite, got, want)
		}
	}
}
