package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/hwcmp/hwcmp/claims"
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/spf13/pflag"
)

func validateCommand() *command {
	return &command{
		name:  "validate",
		usage: "[--data DIR] [--no-defaults] [--strict-sources]",
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
validate lists each replacement. The format is described in docs/DATA.md.

It also checks every source (docs/DATA.md, "Source tiers"): a vendor or
measured row must cite a primary source (the maker's or seller's own
document), a reported row a secondary one, and no source may be a session
link (?authuser=), a proxy or mirror, or a fork of an official repository.
A status/tier conflict is a problem; flawed addresses, and a preferred
figure on a weaker tier than an alternative, are warnings (counted in the
summary) unless --strict-sources makes them problems too.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			e.data.register(fs)
			strict := fs.Bool("strict-sources", false, "count status/tier conflicts and flawed source addresses as problems")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("validate takes no arguments")
				}
				ds, errs, err := e.data.loadAll()
				if err != nil {
					return err
				}
				// Claims naming unknown metrics, subjects or sites, with units
				// that do not fit, or resting on each other, are problems too.
				errs = append(errs, claims.Validate(ds.claims, ds.engine, ds.metrics)...)
				if err := ctx.Err(); err != nil {
					return err
				}
				errs.Sort()
				for _, line := range ds.overrides() {
					fmt.Fprintln(e.stdout, output.PrintableLines(line))
				}
				for _, err := range errs {
					// Errors quote the sheets' bytes: never send them raw to a terminal.
					fmt.Fprintln(e.stdout, output.PrintableLines(err.Error()))
				}
				srcErrs := append(ds.catalog.SourceProblems(), ds.book.SourceProblems()...)
				for _, r := range ds.bench {
					// A benchmark result has no status column: check its address.
					srcErrs = append(srcErrs, specs.SourceProblems(r.Pos, "", r.Source)...)
				}
				srcErrs.Sort()
				failing, warnings := splitSourceProblems(srcErrs, *strict)
				for _, err := range srcErrs {
					line := output.PrintableLines(err.Error())
					if !slices.Contains(failing, err) {
						line = "warning: " + line
					}
					fmt.Fprintln(e.stdout, line)
				}
				printImplausible(e.stdout, ds)
				errs = append(errs, failing...)
				errs.Sort()
				conflicts, otherWarnings := 0, 0
				for _, err := range srcErrs {
					if isTierConflict(err) {
						conflicts++
					}
				}
				for _, err := range warnings {
					if !isTierConflict(err) {
						otherWarnings++
					}
				}
				cat := ds.catalog
				derived := 0
				for _, v := range cat.Values.Values() {
					if v.Formula != "" {
						derived++
					}
				}
				book := ds.book
				fmt.Fprintf(e.stdout, "%d chips, %d systems, %d figures (%d derived, %d ratios); %d prices, %d capex, site and assumption figures, %d sites, %d scenarios; %d replaced by --data; %d status/tier conflict(s), %d other source warning(s); %d problem(s)\n",
					len(cat.Chips), len(cat.Systems), len(cat.Values.Values()), derived, len(cat.Values.RelativeValues()),
					len(book.Prices.All()), len(book.Figures.Values()), len(book.Sites), len(book.Scenarios),
					len(ds.overrides()), conflicts, otherWarnings, len(errs))
				if n := len(ds.implausible); n > 0 {
					fmt.Fprintf(e.stdout, "%d figure(s) outside their plausible range loaded under --bounds warn (listed above as warnings)\n", n)
				}
				if len(errs) > 0 {
					return errFailed
				}
				return nil
			}
		},
	}
}

// tierConflictsFail says whether a row whose status its source's tier
// does not support (a vendor figure on a news site) fails validate
// without --strict-sources: it does, since the built-in data has none.
// Flawed addresses and preferred figures on a weaker tier are warnings
// unless --strict-sources.
const tierConflictsFail = true

// isTierConflict reports whether a source problem is a status/tier
// conflict (it points at the status column).
func isTierConflict(e *sheet.Error) bool { return e.Column == "status" }

// splitSourceProblems divides source problems into those that fail
// validate and those that are warnings.
func splitSourceProblems(errs sheet.Errors, strict bool) (failing, warnings sheet.Errors) {
	for _, e := range errs {
		if strict || tierConflictsFail && isTierConflict(e) {
			failing = append(failing, e)
		} else {
			warnings = append(warnings, e)
		}
	}
	return failing, warnings
}
