package main

import (
	"context"
	"fmt"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/spf13/pflag"
)

func paretoCommand() *command {
	return &command{
		name:  "pareto",
		usage: "--x METRIC --y METRIC [flags]",
		short: "find the chips or systems no other beats on both of two metrics",
		long: `
'hwcmp pareto' evaluates two metrics for every chip (or system) selected and
lists the non-dominated set first: those that no other subject matches or
beats on both metrics while beating them on one. Each metric's direction is
honoured (lower power is better). Dominated subjects follow, each with one
subject that dominates it; subjects missing either value are listed last.

Example:
	hwcmp pareto --x throughput --y memory-bandwidth --precision fp8`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			xName := fs.String("x", "", "the first `metric`")
			yName := fs.String("y", "", "the second `metric`")
			var ef engineFlags
			ef.register(fs, true)
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("pareto takes no arguments")
				}
				if *xName == "" || *yName == "" {
					return usageError("pareto needs --x and --y metrics")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				mx, err := lookupMetric(w, "x", *xName)
				if err != nil {
					return err
				}
				my, err := lookupMetric(w, "y", *yName)
				if err != nil {
					return err
				}
				o, err := ef.configure(w, mx, my)
				if err != nil {
					return err
				}
				mx, my = mx.At(o.Precision), my.At(o.Precision) // INT8 in OPS, not FLOPS
				ids, selection, err := ef.subjects(w.catalog, o, mx, my)
				if err != nil {
					return err
				}
				xs, err := evaluateAll(ctx, w.engine, mx, ids, o)
				if err != nil {
					return err
				}
				ys, err := evaluateAll(ctx, w.engine, my, ids, o)
				if err != nil {
					return err
				}
				basisCtx := splitBases(o, compare.Result{}, xs, ys)
				points, missing := compare.Pareto(xs, ys)
				legend := markLegend{}
				t := &output.Table{
					Name:  "pareto",
					Title: fmt.Sprintf("Pareto set: %s (%s is better) vs %s (%s is better)", mx.Name, mx.Better(), my.Name, my.Better()),
					Context: [][2]string{
						{"normalization", o.Describe(mx)},
						{"subjects", selection},
					},
					Columns: []output.Column{
						{Key: "id", Header: "id"}, {Key: "name", Header: "name"},
						metricColumn("x", mx), metricColumn("y", my),
						{Key: "pareto", Header: "pareto"}, {Key: "dominated_by", Header: "dominated by"},
					},
				}
				t.Context = append(t.Context, pricingContext(w, o, mx, my)...)
				t.Context = append(t.Context, basisCtx...)
				for _, p := range points {
					front := "★"
					if p.DominatedBy != "" {
						front = ""
					}
					t.Rows = append(t.Rows, []output.Cell{output.Str(p.X.Subject), nameCell(w.catalog, p.X.Subject),
						resultCell(p.X, legend), resultCell(p.Y, legend), {Text: front, Raw: p.DominatedBy == ""}, output.Str(p.DominatedBy)})
				}
				for _, r := range missing {
					cx, cy := output.Missing(r.Missing), output.Missing("")
					if r.Metric == my {
						cx, cy = output.Missing(""), output.Missing(r.Missing)
					}
					t.Rows = append(t.Rows, []output.Cell{output.Str(r.Subject), nameCell(w.catalog, r.Subject), cx, cy, {Text: "", Raw: false}, output.Str("")})
				}
				t.Notes = append(t.Notes, "★ non-dominated: no other subject is at least as good on both metrics and better on one.")
				if n := legend.note(); n != "" {
					t.Notes = append(t.Notes, n)
				}
				t.Notes = append(t.Notes, allTermNotes(append(xs, ys...)...)...)
				return t.Write(e.stdout, f)
			}
		},
	}
}
