package compare

import (
	"cmp"
	"slices"
	"sort"

	"github.com/hwcmp/hwcmp/specs"
)

// A Ranked is a Result with its place in a ranking.
type Ranked struct {
	Result
	Rank int
	// NotSeparable is set when the value's interval overlaps a neighbour's:
	// the data cannot tell the two apart.
	NotSeparable bool
}

// Rank orders the results with values best first (by the metric's
// direction; ties by subject id) and returns them with the results that
// have no value, in input order: those are listed, never dropped.
func Rank(results []Result) (ranked []Ranked, missing []Result) {
	places, absent := Places(results)
	if len(places) > 0 { // nothing ranked is nil
		ranked = make([]Ranked, len(places))
	}
	for k, p := range places {
		ranked[k] = Ranked{Result: results[p.Index], Rank: p.Rank, NotSeparable: p.NotSeparable}
	}
	for _, i := range absent {
		missing = append(missing, results[i])
	}
	return ranked, missing
}

// A Place is one result's place in a ranking, by its index in the
// results ranked.
type Place struct {
	Index        int
	Rank         int
	NotSeparable bool // as in Ranked
}

// Places is Rank without copying the results: the places of those with
// values, best first, and the indexes of the rest, in input order. A
// table of 100,000 rows reads each result where it is instead of moving
// hundreds of bytes per row twice.
func Places(results []Result) (ranked []Place, missing []int) {
	// The sort moves small keys, not Results: a key holds what the order
	// needs, so that comparing two never reads the results themselves.
	type key struct {
		value   float64
		subject string
		index   int32
		higher  bool
	}
	keys := make([]key, 0, len(results))
	for i := range results {
		r := &results[i]
		if r.OK() {
			keys = append(keys, key{r.Value, r.Subject, int32(i), r.Metric != nil && r.Metric.Higher})
		} else {
			missing = append(missing, i)
		}
	}
	less := func(a, b *key) bool {
		if a.value != b.value {
			if a.higher {
				return a.value > b.value
			}
			return a.value < b.value
		}
		return a.subject < b.subject
	}
	// Equal keys keep their input order (the index decides), as a stable
	// sort would, so the unstable sort's order is the stable one's.
	slices.SortFunc(keys, func(a, b key) int {
		switch {
		case less(&a, &b):
			return -1
		case less(&b, &a):
			return 1
		}
		return cmp.Compare(a.index, b.index)
	})
	if len(keys) > 0 {
		ranked = make([]Place, len(keys))
	}
	for k, key := range keys {
		ranked[k] = Place{Index: int(key.index), Rank: k + 1}
		if k > 0 && results[key.index].Range.Overlaps(results[keys[k-1].index].Range) {
			ranked[k].NotSeparable = true
			ranked[k-1].NotSeparable = true
		}
	}
	return ranked, missing
}

func better(m *Metric, a, b float64) bool {
	if m.Higher {
		return a > b
	}
	return a < b
}

// A Comparison is a ratio a ÷ b of two results of the same metric.
type Comparison struct {
	A, B    Result
	Value   float64
	Range   Interval
	Status  specs.Status
	Missing string // why there is no ratio, if one side has no value
	// Mismatch names an apples-to-oranges difference between the two
	// sides (a fallback precision on one side only); the ratio is then
	// not computed.
	Mismatch string
}

// OK reports whether c has a value.
func (c Comparison) OK() bool { return c.Missing == "" && c.Mismatch == "" }

// Ratio returns a ÷ b with its interval and the weakest status of both.
func Ratio(a, b Result) Comparison {
	c := Comparison{A: a, B: b}
	switch {
	case !a.OK():
		c.Missing = a.Subject + ": " + a.Missing
	case !b.OK():
		c.Missing = b.Subject + ": " + b.Missing
	case a.Fallback != b.Fallback:
		c.Mismatch = "different precisions: " + precisionUsed(a) + " vs " + precisionUsed(b)
	default:
		c.Value = a.Value / b.Value
		c.Range = a.Range.Div(b.Range)
		c.Status = specs.Weakest(a.Status, b.Status)
	}
	return c
}

func precisionUsed(r Result) string {
	if r.Fallback != "" {
		return r.Subject + " at " + string(r.Fallback)
	}
	return r.Subject + " at the asked precision"
}

// A ParetoPoint is one subject's pair of values.
type ParetoPoint struct {
	X, Y Result
	// DominatedBy names a subject at least as good on both metrics and
	// better on one; empty for the non-dominated set.
	DominatedBy string
}

// Pareto pairs xs and ys by subject and marks which points are dominated,
// honouring each metric's direction. Subjects missing either value are
// returned separately.
func Pareto(xs, ys []Result) (points []ParetoPoint, missing []Result) {
	byY := make(map[string]Result, len(ys))
	for _, y := range ys {
		byY[y.Subject] = y
	}
	for _, x := range xs {
		y, ok := byY[x.Subject]
		switch {
		case !x.OK():
			missing = append(missing, x)
		case !ok:
			continue
		case !y.OK():
			missing = append(missing, y)
		default:
			points = append(points, ParetoPoint{X: x, Y: y})
		}
	}
	for i, d := range dominators(points) {
		if d >= 0 {
			points[i].DominatedBy = points[d].X.Subject
		}
	}
	points = sortStable(points, func(a, b *ParetoPoint) bool {
		if (a.DominatedBy == "") != (b.DominatedBy == "") {
			return a.DominatedBy == ""
		}
		return better(a.X.Metric, a.X.Value, b.X.Value)
	})
	return points, missing
}

func dominates(q, p ParetoPoint) bool {
	noWorse := !better(p.X.Metric, p.X.Value, q.X.Value) && !better(p.Y.Metric, p.Y.Value, q.Y.Value)
	strictly := better(q.X.Metric, q.X.Value, p.X.Value) || better(q.Y.Metric, q.Y.Value, p.Y.Value)
	return noWorse && strictly
}

// dominators returns, for each point, the index of the first point (in
// the slice's order) that dominates it, or -1: what comparing every pair
// with dominates gives, in O(n log n). Points are swept from the best x
// to the worst; a Fenwick tree over the ranks of y (best first) keeps the
// smallest index among the points already swept, so that one query finds
// the first point with a strictly better x and a y no worse. Points with
// the same x dominate each other only by a strictly better y.
func dominators(points []ParetoPoint) []int {
	n := len(points)
	out := make([]int, n)
	if n == 0 {
		return out
	}
	// Oriented values: larger is better on both axes.
	orient := func(r Result) float64 {
		if r.Metric.Higher {
			return r.Value
		}
		return -r.Value
	}
	xs, ys := make([]float64, n), make([]float64, n)
	for i, p := range points {
		xs[i], ys[i] = orient(p.X), orient(p.Y)
	}
	// Rank of y, best first; equal values share a rank.
	byY := make([]int, n)
	for i := range byY {
		byY[i] = i
	}
	sort.Slice(byY, func(a, b int) bool { return ys[byY[a]] > ys[byY[b]] })
	rank := make([]int, n)
	for k, i := range byY {
		if k > 0 && ys[i] == ys[byY[k-1]] {
			rank[i] = rank[byY[k-1]]
		} else {
			rank[i] = k
		}
	}
	tree := newMinTree(n)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// Best x first; within one x, best y first.
	sort.Slice(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if xs[i] != xs[j] {
			return xs[i] > xs[j]
		}
		return ys[i] > ys[j]
	})
	for start := 0; start < n; {
		end := start
		for end < n && xs[order[end]] == xs[order[start]] {
			end++
		}
		group := order[start:end]
		// Within the group, the first index among strictly better y's.
		better := -1
		for k := 0; k < len(group); {
			l := k
			for l < len(group) && ys[group[l]] == ys[group[k]] {
				l++
			}
			for _, i := range group[k:l] {
				d := tree.min(rank[i])
				if better >= 0 && (d < 0 || better < d) {
					d = better
				}
				out[i] = d
			}
			for _, i := range group[k:l] {
				if better < 0 || i < better {
					better = i
				}
			}
			k = l
		}
		for _, i := range group {
			tree.add(rank[i], i)
		}
		start = end
	}
	return out
}

// minTree is a Fenwick tree of the smallest index added at or before
// each rank.
type minTree []int

func newMinTree(n int) minTree {
	t := make(minTree, n+1)
	for i := range t {
		t[i] = -1
	}
	return t
}

func (t minTree) add(rank, index int) {
	for r := rank + 1; r < len(t); r += r & -r {
		if t[r] < 0 || index < t[r] {
			t[r] = index
		}
	}
}

// min returns the smallest index added at ranks 0 to rank, or -1.
func (t minTree) min(rank int) int {
	m := -1
	for r := rank + 1; r > 0; r -= r & -r {
		if t[r] >= 0 && (m < 0 || t[r] < m) {
			m = t[r]
		}
	}
	return m
}

// sortStable returns s ordered by less, keeping the order of equal
// elements, as sort.SliceStable would. It sorts positions and moves each
// element once: Ranked and ParetoPoint hold whole Results (hundreds of
// bytes), and moving them through sort.SliceStable's reflective swapper
// was most of ranking's time at 100,000 rows.
func sortStable[T any](s []T, less func(a, b *T) bool) []T {
	if len(s) < 2 {
		return s
	}
	order := make([]int32, len(s))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		switch {
		case less(&s[i], &s[j]):
			return -1
		case less(&s[j], &s[i]):
			return 1
		}
		return 0
	})
	sorted := make([]T, len(s))
	for i, j := range order {
		sorted[i] = s[j]
	}
	return sorted
}
