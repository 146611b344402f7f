package main

import (
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
)

// tcoSpread is a TCO with the range its capex and power ranges imply and
// the weakest status of its inputs (the cost's figures and every
// assumption), as 'rank --metric tco' computes them, so that the tco
// command never shows a point where rank shows a range.
type tcoSpread struct {
	pricing.TCO
	lo, hi pricing.TCO
	status specs.Status
}

func spreadTCO(cost pricing.ChipCost, a *pricing.Assumptions) tcoSpread {
	lo, hi := cost.Bounds()
	s := tcoSpread{TCO: pricing.ComputeTCO(cost, a), lo: pricing.ComputeTCO(lo, a), hi: pricing.ComputeTCO(hi, a),
		status: specs.Weakest(specs.Derived, cost.Status, a.Weakest())}
	return s
}

// cell returns v with the range of f over the low and high TCOs, times k.
func (s tcoSpread) cell(f func(pricing.TCO) float64, k float64) output.Cell {
	return spanCell(f(s.TCO)*k, f(s.lo)*k, f(s.hi)*k)
}

// component returns the named component of t (zero if absent).
func component(t pricing.TCO, name string) pricing.Component {
	for _, c := range t.Components {
		if c.Name == name {
			return c
		}
	}
	return pricing.Component{}
}
