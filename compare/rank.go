package compare

import (
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
	for _, r := range results {
		if r.OK() {
			ranked = append(ranked, Ranked{Result: r})
		} else {
			missing = append(missing, r)
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool {
		a, b := ranked[i], ranked[j]
		if a.Value != b.Value {
			return better(a.Metric, a.Value, b.Value)
		}
		return a.Subject < b.Subject
	})
	for i := range ranked {
		ranked[i].Rank = i + 1
		if i > 0 && ranked[i].Range.Overlaps(ranked[i-1].Range) {
			ranked[i].NotSeparable = true
			ranked[i-1].NotSeparable = true
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
	for i := range points {
		p := &points[i]
		for _, q := range points {
			if q.X.Subject != p.X.Subject && dominates(q, *p) {
				p.DominatedBy = q.X.Subject
				break
			}
		}
	}
	sort.SliceStable(points, func(i, j int) bool {
		a, b := points[i], points[j]
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
