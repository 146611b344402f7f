package claims

import (
	"fmt"
	"sort"

	"github.com/hwcmp/hwcmp/compare"
)

// An Implied is the price ratio two of one author's claims imply between
// the same subject and baseline: a performance ratio and a performance
// per dollar-hour ratio give baseline price ÷ subject price = (perf/$) ÷
// perf. It is judged against the public prices of the per-dollar claim's
// date, by the rules of that claim (a change on the change, a ratio on
// the fold): an author whose figures imply prices the price lists do not
// show has an internally inconsistent set of claims.
type Implied struct {
	Author           string
	Perf, PerDollar  *Claim
	Subject, Against string
	Implied          float64          // baseline price ÷ subject price, as the claims imply
	Actual           float64          // the same from the price data
	Range            compare.Interval // of Actual
	Verdict          string           // supported (consistent), close, contradicted (inconsistent), unverifiable
	Missing          string
	Warnings         []string
}

// perDollarOf maps each per-dollar-hour metric to the metric it divides
// by the cloud price: bench-per-dollar-hour to bench, and each registry
// metric whose numerator is a figure metric's and whose denominator is
// the cloud price.
func perDollarOf(metrics *compare.Registry) map[string]string {
	out := map[string]string{"bench-per-dollar-hour": "bench"}
	for _, m := range metrics.All() {
		if m.Den == nil || m.Den.Kind != compare.PriceInput {
			continue
		}
		for _, f := range metrics.All() {
			if f.Den == nil && f.Num.Kind == compare.SpecInput && f.Num.Quantity == m.Num.Quantity && f.Num.Kind == m.Num.Kind {
				out[m.Name] = f.Name
				break
			}
		}
	}
	return out
}

// claimedRatio returns the ratio a claim states as one figure (a ratio,
// a change, a match), or false for a bound, a band or a value.
func claimedRatio(c *Claim) (float64, bool) {
	if len(c.Baselines) != 1 || c.Low != c.High || directional(c.Hedge) {
		return 0, false
	}
	switch c.Kind {
	case RatioClaim, MatchClaim:
		return c.Claimed, true
	case ChangeClaim:
		return 1 + c.Claimed, true
	}
	return 0, false
}

// Consistency finds, for each author, every pair of a performance claim
// and a performance-per-dollar claim about the same subject and baseline
// (at the same precision and level), and judges the price ratio they
// imply against the price data.
func (k *Checker) Consistency(all []*Claim) []Implied {
	perDollar := perDollarOf(k.Metrics)
	type key struct{ author, metric, subject, baseline, precision, per string }
	perf := make(map[key]*Claim)
	for _, c := range all {
		if _, ok := claimedRatio(c); ok {
			kk := key{c.Author, c.Metric, c.Subject, c.Baselines[0], string(c.Precision), c.Per}
			if _, seen := perf[kk]; !seen {
				perf[kk] = c
			}
		}
	}
	var out []Implied
	for _, q := range all {
		base, ok := perDollar[q.Metric]
		if !ok {
			continue
		}
		qr, ok := claimedRatio(q)
		if !ok {
			continue
		}
		p, ok := perf[key{q.Author, base, q.Subject, q.Baselines[0], string(q.Precision), q.Per}]
		if !ok {
			continue
		}
		pr, _ := claimedRatio(p)
		out = append(out, k.implied(p, q, qr/pr))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Author < out[j].Author })
	return out
}

// implied judges the price ratio r that claims p and q imply.
func (k *Checker) implied(p, q *Claim, r float64) Implied {
	im := Implied{Author: q.Author, Perf: p, PerDollar: q, Subject: q.Subject, Against: q.Baselines[0], Implied: r}
	price, err := k.Metrics.Lookup("cloud-price")
	if err != nil {
		im.Verdict, im.Missing = Unverifiable, err.Error()
		return im
	}
	basis, _ := compare.ParseBasis(q.Per)
	if q.Evidence == BenchmarkEvidence {
		basis = compare.PerSystem
	}
	o := compare.Options{Basis: basis}
	a, wa := k.evaluate(q, price, q.Subject, o)
	b, wb := k.evaluate(q, price, im.Against, o)
	im.Warnings = appendNonEmpty(appendNonEmpty(nil, wa), wb)
	ratio := compare.Ratio(b, a)
	if !ratio.OK() {
		im.Verdict, im.Missing = Unverifiable, ratio.Missing+ratio.Mismatch
		return im
	}
	im.Actual, im.Range = ratio.Value, ratio.Range
	// The implied price ratio, read by the per-dollar claim's rules.
	t := *q
	t.Kind, t.Claimed, t.Low, t.High, t.Hedge = RatioClaim, r, r, r, ""
	if q.Kind == ChangeClaim {
		t.Kind, t.Claimed, t.Low, t.High = ChangeClaim, r-1, r-1, r-1
	}
	im.Verdict, _ = t.read(false).judge(im.Actual, im.Range)
	return im
}

// Describe writes what the pair implies, for people.
func (im Implied) Describe() string {
	return fmt.Sprintf("%s ÷ %s price %.3gx (from %s and %s)", im.Against, im.Subject, im.Implied, im.Perf.ID, im.PerDollar.ID)
}
