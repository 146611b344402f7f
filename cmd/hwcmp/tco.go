package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

// modelFlags are the assumption flags shared by tco and gw: a scenario,
// overrides of each of its inputs, the chip's own inputs, and sweeps.
type modelFlags struct {
	scenario    string
	overrides   map[string]*string
	capex       string
	chipPower   string
	sweep       string
	sensitivity bool
	pct         float64
	region      string
}

func (m *modelFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&m.scenario, "scenario", "hyperscaler", "assumption `scenario` (hyperscaler or neocloud, or one in your --data)")
	m.overrides = make(map[string]*string)
	for _, ps := range pricing.ScenarioParams {
		m.overrides[ps.Name] = fs.String(ps.Name, "", fmt.Sprintf("override the scenario's %s (`%s`)", ps.Doc, ps.Unit))
	}
	fs.StringVar(&m.capex, "capex", "", "purchase price per chip in `USD` (default: the capex sheet)")
	fs.StringVar(&m.chipPower, "chip-power", "", "rated chip power in `W` (default: the spec sheet)")
	fs.StringVar(&m.sweep, "sweep", "", "vary one assumption: `NAME=FROM:TO:STEP` in its flag's unit, e.g. pue=1.1:1.5:0.1")
	fs.BoolVar(&m.sensitivity, "sensitivity", false, "move each assumption one at a time to its low and high value and rank the swings")
	fs.Float64Var(&m.pct, "swing", 20, "for --sensitivity: ± `percent` (above 0, below 100) for assumptions whose sources give no range")
	fs.StringVar(&m.region, "region", "", "price cloud offerings in this `region` (or a comma-separated list in order of preference; default: "+pricing.RegionPolicy+")")
}

// priceQuery returns the query for a cloud price on term (empty for
// on-demand, else capacity-block or committed) under --region.
func (m *modelFlags) priceQuery(t pricing.Term) pricing.Query {
	return pricing.Query{Term: t, Region: m.region}
}

// check refuses study flags that would be ignored: --swing without
// --sensitivity, and --sweep with --sensitivity (one study at a time).
// notInStudy are the command's flags that a study's output does not read.
func (m *modelFlags) check(fs *pflag.FlagSet, notInStudy ...string) error {
	if m.sweep != "" && m.sensitivity {
		return usageError("--sweep and --sensitivity are two studies: give one")
	}
	if fs.Changed("swing") && !m.sensitivity {
		return usageError("--swing sets the ± range of --sensitivity; give --sensitivity too")
	}
	if m.sweep != "" || m.sensitivity {
		return unusedFlags(fs, "a --sweep or --sensitivity study (of capex per GW)", notInStudy...)
	}
	return nil
}

// names lists the flags m registers.
func (m *modelFlags) names() []string {
	names := []string{"scenario", "capex", "chip-power", "sweep", "sensitivity", "swing"}
	for _, ps := range pricing.ScenarioParams {
		names = append(names, ps.Name)
	}
	return names
}

// assumptions returns the scenario's assumptions with the overrides set.
func (m *modelFlags) assumptions(w *world) (*pricing.Assumptions, error) {
	a, err := w.book.Assumptions(m.scenario)
	if err != nil {
		return nil, usageError("--scenario: %v", err)
	}
	for _, ps := range pricing.ScenarioParams {
		if v := *m.overrides[ps.Name]; v != "" {
			if err := a.Set(ps.Name, v); err != nil {
				return nil, usageError("%v", err)
			}
		}
	}
	return a, nil
}

// chipCost returns chip's capex and power, with --capex and --chip-power
// standing in for missing or overridden figures.
func (m *modelFlags) chipCost(w *world, chip string) (pricing.ChipCost, error) {
	if m.capex == "" && m.chipPower == "" {
		c, err := w.book.ChipCost(chip)
		if errors.Is(err, pricing.ErrNoCapex) {
			err = fmt.Errorf("no capex (purchase price) for %s: give --capex USD, or add a capex row with --data", chip)
		}
		return c, err
	}
	c := pricing.ChipCost{Chip: chip}
	var statuses []specs.Status
	capex, ok, err := flagAmount("capex", m.capex, "USD")
	switch {
	case err != nil:
		return c, err
	case ok:
		c.Capex = capex
		c.Sources = append(c.Sources, "capex from --capex "+m.capex)
		statuses = append(statuses, specs.Assumption)
	default:
		cx, ok := w.book.ChipCapex(chip)
		if !ok {
			return c, fmt.Errorf("no capex (purchase price) for %s: give --capex USD", chip)
		}
		c.Capex, c.CapexRange = cx.PerChip, cx.Range
		c.Sources = append(c.Sources, cx.Describe())
		statuses = append(statuses, cx.Status)
	}
	power, ok, err := flagAmount("chip-power", m.chipPower, "W")
	switch {
	case err != nil:
		return c, err
	case ok:
		c.Power, c.PowerStatus = power, specs.Assumption
		c.Sources = append(c.Sources, "power from --chip-power "+m.chipPower)
		statuses = append(statuses, specs.Assumption)
	default:
		pw, ok := w.catalog.Figure(chip, specs.QPower, "", "")
		if !ok {
			return c, fmt.Errorf("no power figure for %s: give --chip-power W", chip)
		}
		c.Power, c.PowerRange, c.PowerStatus = pw.Base, [2]float64{pw.Low, pw.High}, pw.Status
		c.Sources = append(c.Sources, fmt.Sprintf("%s power %s (%s; %s)", chip, pw.Value.Value, pw.Status, pw.Source))
		statuses = append(statuses, pw.Status)
	}
	c.Status = specs.Weakest(statuses...)
	return c, nil
}

// flagAmount parses a flag's positive amount in unit; ok is false when
// the flag is not given.
func flagAmount(name, text, unit string) (v float64, ok bool, err error) {
	if text == "" {
		return 0, false, nil
	}
	q, err := units.Parse(text, unit)
	if err != nil || q.Base <= 0 {
		return 0, false, usageError("--%s %s: want a positive number of %s", name, text, unit)
	}
	return q.Base, true, nil
}

// assumptionTable lists a's inputs with their sources.
func assumptionTable(a *pricing.Assumptions) *output.Table {
	t := &output.Table{
		Name:  "assumptions",
		Title: "Assumptions: scenario " + a.Scenario,
		Columns: []output.Column{{Key: "name", Header: "flag"}, {Key: "value", Header: "value"}, {Key: "unit", Header: "unit"},
			{Key: "status", Header: "status"}, {Key: "source", Header: "source", Priority: 1}},
	}
	for i, p := range a.Params() {
		ps := pricing.ScenarioParams[i]
		u, _ := units.Lookup(ps.Unit)
		v := p.Value / u.Factor
		t.Rows = append(t.Rows, []output.Cell{output.Str("--" + p.Name), {Text: fmt.Sprintf("%.4g", v), Raw: v},
			output.Str(ps.Unit), output.Str(string(p.Status())), output.Str(p.Source())})
	}
	return t
}

// sweepTable runs --sweep over model and lists the outputs.
func (m *modelFlags) sweepTable(a *pricing.Assumptions, title, outName string, outDisplay units.Display, outUnit string, model func(*pricing.Assumptions) float64) (*output.Table, error) {
	sw, err := pricing.ParseSweep(m.sweep)
	if err != nil {
		return nil, usageError("%v", err)
	}
	pts, err := sw.Run(a, model)
	if err != nil {
		return nil, usageError("%v", err)
	}
	t := &output.Table{Name: "sweep", Title: title + ": sweep of --" + sw.Param.Name,
		Columns: []output.Column{{Key: sw.Param.Name, Header: sw.Param.Name + " (" + sw.Param.Unit + ")"},
			{Key: "output", Header: outName, Display: &outDisplay, Unit: outUnit}}}
	for _, p := range pts {
		t.Rows = append(t.Rows, []output.Cell{output.Str(p.Text), output.Num(p.Out)})
	}
	return t, nil
}

// study returns the table --sweep or --sensitivity asks for, of model's
// output over a, or nil when neither is given.
func (m *modelFlags) study(w *world, a *pricing.Assumptions, title, outName string, outDisplay units.Display, outUnit string, model func(*pricing.Assumptions) float64) (*output.Table, error) {
	switch {
	case m.sweep != "":
		return m.sweepTable(a, title, outName, outDisplay, outUnit, model)
	case m.sensitivity:
		return m.sensitivityTable(w, a, title, outName, outDisplay, outUnit, model)
	}
	return nil, nil
}

// sensitivityTable ranks the swings of model over a's inputs.
func (m *modelFlags) sensitivityTable(w *world, a *pricing.Assumptions, title, outName string, outDisplay units.Display, outUnit string, model func(*pricing.Assumptions) float64) (*output.Table, error) {
	swings, err := w.book.Sensitivity(a, m.pct/100, model)
	if err != nil {
		return nil, usageError("--swing: %v", err)
	}
	t := &output.Table{Name: "sensitivity", Title: title + ": one-at-a-time sensitivity (widest swing first)",
		Columns: []output.Column{
			{Key: "assumption", Header: "assumption"}, {Key: "low", Header: "low"}, {Key: "high", Header: "high"}, {Key: "unit", Header: "unit"},
			{Key: "at_low", Header: outName + " at low", Display: &outDisplay, Unit: outUnit},
			{Key: "at_high", Header: outName + " at high", Display: &outDisplay, Unit: outUnit},
			{Key: "swing", Header: "swing", Display: &outDisplay, Unit: outUnit}, {Key: "basis", Header: "low/high from"}}}
	for _, s := range swings {
		ps := specFor(s.Param.Name)
		u, _ := units.Lookup(ps.Unit)
		lo, hi := s.Low/u.Factor, s.High/u.Factor
		t.Rows = append(t.Rows, []output.Cell{output.Str("--" + s.Param.Name),
			{Text: fmt.Sprintf("%.4g", lo), Raw: lo}, {Text: fmt.Sprintf("%.4g", hi), Raw: hi}, output.Str(ps.Unit),
			output.Num(s.OutLow), output.Num(s.OutHigh), output.Num(s.Width()), output.Str(s.Basis)})
	}
	return t, nil
}

func specFor(name string) pricing.ParamSpec {
	for _, ps := range pricing.ScenarioParams {
		if ps.Name == name {
			return ps
		}
	}
	return pricing.ParamSpec{}
}

func tcoCommand() *command {
	return &command{
		name:  "tco",
		usage: "CHIP|SYSTEM [--scenario S] [--electricity USD/kWh --pue X --life Y ...] [--sweep NAME=FROM:TO:STEP] [--sensitivity]",
		short: "total cost of ownership per chip-hour, with its breakdown",
		long: `
'hwcmp tco' computes what one chip costs to own per utilized hour:

	capital    = capex × CRF(wacc, life), CRF = r(1+r)^n ÷ ((1+r)^n − 1)
	facility   = facility-capex × IT watts × CRF(wacc, facility-life)
	energy     = IT watts × PUE × 8,760 h × electricity price
	operations = ops-share × capex
	TCO/hour   = (capital + facility + energy + operations) ÷ (8,760 × utilization)

where IT watts = chip power + host power per chip. Every assumption comes
from a scenario (hyperscaler or neocloud) with its source, or from a flag
that overrides it; all are printed. For a system, the chip's TCO is also
multiplied by its chips and set beside the system's cloud price.

--sweep varies one assumption; --sensitivity moves each one to its low and
high value (the range of its sources, or ±--swing percent) and ranks which
moves TCO the most — the data of a tornado chart.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			var mf modelFlags
			mf.register(fs)
			var sf subjectFlags
			sf.register(fs)
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if sf.given() && len(args) > 0 {
					return usageError("tco takes one id, or a selection with --chips/--systems, not both")
				}
				if !sf.given() && len(args) != 1 {
					return usageError("tco needs one chip or system id (or --chips/--systems for several)")
				}
				if err := mf.check(fs); err != nil {
					return err
				}
				if sf.given() && (mf.sweep != "" || mf.sensitivity) {
					return usageError("--sweep and --sensitivity study one id: give it as the argument")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				a, err := mf.assumptions(w)
				if err != nil {
					return err
				}
				if sf.given() {
					ids, err := modelSubjects(w.catalog, sf, true)
					if err != nil {
						return err
					}
					return output.WriteAll(e.stdout, f, tcoSummary(w, &mf, a, ids), assumptionTable(a))
				}
				args[0] = strings.ToLower(args[0])
				id, chip, chips := args[0], args[0], 1
				if s, ok := w.catalog.System(id); ok {
					if s.Chips == 0 {
						return fmt.Errorf("%s has no chip count: TCO is per accelerator", id)
					}
					chip, chips = s.Chip, s.Chips
				} else if _, ok := w.catalog.Chip(id); !ok {
					return usageError("no chip or system %q%s; 'hwcmp specs' lists them", id, didYouMean(id, allIDs(w.catalog)))
				}
				cost, err := mf.chipCost(w, chip)
				if err != nil {
					return err
				}
				model := func(a *pricing.Assumptions) float64 { return pricing.ComputeTCO(cost, a).PerChipHour }
				title := fmt.Sprintf("TCO of %s per utilized chip-hour", chip)
				hourly := units.MoneyRate.Display()
				if t, err := mf.study(w, a, title, "TCO", hourly, "USD/h", model); t != nil || err != nil {
					if err != nil {
						return err
					}
					return t.Write(e.stdout, f)
				}
				spread := spreadTCO(cost, a)
				tco := spread.TCO
				yearly := units.Money.Display()
				t := &output.Table{
					Name:  "tco",
					Title: fmt.Sprintf("%s (scenario %s)", title, a.Scenario),
					Context: [][2]string{
						{"capex", fmt.Sprintf("%.0f USD per chip", cost.Capex)},
						{"IT power", fmt.Sprintf("%.0f W per chip (chip %.0f W + host %.0f W)", tco.AllInPower, cost.Power, a.Get("host-power"))},
					},
					Columns: []output.Column{
						{Key: "component", Header: "component"},
						{Key: "per_year", Header: "per chip-year", Display: &yearly, Unit: "USD", Ranged: true},
						{Key: "per_hour", Header: "per chip-hour", Display: &hourly, Unit: "USD/h", Ranged: true},
						{Key: "share", Header: "share"}, {Key: "formula", Header: "formula", Priority: 1},
					},
				}
				for _, s := range cost.Sources {
					t.Context = append(t.Context, [2]string{"input", s})
				}
				for _, c := range tco.Components {
					year := spread.cell(func(t pricing.TCO) float64 { return component(t, c.Name).PerYear }, 1)
					hour := spread.cell(func(t pricing.TCO) float64 { return component(t, c.Name).PerHour }, 1)
					t.Rows = append(t.Rows, []output.Cell{output.Str(c.Name), year, hour,
						{Text: fmt.Sprintf("%.0f%%", 100*c.PerYear/tco.PerYear), Raw: c.PerYear / tco.PerYear}, output.Str(c.Formula)})
				}
				// The total carries the mark of its weakest input, as in
				// rank --metric tco; its range is the capex and power ranges'.
				legend := markLegend{}
				year := spread.cell(func(t pricing.TCO) float64 { return t.PerYear }, 1)
				hour := spread.cell(func(t pricing.TCO) float64 { return t.PerChipHour }, 1)
				year.Mark, hour.Mark = legend.add(statusMark(spread.Status)), statusMark(spread.Status)
				t.Rows = append(t.Rows, []output.Cell{output.Str("total"), year, hour,
					{Text: "100%", Raw: 1.0}, output.Str(fmt.Sprintf("÷ (8760 h × utilization %.3g)", a.Get("utilization")))})
				t.Context = append(t.Context, [2]string{"status", fmt.Sprintf("%s (the weakest of the inputs and assumptions); ranges: the capex and power figures' ranges", spread.Status)})
				if n := legend.note(); n != "" {
					t.Notes = append(t.Notes, n)
				}
				if chips > 1 || id != chip {
					line := fmt.Sprintf("%s: %d chips × %.3f = %.2f USD per system-hour", id, chips, tco.PerChipHour, tco.PerChipHour*float64(chips))
					q := mf.priceQuery(pricing.OnDemand)
					if p, ok := w.book.Prices.Find(id, q); ok {
						line += fmt.Sprintf("; on-demand price %.2f USD/h (%s, %s; %s), %.2fx the TCO", p.Effective(), p.AsOf, regionText(p.Region),
							regionSelection(q.Region, false), p.Effective()/(tco.PerChipHour*float64(chips)))
					}
					t.Notes = append(t.Notes, line)
				}
				return output.WriteAll(e.stdout, f, t, assumptionTable(a))
			}
		},
	}
}
