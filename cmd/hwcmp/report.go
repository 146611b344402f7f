package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/claims"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/plots"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/provenance"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

func reportCommand() *command {
	return &command{
		name:  "report",
		usage: "-o FILE [--chips IDS] [--precision P] [--term T] [--region R] [--scenario S] [--data DIR]",
		short: "write one self-contained HTML report: rankings, charts, tables, claims and sources",
		long: `
'hwcmp report -o report.html' writes the whole picture into one HTML file
that opens anywhere and prints cleanly to PDF: the question it answers (the
flags used), headline rankings (throughput per watt, per dollar-hour of
cloud price, per TCO dollar-hour, and per gigawatt), the charts, a
comparison table, every claim's verdict with its evidence, and the sources:
every number links to the document it comes from, with its date and status.
Targets and estimates are marked († ~) and hatched.

The file is self-contained: styles and charts (SVG) are inline, it loads
nothing from the network, and a few lines of plain JavaScript (allowed by
the page's content security policy by hash) make the tables sortable.
Names and sources from --data sheets are escaped. The file is written
atomically.

Example:
	hwcmp report -o report.html --precision fp8 --chips trn2,trn3,h200,b300,tpu-v7`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			out := fs.StringP("output", "o", "", "write the report to `FILE` (.html; - for standard output)")
			chip := fs.String("chip", "", "the `chip` whose TCO sensitivity to chart (default: the first of --chips, else b200)")
			var ef engineFlags
			ef.register(fs, true)
			var wf writeFlags
			wf.register(fs)
			e.data.register(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("report takes no arguments")
				}
				if *out == "" {
					return usageError("report needs -o FILE")
				}
				if err := unusedFlags(fs, "report", "systems", "benchmark", "bench-baseline"); err != nil {
					return err
				}
				if ef.basis != "" && !strings.EqualFold(ef.basis, "chip") {
					return usageError("--basis: the report compares chips (its per-GW figures are a column of their own)")
				}
				if ef.explain {
					return usageError("--explain: the report always shows every input's source (its Sources section)")
				}
				if ef.subj.chips != "" && (ef.kind != "" || ef.vendor != "" || ef.lifecycle != "") {
					return usageError("--chips chooses the chips: drop --kind, --vendor and --lifecycle, or drop --chips")
				}
				w, err := e.loadWorld()
				if err != nil {
					return err
				}
				if err := ef.prices.configure(w); err != nil {
					return err
				}
				if w.engine.Assumptions == nil {
					return fmt.Errorf("the report needs an assumption scenario, and the data has none (--no-defaults without a scenarios sheet)")
				}
				if ef.precision == "" {
					ef.precision = "fp8"
				}
				if w.engine.Tokens, err = ef.tokens.setup(w, specs.Precision(ef.precision)); err != nil {
					return err
				}
				var only []string
				if ef.subj.chips != "" { // ids, globs, vendor:NAME ... in the order given
					var chipIDs []string
					for _, c := range w.catalog.Chips {
						chipIDs = append(chipIDs, c.ID)
					}
					if only, err = parseSelection("--chips", ef.subj.chips).resolve(w.catalog, chipIDs); err != nil {
						return err
					}
				}
				r, err := buildReport(w, &ef, only, *chip, commandLine(fs))
				if err != nil {
					return err
				}
				page, err := r.render()
				if err != nil {
					return err
				}
				return wf.write(ctx, e.stdout, e.stdout, *out, page)
			}
		},
	}
}

// commandLine writes the command as the user gave it, from the flags they
// set, for the report's "question".
func commandLine(fs *pflag.FlagSet) string {
	parts := []string{"hwcmp report"}
	fs.Visit(func(f *pflag.Flag) {
		if f.Name == "output" {
			// The file's name, not where the author keeps it.
			parts = append(parts, "-o "+filepath.Base(f.Value.String()))
			return
		}
		if f.Value.Type() == "bool" {
			parts = append(parts, "--"+f.Name)
			return
		}
		if sa, ok := f.Value.(pflag.SliceValue); ok {
			for _, v := range sa.GetSlice() {
				parts = append(parts, "--"+f.Name+" "+v)
			}
			return
		}
		parts = append(parts, "--"+f.Name+" "+f.Value.String())
	})
	return strings.Join(parts, " ")
}

// A report is everything the HTML page shows, already formatted; the
// template only lays it out and escapes it.
type report struct {
	Title     string
	Question  string
	Command   string
	Settings  [][2]string
	DataAsOf  string
	Headlines []headline
	Charts    []reportChart
	Columns   []string
	Rows      []tableRow
	Claims    []claimEntry
	Verdicts  string
	Sites     []siteEntry
	Sources   []*sourceEntry
	Marks     []string
	Script    template.JS
	CSP       string
}

// A headline is the top of one ranking.
type headline struct {
	Title, Unit, Better string
	Entries             []valueCell
	Missing             int
	// Summary says in a sentence who leads, and whether the data can tell
	// the leader from the runner-up.
	Summary string
}

// A valueCell is one number with its status and the sources behind it.
type valueCell struct {
	Rank    int
	Name    string
	Text    string // formatted, with range
	Plain   string // formatted, without range
	Sort    string // raw value for sorting
	Status  string // vendor, estimate, target ...
	Mark    string // † ~ ° ^ §
	Refs    []int  // source numbers
	Missing string
}

// Tentative reports whether the figure is a target, estimate or
// assumption: the page hatches it.
func (v valueCell) Tentative() bool { return specs.Status(v.Status).Tentative() }

type reportChart struct {
	ID, Title string
	SVG       template.HTML
	Err       string
}

type tableRow struct {
	ID, Name, Short, Vendor string
	Cells                   []valueCell
}

type claimEntry struct {
	ID, Statement, Author, Date string
	SourceRef                   int
	Claimed, Computed           string
	Verdict, VerdictClass       string
	Why                         string
	Evidence                    []evidenceLine
	Tentative                   bool
}

type evidenceLine struct {
	Text, Status, Mark string
	Refs               []int
}

type siteEntry struct {
	Name, Operator, Kind string
	Capex, Revenue       valueCell
}

// A sourceEntry is one document the report cites.
type sourceEntry struct {
	N               int
	Text, URL       string
	Publisher, Tier string
	Dates, Statuses []string
	UsedBy          []string
	usedBy          map[string]bool
	dates, statuses map[string]bool
}

// sourceBook numbers the documents in the order the report first cites
// them.
type sourceBook struct {
	byText map[string]*sourceEntry
	list   []*sourceEntry
}

// cite registers a source and what it is used for, and returns its number;
// 0 for hwcmp's own derivations, which cite their inputs instead.
func (b *sourceBook) cite(source string, asOf specs.Date, status specs.Status, usedFor string) int {
	source = strings.TrimSpace(source)
	if source == "" {
		return 0
	}
	e := b.byText[source]
	if e == nil {
		cls := provenance.Classify(source)
		if cls.Tier == provenance.Hwcmp {
			return 0
		}
		pub, _, _ := docName(source, asOf)
		e = &sourceEntry{N: len(b.list) + 1, Text: source, Publisher: pub, Tier: string(cls.Tier),
			usedBy: map[string]bool{}, dates: map[string]bool{}, statuses: map[string]bool{}}
		if u, err := url.Parse(source); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			e.URL = source
		}
		b.byText[source] = e
		b.list = append(b.list, e)
	}
	if !asOf.IsZero() && !e.dates[asOf.String()] {
		e.dates[asOf.String()] = true
		e.Dates = append(e.Dates, asOf.String())
	}
	if status != "" && !e.statuses[string(status)] {
		e.statuses[string(status)] = true
		e.Statuses = append(e.Statuses, string(status))
	}
	if usedFor != "" && !e.usedBy[usedFor] {
		e.usedBy[usedFor] = true
		e.UsedBy = append(e.UsedBy, usedFor)
	}
	return e.N
}

// refs cites every piece of evidence and returns the source numbers.
func (b *sourceBook) refs(ev []compare.Evidence) []int {
	var ns []int
	add := func(n int) {
		if n > 0 && !slices.Contains(ns, n) {
			ns = append(ns, n)
		}
	}
	for _, e := range ev {
		add(b.cite(e.Source, e.AsOf, e.Status, strings.TrimSpace(e.What+" of "+e.Subject)))
		if e.Figure != nil {
			for _, n := range b.inputs(e.Figure) {
				add(n)
			}
		}
	}
	sort.Ints(ns)
	return ns
}

// inputs cites the figures a derived figure was computed from, so that
// its number links to the documents behind it.
func (b *sourceBook) inputs(v *specs.Value) []int {
	var ns []int
	for _, in := range v.Inputs {
		if n := b.cite(in.Source, in.AsOf, in.Status, in.What()+" of "+in.Subject); n > 0 {
			ns = append(ns, n)
		}
		ns = append(ns, b.inputs(in)...)
	}
	return ns
}

// headlineMetrics are the rankings the report leads with; the last is
// throughput at the per-GW basis.
var headlineMetrics = []struct{ metric, basis string }{
	{"throughput-per-watt", "chip"},
	{"throughput-per-dollar-hour", "chip"},
	{"throughput-per-tco-dollar-hour", "chip"},
	{"throughput", "gw"},
}

// tableMetrics are the comparison table's columns, per chip unless said.
var tableMetrics = []struct{ metric, basis string }{
	{"throughput", "chip"},
	{"memory-bandwidth", "chip"},
	{"memory-capacity", "chip"},
	{"power", "chip"},
	{"cloud-price", "chip"},
	{"tco", "chip"},
	{"throughput-per-watt", "chip"},
	{"throughput-per-dollar-hour", "chip"},
	{"throughput-per-tco-dollar-hour", "chip"},
	{"throughput", "gw"},
}

// buildReport computes everything the report shows.
func buildReport(w *world, ef *engineFlags, only []string, tornadoChip, cmdline string) (*report, error) {
	o, err := ef.options()
	if err != nil {
		return nil, err
	}
	src := &sourceBook{byText: map[string]*sourceEntry{}}
	r := &report{Command: cmdline}
	tp, err := w.metrics.Lookup("throughput")
	if err != nil {
		return nil, err
	}
	ids, sel, err := ef.subjects(w.catalog, o, tp)
	if err != nil {
		return nil, err
	}
	sel = "every " + sel + " in the data"
	if len(only) > 0 {
		ids, sel = only, strings.Join(only, ", ")
	}
	r.Title = fmt.Sprintf("%s accelerators compared: performance per watt, per dollar and per gigawatt", precisionWords(o))
	r.Question = fmt.Sprintf("Which of %d chips (%s) gives the most %s throughput per watt, per dollar-hour of cloud price, per dollar-hour of total cost of ownership, and per gigawatt of datacenter power, and do the vendors' and analysts' claims hold up against the spec sheets?",
		len(ids), sel, precisionWords(o))
	r.Settings = [][2]string{
		{"precision", precisionWords(o) + " (sparse figures are never mixed with dense)"},
		{"basis", "per chip; the per-GW column fills one gigawatt of facility power under the scenario"},
		{"prices", w.engine.Prices.Describe()},
		{"scenario", w.engine.Assumptions.Scenario + " ('hwcmp tco --scenario " + w.engine.Assumptions.Scenario + "' lists every assumption)"},
		{"data", dataDescription(w)},
	}
	legend := markLegend{}
	evaluate := func(metric, basis string) (*compare.Metric, compare.Options, []compare.Result, error) {
		m, err := w.metrics.Lookup(metric)
		if err != nil {
			return nil, o, nil, err
		}
		mo := o
		if mo.Basis, err = compare.ParseBasis(basis); err != nil {
			return nil, o, nil, err
		}
		var rs []compare.Result
		for _, id := range ids {
			rs = append(rs, w.engine.Evaluate(m, id, mo))
		}
		return m, mo, rs, nil
	}
	var allEv []compare.Evidence
	// Headlines.
	for _, h := range headlineMetrics {
		m, mo, rs, err := evaluate(h.metric, h.basis)
		if err != nil {
			return nil, err
		}
		ranked, missing := compare.Rank(rs)
		var vals []float64
		for _, x := range ranked {
			vals = append(vals, x.Value, x.Range.Lo, x.Range.Hi)
		}
		sc := m.Display.CommonScale(vals)
		hl := headline{Title: upperFirst(metricTitle(m, mo)), Unit: sc.Unit(), Better: m.Better(), Missing: len(missing)}
		for i, x := range ranked {
			if i >= 5 {
				break
			}
			c := formatResult(x.Result, sc, src, legend)
			c.Rank, c.Name = x.Rank, displayName(w.catalog, x.Subject)
			hl.Entries = append(hl.Entries, c)
			allEv = append(allEv, x.Evidence...)
		}
		hl.Summary = leadSentence(hl, ranked)
		r.Headlines = append(r.Headlines, hl)
	}
	// The comparison table.
	cols := make([][]compare.Result, len(tableMetrics))
	scales := make([]units.Scaler, len(tableMetrics))
	for j, tm := range tableMetrics {
		m, mo, rs, err := evaluate(tm.metric, tm.basis)
		if err != nil {
			return nil, err
		}
		cols[j] = rs
		var vals []float64
		for _, x := range rs {
			if x.OK() {
				vals = append(vals, x.Value)
			}
		}
		scales[j] = m.Display.CommonScale(vals)
		title := strings.ReplaceAll(m.Name, "-", " ")
		if m.ByPrecision() {
			title = strings.Replace(title, "throughput", precisionWords(mo)+" throughput", 1)
		}
		if mo.Basis != compare.PerChip {
			title += " per " + basisWords(mo.Basis)
		}
		if u := scales[j].Unit(); u != "" {
			title += " (" + u + ")"
		}
		r.Columns = append(r.Columns, title)
	}
	for i, id := range ids {
		name, vendor := subjectName(w.catalog, id)
		row := tableRow{ID: id, Name: name, Short: displayName(w.catalog, id), Vendor: vendor}
		for j := range tableMetrics {
			x := cols[j][i]
			row.Cells = append(row.Cells, formatResult(x, scales[j], src, legend))
			allEv = append(allEv, x.Evidence...)
		}
		r.Rows = append(r.Rows, row)
	}
	// Claims.
	k := claims.NewChecker(w.engine, w.metrics, w.bench, w.claims)
	counts := map[string]int{}
	for _, c := range w.claims {
		v := k.Check(c)
		counts[v.Verdict]++
		comp, _ := computedText(v)
		ce := claimEntry{ID: c.ID, Statement: c.Statement, Author: c.Author, Date: c.Date.String(),
			SourceRef: src.cite(c.Source, c.Date, "", "claim "+c.ID),
			Claimed:   c.Describe(), Computed: comp, Verdict: v.Label(), VerdictClass: v.Verdict,
			Why: v.Missing + v.Mismatch, Tentative: v.Tentative()}
		if ce.Why == "" && len(v.Warnings) > 0 {
			ce.Why = v.Warnings[0]
		}
		for _, e := range v.Evidence {
			ce.Evidence = append(ce.Evidence, evidenceLine{Text: fmt.Sprintf("%s of %s: %s", e.What, e.Subject, e.Shown),
				Status: string(e.Status), Mark: legend.add(statusMark(e.Status)), Refs: src.refs([]compare.Evidence{e})})
		}
		r.Claims = append(r.Claims, ce)
	}
	r.Verdicts = fmt.Sprintf("%d claims: %d supported, %d close, %d contradicted, %d unverifiable, %d mismatch",
		len(w.claims), counts[claims.Supported], counts[claims.Close], counts[claims.Contradicted], counts[claims.Unverifiable], counts[claims.Mismatch])
	// Sites and deals.
	money, rate := units.Money.Display(), units.Money.Display()
	for _, s := range siteFigures(w.book) {
		e := siteEntry{Name: s.site.Name, Operator: s.site.Operator, Kind: string(s.site.Kind)}
		e.Capex = siteCell(s.capex, money.CommonScale([]float64{s.capex.Value}), 1, src, s.site.ID, legend)
		e.Revenue = siteCell(s.revenue, rate.CommonScale([]float64{s.revenue.Value * units.HoursPerYear}), units.HoursPerYear, src, s.site.ID, legend)
		r.Sites = append(r.Sites, e)
	}
	// Charts, drawn by the plot command's builder over the same selection.
	pb := plotBuilder{w: w, ef: ef, only: only, chip: tornadoChip, chips: "h100,h200,b200,b300,mi355x,trn2,trn3,tpu-v7"}
	if len(only) > 0 {
		pb.chips = strings.Join(only, ",")
		if pb.chip == "" {
			pb.chip = only[0]
		}
	}
	if pb.chip == "" {
		pb.chip = "b200"
	}
	for _, kind := range plotKinds {
		ch := reportChart{ID: "chart-" + kind}
		f, err := pb.figure(kind)
		if err == nil {
			var svg []byte
			svg, err = f.Render(".svg", plots.Document)
			ch.Title, ch.SVG = f.Title, inlineSVG(svg, f.Title)
		}
		if err != nil {
			ch.Title, ch.Err = kind, err.Error()
		}
		r.Charts = append(r.Charts, ch)
	}
	if d := datedUpTo(allEv); d != "" {
		r.DataAsOf = d
	}
	r.Sources = src.list
	for _, s := range r.Sources {
		sort.Strings(s.Dates)
	}
	if n := legend.note(); n != "" {
		r.Marks = append(r.Marks, n)
	}
	r.Script = template.JS(sortScript)
	sum := sha256.Sum256([]byte(sortScript))
	r.CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'"
	return r, nil
}

// leadSentence says who leads a ranking: "B200 leads at 4.50 TFLOPS/W,
// ahead of B200 in GB200 NVL72 (4.17)", or that the first two cannot be
// told apart because their ranges overlap.
func leadSentence(h headline, ranked []compare.Ranked) string {
	if len(h.Entries) == 0 {
		return "No chip has a value."
	}
	first := h.Entries[0]
	s := fmt.Sprintf("%s leads at %s %s%s", first.Name, first.Plain, h.Unit, first.Mark)
	if len(h.Entries) > 1 {
		second := h.Entries[1]
		if ranked[0].NotSeparable && ranked[1].NotSeparable {
			s = fmt.Sprintf("%s (%s) and %s (%s %s) cannot be told apart: their ranges overlap", first.Name, first.Text, second.Name, second.Text, h.Unit)
		} else {
			s += fmt.Sprintf(", ahead of %s (%s)", second.Name, second.Plain)
		}
	}
	if first.Tentative() {
		s += "; the figure rests on " + first.Status + " inputs"
	}
	return s + "."
}

// dataDescription says which data the report read.
func dataDescription(w *world) string {
	if len(w.dataDirs) == 0 {
		return "hwcmp's built-in sheets"
	}
	return "hwcmp's built-in sheets with --data " + strings.Join(w.dataDirs, ", ")
}

// formatResult formats one result for the page, citing its sources.
func formatResult(x compare.Result, sc units.Scaler, src *sourceBook, legend markLegend) valueCell {
	if !x.OK() {
		return valueCell{Missing: x.Missing, Sort: ""}
	}
	c := valueCell{Text: sc.Format(x.Value), Plain: sc.Format(x.Value), Sort: strconv.FormatFloat(x.Value, 'g', -1, 64), Status: string(x.Status),
		Mark: legend.add(statusMark(x.Status)), Refs: src.refs(x.Evidence)}
	if x.Range.Lo != x.Range.Hi {
		if lo, hi := sc.Format(x.Range.Lo), sc.Format(x.Range.Hi); lo != hi {
			c.Text += " [" + lo + "–" + hi + "]"
		}
	}
	if x.Fallback != "" {
		c.Mark += legend.add("*")
	}
	return c
}

// siteCell formats a site figure, scaled by times (hours per year for a
// revenue rate).
func siteCell(f pricing.SiteFigure, sc units.Scaler, times float64, src *sourceBook, site string, legend markLegend) valueCell {
	if !f.OK() {
		return valueCell{Missing: f.Missing}
	}
	c := valueCell{Text: sc.FormatUnit(f.Value * times), Sort: strconv.FormatFloat(f.Value*times, 'g', -1, 64),
		Status: string(f.Status), Mark: legend.add(statusMark(f.Status))}
	if f.Low != f.High {
		c.Text += " [" + sc.Format(f.Low*times) + "–" + sc.Format(f.High*times) + "]"
	}
	for _, in := range f.Inputs {
		if in.Value == nil {
			continue
		}
		if n := src.cite(in.Source, in.AsOf, in.Status, in.What()+" of "+site); n > 0 && !slices.Contains(c.Refs, n) {
			c.Refs = append(c.Refs, n)
		}
	}
	return c
}

// A siteFigure is a site or deal with its capex per GW and revenue per
// GW-year (per hour, as the book gives it).
type siteFigure struct {
	site           *pricing.Site
	capex, revenue pricing.SiteFigure
}

// siteFigures returns the sites and deals that have capex or revenue per
// GW, without the two reference figures the charts draw as lines.
func siteFigures(b *pricing.Book) []siteFigure {
	var out []siteFigure
	for _, s := range b.SortedSites(pricing.SiteCampus, pricing.SiteDeal, pricing.SiteRef) {
		if s.ID == capexReference || s.ID == revenueReference {
			continue
		}
		f := siteFigure{site: s, capex: b.SiteCapexPerGW(s.ID), revenue: b.SiteRevenuePerGWYear(s.ID)}
		if f.capex.OK() || f.revenue.OK() {
			out = append(out, f)
		}
	}
	return out
}

var svgProlog = regexp.MustCompile(`(?s)^.*?<svg `)
var svgSize = regexp.MustCompile(`^<svg width="[^"]*" height="[^"]*"`)

// inlineSVG turns a rendered SVG file into an element for the page: no XML
// prolog, scaling to the column's width, labelled for screen readers. The
// SVG comes from gonum/plot's writer, which escapes the text it draws.
func inlineSVG(svg []byte, title string) template.HTML {
	s := svgProlog.ReplaceAllString(string(svg), "<svg ")
	s = svgSize.ReplaceAllString(s, `<svg role="img" aria-label="`+template.HTMLEscapeString(title)+`" preserveAspectRatio="xMidYMin meet"`)
	return template.HTML(s)
}

// sortScript makes tables with class "sortable" sortable by clicking a
// header: numbers by their data-sort value, text alphabetically. It is the
// page's only script; the content security policy allows it by its hash.
const sortScript = `document.querySelectorAll("table.sortable th").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0];
    var idx = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (tr) { var td = tr.children[idx]; var v = td.getAttribute("data-sort"); return v === null ? td.textContent.trim() : (v === "" ? null : parseFloat(v)); };
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === null) return 1; if (y === null) return -1;
      var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
      return asc ? c : -c;
    });
    rows.forEach(function (tr) { body.appendChild(tr); });
  });
});`

//go:embed report.html.tmpl
var reportTemplate string

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).Parse(reportTemplate))

// render writes the page.
func (r *report) render() ([]byte, error) {
	var b bytes.Buffer
	if err := reportPage.Execute(&b, r); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return b.Bytes(), nil
}
