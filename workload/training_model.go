package workload

import (
	"fmt"
	"math"

	"github.com/hwcmp/hwcmp/specs"
)

// TrainingFLOPsPerToken returns the FLOPs one trained token costs at a
// sequence length of seqLen, forward and backward.
//
// Weight matrix products: the forward pass costs 2 FLOPs per parameter,
// the backward pass 2 for the gradients with respect to activations and 2
// for those with respect to weights: 6 per parameter (the usual 6·N·D).
// LoRA freezes the base weights and trains small low-rank adapters
// (arXiv:2106.09685): the backward pass still propagates activation
// gradients through every frozen matrix but computes no weight gradient
// for it, so a token costs about 4 FLOPs per parameter; the adapters
// (rank 16 on Llama 2 70B: under 0.1% of the parameters) are left out.
// The LoRA paper (§4.2) reports a 25% training speed-up on GPT-3 175B from
// skipping those gradients, short of the 1.5× the FLOP count allows.
//
// Attention scores and values have no weights: causal attention over a
// seqLen sequence costs AttentionFLOPs at the mean context seqLen/2 in the
// forward pass and twice that backward (PaLM, arXiv:2204.02311 App. B,
// counts the same forward-plus-backward 3×, over the full rather than the
// causal context).
func TrainingFLOPsPerToken(m *Model, seqLen float64, lora bool) float64 {
	perParam := 6.0
	if lora {
		perParam = 4
	}
	return perParam*m.ActiveParams + 3*m.AttentionFLOPs(seqLen/2)
}

// TrainingPrecision is the precision whose dense peak the training model
// divides by: BF16, the reference implementations' precision. Submissions
// that train in FP8 or FP4 show as a model FLOPs utilization above what
// BF16 runs reach.
const TrainingPrecision = specs.BF16

// TrainingHardware reads what the training model needs of chip at
// precision p: its dense peak at p, or at the nearest wider precision up to
// 16 bits (named in Notes), and, where listed, its power. Unlike
// ChipHardware it needs no memory figures (training shards state across
// the cluster), and it never falls back to TF32 or FP32: a chip without a
// figure at p or a 16-bit one is missing, not modelled at a tenth of its
// speed.
func TrainingHardware(cat *specs.Catalog, chip string, p specs.Precision) (*Hardware, string) {
	if _, ok := cat.Chip(chip); !ok {
		return nil, fmt.Sprintf("%s is not a chip", chip)
	}
	h := &Hardware{Chip: chip, Precision: p, Domain: 1}
	for _, q := range append([]specs.Precision{p}, p.Wider()...) {
		if BytesPerValue(q) > 2 {
			break
		}
		if f, ok := cat.Figure(chip, specs.QThroughput, q, specs.Dense); ok {
			h.Peak, h.ComputePrecision = figureOf(f), q
			if q != p {
				h.Notes = append(h.Notes, fmt.Sprintf("no %s throughput: computes at %s", p, q))
			}
			break
		}
	}
	if h.Peak.Spec == nil {
		return nil, fmt.Sprintf("no dense throughput at %s or a wider 16-bit precision", p)
	}
	if f, ok := cat.Figure(chip, specs.QPower, "", ""); ok {
		h.Power = figureOf(f)
	}
	return h, ""
}

// LoRAFactor is the FLOPs of a LoRA token over those of a fully trained
// one in the weight matrices: 4 of 6 per parameter
// (TrainingFLOPsPerToken).
const LoRAFactor = 4.0 / 6

// TrainLoRA is Train for LoRA fine-tuning: 4 × active parameters × tokens
// FLOPs, the weight gradients of the frozen weights left out.
func TrainLoRA(cat *specs.Catalog, chip string, m *Model, p specs.Precision, tokens float64, mfu Range) *Training {
	t := Train(cat, chip, m, p, tokens, mfu)
	t.FLOPs *= LoRAFactor
	t.ChipSeconds = Range{Value: t.ChipSeconds.Value * LoRAFactor, Low: t.ChipSeconds.Low * LoRAFactor, High: t.ChipSeconds.High * LoRAFactor}
	return t
}

// CalibratedMFU returns the MFU CalibrateTraining fits on results, and how
// many results it was fitted on.
func CalibratedMFU(cat *specs.Catalog, models *Models, results []*TrainingResult) (Range, int, bool) {
	checks := CheckTraining(cat, models, results, DefaultMFU())
	n := 0
	for _, c := range checks {
		if c.Missing == "" {
			n++
		}
	}
	u, ok := CalibrateTraining(checks)
	return u, n, ok
}

// A TrainingCheck is one MLPerf Training result against the training
// model's prediction.
type TrainingCheck struct {
	Result   *TrainingResult
	Hardware *Hardware
	// FLOPs is the result's tokens × TrainingFLOPsPerToken.
	FLOPs float64
	// Predicted is the minutes the model predicts at the MFU given, with
	// its range; Error is Predicted.Value ÷ measured − 1.
	Predicted Range
	Error     float64
	// ImpliedMFU is FLOPs ÷ (accelerators × BF16 dense peak × measured
	// time): the utilization the measured time stands for.
	ImpliedMFU float64
	// LeaveOneOut is the minutes predicted at the MFU calibrated on every
	// other result (CalibrateTraining), LeaveOneOutError its error.
	LeaveOneOut, LeaveOneOutError float64
	Missing                       string
}

// CheckTraining predicts each result's minutes from its tokens, the chip's
// BF16 dense peak and mfu, and sets the leave-one-out calibrated
// prediction where at least two results can be modelled.
func CheckTraining(cat *specs.Catalog, models *Models, results []*TrainingResult, mfu Range) []TrainingCheck {
	out := make([]TrainingCheck, len(results))
	for i, r := range results {
		c := TrainingCheck{Result: r}
		m, ok := models.Get(r.Model)
		h, missing := TrainingHardware(cat, r.Chip, TrainingPrecision)
		switch {
		case !ok:
			c.Missing = fmt.Sprintf("model %s is not in the catalog", r.Model)
		case missing != "":
			c.Missing = missing
		case r.Tokens() <= 0 || r.Minutes <= 0 || mfu.Low <= 0:
			c.Missing = "no tokens, time or MFU"
		}
		if c.Missing == "" {
			c.Hardware = h
			c.FLOPs = r.Tokens() * TrainingFLOPsPerToken(m, float64(r.SequenceLength), r.LoRA())
			n := float64(r.Accelerators)
			minutes := func(peak, u float64) float64 { return c.FLOPs / (n * peak * u) / 60 }
			c.Predicted = Range{Value: minutes(h.Peak.Value, mfu.Value), Low: minutes(h.Peak.High, mfu.High), High: minutes(h.Peak.Low, mfu.Low)}
			c.Error = c.Predicted.Value/r.Minutes - 1
			c.ImpliedMFU = c.FLOPs / (n * h.Peak.Value * r.Minutes * 60)
		}
		out[i] = c
	}
	for i := range out {
		if out[i].Missing != "" {
			continue
		}
		others := make([]TrainingCheck, 0, len(out)-1)
		others = append(others, out[:i]...)
		others = append(others, out[i+1:]...)
		if u, ok := CalibrateTraining(others); ok {
			out[i].LeaveOneOut = out[i].Predicted.Value * mfu.Value / u.Value
			out[i].LeaveOneOutError = out[i].LeaveOneOut/out[i].Result.Minutes - 1
		}
	}
	return out
}

// CalibrateTraining fits one MFU for every chip to the checks that could
// be modelled: the geometric mean of their implied MFUs, which minimizes
// the squared log error of the predicted times, with one geometric
// standard deviation either side as the range. It needs at least two.
func CalibrateTraining(checks []TrainingCheck) (Range, bool) {
	var logs []float64
	for _, c := range checks {
		if c.Missing == "" && c.ImpliedMFU > 0 {
			logs = append(logs, math.Log(c.ImpliedMFU))
		}
	}
	if len(logs) < 2 {
		return Range{}, false
	}
	var mean, ss float64
	for _, l := range logs {
		mean += l
	}
	mean /= float64(len(logs))
	for _, l := range logs {
		ss += (l - mean) * (l - mean)
	}
	sd := math.Sqrt(ss / float64(len(logs)-1))
	return Range{Value: math.Exp(mean), Low: math.Exp(mean - sd), High: math.Exp(mean + sd)}, true
}
