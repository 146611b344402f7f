package specs

// A groupIndex numbers group keys: it finds a key's number, or gives a
// new key the next one. It looks a key up by subject first, then by what
// is measured among that subject's few keys (twenty at most in the
// built-in data), rather than hashing all four fields of every key in one
// map: at 300,000 figures that map was the largest structure a loaded
// catalog held after the figures themselves, and each lookup in it was a
// cache miss; the subject map is a third of its size, and what a figure
// measures takes one of a few hundred values, kept in a small map that
// stays in cache.
type groupIndex struct {
	whats  map[what]int32         // what is measured → its number
	bySubj map[string][]whatGroup // a subject's keys, in the order they were numbered
	n      int32                  // keys numbered so far
}

// what is a GroupKey without its subject.
type what struct {
	quantity  string
	precision Precision
	sparsity  Sparsity
}

// whatGroup is one of a subject's keys: what it measures, and its number.
type whatGroup struct{ what, group int32 }

// newGroupIndex returns an empty index sized for about subjects subjects.
func newGroupIndex(subjects int) *groupIndex {
	return &groupIndex{whats: make(map[what]int32), bySubj: make(map[string][]whatGroup, subjects)}
}

// find returns k's number, and false if k has none.
func (x *groupIndex) find(k GroupKey) (int32, bool) {
	w, ok := x.whats[what{k.Quantity, k.Precision, k.Sparsity}]
	if !ok {
		return -1, false
	}
	for _, g := range x.bySubj[k.Subject] {
		if g.what == w {
			return g.group, true
		}
	}
	return -1, false
}

// number returns k's number, giving it the next one if it has none, and
// whether it is new.
func (x *groupIndex) number(k GroupKey) (int32, bool) {
	wk := what{k.Quantity, k.Precision, k.Sparsity}
	w, ok := x.whats[wk]
	if !ok {
		w = int32(len(x.whats))
		x.whats[wk] = w
	}
	list := x.bySubj[k.Subject]
	for _, g := range list {
		if g.what == w {
			return g.group, false
		}
	}
	i := x.n
	x.n++
	x.bySubj[k.Subject] = append(list, whatGroup{w, i})
	return i, true
}

// numbers returns the numbers of subject's keys, in the order they were
// given.
func (x *groupIndex) numbers(subject string) []int32 {
	list := x.bySubj[subject]
	out := make([]int32, len(list))
	for i, g := range list {
		out[i] = g.group
	}
	return out
}
