package main

import (
	"context"
	"fmt"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"

	"github.com/spf13/pflag"
)

func validateCommand() *command {
	return &command{
		name:  "validate",
		usage: "[--data DIR] [--no-defaults]",
		short: "check the data sheets and report every problem",
		long: `
'hwcmp validate' reads the built-in sheets and any --data folders and reports
every problem it finds as file:line:col: column: problem — malformed CSV,
missing or unknown columns, bad numbers, unknown or wrong-dimension units,
duplicate keys, unknown references, impossible values, bad dates, broken
ranges, unknown statuses — then a summary. It exits 1 if there are problems
and 0 if the data is clean.

A --data folder holds CSV sheets named by kind: chips*.csv, systems*.csv and
values*.csv. A row whose key matches a built-in row replaces it, and
validate lists each replacement. The format is described in docs/DATA.md.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			e.data.register(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("validate takes no arguments")
				}
				ds, errs, err := e.data.loadAll()
				if err != nil {
					return err
				}
				for _, line := range ds.overrides() {
					fmt.Fprintln(e.stdout, output.PrintableLines(line))
				}
				for _, err := range errs {
					// Errors quote the sheets' bytes: never send them raw to a terminal.
					fmt.Fprintln(e.stdout, output.PrintableLines(err.Error()))
				}
				cat := ds.catalog
				derived := 0
				for _, v := range cat.Values.Values() {
					if v.Formula != "" {
						derived++
					}
				}
				book := ds.book
				fmt.Fprintf(e.stdout, "%d chips, %d systems, %d figures (%d derived, %d ratios); %d prices, %d capex, site and assumption figures, %d sites, %d scenarios; %d replaced by --data; %d problem(s)\n",
					len(cat.Chips), len(cat.Systems), len(cat.Values.Values()), derived, len(cat.Values.RelativeValues()),
					len(book.Prices.All()), len(book.Figures.Values()), len(book.Sites), len(book.Scenarios),
					len(ds.overrides()), len(errs))
				if len(errs) > 0 {
					return errFailed
				}
				return nil
			}
		},
	}
}
