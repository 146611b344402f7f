package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/hwcmp/hwcmp/claims"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/plots"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/safefile"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

// plotKinds lists the charts, in the order 'plot all' renders them.
var plotKinds = []string{"rank", "scatter", "claims", "gw", "timeline", "roofline", "tornado", "tokens", "token-cost"}

func plotCommand() *command {
	return &command{
		name:  "plot",
		usage: "KIND [flags] -o FILE | plot all --dir DIR",
		short: "draw a chart (PNG, SVG or PDF) for decks and reports",
		long: `
'hwcmp plot KIND -o FILE' draws one chart; the file's extension picks the
format (.png, .svg or .pdf). Kinds:

	rank      a ranking by --metric (with --precision, --basis ...) as
	          horizontal bars; ranges as error bars; targets and estimates
	          hatched; missing data in the footnote
	scatter   --x METRIC against --y METRIC, labelled, with the Pareto
	          frontier (--logx, --logy for log axes)
	claims    every claim, grouped by author: its claimed band against the
	          computed value, coloured by verdict, with the numbers; the
	          chart grows taller to fit its rows
	gw        capex per GW and revenue per GW-year of the sites and deals,
	          with the $50bn/GW and $10bn/GW-year reference lines
	timeline  --metric by launch date, a vendor's generations joined (log
	          scale); hollow points are announced, not yet shipping
	roofline  attainable throughput against arithmetic intensity for
	          --chips at --precision
	tornado   which assumption moves TCO per chip-hour of --chip the most
	tokens    throughput vs interactivity serving --model (default
	          llama-3.1-70b) on --chips, with the --tpot limit
	token-cost  USD per million output tokens of --model, per chip
	all       the standard pack, into --dir

Charts are drawn for slides and documents: a plain-words title with the
precision, basis and unit; display names; one colour per vendor in every
chart (the colour-blind-safe Okabe-Ito palette); the legend above the data;
labels clear of points and lines (coincident points merged); and a footnote
with the data's date and basis and the documents behind the numbers ('hwcmp
report' lists them all). The default size suits a 16:9 slide; --width 800
--height 450 --dpi 96 suits a document. --width and --height are in pixels;
--dpi sets the resolution of PNGs (fonts scale with it). Files are written
atomically.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			out := fs.StringP("output", "o", "", "write the chart to `FILE` (.png, .svg or .pdf; - for standard output in the --ext format)")
			dir := fs.String("dir", "", "for 'plot all': write the pack into `DIR`")
			ext := fs.String("ext", "png", "for 'plot all' and -o -: the `format`: png, svg or pdf")
			width := fs.Int("width", plots.Deck.Width, "width in `pixels`")
			height := fs.Int("height", plots.Deck.Height, "height in `pixels`")
			dpi := fs.Int("dpi", plots.Deck.DPI, "`dots per inch` of PNGs")
			metric := fs.String("metric", "", "for rank and timeline: the `metric` (default throughput-per-watt, or throughput for timeline)")
			xName := fs.String("x", "", "for scatter: the x `metric`")
			yName := fs.String("y", "", "for scatter: the y `metric`")
			logX := fs.Bool("logx", false, "for scatter: log x axis")
			logY := fs.Bool("logy", false, "for scatter: log y axis")
			chip := fs.String("chip", "b200", "for tornado: the `chip` whose TCO to test")
			var ef engineFlags
			ef.register(fs, true)
			var wf writeFlags
			wf.register(fs)
			e.data.register(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usageError("plot needs one kind: %s or all", strings.Join(plotKinds, ", "))
				}
				kind := strings.ToLower(args[0])
				if err := checkPlotFlags(fs, kind); err != nil {
					return err
				}
				size := plots.Size{Width: *width, Height: *height, DPI: *dpi}
				if err := checkPlotSize(size); err != nil {
					return err
				}
				w, err := e.loadWorld()
				if err != nil {
					return err
				}
				if err := ef.prices.configure(w); err != nil {
					return err
				}
				if ef.precision == "" {
					ef.precision = "fp8"
				}
				if w.engine.Tokens, err = ef.tokens.setup(w, specs.Precision(ef.precision)); err != nil {
					return err
				}
				pb := plotBuilder{w: w, ef: &ef, metric: *metric, x: *xName, y: *yName, logX: *logX, logY: *logY, chips: ef.subj.chips, chip: *chip}
				if kind == "all" {
					if *dir == "" {
						return usageError("plot all needs --dir")
					}
					// Figures are built one by one (they share the engine); the
					// rendering, most of the time, runs in parallel. The pack
					// is swapped into --dir as one set, so that a kill or
					// Ctrl-C never leaves old and new charts mixed.
					names := make([]string, len(plotKinds))
					data := make([][]byte, len(plotKinds))
					errs := make([]error, len(plotKinds))
					var wg sync.WaitGroup
					for i, k := range plotKinds {
						if err := ctx.Err(); err != nil {
							return fmt.Errorf("plot all: nothing written: %w", err)
						}
						f, err := pb.figure(k)
						if err != nil {
							return fmt.Errorf("plot %s: %w", k, err)
						}
						names[i] = k + "." + strings.TrimPrefix(*ext, ".")
						wg.Add(1)
						go func() {
							defer wg.Done()
							data[i], errs[i] = f.Render(filepath.Ext(names[i]), size)
						}()
					}
					wg.Wait()
					files := map[string][]byte{}
					for i, name := range names {
						if errs[i] != nil {
							return fmt.Errorf("plot %s: nothing written: %w", plotKinds[i], errs[i])
						}
						files[name] = data[i]
					}
					if err := safefile.WriteSet(ctx, *dir, files, safefile.Options{}); err != nil {
						return err
					}
					for _, name := range names {
						fmt.Fprintln(e.stdout, "wrote", filepath.Join(*dir, name))
					}
					return nil
				}
				if *out == "" {
					return usageError("plot %s needs -o FILE", kind)
				}
				if err := wf.check(*out); err != nil {
					return err
				}
				f, err := pb.figure(kind)
				if err != nil {
					return err
				}
				format := filepath.Ext(*out)
				if *out == "-" { // standard output, in the --ext format
					format = "." + strings.TrimPrefix(*ext, ".")
				}
				data, err := f.Render(format, size)
				if err != nil {
					return err
				}
				return wf.write(ctx, e.stdout, e.stdout, *out, data)
			}
		},
	}
}

// defaultRooflineChips are the chips a roofline shows without --chips.
const defaultRooflineChips = "h100,h200,b200,b300,mi355x,trn2,trn3,tpu-v7"

// Plot size limits: a chart is rendered in memory at width × height
// pixels (4 bytes each), so an unbounded size is an unbounded allocation.
const (
	minPlotPixels = 100
	maxPlotPixels = 8192 // 8192 × 8192 × 4 bytes = 256 MiB
	maxPlotDPI    = 1200
)

// checkPlotSize refuses sizes no deck needs and memory cannot hold.
func checkPlotSize(s plots.Size) error {
	for _, d := range []struct {
		flag string
		v    int
	}{{"--width", s.Width}, {"--height", s.Height}} {
		if d.v < minPlotPixels || d.v > maxPlotPixels {
			return usageError("%s %d: want %d to %d pixels", d.flag, d.v, minPlotPixels, maxPlotPixels)
		}
	}
	if s.DPI < 1 || s.DPI > maxPlotDPI {
		return usageError("--dpi %d: want 1 to %d", s.DPI, maxPlotDPI)
	}
	return nil
}

// plotBuilder turns the loaded data into chart inputs.
type plotBuilder struct {
	w            *world
	ef           *engineFlags
	metric, x, y string
	logX, logY   bool
	chips, chip  string
	// only, when set, limits every chart to these chips, in this order.
	only []string
}

func (pb plotBuilder) figure(kind string) (*plots.Figure, error) {
	switch kind {
	case "rank":
		return pb.rank()
	case "scatter":
		return pb.scatter()
	case "claims":
		return pb.claims()
	case "gw":
		return pb.gw()
	case "timeline":
		return pb.timeline()
	case "roofline":
		return pb.roofline()
	case "tornado":
		return pb.tornado()
	case "tokens":
		return pb.tokenCurves()
	case "token-cost":
		return pb.tokenCost()
	}
	return nil, usageError("unknown plot kind %q (want %s or all)", kind, strings.Join(plotKinds, ", "))
}

// caption returns a chart's caption: its title and subtitle, a note with
// the data's date and basis, and the documents behind the evidence.
func (pb plotBuilder) caption(title, subtitle, basis string, ev []compare.Evidence) plots.Caption {
	note := "hwcmp"
	if d := datedUpTo(ev); d != "" {
		note += ", " + d
	}
	if basis != "" {
		note += "; " + basis
	}
	return plots.Caption{Title: title, Subtitle: subtitle, Footnote: []string{note + "."}, Sources: sourceNames(ev)}
}

// label is the display name of a chip or system.
func (pb plotBuilder) label(id string) string { return displayName(pb.w.catalog, id) }

// evaluate evaluates the named metrics over one selection of subjects,
// chosen for all of them together.
func (pb plotBuilder) evaluate(names ...string) ([]*compare.Metric, compare.Options, [][]compare.Result, string, error) {
	var ms []*compare.Metric
	for _, n := range names {
		m, err := lookupMetric(pb.w, "metric", n)
		if err != nil {
			return nil, compare.Options{}, nil, "", err
		}
		ms = append(ms, m)
	}
	o, err := pb.ef.options()
	if err != nil {
		return nil, o, nil, "", err
	}
	ids, sel, err := pb.ef.subjects(pb.w.catalog, o, ms...)
	if err != nil {
		return nil, o, nil, "", err
	}
	if len(pb.only) > 0 && o.Basis != compare.PerSystem {
		ids, sel = pb.only, "chips "+strings.Join(pb.only, ", ")
	}
	rs := make([][]compare.Result, len(ms))
	for i, m := range ms {
		for _, id := range ids {
			rs[i] = append(rs[i], pb.w.engine.Evaluate(m, id, o))
		}
	}
	return ms, o, rs, sel, nil
}

// missingByReason groups subjects without a value by what they miss, for
// a footnote: "power: inf2, tpu-v7; throughput fp8 dense: tpu-v5e".
func missingByReason(rs []compare.Result) []string {
	var reasons []string
	by := map[string][]string{}
	for _, r := range rs {
		// A reason that names its subject or the flag that would fill it
		// ("no capex for b300: give --capex USD") is grouped without them.
		why := strings.ReplaceAll(r.Missing, " for "+r.Subject, "")
		if i := strings.Index(why, ": give "); i > 0 {
			why = why[:i]
		}
		if _, ok := by[why]; !ok {
			reasons = append(reasons, why)
		}
		by[why] = append(by[why], r.Subject)
	}
	var out []string
	for _, why := range reasons {
		out = append(out, why+": "+strings.Join(by[why], ", "))
	}
	return out
}

func (pb plotBuilder) group(id string) string {
	_, vendor := subjectName(pb.w.catalog, id)
	if s, ok := pb.w.catalog.System(id); ok {
		if c, ok := pb.w.catalog.Chip(s.Chip); ok {
			vendor = c.Vendor
		}
	}
	return vendor
}

func (pb plotBuilder) rank() (*plots.Figure, error) {
	name := pb.metric
	if name == "" {
		name = "throughput-per-watt"
	}
	ms, o, rss, sel, err := pb.evaluate(name)
	if err != nil {
		return nil, err
	}
	m := ms[0]
	ranked, missing := compare.Rank(rss[0])
	var ev []compare.Evidence
	var bars []plots.Bar
	var results []compare.Result
	for _, x := range ranked {
		b := plots.Bar{Label: pb.label(x.Subject), Group: pb.group(x.Subject), Value: x.Value, Lo: x.Range.Lo, Hi: x.Range.Hi, Tentative: x.Status.Tentative()}
		if x.Fallback != "" {
			b.Mark = " (" + string(x.Fallback) + ")"
		}
		if len(termNotes(x.Result)) > 0 { // priced on a capacity block or commitment
			b.Mark += " ¤"
		}
		bars = append(bars, b)
		ev = append(ev, x.Evidence...)
		results = append(results, x.Result)
	}
	sub := fmt.Sprintf("%s is better. Whiskers: the range of the sources' figures.", upperFirst(m.Better()))
	c := pb.caption(metricTitle(m, o), sub, o.Describe(m)+"; "+sel, ev)
	c.Footnote = append(c.Footnote, allTermNotes(results...)...)
	r := plots.Ranking{Caption: c, Metric: axisWords(m), Display: m.Display, Bars: bars, Missing: missingByReason(missing)}
	return r.Figure()
}

func (pb plotBuilder) scatter() (*plots.Figure, error) {
	xName, yName := pb.x, pb.y
	if xName == "" && yName == "" {
		xName, yName = "cloud-price", "throughput"
	}
	if xName == "" || yName == "" {
		return nil, usageError("plot scatter needs --x and --y metrics")
	}
	ms, o, rss, sel, err := pb.evaluate(xName, yName)
	if err != nil {
		return nil, err
	}
	mx, my := ms[0], ms[1]
	points, missing := compare.Pareto(rss[0], rss[1])
	var ev []compare.Evidence
	var pts []plots.Point
	for _, p := range points {
		pts = append(pts, plots.Point{Label: pb.label(p.X.Subject), Group: pb.group(p.X.Subject), X: p.X.Value, Y: p.Y.Value,
			XLo: p.X.Range.Lo, XHi: p.X.Range.Hi, YLo: p.Y.Range.Lo, YHi: p.Y.Range.Hi,
			Tentative: p.X.Status.Tentative() || p.Y.Status.Tentative(), Frontier: p.DominatedBy == ""})
		ev = append(ev, p.X.Evidence...)
		ev = append(ev, p.Y.Evidence...)
	}
	desc := o.Describe(my)
	if mx.ByPrecision() {
		desc = o.Describe(mx)
	}
	basis := fmt.Sprintf("%s; %s", desc, sel)
	if ctx := pricingContext(pb.w, o, mx, my); len(ctx) > 0 {
		basis += "; prices: " + pb.w.engine.Prices.Describe()
	}
	per := ", per " + basisWords(o.Basis)
	title := strings.TrimSuffix(metricTitle(my, o), per) + " vs " + lowerFirst(strings.TrimSuffix(metricTitle(mx, o), per)) + per
	sub := fmt.Sprintf("%s is better on x, %s on y. The dashed Pareto frontier joins the chips no other beats on both.", upperFirst(mx.Better()), my.Better())
	s := plots.Scatter{Caption: pb.caption(title, sub, basis, ev), XName: axisWords(mx), YName: axisWords(my),
		XDisplay: mx.Display, YDisplay: my.Display, LogX: pb.logX, LogY: pb.logY, XHigher: mx.Higher, YHigher: my.Higher,
		Points: pts, Missing: missingByReason(missing)}
	return s.Figure()
}

func (pb plotBuilder) claims() (*plots.Figure, error) {
	k := claims.NewChecker(pb.w.engine, pb.w.metrics, pb.w.bench, pb.w.claims)
	var ev []compare.Evidence
	var marks []plots.ClaimMark
	only, err := pb.claimSubjects()
	if err != nil {
		return nil, err
	}
	for _, c := range pb.w.claims {
		if c.Kind == claims.OrderClaim {
			continue // no claimed value to divide by
		}
		if only != nil && !claimAbout(c, only) {
			continue
		}
		v := k.Check(c)
		comp, _ := computedText(v)
		comp, _, _ = strings.Cut(comp, " [") // the range is drawn
		if comp == "" {
			comp = v.Verdict
		}
		claimed, low, high, openLow, openHigh := c.Band()
		m := plots.ClaimMark{Label: c.Statement, Group: c.Author, Claimed: claimed, Low: low, High: high, Tolerance: c.Tolerance,
			Verdict: v.Verdict, HasValue: v.Verdict != claims.Unverifiable && v.Verdict != claims.Mismatch,
			Value: v.Value, Lo: v.Range.Lo, Hi: v.Range.Hi, Tentative: v.Tentative(),
			OpenHigh: openHigh, OpenLow: openLow,
			Numbers: c.Describe() + " → " + comp}
		marks = append(marks, m)
		ev = append(ev, v.Evidence...)
	}
	cc := plots.ClaimsChart{Caption: pb.caption("Vendor and analyst claims against the spec sheets",
		"Grey: the claimed band widened by its tolerance; dot: the value hwcmp computes from sourced figures, with its range; arrows: beyond the axis or open-ended. Right: claimed → computed.",
		"order claims are not drawn (no claimed value); 'hwcmp claims show ID' gives each claim's evidence", ev), Claims: marks}
	return cc.Figure()
}

func (pb plotBuilder) gw() (*plots.Figure, error) {
	b := pb.w.book
	g := plots.GWChart{CapexRefLabel: "$50bn/GW framework", RevenueRefLabel: "~$10bn per GW-year heuristic"}
	var ev []compare.Evidence
	if f := b.SiteCapexPerGW(capexReference); f.OK() {
		g.CapexRef = f.Value
	}
	if f := b.SiteRevenuePerGWYear(revenueReference); f.OK() {
		g.RevenueRef = f.Value * units.HoursPerYear
	}
	for _, s := range b.SortedSites(pricing.SiteRef) {
		if s.ID == capexReference || s.ID == revenueReference {
			ev = append(ev, compare.Evidence{Source: s.Source, AsOf: s.AsOf})
		}
	}
	for _, sf := range siteFigures(b) {
		s, c, r := sf.site, sf.capex, sf.revenue
		site := plots.Site{Label: siteName(s.Name, s.ID), Group: s.Operator}
		if c.OK() {
			site.Capex, site.CapexLo, site.CapexHi = c.Value, c.Low, c.High
			site.Tentative = c.Status.Tentative()
		}
		if r.OK() {
			y := float64(units.HoursPerYear)
			site.Revenue, site.RevenueLo, site.RevenueHi = r.Value*y, r.Low*y, r.High*y
			site.Tentative = site.Tentative || r.Status.Tentative()
		}
		g.Sites = append(g.Sites, site)
		for _, f := range []pricing.SiteFigure{c, r} {
			for _, in := range f.Inputs {
				if in.Value != nil {
					ev = append(ev, compare.Evidence{Source: in.Source, AsOf: in.AsOf})
				}
			}
		}
	}
	g.Caption = pb.caption("Datacenter capex per GW and revenue per GW-year, from public figures",
		"Colour: the operator or parties. Dashed lines: the industry reference figures.",
		"capex = announced investment ÷ power capacity, and its scope (shell only, or chips and servers too) differs by site; revenue = contract value ÷ years ÷ GW, or an estimate ÷ GW", ev)
	return g.Figure()
}

func (pb plotBuilder) timeline() (*plots.Figure, error) {
	name := pb.metric
	if name == "" {
		name = "throughput"
	}
	saved := pb.ef.basis
	pb.ef.basis = "chip"
	ms, o, rss, sel, err := pb.evaluate(name)
	pb.ef.basis = saved
	if err != nil {
		return nil, err
	}
	m, rs := ms[0], rss[0]
	var items []plots.Dated
	var ev []compare.Evidence
	var missing []compare.Result
	for _, r := range rs {
		c, _ := pb.w.catalog.Chip(r.Subject)
		switch {
		case !r.OK():
			missing = append(missing, r)
		case c.Launch.IsZero():
			r.Missing = "launch date"
			missing = append(missing, r)
		default:
			items = append(items, plots.Dated{Label: pb.label(r.Subject), Group: c.Vendor, Date: c.Launch.Time(), Value: r.Value,
				Tentative: c.Lifecycle != specs.Shipping || r.Status.Tentative()})
			ev = append(ev, r.Evidence...)
		}
	}
	t := plots.Timeline{Caption: pb.caption(metricTitle(m, o)+", by launch date", "Log scale. Filled: shipping; hollow: announced or a target. Launch = announcement or general availability (the chip sheet says which).",
		o.Describe(m)+"; "+sel, ev), Metric: axisWords(m), Display: m.Display, Items: items, Missing: missingByReason(missing)}
	return t.Figure()
}

func (pb plotBuilder) roofline() (*plots.Figure, error) {
	o, err := pb.ef.options()
	if err != nil {
		return nil, err
	}
	o.Basis = compare.PerChip
	tp, _ := pb.w.metrics.Lookup("throughput")
	bw, _ := pb.w.metrics.Lookup("memory-bandwidth")
	var chips []plots.RoofChip
	var ev []compare.Evidence
	var missing []string
	want := pb.chips
	if want == "" {
		want = defaultRooflineChips
	}
	ids, err := parseSelection("--chips", want).resolve(pb.w.catalog, allIDs(pb.w.catalog))
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		t, b := pb.w.engine.Evaluate(tp, id, o), pb.w.engine.Evaluate(bw, id, o)
		if !t.OK() || !b.OK() {
			missing = append(missing, id+": "+t.Missing+b.Missing)
			continue
		}
		chips = append(chips, plots.RoofChip{Label: pb.label(id), Group: pb.group(id), Peak: t.Value, Bandwidth: b.Value})
		ev = append(ev, t.Evidence...)
		ev = append(ev, b.Evidence...)
	}
	r := plots.Roofline{Caption: pb.caption("Roofline: attainable "+precisionWords(o)+" throughput by arithmetic intensity, per chip",
		"Below its ridge point (FLOP per byte) a chip is bound by memory bandwidth, above it by peak compute. Chips with identical roofs share a line.",
		"attainable = min(peak, intensity × memory bandwidth)", ev), Precision: string(o.Precision), Chips: chips}
	if len(missing) > 0 {
		r.Footnote = append(r.Footnote, "Not shown (missing data): "+strings.Join(missing, "; "))
	}
	return r.Figure()
}

func (pb plotBuilder) tornado() (*plots.Figure, error) {
	cost, err := pb.w.book.ChipCost(pb.chip)
	if err != nil {
		return nil, fmt.Errorf("plot tornado --chip %s: %v (the chart takes capex and power from the data: add a capex row with --data, or run 'hwcmp tco %s --capex USD --sensitivity' for the same figures with an assumed capex)",
			pb.chip, strings.Split(err.Error(), ":")[0], pb.chip)
	}
	a := pb.w.engine.Assumptions
	model := func(a *pricing.Assumptions) float64 { return pricing.ComputeTCO(cost, a).PerChipHour }
	swings, err := pb.w.book.Sensitivity(a, 0.2, model)
	if err != nil {
		return nil, err
	}
	var sw []plots.Swing
	for _, s := range swings {
		ps := specFor(s.Param.Name)
		u, _ := units.Lookup(ps.Unit)
		sw = append(sw, plots.Swing{Label: fmt.Sprintf("%s %.3g–%.3g %s", s.Param.Name, s.Low/u.Factor, s.High/u.Factor, ps.Unit),
			OutLow: s.OutLow, OutHigh: s.OutHigh})
	}
	var ev []compare.Evidence
	for _, src := range cost.Sources {
		ev = append(ev, compare.Evidence{Source: sourceURL(src)})
	}
	t := plots.Tornado{Caption: pb.caption(fmt.Sprintf("What moves the TCO of %s per utilized chip-hour", pb.label(pb.chip)),
		fmt.Sprintf("Scenario %s. Each assumption moved alone to the low and high of its sources' range, or ±20%% where they give none.", a.Scenario),
		"inputs: "+withoutURLs(strings.Join(cost.Sources, "; ")), ev),
		Output: "TCO per utilized chip-hour", Display: units.MoneyRate.Display(), Base: model(a), Swings: sw}
	return t.Figure()
}

var urlInText = regexp.MustCompile(`;? ?https?://[^\s;,)]+`)

// withoutURLs drops the URLs from a description: the sources line names
// the documents.
func withoutURLs(s string) string { return urlInText.ReplaceAllString(s, "") }

// sourceURL finds the URL in a described input ("b200 capex 35000 USD
// (estimate; https://...)"), or returns the text.
func sourceURL(s string) string {
	if i := strings.Index(s, "http"); i >= 0 {
		return strings.TrimRight(strings.Fields(s[i:])[0], ");,")
	}
	return s
}
