package pricing

import (
	"errors"
	"fmt"
	"math"

	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// CRF returns the capital-recovery factor: the share of a capital sum paid
// each year to repay it with interest rate r over years: r(1+r)^n ÷
// ((1+r)^n − 1), or 1/n when r is zero (straight-line).
func CRF(r, years float64) float64 {
	if r == 0 {
		return 1 / years
	}
	g := math.Pow(1+r, years)
	return r * g / (g - 1)
}

// A ChipCost is what the TCO and per-GW models need to know of a chip.
type ChipCost struct {
	Chip    string
	Capex   float64 // USD per chip
	Power   float64 // W per chip (rated)
	Sources []string
	Status  specs.Status // the weakest of the inputs
	// PowerStatus is the power figure's own status, for what rests on
	// power alone (chips per GW); empty means Status.
	PowerStatus specs.Status
	// CapexRange and PowerRange are the spreads of the sources, when
	// known; zero means a point.
	CapexRange, PowerRange [2]float64
	// CapexBasis is what Capex covers (see CapexBases); empty when the
	// user gave it.
	CapexBasis string
}

// Bounds returns the cheapest and dearest costs c's ranges allow: low
// capex and power, and high. TCO rises with both, so they bound it.
func (c ChipCost) Bounds() (lo, hi ChipCost) {
	lo, hi = c, c
	if c.CapexRange[0] > 0 {
		lo.Capex, hi.Capex = c.CapexRange[0], c.CapexRange[1]
	}
	if c.PowerRange[0] > 0 {
		lo.Power, hi.Power = c.PowerRange[0], c.PowerRange[1]
	}
	return lo, hi
}

// Corners returns c at each combination of the ends of its capex and
// power ranges (just c when it has none): per-GW figures fall with power
// and rise with capex, so their bounds pair the ends differently than
// Bounds does, and a model checks them all.
func (c ChipCost) Corners() []ChipCost {
	lo, hi := c.Bounds()
	out := []ChipCost{}
	for _, capex := range []float64{lo.Capex, hi.Capex} {
		for _, power := range []float64{lo.Power, hi.Power} {
			d := c
			d.Capex, d.Power = capex, power
			out = append(out, d)
		}
	}
	return out
}

// ErrNoCapex is wrapped by the error ChipCost returns when the book has
// no purchase price for the chip, so that a command with a flag for one
// can say so.
var ErrNoCapex = errors.New("no capex (purchase price)")

// ChipCost reads a chip's capex (on any basis) and power from the book
// and catalog, naming what is missing.
func (b *Book) ChipCost(chip string) (ChipCost, error) { return b.ChipCostOn(chip, "") }

// ChipCostOn is ChipCost with the capex on basis (any if empty).
func (b *Book) ChipCostOn(chip, basis string) (ChipCost, error) {
	c := ChipCost{Chip: chip}
	capex, ok := b.ChipCapexOn(chip, basis)
	if !ok && basis != "" {
		return c, fmt.Errorf("%w for %s on basis %s: add a capex row with --data", ErrNoCapex, chip, basis)
	}
	if !ok {
		return c, fmt.Errorf("%w for %s: add a capex row with --data", ErrNoCapex, chip)
	}
	c.CapexBasis = capex.Basis
	pw, ok := b.catalog.Figure(chip, specs.QPower, "", "")
	if !ok {
		return c, fmt.Errorf("no power figure for %s: give --chip-power W", chip)
	}
	c.Capex, c.Power = capex.PerChip, pw.Base
	c.CapexRange, c.PowerRange = capex.Range, [2]float64{pw.Low, pw.High}
	c.Sources = []string{capex.Describe(), fmt.Sprintf("%s power %s (%s; %s)", chip, pw.Value.Value, pw.Status, pw.Source)}
	c.Status, c.PowerStatus = specs.Weakest(capex.Status, pw.Status), pw.Status
	return c, nil
}

// A Component is one part of a cost.
type Component struct {
	Name    string
	PerYear float64 // USD per chip per year
	PerHour float64 // USD per utilized chip-hour
	Formula string
}

// A TCO is the total cost of ownership of one chip per utilized hour,
// broken into components.
type TCO struct {
	Chip        ChipCost
	AllInPower  float64 // W of IT load per chip: chip + host share
	Components  []Component
	PerYear     float64
	PerChipHour float64
}

// ComputeTCO returns the TCO of chip c under assumptions a:
//
//	capital    = capex × CRF(wacc, life)
//	facility   = facility-capex × IT watts × CRF(wacc, facility-life)
//	energy     = IT watts × PUE × 8,760 h × electricity
//	operations = ops-share × capex
//
// summed per year and divided by 8,760 × utilization utilized hours.
func ComputeTCO(c ChipCost, a *Assumptions) TCO {
	it := c.Power + a.Get("host-power")
	lifeYears := a.Get("life") / units.HoursPerYear
	facilityYears := a.Get("facility-life") / units.HoursPerYear
	r := a.Get("wacc")
	hours := units.HoursPerYear * a.Get("utilization")
	t := TCO{Chip: c, AllInPower: it}
	add := func(name string, perYear float64, formula string) {
		t.Components = append(t.Components, Component{Name: name, PerYear: perYear, PerHour: perYear / hours, Formula: formula})
		t.PerYear += perYear
	}
	add("capital", c.Capex*CRF(r, lifeYears),
		fmt.Sprintf("capex %.0f USD × CRF(%.4g, %.3g y) %.4f", c.Capex, r, lifeYears, CRF(r, lifeYears)))
	add("facility", a.Get("facility-capex")*it*CRF(r, facilityYears),
		fmt.Sprintf("%.3g USD/W × %.0f W × CRF(%.4g, %.3g y)", a.Get("facility-capex"), it, r, facilityYears))
	add("energy", it*a.Get("pue")*units.HoursPerYear*a.Get("electricity")/1000,
		fmt.Sprintf("%.0f W × PUE %.3g × 8760 h × %.4g USD/kWh", it, a.Get("pue"), a.Get("electricity")))
	add("operations", a.Get("ops-share")*c.Capex,
		fmt.Sprintf("%.3g × capex %.0f USD", a.Get("ops-share"), c.Capex))
	t.PerChipHour = t.PerYear / hours
	return t
}

// A TCOSpread is a TCO with the range its cost's capex and power ranges
// imply and the weakest status of its inputs (the cost's figures and every
// assumption): what 'rank --metric tco', 'hwcmp tco' and the summary
// all show, computed in one place so that none shows a point where
// another shows a range.
type TCOSpread struct {
	TCO
	Low, High TCO
	Status    specs.Status
}

// SpreadTCO returns c's TCO under a with its range and status.
func SpreadTCO(c ChipCost, a *Assumptions) TCOSpread {
	lo, hi := c.Bounds()
	return TCOSpread{TCO: ComputeTCO(c, a), Low: ComputeTCO(lo, a), High: ComputeTCO(hi, a),
		Status: specs.Weakest(specs.Derived, c.Status, a.Weakest())}
}
