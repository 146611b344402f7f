package main

import (
	"context"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/hwcmp/hwcmp/workload"
)

// trainingBenchmarks are the MLPerf Training benchmarks hwcmp imports: the
// results folder name, the catalog model, the method and the fixed
// sequence length, which the run logs do not state.
var trainingBenchmarks = []struct {
	folder, model, method string
	seqLen                int
}{
	// Sequence length 8192: the benchmark's reference configuration
	// (NVIDIA's implementation, conf/base/model_config.yaml
	// encoder_seq_length: 8192, training_results_v5.0 at 0fdc28f0).
	{"llama2_70b_lora", "llama-2-70b", "lora", 8192},
}

// trainingAccelerators names MLPerf Training accelerators the name mapper
// would get wrong; an empty id maps the name to no chip.
var trainingAccelerators = map[string]string{
	// The H200 NVL is the 600 W PCIe card, not the H200 SXM hwcmp lists.
	"NVIDIA H200-NVL-141GB": "",
}

// trainingChip maps an MLPerf Training accelerator_model_name to a chip id.
func trainingChip(w *world) func(string) (string, bool) {
	m := acceleratorNames(w)
	return func(name string) (string, bool) {
		if id, ok := trainingAccelerators[name]; ok {
			return id, id != ""
		}
		return m(name)
	}
}

// runTraining imports the MLPerf Training results of a round's results
// repository checked out in f.dir: 'hwcmp tokens --import-mlperf DIR
// --training'.
func (f *importFlags) runTraining(ctx context.Context, e *env, w *world) error {
	date, err := f.sourceDate("--import-mlperf --training")
	if err != nil {
		return err
	}
	repo := strings.TrimSuffix(f.repo, "/")
	round, ok := strings.CutPrefix(path.Base(repo), "training_results_")
	if !ok {
		return usageError("--repo %s: want an MLCommons training results repository (…/training_results_vX.Y)", f.repo)
	}
	var recs []workload.TrainingRecord
	for _, b := range trainingBenchmarks {
		ti := workload.TrainingImport{Round: round, Repo: repo, Commit: f.commit, AsOf: date, Benchmark: b.folder,
			Model: b.model, Method: b.method, SequenceLength: b.seqLen, Chip: trainingChip(w)}
		rs, rep, err := ti.Import(os.DirFS(f.dir))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%s: read %d results, kept %d\n", b.folder, rep.Read, rep.Kept)
		for _, why := range rep.Reasons() {
			fmt.Fprintln(e.stderr, "  dropped:", why)
		}
		recs = append(recs, rs...)
	}
	return f.writeKept(ctx, e, len(recs), recs, "--import-mlperf "+f.dir+" --training")
}

// trainValidateTable sets each embedded MLPerf Training result against
// the training model, at the default MFU and at the MFU calibrated on the
// other results, with its chip-hours, cost and chip energy.
func trainValidateTable(w *world, cost, capexBasis string) (*output.Table, error) {
	if cost != "cloud" && cost != "tco" {
		return nil, usageError("--cost %q: want cloud or tco", cost)
	}
	results := w.training
	mfu := workload.DefaultMFU()
	checks := workload.CheckTraining(w.catalog, w.models, results, mfu)
	cal, calOK := workload.CalibrateTraining(checks)
	price := chipHourPrice(w, cost)
	priceName := price.Name
	pct := units.Display{Symbol: "%", PerBase: 100, Class: units.Plain}
	minutes := units.Display{Symbol: "min", PerBase: 1, Class: units.Plain}
	plain := units.Display{Symbol: "", PerBase: 1, Class: units.Plain}
	t := &output.Table{
		Name:  "training-validation",
		Title: "MLPerf Training results against the training model",
		Context: [][2]string{
			{"model tier", fmt.Sprintf("FLOPs = tokens × (4 × params [LoRA: no weight gradients for frozen weights; 6 when full] + 3 × causal attention) at the chip's BF16 dense peak × MFU %s (assumption)", rangeText(mfu))},
			{"tokens", "samples trained to the quality target (mean of the counted runs) × the benchmark's 8,192-token sequence"},
			{"measured", "the MLPerf score: olympic mean of the run times (run_stop − run_start), fastest and slowest dropped, × scaling.json where the committee scaled it"},
		},
		Columns: []output.Column{
			{Key: "result_id", Header: "result"}, {Key: "chip", Header: "chip"}, {Key: "accelerators", Header: "chips"},
			{Key: "samples", Header: "samples", Display: &plain},
			{Key: "measured_minutes", Header: "measured", Display: &minutes},
			{Key: "predicted_minutes", Header: "model", Display: &minutes, Ranged: true}, {Key: "error", Header: "error", Display: &pct, Unit: "ratio"},
			{Key: "loo_minutes", Header: "calibrated (leave-one-out)", Display: &minutes}, {Key: "loo_error", Header: "error", Display: &pct, Unit: "ratio"},
			{Key: "implied_mfu", Header: "MFU (BF16)", Display: &pct, Unit: "ratio"},
			{Key: "chip_hours", Header: "chip-hours", Display: &plain},
			{Key: "cost", Header: "cost at " + priceName, Display: &units.Display{Symbol: "USD", PerBase: 1, Class: units.Plain}, Unit: "USD", Ranged: true},
			{Key: "energy", Header: "chip energy", Display: &units.Display{Symbol: "Wh", PerBase: 1, Class: units.Decimal}, Unit: "Wh", Ranged: true},
			{Key: "tier", Header: "tier", JSONOnly: true},
			{Key: "source", Header: "source", JSONOnly: true},
		},
	}
	if calOK {
		t.Context = append(t.Context, [2]string{"calibrated tier", fmt.Sprintf("one MFU for every chip, the geometric mean of the results' implied MFUs: %s (± one geometric standard deviation); each row's prediction leaves its own result out", rangeText(cal))})
	}
	legend := markLegend{}
	for _, c := range checks {
		r := c.Result
		row := []output.Cell{output.Str(r.ResultID), output.Str(r.Chip), output.Str(fmt.Sprint(r.Accelerators)),
			output.Num(r.Samples), output.Num(r.Minutes)}
		if c.Missing != "" {
			row = append(row, output.Missing(c.Missing), output.Cell{}, output.Cell{}, output.Cell{}, output.Cell{})
		} else {
			row = append(row, output.Range(c.Predicted.Value, c.Predicted.Low, c.Predicted.High), output.Num(c.Error))
			if c.LeaveOneOut > 0 {
				row = append(row, output.Num(c.LeaveOneOut), output.Num(c.LeaveOneOutError))
			} else {
				row = append(row, output.Missing("not calibrated"), output.Missing("not calibrated"))
			}
			row = append(row, output.Num(c.ImpliedMFU))
		}
		hours := r.ChipHours()
		row = append(row, output.Num(hours))
		opts := compare.Options{Precision: workload.TrainingPrecision, Sparsity: specs.Dense, Basis: compare.PerChip, CapexBasis: capexBasis}
		if pr := w.engine.Evaluate(price, r.Chip, opts); pr.OK() {
			cell := output.Range(hours*pr.Value, hours*pr.Range.Lo, hours*pr.Range.Hi)
			cell.Mark = legend.add(statusMark(pr.Status))
			row = append(row, cell)
		} else {
			row = append(row, output.Missing(pr.Missing))
		}
		if c.Hardware != nil && c.Hardware.Power.Spec != nil {
			pw := c.Hardware.Power
			cell := output.Range(hours*pw.Value, hours*pw.Low, hours*pw.High)
			cell.Mark = legend.add(statusMark(pw.Status))
			row = append(row, cell)
		} else {
			row = append(row, output.Missing("power"))
		}
		row = append(row, output.Str(string(workload.MeasuredTier)), output.Str(r.Source))
		t.Rows = append(t.Rows, row)
	}
	if n := legend.note(); n != "" {
		t.Notes = append(t.Notes, n)
	}
	t.Notes = append(t.Notes,
		"error = predicted ÷ measured − 1. MFU (BF16) = model FLOPs ÷ (chips × BF16 dense peak × measured time); above 100% the run used FP8 or FP4 arithmetic.",
		"chip-hours = measured minutes ÷ 60 × chips; cost = chip-hours × the chip-hour price; chip energy = chip-hours × rated chip power (no host, network or PUE).",
		"Results: embedded workload/data/training-mlperf*.csv (closed division, available systems), each with its results folder URL at a fixed commit.")
	return t, nil
}

// trainingMFU sets *mfu for a --train-tokens table of tier: the model
// tier keeps the assumption (or --mfu), the calibrated tier takes the MFU
// fitted on the embedded MLPerf Training results, and the measured tier
// has no figure to give for an arbitrary model and token count. It returns
// the MFU's description.
func trainingMFU(w *world, tier workload.Tier, mfu *workload.Range) (string, error) {
	switch tier {
	case workload.CalibratedTier:
		u, n, ok := workload.CalibratedMFU(w.catalog, w.models, w.training)
		if !ok {
			return "", fmt.Errorf("--tier calibrated: fewer than two MLPerf Training results can be modelled")
		}
		*mfu = u
		return fmt.Sprintf("calibrated: geometric mean of the BF16 MFU of %d MLPerf Training Llama 2 70B LoRA results, ± one geometric standard deviation; 'hwcmp tokens --validate --training'", n), nil
	case workload.MeasuredTier:
		return "", usageError("--train-tokens has no measured tier: the measured MLPerf Training results are in 'hwcmp tokens --validate --training'")
	}
	return "assumption, the same for every chip; docs/TOKENS.md", nil
}

// chipHourPrice returns the metric training cost is priced at: the cloud
// chip-hour price, or the TCO per chip-hour with --cost tco.
func chipHourPrice(w *world, cost string) *compare.Metric {
	name := "cloud-price"
	if cost == "tco" {
		name = "tco"
	}
	m, _ := w.metrics.Lookup(name)
	return m
}
