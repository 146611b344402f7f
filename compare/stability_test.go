package compare

import (
	"math"
	"testing"
)

func TestRankStability(t *testing.T) {
	m := &Metric{Name: "m", Higher: true}
	res := func(id string, v, lo, hi float64) Result {
		return Result{Subject: id, Metric: m, Value: v, Range: Interval{lo, hi}}
	}
	// a is 10; b is anywhere in 5-15, so above a half the time; c is
	// always last; d has no value and is left out.
	results := []Result{res("a", 10, 10, 10), res("b", 10, 5, 15), res("c", 1, 1, 2), {Subject: "d", Metric: m, Missing: "x"}}
	s := RankStability(results, 20000, 7)
	if len(s.Subjects) != 3 {
		t.Fatalf("%d subjects; want 3 (d has no value)", len(s.Subjects))
	}
	pa, _ := s.First("a")
	pb, _ := s.First("b")
	if math.Abs(pa-0.5) > 0.02 || math.Abs(pa+pb-1) > 1e-9 {
		t.Errorf("P(a first) = %v, P(b first) = %v; want about 0.5 each, summing to 1", pa, pb)
	}
	if p := s.P[2][2]; p != 1 {
		t.Errorf("P(c third) = %v; want 1", p)
	}
	if leaders, sep := s.Leaders(); sep || len(leaders) != 2 {
		t.Errorf("Leaders = %v, %v; want a and b, not separable", leaders, sep)
	}
	// The same seed gives the same answer; another seed differs a little.
	if again := RankStability(results, 20000, 7); again.P[0][0] != s.P[0][0] {
		t.Errorf("seed 7 gave %v then %v", s.P[0][0], again.P[0][0])
	}
	// Lower is better: the ranking and the sampling follow the metric.
	low := &Metric{Name: "power", Higher: false}
	s = RankStability([]Result{{Subject: "x", Metric: low, Value: 700, Range: Interval{700, 700}},
		{Subject: "y", Metric: low, Value: 1000, Range: Interval{900, 1100}}}, 1000, 1)
	if leaders, sep := s.Leaders(); !sep || leaders[0] != "x" {
		t.Errorf("lower is better: leaders %v separable %v; want x, separable", leaders, sep)
	}
	if lo, hi := s.RankInterval(1); lo != 2 || hi != 2 {
		t.Errorf("y's ranks %d-%d; want 2", lo, hi)
	}
}
