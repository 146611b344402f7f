package specs

import (
	"fmt"
	"slices"
	"strings"
)

// A Status says how a number is known. Strength falls from measured to
// target; a number computed from others is only as strong as its weakest
// input (see Weakest).
type Status string

// The statuses, strongest first.
const (
	Measured Status = "measured" // from a benchmark run
	Vendor   Status = "vendor"   // from the maker's or seller's published spec or price
	Derived  Status = "derived"  // computed by hwcmp from other figures; the note says how
	// Reported marks a maker's or seller's number relayed by a secondary
	// source (press, aggregator, wiki, fork): evidence that the vendor
	// said it, weaker than the vendor's own document.
	Reported Status = "reported"
	Estimate Status = "estimate" // an analyst's or the press's estimate
	// Assumption marks a model input chosen for a scenario rather than
	// read from a source; its note says why.
	Assumption Status = "assumption"
	Target     Status = "target" // a promise for an unreleased product
)

var statuses = []Status{Measured, Vendor, Derived, Reported, Estimate, Assumption, Target}

// ParseStatus parses a status name.
func ParseStatus(s string) (Status, error) {
	return ParseEnum(s, "status", statuses)
}

func (s Status) rank() int { return slices.Index(statuses, s) }

// Weaker reports whether s is a weaker kind of evidence than t.
func (s Status) Weaker(t Status) bool { return s.rank() > t.rank() }

// Weakest returns the weakest of the given statuses (Measured if none).
// A figure hwcmp derives by formula passes Derived along with its inputs'
// statuses, so that it is never stronger than derived.
func Weakest(ss ...Status) Status {
	w := Measured
	for _, s := range ss {
		if s.Weaker(w) {
			w = s
		}
	}
	return w
}

// Tentative reports whether s marks a number that is not yet a fact of
// shipping hardware: an estimate or a target. Verdicts and charts say so.
func (s Status) Tentative() bool { return s == Estimate || s == Assumption || s == Target }

// A Precision is a number format throughput is quoted at.
type Precision string

// The precisions, narrowest first; Fallback walks this order.
const (
	FP4  Precision = "fp4"
	FP6  Precision = "fp6"
	FP8  Precision = "fp8"
	BF16 Precision = "bf16"
	FP16 Precision = "fp16"
	TF32 Precision = "tf32"
	FP32 Precision = "fp32"
	FP64 Precision = "fp64"
	INT8 Precision = "int8"
)

var precisions = []Precision{FP4, FP6, FP8, BF16, FP16, TF32, FP32, FP64, INT8}

// Precisions returns every precision, narrowest float first, then integer.
func Precisions() []Precision { return slices.Clone(precisions) }

// ParsePrecision parses a precision name.
func ParsePrecision(s string) (Precision, error) {
	return ParseEnum(s, "precision", precisions)
}

// Integer reports whether p is an integer format, quoted in OPS not FLOPS.
func (p Precision) Integer() bool { return p == INT8 }

// Wider returns the precisions wider than p, nearest first, that a
// --fallback may use when p has no figure. Integer formats have none: an
// INT8 figure is not a stand-in for a float one, nor the reverse.
func (p Precision) Wider() []Precision {
	if p.Integer() {
		return nil
	}
	i := slices.Index(precisions, p)
	if i < 0 {
		return nil
	}
	var w []Precision
	for _, q := range precisions[i+1:] {
		if !q.Integer() {
			w = append(w, q)
		}
	}
	return w
}

// A Sparsity says whether a throughput figure assumes 2:4 structured
// sparsity. Sparse figures are twice the dense ones on hardware that has the
// feature and are never ranked against dense ones.
type Sparsity string

// The sparsities.
const (
	Dense  Sparsity = "dense"
	Sparse Sparsity = "sparse"
)

// ParseSparsity parses a sparsity name.
func ParseSparsity(s string) (Sparsity, error) {
	return ParseEnum(s, "sparsity", []Sparsity{Dense, Sparse})
}

// A Kind says what a chip is.
type Kind string

// The chip kinds.
const (
	Accelerator Kind = "accelerator"
	CPU         Kind = "cpu"
)

// ParseKind parses a chip kind.
func ParseKind(s string) (Kind, error) {
	return ParseEnum(s, "kind", []Kind{Accelerator, CPU})
}

// A Lifecycle says whether a chip can be bought or rented yet.
type Lifecycle string

// The lifecycles.
const (
	Shipping  Lifecycle = "shipping"  // generally available
	Announced Lifecycle = "announced" // announced with specs, not yet generally available
	Planned   Lifecycle = "target"    // on a roadmap; figures are targets
)

// ParseLifecycle parses a lifecycle name.
func ParseLifecycle(s string) (Lifecycle, error) {
	return ParseEnum(s, "lifecycle", []Lifecycle{Shipping, Announced, Planned})
}

// A SystemKind says what sort of thing a system is.
type SystemKind string

// The system kinds.
const (
	Instance     SystemKind = "instance"      // a cloud instance type
	UltraServer  SystemKind = "ultraserver"   // several instances joined in one scale-up domain
	Pod          SystemKind = "pod"           // a TPU pod or slice
	Rack         SystemKind = "rack"          // a rack-scale system such as an NVL72
	Server       SystemKind = "server"        // a server one can buy
	ChipOffering SystemKind = "chip-offering" // a single chip rented by the chip-hour
)

// ParseSystemKind parses a system kind.
func ParseSystemKind(s string) (SystemKind, error) {
	return ParseEnum(s, "system kind", []SystemKind{Instance, UltraServer, Pod, Rack, Server, ChipOffering})
}

// ParseEnum returns the value of valid that s names, or an error listing
// the valid names; every closed vocabulary of a sheet parses through it.
func ParseEnum[E ~string](s, what string, valid []E) (E, error) {
	for _, v := range valid {
		if string(v) == s {
			return v, nil
		}
	}
	names := make([]string, len(valid))
	for i, v := range valid {
		names[i] = string(v)
	}
	if s == "" {
		return "", fmt.Errorf("missing %s (one of %s)", what, strings.Join(names, ", "))
	}
	return "", fmt.Errorf("unknown %s %q (want one of %s)", what, s, strings.Join(names, ", "))
}
