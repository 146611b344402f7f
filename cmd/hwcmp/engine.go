package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/parts"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

// engineFlags are the normalization and selection flags of the commands
// that evaluate metrics.
type engineFlags struct {
	precision string
	sparsity  string
	basis     string
	fallback  bool
	kind      string
	lifecycle string
	vendor    string
	explain   bool
	subj      subjectFlags
	prices    priceFlags
	// capexBasis is --capex-basis: rank purchase prices on this basis only.
	capexBasis string
	// powerBasis is --power-basis: rank system power on this basis only.
	powerBasis string
	tokens     tokenFlags
}

// priceFlags choose which price and which assumptions dollar metrics use.
type priceFlags struct {
	term     string
	region   string
	asOf     string
	scenario string
	// benchmark and baseline pick the suite and baseline of the
	// benchmark metrics (see compare.Benchmarks).
	benchmark string
	baseline  string
}

// register adds the price flags and --scenario to fs.
func (p *priceFlags) register(fs *pflag.FlagSet) {
	p.registerPrices(fs)
	fs.StringVar(&p.scenario, "scenario", "hyperscaler", "assumption `scenario` for TCO and per-GW figures (see 'hwcmp tco --help')")
	fs.StringVar(&p.benchmark, "benchmark", "", "benchmark `suite` of the benchmark-* metrics (default: the suite covering most systems; 'hwcmp bench' lists them)")
}

// registerPrices adds the flags that choose a price, without --scenario
// and --benchmark, for commands that read prices but no model.
func (p *priceFlags) registerPrices(fs *pflag.FlagSet) {
	p.scenario = "hyperscaler"
	fs.StringVar(&p.term, "term", "", "price `term`: on-demand, reserved-1y, reserved-3y, savings-1y, savings-3y, committed-1y, committed-3y, spot, capacity-block (default: on-demand, else capacity-block or committed, marked ¤)")
	fs.StringVar(&p.region, "region", "", "only prices in this `region`, or a comma-separated list in order of preference (default: AWS us-east-1, GCP us-central1, Azure eastus, else the cheapest US region, else a price with no region stated)")
	fs.StringVar(&p.asOf, "as-of", "", "use the prices in force on this `date` (YYYY-MM-DD; YYYY or YYYY-MM means its end; default: the newest)")
}

// query returns the price query the flags ask for.
func (p *priceFlags) query() (pricing.Query, error) {
	q := pricing.Query{Region: p.region}
	var err error
	if p.term != "" {
		if q.Term, err = parseEnumFlag("term", p.term, pricing.ParseTerm); err != nil {
			return q, err
		}
	}
	if p.asOf != "" {
		if q.AsOf, err = specs.ParseDate(p.asOf); err != nil {
			return q, usageError("--as-of: %v", err)
		}
	}
	return q, nil
}

// configure points w's engine at the flags' prices and scenario.
func (p *priceFlags) configure(w *world) error {
	q, err := p.query()
	if err != nil {
		return err
	}
	w.engine.Prices = q
	w.engine.Bench = &compare.Benchmarks{Results: w.bench, Suite: p.benchmark, Baseline: p.baseline, Catalog: w.catalog}
	if len(w.book.Scenarios) == 0 && p.scenario == "hyperscaler" {
		return nil // --no-defaults without a scenario sheet: metrics that need one say so
	}
	a, err := w.book.Assumptions(p.scenario)
	if err != nil {
		return usageError("--scenario: %v", err)
	}
	w.engine.Assumptions = a
	return nil
}

func (f *engineFlags) register(fs *pflag.FlagSet, selection bool) {
	fs.StringVar(&f.precision, "precision", "", "`precision` of throughput: fp4, fp6, fp8, bf16, fp16, tf32, fp32, fp64, int8")
	fs.StringVar(&f.sparsity, "sparsity", "dense", "`sparsity` of throughput: dense or sparse (never mixed)")
	fs.BoolVar(&f.fallback, "fallback", false, "where a chip has no figure at --precision, use the nearest wider precision (flagged *)")
	fs.StringVar(&f.basis, "basis", "", "count per `basis`: chip, system (instance, UltraServer, pod, rack) or gw (a gigawatt of chips, per --scenario) (default chip, or system with --systems)")
	if selection {
		fs.StringVar(&f.kind, "kind", "", "only chips of this `kind`: accelerator or cpu (default: accelerator for throughput metrics, cpu for CPU-only ones, unless --chips or --systems names them)")
		fs.StringVar(&f.lifecycle, "lifecycle", "", "only chips at this `lifecycle`: shipping, announced or target")
		fs.StringVar(&f.vendor, "vendor", "", "only chips from this `vendor`")
		f.subj.register(fs)
	}
	fs.StringVar(&f.capexBasis, "capex-basis", "", "use purchase prices on this `basis` only: "+strings.Join(pricing.AllCapexBases(), ", ")+" (default: the basis most subjects have; others are listed apart)")
	fs.StringVar(&f.prices.baseline, "bench-baseline", "", "system `ID` whose benchmark score is 1 for the benchmark-* metrics (default: the first with results in the suite)")
	fs.StringVar(&f.powerBasis, "power-basis", "", "per system, use power on this `basis` only: chips (chip TDP × chips) or system (all-in) (default: the basis most systems have; others are listed apart)")
	f.prices.register(fs)
	f.tokens.register(fs)
}

// addExplain registers --explain, for the commands that print the inputs
// behind their values.
func (f *engineFlags) addExplain(fs *pflag.FlagSet) {
	fs.BoolVar(&f.explain, "explain", false, "print every input behind every value, with its status, source and date")
}

// options returns the compare.Options the flags ask for.
func (f *engineFlags) options() (compare.Options, error) {
	var o compare.Options
	var err error
	if f.precision != "" {
		if o.Precision, err = parseEnumFlag("precision", f.precision, specs.ParsePrecision); err != nil {
			return o, err
		}
	}
	if o.Sparsity, err = parseEnumFlag("sparsity", f.sparsity, specs.ParseSparsity); err != nil {
		return o, err
	}
	basis := f.basis
	if basis == "" {
		basis = "chip"
		if f.subj.systems != "" {
			basis = "system"
		}
	}
	if o.Basis, err = parseEnumFlag("basis", basis, compare.ParseBasis); err != nil {
		return o, err
	}
	o.Fallback = f.fallback
	if f.powerBasis != "" {
		if o.PowerBasis, err = specs.ParseEnum(f.powerBasis, "power basis", []string{specs.PowerChips, specs.PowerSystem}); err != nil {
			return o, usageError("--power-basis: %v", err)
		}
	}
	if f.capexBasis != "" {
		if o.CapexBasis, err = pricing.ParseCapexBasis(f.capexBasis); err != nil {
			return o, usageError("--capex-basis: %v", err)
		}
	}
	return o, nil
}

// configure returns the options the flags ask for and points w's engine at
// their prices and scenario. A metric of ms that is quoted by precision
// needs --precision.
func (f *engineFlags) configure(w *world, ms ...*compare.Metric) (compare.Options, error) {
	o, err := f.options()
	if err != nil {
		return o, err
	}
	if err := f.prices.configure(w); err != nil {
		return o, err
	}
	for _, m := range ms {
		if m.ByPrecision() && o.Precision == "" {
			return o, usageError("metric %s needs --precision (e.g. --precision fp8)", m.Name)
		}
	}
	ts, err := f.tokens.setup(w, o.Precision)
	w.engine.Tokens = ts
	return o, err
}

// subjects returns the ids a ranking covers at o's basis, filtered by the
// selection flags. The kind defaults to what m applies to.
func (f *engineFlags) subjects(cat *specs.Catalog, o compare.Options, ms ...*compare.Metric) ([]string, string, error) {
	ids, _, sel, err := f.namedSubjects(cat, o, false, ms...)
	return ids, sel, err
}

// A subjectRef is a subject's id with its name and vendor as subjectName
// gives them.
type subjectRef struct{ id, name, vendor string }

// namedSubjects is subjects with, if withNames is set and no --chips or
// --systems chose the subjects, each one's subjectRef, in the same order,
// found in the walk over the catalog that lists them: a ranking of 100,000
// subjects then looks none of them up by id (a cache miss or two each).
func (f *engineFlags) namedSubjects(cat *specs.Catalog, o compare.Options, withNames bool, ms ...*compare.Metric) ([]string, []subjectRef, string, error) {
	kind, err := specs.Kind(""), error(nil)
	if f.kind != "" {
		if kind, err = parseEnumFlag("kind", f.kind, specs.ParseKind); err != nil {
			return nil, nil, "", err
		}
	} else if !f.subj.given() {
		for _, m := range ms {
			switch {
			case m.CPUOnly:
				kind = specs.CPU
			case m.ByPrecision():
				kind = specs.Accelerator
			}
		}
	}
	var lifecycle specs.Lifecycle
	if f.lifecycle != "" {
		if lifecycle, err = parseEnumFlag("lifecycle", f.lifecycle, specs.ParseLifecycle); err != nil {
			return nil, nil, "", err
		}
	}
	keep := func(c *specs.Chip) bool {
		return (kind == "" || c.Kind == kind) &&
			(lifecycle == "" || c.Lifecycle == lifecycle) &&
			(f.vendor == "" || strings.EqualFold(c.Vendor, f.vendor))
	}
	var ids []string
	var refs []subjectRef
	switch o.Basis {
	case compare.PerChip, compare.PerGW:
		for _, c := range cat.Chips {
			if keep(c) {
				ids = append(ids, c.ID)
				if withNames {
					refs = append(refs, subjectRef{c.ID, c.Name, c.Vendor})
				}
			}
		}
	default:
		for _, s := range cat.Systems {
			if c, ok := cat.ChipOf(s); ok && keep(c) {
				ids = append(ids, s.ID)
				if withNames {
					refs = append(refs, subjectRef{s.ID, s.Name, s.Provider})
				}
			}
		}
	}
	sort.Strings(ids)
	if withNames { // ids are unique: the same order as ids
		slices.SortFunc(refs, func(a, b subjectRef) int { return strings.Compare(a.id, b.id) })
	}
	var sel []string
	if kind != "" {
		sel = append(sel, string(kind))
	} else {
		sel = append(sel, "all kinds")
	}
	if f.lifecycle != "" {
		sel = append(sel, string(lifecycle))
	}
	if f.subj.chips != "" {
		sel = append(sel, "--chips "+f.subj.chips)
	}
	if f.subj.systems != "" {
		sel = append(sel, "--systems "+f.subj.systems)
	}
	if f.vendor != "" {
		sel = append(sel, f.vendor)
	}
	if len(ids) == 0 {
		return nil, nil, "", fmt.Errorf("no %ss match %s", o.Basis, strings.Join(sel, ", "))
	}
	if ids, err = f.subj.pick(cat, ids); err != nil {
		return nil, nil, "", err
	}
	if f.subj.given() {
		refs = nil // chosen and ordered by the selection
	}
	return ids, refs, strings.Join(sel, ", "), nil
}

// nameCell shows a subject's display name to people and carries its full
// name from the sheet to programs.
func nameCell(cat *specs.Catalog, id string) output.Cell {
	full, _ := subjectName(cat, id)
	return output.Cell{Text: displayName(cat, id), Raw: full}
}

// subjectName returns a subject's name as the sheet spells it and its
// vendor or provider.
func subjectName(cat *specs.Catalog, id string) (name, vendor string) {
	if c, ok := cat.Chip(id); ok {
		return c.Name, c.Vendor
	}
	if s, ok := cat.System(id); ok {
		return s.Name, s.Provider
	}
	return id, ""
}

// resultCell returns a ranged numeric cell for r, marked by status and
// fallback, or the reason it is missing.
func resultCell(r compare.Result, legend markLegend) output.Cell {
	if !r.OK() {
		return output.Missing(r.Missing)
	}
	c := output.Range(r.Value, r.Range.Lo, r.Range.Hi)
	c.Mark = resultMark(&r, legend, offTerm(&r))
	return c
}

// resultMark returns the marks of r's value, added to legend: its status,
// its fallback, and off: whether it is priced on a term other than
// on-demand (offTerm), which a caller that walked the evidence knows.
func resultMark(r *compare.Result, legend markLegend, off bool) string {
	mark := legend.add(statusMark(r.Status))
	if r.Fallback != "" {
		mark += legend.add("*")
	}
	if off {
		mark += legend.add("¤")
	}
	return mark
}

// offTerm reports whether termNotes(r) has a line: whether one of r's
// cloud prices is not an on-demand price.
func offTerm(r *compare.Result) bool {
	for i := range r.Evidence {
		if p := r.Evidence[i].Price; p != nil && p.Term != pricing.OnDemand {
			return true
		}
	}
	return false
}

// termNotes says, one line per price, which of r's cloud prices are not
// on-demand prices: an offering sold only by capacity block or commitment
// is priced on that term, and the row must say so.
func termNotes(r compare.Result) []string {
	var out []string
	for _, e := range r.Evidence {
		if p := e.Price; p != nil && p.Term != pricing.OnDemand {
			out = append(out, fmt.Sprintf("¤ %s: %s price of %s (%s), %s", r.Subject, p.Term, p.Offering, regionText(p.Region), p.AsOf))
		}
	}
	return out
}

// usesPrice reports whether any of ms reads a cloud price.
func usesPrice(ms ...*compare.Metric) bool {
	for _, m := range ms {
		for _, in := range m.Inputs() {
			if in.Kind == compare.PriceInput {
				return true
			}
		}
	}
	return false
}

// regionText names a price's region, or says the source states none.
func regionText(r string) string {
	if r == "" {
		return "region not stated"
	}
	return r
}

// allTermNotes is termNotes for every result, each line once, for a
// table's notes.
func allTermNotes(rs ...compare.Result) []string {
	var out []string
	seen := make(map[string]bool)
	for i := range rs {
		out = addTermNotes(out, seen, &rs[i])
	}
	return out
}

// addTermNotes appends r's term notes that seen does not hold to out, if
// r has a value, and adds them to seen.
func addTermNotes(out []string, seen map[string]bool, r *compare.Result) []string {
	if !r.OK() || !offTerm(r) {
		return out
	}
	for _, n := range termNotes(*r) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// termInfo is what a table of results says about their price terms, from
// one walk over each result's evidence: per result, its price term with
// its region ("capacity-block, us-east-2") and its offTerm.
type termInfo struct {
	text []string
	off  []bool
}

// priceTerms returns rs's termInfo. A long list is split between the
// processors.
func priceTerms(rs []compare.Result) termInfo {
	info := termInfo{text: make([]string, len(rs)), off: make([]bool, len(rs))}
	parts.Run(len(rs), parts.Of(len(rs)), func(_, first, last int) {
		var term pricing.Term
		var region, text string // the last term's text, shared by its rows
		for i := first; i < last; i++ {
			r := &rs[i]
			for _, e := range r.Evidence {
				if p := e.Price; p != nil {
					if text == "" || p.Term != term || p.Region != region {
						term, region, text = p.Term, p.Region, string(p.Term)+", "+regionText(p.Region)
					}
					info.text[i] = text
					break
				}
			}
			info.off[i] = offTerm(r)
		}
	})
	return info
}

// metricColumn returns the numeric column for m's values.
func metricColumn(key string, m *compare.Metric) output.Column {
	d := m.Display
	return output.Column{Key: key, Header: m.Name, Display: &d, Unit: m.Unit, Ranged: true}
}

// evidenceJSON is one input of a value, as JSON shows it.
type evidenceJSON struct {
	Input         string   `json:"input"`
	Subject       string   `json:"subject"`
	What          string   `json:"what"`
	Quantity      string   `json:"quantity,omitempty"`
	Precision     string   `json:"precision,omitempty"`
	Sparsity      string   `json:"sparsity,omitempty"`
	Value         float64  `json:"value"`
	Unit          string   `json:"unit"`
	Shown         string   `json:"shown"`
	OriginalValue *float64 `json:"original_value,omitempty"`
	OriginalUnit  string   `json:"original_unit,omitempty"`
	Times         float64  `json:"times"`
	Status        string   `json:"status"`
	Source        string   `json:"source"`
	AsOf          string   `json:"as_of"`
	Note          string   `json:"note,omitempty"`
}

// evaluateAll evaluates m for each of ids, in order, stopping with ctx's
// error once it is done (Ctrl-C). A long list is split between as many
// goroutines as there are processors: the engine only reads the loaded
// data, and at 100,000 subjects evaluation is a fifth of a ranking.
func evaluateAll(ctx context.Context, e *compare.Engine, m *compare.Metric, ids []string, o compare.Options) ([]compare.Result, error) {
	results := make([]compare.Result, len(ids))
	parts.Run(len(ids), parts.Of(len(ids)), func(_, first, last int) {
		for i := first; i < last; i++ {
			if pollContext(ctx, i-first) != nil {
				return
			}
			results[i] = e.Evaluate(m, ids[i], o)
		}
	})
	return results, ctx.Err()
}

// evidenceCell returns the JSON-only cell of a value's inputs. It keeps the
// evidence as it is and builds the JSON form only when JSON is written: a
// text or CSV ranking of 100,000 subjects never needs it.
func evidenceCell(ev []compare.Evidence) output.Cell {
	return output.Cell{Raw: evidenceList(ev)}
}

// evidenceCellOf is evidenceCell for the evidence *ev, which the cell
// points at instead of holding a copy of the slice (an allocation each).
func evidenceCellOf(ev *[]compare.Evidence) output.Cell {
	return output.Cell{Raw: (*evidenceList)(ev)}
}

// evidenceList is a value's inputs, written to JSON as evidenceJSON.
type evidenceList []compare.Evidence

// JSONType says that l marshals as an array (output.JSONTyped).
func (evidenceList) JSONType() string { return "array" }

// MarshalJSON writes l as a list of evidenceJSON.
func (l evidenceList) MarshalJSON() ([]byte, error) {
	out := make([]evidenceJSON, 0, len(l))
	for _, e := range l {
		j := evidenceJSON{Input: e.Input, Subject: e.Subject, What: e.What, Value: e.Value, Unit: e.Unit,
			Shown: e.Shown, Times: e.Times, Status: string(e.Status), Source: e.Source, AsOf: e.AsOf.String(), Note: e.Note}
		if f := e.Figure; f != nil {
			j.Quantity, j.Precision, j.Sparsity = f.Quantity, string(f.Precision), string(f.Sparsity)
			j.OriginalValue, j.OriginalUnit = &f.Orig, f.OrigUnit
		}
		out = append(out, j)
	}
	return json.Marshal(out)
}

// explainLines writes the inputs of r, one line each.
func explainLines(r compare.Result) []string {
	var lines []string
	for _, e := range r.Evidence {
		times := ""
		if e.Times != 1 {
			times = units.FormatNumber(e.Times) + " × "
			if e.Times < 1 {
				times = fmt.Sprintf("1/%s × ", units.FormatNumber(1/e.Times))
			}
		}
		line := fmt.Sprintf("    %s: %s%s %s = %s (%s; %s; %s)", e.Input, times, e.Subject, e.What, e.Shown, e.Status, e.Source, e.AsOf)
		if e.Note != "" {
			line += " — " + e.Note
		}
		lines = append(lines, line)
	}
	return lines
}

// usesTokens reports whether any of ms reads the token model.
func usesTokens(ms ...*compare.Metric) bool {
	for _, m := range ms {
		if m.ReadsTokens() {
			return true
		}
	}
	return false
}

// pricingContext returns header lines saying which prices and assumptions
// the metrics used, if any of them read prices, capex or TCO, or the basis
// is per GW.
func pricingContext(w *world, o compare.Options, ms ...*compare.Metric) [][2]string {
	var usesPrice, usesModel bool
	for _, m := range ms {
		for _, in := range m.Inputs() {
			switch in.Kind {
			case compare.PriceInput:
				usesPrice = true
			case compare.TCOInput:
				usesModel = true
			}
		}
	}
	var ctx [][2]string
	if usesPrice {
		desc := w.engine.Prices.Describe()
		if n := w.userPrices(); n > 0 {
			desc += fmt.Sprintf("; %d price rows from --data %s", n, strings.Join(w.dataDirs, ", "))
		}
		ctx = append(ctx, [2]string{"prices", desc})
	}
	if compare.UsesBenchmarks(ms...) && w.engine.Bench != nil {
		ctx = append(ctx, [2]string{"benchmark", w.engine.Bench.Describe()})
	}
	if ts := w.engine.Tokens; ts != nil && usesTokens(ms...) {
		tpot := "offline maximum"
		if ts.Scenario.TPOT > 0 {
			tpot = fmt.Sprintf("best under %s per output token", units.FormatNumber(ts.Scenario.TPOT*1000)+" ms")
		}
		ctx = append(ctx, [2]string{"model", fmt.Sprintf("%s (%s), tier %s, %s input + %s output tokens, %s",
			ts.Model.Name, ts.Model.ID, ts.Tier, units.FormatNumber(ts.Scenario.InputTokens), units.FormatNumber(ts.Scenario.OutputTokens), tpot)})
	}
	if (usesModel || o.Basis == compare.PerGW) && w.engine.Assumptions == nil {
		ctx = append(ctx, [2]string{"scenario", "none: the data has no scenarios sheet, so TCO and per-GW values are missing"})
	} else if usesModel || o.Basis == compare.PerGW {
		ctx = append(ctx, [2]string{"scenario", w.engine.Assumptions.Scenario + " (hwcmp tco --scenario " + w.engine.Assumptions.Scenario + " shows every assumption)"})
	}
	return ctx
}

// splitBases keeps results to one capex basis and one power basis
// (compare.SplitBases), the same across all the sets (the x and y of a
// Pareto set), and returns the header lines that say which bases were
// kept and which subjects were set apart; the sets are changed in place.
// want gives the bases to keep
// where the flags name none (a comparison's baseline's).
func splitBases(o compare.Options, want compare.Result, sets ...[]compare.Result) [][2]string {
	var ctx [][2]string
	for _, k := range []struct {
		kind compare.BasisKind
		want string
		doc  string
	}{
		{compare.CapexBasisKind, cmp.Or(o.CapexBasis, want.CapexBasis), "purchase prices on other bases are never ranked with it; see docs/DATA.md"},
		{compare.PowerBasisKind, cmp.Or(o.PowerBasis, want.PowerBasis), "chips = chip TDP × chips, system = all-in power; never ranked together"},
	} {
		all := sets[0] // one set (the usual case): no copy of 100,000 results
		if len(sets) > 1 {
			all = slices.Concat(sets...)
		}
		_, keep, _ := compare.SplitBases(all, k.want, k.kind)
		if keep == "" {
			continue
		}
		ctx = append(ctx, [2]string{k.kind.Name, keep + " (" + k.doc + ")"})
		for _, s := range sets {
			out, _, apart := compare.SplitBases(s, keep, k.kind)
			copy(s, out)
			for _, l := range apart {
				ctx = mergeContext(ctx, [][2]string{{"set apart", l}})
			}
		}
	}
	return ctx
}

// mergeContext joins header lines, each once.
func mergeContext(ctxs ...[][2]string) [][2]string {
	var out [][2]string
	for _, c := range ctxs {
		for _, kv := range c {
			if !slices.Contains(out, kv) {
				out = append(out, kv)
			}
		}
	}
	return out
}
