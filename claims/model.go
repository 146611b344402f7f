package claims

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// Model metrics a claim may name (evidence "model").
const (
	MetricCapexPerGW   = "capex-per-gw"        // a site's capex ÷ its GW
	MetricRevenuePerGW = "revenue-per-gw-year" // a site's or deal's revenue per GW-year
	MetricWattsPerChip = "watts-per-chip"      // a site's GW ÷ its chips; for a chip, its modelled all-in watts
	MetricPower        = "power-capacity"      // a site's GW; "a+b" sums sites
)

// modelFigure returns a model metric of one subject.
func (k *Checker) modelFigure(metric, subject string) (pricing.SiteFigure, error) {
	b := k.Engine.Book
	if b == nil {
		return pricing.SiteFigure{}, fmt.Errorf("no pricing data loaded")
	}
	switch metric {
	case MetricCapexPerGW:
		return b.SiteCapexPerGW(subject), nil
	case MetricRevenuePerGW:
		return b.SiteRevenuePerGWYear(subject), nil
	case MetricWattsPerChip:
		if _, isChip := k.Engine.Catalog.Chip(subject); isChip {
			return k.allInWatts(subject), nil
		}
		return b.SiteWattsPerChip(subject), nil
	case MetricPower:
		f := pricing.SiteFigure{Name: MetricPower, Dim: units.Power, Formula: "sum of power_capacity"}
		for i, s := range strings.Split(subject, "+") {
			p, ok := b.Figure(s, pricing.QPowerCapacity)
			if !ok {
				f.Missing = s + " power_capacity"
				return f, nil
			}
			f.Value, f.Low, f.High = f.Value+p.Base, f.Low+p.Low, f.High+p.High
			if i == 0 {
				f.Status = p.Status
			}
			f.Status = specs.Weakest(f.Status, p.Status)
			f.Inputs = append(f.Inputs, p)
		}
		return f, nil
	}
	return pricing.SiteFigure{}, fmt.Errorf("no model metric %q (want %s, %s, %s or %s)", metric, MetricCapexPerGW, MetricRevenuePerGW, MetricWattsPerChip, MetricPower)
}

// allInWatts is a chip's modelled all-in watts: (power + host) × PUE.
func (k *Checker) allInWatts(chip string) pricing.SiteFigure {
	f := pricing.SiteFigure{Name: "all-in W per chip", Dim: units.Power}
	a := k.Engine.Assumptions
	pw, ok := k.Engine.Catalog.Figure(chip, specs.QPower, "", "")
	if !ok || a == nil {
		f.Missing = chip + " power"
		return f
	}
	w := (pw.Base + a.Get("host-power")) * a.Get("pue")
	f.Value, f.Low, f.High = w, (pw.Low+a.Get("host-power"))*a.Get("pue"), (pw.High+a.Get("host-power"))*a.Get("pue")
	f.Status = specs.Weakest(specs.Derived, pw.Status, a.Param("host-power").Status(), a.Param("pue").Status())
	f.Inputs = []specs.Figure{pw}
	f.Formula = fmt.Sprintf("(%s power + host %s W) × PUE %s, scenario %s", chip, units.FormatNumber(a.Get("host-power")), units.FormatNumber(a.Get("pue")), a.Scenario)
	return f
}

func (k *Checker) model(c *Claim) outcome {
	f, err := k.modelFigure(c.Metric, c.Subject)
	if err != nil {
		return outcome{missing: err.Error()}
	}
	o := outcome{evidence: siteEvidence(f)}
	if len(c.Baselines) > 0 {
		o.baseline = c.Baselines[0]
	}
	if !f.OK() {
		o.missing = f.Missing
		return o
	}
	if len(c.Baselines) == 0 {
		o.value, o.rng, o.status = f.Value, compare.Interval{Lo: f.Low, Hi: f.High}, f.Status
		return o
	}
	ref, err := k.modelFigure(c.Metric, c.Baselines[0])
	if err != nil {
		return outcome{missing: err.Error()}
	}
	o.evidence = append(o.evidence, siteEvidence(ref)...)
	r := pricing.Relative(f, ref)
	if !r.OK() {
		o.missing = r.Missing
		return o
	}
	o.ratio = true
	o.value, o.rng, o.status = r.Value, compare.Interval{Lo: r.Low, Hi: r.High}, r.Status
	return o
}

func siteEvidence(f pricing.SiteFigure) []compare.Evidence {
	var ev []compare.Evidence
	for _, in := range f.Inputs {
		ev = append(ev, compare.FigureEvidence(f.Name, in.Value, 1, f.Formula))
	}
	return ev
}
