package claims

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/compare"
)

// The verdict rules. docs/CLAIMS.md gives them in words with worked
// examples; TestRules has one case per rule.
//
// A claim is read as an accepting region of computed values (its
// reading). The computed figure is an interval (its range, from the
// inputs' ranges), and the whole interval is judged:
//
//   - supported: the whole range lies in the accepting region;
//   - close: part of the range lies in it (the range straddles an edge),
//     or the range misses it by no more than the close margin: half the
//     claim's tolerance beyond each edge;
//   - contradicted: every value of the range is further off.
//
// Distances are symmetric. A ratio or value is compared on a log scale
// (as a fold: max(v/c, c/v) − 1), so 0.5× and 2× are equally far from 1×;
// a percent change is compared on the change itself, relative to the
// claimed change but never to less than ChangeFloor.

// ChangeFloor is the smallest change a percent-change claim is measured
// against: +1% claimed and +1.4% computed differ by 0.4 points, which is
// 8% of the 5-point floor, not 40% of the claimed 1%.
const ChangeFloor = 0.05

// CloseMargin is the close zone beyond an accepting edge, as a fraction
// of the claim's tolerance.
const CloseMargin = 0.5

// MaxRoundingSlack caps the rounding slack of a stated figure (half a
// unit in its last written digit) at 5% of it, so that "0.6" is not read
// as anything from 0.55.
const MaxRoundingSlack = 0.05

// edgeEpsilon keeps a figure that equals an edge up to float rounding on
// the edge (1.1 × 1.0 must be inside "at most 1.1").
const edgeEpsilon = 1e-9

// A region is an interval of computed values: (lo, hi) with either end
// closed or open; hi = +Inf for no upper bound.
type region struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

// contains reports whether the whole of iv lies in r.
func (r region) contains(iv compare.Interval) bool {
	return r.above(iv.Lo) && r.below(iv.Hi)
}

// above reports whether v is not below r's lower edge.
func (r region) above(v float64) bool {
	if r.loOpen {
		return v > r.lo*(1+edgeEpsilon)
	}
	return v >= r.lo*(1-edgeEpsilon)
}

// below reports whether v is not above r's upper edge.
func (r region) below(v float64) bool {
	if math.IsInf(r.hi, 1) {
		return true
	}
	if r.hiOpen {
		return v < r.hi*(1-edgeEpsilon)
	}
	return v <= r.hi*(1+edgeEpsilon)
}

// meets reports whether iv and r share any value.
func (r region) meets(iv compare.Interval) bool {
	return r.below(iv.Lo) && r.above(iv.Hi)
}

// A scale measures distance for one claim: a fold (log ratio) for ratios
// and values, or a change relative to norm for percent changes.
type scale struct {
	change bool
	norm   float64 // for a change: max(|claimed change|, ChangeFloor)
}

// widen returns r (closed) with each finite edge moved out by margin on
// the scale.
func (s scale) widen(r region, margin float64) region {
	w := region{lo: r.lo, hi: r.hi}
	if s.change {
		w.lo = max(0, r.lo-margin*s.norm)
		if !math.IsInf(r.hi, 1) {
			w.hi = r.hi + margin*s.norm
		}
		return w
	}
	w.lo = r.lo / (1 + margin)
	if !math.IsInf(r.hi, 1) {
		w.hi = r.hi * (1 + margin)
	}
	return w
}

// dist returns how far v lies from the band [lo, hi] on the scale: 0
// inside it.
func (s scale) dist(v, lo, hi float64) float64 {
	switch {
	case v < lo && s.change:
		return (lo - v) / s.norm
	case v > hi && s.change:
		return (v - hi) / s.norm
	case v < lo && v > 0:
		return lo/v - 1
	case v < lo:
		return math.Inf(1)
	case v > hi:
		return v/hi - 1
	}
	return 0
}

// A reading is what a claim asserts about its computed figure (a ratio,
// or a value in base units): the region that supports it, the band as
// stated (for the distance) and the scale distances are measured on.
type reading struct {
	accept region
	// stated is the band as written, without tolerance or slack: the
	// distance is measured from it.
	statedLo, statedHi float64
	scale              scale
	margin             float64 // the close margin on the scale
	// why says how the claim was read, e.g. "about 1.18x: [1.07, 1.3]".
	why string
}

// A hedgeRule is the band one hedge word gives a claimed figure c.
type hedgeRule struct {
	words []string
	doc   string
	// band returns the accepting region of c; mag is c's magnitude
	// direction: the region of "nearly" lies between c and 1 for a ratio,
	// between c and 0 for a value or a change.
	band func(c, tol float64, toward float64) region
}

// Nearly is how far short of its figure "nearly X" may fall: nearly 4×
// is 3.4× to 4×; nearly 2× lower is 1.7× to 2× lower.
const Nearly = 0.15

// Slightly is how far past its figure "slightly above X" (or "just edges
// past", or "slightly below") may go: up to 10%.
const Slightly = 0.10

// Well and Far are the factors of "well above/below" (at least 1.5×) and
// "far above/below" (at least 2×).
const (
	Well = 1.5
	Far  = 2.0
)

// Broadly is the tolerance of "broadly comparable" when the claim gives a
// smaller one.
const Broadly = 0.25

// hedges is the hedge vocabulary: each word's band around a claimed
// figure c with tolerance tol. docs/CLAIMS.md lists it.
var hedges = []hedgeRule{
	{words: []string{"", "about", "roughly", "approximately", "around", "~", "up to", "similar", "on par", "matches"},
		doc: "within the tolerance either way: [c/(1+tol), c×(1+tol)]; \"up to\" is a vendor's peak figure, read as about it",
		band: func(c, tol, _ float64) region {
			return region{lo: c / (1 + tol), hi: c * (1 + tol)}
		}},
	{words: []string{"broadly", "broadly comparable"},
		doc: "within max(tol, 25%) either way",
		band: func(c, tol, _ float64) region {
			t := max(tol, Broadly)
			return region{lo: c / (1 + t), hi: c * (1 + t)}
		}},
	{words: []string{"nearly", "almost", "close to"},
		doc: "up to 15% short of c, never past it: nearly 4x is [3.4, 4]; nearly 0.5x (2x lower) is [0.5, 0.588]",
		band: func(c, _, toward float64) region {
			if toward > c { // a ratio below 1: short of c is nearer 1
				return region{lo: c, hi: math.Min(toward, c/(1-Nearly))}
			}
			return region{lo: math.Max(toward, c*(1-Nearly)), hi: c}
		}},
	{words: []string{"slightly above", "just over", "edges past", "just edges past", "slightly more than"},
		doc: "above c by at most 10%: (c, 1.1c]",
		band: func(c, _, _ float64) region {
			return region{lo: c, hi: c * (1 + Slightly), loOpen: true}
		}},
	{words: []string{"slightly below", "just under", "slightly less than"},
		doc: "below c by at most 10%: [c/1.1, c)",
		band: func(c, _, _ float64) region {
			return region{lo: c / (1 + Slightly), hi: c, hiOpen: true}
		}},
	{words: []string{"well above", "well over"},
		doc: "at least 1.5c", band: func(c, _, _ float64) region { return region{lo: c * Well, hi: math.Inf(1)} }},
	{words: []string{"well below", "well under"},
		doc: "at most c/1.5", band: func(c, _, _ float64) region { return region{lo: 0, hi: c / Well} }},
	{words: []string{"far above", "far more than"},
		doc: "at least 2c", band: func(c, _, _ float64) region { return region{lo: c * Far, hi: math.Inf(1)} }},
	{words: []string{"far below", "far less than"},
		doc: "at most c/2", band: func(c, _, _ float64) region { return region{lo: 0, hi: c / Far} }},
}

// hedgeByWord indexes hedges.
var hedgeByWord = func() map[string]*hedgeRule {
	m := make(map[string]*hedgeRule)
	for i := range hedges {
		for _, w := range hedges[i].words {
			m[w] = &hedges[i]
		}
	}
	return m
}()

// HedgeWords returns the hedge vocabulary, sorted, for error messages and
// help.
func HedgeWords() []string {
	var ws []string
	for w := range hedgeByWord {
		if w != "" {
			ws = append(ws, w)
		}
	}
	sort.Strings(ws)
	return ws
}

// directional reports whether a hedge reads above or below its figure
// (rather than about it): those are for ratio and value claims only.
func directional(h string) bool {
	r := hedgeByWord[h]
	return r != nil && r != hedgeByWord[""] && r != hedgeByWord["broadly"] && r != hedgeByWord["nearly"]
}

// roundingSlack returns half a unit in the last significant digit of the
// number s as written ("1.4" → 0.05; "5e9" → 0.5e9; "40" → 5), capped at
// MaxRoundingSlack of its value: a stated band edge is taken to its
// rounding, no further.
func roundingSlack(s string, v float64) float64 {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.TrimLeft(s, "+-")
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		fmt.Sscanf(s[i+1:], "%d", &exp)
		s = s[:i]
	}
	unit := 1.0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		unit = math.Pow(10, -float64(len(s)-i-1))
	} else {
		z := len(s) - len(strings.TrimRight(s, "0"))
		if z == len(s) { // "0"
			z = 0
		}
		unit = math.Pow(10, float64(z))
	}
	unit *= math.Pow(10, float64(exp))
	return math.Min(unit/2, MaxRoundingSlack*math.Abs(v))
}

// read returns c's reading of a computed figure for one baseline. For a
// change claim, the claimed figures are changes (0.18 for +18%) and the
// reading is on the ratio 1 + change.
func (c *Claim) read(describe bool) reading {
	tol := c.Tolerance
	rd := reading{margin: CloseMargin * tol, statedLo: c.Low, statedHi: c.High}
	// say sets how the claim was read, when asked: a list of many
	// verdicts without it need not format it.
	say := func(f func() string) {
		if describe {
			rd.why = f()
		}
	}
	switch c.Kind {
	case AtLeastClaim:
		rd.accept = region{lo: c.Low, hi: math.Inf(1)}
		rd.statedLo, rd.statedHi = c.Low, math.Inf(1)
		say(func() string { return "at least " + c.num(c.Low) })
	case MoreThanClaim:
		rd.accept = region{lo: c.Low, hi: math.Inf(1), loOpen: true}
		rd.statedLo, rd.statedHi = c.Low, math.Inf(1)
		say(func() string { return "more than " + c.num(c.Low) + " (a tie is not a win)" })
	case AtMostClaim:
		rd.accept = region{lo: 0, hi: c.High}
		rd.statedLo, rd.statedHi = 0, c.High
		say(func() string { return "at most " + c.num(c.High) })
	case LessThanClaim:
		rd.accept = region{lo: 0, hi: c.High, hiOpen: true}
		rd.statedLo, rd.statedHi = 0, c.High
		say(func() string { return "less than " + c.num(c.High) + " (a tie is not a win)" })
	case LeadsClaim:
		rd.accept = region{lo: 1, hi: math.Inf(1), loOpen: true}
		rd.statedLo, rd.statedHi = 1, math.Inf(1)
		say(func() string {
			return fmt.Sprintf("first in at least %.0f%% of %d samples within the ranges (supported), at most %.0f%% (contradicted)",
				100*compare.Separable, compare.DefaultSamples, 100*(1-compare.Separable))
		})
	case OrderClaim:
		rd.accept = region{lo: 1, hi: math.Inf(1), loOpen: true}
		rd.statedLo, rd.statedHi = 1, math.Inf(1)
		say(func() string { return "better than each baseline (advantage ratio > 1; a tie is not a win)" })
	case ChangeClaim:
		rd.scale = scale{change: true, norm: math.Max(math.Abs(c.Claimed), ChangeFloor)}
		lo, hi := 1+c.Low, 1+c.High
		if c.Low == c.High {
			d := tol * rd.scale.norm
			rd.accept = region{lo: math.Max(0, lo-d), hi: hi + d}
			say(func() string {
				return fmt.Sprintf("change %s ± %.3g points (tolerance %.0f%% of max(|change|, %.0f points))",
					pct(c.Claimed), 100*d, 100*tol, 100*ChangeFloor)
			})
		} else {
			rd.accept = region{lo: lo - c.LowSlack, hi: hi + c.HighSlack}
			say(func() string {
				return fmt.Sprintf("change %s to %s, to the rounding of the stated figures", pct(c.Low), pct(c.High))
			})
		}
		rd.statedLo, rd.statedHi = lo, hi
	default: // ratio, value, match: a point with a hedge, or a band
		if c.Low != c.High {
			rd.accept = region{lo: c.Low - c.LowSlack, hi: c.High + c.HighSlack}
			say(func() string {
				return fmt.Sprintf("%s to %s, to the rounding of the stated figures", c.num(c.Low), c.num(c.High))
			})
			break
		}
		toward := 0.0
		if len(c.Baselines) > 0 {
			toward = 1
		}
		h := hedgeByWord[c.Hedge]
		rd.accept = h.band(c.Claimed, tol, toward)
		word := c.Hedge
		if word == "" {
			word = "about"
		}
		acc := rd.accept
		say(func() string { return fmt.Sprintf("%s %s: %s", word, c.num(c.Claimed), c.regionText(acc)) })
		if !directional(c.Hedge) {
			break
		}
		// A directional hedge states a bound or band: measure from it.
		rd.statedLo, rd.statedHi = rd.accept.lo, rd.accept.hi
	}
	if describe && (c.Kind.IsBound() || directional(c.Hedge)) {
		rd.why += fmt.Sprintf("; close within %.0f%% beyond", 100*rd.margin)
	}
	return rd
}

// judge returns the verdict of the computed value v with range rng under
// rd, and the distance of v from the stated claim.
func (rd reading) judge(v float64, rng compare.Interval) (string, float64) {
	if rng == (compare.Interval{}) {
		rng = compare.Point(v) // no range given: the value alone
	}
	rng = compare.Interval{Lo: math.Min(rng.Lo, v), Hi: math.Max(rng.Hi, v)}
	d := rd.scale.dist(v, rd.statedLo, rd.statedHi)
	switch {
	case rd.accept.contains(rng):
		return Supported, d
	case rd.accept.meets(rng) || rd.scale.widen(rd.accept, rd.margin).meets(rng):
		return Close, d
	}
	return Contradicted, d
}

// pct writes a change as a signed percentage.
func pct(f float64) string { return fmt.Sprintf("%+.3g%%", 100*f) }

// num writes a claimed figure in the claim's unit.
func (c *Claim) num(v float64) string {
	if c.Kind == ChangeClaim {
		return pct(v)
	}
	return c.format(v)
}

// regionText writes an accepting region in the claim's unit.
func (c *Claim) regionText(r region) string {
	l, h := "[", "]"
	if r.loOpen {
		l = "("
	}
	if r.hiOpen {
		h = ")"
	}
	hi := "∞"
	if !math.IsInf(r.hi, 1) {
		hi = c.format(r.hi)
	}
	return l + c.format(r.lo) + ", " + hi + h
}

// Band returns the claim in the units of its computed figure, for charts:
// the claimed figure and the band as stated (a change as the ratio 1 +
// change, a directional hedge as its region), open on a side the claim
// does not bound.
func (c *Claim) Band() (claimed, low, high float64, openLow, openHigh bool) {
	rd := c.read(false)
	claimed, low, high = c.Claimed, rd.statedLo, rd.statedHi
	if c.Kind == ChangeClaim {
		claimed = 1 + c.Claimed
	}
	if low <= 0 {
		openLow, low = true, high
	}
	if math.IsInf(high, 1) {
		openHigh, high = true, low
	}
	claimed = math.Min(math.Max(claimed, low), high)
	return claimed, low, high, openLow, openHigh
}
