package compare

import (
	"math/rand/v2"
	"sort"
)

// A Stability is how firmly a ranking holds when each value may lie
// anywhere in its range: the share of samples in which each subject takes
// each rank.
type Stability struct {
	Samples int
	Seed    uint64
	// Subjects are in the ranking's order (best value first).
	Subjects []Result
	// P[i][r] is the probability that Subjects[i] takes rank r+1.
	P [][]float64
}

// Separable is the probability at which a leader counts as separable:
// first in at least 95% of the samples.
const Separable = 0.95

// DefaultSamples is the number of samples RankStability draws unless told.
const DefaultSamples = 10000

// RankStability samples each result's value uniformly within its range,
// independently of the others (a range says where a value may lie, not
// how likely each part is), ranks every sample by the metric's direction,
// and counts how often each subject takes each rank. Ties within a
// sample are split at random, so each rank's probabilities sum to 1.
// The same seed gives the same answer. Results without a value are left
// out, as Rank leaves them.
func RankStability(results []Result, samples int, seed uint64) Stability {
	ranked, _ := Rank(results)
	s := Stability{Samples: samples, Seed: seed}
	for _, r := range ranked {
		s.Subjects = append(s.Subjects, r.Result)
	}
	n := len(s.Subjects)
	s.P = make([][]float64, n)
	for i := range s.P {
		s.P[i] = make([]float64, n)
	}
	if n == 0 || samples <= 0 {
		return s
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	type draw struct {
		i    int
		v    float64
		tieB uint64
	}
	d := make([]draw, n)
	higher := s.Subjects[0].Metric == nil || s.Subjects[0].Metric.Higher
	for range samples {
		for i, r := range s.Subjects {
			lo, hi := min(r.Range.Lo, r.Value), max(r.Range.Hi, r.Value)
			d[i] = draw{i: i, v: lo + (hi-lo)*rng.Float64(), tieB: rng.Uint64()}
		}
		sort.Slice(d, func(a, b int) bool {
			if d[a].v != d[b].v {
				return (d[a].v > d[b].v) == higher
			}
			return d[a].tieB < d[b].tieB
		})
		for rank, x := range d {
			s.P[x.i][rank]++
		}
	}
	for i := range s.P {
		for r := range s.P[i] {
			s.P[i][r] /= float64(samples)
		}
	}
	return s
}

// First returns the probability that subject ranks first; ok is false if
// it is not in the ranking.
func (s Stability) First(subject string) (p float64, ok bool) {
	for i, r := range s.Subjects {
		if r.Subject == subject {
			return s.P[i][0], true
		}
	}
	return 0, false
}

// Leaders returns the subjects that rank first in at least 1 − Separable
// (5%) of the samples, most often first first, and whether the first of
// them is a separable leader (first in at least Separable of them).
func (s Stability) Leaders() (leaders []string, separable bool) {
	type lead struct {
		id string
		p  float64
	}
	var ls []lead
	for i, r := range s.Subjects {
		if p := s.P[i][0]; p >= 1-Separable {
			ls = append(ls, lead{r.Subject, p})
		}
	}
	sort.SliceStable(ls, func(a, b int) bool { return ls[a].p > ls[b].p })
	for _, l := range ls {
		leaders = append(leaders, l.id)
	}
	return leaders, len(ls) > 0 && ls[0].p >= Separable
}

// RankInterval returns the ranks (1-based) within which subject i falls in
// the middle 90% of the samples.
func (s Stability) RankInterval(i int) (lo, hi int) {
	cum := 0.0
	lo, hi = 0, 0
	for r, p := range s.P[i] {
		cum += p
		if lo == 0 && cum > 0.05 {
			lo = r + 1
		}
		if hi == 0 && cum >= 0.95-1e-12 {
			hi = r + 1
		}
	}
	if lo == 0 {
		lo = len(s.P[i])
	}
	if hi == 0 {
		hi = len(s.P[i])
	}
	return lo, hi
}
