package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/spf13/pflag"
)

func rankCommand() *command {
	return &command{
		name:  "rank",
		usage: "--metric NAME [--precision P] [flags]",
		short: "rank chips or systems by a metric",
		long: `
'hwcmp rank' ranks chips (--basis chip) or systems (--basis system) by one
metric ('hwcmp metrics' lists them). Throughput metrics need --precision; a
chip without a figure at that precision is listed at the end as n/a with the
reason, unless --fallback lets it use the nearest wider precision (flagged *).
Sparse figures are never ranked against dense ones.

Each value shows its range in brackets when its inputs carry one (published
ranges, contested figures); neighbours whose ranges overlap are marked = as
not separable. --stability samples every value within its range (seeded,
reproducible) and gives each subject's probability of ranking first and in
the top three, and says whether the leader is separable. A value carries the weakest status of its inputs: † target,
~ estimate, ° derived. --explain lists every input with its source and date.

Example:
	hwcmp rank --metric throughput-per-watt --precision fp8 --lifecycle shipping`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			metric := fs.String("metric", "", "the `metric` to rank by (see 'hwcmp metrics')")
			top := fs.Int("top", 0, "show only the first `N` ranks (missing values are still listed)")
			var ef engineFlags
			ef.register(fs, true)
			ef.addExplain(fs)
			var sf stabilityFlags
			sf.register(fs)
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("rank takes no arguments (did you mean 'hwcmp compare %s ...'?)", args[0])
				}
				if *metric == "" {
					return usageError("rank needs --metric (one of the names 'hwcmp metrics' lists)")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				m, err := lookupMetric(w, "metric", *metric)
				if err != nil {
					return err
				}
				o, err := ef.configure(w, m)
				if err != nil {
					return err
				}
				m = m.At(o.Precision) // INT8 in OPS, not FLOPS
				ids, selection, err := ef.subjects(w.catalog, o, m)
				if err != nil {
					return err
				}
				results, err := evaluateAll(ctx, w.engine, m, ids, o)
				if err != nil {
					return err
				}
				basisCtx := splitBases(o, compare.Result{}, results)
				t := rankTable(w, m, o, selection, results, *top, ef.explain)
				t.Context = append(t.Context, basisCtx...)
				st, err := sf.table(m, results)
				if err != nil || st == nil {
					return errors.Join(err, t.Write(e.stdout, f))
				}
				return output.WriteAll(e.stdout, f, t, st)
			}
		},
	}
}

func rankTable(w *world, m *compare.Metric, o compare.Options, selection string, results []compare.Result, top int, explain bool) *output.Table {
	ranked, missing := compare.Rank(results)
	legend := markLegend{}
	t := &output.Table{
		Name:  "ranking",
		Title: fmt.Sprintf("Ranking by %s (%s is better)", m.Name, m.Better()),
		Context: [][2]string{
			{"metric", m.Formula()},
			{"normalization", o.Describe(m)},
			{"subjects", selection},
		},
		Columns: []output.Column{
			{Key: "rank", Header: "rank"}, {Key: "id", Header: "id"}, {Key: "name", Header: "name"},
			{Key: "vendor", Header: "vendor"}, metricColumn("value", m), {Key: "status", Header: "status", Priority: 1},
			{Key: "inputs", Header: "inputs", JSONOnly: true},
		},
	}
	t.Context = append(t.Context, pricingContext(w, o, m)...)
	termColumn := usesPrice(m)
	if termColumn {
		t.Columns = append(t.Columns, output.Column{Key: "price_term", Header: "priced on"})
	}
	var explained []string
	t.Rows = make([][]output.Cell, 0, len(results))
	add := func(rank string, r compare.Result) {
		full, vendor := subjectName(w.catalog, r.Subject)
		status := ""
		if r.OK() {
			status = string(r.Status)
		}
		row := make([]output.Cell, 0, len(t.Columns)) // one allocation, price term included
		row = append(row, rankCell(rank), output.Str(r.Subject), output.Cell{Text: shortName(r.Subject, full, vendor), Raw: full}, output.Str(vendor),
			resultCell(r, legend), output.Str(status), evidenceCell(r.Evidence))
		if termColumn {
			row = append(row, output.Str(priceTerm(r)))
		}
		t.Rows = append(t.Rows, row)
		if explain && r.OK() {
			explained = append(explained, r.Subject+":")
			explained = append(explained, explainLines(r)...)
		}
	}
	for i, r := range ranked {
		if top > 0 && i >= top {
			break
		}
		rank := fmt.Sprint(r.Rank)
		if r.NotSeparable {
			rank += legend.add("=")
		}
		add(rank, r.Result)
	}
	for _, r := range missing {
		add("-", r)
	}
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes, allTermNotes(results...)...)
	t.Notes = append(t.Notes, explained...)
	return t
}

// rankCell returns a rank, a number for CSV/JSON, or missing for a
// subject without a value.
func rankCell(rank string) output.Cell {
	var n int
	if _, err := fmt.Sscanf(rank, "%d", &n); err == nil {
		return output.Cell{Text: rank, Raw: float64(n)}
	}
	return output.Cell{Text: rank, Missing: "not ranked: its value is missing"}
}
