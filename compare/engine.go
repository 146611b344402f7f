package compare

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
)

// A Basis is what a value is counted per.
type Basis string

// The bases.
const (
	PerChip   Basis = "chip"   // one chip
	PerSystem Basis = "system" // one system: an instance, UltraServer, pod or rack
	PerGW     Basis = "gw"     // one gigawatt of datacenter capacity
)

// ParseBasis parses a --basis value.
func ParseBasis(s string) (Basis, error) {
	switch b := Basis(s); b {
	case PerChip, PerSystem, PerGW:
		return b, nil
	}
	return "", fmt.Errorf("unknown basis %q (want chip, system or gw)", s)
}

// Options fix how a metric is normalized.
type Options struct {
	Precision specs.Precision // for throughput; required by metrics that read it
	Sparsity  specs.Sparsity  // dense unless asked otherwise
	Basis     Basis
	// Fallback lets a missing precision use the nearest wider one that
	// has a figure; every such value is flagged.
	Fallback bool
	// CapexBasis, when set, uses only purchase prices on that basis (see
	// pricing.CapexBases); empty takes each chip's own, whatever its
	// basis, and SplitBases keeps a ranking to one basis.
	CapexBasis string
	// PowerBasis, when set, uses only system power figures on that basis
	// (specs.PowerChips or specs.PowerSystem); empty takes a system's own
	// figure, else its chips', and SplitBases keeps a ranking to one.
	PowerBasis string
}

// Describe writes the options out for an output's header line.
func (o Options) Describe(m *Metric) string {
	var parts []string
	if m.ByPrecision() {
		parts = append(parts, fmt.Sprintf("precision %s, %s", o.Precision, o.Sparsity))
		if o.Fallback {
			parts = append(parts, "fallback to wider precisions allowed (flagged *)")
		}
	}
	parts = append(parts, "per "+string(o.Basis))
	return strings.Join(parts, "; ")
}

// Evidence is one input figure behind a Result: a spec figure, a price or
// a model output, with its provenance.
type Evidence struct {
	Input   string  // which input: "throughput", "power", "cloud price" ...
	Subject string  // whose figure it is: a chip, system or offering
	What    string  // what it measures, e.g. "throughput fp8 dense"
	Value   float64 // in base units, before Times
	Unit    string  // base unit
	Shown   string  // the figure as its source wrote it, e.g. "2517 TFLOPS"
	Status  specs.Status
	Source  string
	AsOf    specs.Date
	Times   float64 // how many of Value make the input (chip count), 1 if used as is
	Note    string  // how it was used, e.g. "16 × trn2 figure"
	// Figure is the spec figure, when the evidence is one.
	Figure *specs.Value
	// Price is the cloud price, when the evidence is one; its Term says
	// whether it is on-demand or a fallback term.
	Price *pricing.Price
}

// FigureEvidence returns the evidence of a spec or pricing figure.
func FigureEvidence(input string, v *specs.Value, times float64, note string) Evidence {
	shown := v.Value.String()
	if v.Formula != "" {
		shown = v.Display().Scale(v.Base).FormatUnit(v.Base)
	}
	return Evidence{Input: input, Subject: v.Subject, What: v.What(), Value: v.Base, Unit: v.BaseUnit(),
		Shown: shown, Status: v.Status, Source: v.Source, AsOf: v.AsOf, Times: times, Note: note, Figure: v}
}

// A Result is a metric evaluated for one subject.
type Result struct {
	Subject  string
	Metric   *Metric
	Basis    Basis
	Value    float64 // in the metric's base unit; meaningless if Missing != ""
	Range    Interval
	Status   specs.Status // the weakest status of the inputs
	Evidence []Evidence
	// Fallback is the precision used when Options.Precision had no figure.
	Fallback specs.Precision
	// CapexBasis is what the purchase price behind the value covers
	// (chip, board, server-share, rack-share; server or rack for a
	// system's own price); empty when no capex was used.
	CapexBasis string
	// PowerBasis is what the power figure behind a per-system value
	// covers: chips (TDP × chips) or system (all-in); empty otherwise.
	PowerBasis string
	// Missing says what input is missing; empty when Value is valid.
	Missing string
}

// OK reports whether r has a value.
func (r Result) OK() bool { return r.Missing == "" }

// An Engine evaluates metrics over loaded data.
type Engine struct {
	Catalog *specs.Catalog
	// Book, when set, supplies prices, capex and the models of package
	// pricing; without it dollar metrics are missing.
	Book *pricing.Book
	// Prices selects which cloud price a metric uses.
	Prices pricing.Query
	// Assumptions feed TCO and the per-GW basis.
	Assumptions *pricing.Assumptions
	// Bench, when set, supplies the benchmark metrics' scores.
	Bench *Benchmarks
	// Tokens, when set, is the model and scenario token metrics evaluate.
	Tokens *TokenSetup
	// Workloads, when set, is the model catalog and measured results that
	// claims naming a model build their token setups from.
	Workloads *TokenData
}

// term is one resolved input: a value with its interval and evidence.
type term struct {
	value    float64
	rng      Interval
	status   specs.Status
	evidence []Evidence
	fallback specs.Precision
	// capexBasis is what a purchase price input covers, if one was used.
	capexBasis string
	// powerBasis is what a system's power input covers, if one was used.
	powerBasis string
}

// Evaluate computes m for subject. It never returns NaN or infinity: a
// value that cannot be computed is a Result with Missing set.
func (e *Engine) Evaluate(m *Metric, subject string, o Options) Result {
	r := Result{Subject: subject, Metric: m, Basis: o.Basis}
	if m.ByPrecision() && o.Precision == "" {
		r.Missing = "a precision (give --precision)"
		return r
	}
	num, missing := e.resolve(m.Num, subject, o)
	if missing != "" {
		r.Missing = missing
		return r
	}
	t := num
	if m.Den != nil {
		den, missing := e.resolve(*m.Den, subject, o)
		if missing != "" {
			r.Missing = missing
			return r
		}
		t = term{
			value:      num.value / den.value,
			rng:        num.rng.Div(den.rng),
			status:     specs.Weakest(num.status, den.status),
			evidence:   slices.Concat(num.evidence, den.evidence), // one allocation, exactly sized
			fallback:   cmp.Or(num.fallback, den.fallback),
			capexBasis: cmp.Or(num.capexBasis, den.capexBasis),
			powerBasis: cmp.Or(num.powerBasis, den.powerBasis),
		}
	}
	if math.IsNaN(t.value) || math.IsInf(t.value, 0) || t.value <= 0 {
		r.Missing = fmt.Sprintf("a finite positive value (computed %v)", t.value)
		return r
	}
	r.Value, r.Range, r.Status, r.Evidence, r.Fallback, r.CapexBasis, r.PowerBasis = t.value, t.rng, t.status, t.evidence, t.fallback, t.capexBasis, t.powerBasis
	return r
}

// resolve reads one input for subject at o's basis.
func (e *Engine) resolve(in Input, subject string, o Options) (term, string) {
	if o.Basis == PerGW {
		return e.perGW(in, subject, o)
	}
	switch in.Kind {
	case SpecInput:
		return e.specInput(in, subject, o)
	case PriceInput:
		return e.priceInput(in, subject, o)
	case CapexInput:
		return e.capexInput(in, subject, o)
	case TCOInput:
		return e.tcoInput(in, subject, o)
	case BenchInput:
		return e.benchInput(in, subject)
	case TokenInput:
		return e.tokensInputTerm(in, subject, o)
	}
	return term{}, in.Name + " (no data source for it)"
}

// perSystemTotal lists the quantities a system has chip count times of.
// Per-chip quantities such as scale-up bandwidth or clock are not summed.
var perSystemTotal = map[string]bool{
	specs.QThroughput:        true,
	specs.QMemoryCapacity:    true,
	specs.QMemoryBandwidth:   true,
	specs.QPower:             true,
	specs.QScaleoutBandwidth: true,
}

// acceleratorQuantity maps a chip quantity to the name an accelerator
// system's own sheet uses for it: a system's memory_capacity is its host
// memory, and its accelerators' memory is accelerator_memory_capacity.
var acceleratorQuantity = map[string]string{
	specs.QMemoryCapacity:  specs.QAcceleratorMemory,
	specs.QMemoryBandwidth: specs.QAcceleratorBandwidth,
}

func (e *Engine) specInput(in Input, subject string, o Options) (term, string) {
	cat := e.Catalog
	precisions := []specs.Precision{""}
	sparsity := specs.Sparsity("")
	if in.ByPrecision() {
		precisions = []specs.Precision{o.Precision}
		if o.Fallback {
			precisions = append(precisions, o.Precision.Wider()...)
		}
		sparsity = o.Sparsity
	}
	what := func() string { // what is missing, built only when it is
		if in.ByPrecision() {
			return fmt.Sprintf("%s %s %s", in.Name, o.Precision, o.Sparsity)
		}
		return in.Name
	}
	switch o.Basis {
	case PerChip:
		if _, ok := cat.Chip(subject); !ok {
			return term{}, notAChip(subject)
		}
		for _, p := range precisions {
			if f, ok := cat.Figure(subject, in.Quantity, p, sparsity); ok {
				return figureTerm(in, f, 1, p, o.Precision, ""), ""
			}
		}
		return term{}, what()
	case PerSystem:
		sys, ok := cat.System(subject)
		if !ok {
			return term{}, fmt.Sprintf("%s is not a system (use --basis chip)", subject)
		}
		chip, _ := cat.ChipOf(sys)
		q := in.Quantity
		if alt, ok := acceleratorQuantity[q]; ok && chip.Kind == specs.Accelerator {
			q = alt
		}
		for _, p := range precisions {
			if f, ok := cat.Figure(subject, q, p, sparsity); ok && (q != specs.QPower || o.PowerBasis == "" || cat.PowerBasis(f.Value) == o.PowerBasis) {
				t := figureTerm(in, f, 1, p, o.Precision, "system's own figure")
				if q == specs.QPower {
					t.powerBasis = cat.PowerBasis(f.Value)
					t.evidence[0].Note += ", basis " + t.powerBasis
				}
				return t, ""
			}
			if sys.Chips > 0 && (q != specs.QPower || o.PowerBasis == "" || o.PowerBasis == specs.PowerChips) {
				if f, ok := cat.Figure(sys.Chip, in.Quantity, p, sparsity); ok {
					times, note := 1.0, "per-chip figure of "+sys.Chip
					if perSystemTotal[in.Quantity] {
						times, note = float64(sys.Chips), strconv.Itoa(sys.Chips)+" × "+sys.Chip+" figure"
					}
					t := figureTerm(in, f, times, p, o.Precision, note)
					if q == specs.QPower {
						t.powerBasis = specs.PowerChips
						t.evidence[0].Note += ", basis chips (TDP × chips, accelerators only)"
					}
					return t, ""
				}
			}
		}
		return term{}, what()
	}
	return term{}, fmt.Sprintf("%s per %s", what(), o.Basis)
}

func figureTerm(in Input, f specs.Figure, times float64, used, asked specs.Precision, note string) term {
	t := term{
		value:    f.Base * times,
		rng:      Interval{f.Low, f.High}.Scale(times),
		status:   f.Status,
		evidence: []Evidence{FigureEvidence(in.Name, f.Value, times, note)},
	}
	if used != asked {
		t.fallback = used
		t.evidence[0].Note = strings.TrimPrefix(t.evidence[0].Note+fmt.Sprintf("; fallback: no %s figure, used %s", asked, used), "; ")
	}
	return t
}

// notAChip says why a per-chip input is missing for a system subject.
func notAChip(subject string) string {
	return fmt.Sprintf("%s is not a chip (use --basis system)", subject)
}
