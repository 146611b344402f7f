package compare

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestParetoMatchesPairwise checks the O(n log n) dominance sweep against
// comparing every pair, on random points with many ties, in both metric
// directions.
func TestParetoMatchesPairwise(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for trial := range 300 {
		mx, my := &Metric{Name: "x", Higher: trial%2 == 0}, &Metric{Name: "y", Higher: trial%3 != 0}
		n := 1 + r.Intn(40)
		points := make([]ParetoPoint, n)
		for i := range points {
			points[i] = ParetoPoint{X: Result{Subject: fmt.Sprint("s", i), Metric: mx, Value: float64(r.Intn(8))},
				Y: Result{Subject: fmt.Sprint("s", i), Metric: my, Value: float64(r.Intn(8))}}
		}
		got := dominators(points)
		for i, p := range points {
			want := -1
			for j, q := range points {
				if j != i && dominates(q, p) {
					want = j
					break
				}
			}
			if got[i] != want {
				t.Fatalf("trial %d: point %d (%v, %v): dominated by %d; pairwise says %d", trial, i, p.X.Value, p.Y.Value, got[i], want)
			}
		}
	}
}
