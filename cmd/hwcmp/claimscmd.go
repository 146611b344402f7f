package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/claims"
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

func claimsCommand() *command {
	return &command{
		name:  "claims",
		usage: "[--claims FILE] [--only ID,...] [--strict] | claims show ID",
		short: "check vendor and analyst claims against the data, with verdicts and evidence",
		long: `
'hwcmp claims' computes every claim (the built-in ones and those in --claims
FILE) from the spec sheets, prices, models and benchmarks, and gives a
verdict:

	supported     within the claim's tolerance (default 10%)
	close         outside it, but within twice it
	contradicted  further off
	unverifiable  an input is missing: the verdict names it
	mismatch      the claim compares unlike figures (sparse with dense,
	              different precisions): caught, not computed

A verdict that rests on estimates, assumptions or targets says so. A
per-system claim between systems with different chip counts is computed
with a warning. 'hwcmp claims show ID' prints the full evidence chain: every
input with its status, source and date.

--strict exits 1 if any claim is contradicted, for data teams' CI. The claims
sheet format is in docs/CLAIMS.md.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			files := fs.StringArray("claims", nil, "also check the claims in this CSV `FILE` (repeatable)")
			only := fs.String("only", "", "check only these claim `IDs` (comma-separated)")
			strict := fs.Bool("strict", false, "exit 1 if any claim is contradicted")
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				f, w, err := e.start()
				if err != nil {
					return err
				}
				all := w.claims
				if err := checkInputFiles("claims", *files); err != nil {
					return err
				}
				for _, file := range *files {
					extra, err := claims.LoadFile(file)
					if err != nil {
						return err
					}
					if all, err = claims.Merge(all, extra); err != nil {
						return err
					}
				}
				k := claims.NewChecker(w.engine, w.metrics, w.bench, all)
				if len(args) > 0 {
					if args[0] != "show" || len(args) != 2 {
						return usageError("claims takes no arguments except 'show ID'")
					}
					for _, c := range all {
						if c.ID == args[1] {
							return claimDetail(k.Check(c)).Write(e.stdout, f)
						}
					}
					return fmt.Errorf("no claim %q ('hwcmp claims' lists them)", args[1])
				}
				sel := all
				if *only != "" {
					sel = nil
					for _, id := range strings.Split(*only, ",") {
						found := false
						for _, c := range all {
							if c.ID == strings.TrimSpace(id) {
								sel, found = append(sel, c), true
							}
						}
						if !found {
							return usageError("--only: no claim %q", id)
						}
					}
				}
				var verdicts []claims.Verdict
				for _, c := range sel {
					verdicts = append(verdicts, k.Check(c))
				}
				if err := verdictTable(verdicts).Write(e.stdout, f); err != nil {
					return err
				}
				if *strict {
					for _, v := range verdicts {
						if v.Verdict == claims.Contradicted {
							fmt.Fprintf(e.stderr, "hwcmp: claim %s is contradicted (--strict)\n", v.Claim.ID)
							return errFailed
						}
					}
				}
				return nil
			}
		},
	}
}

// computedText writes a verdict's computed value, ratio or value, with its
// range.
func computedText(v claims.Verdict) (string, any) {
	switch {
	case v.Mismatch != "" || v.Missing != "":
		return "", nil
	case v.IsRatio:
		s := fmt.Sprintf("%.3gx", v.Value)
		if lo, hi := fmt.Sprintf("%.3g", v.Range.Lo), fmt.Sprintf("%.3g", v.Range.Hi); lo+"x" != s || hi+"x" != s {
			s += " [" + lo + "–" + hi + "]"
		}
		return s, v.Value
	}
	d := units.Display{Symbol: v.Claim.Unit, PerBase: 1, Class: units.Plain}
	if u, ok := units.Lookup(v.Claim.Unit); ok {
		d.PerBase = 1 / u.Factor
		if u.Dim == units.Money {
			d = u.Dim.Display()
		}
	}
	sc := d.CommonScale([]float64{v.Value, v.Range.Lo, v.Range.Hi})
	s := sc.FormatUnit(v.Value)
	if lo, hi := sc.Format(v.Range.Lo), sc.Format(v.Range.Hi); lo != sc.Format(v.Value) || hi != sc.Format(v.Value) {
		s += " [" + lo + "–" + hi + "]"
	}
	return s, v.Value
}

func verdictTable(vs []claims.Verdict) *output.Table {
	t := &output.Table{
		Name:  "claims",
		Title: "Claims",
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "author", Header: "author"}, {Key: "claimed", Header: "claimed"},
			{Key: "computed", Header: "computed"}, {Key: "verdict", Header: "verdict"}, {Key: "why", Header: "missing / mismatch / warning"},
			{Key: "statement", Header: "statement", JSONOnly: true}, {Key: "evidence", Header: "evidence", JSONOnly: true},
		},
	}
	counts := map[string]int{}
	for _, v := range vs {
		counts[v.Verdict]++
		comp, raw := computedText(v)
		why := v.Missing + v.Mismatch
		if why == "" && len(v.Warnings) > 0 {
			why = v.Warnings[0]
		}
		computed := output.Cell{Text: comp, Raw: raw}
		if raw == nil {
			computed = output.Cell{Text: "-", Missing: v.Verdict + ": " + why}
		}
		t.Rows = append(t.Rows, []output.Cell{output.Str(v.Claim.ID), output.Str(v.Claim.Author), output.Str(v.Claim.Describe()),
			computed, {Text: v.Label(), Raw: v.Verdict}, output.Str(why), output.Str(v.Claim.Statement), evidenceCell(v.Evidence)})
	}
	t.Notes = append(t.Notes, fmt.Sprintf("%d claims: %d supported, %d close, %d contradicted, %d unverifiable, %d mismatch. Evidence for one: hwcmp claims show ID",
		len(vs), counts[claims.Supported], counts[claims.Close], counts[claims.Contradicted], counts[claims.Unverifiable], counts[claims.Mismatch]))
	return t
}

func claimDetail(v claims.Verdict) *output.Table {
	c := v.Claim
	comp, _ := computedText(v)
	t := &output.Table{
		Name:  "evidence",
		Title: fmt.Sprintf("Claim %s: %s", c.ID, v.Label()),
		Context: [][2]string{
			{"statement", c.Statement}, {"author", fmt.Sprintf("%s, %s", c.Author, c.Date)}, {"source", c.Source},
			{"test", fmt.Sprintf("%s %s of %s (%s evidence, per %s)", c.Kind, c.Metric, c.Subject, c.Evidence, c.Per)},
			{"claimed", fmt.Sprintf("%s, tolerance %.0f%%", c.Describe(), 100*c.Tolerance)},
		},
		Columns: []output.Column{{Key: "input", Header: "input"}, {Key: "subject", Header: "of"}, {Key: "what", Header: "what"},
			{Key: "value", Header: "value"}, {Key: "times", Header: "×"}, {Key: "status", Header: "status"},
			{Key: "source", Header: "source"}, {Key: "as_of", Header: "as of"}, {Key: "note", Header: "note"}},
	}
	if len(c.Baselines) > 0 {
		t.Context = append(t.Context, [2]string{"baseline", strings.Join(c.Baselines, ", ")})
	}
	switch {
	case v.Mismatch != "":
		t.Context = append(t.Context, [2]string{"mismatch", v.Mismatch})
	case v.Missing != "":
		t.Context = append(t.Context, [2]string{"missing", v.Missing})
	default:
		t.Context = append(t.Context, [2]string{"computed", fmt.Sprintf("%s (status %s; %.1f%% from the claim)", comp, v.Status, 100*v.Distance)})
	}
	for _, w := range v.Warnings {
		t.Context = append(t.Context, [2]string{"warning", w})
	}
	if c.Note != "" {
		t.Context = append(t.Context, [2]string{"note", c.Note})
	}
	for _, e := range v.Evidence {
		t.Rows = append(t.Rows, []output.Cell{output.Str(e.Input), output.Str(e.Subject), output.Str(e.What),
			{Text: e.Shown, Raw: e.Value}, {Text: units.FormatNumber(e.Times), Raw: e.Times}, output.Str(string(e.Status)),
			output.Str(e.Source), output.Str(e.AsOf.String()), output.Str(e.Note)})
	}
	return t
}
