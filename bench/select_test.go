package bench

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestSpread checks the geometric standard deviation and the 95% interval
// of the geometric mean against values worked by hand.
func TestSpread(t *testing.T) {
	// a ÷ b per test: 2, 0.5, 2, 0.5 → logs ±ln2: mean 0, s.d. ln2·√(4/3).
	var rs []*Result
	for i, r := range []float64{2, 0.5, 2, 0.5} {
		test := fmt.Sprint("t", i)
		rs = append(rs, res("a", test, r, true), res("b", test, 1, true))
	}
	s, err := Aggregate(rs, []string{"a", "b"}, "b")
	if err != nil {
		t.Fatal(err)
	}
	a := s.Scores[0]
	sd := math.Ln2 * math.Sqrt(4.0/3)
	if math.Abs(a.Relative-1) > 1e-12 || math.Abs(a.GSD-math.Exp(sd)) > 1e-12 {
		t.Errorf("relative %v, GSD %v; want 1 and %v", a.Relative, a.GSD, math.Exp(sd))
	}
	if half := 1.96 * sd / 2; math.Abs(a.Lo-math.Exp(-half)) > 1e-12 || math.Abs(a.Hi-math.Exp(half)) > 1e-12 {
		t.Errorf("interval [%v, %v]; want [%v, %v]", a.Lo, a.Hi, math.Exp(-half), math.Exp(half))
	}
	if b := s.Scores[1]; b.GSD != 1 || b.Lo != 1 || b.Hi != 1 {
		t.Errorf("baseline spread = %v [%v, %v]; want exactly 1", b.GSD, b.Lo, b.Hi)
	}
}

// TestSelect checks which suite and baseline a comparison uses, and that
// asking for what has no results names what does.
func TestSelect(t *testing.T) {
	rs := []*Result{
		{System: "x", Suite: "big", Test: "t", Unit: "s", Score: 1},
		{System: "y", Suite: "big", Test: "t", Unit: "s", Score: 2},
		{System: "z", Suite: "big", Test: "t", Unit: "s", Score: 3},
		{System: "x", Suite: "small", Test: "t", Unit: "s", Score: 1},
		{System: "w", Suite: "small", Test: "t", Unit: "s", Score: 1},
		{System: "w", Suite: "small", Test: "u", Unit: "s", Score: 1},
	}
	for _, c := range []struct {
		suite, baseline     string
		wantSuite, wantBase string
		wantErr             string
	}{
		{"", "", "big", "x", ""},        // most systems
		{"", "w", "small", "w", ""},     // the baseline's suite
		{"small", "", "small", "w", ""}, // asked for
		{"", "nope", "", "", "systems with results: w, x, y, z"},
		{"none", "", "", "", "suites with results: big, small"},
		{"small", "y", "", "", "baseline y has no results in suite small (systems with results there: w, x)"},
	} {
		sel, err := Select(rs, c.suite, c.baseline)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("Select(%q, %q) error = %v; want it to contain %q", c.suite, c.baseline, err, c.wantErr)
			}
			continue
		}
		if err != nil || sel.Suite != c.wantSuite || sel.Baseline != c.wantBase {
			t.Errorf("Select(%q, %q) = %s/%s, %v; want %s/%s", c.suite, c.baseline, sel.Suite, sel.Baseline, err, c.wantSuite, c.wantBase)
		}
	}
}

// BenchmarkAggregate10k aggregates 10,000 results: 100 systems × 100 tests.
func BenchmarkAggregate10k(b *testing.B) {
	var rs []*Result
	var systems []string
	for s := range 100 {
		sys := fmt.Sprint("sys-", s)
		systems = append(systems, sys)
		for t := range 100 {
			rs = append(rs, &Result{System: sys, Suite: "gen", Test: fmt.Sprint("t", t), Unit: "s", Score: float64(1 + (s*7+t*13)%97), Higher: t%2 == 0})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Aggregate(rs, systems, systems[0]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rs)), "results")
}
