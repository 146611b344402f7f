package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

// Reference figures the site table divides by.
const (
	capexReference   = "nvidia-50bn-per-gw"
	revenueReference = "revenue-heuristic"
)

func gwCommand() *command {
	return &command{
		name:  "gw",
		usage: "[--chip ID [--price USD] [--precision P]] [--site ID] [--scenario S] [overrides]",
		short: "capex, compute and revenue per gigawatt; sites and deals side by side",
		long: `
'hwcmp gw' without --chip lists the datacenter sites, deals and reference
figures with what their public numbers imply: capex per GW (and its ratio to
the "$50bn per GW" framework), all-in watts per chip (GW ÷ chips), and
revenue per GW-year (a deal's value ÷ years ÷ GW, or an estimate's revenue
÷ GW) with its ratio to the "~$10bn per GW-year" heuristic. Ranges follow
from the ranges and contested figures of the inputs.

With --chip it fills one GW of facility power with that chip under a
scenario's assumptions:

	all-in W per chip  = (chip power + host power) × PUE
	chips per GW       = 1 GW ÷ all-in W
	IT capex per GW    = chips × capex per chip
	facility capex     = facility-capex per W × (1 GW ÷ PUE)
	compute per GW     = chips × throughput at --precision
	revenue per GW-yr  = chips × price per chip-hour × 8,760 × utilization
	payback (years)    = total capex ÷ (revenue − energy and operations)

The price defaults to the chip's cheapest on-demand offering per chip-hour.
Each figure carries the range that every end of the capex and power ranges
and of the assumptions that give one implies, and the mark of the weakest
status of what it rests on (as tco and rank --metric tco).`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			var mf modelFlags
			mf.register(fs)
			chip := fs.String("chip", "", "fill a GW with this `chip`")
			site := fs.String("site", "", "show only this `site` (or deal)")
			price := fs.String("price", "", "price per chip-hour in `USD` for revenue (default: cheapest on-demand offering)")
			precision := fs.String("precision", "fp8", "`precision` of the compute per GW (dense)")
			var sf subjectFlags
			sf.register(fs)
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("gw takes no arguments (use --chip ID or --site ID)")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				if err := mf.check(fs, "price", "precision"); err != nil {
					return err
				}
				if sf.given() {
					if *chip != "" || *site != "" || *price != "" || mf.sweep != "" || mf.sensitivity {
						return usageError("--chips fills a GW with each chip listed; --chip, --site, --price, --sweep and --sensitivity work on one (give --chip ID)")
					}
					ids, err := modelSubjects(w.catalog, sf, false)
					if err != nil {
						return err
					}
					prec, err := parseEnumFlag("precision", *precision, specs.ParsePrecision)
					if err != nil {
						return err
					}
					a, err := mf.assumptions(w)
					if err != nil {
						return err
					}
					return output.WriteAll(e.stdout, f, gwSummary(w, &mf, a, ids, prec), assumptionTable(a))
				}
				if *chip == "" {
					if mf.sweep != "" || mf.sensitivity {
						return usageError("--sweep and --sensitivity need --chip")
					}
					if err := unusedFlags(fs, "gw without --chip (the sites table)", append(mf.names(), "price", "precision")...); err != nil {
						return err
					}
					t, err := sitesTable(w, *site)
					if err != nil {
						return err
					}
					return t.Write(e.stdout, f)
				}
				*chip = strings.ToLower(*chip)
				if _, ok := w.catalog.Chip(*chip); !ok {
					return usageError("--chip: no chip %q%s; 'hwcmp specs' lists them", *chip, didYouMean(*chip, allIDs(w.catalog)))
				}
				if *site != "" {
					return usageError("--site lists sites; --chip fills a GW with a chip: give one of them")
				}
				a, err := mf.assumptions(w)
				if err != nil {
					return err
				}
				cost, err := mf.chipCost(w, *chip)
				if err != nil {
					return err
				}
				prec, err := parseEnumFlag("precision", *precision, specs.ParsePrecision)
				if err != nil {
					return err
				}
				var throughput float64
				tp, hasTP := w.catalog.Figure(*chip, specs.QThroughput, prec, specs.Dense)
				if hasTP {
					throughput = tp.Base
				}
				chipHour, priceStatus, priceNote, err := mf.chipHour(w, *chip, *price)
				if err != nil {
					return err
				}
				model := func(a *pricing.Assumptions) float64 {
					return pricing.ComputePerGW(cost, a, throughput, chipHour).TotalCapex
				}
				title := fmt.Sprintf("One GW of %s", *chip)
				money := units.Money.Display()
				if t, err := mf.study(w, a, title, "capex per GW", money, "USD", model); t != nil || err != nil {
					if err != nil {
						return err
					}
					return t.Write(e.stdout, f)
				}
				g := spreadGW(cost, a, throughput, chipHour)
				if hasTP {
					g.throughput = tp.Status
				}
				g.price = priceStatus
				t := perGWTable(g, title, a, prec, hasTP, priceNote, cost)
				return output.WriteAll(e.stdout, f, t, assumptionTable(a))
			}
		},
	}
}

func perGWTable(g gwSpread, title string, a *pricing.Assumptions, prec specs.Precision, hasTP bool, priceNote string, cost pricing.ChipCost) *output.Table {
	t := &output.Table{
		Name:  "per_gw",
		Title: fmt.Sprintf("%s (scenario %s)", title, a.Scenario),
		Columns: []output.Column{{Key: "figure", Header: "figure"}, {Key: "value", Header: "value"}, {Key: "unit", Header: "unit"},
			{Key: "low", Header: "low", Wide: true}, {Key: "high", Header: "high", Wide: true},
			{Key: "status", Header: "status"}, {Key: "how", Header: "how"}},
	}
	for _, s := range cost.Sources {
		t.Context = append(t.Context, [2]string{"input", s})
	}
	t.Context = append(t.Context, [2]string{"price", priceNote})
	legend := markLegend{}
	missing := func(name, why string) {
		t.Rows = append(t.Rows, []output.Cell{output.Str(name), output.Missing(why), output.Str(""), output.Missing(why), output.Missing(why), output.Str(""), output.Str("")})
	}
	// row shows f scaled for people, its range when the corners differ
	// and its mark; CSV and JSON carry the value, low and high in base
	// units.
	row := func(name string, f gwFigure, d units.Display, base, how string) {
		c, open := g.cell(f, legend)
		v := *c.Num
		s := d.CommonScale([]float64{v, c.Lo, c.Hi})
		text := s.Format(v)
		if lo, hi := s.Format(c.Lo), s.Format(c.Hi); lo != text || hi != text {
			text += " [" + lo + "–" + hi + "]"
		}
		if open {
			how += "; at some ends of the input ranges revenue does not cover energy and operations: no upper bound"
		}
		t.Rows = append(t.Rows, []output.Cell{output.Str(name), {Text: text + c.Mark, Raw: v}, {Text: s.Unit(), Raw: base},
			{Text: s.Format(c.Lo), Raw: c.Lo}, {Text: s.Format(c.Hi), Raw: c.Hi}, output.Str(string(g.status(f))), output.Str(how)})
	}
	money, count := units.Money.Display(), units.Count.Display()
	row("all-in power per chip", gwAllIn, units.Power.Display(), "W", fmt.Sprintf("(%.0f W chip + %.0f W host) × PUE %.3g", cost.Power, a.Get("host-power"), a.Get("pue")))
	row("chips per GW", gwChips, count, "count", "1 GW ÷ all-in power")
	row("IT capex per GW", gwITCapex, money, "USD", fmt.Sprintf("chips × %.0f USD", cost.Capex))
	row("facility capex per GW", gwFacility, money, "USD", fmt.Sprintf("%.3g USD/W × 1 GW ÷ PUE", a.Get("facility-capex")))
	row("total capex per GW", gwCapex, money, "USD", "IT + facility")
	if hasTP {
		row("compute per GW", gwCompute, units.Throughput.Display(), "FLOP/s", fmt.Sprintf("chips × %s dense", prec))
	} else {
		missing("compute per GW", "throughput "+string(prec)+" dense")
	}
	row("energy and operations per GW-year", gwOpex, money, "USD", "chips × (energy + operations) per chip-year")
	if g.ChipHourPrice > 0 {
		row("revenue per GW-year", gwRevenue, money, "USD", fmt.Sprintf("chips × %.3f USD/h × 8760 × %.3g", g.ChipHourPrice, a.Get("utilization")))
		if g.PaybackYears > 0 {
			row("payback", gwPayback, units.Duration.Display(), "h", "total capex ÷ (revenue − energy and operations)")
		} else {
			missing("payback", "never: revenue does not cover energy and operations")
		}
	} else {
		missing("revenue per GW-year", "a price per chip-hour")
	}
	t.Notes = append(t.Notes, "GW is total facility power; IT power is GW ÷ PUE.",
		"Ranges: every end of the capex and power ranges and of the assumptions that give one (--wide, CSV and JSON: low and high in base units); status: the weakest of the inputs and assumptions each figure rests on.")
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	return t
}

// sitesTable lists sites, deals and references with the figures their
// numbers imply.
func sitesTable(w *world, only string) (*output.Table, error) {
	money, ratio := units.Money.Display(), units.Ratio.Display()
	power, rate := units.Power.Display(), units.Display{Symbol: "USD/year", PerBase: units.HoursPerYear, Class: units.Currency}
	t := &output.Table{
		Name:  "sites",
		Title: "Sites, deals and reference figures per GW",
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "kind", Header: "kind"}, {Key: "operator", Header: "operator"},
			{Key: "capex_per_gw", Header: "capex/GW", Display: &money, Unit: "USD", Ranged: true},
			{Key: "capex_vs_reference", Header: "÷ $50bn/GW", Display: &ratio, Unit: "ratio", Ranged: true},
			{Key: "watts_per_chip", Header: "W/chip", Display: &power, Unit: "W", Ranged: true},
			{Key: "revenue_per_gw_year", Header: "revenue/GW-yr", Display: &rate, Unit: "USD/h", Ranged: true},
			{Key: "revenue_vs_reference", Header: "÷ $10bn/GW-yr", Display: &ratio, Unit: "ratio", Ranged: true},
			{Key: "status", Header: "status"},
		},
	}
	capRef := w.book.SiteCapexPerGW(capexReference)
	revRef := w.book.SiteRevenuePerGWYear(revenueReference)
	legend := markLegend{}
	cell := func(f pricing.SiteFigure) output.Cell {
		if !f.OK() {
			return output.Missing("")
		}
		c := output.Range(f.Value, f.Low, f.High)
		c.Mark = legend.add(statusMark(f.Status))
		return c
	}
	found := false
	for _, s := range w.book.SortedSites(pricing.SiteCampus, pricing.SiteDeal, pricing.SiteRef) {
		if only != "" && s.ID != only {
			continue
		}
		found = true
		capex := w.book.SiteCapexPerGW(s.ID)
		rev := w.book.SiteRevenuePerGWYear(s.ID)
		watts := w.book.SiteWattsPerChip(s.ID)
		status := specs.Measured
		any := false
		for _, f := range []pricing.SiteFigure{capex, rev, watts} {
			if f.OK() {
				status, any = specs.Weakest(status, f.Status), true
			}
		}
		st := ""
		if any {
			st = string(status)
		}
		t.Rows = append(t.Rows, []output.Cell{output.Str(s.ID), output.Str(string(s.Kind)), output.Str(s.Operator),
			cell(capex), cell(pricing.Relative(capex, capRef)), cell(watts), cell(rev), cell(pricing.Relative(rev, revRef)), output.Str(st)})
	}
	if !found {
		var ids []string
		for _, s := range w.book.Sites {
			ids = append(ids, s.ID)
		}
		return nil, fmt.Errorf("no site %q%s ('hwcmp gw' lists them)", only, didYouMean(only, ids))
	}
	t.Notes = append(t.Notes,
		"capex/GW = capex ÷ power_capacity; W/chip = power_capacity ÷ chip_count; revenue/GW-yr = revenue ÷ power, or contract value ÷ years ÷ power.",
		"Scope of site capex differs (shell only vs chips and servers): 'hwcmp specs'-style detail per site: hwcmp gw --site ID --format json.")
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	return t, nil
}

// chipHour returns the chip-hour price the per-GW revenue uses and a note
// saying where it came from: --price if given, else the chip's cheapest
// offering under the price policy (on-demand, else capacity-block or
// committed; the --region policy), else none; and the price's status
// (assumption for --price, empty for none).
func (m *modelFlags) chipHour(w *world, chip, price string) (float64, specs.Status, string, error) {
	if price != "" {
		v, err := units.Parse(price, "USD/h")
		if err != nil || v.Base <= 0 {
			return 0, "", "", usageError("--price %s: want a positive number of USD per chip-hour", price)
		}
		return v.Base, specs.Assumption, "--price " + price, nil
	}
	q := m.priceQuery("")
	ch, ok := w.book.ChipHourPrice(chip, q)
	if !ok {
		return 0, "", "no price (" + q.Brief() + "): give --price USD per chip-hour", nil
	}
	p := ch.Price
	return ch.PerHour, ch.Status, fmt.Sprintf("%s %s %.2f USD/h in %s ÷ %d chips (%s, %s); prices: %s",
		p.Offering, p.Term, p.Effective(), regionText(p.Region), ch.Chips, p.AsOf, p.Source, q.Describe()), nil
}
