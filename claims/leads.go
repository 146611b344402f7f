package claims

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
)

// leads computes a leads claim: the subject ranks first among its rivals
// (its baselines, or every chip or system of its kind) on the metric.
// Where values carry ranges a ranking can flip, so the verdict is the
// probability of ranking first when each value is drawn within its range
// (compare.RankStability, seed 1): the value shown is the subject's
// advantage over the best rival.
func (k *Checker) leads(c *Claim, m *compare.Metric, o compare.Options) outcome {
	// Sampling is the costly part: claims with the same subject, rivals,
	// metric and price date share one answer.
	e := k.engine(c, true)
	key := fmt.Sprintf("%p|%s|%s|%v|%s|%s|%p", m, c.Subject, strings.Join(k.rivals(c), ","), o, e.Prices.Term, e.Prices.AsOf, e.Tokens)
	if hit, ok := k.leadsMemo[key]; ok {
		return hit
	}
	out := k.leadsOnce(c, m, o)
	if k.leadsMemo == nil {
		k.leadsMemo = make(map[string]outcome)
	}
	k.leadsMemo[key] = out
	return out
}

func (k *Checker) leadsOnce(c *Claim, m *compare.Metric, o compare.Options) outcome {
	a, warn := k.evaluate(c, m, c.Subject, o)
	out := outcome{ratio: true, evidence: append([]compare.Evidence(nil), a.Evidence...), warnings: appendNonEmpty(nil, warn)}
	if !a.OK() {
		out.missing = c.Subject + ": " + a.Missing
		return out
	}
	results := []compare.Result{a}
	var without []string
	for _, id := range k.rivals(c) {
		r, _ := k.evaluate(c, m, id, o)
		if !r.OK() {
			without = append(without, id)
			continue
		}
		results = append(results, r)
	}
	if len(without) > 0 {
		out.warnings = append(out.warnings, fmt.Sprintf("%d rival(s) without a figure are not ranked: %s", len(without), strings.Join(without, ", ")))
	}
	if len(results) < 2 {
		out.missing = "a rival with a figure to rank against"
		return out
	}
	// The advantage over the best rival, as for an order claim.
	b := results[1]
	for _, r := range results[2:] {
		if (m.Higher && r.Value > b.Value) || (!m.Higher && r.Value < b.Value) {
			b = r
		}
	}
	adv := compare.Ratio(a, b)
	if !m.Higher {
		adv = compare.Ratio(b, a)
	}
	out.evidence = append(out.evidence, b.Evidence...)
	out.baseline = b.Subject
	out.value, out.rng, out.status = adv.Value, adv.Range, specs.Weakest(a.Status, b.Status)
	for _, r := range results[1:] {
		out.status = specs.Weakest(out.status, r.Status)
	}
	st := compare.RankStability(results, compare.DefaultSamples, 1)
	p, _ := st.First(c.Subject)
	out.pFirst = &p
	out.warnings = append([]string{fmt.Sprintf("first in %.1f%% of %d samples against %d rival(s); the best rival is %s",
		100*p, st.Samples, len(results)-1, b.Subject)}, out.warnings...)
	return out
}

// rivals returns a leads claim's baselines, or every other chip (per
// chip) or system (per system) of the subject's kind.
func (k *Checker) rivals(c *Claim) []string {
	if len(c.Baselines) > 0 {
		return c.Baselines
	}
	cat := k.Engine.Catalog
	var ids []string
	if chip, ok := cat.Chip(c.Subject); ok {
		for _, x := range cat.Chips {
			if x.ID != c.Subject && x.Kind == chip.Kind {
				ids = append(ids, x.ID)
			}
		}
		return ids
	}
	if sys, ok := cat.System(c.Subject); ok {
		for _, x := range cat.Systems {
			if x.ID != c.Subject && x.Kind == sys.Kind {
				ids = append(ids, x.ID)
			}
		}
	}
	return ids
}

// leadsVerdict judges the probability of ranking first.
func leadsVerdict(p float64) string {
	switch {
	case p >= compare.Separable:
		return Supported
	case p <= 1-compare.Separable:
		return Contradicted
	}
	return Close
}
