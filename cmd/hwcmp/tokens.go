package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/hwcmp/hwcmp/workload"
	"github.com/spf13/pflag"
)

// tokenFlags choose the model and serving scenario of the token metrics;
// rank, compare, pareto and plot share them with 'hwcmp tokens'.
type tokenFlags struct {
	model         string
	tier          string
	tpot          time.Duration
	input, output int
}

func (t *tokenFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&t.model, "model", "", "LLM `id` the token metrics serve ('hwcmp tokens --models' lists them)")
	fs.StringVar(&t.tier, "tier", "model", "token figures' `tier`: model (default efficiencies), calibrated (fitted on MLPerf results) or measured (MLPerf results only)")
	fs.DurationVar(&t.tpot, "tpot", 40*time.Millisecond, "per-output-token latency limit (`duration`, e.g. 40ms; 0: offline maximum)")
	fs.IntVar(&t.input, "input-tokens", 1024, "mean prompt length in `tokens`")
	fs.IntVar(&t.output, "output-tokens", 1024, "mean completion length in `tokens`")
}

// setup returns the token setup the flags ask for at precision p, or nil
// when no --model is given.
func (t *tokenFlags) setup(w *world, p specs.Precision) (*compare.TokenSetup, error) {
	if t.model == "" {
		return nil, nil
	}
	m, ok := w.models.Get(t.model)
	if !ok {
		return nil, usageError("--model: unknown model %q (want one of %s)", t.model, strings.Join(w.models.IDs(), ", "))
	}
	tier, err := workload.ParseTier(t.tier)
	if err != nil {
		return nil, usageError("--tier: %v", err)
	}
	switch {
	case t.tpot < 0:
		return nil, usageError("--tpot %v: a latency limit cannot be negative", t.tpot)
	case t.input < 0 || t.input > 10_000_000:
		return nil, usageError("--input-tokens %d: want 0 to 10,000,000", t.input)
	case t.output < 1 || t.output > 10_000_000:
		return nil, usageError("--output-tokens %d: want 1 to 10,000,000", t.output)
	}
	if p == "" {
		p = specs.FP8
	}
	s := workload.DefaultScenario()
	s.Precision, s.TPOT = p, t.tpot.Seconds()
	s.InputTokens, s.OutputTokens = float64(t.input), float64(t.output)
	ts, err := compare.NewTokenSetup(w.catalog, w.engine.Workloads, m, s, tier)
	switch {
	case errors.Is(err, compare.ErrContext):
		return nil, usageError("--input-tokens + --output-tokens: %v", err)
	case err != nil:
		return nil, fmt.Errorf("--model %s: %w", m.ID, err)
	}
	return ts, nil
}

// describe writes the setup out for a table's context lines.
func describeTokens(ts *compare.TokenSetup) [][2]string {
	s := ts.Scenario
	limit := "none (offline maximum)"
	if s.TPOT > 0 {
		limit = fmt.Sprintf("%.0f ms per output token (best throughput per chip under it)", s.TPOT*1e3)
	}
	m := ts.Model
	model := [2]string{"model", fmt.Sprintf("%s (%s; %s params, %s active; %s, %s)", m.ID, m.Name, billions(m.Params), billions(m.ActiveParams), m.Source, m.AsOf)}
	if ts.Tier == workload.MeasuredTier {
		// Published results: neither the request lengths nor the
		// efficiencies of the model tiers apply.
		return [][2]string{model,
			{"serving", fmt.Sprintf("%s weights, each MLPerf result's own request mix (not --input-tokens/--output-tokens); TPOT limit %s", s.Precision, limit)},
			{"tier", "measured: MLPerf Inference results as published, per accelerator (no model, no efficiencies; docs/TOKENS.md)"},
		}
	}
	return [][2]string{model,
		{"serving", fmt.Sprintf("%s weights, %.0f tokens in, %.0f out; TPOT limit %s", s.Precision, s.InputTokens, s.OutputTokens, limit)},
		{"tier", fmt.Sprintf("%s; efficiencies %s: compute %s, memory %s, scale-up link %s (assumptions, docs/TOKENS.md)",
			ts.Tier, ts.Eff.Label, rangeText(ts.Eff.Compute), rangeText(ts.Eff.Memory), rangeText(ts.Eff.Link))},
	}
}

func billions(v float64) string { return units.FormatNumber(v/1e9) + "B" }

// countText writes a large count with a short-scale suffix: 15.6T.
func countText(v float64) string {
	for _, s := range []struct {
		f float64
		p string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}} {
		if v >= s.f {
			return units.FormatNumber(v/s.f) + s.p
		}
	}
	return units.FormatNumber(v)
}

func rangeText(r workload.Range) string {
	return fmt.Sprintf("%.2g [%.2g–%.2g]", r.Value, r.Low, r.High)
}

func tokensCommand() *command {
	return &command{
		name:  "tokens",
		usage: "--model ID [--precision P] [--tier T] [--tpot D] [flags]",
		short: "LLM tokens per second, per dollar, per joule and per GW for each chip",
		long: `
'hwcmp tokens' estimates the output tokens per second each accelerator
serves an LLM at ('--models' lists the catalog), and from them the cost
of a million tokens, tokens per joule and tokens per GW-year.

The model (docs/TOKENS.md): weights at --precision plus the KV cache of the
batch must fit in memory, which sets the fewest chips (tensor parallel
inside the scale-up domain); a decode step takes the larger of its compute
time (2 × active parameters × batch) and its memory time (weights and KV
cache read), plus its all-reduce time; prefill is compute. A sweep over
chips and 64 batch sizes gives the throughput-vs-interactivity curve; the
headline is the best tokens/s per chip under --tpot (0: the offline
maximum). Efficiencies are stated assumptions with ranges, not tuned per
chip: each value carries the range they and the spec figures imply, and
the weakest status of its inputs.

Tiers: model (default efficiencies), calibrated (efficiencies fitted on the
embedded MLPerf results, with the leave-one-out error), measured (MLPerf
results as published, per accelerator). --validate prints each MLPerf
result against the model's prediction.

Examples:
	hwcmp tokens --model llama-3.1-70b
	hwcmp tokens --model deepseek-r1 --precision fp8 --tpot 50ms --chips h200,b200,trn3
	hwcmp tokens --model llama-2-70b --tier measured
	hwcmp tokens --validate
	hwcmp tokens --model llama-3.1-70b --curve --chips h100,trn2`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			var ef engineFlags
			ef.register(fs, true)
			tf := &ef.tokens
			ef.addExplain(fs)
			cost := fs.String("cost", "cloud", "`basis` of dollars per token: cloud (chip-hour price per --term) or tco (per --scenario)")
			price := fs.Float64("token-price", 0, "token price in `USD` per million output tokens, for revenue per GW-year (0: not shown)")
			refs := fs.StringSlice("revenue-refs", []string{"revenue-heuristic", "anthropic-aws-commitment"}, "sites or deals ('hwcmp gw') whose revenue per GW-year to turn into the token price a GW of each chip must charge to earn it (`IDs`; empty: none)")
			validate := fs.Bool("validate", false, "print each embedded MLPerf result against the model's prediction")
			training := fs.Bool("training", false, "with --validate: the MLPerf Training results against the training model, with chip-hours, cost and energy; with --import-mlperf: read a training results repository")
			list := fs.Bool("models", false, "list the model catalog")
			curve := fs.Bool("curve", false, "print the throughput-vs-interactivity frontier of each chip")
			train := fs.Float64("train-tokens", 0, "instead of serving: chip time, cost and energy to train --model on `D` tokens (6 × active params × D FLOPs; precision default bf16)")
			mfu := fs.Float64("mfu", 0, "model FLOPs `utilization` for --train-tokens (default 0.40, range 0.30–0.50)")
			cluster := fs.Int("cluster", 0, "for --train-tokens: also the days on a cluster of `N` chips")
			lora := fs.Bool("lora", false, "for --train-tokens: LoRA fine-tuning, 4 × active params × D FLOPs (no weight gradients for the frozen weights)")
			var imp importFlags
			fs.StringVar(&imp.dir, "import-mlperf", "", "read an MLPerf Inference round's results repository checked out in `DIR` (summary_results.json and each result's mlperf_log_summary.txt) and write mlperf*.csv rows")
			fs.StringVar(&imp.repo, "repo", "", "for --import-mlperf: the repository's web `URL` (for each row's source)")
			fs.StringVar(&imp.commit, "commit", "", "for --import-mlperf: the `commit` read")
			fs.StringVar(&imp.published, "published", "", "for --import-mlperf: the round's publication `date`")
			fs.BoolVar(&imp.best, "best", false, "for --import-mlperf: keep only the best result per chip, model, scenario and precision")
			fs.StringVarP(&imp.out, "output", "o", "-", "for --import-mlperf: write the sheet to `FILE` (- for standard output)")
			imp.wf.register(fs)
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("tokens takes no arguments (did you mean --model %s?)", args[0])
				}
				if err := unusedFlags(fs, "tokens", "sparsity", "fallback", "benchmark", "bench-baseline", "power-basis"); err != nil {
					return err
				}
				if *cost != "tco" {
					// The purchase price's basis matters only to TCO.
					if err := unusedFlags(fs, "tokens without --cost tco", "capex-basis"); err != nil {
						return err
					}
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				switch {
				case imp.dir != "" && *training:
					if err := unusedFlags(fs, "tokens --import-mlperf --training", "best"); err != nil {
						return err
					}
					return imp.runTraining(ctx, e, w)
				case *validate && *training:
					// The measured results fix the model, chips, precision and
					// tokens; the model tier's MFU is the default assumption.
					if err := unusedFlags(fs, "tokens --validate --training", "model", "tier", "tpot", "input-tokens", "output-tokens",
						"token-price", "revenue-refs", "curve", "models", "train-tokens", "mfu", "cluster", "lora", "precision", "best"); err != nil {
						return err
					}
					capexBasis := ""
					if ef.capexBasis != "" {
						if capexBasis, err = pricing.ParseCapexBasis(ef.capexBasis); err != nil {
							return usageError("--capex-basis: %v", err)
						}
					}
					t, err := trainValidateTable(w, *cost, capexBasis)
					if err != nil {
						return err
					}
					return t.Write(e.stdout, f)
				case imp.dir != "":
					return imp.run(ctx, e, w)
				case *list:
					if err := unusedFlags(fs, "tokens --models", "training"); err != nil {
						return err
					}
					return modelsTable(w).Write(e.stdout, f)
				case *validate:
					t, err := validateTable(w)
					if err != nil {
						return err
					}
					return t.Write(e.stdout, f)
				case *training:
					return usageError("--training goes with --validate or --import-mlperf DIR")
				case tf.model == "":
					return usageError("tokens needs --model (one of %s), --models or --validate", strings.Join(w.models.IDs(), ", "))
				}
				if *cost != "cloud" && *cost != "tco" {
					return usageError("--cost %q: want cloud or tco", *cost)
				}
				if *price < 0 {
					return usageError("--token-price %v: a price cannot be negative", *price)
				}
				if ef.basis != "" && !strings.EqualFold(ef.basis, "chip") {
					return usageError("tokens counts per chip (and per GW in its own columns); use rank --metric tokens-per-second --basis %s", ef.basis)
				}
				if ef.precision == "" {
					ef.precision = string(specs.FP8)
					if *train > 0 {
						ef.precision = string(specs.BF16)
					}
				}
				o, err := ef.configure(w)
				if err != nil {
					return err
				}
				ts := w.engine.Tokens
				ids, err := tokenChips(w, &ef, o, nil) // --chips: the engine flags' selection
				if err != nil {
					return err
				}
				if *curve {
					return curveTable(w, ts, ids).Write(e.stdout, f)
				}
				if *train != 0 || *mfu != 0 || *cluster != 0 || *lora {
					m := workload.DefaultMFU()
					switch {
					case *train <= 0 || *train > 1e17:
						return usageError("--train-tokens %v: want a positive number of tokens up to 1e17", *train)
					case *mfu < 0 || *mfu > 1:
						return usageError("--mfu %v: want a fraction in (0, 1]", *mfu)
					case *cluster < 0:
						return usageError("--cluster %d: want a positive number of chips", *cluster)
					case *mfu > 0 && ts.Tier != workload.ModelTier:
						return usageError("--mfu sets the MFU of the model tier; --tier %s takes it from MLPerf Training", ts.Tier)
					case *mfu > 0:
						m = workload.Range{Value: *mfu, Low: *mfu, High: *mfu}
					}
					mfuNote, err := trainingMFU(w, ts.Tier, &m)
					if err != nil {
						return err
					}
					return trainTable(w, ts, ids, *train, m, *cluster, *cost, o.CapexBasis, *lora, mfuNote).Write(e.stdout, f)
				}
				var revs []revenueRef
				for _, id := range *refs {
					if id == "" {
						continue
					}
					fig := w.book.SiteRevenuePerGWYear(id)
					if _, ok := w.book.Site(id); !ok || !fig.OK() {
						return usageError("--revenue-refs: %q is not a site or deal with a revenue per GW-year ('hwcmp gw' lists them)", id)
					}
					revs = append(revs, revenueRef{id: id, fig: fig})
				}
				return tokensTable(w, ts, ids, *cost, *price, revs, ef.explain, o.CapexBasis).Write(e.stdout, f)
			}
		},
	}
}

// tokenChips returns the accelerators a tokens table covers: --chips, or
// every accelerator the selection flags keep.
func tokenChips(w *world, ef *engineFlags, o compare.Options, only []string) ([]string, error) {
	if len(only) > 0 {
		for _, id := range only {
			if _, ok := w.catalog.Chip(id); !ok {
				return nil, usageError("--chips: %q is not a chip id ('hwcmp specs' lists them)", id)
			}
		}
		return only, nil
	}
	if ef.kind == "" {
		ef.kind = string(specs.Accelerator)
	}
	ids, _, err := ef.subjects(w.catalog, o)
	return ids, err
}

// byTokens orders ids by headline tokens per second per chip, highest
// first, chips without an estimate last.
func byTokens(ts *compare.TokenSetup, w *world, ids []string) []string {
	out := append([]string(nil), ids...)
	val := func(id string) float64 {
		est := ts.Estimate(w.catalog, id)
		if est.Missing != "" {
			return -1
		}
		return est.PerChip.Value
	}
	sort.SliceStable(out, func(i, j int) bool { return val(out[i]) > val(out[j]) })
	return out
}

// tokenDisplay is how tables show token rates: tokens per second, scaled.
var tokenDisplay = units.Display{Symbol: "tok/s", PerBase: 1, Class: units.Decimal}

// A revenueRef is a site's or deal's revenue per GW-year, to set against
// the tokens a GW of a chip serves.
type revenueRef struct {
	id  string
	fig pricing.SiteFigure // USD per hour per GW
}

// capexBasis, when set, is --capex-basis: the purchase prices behind
// --cost tco.
func tokensTable(w *world, ts *compare.TokenSetup, ids []string, cost string, price float64, revs []revenueRef, explain bool, capexBasis string) *output.Table {
	reg := w.metrics
	perSecond, _ := reg.Lookup("tokens-per-second")
	perJoule, _ := reg.Lookup("tokens-per-joule")
	dollarName := "dollars-per-million-tokens"
	if cost == "tco" {
		dollarName = "tco-dollars-per-million-tokens"
	}
	perDollar, _ := reg.Lookup(dollarName)
	legend := markLegend{}
	chipOpts := compare.Options{Precision: ts.Scenario.Precision, Sparsity: specs.Dense, Basis: compare.PerChip, CapexBasis: capexBasis}
	gwOpts := chipOpts
	gwOpts.Basis = compare.PerGW
	yearly := units.Display{Symbol: "tok", PerBase: 1, Class: units.Decimal}
	revenue := units.Display{Symbol: "USD", PerBase: 1, Class: units.Currency}
	usdPerM := units.Display{Symbol: "USD/Mtok", PerBase: 1, Class: units.Plain}
	// A GW-year serves tokens only while busy: the scenario's utilization.
	utilization := w.engine.Assumptions.Get("utilization")
	secondsPerYear := 3600 * units.HoursPerYear * utilization
	perYear := func(r compare.Result, k float64) output.Cell {
		if !r.OK() {
			return output.Missing(r.Missing)
		}
		c := output.Range(r.Value*k, r.Range.Lo*k, r.Range.Hi*k)
		c.Mark = legend.add(statusMark(r.Status))
		return c
	}
	t := &output.Table{
		Name:    "tokens",
		Title:   fmt.Sprintf("Tokens serving %s (%s tier)", ts.Model.ID, ts.Tier),
		Context: describeTokens(ts),
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "name", Header: "name", JSONOnly: true},
			{Key: "chips", Header: "chips"}, {Key: "batch", Header: "batch"},
			{Key: "tokens_per_s", Header: "per chip", Display: &tokenDisplay, Ranged: true},
			{Key: "tokens_per_s_per_user", Header: "per user", Display: &tokenDisplay},
			{Key: "cost", Header: "cost", Display: &usdPerM, Unit: "USD/Mtok", Ranged: true},
			{Key: "energy", Header: "energy", Display: &perJoule.Display, Unit: "tok/J", Ranged: true, Priority: 1},
			{Key: "tokens_per_gw_year", Header: "per GW-year", Display: &yearly, Unit: "tok", Ranged: true, Wide: !explain},
		},
	}
	for _, kv := range pricingContext(w, gwOpts, perDollar) {
		if kv[0] != "model" { // describeTokens has named the model more fully
			t.Context = append(t.Context, kv)
		}
	}
	if price > 0 {
		t.Columns = append(t.Columns, output.Column{Key: "revenue_per_gw_year", Header: fmt.Sprintf("revenue at %s USD/Mtok", units.FormatNumber(price)),
			Display: &revenue, Unit: "USD", Ranged: true})
		t.Context = append(t.Context, [2]string{"revenue", fmt.Sprintf("tokens per GW-year × %s USD per million; compare the note's ~10 bn USD per GW-year heuristic", units.FormatNumber(price))})
	}
	for _, r := range revs {
		t.Columns = append(t.Columns, output.Column{Key: "usd_per_mtok_to_earn_" + strings.ReplaceAll(r.id, "-", "_"),
			Header: "price to earn " + r.id, Display: &usdPerM, Unit: "USD/Mtok", Ranged: true, Wide: !explain})
		t.Context = append(t.Context, [2]string{r.id, fmt.Sprintf("%s USD per GW-year (%s, %s): the token price at which a GW of the chip earns it",
			units.FormatNumber(r.fig.Value*units.HoursPerYear/1e9)+" bn", r.fig.Formula, r.fig.Status)})
	}
	// The table's title names the tier and each value's mark its status:
	// tier, status and note are detail (--wide, --explain, CSV, JSON), so
	// that the default table fits a 100-column terminal.
	t.Columns = append(t.Columns, output.Column{Key: "tier", Header: "tier", Wide: !explain}, output.Column{Key: "status", Header: "status", Wide: !explain},
		output.Column{Key: "note", Header: "note", Wide: !explain}, output.Column{Key: "inputs", Header: "inputs", JSONOnly: true})
	var explained []string
	var priced []compare.Result
	ids = byTokens(ts, w, ids)
	for _, id := range ids {
		name, _ := subjectName(w.catalog, id)
		est := ts.Estimate(w.catalog, id)
		tok := w.engine.Evaluate(perSecond, id, chipOpts)
		gw := w.engine.Evaluate(perSecond, id, gwOpts)
		row := []output.Cell{output.Str(id), output.Str(name)}
		if !tok.OK() {
			none := output.Cell{Text: "-", Missing: "not served"} // "-" in tables, empty in CSV, null in JSON
			row = append(row, none, none, output.Missing(est.Missing), output.Cell{}, output.Cell{}, output.Cell{}, output.Cell{})
			if price > 0 {
				row = append(row, output.Cell{})
			}
			for range revs {
				row = append(row, output.Cell{})
			}
			row = append(row, output.Str(string(ts.Tier)), output.Str(""), output.Str(est.Missing), evidenceCell(nil))
			t.Rows = append(t.Rows, row)
			continue
		}
		user := output.Missing("measured result: per-user rate not published")
		if est.PerUser > 0 {
			user = output.Num(est.PerUser)
		}
		batch := output.Cell{Text: "-", Missing: "measured result: batch not published"}
		if est.Batch > 0 {
			batch = countCell(est.Batch)
		}
		dollars := w.engine.Evaluate(perDollar, id, chipOpts)
		priced = append(priced, dollars)
		row = append(row, countCell(est.Chips), batch, resultCell(tok, legend), user,
			usdPerMtok(dollars, legend),
			resultCell(w.engine.Evaluate(perJoule, id, chipOpts), legend),
			perYear(gw, secondsPerYear))
		if price > 0 {
			row = append(row, perYear(gw, secondsPerYear*price/1e6))
		}
		for _, r := range revs {
			row = append(row, breakEven(r.fig, gw, secondsPerYear, legend))
		}
		row = append(row, output.Str(string(est.Tier)), output.Str(string(tok.Status)), output.Str(est.Note), evidenceCell(tok.Evidence))
		t.Rows = append(t.Rows, row)
		if explain {
			explained = append(explained, id+":")
			explained = append(explained, explainLines(tok)...)
			if est.Hardware != nil {
				for _, v := range est.Hardware.Inputs() {
					explained = append(explained, fmt.Sprintf("    %s: %s (%s; %s; %s)", v.What(), compare.FigureEvidence("", v, 1, "").Shown, v.Status, v.Source, v.AsOf))
				}
			}
		}
	}
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes, allTermNotes(priced...)...)
	t.Notes = append(t.Notes, fmt.Sprintf("Per GW-year: tokens/s per chip × chips per GW (1 GW ÷ ((chip power + host power) × PUE)) × 8,760 h × utilization %s, per --scenario %s.",
		units.FormatNumber(utilization), w.engine.Assumptions.Scenario))
	t.Notes = append(t.Notes, explained...)
	return t
}

// breakEven returns the token price, USD per million, at which the tokens
// a GW serves in a year (gw: tokens per second per GW, busy
// secondsPerYear) earn the reference's revenue per GW-year.
func breakEven(rev pricing.SiteFigure, gw compare.Result, secondsPerYear float64, legend markLegend) output.Cell {
	if !gw.OK() {
		return output.Missing(gw.Missing)
	}
	perMtok := func(usdPerHour, tokPerS float64) float64 {
		return usdPerHour * units.HoursPerYear / (tokPerS * secondsPerYear / 1e6)
	}
	c := output.Range(perMtok(rev.Value, gw.Value), perMtok(rev.Low, gw.Range.Hi), perMtok(rev.High, gw.Range.Lo))
	c.Mark = legend.add(statusMark(specs.Weakest(rev.Status, gw.Status)))
	return c
}

// usdPerMtok turns a dollars-per-million-tokens result, kept in the
// metric's base unit (USD/h ÷ tok/s), into USD per million tokens.
func usdPerMtok(r compare.Result, legend markLegend) output.Cell {
	c := resultCell(r, legend)
	if c.Num != nil {
		k := r.Metric.Display.PerBase
		*c.Num *= k
		c.Lo, c.Hi = c.Lo*k, c.Hi*k
	}
	return c
}

// trainTable estimates the chip time, cost and energy to train the model
// on tokens on each chip.
func trainTable(w *world, ts *compare.TokenSetup, ids []string, tokens float64, mfu workload.Range, cluster int, cost, capexBasis string, lora bool, mfuNote string) *output.Table {
	perParam, method := 6.0, ""
	if lora {
		perParam, method = 4, "LoRA: "
	}
	price := chipHourPrice(w, cost)
	priceName := price.Name
	hours := units.Display{Symbol: "chip-h", PerBase: 1, Class: units.Decimal}
	days := units.Display{Symbol: "days", PerBase: 1, Class: units.Plain}
	usd := units.Display{Symbol: "USD", PerBase: 1, Class: units.Currency}
	energy := units.Display{Symbol: "Wh", PerBase: 1, Class: units.Decimal}
	m := ts.Model
	t := &output.Table{
		Name:  "training",
		Title: fmt.Sprintf("Training %s on %s tokens", m.ID, countText(tokens)),
		Context: [][2]string{
			{"compute", fmt.Sprintf("%s%g × %s active params × %s tokens = %.3g FLOP at %s dense peak", method, perParam, billions(m.ActiveParams), countText(tokens), perParam*m.ActiveParams*tokens, ts.Scenario.Precision)},
			{"MFU", fmt.Sprintf("%s (%s)", rangeText(mfu), mfuNote)},
		},
		Columns: []output.Column{
			{Key: "id", Header: "id"},
			{Key: "chip_hours", Header: "chip time", Display: &hours, Unit: "h", Ranged: true},
		},
	}
	if cluster > 0 {
		t.Columns = append(t.Columns, output.Column{Key: "days", Header: fmt.Sprintf("on %d chips", cluster), Display: &days, Unit: "days", Ranged: true})
	}
	t.Columns = append(t.Columns,
		output.Column{Key: "cost", Header: "cost at " + priceName, Display: &usd, Unit: "USD", Ranged: true},
		output.Column{Key: "energy", Header: "chip energy", Display: &energy, Unit: "Wh", Ranged: true},
		output.Column{Key: "status", Header: "status"}, output.Column{Key: "note", Header: "note"})
	legend := markLegend{}
	opts := compare.Options{Precision: ts.Scenario.Precision, Sparsity: specs.Dense, Basis: compare.PerChip, CapexBasis: capexBasis}
	for _, id := range ids {
		train := workload.Train
		if lora {
			train = workload.TrainLoRA
		}
		tr := train(w.catalog, id, m, ts.Scenario.Precision, tokens, mfu)
		row := []output.Cell{output.Str(id)}
		if tr.Missing != "" {
			row = append(row, output.Missing(tr.Missing))
			if cluster > 0 {
				row = append(row, output.Cell{})
			}
			row = append(row, output.Cell{}, output.Cell{}, output.Str(""), output.Str(tr.Missing))
			t.Rows = append(t.Rows, row)
			continue
		}
		cs := tr.ChipSeconds
		h := workload.Range{Value: cs.Value / 3600, Low: cs.Low / 3600, High: cs.High / 3600}
		status := specs.Weakest(specs.Derived, specs.Assumption, tr.Hardware.Peak.Status)
		mark := legend.add(statusMark(status))
		cell := func(r workload.Range, k float64) output.Cell {
			c := output.Range(r.Value*k, r.Low*k, r.High*k)
			c.Mark = mark
			return c
		}
		row = append(row, cell(h, 1))
		if cluster > 0 {
			row = append(row, cell(h, 1/float64(cluster)/24))
		}
		pr := w.engine.Evaluate(price, id, opts)
		if pr.OK() {
			c := output.Range(h.Value*pr.Value, h.Low*pr.Range.Lo, h.High*pr.Range.Hi)
			c.Mark = legend.add(statusMark(specs.Weakest(status, pr.Status)))
			row = append(row, c)
		} else {
			row = append(row, output.Missing(pr.Missing))
		}
		if pw := tr.Hardware.Power; pw.Spec != nil {
			c := output.Range(h.Value*pw.Value, h.Low*pw.Low, h.High*pw.High)
			c.Mark = legend.add(statusMark(specs.Weakest(status, pw.Status)))
			row = append(row, c)
		} else {
			row = append(row, output.Missing("power"))
		}
		note := fmt.Sprintf("%s dense peak %s", tr.Hardware.ComputePrecision, tr.Hardware.Peak.Spec.Value.String())
		if len(tr.Hardware.Notes) > 0 {
			note += "; " + tr.Hardware.Notes[0]
		}
		row = append(row, output.Str(string(status)), output.Str(note))
		t.Rows = append(t.Rows, row)
	}
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes, "Leaves out memory fit and communication beyond what MFU stands for; energy is rated chip power × chip time (no host, no PUE).")
	return t
}

// modelsTable lists the model catalog.
func modelsTable(w *world) *output.Table {
	plain := units.Display{Symbol: "", PerBase: 1, Class: units.Plain}
	params := units.Display{Symbol: "", PerBase: 1, Class: units.Decimal}
	t := &output.Table{
		Name:  "models",
		Title: "LLM catalog (hwcmp tokens --model ID)",
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "name", Header: "name"},
			{Key: "params", Header: "params", Display: &params}, {Key: "active_params", Header: "active", Display: &params},
			{Key: "layers", Header: "layers", Display: &plain}, {Key: "hidden", Header: "hidden", Display: &plain},
			{Key: "heads", Header: "heads", Display: &plain}, {Key: "kv_heads", Header: "KV heads", Display: &plain},
			{Key: "experts", Header: "experts", Display: &plain}, {Key: "active_experts", Header: "active experts", Display: &plain},
			{Key: "kv_bytes_per_token", Header: "KV per token (16-bit)", Display: &units.Display{Symbol: "B", PerBase: 1, Class: units.Decimal}},
			{Key: "context", Header: "context", Display: &plain},
			{Key: "source", Header: "source"}, {Key: "as_of", Header: "as of"},
		},
	}
	for _, m := range w.models.List {
		num := func(n int) output.Cell {
			if n == 0 {
				return output.Missing("dense")
			}
			return output.Num(float64(n))
		}
		t.Rows = append(t.Rows, []output.Cell{output.Str(m.ID), output.Str(m.Name), output.Num(m.Params), output.Num(m.ActiveParams),
			output.Num(float64(m.Layers)), output.Num(float64(m.Hidden)), output.Num(float64(m.Heads)), output.Num(float64(m.KVHeads)),
			num(m.Experts), num(m.ActiveExperts), output.Num(m.KVBytes(1, 2)), output.Num(float64(m.Context)),
			output.Str(m.Source), output.Str(m.AsOf.String())})
	}
	t.Notes = append(t.Notes, "Add a model: a models*.csv sheet in a --data folder (docs/TOKENS.md).")
	return t
}

// validateTable predicts each MLPerf result with the default efficiencies
// and with the calibrated ones fitted without it.
func validateTable(w *world) (*output.Table, error) {
	base := workload.DefaultEfficiency()
	vals := workload.Validate(w.catalog, w.models, w.measured, base)
	cal, calErr := workload.Calibrate(w.catalog, w.models, w.measured, base)
	pct := units.Display{Symbol: "%", PerBase: 100, Class: units.Plain}
	t := &output.Table{
		Name:  "validation",
		Title: "MLPerf Inference results against the token model",
		Context: [][2]string{
			{"model tier", fmt.Sprintf("default efficiencies: compute %s, memory %s", rangeText(base.Compute), rangeText(base.Memory))},
			{"scenario", "each result's precision, accelerators, mean output length (tokens ÷ samples), its mean time per output token (Server, Interactive; the limit where the log gives no mean) and its benchmark dataset's mean input length and length spread (workload/data/datasets*.csv), whose prefill each sample pays"},
		},
		Columns: []output.Column{
			{Key: "result_id", Header: "result"}, {Key: "chip", Header: "chip"}, {Key: "model", Header: "model"},
			{Key: "scenario", Header: "scenario"}, {Key: "accelerators", Header: "chips"},
			// The mean input and the calibrated prediction are detail (--wide,
			// CSV, JSON): the default table keeps to what the comparison needs.
			{Key: "input_tokens", Header: "mean input (tokens)", Display: &units.Display{Symbol: "", PerBase: 1, Class: units.Plain}, Wide: true},
			{Key: "measured", Header: "measured per chip", Display: &tokenDisplay},
			{Key: "predicted", Header: "model", Display: &tokenDisplay}, {Key: "error", Header: "error", Display: &pct, Unit: "ratio"},
			{Key: "loo_predicted", Header: "calibrated (leave-one-out)", Display: &tokenDisplay, Wide: true},
			{Key: "loo_error", Header: "calibrated error", Display: &pct, Unit: "ratio"},
			{Key: "source", Header: "source", JSONOnly: true},
		},
	}
	if calErr != nil {
		t.Context = append(t.Context, [2]string{"calibrated tier", calErr.Error()})
	} else {
		t.Context = append(t.Context, [2]string{"calibrated tier", cal.Eff.Label})
	}
	for i, v := range vals {
		r := v.Measured
		row := []output.Cell{output.Str(r.ResultID), output.Str(r.Chip), output.Str(r.Model), output.Str(r.Scenario),
			countCell(r.Accelerators), inputCell(r), output.Num(r.PerChip())}
		if v.Missing != "" {
			row = append(row, output.Missing(v.Missing), output.Missing("no prediction"))
		} else {
			row = append(row, output.Num(v.Predicted), output.Num(v.Error))
		}
		if calErr == nil && cal.Validations[i].LeaveOneOut > 0 {
			c := cal.Validations[i]
			row = append(row, output.Num(c.LeaveOneOut), output.Num(c.LeaveOneOutError))
		} else {
			row = append(row, output.Missing("not calibrated"), output.Missing("not calibrated"))
		}
		row = append(row, output.Str(r.Source))
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes, "error = predicted ÷ measured − 1. Results: embedded workload/data/mlperf*.csv (closed division, VALID), each with its mlperf_log_summary.txt URL.")
	t.Notes = append(t.Notes, accuracyNotes("model tier", workload.Summarize(vals, false))...)
	t.Notes = append(t.Notes, accuracyNotes("model tier, per chip", workload.SummarizeChips(vals, false))...)
	if calErr == nil {
		t.Notes = append(t.Notes, accuracyNotes("calibrated tier, leave-one-out", workload.Summarize(cal.Validations, true))...)
	}
	return t, nil
}

// accuracyNotes writes a tier's predicted ÷ measured summary, per model
// and over all, as table notes.
func accuracyNotes(tier string, acc []workload.Accuracy) []string {
	if len(acc) == 0 {
		return nil
	}
	out := []string{fmt.Sprintf("Predicted ÷ measured, %s:", tier)}
	for _, a := range acc {
		out = append(out, "  "+a.String())
	}
	return out
}

// inputCell is a result's mean input length, or missing when neither its
// row nor its benchmark's dataset gives one (then prefill is left out).
func inputCell(r *workload.Measured) output.Cell {
	if r.InputTokens <= 0 {
		return output.Missing("no dataset: prefill left out")
	}
	return output.Num(r.InputTokens)
}

// curveTable lists each chip's throughput-vs-interactivity frontier.
func curveTable(w *world, ts *compare.TokenSetup, ids []string) *output.Table {
	t := &output.Table{
		Name:    "curve",
		Title:   fmt.Sprintf("Throughput vs interactivity serving %s", ts.Model.ID),
		Context: describeTokens(ts),
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "chips", Header: "chips"}, {Key: "batch", Header: "batch"},
			{Key: "tokens_per_s_per_user", Header: "per user", Display: &tokenDisplay},
			{Key: "tokens_per_s", Header: "per chip", Display: &tokenDisplay},
			{Key: "bound", Header: "decode bound"},
		},
	}
	for _, id := range ids {
		est := ts.Estimate(w.catalog, id)
		if est.Result == nil || !est.Result.OK() {
			why := est.Missing
			none := output.Cell{Text: "-", Missing: "not served"} // "-" in tables, empty in CSV, null in JSON
			t.Rows = append(t.Rows, []output.Cell{output.Str(id), none, none, output.Missing(why), output.Missing(why), output.Str("")})
			continue
		}
		for _, p := range est.Result.Mid.Frontier {
			t.Rows = append(t.Rows, []output.Cell{output.Str(id), countCell(p.Chips), countCell(p.Batch),
				output.Num(p.PerUser), output.Num(p.PerChip), output.Str(p.Bound)})
		}
	}
	return t
}

// countCell shows a whole count as people write it and gives it to CSV and
// JSON readers as a number, not a string.
func countCell(n int) output.Cell { return output.Value(strconv.Itoa(n), float64(n)) }
