package claims

import (
	"strings"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
)

// modelDims are the dimensions of the model metrics' values, for checking
// a value claim's unit.
var modelDims = map[string]units.Dimension{
	MetricCapexPerGW:   units.Money,
	MetricRevenuePerGW: units.MoneyRate,
	MetricWattsPerChip: units.Power,
	MetricPower:        units.Power,
}

// Validate checks claims against the loaded data: that each metric,
// subject and baseline exists at the claim's level (chip or system), that
// a claimed quantity's unit measures what the metric does, and that no
// claim rests on itself through its inputs. A typo is an error at the
// cell that has it, never an unverifiable verdict. Inputs that are not
// loaded at all are CheckInputs' to report.
func Validate(all []*Claim, e *compare.Engine, metrics *compare.Registry) sheet.Errors {
	var errs sheet.Errors
	for _, c := range all {
		errs = append(errs, validate(c, e, metrics)...)
	}
	return append(errs, cycles(all)...)
}

func validate(c *Claim, e *compare.Engine, metrics *compare.Registry) sheet.Errors {
	var errs sheet.Errors
	bad := func(col, format string, args ...any) { errs = append(errs, c.Pos.Errorf(col, format, args...)) }
	cat := e.Catalog
	// known checks one id at the claim's level.
	known := func(col, id string, chipOK, systemOK bool) {
		_, isChip := cat.Chip(id)
		_, isSystem := cat.System(id)
		switch {
		case !isChip && !isSystem:
			bad(col, "unknown chip or system %q ('hwcmp specs' lists them)", id)
		case isChip && !chipOK:
			bad(col, "%s is a chip; this claim is per %s, about systems (write per=chip to compare chips)", id, c.Per)
		case isSystem && !systemOK:
			bad(col, "%s is a system; this claim is per %s, about chips (write per=system to compare systems)", id, c.Per)
		}
	}
	wantUnit := func(dim units.Dimension, what string) {
		if c.Unit == "" || len(c.Baselines) > 0 {
			return
		}
		if u, ok := units.Lookup(c.Unit); ok && u.Dim != dim {
			bad("unit", "%s is a %s unit; %s is a %s (e.g. %s)", c.Unit, u.Dim, what, dim, strings.Join(units.Names(dim), ", "))
		}
	}
	switch c.Evidence {
	case SpecEvidence:
		m, err := metrics.Lookup(c.Metric)
		if err != nil {
			bad("metric", "%v", err)
			break
		}
		chipOK, systemOK := c.Per == "chip" || c.Per == "gw", c.Per == "system"
		known("subject", c.Subject, chipOK, systemOK)
		for _, b := range c.Baselines {
			known("baseline", b, chipOK, systemOK)
		}
		validateTokens(c, m, e, bad)
		if m.ByPrecision() && c.Precision == "" {
			bad("precision", "metric %s is quoted per precision: give one (fp8, bf16 ...)", m.Name)
		}
		if c.Unit != "" && len(c.Baselines) == 0 {
			if m.Den != nil {
				bad("unit", "metric %s is a ratio (%s): claim it against a baseline, not as a value", m.Name, m.Formula())
			} else {
				wantUnit(m.Num.Dim, "metric "+m.Name)
			}
		}
	case BenchmarkEvidence:
		if c.Model != "" {
			bad("model", "a benchmark claim serves no model: the model column is for token metrics (tokens-per-second ...)")
		}
		if c.Metric != "bench" && c.Metric != "bench-per-dollar-hour" {
			bad("metric", "benchmark metric %q: want bench or bench-per-dollar-hour", c.Metric)
		}
		if len(c.Baselines) == 0 || c.Kind == ValueClaim || c.Kind == LeadsClaim || (len(c.Baselines) > 1 && !c.Kind.IsBound()) {
			bad("baseline", "a benchmark claim compares its subject with its baselines (one for a ratio; a leads claim needs spec figures)")
		}
		for col, ids := range map[string][]string{"subject": {c.Subject}, "baseline": c.Baselines} {
			for _, id := range ids {
				if !cat.Known(id) {
					bad(col, "unknown chip or system %q ('hwcmp specs' lists them)", id)
				}
			}
		}
	case ModelEvidence:
		if c.Model != "" {
			bad("model", "a %s claim serves no LLM: the model column is for token metrics (tokens-per-second ...)", c.Metric)
		}
		dim, ok := modelDims[c.Metric]
		if !ok {
			bad("metric", "no model metric %q (want %s, %s, %s or %s)", c.Metric, MetricCapexPerGW, MetricRevenuePerGW, MetricWattsPerChip, MetricPower)
			break
		}
		wantUnit(dim, "model metric "+c.Metric)
		site := func(col, id string) {
			for _, s := range strings.Split(id, "+") {
				if c.Metric == MetricWattsPerChip {
					if _, isChip := cat.Chip(s); isChip {
						continue
					}
				}
				if e.Book == nil {
					bad(col, "no pricing data loaded for site %q", s)
				} else if _, ok := e.Book.Site(s); !ok {
					bad(col, "unknown site or deal %q ('hwcmp gw' lists sites)", s)
				}
			}
			if strings.Contains(id, "+") && c.Metric != MetricPower {
				bad(col, "only %s sums sites (a+b)", MetricPower)
			}
		}
		site("subject", c.Subject)
		for _, b := range c.Baselines {
			site("baseline", b)
		}
	}
	return errs
}

// validateTokens checks a spec claim's model column against its metric: a
// token metric needs a model of the catalog, and no other metric takes one.
func validateTokens(c *Claim, m *compare.Metric, e *compare.Engine, bad func(col, format string, args ...any)) {
	switch {
	case !m.ReadsTokens() && c.Model != "":
		bad("model", "metric %s does not read a model (token metrics do: tokens-per-second, tokens-per-dollar ...)", m.Name)
	case !m.ReadsTokens():
	case c.Model == "":
		bad("model", "metric %s serves an LLM: name it in the model column ('hwcmp tokens --models' lists them)", m.Name)
	case e.Workloads == nil || e.Workloads.Models == nil:
		bad("model", "no model catalog loaded for model %q", c.Model)
	default:
		if _, ok := e.Workloads.Models.Get(c.Model); !ok {
			bad("model", "unknown model %q (want one of %s)", c.Model, strings.Join(e.Workloads.Models.IDs(), ", "))
		}
	}
}

// cycles reports each claim that rests on itself through its inputs.
func cycles(all []*Claim) sheet.Errors {
	byID := make(map[string]*Claim, len(all))
	for _, c := range all {
		byID[c.ID] = c
	}
	const (
		unseen = iota
		open
		closed
	)
	state := make(map[string]int, len(all))
	var errs sheet.Errors
	var path []string
	var visit func(c *Claim)
	visit = func(c *Claim) {
		state[c.ID] = open
		path = append(path, c.ID)
		for _, id := range c.Inputs {
			in, ok := byID[id]
			if !ok {
				continue
			}
			switch state[id] {
			case open:
				i := len(path) - 1
				for path[i] != id {
					i--
				}
				errs = append(errs, c.Pos.Errorf("inputs", "claims rest on each other: %s → %s", strings.Join(path[i:], " → "), id))
			case unseen:
				visit(in)
			}
		}
		path = path[:len(path)-1]
		state[c.ID] = closed
	}
	for _, c := range all {
		if state[c.ID] == unseen {
			visit(c)
		}
	}
	return errs
}
