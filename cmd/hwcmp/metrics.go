package main

import (
	"context"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/spf13/pflag"
)

func metricsCommand() *command {
	return &command{
		name:  "metrics",
		usage: "[--format F]",
		short: "list the metrics rank, compare and pareto can compute",
		long: `
'hwcmp metrics' lists every metric: its name, its formula, the unit of its
values, whether higher or lower is better, and the inputs it needs.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("metrics takes no arguments")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				t := &output.Table{
					Name:  "metrics",
					Title: "Metrics",
					Columns: []output.Column{
						{Key: "name", Header: "name"}, {Key: "formula", Header: "formula"}, {Key: "unit", Header: "unit"},
						{Key: "base_unit", Header: "base unit", Priority: 1}, {Key: "better", Header: "better"},
						{Key: "inputs", Header: "inputs", Priority: 2}, {Key: "description", Header: "description", Priority: 3},
					},
				}
				for _, m := range w.metrics.All() {
					var ins []string
					for _, in := range m.Inputs() {
						ins = append(ins, in.Name)
					}
					t.Rows = append(t.Rows, []output.Cell{
						output.Str(m.Name), output.Str(m.Formula()), output.Str(m.Display.Symbol), output.Str(m.Unit),
						output.Str(m.Better()), output.Str(strings.Join(ins, ", ")), output.Str(m.Doc),
					})
				}
				t.Notes = []string{"[precision, sparsity]: the metric reads throughput at --precision and --sparsity (dense by default)."}
				return t.Write(e.stdout, f)
			}
		},
	}
}
