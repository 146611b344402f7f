package main

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// The tables 'tco' and 'gw --chip' print for several subjects at once
// (--chips, --systems): one row each, the same model as the one-subject
// breakdown, so that a selection compares like with like.

// modelSubjects resolves --chips and --systems for tco and gw: chips and
// systems (systems only where allowed), in the order given.
func modelSubjects(cat *specs.Catalog, sf subjectFlags, systems bool) ([]string, error) {
	if !systems && sf.systems != "" {
		return nil, usageError("--systems: gw fills a GW with chips; name them with --chips")
	}
	return compareSubjects(cat, nil, sf)
}

// chipOf returns the chip a subject is built on and how many it holds.
func chipOf(cat *specs.Catalog, id string) (chip string, chips int, err error) {
	if s, ok := cat.System(id); ok {
		if s.Chips == 0 {
			return s.Chip, 0, fmt.Errorf("%s has no chip count", id)
		}
		return s.Chip, s.Chips, nil
	}
	return id, 1, nil
}

// tcoSummary lists the TCO of each subject per utilized chip-hour, by
// component, under assumptions a.
func tcoSummary(w *world, mf *modelFlags, a *pricing.Assumptions, ids []string) *output.Table {
	hourly, money, power := units.MoneyRate.Display(), units.Money.Display(), units.Power.Display()
	t := &output.Table{
		Name:    "tco",
		Title:   fmt.Sprintf("TCO per utilized chip-hour (scenario %s)", a.Scenario),
		Context: [][2]string{{"subjects", strings.Join(ids, ", ")}},
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "name", Header: "name"},
			{Key: "capex", Header: "capex/chip", Display: &money, Unit: "USD"},
			{Key: "power", Header: "chip power", Display: &power, Unit: "W"},
		},
	}
	components := []string{"capital", "facility", "energy", "operations"}
	for _, c := range components {
		t.Columns = append(t.Columns, output.Column{Key: c, Header: c, Display: &hourly, Unit: "USD/h", Priority: 1})
	}
	legend := markLegend{}
	t.Columns = append(t.Columns,
		output.Column{Key: "total", Header: "TCO/chip-hour", Display: &hourly, Unit: "USD/h", Ranged: true},
		output.Column{Key: "system_hour", Header: "TCO/system-hour", Display: &hourly, Unit: "USD/h", Ranged: true},
		output.Column{Key: "status", Header: "status"},
		output.Column{Key: "inputs", Header: "inputs", JSONOnly: true})
	for _, id := range ids {
		row := []output.Cell{output.Str(id), output.Str(displayName(w.catalog, id))}
		chip, chips, err := chipOf(w.catalog, id)
		var cost pricing.ChipCost
		if err == nil {
			cost, err = mf.chipCost(w, chip)
		}
		if err != nil {
			why := strings.Split(err.Error(), ":")[0]
			for range len(t.Columns) - 4 {
				row = append(row, output.Missing(why))
			}
			row = append(row, output.Str(""), output.Cell{Raw: []string{}})
			t.Rows = append(t.Rows, row)
			continue
		}
		spread := spreadTCO(cost, a)
		tco := spread.TCO
		row = append(row, output.Num(cost.Capex), output.Num(cost.Power))
		for _, name := range components {
			cell := output.Missing("not in the model")
			for _, c := range tco.Components {
				if c.Name == name {
					cell = output.Num(c.PerHour)
				}
			}
			row = append(row, cell)
		}
		mark := legend.add(statusMark(spread.Status))
		perChip := func(t pricing.TCO) float64 { return t.PerChipHour }
		sys := output.Missing("a chip, not a system")
		if _, ok := w.catalog.System(id); ok {
			sys = spread.cell(perChip, float64(chips))
			sys.Mark = mark
		}
		total := spread.cell(perChip, 1)
		total.Mark = mark
		row = append(row, total, sys, output.Str(string(spread.Status)), output.Cell{Raw: cost.Sources})
		t.Rows = append(t.Rows, row)
	}
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes, "Ranges: the capex and power figures' ranges; status: the weakest of the inputs and assumptions (as rank --metric tco).")
	t.Notes = append(t.Notes, "Every assumption: hwcmp tco ID; the inputs of each row: --format json.")
	return t
}

// gwSummary fills one GW with each chip and lists what it implies.
func gwSummary(w *world, mf *modelFlags, a *pricing.Assumptions, ids []string, prec specs.Precision) *output.Table {
	money, count, power := units.Money.Display(), units.Count.Display(), units.Power.Display()
	tp, dur := units.Throughput.Display(), units.Duration.Display()
	t := &output.Table{
		Name:    "per_gw",
		Title:   fmt.Sprintf("One GW of each chip (scenario %s)", a.Scenario),
		Context: [][2]string{{"compute", string(prec) + " dense"}, {"revenue", "cheapest on-demand offering per chip-hour"}},
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "name", Header: "name"},
			{Key: "all_in_power", Header: "all-in W/chip", Display: &power, Unit: "W", Ranged: true},
			{Key: "chips_per_gw", Header: "chips/GW", Display: &count, Unit: "count", Ranged: true},
			{Key: "capex_per_gw", Header: "capex/GW", Display: &money, Unit: "USD", Ranged: true},
			{Key: "compute_per_gw", Header: "compute/GW", Display: &tp, Unit: "FLOP/s", Ranged: true},
			{Key: "revenue_per_gw_year", Header: "revenue/GW-yr", Display: &money, Unit: "USD", Ranged: true},
			{Key: "payback", Header: "payback", Display: &dur, Unit: "h", Ranged: true},
			{Key: "status", Header: "status"},
			{Key: "inputs", Header: "inputs", JSONOnly: true},
		},
	}
	legend := markLegend{}
	open := false
	for _, id := range ids {
		row := []output.Cell{output.Str(id), output.Str(displayName(w.catalog, id))}
		cost, err := mf.chipCost(w, id)
		if err != nil {
			why := strings.Split(err.Error(), ":")[0]
			for range 6 {
				row = append(row, output.Missing(why))
			}
			t.Rows = append(t.Rows, append(row, output.Str(""), output.Cell{Raw: []string{}}))
			continue
		}
		var throughput, chipHour float64
		f, hasTP := w.catalog.Figure(id, specs.QThroughput, prec, specs.Dense)
		if hasTP {
			throughput = f.Base
		}
		var priceStatus specs.Status
		if ch, ok := w.book.ChipHourPrice(id, pricing.Query{Term: pricing.OnDemand}); ok {
			chipHour, priceStatus = ch.PerHour, ch.Status
		}
		g := spreadGW(cost, a, throughput, chipHour)
		g.price = priceStatus
		cell := func(f gwFigure) output.Cell {
			c, o := g.cell(f, legend)
			open = open || o
			return c
		}
		// The row's status is the weakest of the figures it shows.
		shown := []gwFigure{gwAllIn, gwChips, gwCapex}
		compute, revenue, payback := output.Missing("throughput "+string(prec)+" dense"), output.Missing("no on-demand price"), output.Missing("no on-demand price")
		if hasTP {
			g.throughput = f.Status
			compute = cell(gwCompute)
			shown = append(shown, gwCompute)
		}
		if chipHour > 0 {
			revenue = cell(gwRevenue)
			shown = append(shown, gwRevenue)
			payback = output.Missing("never: revenue does not cover energy and operations")
			if g.PaybackYears > 0 {
				payback = cell(gwPayback)
				shown = append(shown, gwPayback)
			}
		}
		status := specs.Derived
		for _, f := range shown {
			status = specs.Weakest(status, g.status(f))
		}
		t.Rows = append(t.Rows, append(row, cell(gwAllIn), cell(gwChips), cell(gwCapex),
			compute, revenue, payback, output.Str(string(status)), output.Cell{Raw: cost.Sources}))
	}
	if open {
		t.Notes = append(t.Notes, "A payback without a range: at some ends of the input ranges revenue does not cover energy and operations (no upper bound).")
	}
	t.Notes = append(t.Notes, "Ranges: every end of the capex and power ranges and of the assumptions that give one; status: the weakest of the inputs and assumptions of the figures shown (each figure's own: hwcmp gw --chip ID).")
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes, "The model and every assumption: hwcmp gw --chip ID.")
	return t
}
