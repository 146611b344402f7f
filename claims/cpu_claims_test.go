package claims

import "testing"

// TestCPUClaimVerdicts pins the verdicts of the seed's CPU claims on the
// embedded measured ClickBench results (claims-cpu.csv): Graviton4 is not
// 0.8x EPYC 9R14 on this workload (about 1.0x), is within 10% of Xeon 8488C
// on M and C instances, and leads performance per dollar at list prices.
func TestCPUClaimVerdicts(t *testing.T) {
	k, all := checker(t)
	for _, c := range []struct {
		id      string
		verdict string
		lo, hi  float64
	}{
		{"note-graviton4-vs-epyc-score-measured", Contradicted, 1.006, 1.008},
		{"note-graviton4-vs-xeon-score-measured", Supported, 1.074, 1.076},
		{"note-graviton4-vs-epyc-score-r48", Contradicted, 1.035, 1.038},
		{"note-graviton4-vs-xeon-score-r48", Close, 1.130, 1.132},
		{"note-graviton4-vs-epyc-score-c48", Contradicted, 0.989, 0.991},
		{"note-graviton4-vs-xeon-score-c48", Supported, 1.099, 1.100},
		// 1.0067 x 11.12832/8.61696 and 1.0749 x 9.6768/8.61696
		{"note-graviton4-perf-per-dollar-vs-epyc-measured", Contradicted, 1.299, 1.301},
		{"note-graviton4-perf-per-dollar-vs-xeon-measured", Supported, 1.206, 1.208},
		{"note-graviton5-vs-epyc5-score", Supported, 1.228, 1.230},
		{"note-graviton5-vs-xeon6-score", Contradicted, 1.47, 1.49},
	} {
		v := k.Check(find(t, all, c.id))
		if v.Verdict != c.verdict || v.Value < c.lo || v.Value > c.hi {
			t.Errorf("%s = %s %.4f (%s); want %s in [%v, %v]", c.id, v.Verdict, v.Value, v.Missing, c.verdict, c.lo, c.hi)
		}
	}
}
