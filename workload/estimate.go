package workload

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hwcmp/hwcmp/specs"
)

// A Tier says how a tokens figure is known, weakest first: from the model
// with default efficiencies, from the model with efficiencies fitted on
// measured results, or measured.
type Tier string

// The tiers.
const (
	ModelTier      Tier = "model"
	CalibratedTier Tier = "calibrated"
	MeasuredTier   Tier = "measured"
)

// ParseTier parses a --tier value.
func ParseTier(s string) (Tier, error) {
	return specs.ParseEnum(s, "tier", []Tier{ModelTier, CalibratedTier, MeasuredTier})
}

// An Estimate is the tokens a chip serves a model at, at one tier, with
// what it rests on.
type Estimate struct {
	Chip string
	Tier Tier
	// PerChip is output tokens per second per chip at the headline point
	// (under the TPOT limit, or offline); PerUser the tokens per second
	// each sequence sees there.
	PerChip Range
	PerUser float64
	// Chips and Batch describe the configuration of the headline point.
	Chips, Batch int
	Status       specs.Status
	// AsOf is the date of the newest input.
	AsOf   specs.Date
	Source string
	Note   string
	// Missing says why there is no estimate; empty when there is one.
	Missing  string
	Hardware *Hardware // nil for a measured estimate of a chip without figures
	Result   *Result   // the sweep; nil at the measured tier
	Measured *Measured // the result used at the measured tier
}

// EstimateChip estimates the tokens chip serves m at under s. At the model
// and calibrated tiers it runs the performance model with eff (the caller
// passes fitted efficiencies for the calibrated tier); at the measured
// tier it takes the matching MLPerf result from measured, or says there is
// none.
func EstimateChip(cat *specs.Catalog, chip string, m *Model, s Scenario, eff Efficiency, tier Tier, measured []*Measured) *Estimate {
	est := &Estimate{Chip: chip, Tier: tier}
	if tier == MeasuredTier {
		return est.fromMeasured(m, s, measured)
	}
	h, missing := ChipHardware(cat, chip, s.Precision)
	if missing != "" {
		est.Missing = missing
		return est
	}
	est.Hardware = h
	r := Sweep(m, h, s, eff)
	est.Result = r
	v, missing := r.Tokens()
	if missing != "" {
		est.Missing = missing
		return est
	}
	p := r.Mid.Offline
	if s.TPOT > 0 {
		p = r.Mid.AtTPOT
	}
	est.PerChip, est.PerUser, est.Chips, est.Batch = v, p.PerUser, p.Chips, p.Batch
	est.Status = specs.Weakest(specs.Derived, specs.Assumption, h.Status())
	est.AsOf = m.AsOf
	for _, v := range h.Inputs() {
		if v.AsOf.Compare(est.AsOf) > 0 {
			est.AsOf = v.AsOf
		}
	}
	est.Source = fmt.Sprintf("hwcmp token model (docs/TOKENS.md), efficiencies: %s", eff.Label)
	notes := []string{fmt.Sprintf("%d chip(s) × batch %d, %s-bound decode", p.Chips, p.Batch, p.Bound)}
	est.Note = strings.Join(append(notes, h.Notes...), "; ")
	return est
}

func (est *Estimate) fromMeasured(m *Model, s Scenario, measured []*Measured) *Estimate {
	// With a TPOT limit only a Server or Interactive run held to that
	// limit or a stricter one stands for the scenario; without one, an
	// Offline run, else the best latency-bound one (noted).
	fits := func(r *Measured) bool {
		if s.TPOT > 0 {
			return r.Scenario != "Offline" && r.TPOTLimit > 0 && r.TPOTLimit <= s.TPOT*(1+1e-9)
		}
		return true
	}
	offline := func(r *Measured) bool { return r.Scenario == "Offline" }
	var best *Measured
	var other []string
	for _, r := range measured {
		if r.Chip != est.Chip || r.Model != m.ID || r.Precision != s.Precision {
			continue
		}
		if !fits(r) {
			// One entry per scenario and limit, however many rounds have it.
			if o := strings.TrimSpace(r.Scenario + " " + limitText(r)); !slices.Contains(other, o) {
				other = append(other, o)
			}
			continue
		}
		if best == nil || offline(r) && !offline(best) || offline(r) == offline(best) && r.PerChip() > best.PerChip() {
			best = r
		}
	}
	if best == nil {
		est.Missing = fmt.Sprintf("no measured MLPerf result for %s on %s at %s", m.ID, est.Chip, s.Precision)
		if len(other) > 0 {
			est.Missing = fmt.Sprintf("no measured MLPerf result for %s on %s at %s under a %.0f ms TPOT limit (results: %s; try --tpot 0 or a looser --tpot)",
				m.ID, est.Chip, s.Precision, s.TPOT*1e3, strings.Join(other, ", "))
		}
		return est
	}
	v := best.PerChip()
	est.Measured, est.PerChip, est.Chips = best, Range{v, v, v}, best.Accelerators
	if best.MeanTPOT > 0 {
		est.PerUser = 1 / best.MeanTPOT
	}
	est.Status = specs.Measured
	est.Source, est.AsOf = best.Source, best.AsOf
	est.Note = fmt.Sprintf("MLPerf Inference %s %s %s%s, %d × %s (%s), result %s; its own request mix, not --input-tokens/--output-tokens",
		best.Round, best.Division, best.Scenario, strings.TrimSuffix(" "+limitText(best), " "), best.Accelerators, best.Chip, best.System, best.ResultID)
	if s.TPOT <= 0 && !offline(best) {
		est.Note += "; no Offline result: a latency-bound run stands in"
	}
	return est
}

// limitText names a latency-bound result's TPOT limit.
func limitText(r *Measured) string {
	if r.Scenario == "Offline" || r.TPOTLimit <= 0 {
		return ""
	}
	return fmt.Sprintf("(TPOT limit %.0f ms)", r.TPOTLimit*1e3)
}
