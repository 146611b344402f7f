package pricing

import (
	"fmt"

	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// GW is a gigawatt in watts.
const GW = 1e9

// A PerGW is what one gigawatt of total facility power holds, costs and
// earns when filled with one kind of chip.
type PerGW struct {
	Chip             ChipCost
	AllInWatts       float64 // per chip: (chip + host) × PUE
	ChipsPerGW       float64
	ITCapex          float64 // USD per GW: chips × capex
	FacilityCapex    float64 // USD per GW: facility-capex × IT watts (GW ÷ PUE)
	TotalCapex       float64
	Throughput       float64 // FLOP/s per GW at the asked precision; 0 if not asked
	ChipHourPrice    float64 // USD per chip-hour used for revenue; 0 if none
	RevenuePerYear   float64 // USD per GW-year at that price and utilization
	OpexPerYear      float64 // USD per GW-year: energy and operations
	PaybackYears     float64 // total capex ÷ (revenue − opex); 0 if revenue does not exceed opex
	ThroughputFigure *specs.Figure
}

// ChipsPerGW returns how many chips of the given rated power fill a GW of
// facility power: GW ÷ ((chip + host) × PUE).
func ChipsPerGW(chipPower float64, a *Assumptions) float64 {
	return GW / ((chipPower + a.Get("host-power")) * a.Get("pue"))
}

// ChipsPerGWBounds returns the fewest and most chips of power between
// powerLo and powerHi that fill a GW, over the host-power and PUE ranges
// too (their values when they give none): more watts, fewer chips.
func ChipsPerGWBounds(powerLo, powerHi float64, a *Assumptions) (lo, hi float64) {
	hostLo, hostHi := a.Param("host-power").Bounds()
	pueLo, pueHi := a.Param("pue").Bounds()
	return GW / ((powerHi + hostHi) * pueHi), GW / ((powerLo + hostLo) * pueLo)
}

// ComputePerGW fills a GW with chip c under a. throughput (per chip, base
// units) and chipHour (USD) may be zero when not wanted.
func ComputePerGW(c ChipCost, a *Assumptions, throughput, chipHour float64) PerGW {
	g := PerGW{Chip: c}
	g.AllInWatts = (c.Power + a.Get("host-power")) * a.Get("pue")
	g.ChipsPerGW = GW / g.AllInWatts
	g.ITCapex = g.ChipsPerGW * c.Capex
	g.FacilityCapex = a.Get("facility-capex") * GW / a.Get("pue")
	g.TotalCapex = g.ITCapex + g.FacilityCapex
	g.Throughput = g.ChipsPerGW * throughput
	tco := ComputeTCO(c, a)
	for _, comp := range tco.Components {
		if comp.Name == "energy" || comp.Name == "operations" {
			g.OpexPerYear += comp.PerYear * g.ChipsPerGW
		}
	}
	if chipHour > 0 {
		g.ChipHourPrice = chipHour
		g.RevenuePerYear = g.ChipsPerGW * chipHour * units.HoursPerYear * a.Get("utilization")
		if margin := g.RevenuePerYear - g.OpexPerYear; margin > 0 {
			g.PaybackYears = g.TotalCapex / margin
		}
	}
	return g
}

// A SiteFigure is a number computed from a site's or deal's own figures,
// with its range and the figures it used.
type SiteFigure struct {
	Name    string // e.g. "capex per GW"
	Value   float64
	Low     float64
	High    float64
	Dim     units.Dimension // of Value: money, power, money rate ...
	Status  specs.Status
	Inputs  []specs.Figure
	Formula string
	Missing string // what is missing when there is no value
}

// OK reports whether f has a value.
func (f SiteFigure) OK() bool { return f.Missing == "" }

// SiteFigure names.
const (
	CapexPerGW      = "capex per GW"
	RevenuePerGWYr  = "revenue per GW-year"
	WattsPerChip    = "all-in W per chip"
	ChipsPerGWSite  = "chips per GW"
	ContractPerYear = "contract value per year"
)

// ratioFigure divides subject's num figure by its den figure (each
// scaled), carrying ranges and statuses.
func (b *Book) ratioFigure(subject, name, num, den string, scale float64, dim units.Dimension, formula string) SiteFigure {
	f := SiteFigure{Name: name, Dim: dim, Formula: formula}
	n, ok := b.Figure(subject, num)
	if !ok {
		f.Missing = num
		return f
	}
	d, ok := b.Figure(subject, den)
	if !ok {
		f.Missing = den
		return f
	}
	f.Value = n.Base / d.Base * scale
	f.Low, f.High = n.Low/d.High*scale, n.High/d.Low*scale
	f.Status = specs.Weakest(n.Status, d.Status)
	f.Inputs = []specs.Figure{n, d}
	return f
}

// SiteCapexPerGW returns a site's capex ÷ its power capacity, in USD per GW.
func (b *Book) SiteCapexPerGW(id string) SiteFigure {
	return b.ratioFigure(id, CapexPerGW, QCapex, QPowerCapacity, GW, units.Money, "capex ÷ power_capacity")
}

// SiteWattsPerChip returns the all-in watts per chip a site's power and
// chip count imply: power_capacity ÷ chip_count.
func (b *Book) SiteWattsPerChip(id string) SiteFigure {
	return b.ratioFigure(id, WattsPerChip, QPowerCapacity, QChipCount, 1, units.Power, "power_capacity ÷ chip_count")
}

// SiteRevenuePerGWYear returns a site's or deal's revenue per GW-year: its
// revenue_per_year ÷ power, or for a deal contract_value ÷ contract_years ÷
// power.
func (b *Book) SiteRevenuePerGWYear(id string) SiteFigure {
	if _, ok := b.Figure(id, QRevenuePerYear); ok {
		f := b.ratioFigure(id, RevenuePerGWYr, QRevenuePerYear, QPowerCapacity, GW, units.MoneyRate, "revenue_per_year ÷ power_capacity")
		return f
	}
	per := b.ratioFigure(id, ContractPerYear, QContractValue, QContractYears, 1, units.MoneyRate, "")
	if !per.OK() {
		per.Name, per.Missing = RevenuePerGWYr, "revenue_per_year or contract_value and contract_years"
		return per
	}
	p, ok := b.Figure(id, QPowerCapacity)
	if !ok {
		return SiteFigure{Name: RevenuePerGWYr, Missing: QPowerCapacity}
	}
	return SiteFigure{
		Name: RevenuePerGWYr, Dim: units.MoneyRate,
		Value: per.Value / p.Base * GW, Low: per.Low / p.High * GW, High: per.High / p.Low * GW,
		Status:  specs.Weakest(per.Status, p.Status),
		Inputs:  append(per.Inputs, p),
		Formula: "contract_value ÷ contract_years ÷ power_capacity",
	}
}

// Relative returns f ÷ ref as a ratio figure, e.g. a site's capex per GW
// against the $50bn-per-GW framework.
func Relative(f, ref SiteFigure) SiteFigure {
	r := SiteFigure{Name: f.Name + " ÷ reference", Dim: units.Ratio}
	switch {
	case !f.OK():
		r.Missing = f.Missing
	case !ref.OK():
		r.Missing = "reference " + ref.Missing
	default:
		r.Value, r.Low, r.High = f.Value/ref.Value, f.Low/ref.High, f.High/ref.Low
		r.Status = specs.Weakest(f.Status, ref.Status)
		r.Inputs = append(append([]specs.Figure(nil), f.Inputs...), ref.Inputs...)
		r.Formula = fmt.Sprintf("(%s) ÷ (%s)", f.Formula, ref.Formula)
	}
	return r
}
