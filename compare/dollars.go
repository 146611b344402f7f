package compare

import (
	"fmt"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// The inputs read from package pricing.
var (
	cloudPrice = Input{Name: "cloud price", Kind: PriceInput, Dim: units.MoneyRate}
	capex      = Input{Name: "capex", Kind: CapexInput, Dim: units.Money}
	tco        = Input{Name: "TCO", Kind: TCOInput, Dim: units.MoneyRate}
)

// DollarMetrics returns the metrics that read prices, capex or TCO.
func DollarMetrics() []*Metric {
	tp, bw, mem := spec(specs.QThroughput), spec(specs.QMemoryBandwidth), spec(specs.QMemoryCapacity)
	perHour := func(d units.Display) units.Display { return per(d, "(USD/h)") }
	return []*Metric{
		figure("cloud-price", "cloud price per hour: of the instance per system, of the cheapest offering ÷ its chips per chip", cloudPrice, false),
		figure("capex", "purchase price: per chip, or per system", capex, false),
		figure("tco", "total cost of ownership per utilized hour (see 'hwcmp tco')", tco, false),
		ratio("throughput-per-dollar-hour", "peak throughput per dollar-hour of cloud price", tp, cloudPrice, perHour(tp.Dim.Display()), true),
		ratio("throughput-per-capex-dollar", "peak throughput per dollar of purchase price", tp, capex, per(tp.Dim.Display(), "USD"), true),
		ratio("throughput-per-tco-dollar-hour", "peak throughput per dollar-hour of total cost of ownership", tp, tco, perHour(tp.Dim.Display()), true),
		ratio("bandwidth-per-dollar-hour", "memory bandwidth per dollar-hour of cloud price", bw, cloudPrice, perHour(bw.Dim.Display()), true),
		ratio("capacity-per-dollar-hour", "memory capacity per dollar-hour of cloud price", mem, cloudPrice, perHour(mem.Dim.Display()), true),
		cpuOnly(ratio("vcpus-per-dollar-hour", "vCPUs per dollar-hour of cloud price", spec(specs.QVCPUs), cloudPrice,
			units.Display{Symbol: "vCPU/(USD/h)", PerBase: 1, Class: units.Plain}, true)),
		cpuOnly(ratio("cores-per-dollar-hour", "physical cores per dollar-hour of cloud price", spec(specs.QCores), cloudPrice,
			units.Display{Symbol: "cores/(USD/h)", PerBase: 1, Class: units.Plain}, true)),
		cpuOnly(ratio("memory-per-dollar-hour", "instance memory per dollar-hour of cloud price", mem, cloudPrice, perHour(mem.Dim.Display()), true)),
		cpuOnly(ratio("network-per-dollar-hour", "network bandwidth per dollar-hour of cloud price", spec(specs.QNetworkBandwidth), cloudPrice,
			perHour(units.BitRate), true)),
		cpuOnly(ratio("ebs-per-dollar-hour", "EBS bandwidth per dollar-hour of cloud price", spec(specs.QEBSBandwidth), cloudPrice,
			perHour(units.BitRate), true)),
	}
}

func (e *Engine) noBook(in Input) (term, string) {
	return term{}, in.Name + " (no pricing data loaded)"
}

func priceEvidence(in Input, p *pricing.Price, times float64, note string) Evidence {
	shown := units.FormatNumber(p.PerHour) + " USD/h"
	if p.Upfront > 0 {
		shown += fmt.Sprintf(" + %s USD upfront", units.FormatNumber(p.Upfront))
	}
	where := p.Region
	if where == "" {
		where = "region not stated"
	}
	return Evidence{Input: in.Name, Subject: p.Offering, What: string(p.Term) + " price (" + where + ")",
		Value: p.Effective(), Unit: "USD/h", Shown: shown, Status: p.Status, Source: p.Source, AsOf: p.AsOf,
		Times: times, Note: note, Price: p}
}

func (e *Engine) priceInput(in Input, subject string, o Options) (term, string) {
	if e.Book == nil {
		return e.noBook(in)
	}
	q := e.Prices
	missing := func() string { return fmt.Sprintf("%s (%s)", in.Name, q.Brief()) } // only when missing
	switch o.Basis {
	case PerSystem:
		p, ok := e.Book.Prices.Find(subject, q)
		if !ok {
			return term{}, missing()
		}
		v := p.Effective()
		lo, hi := p.Range()
		return term{value: v, rng: Interval{lo, hi}, status: p.Status, evidence: []Evidence{priceEvidence(in, p, 1, "")}}, ""
	case PerChip:
		ch, ok := e.Book.ChipHourPrice(subject, q)
		if !ok {
			return term{}, missing()
		}
		note := ""
		if ch.Chips > 1 {
			note = fmt.Sprintf("÷ %d chips of %s (cheapest offering per chip-hour)", ch.Chips, ch.Price.Offering)
		}
		ev := priceEvidence(in, ch.Price, 1.0/float64(ch.Chips), note)
		lo, hi := ch.Price.Range()
		n := float64(ch.Chips)
		return term{value: ch.PerHour, rng: Interval{lo / n, hi / n}, status: ch.Status, evidence: []Evidence{ev}}, ""
	}
	return term{}, missing()
}

func (e *Engine) capexInput(in Input, subject string, o Options) (term, string) {
	if e.Book == nil {
		return e.noBook(in)
	}
	chip := subject
	times := 1.0
	if o.Basis == PerSystem {
		sys, ok := e.Catalog.System(subject)
		if !ok {
			return term{}, fmt.Sprintf("%s is not a system", subject)
		}
		if f, basis, ok := e.Book.SystemCapex(subject); ok && (o.CapexBasis == "" || o.CapexBasis == basis) {
			return term{value: f.Base, rng: Interval{f.Low, f.High}, status: f.Status, capexBasis: basis,
				evidence: []Evidence{FigureEvidence(in.Name, f.Value, 1, "system's own price, basis "+basis)}}, ""
		}
		if sys.Chips == 0 {
			return term{}, in.Name
		}
		chip, times = sys.Chip, float64(sys.Chips)
	} else if _, ok := e.Catalog.Chip(subject); !ok {
		return term{}, notAChip(subject)
	}
	c, ok := e.Book.ChipCapexOn(chip, o.CapexBasis)
	if !ok {
		if o.CapexBasis != "" {
			return term{}, fmt.Sprintf("%s on basis %s", in.Name, o.CapexBasis)
		}
		return term{}, in.Name
	}
	ev := FigureEvidence(in.Name, c.Figure.Value, times/float64(c.Chips), "basis "+c.Basis)
	if c.Chips > 1 {
		ev.Note = fmt.Sprintf("%s price ÷ %d chips, basis %s", c.Figure.Subject, c.Chips, c.Basis)
	}
	return term{value: c.PerChip * times, rng: Interval{c.Range[0], c.Range[1]}.Scale(times), status: c.Status,
		evidence: []Evidence{ev}, capexBasis: c.Basis}, ""
}

func (e *Engine) tcoInput(in Input, subject string, o Options) (term, string) {
	if e.Book == nil || e.Assumptions == nil {
		return e.noBook(in)
	}
	chip, times := subject, 1.0
	if o.Basis == PerSystem {
		sys, ok := e.Catalog.System(subject)
		if !ok || sys.Chips == 0 {
			return term{}, in.Name + " (a system needs a chip count)"
		}
		chip, times = sys.Chip, float64(sys.Chips)
	}
	cost, err := e.Book.ChipCostOn(chip, o.CapexBasis)
	if err != nil {
		return term{}, fmt.Sprintf("%s inputs: %v", in.Name, err)
	}
	spread := pricing.SpreadTCO(cost, e.Assumptions)
	t, status := spread.TCO, spread.Status
	ev := Evidence{Input: in.Name, Subject: chip, What: "TCO per utilized chip-hour", Value: t.PerChipHour, Unit: "USD/h",
		Shown: fmt.Sprintf("%.3f USD/h", t.PerChipHour), Status: status,
		Source: fmt.Sprintf("hwcmp TCO model, scenario %s: %s", e.Assumptions.Scenario, joinSources(cost.Sources)),
		Times:  times, Note: "see 'hwcmp tco " + chip + "' for the breakdown"}
	rng := Interval{spread.Low.PerChipHour, spread.High.PerChipHour}
	return term{value: t.PerChipHour * times, rng: rng.Scale(times), status: status, evidence: []Evidence{ev}, capexBasis: cost.CapexBasis}, ""
}

func joinSources(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}

// perGW evaluates an input for a gigawatt of chips: the per-chip input
// times the chips a GW holds under the assumptions (chip power plus host
// power, times PUE). Per-chip quantities such as clock are not scaled.
func (e *Engine) perGW(in Input, subject string, o Options) (term, string) {
	if e.Book == nil || e.Assumptions == nil {
		return e.noBook(in)
	}
	if _, ok := e.Catalog.Chip(subject); !ok {
		return term{}, fmt.Sprintf("%s is not a chip (the per-GW basis fills a GW with one chip)", subject)
	}
	chipOpts := o
	chipOpts.Basis = PerChip
	t, missing := e.resolve(in, subject, chipOpts)
	if missing != "" {
		return t, missing
	}
	if in.Kind == SpecInput && !perSystemTotal[in.Quantity] {
		return t, ""
	}
	pw, ok := e.Catalog.Figure(subject, specs.QPower, "", "")
	if !ok {
		return term{}, "power (to count chips per GW)"
	}
	// The count rests on the chip's power and on the scenario's host
	// power and PUE: it is computed, and no stronger than any of them.
	// More power per chip means fewer chips, so the high ends of the
	// power figure and of the host power and PUE ranges bound the count
	// from below (as gw --chip and gw --chips count it).
	n := pricing.ChipsPerGW(pw.Base, e.Assumptions)
	nStatus := specs.Weakest(specs.Derived, pw.Status, e.Assumptions.Weakest("host-power", "pue"))
	t.value *= n
	nLo, nHi := pricing.ChipsPerGWBounds(pw.Low, pw.High, e.Assumptions)
	t.rng = t.rng.Mul(Interval{nLo, nHi})
	t.status = specs.Weakest(t.status, nStatus)
	t.evidence = append(t.evidence, Evidence{Input: "chips per GW", Subject: subject, What: "chips per GW",
		Value: n, Unit: "count", Shown: fmt.Sprintf("%.0f", n), Status: nStatus,
		Source: fmt.Sprintf("1 GW ÷ ((%s W + host %s W) × PUE %s), scenario %s", units.FormatNumber(pw.Base),
			units.FormatNumber(e.Assumptions.Get("host-power")), units.FormatNumber(e.Assumptions.Get("pue")), e.Assumptions.Scenario),
		AsOf: pw.AsOf, Times: 1})
	return t, ""
}
