package compare

import (
	"math"
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
	for _, id := range []string{"m7a.48xlarge", "m7i.48xlarge", "m8g.48xlarge", "m8a.48xlarge", "c8g.48xlarge"} {
		results = append(results, e.Evaluate(ppd, id, o))
	}
	ranked, missing := Rank(results)
	var order []string
	for _, r := range ranked {
		order = append(order, r.Subject)
	}
	want := []string{"m8g.48xlarge", "m8a.48xlarge", "m7i.48xlarge", "m7a.48xlarge"}
	if len(order) != len(want) || len(missing) != 1 || missing[0].Subject != "c8g.48xlarge" {
		t.Fatalf("ranked %v, missing %v; want %v and c8g.48xlarge missing (no price)", order, missing, want)
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
