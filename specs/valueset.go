package specs

import (
	"cmp"
	"fmt"
	"slices"
	"sort"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
)

// A Replacement records a user's row that replaced a default row with the
// same key (subject, quantity, precision, sparsity and source).
type Replacement struct {
	Old, New *Value
}

// A ValueSet holds the figures of one family of sheets, grouped by what they
// measure, with the preferred figure of each group chosen and ratio figures
// resolved into absolute ones.
type ValueSet struct {
	values   []*Value    // absolute figures, in load order
	relative []*Value    // ratio figures, as written
	index    *groupIndex // numbers every group key a row has
	vals     [][]*Value  // each numbered group's absolute figures, preferred first once chosen; empty for a group only ratio rows have until they resolve
	// Replaced lists the default rows that --data rows replaced.
	Replaced []Replacement
}

// NewValueSet merges layers of figures (defaults first, then each user
// layer) into a set. A later layer's row replaces an earlier row with the
// same key. In a group where the newest layer has rows, that layer's
// preferred row (or its only row) is preferred; rows of older layers stay
// as alternatives. Within one layer, a key may appear once, and a group with
// several rows needs exactly one marked preferred. Ratio figures wait for
// ResolveRelative.
func NewValueSet(layers ...[]*Value) (*ValueSet, sheet.Errors) {
	n := 0
	for _, vs := range layers {
		n += len(vs)
	}
	s := &ValueSet{values: make([]*Value, 0, n), index: newGroupIndex(n / 3)}
	var errs sheet.Errors
	// A row is identified for overrides by its group key, relative_to and
	// source: a user row with a default's identity replaces it (a ratio row
	// and an absolute row from one source state different things). Rows
	// with one group key are chained (heads[k], then next[i]) so that
	// finding a row's earlier twin compares relative_to and source within
	// its group only, rather than hashing a six-string key per row.
	var heads []int32           // latest row of each numbered key in merged
	next := make([]int32, 0, n) // the row of the same key before it, or -1
	merged := make([]*Value, 0, n)
	for layer, vs := range layers {
	rows:
		for _, v := range vs {
			v.Layer = layer
			k, isNew := s.index.number(v.GroupKey)
			if isNew {
				heads = append(heads, -1)
			}
			for i := heads[k]; i >= 0; i = next[i] {
				old := merged[i]
				if old.RelativeTo != v.RelativeTo || old.Source != v.Source {
					continue
				}
				if old.Layer == layer {
					errs = append(errs, v.Pos.Errorf("source", "duplicate row: %s from this source is already at %s", v.GroupKey, old.Pos))
				} else {
					s.Replaced = append(s.Replaced, Replacement{Old: old, New: v})
					merged[i] = v
				}
				continue rows
			}
			next = append(next, heads[k])
			heads[k] = int32(len(merged))
			merged = append(merged, v)
		}
	}
	s.vals = make([][]*Value, len(heads))
	for _, v := range merged {
		if v.Relative() {
			s.relative = append(s.relative, v)
			continue
		}
		s.add(v)
	}
	errs = append(errs, s.choosePreferred()...)
	return s, errs
}

func (s *ValueSet) add(v *Value) {
	s.values = append(s.values, v)
	i, _ := s.index.number(v.GroupKey)
	if int(i) == len(s.vals) { // a key no row had: a derived figure's
		s.vals = append(s.vals, nil)
	}
	if len(s.vals[i]) == 0 {
		// A group's first figure is a one-element window on values (its
		// capacity one, so that a second figure copies it out): most groups
		// have one figure, and this saves them an allocation each.
		s.vals[i] = s.values[len(s.values)-1 : len(s.values) : len(s.values)]
		return
	}
	s.vals[i] = append(s.vals[i], v)
}

// group returns every figure for k (preferred first once chosen), or nil.
// The index holds positions rather than the slices so that adding a
// figure to a group takes one lookup, and walking every group takes none.
func (s *ValueSet) group(k GroupKey) []*Value {
	if i, ok := s.index.find(k); ok && int(i) < len(s.vals) {
		return s.vals[i]
	}
	return nil
}

// choosePreferred puts each group's preferred figure first. Groups that
// a ratio figure resolves into wait for ResolveRelative, which chooses
// once the ratio's figure has joined them.
func (s *ValueSet) choosePreferred() sheet.Errors {
	targets := make(map[GroupKey]bool)
	for _, r := range s.relative {
		targets[r.GroupKey] = true
	}
	var errs sheet.Errors
	for _, g := range s.vals { // callers sort the errors by position
		if len(g) == 0 {
			continue
		}
		if k := g[0].GroupKey; !targets[k] {
			errs = append(errs, s.chooseGroup(k, g)...)
		}
	}
	return errs
}

// choose marks the preferred figure of group k and puts it first. Figures
// of the newest layer with rows are the candidates; hwcmp's fallbacks (a
// dense rate halved from a sparse one) give way to any figure a sheet
// states, directly or as a ratio.
func (s *ValueSet) choose(k GroupKey) sheet.Errors {
	return s.chooseGroup(k, s.group(k))
}

// chooseGroup is choose for group k's figures g.
func (s *ValueSet) chooseGroup(k GroupKey, g []*Value) sheet.Errors {
	if len(g) == 1 { // the usual case: the one figure is preferred
		g[0].Preferred = true
		return nil
	}
	stated := slices.DeleteFunc(slices.Clone(g), (*Value).fallback)
	if len(stated) == 0 {
		stated = g
	}
	top := 0
	for _, v := range stated {
		top = max(top, v.Layer)
	}
	var cands, marked []*Value
	for _, v := range stated {
		if v.Layer == top {
			cands = append(cands, v)
			if v.Preferred {
				marked = append(marked, v)
			}
		}
	}
	var errs sheet.Errors
	var pref *Value
	switch {
	case len(cands) == 1:
		pref = cands[0]
	case len(marked) == 1:
		pref = marked[0]
	case len(marked) == 0:
		if best := bestSourced(cands); best != nil {
			pref = best
			break
		}
		errs = append(errs, cands[len(cands)-1].Pos.Errorf("preferred",
			"%d figures for %s (also at %s), none stronger than the rest by source tier and status: mark one preferred", len(cands), k, cands[0].Pos))
		pref = cands[0]
	default:
		errs = append(errs, marked[1].Pos.Errorf("preferred",
			"%s has %d figures marked preferred (also at %s): mark one", k, len(marked), marked[0].Pos))
		pref = marked[0]
	}
	for _, v := range g {
		v.Preferred = v == pref
	}
	sort.SliceStable(g, func(i, j int) bool { return g[i].Preferred && !g[j].Preferred })
	return errs
}

// bestSourced returns the one candidate with the best source tier (primary
// over secondary over hwcmp's own) and, among those, the strongest status;
// nil if two or more tie, for then only a preferred mark can choose.
func bestSourced(cands []*Value) *Value {
	better := func(a, b *Value) int {
		return cmp.Or(cmp.Compare(a.Tier().Rank(), b.Tier().Rank()), cmp.Compare(a.Status.rank(), b.Status.rank()))
	}
	best := slices.MinFunc(cands, better)
	n := 0
	for _, v := range cands {
		if better(v, best) == 0 {
			n++
		}
	}
	if n > 1 {
		return nil
	}
	return best
}

// sortedKeys returns the groups' keys in sortKeys order.
func (s *ValueSet) sortedKeys() []GroupKey {
	keys := make([]GroupKey, 0, len(s.vals))
	for _, g := range s.vals {
		if len(g) > 0 {
			keys = append(keys, g[0].GroupKey)
		}
	}
	return sortKeys(keys)
}

// sortKeys sorts keys by subject, quantity, precision and sparsity, the
// order a subject's figures are listed in.
func sortKeys(keys []GroupKey) []GroupKey {
	slices.SortFunc(keys, func(a, b GroupKey) int {
		return cmp.Or(cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Quantity, b.Quantity),
			cmp.Compare(a.Precision, b.Precision), cmp.Compare(a.Sparsity, b.Sparsity))
	})
	return keys
}

// ResolveRelative turns each ratio figure into an absolute one, derived
// from the preferred figure of the subject it is relative to. The result
// stands for the ratio's row: it keeps the row's layer, preferred mark and
// position, and competes for preferred like any row of its layer. Chains
// resolve in any order: a ratio waits until every ratio into its base's
// group has resolved. A ratio whose base is missing is an error. Owners
// call it once, after adding any figures of their own derivation that a
// ratio may refer to.
func (s *ValueSet) ResolveRelative() sheet.Errors {
	var errs sheet.Errors
	waiting := make(map[GroupKey]int) // ratios yet to resolve into each group
	for _, r := range s.relative {
		waiting[r.GroupKey]++
	}
	pending := s.relative
	for len(pending) > 0 {
		var next []*Value
		for _, r := range pending {
			baseKey := r.GroupKey
			baseKey.Subject = r.RelativeTo
			base, ok := s.Get(baseKey)
			if !ok || waiting[baseKey] > 0 {
				next = append(next, r)
				continue
			}
			s.resolve(r, base)
			if waiting[r.GroupKey]--; waiting[r.GroupKey] == 0 {
				errs = append(errs, s.choose(r.GroupKey)...)
			}
		}
		if len(next) == len(pending) {
			for _, r := range next {
				errs = append(errs, r.Pos.Errorf("relative_to", "%s has no %s figure to scale by %sx (or the ratios form a cycle)",
					r.RelativeTo, r.What(), units.FormatNumber(r.Orig)))
			}
			for k, n := range waiting {
				if n > 0 && len(s.group(k)) > 0 {
					errs = append(errs, s.choose(k)...)
				}
			}
			break
		}
		pending = next
	}
	return errs
}

// resolve adds the absolute figure that ratio row r states, scaling base,
// with the range both imply.
func (s *ValueSet) resolve(r *Value, base Figure) {
	v := s.Derive(r.GroupKey, r.Orig*base.Base, r.Status, fmt.Sprintf("%s × %s %s (%s, %s)",
		units.FormatNumber(r.Orig), r.RelativeTo, r.What(), base.Value.Value, base.Status), r, base.Value)
	v.Layer, v.Preferred, v.Pos = r.Layer, r.Preferred, r.Pos
	lo, hi := r.Orig, r.Orig
	if r.HasRange {
		lo, hi = r.Low, r.High
	}
	if v.Low, v.High = lo*base.Low, hi*base.High; v.Low != v.High {
		v.HasRange = true
	}
}

// Derive adds a figure computed from inputs by formula, with the weakest of
// Derived, status and the inputs' statuses. It is a fallback: preferred
// only in a group that has no figure a sheet states.
func (s *ValueSet) Derive(k GroupKey, base float64, status Status, formula string, inputs ...*Value) *Value {
	st := []Status{Derived, status}
	var dim units.Dimension
	var asOf Date
	for _, in := range inputs {
		st = append(st, in.Status)
		if in.Dim != units.Ratio {
			dim = in.Dim
		}
		if in.AsOf.Compare(asOf) > 0 {
			asOf = in.AsOf
		}
	}
	v := &Value{
		GroupKey: k,
		Value:    units.Value{Base: base, Dim: dim, Orig: base, OrigUnit: baseUnitOf(k, dim)},
		Status:   Weakest(st...),
		Source:   "hwcmp: " + formula,
		AsOf:     asOf,
		Inputs:   inputs,
		Formula:  formula,
	}
	v.Preferred = len(s.group(k)) == 0
	s.add(v)
	return v
}

// A Figure is the preferred value for a group with the spread of all the
// group's figures: Low and High cover the preferred value's own range and
// every alternative figure.
type Figure struct {
	*Value
	Low, High    float64
	Alternatives []*Value
}

// Spread reports whether f's figures disagree or carry a range.
func (f Figure) Spread() bool { return f.Low != f.High }

// Get returns the figure for k, and false if there is none.
func (s *ValueSet) Get(k GroupKey) (Figure, bool) {
	g := s.group(k)
	if len(g) == 0 {
		return Figure{}, false
	}
	f := Figure{Value: g[0], Low: g[0].Base, High: g[0].Base, Alternatives: g[1:]}
	for _, v := range g {
		lo, hi := v.Base, v.Base
		if v.HasRange {
			lo, hi = v.Low, v.High
		}
		f.Low, f.High = min(f.Low, lo), max(f.High, hi)
	}
	return f, true
}

// Group returns every figure for k, preferred first.
func (s *ValueSet) Group(k GroupKey) []*Value { return s.group(k) }

// Values returns every absolute figure, in load order, derived ones last.
func (s *ValueSet) Values() []*Value { return s.values }

// RelativeValues returns the ratio figures as written.
func (s *ValueSet) RelativeValues() []*Value { return s.relative }

// Of returns every figure of subject, ratio figures included, ordered by
// quantity, precision and sparsity, preferred first within a group.
func (s *ValueSet) Of(subject string) []*Value {
	var out []*Value
	var keys []GroupKey
	for _, i := range s.index.numbers(subject) {
		if int(i) < len(s.vals) && len(s.vals[i]) > 0 {
			keys = append(keys, s.vals[i][0].GroupKey)
		}
	}
	for _, k := range sortKeys(keys) {
		out = append(out, s.group(k)...)
	}
	for _, r := range s.relative {
		if r.Subject == subject {
			out = append(out, r)
		}
	}
	return out
}

// baseUnitOf names the base unit of a figure for k: OP/s for an integer
// throughput.
func baseUnitOf(k GroupKey, dim units.Dimension) string {
	if k.Precision.Integer() {
		return units.IntegerOps(dim.BaseUnit())
	}
	return dim.BaseUnit()
}
