package main

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/plots"
	"github.com/hwcmp/hwcmp/specs"
)

// defaultPlotModel is the model token charts draw when --model is not
// given (the chart pack): the most widely served open model of the
// catalog's size class.
const defaultPlotModel = "llama-3.1-70b"

// tokenSetup returns the token setup of the plot flags, --model or the
// default model.
func (pb plotBuilder) tokenSetup() (*compare.TokenSetup, error) {
	if ts := pb.w.engine.Tokens; ts != nil {
		return ts, nil
	}
	tf := pb.ef.tokens
	tf.model = defaultPlotModel
	ts, err := tf.setup(pb.w, specs.Precision(pb.ef.precision))
	if err != nil {
		return nil, err
	}
	pb.w.engine.Tokens = ts
	return ts, nil
}

// tokenChipIDs returns --chips for the token charts (the roofline's
// chips by default).
func (pb plotBuilder) tokenChipIDs() ([]string, error) {
	want := pb.chips
	if want == "" {
		want = defaultRooflineChips
	}
	var chipIDs []string
	for _, c := range pb.w.catalog.Chips {
		chipIDs = append(chipIDs, c.ID)
	}
	return parseSelection("--chips", want).resolve(pb.w.catalog, chipIDs)
}

// tokenCurves draws the throughput-vs-interactivity curves of --chips.
func (pb plotBuilder) tokenCurves() (*plots.Figure, error) {
	ts, err := pb.tokenSetup()
	if err != nil {
		return nil, err
	}
	ids, err := pb.tokenChipIDs()
	if err != nil {
		return nil, err
	}
	var curves []plots.TokenCurve
	var missing []compare.Result
	var ev []compare.Evidence
	for _, id := range ids {
		est := ts.Estimate(pb.w.catalog, id)
		if est.Result == nil || !est.Result.OK() {
			missing = append(missing, compare.Result{Subject: id, Missing: est.Missing})
			continue
		}
		c := plots.TokenCurve{Label: pb.label(id), Group: pb.group(id), Tentative: est.Status.Tentative() && est.Hardware.Status().Tentative()}
		for _, p := range est.Result.Mid.Frontier {
			c.Points = append(c.Points, [2]float64{p.PerUser, p.PerChip})
		}
		curves = append(curves, c)
		for _, v := range est.Hardware.Inputs() {
			ev = append(ev, compare.FigureEvidence("spec", v, 1, ""))
		}
	}
	s := ts.Scenario
	title := fmt.Sprintf("Throughput vs interactivity: %s, %s, %.0f in / %.0f out tokens", ts.Model.Name, s.Precision, s.InputTokens, s.OutputTokens)
	sub := "Each line is one chip's best configurations (chips per model instance × batch): up and to the right is better. Model tier, mid efficiencies (docs/TOKENS.md)."
	in := plots.Interactivity{Caption: pb.caption(title, sub, string(ts.Tier)+" tier", ev), Display: tokenDisplay,
		Curves: curves, Missing: missingByReason(missing)}
	if s.TPOT > 0 {
		in.MinPerUser = 1 / s.TPOT
	}
	return in.Figure()
}

// tokenCost draws the cost of a million output tokens of --model per chip
// as a ranking, cheapest first.
func (pb plotBuilder) tokenCost() (*plots.Figure, error) {
	ts, err := pb.tokenSetup()
	if err != nil {
		return nil, err
	}
	if pb.metric == "" {
		pb.metric = "dollars-per-million-tokens"
	}
	f, err := pb.rank()
	if err != nil {
		return nil, err
	}
	f.Title = strings.ReplaceAll(f.Title, "--model", ts.Model.Name)
	f.Subtitle = "Lower is better. Whiskers: the range the efficiency assumptions and the spec and price figures imply (docs/TOKENS.md)."
	return f, nil
}
