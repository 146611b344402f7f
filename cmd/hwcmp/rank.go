package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"

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
	ranked, missing := compare.Places(results)
	if top > 0 && len(ranked) > top {
		ranked = ranked[:top]
	}
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
	terms := priceTerms(results)
	n, cols := len(ranked)+len(missing), len(t.Columns)
	cells := make([]output.Cell, n*cols) // one allocation for every row's cells
	nums := make([]float64, n)           // and one for their values
	t.Rows = make([][]output.Cell, n)
	systemFirst := o.Basis == compare.PerSystem
	parts := partsOf(n)
	legends := make([]markLegend, parts)
	explained := make([][]string, parts)
	inParts(n, parts, func(part, first, last int) {
		legend := markLegend{}
		ranks := rankTexts(ranked[min(first, len(ranked)):min(last, len(ranked))])
		for k := first; k < last; k++ {
			row := cells[k*cols : (k+1)*cols : (k+1)*cols]
			t.Rows[k] = row
			i, rank := 0, output.Cell{Text: "-", Missing: "not ranked: its value is missing"}
			if k < len(ranked) {
				i = ranked[k].Index
				rank = output.Cell{Text: ranks[k-first], Raw: float64(ranked[k].Rank)}
				if ranked[k].NotSeparable {
					legend.add("=")
				}
			} else {
				i = missing[k-len(ranked)]
			}
			r := &results[i]
			full, vendor := subjectNameOn(w.catalog, r.Subject, systemFirst)
			row[0], row[1], row[2], row[3] = rank, output.Str(r.Subject), output.Cell{Text: shortName(r.Subject, full, vendor), Raw: full}, output.Str(vendor)
			row[4] = resultCellIn(&nums[k], r, legend, terms.off[i])
			if r.OK() {
				row[5] = output.Str(string(r.Status))
			}
			row[6] = evidenceCell(r.Evidence)
			if termColumn {
				row[7] = output.Str(terms.text[i])
			}
			if explain && r.OK() {
				explained[part] = append(explained[part], r.Subject+":")
				explained[part] = append(explained[part], explainLines(*r)...)
			}
		}
		legends[part] = legend
	})
	legend := markLegend{}
	for _, l := range legends {
		for mark := range l {
			legend.add(mark)
		}
	}
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes, terms.notes...)
	t.Notes = append(t.Notes, slices.Concat(explained...)...)
	return t
}

// rankTexts returns the ranks of places as text, "=" marking a rank not
// separable from a neighbour, in one allocation for all of them.
func rankTexts(places []compare.Place) []string {
	buf := make([]byte, 0, 8*len(places))
	end := make([]int, len(places))
	for k, p := range places {
		buf = strconv.AppendInt(buf, int64(p.Rank), 10)
		if p.NotSeparable {
			buf = append(buf, "="...)
		}
		end[k] = len(buf)
	}
	all, texts, start := string(buf), make([]string, len(places)), 0
	for k, e := range end {
		texts[k], start = all[start:e], e
	}
	return texts
}

// partsOf returns how many goroutines build a table of n rows: one per
// processor for a long table, as evaluateAll splits its subjects, and one
// below a few thousand rows, where a goroutine costs more than it saves.
func partsOf(n int) int {
	const chunk = 4096
	return max(1, min(runtime.GOMAXPROCS(0), n/chunk))
}

// inParts splits n rows into parts ranges of about equal length and calls
// f for each at once, with the part's number; f writes only its own rows
// and part's slot, so that the result is the same whatever the split.
func inParts(n, parts int, f func(part, first, last int)) {
	if parts == 1 {
		f(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { f(p, n*p/parts, n*(p+1)/parts) })
	}
	wg.Wait()
}
