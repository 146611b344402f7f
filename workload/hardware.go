package workload

import (
	"fmt"

	"github.com/hwcmp/hwcmp/specs"
)

// A Figure is one hardware input of the model: its value and range in base
// units, with the spec figure it came from.
type Figure struct {
	Value, Low, High float64
	Status           specs.Status
	Spec             *specs.Value // nil for a value hwcmp assumed
}

func figureOf(f specs.Figure) Figure {
	return Figure{Value: f.Base, Low: f.Low, High: f.High, Status: f.Status, Spec: f.Value}
}

// Hardware is what the performance model reads of one chip.
type Hardware struct {
	Chip string
	// Precision is the format weights are stored and multiplied in;
	// ComputePrecision is the one Peak is quoted at, wider when the chip
	// has no figure at Precision (a fallback, named in Notes).
	Precision, ComputePrecision specs.Precision
	Peak                        Figure // dense FLOP/s per chip
	// AttentionPeak is the dense FLOP/s attention runs at: the throughput
	// at FP8 (the KV cache's precision), or at Precision when that is
	// wider. Attention multiplies activations by the cache, not by
	// weights, so narrower weights do not speed it up.
	AttentionPeak Figure
	Bandwidth     Figure // memory bytes/s per chip
	Capacity      Figure // memory bytes per chip
	// LinkBandwidth is the scale-up bandwidth per chip, both directions
	// (as spec sheets quote it); zero Value when the chip has none listed.
	LinkBandwidth Figure
	// Domain is the most chips one model instance may span: the scale-up
	// domain, 1 when none is listed.
	Domain int
	Power  Figure // zero Value when missing
	Notes  []string
}

// Inputs returns the spec figures behind h, for --explain.
func (h *Hardware) Inputs() []*specs.Value {
	var out []*specs.Value
	for _, f := range []Figure{h.Peak, h.AttentionPeak, h.Bandwidth, h.Capacity, h.LinkBandwidth, h.Power} {
		if f.Spec != nil && (len(out) == 0 || out[len(out)-1] != f.Spec) {
			out = append(out, f.Spec)
		}
	}
	return out
}

// Status returns the weakest status of h's figures.
func (h *Hardware) Status() specs.Status {
	var ss []specs.Status
	for _, f := range []Figure{h.Peak, h.Bandwidth, h.Capacity} {
		ss = append(ss, f.Status)
	}
	if h.LinkBandwidth.Spec != nil {
		ss = append(ss, h.LinkBandwidth.Status)
	}
	return specs.Weakest(ss...)
}

// ChipHardware reads chip's figures at precision p from cat. It says what
// is missing when the chip cannot be modelled: no throughput at p or any
// wider precision, no memory bandwidth or capacity.
func ChipHardware(cat *specs.Catalog, chip string, p specs.Precision) (*Hardware, string) {
	if _, ok := cat.Chip(chip); !ok {
		return nil, fmt.Sprintf("%s is not a chip", chip)
	}
	h := &Hardware{Chip: chip, Precision: p, Domain: 1}
	found := false
	for _, q := range append([]specs.Precision{p}, p.Wider()...) {
		if f, ok := cat.Figure(chip, specs.QThroughput, q, specs.Dense); ok {
			h.Peak, h.ComputePrecision, found = figureOf(f), q, true
			if q != p {
				h.Notes = append(h.Notes, fmt.Sprintf("no %s throughput: computes at %s", p, q))
			}
			break
		}
	}
	if !found {
		return nil, fmt.Sprintf("no dense throughput at %s or wider", p)
	}
	h.AttentionPeak = h.Peak
	if BytesPerValue(h.ComputePrecision) < 1 {
		for _, q := range append([]specs.Precision{specs.FP8}, specs.FP8.Wider()...) {
			if f, ok := cat.Figure(chip, specs.QThroughput, q, specs.Dense); ok {
				h.AttentionPeak = figureOf(f)
				break
			}
		}
	}
	bw, ok := cat.Figure(chip, specs.QMemoryBandwidth, "", "")
	if !ok {
		return nil, "no memory bandwidth"
	}
	h.Bandwidth = figureOf(bw)
	mem, ok := cat.Figure(chip, specs.QMemoryCapacity, "", "")
	if !ok {
		return nil, "no memory capacity"
	}
	h.Capacity = figureOf(mem)
	if f, ok := cat.Figure(chip, specs.QScaleupBandwidth, "", ""); ok {
		h.LinkBandwidth = figureOf(f)
		if d, ok := cat.Figure(chip, specs.QScaleupDomain, "", ""); ok && d.Base >= 1 {
			h.Domain = int(d.Base)
		} else {
			h.Notes = append(h.Notes, "no scale-up domain listed: one chip per model instance")
		}
	} else {
		h.Notes = append(h.Notes, "no scale-up bandwidth listed: one chip per model instance")
	}
	if f, ok := cat.Figure(chip, specs.QPower, "", ""); ok {
		h.Power = figureOf(f)
	}
	return h, ""
}

// BytesPerValue returns the storage size of one weight at p, block
// scales included. The 4- and 6-bit formats are block-scaled: NVFP4 (the
// format of every embedded FP4 MLPerf result) stores one FP8 (E4M3) scale
// per 16 values, 4 + 8/16 = 4.5 bits a value; OCP MXFP4 one E8M0 scale per
// 32, 4.25 bits, 6% less, which hwcmp does not tell apart (its precisions
// name the element format only). FP6 exists only as OCP MXFP6: 6 + 8/32 =
// 6.25 bits. FP8 is taken at one byte: per-tensor scales are negligible
// and MXFP8's per-32 scale adds 3%.
func BytesPerValue(p specs.Precision) float64 {
	switch p {
	case specs.FP4:
		return (4 + 8.0/16) / 8
	case specs.FP6:
		return (6 + 8.0/32) / 8
	case specs.FP8, specs.INT8:
		return 1
	case specs.BF16, specs.FP16:
		return 2
	case specs.TF32, specs.FP32:
		return 4
	case specs.FP64:
		return 8
	}
	return 2
}
