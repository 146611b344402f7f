package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

// Default metric sets for compare, by what is compared.
var (
	chipMetrics = []string{"throughput", "memory-bandwidth", "memory-capacity", "power", "throughput-per-watt", "machine-balance", "scaleup-bandwidth"}
	cpuMetrics  = []string{"vcpus", "cores", "memory-capacity", "clock", "network-bandwidth", "ebs-bandwidth"}
)

func compareCommand() *command {
	return &command{
		name:  "compare",
		usage: "A B [C ...] [--baseline ID] [--metrics m1,m2] [flags]",
		short: "compare chips or systems side by side, as ratios to a baseline",
		long: `
'hwcmp compare' puts two or more chips (or two or more systems) side by side
on a set of metrics and gives each value's ratio to a baseline: the last one
named, unless --baseline says otherwise. So 'hwcmp compare trn3 h200' reads
"Trainium3 is x times H200".

Throughput rows are repeated for each precision in --precision (a comma
list; default bf16,fp8), dense unless --sparsity sparse. A ratio is computed
only from like figures: a value that needed --fallback is not divided by one
that did not. A ratio carries the weakest status of its two sides and the
range its inputs imply.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			baseline := fs.String("baseline", "", "the `ID` every ratio divides by (default: the last one named)")
			metricList := fs.String("metrics", "", "comma-separated `metrics` (default: a set for chips, systems or CPU instances)")
			var ef engineFlags
			ef.register(fs, false)
			ef.addExplain(fs)
			var sf subjectFlags
			sf.register(fs)
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args)+len(parseSelection("", sf.chips).terms)+len(parseSelection("", sf.systems).terms) < 2 {
					return usageError("compare needs at least two chip or system ids")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				if args, err = compareSubjects(w.catalog, args, sf); err != nil {
					return err
				}
				if len(args) < 2 {
					return usageError("compare needs at least two chips or systems; the selection gives %s", strings.Join(args, ", "))
				}
				precisions := []specs.Precision{specs.BF16, specs.FP8}
				if ef.precision != "" {
					precisions = nil
					for _, p := range strings.Split(ef.precision, ",") {
						pp, err := parseEnumFlag("precision", p, specs.ParsePrecision)
						if err != nil {
							return err
						}
						precisions = append(precisions, pp)
					}
					ef.precision = ""
				}
				o, err := ef.configure(w)
				if err != nil {
					return err
				}
				common, err := commonBasis(w.catalog, args)
				if err != nil {
					return err
				}
				switch {
				case ef.basis == "":
					o.Basis = common
				case common == compare.PerSystem && o.Basis != compare.PerSystem:
					return usageError("--basis %s: these are systems; compare them per system (or compare their chips)", ef.basis)
				case common == compare.PerChip && o.Basis == compare.PerSystem:
					return usageError("--basis system: these are chips; compare systems by naming them (e.g. --systems chip:%s)", args[0])
				}
				base := args[len(args)-1]
				if *baseline != "" {
					base = strings.ToLower(*baseline)
					if !w.catalog.Known(base) {
						return usageError("--baseline: no chip or system %q%s", *baseline, didYouMean(*baseline, allIDs(w.catalog)))
					}
				}
				if !contains(args, base) {
					args = append(args, base)
				}
				names := chipMetrics
				if *metricList != "" {
					names = strings.Split(*metricList, ",")
				} else if allCPU(w.catalog, args) {
					names = cpuMetrics
				}
				var ms []*compare.Metric
				for _, n := range names {
					m, err := lookupMetric(w, "metrics", n)
					if err != nil {
						return err
					}
					ms = append(ms, m)
				}
				t := compareTable(w, args, base, ms, precisions, o, ef.explain)
				return t.Write(e.stdout, f)
			}
		},
	}
}

// compareSubjects resolves compare's arguments (ids, globs, vendor:NAME
// ...) and its --chips and --systems into ids, in the order given.
func compareSubjects(cat *specs.Catalog, args []string, sf subjectFlags) ([]string, error) {
	var out []string
	seen := make(map[string]bool) // a selection may name thousands: no scan per id
	add := func(ids []string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	if len(args) > 0 {
		ids, err := selection{flag: "compare", terms: args}.resolve(cat, allIDs(cat))
		if err != nil {
			return nil, err
		}
		add(ids)
	}
	var chips, systems []string
	for _, c := range cat.Chips {
		chips = append(chips, c.ID)
	}
	for _, s := range cat.Systems {
		systems = append(systems, s.ID)
	}
	for _, x := range []struct {
		flag, value string
		among       []string
	}{{"--chips", sf.chips, chips}, {"--systems", sf.systems, systems}} {
		if x.value == "" {
			continue
		}
		ids, err := parseSelection(x.flag, x.value).resolve(cat, x.among)
		if err != nil {
			return nil, err
		}
		add(ids)
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// commonBasis returns chip if every id is a chip and system if every id
// is a system; a mix cannot be compared like for like.
func commonBasis(cat *specs.Catalog, ids []string) (compare.Basis, error) {
	var chips, systems []string
	for _, id := range ids {
		switch {
		case cat.Known(id) && isChip(cat, id):
			chips = append(chips, id)
		case cat.Known(id):
			systems = append(systems, id)
		default:
			return "", fmt.Errorf("no chip or system %q (list them with 'hwcmp specs')", id)
		}
	}
	switch {
	case len(systems) == 0:
		return compare.PerChip, nil
	case len(chips) == 0:
		return compare.PerSystem, nil
	}
	return "", usageError("cannot compare chips (%s) with systems (%s): compare like with like", strings.Join(chips, ", "), strings.Join(systems, ", "))
}

func isChip(cat *specs.Catalog, id string) bool {
	_, ok := cat.Chip(id)
	return ok
}

func allCPU(cat *specs.Catalog, ids []string) bool {
	for _, id := range ids {
		chip := id
		if s, ok := cat.System(id); ok {
			chip = s.Chip
		}
		if c, ok := cat.Chip(chip); !ok || c.Kind != specs.CPU {
			return false
		}
	}
	return true
}

// compareTable has one row per metric (and precision) and, per subject, a
// value column and a ratio-to-baseline column. Rows have different units,
// so each row is scaled on its own and carries its unit.
func compareTable(w *world, ids []string, base string, ms []*compare.Metric, precisions []specs.Precision, o compare.Options, explain bool) *output.Table {
	legend := markLegend{}
	var names []string
	for _, id := range ids {
		names = append(names, displayName(w.catalog, id))
	}
	t := &output.Table{
		Name:  "comparison",
		Title: fmt.Sprintf("%s, as ratios to %s", strings.Join(names, " vs "), displayName(w.catalog, base)),
		Context: [][2]string{
			{"basis", "per " + string(o.Basis)},
			{"throughput", fmt.Sprintf("%s, %s", joinPrecisions(precisions), o.Sparsity)},
		},
		Columns: []output.Column{{Key: "metric", Header: "metric"}, {Key: "precision", Header: "precision"}, {Key: "unit", Header: "unit"}},
	}
	for _, id := range ids {
		t.Columns = append(t.Columns, output.Column{Key: id, Header: displayName(w.catalog, id)})
		if id != base {
			t.Columns = append(t.Columns, output.Column{Key: id + "_vs_" + base, Header: "÷ " + displayName(w.catalog, base)})
		}
	}
	t.Context = append(t.Context, pricingContext(w, o, ms...)...)
	var explained []string
	var all []compare.Result
	var basisLines [][2]string
	for _, m := range ms {
		ps := []specs.Precision{""}
		if m.ByPrecision() {
			ps = precisions
		}
		for _, p := range ps {
			op := o
			op.Precision = p
			m := m.At(p) // INT8 in OPS, not FLOPS
			results := make(map[string]compare.Result)
			var vals []float64
			rs := make([]compare.Result, len(ids))
			for i, id := range ids {
				rs[i] = w.engine.Evaluate(m, id, op)
			}
			// A ratio of a chip price to a rack share, or of chips' TDP
			// to a rack's all-in power, compares different things: keep
			// the baseline's bases.
			basisLines = mergeContext(basisLines, splitBases(op, rs[slices.Index(ids, base)], rs))
			for i, id := range ids {
				r := rs[i]
				results[id] = r
				all = append(all, r)
				if r.OK() {
					vals = append(vals, r.Value, r.Range.Lo, r.Range.Hi)
				}
				if explain && r.OK() {
					explained = append(explained, fmt.Sprintf("%s %s%s:", id, m.Name, suffix(p)))
					explained = append(explained, explainLines(r)...)
				}
			}
			sc := m.Display.CommonScale(vals)
			row := []output.Cell{output.Str(m.Name), output.Str(string(p)), {Text: sc.Unit(), Raw: m.Unit}}
			for _, id := range ids {
				r := results[id]
				row = append(row, valueText(r, sc, legend))
				if id != base {
					row = append(row, ratioText(compare.Ratio(r, results[base]), legend))
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	t.Context = append(t.Context, basisLines...)
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes, "Ratios in brackets are the range implied by the inputs' ranges and contested figures.")
	t.Notes = append(t.Notes, allTermNotes(all...)...)
	t.Notes = append(t.Notes, explained...)
	return t
}

func suffix(p specs.Precision) string {
	if p == "" {
		return ""
	}
	return " " + string(p)
}

func joinPrecisions(ps []specs.Precision) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// valueText formats a result in a row's common scale; CSV and JSON get the
// base-unit number.
func valueText(r compare.Result, sc units.Scaler, legend markLegend) output.Cell {
	if !r.OK() {
		return output.Missing(r.Missing)
	}
	text := sc.Format(r.Value)
	if lo, hi := sc.Format(r.Range.Lo), sc.Format(r.Range.Hi); lo != text || hi != text {
		text += " [" + lo + "–" + hi + "]"
	}
	mark := legend.add(statusMark(r.Status))
	if r.Fallback != "" {
		mark += legend.add("*")
	}
	if len(termNotes(r)) > 0 {
		mark += legend.add("¤")
	}
	c := output.Value(text, r.Value)
	c.Mark = mark
	return c
}

func ratioText(c compare.Comparison, legend markLegend) output.Cell {
	switch {
	case c.Mismatch != "":
		return output.Missing("not comparable: " + c.Mismatch)
	case !c.OK():
		return output.Missing("a side is missing")
	}
	text := fmt.Sprintf("%.3gx", c.Value)
	if lo, hi := fmt.Sprintf("%.3g", c.Range.Lo), fmt.Sprintf("%.3g", c.Range.Hi); lo+"x" != text || hi+"x" != text {
		text += " [" + lo + "–" + hi + "]"
	}
	cell := output.Value(text, c.Value)
	cell.Mark = legend.add(statusMark(c.Status))
	return cell
}
