package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/claims"
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

func claimsCommand() *command {
	return &command{
		name:  "claims",
		usage: "[--claims FILE] [--only ID,...] [--only-file FILE] [--strict] [--keep-going] | claims show ID",
		short: "check vendor and analyst claims against the data, with verdicts and evidence",
		long: `
'hwcmp claims' computes every claim (the built-in ones and those in --claims
FILE) from the spec sheets, prices, models and benchmarks, and judges the
whole computed range against the claim as read (docs/CLAIMS.md has the
rules, with the hedge vocabulary):

	supported     the whole range meets the claim
	close         the range straddles its edge, or misses it by at most
	              half the tolerance
	contradicted  further off
	unverifiable  an input is missing: the verdict names it
	mismatch      the claim compares unlike figures (sparse with dense,
	              two precisions): the like-for-like reading is beside it
	conditional   the figures rest on another claim that does not hold

A verdict that rests on estimates, assumptions or targets says so. A
per-system claim between systems with different chip counts is read per
chip too. 'hwcmp claims show ID' prints the full evidence chain: every
input with its status, source and date.

A claim naming an unknown metric, subject or precision, a unit that does
not fit its metric, or a claims file that cannot be read is an error
(file:line:col). --keep-going lists such problems and checks the rest.
--strict (for data teams' CI) exits 1 on any problem, on any verdict that
differs from the claim's 'expect' column, and on any contradicted claim
without one; it names every one of them. The sheet format is in
docs/CLAIMS.md.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			files := fs.StringArray("claims", nil, "also check the claims in this CSV `FILE` (repeatable)")
			only := fs.String("only", "", "check only these claim `IDs` (comma-separated)")
			onlyFile := fs.String("only-file", "", "check only the claim ids listed in `FILE` (by comma or line), for lists longer than a command line holds")
			strict := fs.Bool("strict", false, "exit 1 on any problem, unexpected verdict or contradicted claim, naming all")
			keepGoing := fs.Bool("keep-going", false, "list claims that cannot be checked (bad rows, unknown ids) and check the rest")
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				f, w, err := e.start()
				if err != nil {
					return err
				}
				all, problems, err := userClaims(w, *files, *keepGoing)
				if err != nil {
					return err
				}
				k := claims.NewChecker(w.engine, w.metrics, w.bench, all)
				if len(args) > 0 {
					if args[0] != "show" || len(args) != 2 {
						return usageError("claims takes no arguments except 'show ID'")
					}
					var ids []string
					for _, c := range all {
						if strings.EqualFold(c.ID, args[1]) {
							return claimDetail(k.Check(c)).Write(e.stdout, f)
						}
						ids = append(ids, c.ID)
					}
					return fmt.Errorf("no claim %q%s ('hwcmp claims' lists them)", args[1], didYouMean(args[1], ids))
				}
				sel, err := selectClaims(all, *only, *onlyFile)
				if err != nil {
					return err
				}
				// Rows are laid out as claims are checked, so that a long
				// list keeps no verdicts, only its table.
				k.SkipEvidence = f.Format != output.JSON
				vt := newVerdictTable(f.Format == output.JSON)
				var fails []string
				for _, c := range sel {
					v := k.Check(c)
					vt.add(v)
					if why := strictFailure(v); why != "" {
						fails = append(fails, why)
					}
				}
				t := vt.finish()
				for _, p := range problems {
					t.Notes = append(t.Notes, "not checked: "+p.Error())
				}
				tables := []*output.Table{t}
				// CSV holds one table: the consistency table comes with
				// --table consistency or --output-dir.
				oneTable := f.Format == output.CSV && f.Table == "" && f.Dir == ""
				if ct := consistencyTable(k.Consistency(sel)); ct != nil && !oneTable {
					tables = append(tables, ct)
				}
				if err := output.WriteAll(e.stdout, f, tables...); err != nil {
					return err
				}
				if *strict {
					return strictFailures(e, problems, fails)
				}
				return nil
			}
		},
	}
}

// userClaims merges the --claims files into the loaded claims and checks
// them all against the data. Without keepGoing any problem is the error;
// with it, the claims with problems are left out and returned as
// problems, each naming file:line:col.
func userClaims(w *world, files []string, keepGoing bool) ([]*claims.Claim, sheet.Errors, error) {
	all := w.claims
	var problems sheet.Errors
	from := make(map[string]sheet.Pos) // id → the --claims row that has it
	for _, file := range files {
		extra, err := claims.LoadFile(file)
		var errs sheet.Errors
		if err != nil && !errors.As(err, &errs) {
			return nil, nil, err
		}
		problems = append(problems, errs...)
		kept := extra[:0]
		for _, c := range extra {
			if first, dup := from[c.ID]; dup {
				problems = append(problems, c.Pos.Errorf("id", "duplicate claim id %q (also at %s)", c.ID, first))
				continue
			}
			from[c.ID] = c.Pos
			kept = append(kept, c)
		}
		all = claims.MergeOnly(all, kept)
	}
	if err := claims.CheckInputs(all); err != nil {
		var errs sheet.Errors
		errors.As(err, &errs)
		problems = append(problems, errs...)
	}
	problems = append(problems, claims.Validate(all, w.engine, w.metrics)...)
	problems.Sort()
	if len(problems) == 0 {
		return all, nil, nil
	}
	if !keepGoing {
		return nil, nil, fmt.Errorf("%d problem(s) in the claims (--keep-going checks the rest):\n%w", len(problems), problems)
	}
	bad := make(map[string]bool)
	for _, p := range problems {
		for _, c := range all {
			if c.Pos.File() == p.File && c.Pos.Line() == p.Line {
				bad[c.ID] = true
			}
		}
	}
	kept := make([]*claims.Claim, 0, len(all))
	for _, c := range all {
		if !bad[c.ID] {
			kept = append(kept, c)
		}
	}
	return kept, problems, nil
}

// selectClaims returns the claims --only and --only-file name, in their
// order. Ids match exactly, or else whatever their case (--only is
// folded to lower case).
func selectClaims(all []*claims.Claim, only, onlyFile string) ([]*claims.Claim, error) {
	if onlyFile != "" {
		data, err := os.ReadFile(onlyFile)
		if err != nil {
			return nil, fmt.Errorf("--only-file: %w", err)
		}
		listed := strings.Join(strings.FieldsFunc(string(data), func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }), ",")
		if listed == "" {
			return nil, usageError("--only-file: %s names no claim", onlyFile)
		}
		only = strings.Trim(only+","+listed, ",")
	}
	if only == "" {
		return all, nil
	}
	byID := make(map[string]*claims.Claim, len(all))
	folded := make(map[string]*claims.Claim, len(all))
	for _, c := range all {
		byID[c.ID] = c
		folded[strings.ToLower(c.ID)] = c
	}
	ids := strings.Split(only, ",")
	sel := make([]*claims.Claim, 0, len(ids))
	for _, id := range ids {
		c, ok := byID[strings.TrimSpace(id)]
		if !ok {
			c, ok = folded[strings.ToLower(strings.TrimSpace(id))]
		}
		if !ok {
			var known []string
			for k := range byID {
				known = append(known, k)
			}
			return nil, usageError("--only: no claim %q%s", id, didYouMean(strings.TrimSpace(id), known))
		}
		sel = append(sel, c)
	}
	return sel, nil
}

// strictFailure says why v fails --strict: its verdict differs from its
// claim's expect column, or it is contradicted and has none; "" if not.
func strictFailure(v claims.Verdict) string {
	c := v.Claim
	switch {
	case c.Expect != "" && v.Verdict != c.Expect:
		return fmt.Sprintf("claim %s is %s, expected %s (%s)", c.ID, v.Verdict, c.Expect, c.Pos)
	case c.Expect == "" && v.Verdict == claims.Contradicted:
		return fmt.Sprintf("claim %s is contradicted (%s)", c.ID, c.Pos)
	}
	return ""
}

// strictFailures names every problem and every failing verdict; any makes
// hwcmp exit 1.
func strictFailures(e *env, problems sheet.Errors, fails []string) error {
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "hwcmp: --strict: %v\n", p)
	}
	for _, f := range fails {
		fmt.Fprintf(e.stderr, "hwcmp: --strict: %s\n", f)
	}
	if n := len(problems) + len(fails); n > 0 {
		fmt.Fprintf(e.stderr, "hwcmp: --strict: %d failure(s)\n", n)
		return errFailed
	}
	return nil
}

// computedText writes a verdict's computed value, ratio or value, with its
// range.
func computedText(v claims.Verdict) (string, any) {
	if v.Missing != "" {
		return "", nil
	}
	return figureText(v.Claim, v.IsRatio, v.Value, v.Range), v.Value
}

// figureText writes a computed ratio or value with its range.
func figureText(c *claims.Claim, isRatio bool, value float64, rng compare.Interval) string {
	if isRatio {
		s := fmt.Sprintf("%.3gx", value)
		if lo, hi := fmt.Sprintf("%.3g", rng.Lo), fmt.Sprintf("%.3g", rng.Hi); lo+"x" != s || hi+"x" != s {
			s += " [" + lo + "–" + hi + "]"
		}
		if c.Kind == claims.ChangeClaim {
			s += fmt.Sprintf(" (%+.3g%%)", 100*(value-1))
		}
		return s
	}
	d := units.Display{Symbol: c.Unit, PerBase: 1, Class: units.Plain}
	if u, ok := units.Lookup(c.Unit); ok {
		d.PerBase = 1 / u.Factor
		if u.Dim == units.Money {
			d = u.Dim.Display()
		}
	}
	sc := d.CommonScale([]float64{value, rng.Lo, rng.Hi})
	s := sc.FormatUnit(value)
	if lo, hi := sc.Format(rng.Lo), sc.Format(rng.Hi); lo != sc.Format(value) || hi != sc.Format(value) {
		s += " [" + lo + "–" + hi + "]"
	}
	return s
}

// whyText is the one-line reason shown beside a verdict: what is missing
// or mismatched, the like-for-like reading, the claims it rests on, or
// the first warning.
func whyText(v claims.Verdict) string {
	var parts []string
	if v.Missing != "" {
		parts = append(parts, v.Missing)
	}
	if v.Mismatch != "" {
		parts = append(parts, v.Mismatch)
	}
	if l := v.LikeForLike; l != nil {
		if l.Verdict == claims.Unverifiable {
			parts = append(parts, l.What+": "+l.Missing)
		} else {
			parts = append(parts, fmt.Sprintf("%s: %s %s", l.What, figureText(v.Claim, v.IsRatio, l.Value, l.Range), l.Verdict))
		}
	}
	if len(v.DependsOn) > 0 {
		parts = append(parts, "rests on "+strings.Join(v.DependsOn, ", "))
	}
	if len(parts) == 0 && len(v.Warnings) > 0 {
		parts = append(parts, v.Warnings[0])
	}
	return strings.Join(parts, "; ")
}

// readingJSON is a recomputation of a claim beside its as-stated one.
type readingJSON struct {
	What      string   `json:"what"`
	Verdict   string   `json:"verdict"`
	Value     *float64 `json:"value"`
	RangeLow  *float64 `json:"range_low"`
	RangeHigh *float64 `json:"range_high"`
	Distance  *float64 `json:"distance"`
	Status    string   `json:"status"`
	Missing   string   `json:"missing,omitempty"`
}

// verdictJSON is what JSON output carries of a verdict beyond the table.
type verdictJSON struct {
	Kind        string       `json:"kind"`
	Unit        string       `json:"unit"`
	Low         float64      `json:"claimed_low"`
	High        float64      `json:"claimed_high"`
	Hedge       string       `json:"hedge,omitempty"`
	Tolerance   float64      `json:"tolerance"`
	Reading     string       `json:"reading"`
	Value       *float64     `json:"value"`
	RangeLow    *float64     `json:"range_low"`
	RangeHigh   *float64     `json:"range_high"`
	Distance    *float64     `json:"distance"`
	Status      string       `json:"status"`
	Verdict     string       `json:"verdict"`
	Expect      string       `json:"expect,omitempty"`
	Baseline    string       `json:"deciding_baseline,omitempty"`
	Missing     string       `json:"missing,omitempty"`
	Mismatch    string       `json:"mismatch,omitempty"`
	LikeForLike *readingJSON `json:"like_for_like,omitempty"`
	DependsOn   []string     `json:"depends_on,omitempty"`
	Uncond      string       `json:"unconditional_verdict,omitempty"`
	Warnings    []string     `json:"warnings"`
	Position    string       `json:"position"`
}

func detailCell(v claims.Verdict) output.Cell {
	c := v.Claim
	unit := c.Unit
	if unit == "" {
		unit = "ratio"
	}
	j := verdictJSON{Kind: string(c.Kind), Unit: unit, Low: c.Low, High: c.High, Hedge: c.Hedge, Tolerance: c.Tolerance,
		Reading: v.Reading, Status: string(v.Status), Verdict: v.Verdict, Expect: c.Expect, Baseline: v.Baseline,
		Missing: v.Missing, Mismatch: v.Mismatch, DependsOn: v.DependsOn,
		Uncond: v.Unconditional, Warnings: append([]string{}, v.Warnings...), Position: c.Pos.String()}
	if v.Missing == "" {
		val, lo, hi, d := v.Value, v.Range.Lo, v.Range.Hi, v.Distance
		j.Value, j.RangeLow, j.RangeHigh, j.Distance = &val, &lo, &hi, &d
	}
	if l := v.LikeForLike; l != nil {
		r := &readingJSON{What: l.What, Verdict: l.Verdict, Status: string(l.Status), Missing: l.Missing}
		if l.Missing == "" {
			val, lo, hi, d := l.Value, l.Range.Lo, l.Range.Hi, l.Distance
			r.Value, r.RangeLow, r.RangeHigh, r.Distance = &val, &lo, &hi, &d
		}
		j.LikeForLike = r
	}
	return output.Cell{Raw: j}
}

// verdictTable lays out verdicts as they are checked; the structured
// check and evidence columns, which only JSON shows, are filled when
// detail is set.
type verdictTable struct {
	t       *output.Table
	detail  bool
	counts  map[string]int
	authors map[string]string // see intern
}

func newVerdictTable(detail bool) *verdictTable {
	cols := []output.Column{
		{Key: "id", Header: "id"}, {Key: "author", Header: "author", Priority: 3}, {Key: "claimed", Header: "claimed", Priority: 1},
		{Key: "computed", Header: "computed"}, {Key: "verdict", Header: "verdict"}, {Key: "why", Header: "missing / mismatch / warning", Priority: 2},
	}
	if detail { // the columns only JSON shows: other formats do without their cells
		cols = append(cols, output.Column{Key: "statement", Header: "statement", JSONOnly: true}, output.Column{Key: "check", Header: "check", JSONOnly: true},
			output.Column{Key: "evidence", Header: "evidence", JSONOnly: true})
	}
	return &verdictTable{detail: detail, counts: map[string]int{}, authors: map[string]string{}, t: &output.Table{Name: "claims", Title: "Claims", Columns: cols}}
}

// add lays out one verdict.
func (vt *verdictTable) add(v claims.Verdict) {
	vt.counts[v.Verdict]++
	comp, raw := computedText(v)
	why := whyText(v)
	computed := output.Cell{Text: comp, Raw: raw}
	if raw == nil {
		computed = output.Cell{Text: "-", Missing: v.Verdict + ": " + why}
	}
	row := []output.Cell{output.Str(v.Claim.ID), output.Str(v.Claim.Author), output.Str(v.Claim.Describe()),
		computed, {Text: v.Label(), Raw: v.Verdict}, output.Str(why)}
	if vt.detail {
		row = append(row, output.Str(v.Claim.Statement), detailCell(v), evidenceCell(v.Evidence))
	} else {
		// The id and author are cut from the claim's sheet record; a copy
		// lets the record go once the claim is checked (13 MB for 50,000).
		row[0].Text, row[1].Text = strings.Clone(row[0].Text), vt.intern(row[1].Text)
	}
	vt.t.Rows = append(vt.t.Rows, row)
}

// intern returns one copy of each author's name, however many claims
// name the author.
func (vt *verdictTable) intern(s string) string {
	if c, ok := vt.authors[s]; ok {
		return c
	}
	c := strings.Clone(s)
	vt.authors[c] = c
	return c
}

// finish returns the table with its count of verdicts.
func (vt *verdictTable) finish() *output.Table {
	c := vt.counts
	vt.t.Notes = append(vt.t.Notes, fmt.Sprintf("%d %s: %d supported, %d close, %d contradicted, %d unverifiable, %d mismatch, %d conditional. Evidence for one: hwcmp claims show ID",
		len(vt.t.Rows), plural(len(vt.t.Rows), "claim", "claims"), c[claims.Supported], c[claims.Close], c[claims.Contradicted], c[claims.Unverifiable], c[claims.Mismatch], c[claims.Conditional]))
	return vt.t
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
			{"read as", v.Reading},
		},
		Columns: []output.Column{{Key: "input", Header: "input"}, {Key: "subject", Header: "of"}, {Key: "what", Header: "what"},
			{Key: "value", Header: "value"}, {Key: "times", Header: "×"}, {Key: "status", Header: "status"},
			{Key: "source", Header: "source"}, {Key: "as_of", Header: "as of"}, {Key: "note", Header: "note"}},
	}
	if len(c.Baselines) > 0 {
		t.Context = append(t.Context, [2]string{"baseline", strings.Join(c.Baselines, ", ")})
	}
	if s := c.Serving(); s != "" {
		t.Context = append(t.Context, [2]string{"serving", s})
	}
	if v.Baseline != "" {
		t.Context = append(t.Context, [2]string{"decided by", "the baseline it fares worst against: " + v.Baseline})
	}
	switch {
	case v.Missing != "":
		t.Context = append(t.Context, [2]string{"missing", v.Missing})
	case v.Mismatch != "":
		t.Context = append(t.Context, [2]string{"mismatch", v.Mismatch}, [2]string{"as stated", comp})
	default:
		t.Context = append(t.Context, [2]string{"computed", fmt.Sprintf("%s (status %s; %.1f%% from the claim)", comp, v.Status, 100*v.Distance)})
	}
	if l := v.LikeForLike; l != nil {
		text := l.Missing
		if l.Verdict != claims.Unverifiable {
			text = fmt.Sprintf("%s: %s (%.1f%% from the claim)", figureText(c, v.IsRatio, l.Value, l.Range), l.Verdict, 100*l.Distance)
		}
		t.Context = append(t.Context, [2]string{l.What, text})
	}
	if len(v.DependsOn) > 0 {
		t.Context = append(t.Context, [2]string{"rests on", strings.Join(v.DependsOn, ", ") + "; if " + plural(len(v.DependsOn), "it holds", "they hold") + ", the verdict is " + v.Unconditional})
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

// consistencyTable lists the prices each author's pairs of performance
// and performance-per-dollar claims imply, against the price data; nil
// when there are none.
func consistencyTable(ims []claims.Implied) *output.Table {
	if len(ims) == 0 {
		return nil
	}
	t := &output.Table{
		Name:  "consistency",
		Title: "Consistency: prices implied by one author's performance and performance-per-dollar claims",
		Columns: []output.Column{
			{Key: "author", Header: "author"}, {Key: "claims", Header: "claims"}, {Key: "price_ratio", Header: "price ratio"},
			{Key: "implied", Header: "implied"}, {Key: "actual", Header: "price data"}, {Key: "verdict", Header: "verdict"},
			{Key: "why", Header: "missing / warning"},
		},
	}
	word := map[string]string{claims.Supported: "consistent", claims.Close: "close", claims.Contradicted: "inconsistent", claims.Unverifiable: "unverifiable"}
	inconsistent := map[string]bool{}
	for _, im := range ims {
		actual := output.Cell{Text: "-", Missing: im.Missing}
		if im.Missing == "" {
			actual = output.Cell{Text: figureText(&claims.Claim{}, true, im.Actual, im.Range), Raw: im.Actual}
		}
		why := im.Missing
		if why == "" && len(im.Warnings) > 0 {
			why = im.Warnings[0]
		}
		if im.Verdict == claims.Contradicted {
			inconsistent[im.Author] = true
		}
		t.Rows = append(t.Rows, []output.Cell{output.Str(im.Author), output.Str(im.Perf.ID + " + " + im.PerDollar.ID),
			output.Str(im.Against + " ÷ " + im.Subject), {Text: fmt.Sprintf("%.3gx", im.Implied), Raw: im.Implied}, actual,
			{Text: word[im.Verdict], Raw: im.Verdict}, output.Str(why)})
	}
	for a := range inconsistent {
		t.Notes = append(t.Notes, fmt.Sprintf("%s's claims are internally inconsistent: their performance and performance-per-dollar figures imply prices the price data does not show.", a))
	}
	sort.Strings(t.Notes)
	return t
}

// plural picks one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
