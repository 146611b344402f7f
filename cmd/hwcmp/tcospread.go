package main

import (
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/pricing"
)

// tcoSpread is pricing.TCOSpread with the cells the tco and summary
// tables make from it.
type tcoSpread struct{ pricing.TCOSpread }

func spreadTCO(cost pricing.ChipCost, a *pricing.Assumptions) tcoSpread {
	return tcoSpread{pricing.SpreadTCO(cost, a)}
}

// cell returns v with the range of f over the low and high TCOs, times k.
func (s tcoSpread) cell(f func(pricing.TCO) float64, k float64) output.Cell {
	return spanCell(f(s.TCO)*k, f(s.Low)*k, f(s.High)*k)
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
