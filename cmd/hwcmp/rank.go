package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/parts"
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
				ids, names, selection, err := ef.namedSubjects(w.catalog, o, true, m)
				if err != nil {
					return err
				}
				results, err := evaluateAll(ctx, w.engine, m, ids, o)
				if err != nil {
					return err
				}
				basisCtx := splitBases(o, compare.Result{}, results)
				t := rankTable(w, m, o, selection, results, names, *top, ef.explain)
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

// rankTable returns the ranking of results. names, when not nil, holds
// each result's subjectRef (namedSubjects), so that no subject is looked
// up by id again.
func rankTable(w *world, m *compare.Metric, o compare.Options, selection string, results []compare.Result, names []subjectRef, top int, explain bool) *output.Table {
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
	// What costs a lookup is found once per row, here, on every processor;
	// the cells are made from it as the table is written (FillRow), so that
	// 100,000 rows are never all held as cells at once.
	// The rows read only rows[k], in order: a result is read once, here,
	// not at random on every pass of a writer.
	type rankRow struct {
		result           int // index in results
		ok               bool
		rank             string
		subject, short   string // the id and the display name
		full             any    // the name as the sheet spells it, for CSV and JSON
		vendor, status   string
		mark             string // the value's marks
		term             string // priced on
		value, low, high float64
	}
	n := len(ranked) + len(missing)
	rows := make([]rankRow, n)
	nParts := parts.Of(n)
	legends := make([]markLegend, nParts)
	explained := make([][]string, nParts)
	parts.Run(n, nParts, func(part, first, last int) {
		legend := markLegend{}
		ranks := rankTexts(ranked[min(first, len(ranked)):min(last, len(ranked))])
		for k := first; k < last; k++ {
			row := &rows[k]
			if k < len(ranked) {
				row.result, row.rank = ranked[k].Index, ranks[k-first]
				if ranked[k].NotSeparable {
					legend.add("=")
				}
			} else {
				row.result, row.rank = missing[k-len(ranked)], "-"
			}
			r := &results[row.result]
			var full, vendor string
			if len(names) == len(results) && names[row.result].id == r.Subject {
				full, vendor = names[row.result].name, names[row.result].vendor
			} else {
				full, vendor = subjectName(w.catalog, r.Subject) // --chips or --systems: few rows
			}
			row.subject, row.short, row.full, row.vendor = r.Subject, shortName(r.Subject, full, vendor), full, vendor
			row.term = terms.text[row.result]
			if row.ok = r.OK(); row.ok {
				row.status, row.value, row.low, row.high = string(r.Status), r.Value, r.Range.Lo, r.Range.Hi
				row.mark = resultMark(r, legend, terms.off[row.result])
			}
			if explain && r.OK() {
				explained[part] = append(explained[part], r.Subject+":")
				explained[part] = append(explained[part], explainLines(*r)...)
			}
		}
		legends[part] = legend
	})
	t.NumRows = n
	t.FillRow = func(k int, cells []output.Cell) {
		row := &rows[k]
		cells[0] = output.Cell{Text: row.rank, Missing: "not ranked: its value is missing"}
		if k < len(ranked) {
			cells[0] = output.Cell{Text: row.rank, Raw: float64(ranked[k].Rank)}
		}
		cells[1], cells[2], cells[3] = output.Str(row.subject), output.Cell{Text: row.short, Raw: row.full}, output.Str(row.vendor)
		if row.ok {
			cells[4] = output.RangeAt(&row.value, row.low, row.high)
			cells[4].Mark = row.mark
			cells[5] = output.Str(row.status)
		} else {
			cells[4] = output.Missing(results[row.result].Missing)
		}
		cells[6] = evidenceCellOf(&results[row.result].Evidence)
		if termColumn {
			cells[7] = output.Str(row.term)
		}
	}
	legend := markLegend{}
	for _, l := range legends {
		for mark := range l {
			legend.add(mark)
		}
	}
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	// The term notes name the rows shown (all but those --top cuts), each
	// line once, in the results' order.
	shown := make([]int, n)
	for k := range rows {
		shown[k] = rows[k].result
	}
	slices.Sort(shown)
	seen := make(map[string]bool)
	for _, i := range shown {
		if terms.off[i] {
			t.Notes = addTermNotes(t.Notes, seen, &results[i])
		}
	}
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
