package main

import (
	"math"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// gwSpread is one GW of a chip with the figures at every corner of its
// inputs' ranges (capex, power, and the assumptions that carry a range),
// so that each per-GW figure can show the range they imply and the
// weakest status of what it rests on, as tco and rank do.
type gwSpread struct {
	pricing.PerGW
	corners []pricing.PerGW
	cost    pricing.ChipCost
	a       *pricing.Assumptions
	// throughput and price are the statuses of the throughput figure
	// and of the chip-hour price (empty when there is none).
	throughput, price specs.Status
}

func spreadGW(cost pricing.ChipCost, a *pricing.Assumptions, throughput, chipHour float64) gwSpread {
	s := gwSpread{PerGW: pricing.ComputePerGW(cost, a, throughput, chipHour), cost: cost, a: a}
	for _, c := range cost.Corners() {
		for _, b := range a.Corners() {
			s.corners = append(s.corners, pricing.ComputePerGW(c, b, throughput, chipHour))
		}
	}
	return s
}

// A gwFigure is one per-GW figure: how to read it and what it rests on
// besides the chip's power: the scenario inputs it uses, the chip's
// capex, and the throughput figure or the chip-hour price.
type gwFigure struct {
	get               func(pricing.PerGW) float64
	params            []string
	capex             bool
	throughput, price bool
}

// The per-GW figures, as pricing.ComputePerGW computes them.
var (
	chipsParams = []string{"host-power", "pue"}
	gwAllIn     = gwFigure{get: func(g pricing.PerGW) float64 { return g.AllInWatts }, params: chipsParams}
	gwChips     = gwFigure{get: func(g pricing.PerGW) float64 { return g.ChipsPerGW }, params: chipsParams}
	gwITCapex   = gwFigure{get: func(g pricing.PerGW) float64 { return g.ITCapex }, params: chipsParams, capex: true}
	gwFacility  = gwFigure{get: func(g pricing.PerGW) float64 { return g.FacilityCapex }, params: []string{"facility-capex", "pue"}}
	gwCapex     = gwFigure{get: func(g pricing.PerGW) float64 { return g.TotalCapex },
		params: []string{"host-power", "pue", "facility-capex"}, capex: true}
	gwCompute = gwFigure{get: func(g pricing.PerGW) float64 { return g.Throughput }, params: chipsParams, throughput: true}
	gwOpex    = gwFigure{get: func(g pricing.PerGW) float64 { return g.OpexPerYear },
		params: []string{"host-power", "pue", "electricity", "ops-share"}, capex: true}
	gwRevenue = gwFigure{get: func(g pricing.PerGW) float64 { return g.RevenuePerYear },
		params: []string{"host-power", "pue", "utilization"}, price: true}
	gwPayback = gwFigure{get: func(g pricing.PerGW) float64 { return g.PaybackYears * units.HoursPerYear },
		params: []string{"host-power", "pue", "facility-capex", "electricity", "ops-share", "utilization"}, capex: true, price: true}
)

// status returns the weakest status of what f rests on.
func (s gwSpread) status(f gwFigure) specs.Status {
	st := specs.Weakest(specs.Derived, s.a.Weakest(f.params...), s.cost.PowerStatus)
	if f.capex || s.cost.PowerStatus == "" {
		st = specs.Weakest(st, s.cost.Status)
	}
	if f.throughput && s.throughput != "" {
		st = specs.Weakest(st, s.throughput)
	}
	if f.price && s.price != "" {
		st = specs.Weakest(st, s.price)
	}
	return st
}

// cell returns f's value with the range of its corners, marked with its
// status. A payback that some corner never reaches has no upper bound:
// the cell is then the value alone, and open says so.
func (s gwSpread) cell(f gwFigure, legend markLegend) (c output.Cell, open bool) {
	vals := make([]float64, 0, len(s.corners))
	for _, g := range s.corners {
		v := f.get(g)
		if v <= 0 && f.get(s.PerGW) > 0 {
			open = true
		}
		vals = append(vals, v)
	}
	if open {
		c = output.Num(f.get(s.PerGW))
	} else {
		c = spanCell(f.get(s.PerGW), vals...)
	}
	c.Mark = legend.add(statusMark(s.status(f)))
	return c, open
}

// spanCell returns v with the range from the least to the greatest of
// vals (v alone when there are none).
func spanCell(v float64, vals ...float64) output.Cell {
	lo, hi := v, v
	for _, x := range vals {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return output.Range(v, lo, hi)
}
