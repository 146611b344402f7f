package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// An InputKind says where an input figure comes from.
type InputKind int

// The input kinds.
const (
	SpecInput  InputKind = iota // a figure from the spec sheets
	PriceInput                  // a cloud price per hour (package pricing)
	CapexInput                  // a purchase price (package pricing)
	TCOInput                    // a total cost of ownership per hour (package pricing)
	BenchInput                  // a benchmark score (package bench)
	TokenInput                  // model tokens per second (package workload, see tokens.go)
)

// An Input is one figure a metric reads.
type Input struct {
	Name     string // for people and for "missing: ..." messages
	Kind     InputKind
	Quantity string // for SpecInput: the spec quantity
	Dim      units.Dimension
}

// ByPrecision reports whether the input is quoted per precision.
func (in Input) ByPrecision() bool {
	return in.Kind == SpecInput && in.Quantity == specs.QThroughput || in.Kind == TokenInput
}

func spec(q string) Input {
	sq := specs.SpecQuantities()[q]
	return Input{Name: strings.ReplaceAll(q, "_", " "), Kind: SpecInput, Quantity: q, Dim: sq.Dim}
}

// A Metric is a named figure to compute: one input, or the ratio of two.
type Metric struct {
	Name    string
	Doc     string
	Num     Input
	Den     *Input // nil for a plain figure
	Display units.Display
	Unit    string // base unit of the result, e.g. "FLOP/s/W"
	Higher  bool   // whether higher is better
	// CPUOnly marks metrics that only make sense for CPU instances.
	CPUOnly bool
}

// Formula writes the metric out, e.g. "throughput ÷ power".
func (m *Metric) Formula() string {
	f := m.Num.Name
	if m.Num.ByPrecision() {
		f += "[precision, sparsity]"
	}
	if m.Den != nil {
		f += " ÷ " + m.Den.Name
	}
	return f
}

// Inputs returns the metric's inputs.
func (m *Metric) Inputs() []Input {
	if m.Den == nil {
		return []Input{m.Num}
	}
	return []Input{m.Num, *m.Den}
}

// ByPrecision reports whether the metric needs a precision.
func (m *Metric) ByPrecision() bool {
	for _, in := range m.Inputs() {
		if in.ByPrecision() {
			return true
		}
	}
	return false
}

// At returns m as quoted at precision p: for an integer precision a
// throughput metric counts operations, not floating-point ones, and its
// unit and display say OPS (TOPS/W, OP/s); m itself is unchanged.
func (m *Metric) At(p specs.Precision) *Metric {
	if !p.Integer() || !m.Num.ByPrecision() {
		return m
	}
	c := *m
	c.Unit = units.IntegerOps(m.Unit)
	c.Display = m.Display.IntegerOps()
	return &c
}

// Better says "higher" or "lower".
func (m *Metric) Better() string {
	if m.Higher {
		return "higher"
	}
	return "lower"
}

// A Registry is a set of metrics by name.
type Registry struct {
	list   []*Metric
	byName map[string]*Metric
}

// NewRegistry returns a registry of the given metrics.
func NewRegistry(ms ...*Metric) *Registry {
	r := &Registry{byName: make(map[string]*Metric)}
	for _, m := range ms {
		r.Add(m)
	}
	return r
}

// Add adds m; a metric with the same name is replaced.
func (r *Registry) Add(m *Metric) {
	if _, ok := r.byName[m.Name]; !ok {
		r.list = append(r.list, m)
	} else {
		for i, old := range r.list {
			if old.Name == m.Name {
				r.list[i] = m
			}
		}
	}
	r.byName[m.Name] = m
}

// All returns the metrics in registration order.
func (r *Registry) All() []*Metric { return r.list }

// Lookup returns the metric called name, or an error listing close names.
func (r *Registry) Lookup(name string) (*Metric, error) {
	if m, ok := r.byName[name]; ok {
		return m, nil
	}
	var close []string
	for n := range r.byName {
		if strings.Contains(n, name) || strings.Contains(name, n) {
			close = append(close, n)
		}
	}
	sort.Strings(close)
	if len(close) > 0 {
		return nil, fmt.Errorf("no metric %q (did you mean %s? 'hwcmp metrics' lists them all)", name, strings.Join(close, ", "))
	}
	return nil, fmt.Errorf("no metric %q ('hwcmp metrics' lists them)", name)
}

// per returns the display of a ratio of two dimensions, e.g. FLOPS/W.
func per(num units.Display, den string) units.Display {
	return units.Display{Symbol: num.Symbol + "/" + den, PerBase: num.PerBase, Class: num.Class}
}

// ratio returns a metric num ÷ den. Adding a metric is one call to it (or
// to figure) in DefaultMetrics.
func ratio(name, doc string, num, den Input, display units.Display, higher bool) *Metric {
	return &Metric{Name: name, Doc: doc, Num: num, Den: &den, Display: display,
		Unit: num.Dim.BaseUnit() + "/" + den.Dim.BaseUnit(), Higher: higher}
}

// figure returns a metric that is one input.
func figure(name, doc string, in Input, higher bool) *Metric {
	d := in.Dim.Display()
	if q, ok := specs.SpecQuantities()[in.Quantity]; ok && in.Kind == SpecInput {
		d = q.DisplayOf()
	}
	return &Metric{Name: name, Doc: doc, Num: in, Display: d, Unit: in.Dim.BaseUnit(), Higher: higher}
}

func cpuOnly(m *Metric) *Metric { m.CPUOnly = true; return m }

// SpecMetrics returns the metrics computed from spec sheets alone.
func SpecMetrics() []*Metric {
	tp, bw, mem, pw := spec(specs.QThroughput), spec(specs.QMemoryBandwidth), spec(specs.QMemoryCapacity), spec(specs.QPower)
	return []*Metric{
		figure("throughput", "peak throughput at the chosen precision and sparsity", tp, true),
		figure("memory-bandwidth", "peak memory (HBM) bandwidth", bw, true),
		figure("memory-capacity", "memory (HBM) capacity; host memory for CPU instances", mem, true),
		figure("power", "rated power (TDP or board power)", pw, false),
		figure("scaleup-bandwidth", "scale-up interconnect bandwidth per chip (NVLink, NeuronLink, ICI)", spec(specs.QScaleupBandwidth), true),
		figure("scaleup-domain", "chips in one scale-up domain", spec(specs.QScaleupDomain), true),
		ratio("machine-balance", "FLOP per byte of memory traffic at which a chip turns from memory- to compute-bound (the roofline ridge point)",
			tp, bw, units.Display{Symbol: "FLOP/B", PerBase: 1, Class: units.Plain}, true),
		ratio("throughput-per-watt", "peak throughput per watt of rated power", tp, pw, per(tp.Dim.Display(), "W"), true),
		ratio("bandwidth-per-watt", "memory bandwidth per watt of rated power", bw, pw, per(bw.Dim.Display(), "W"), true),
		ratio("capacity-per-watt", "memory capacity per watt of rated power", mem, pw, per(mem.Dim.Display(), "W"), true),
		cpuOnly(figure("vcpus", "vCPUs of an instance", spec(specs.QVCPUs), true)),
		cpuOnly(figure("cores", "physical cores", spec(specs.QCores), true)),
		cpuOnly(figure("clock", "clock frequency", spec(specs.QClock), true)),
		figure("network-bandwidth", "instance network bandwidth", spec(specs.QNetworkBandwidth), true),
		figure("ebs-bandwidth", "instance EBS (block storage) bandwidth", spec(specs.QEBSBandwidth), true),
	}
}

// DefaultMetrics returns the registry of every metric hwcmp knows.
func DefaultMetrics() *Registry {
	return NewRegistry(append(append(append(SpecMetrics(), DollarMetrics()...), BenchmarkMetrics()...), TokenMetrics()...)...)
}
