package workload

import (
	"fmt"

	"github.com/hwcmp/hwcmp/specs"
)

// DefaultMFU is the model FLOPs utilization training runs are assumed to
// reach: an assumption with its range (docs/TOKENS.md), the same for every
// chip.
func DefaultMFU() Range { return Range{0.40, 0.30, 0.50} }

// A Training is the chip time to train a model on a number of tokens.
type Training struct {
	Model  *Model
	Tokens float64 // training tokens D
	// FLOPs is 6 × active parameters × D: forward and backward passes.
	FLOPs float64
	// ChipSeconds is FLOPs ÷ (peak × MFU), at the mid, low and high
	// bounds; Low uses the high peak and MFU (the shortest time).
	ChipSeconds Range
	Hardware    *Hardware
	MFU         Range
	Missing     string
}

// Train estimates the chip-seconds to train m on tokens at precision p on
// chip, at mfu. It leaves out memory fit (training shards weights,
// gradients and optimizer state across the cluster) and communication
// beyond what MFU stands for.
func Train(cat *specs.Catalog, chip string, m *Model, p specs.Precision, tokens float64, mfu Range) *Training {
	t := &Training{Model: m, Tokens: tokens, FLOPs: 6 * m.ActiveParams * tokens, MFU: mfu}
	h, missing := TrainingHardware(cat, chip, p)
	if missing != "" {
		t.Missing = missing
		return t
	}
	t.Hardware = h
	if tokens <= 0 || mfu.Low <= 0 {
		t.Missing = fmt.Sprintf("tokens %v and MFU %v must be positive", tokens, mfu.Low)
		return t
	}
	t.ChipSeconds = Range{
		Value: t.FLOPs / (h.Peak.Value * mfu.Value),
		Low:   t.FLOPs / (h.Peak.High * mfu.High),
		High:  t.FLOPs / (h.Peak.Low * mfu.Low),
	}
	return t
}
