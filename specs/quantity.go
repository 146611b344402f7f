package specs

import (
	"sort"

	"github.com/hwcmp/hwcmp/units"
)

// A Quantity is something a value row can measure: its name in sheets, its
// dimension, and what it means.
type Quantity struct {
	Name string
	Dim  units.Dimension
	// ByPrecision marks quantities quoted per number format and sparsity
	// (throughput); rows of other quantities leave those columns empty.
	ByPrecision bool
	// Whole marks counts that must be whole numbers (cores, chips).
	Whole bool
	// AllowZero marks quantities for which zero is a real value.
	AllowZero bool
	// Display, when set, overrides the dimension's usual display, e.g.
	// network bandwidth in bits per second.
	Display *units.Display
	// Bases, when set, are what a figure of q may cover, named in a row's
	// basis column: a capex figure may be a chip's price or a rack's share.
	// Figures on different bases are never ranked or summed together.
	Bases []string
	Doc   string
	// Min and Max, when Max is set, are the plausible range of a figure
	// in base units, in place of the dimension's (see Plausible).
	Min, Max float64
	// Bounds says what a figure outside the plausible range does: it is
	// refused (the zero value), or loads with a warning, or loads.
	Bounds BoundsMode
}

// DisplayOf returns how q's values are shown to people.
func (q Quantity) DisplayOf() units.Display {
	if q.Display != nil {
		return *q.Display
	}
	return q.Dim.Display()
}

// Quantities is a set of quantities by name. Each package that owns value
// sheets has its own set: chips and systems here, prices and sites in
// package pricing.
type Quantities map[string]Quantity

// Names returns the names in qs, sorted.
func (qs Quantities) Names() []string {
	names := make([]string, 0, len(qs))
	for n := range qs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Quantity names used by the engine.
const (
	QThroughput           = "throughput"
	QMemoryCapacity       = "memory_capacity"
	QMemoryBandwidth      = "memory_bandwidth"
	QPower                = "power"
	QScaleupBandwidth     = "scaleup_bandwidth"
	QScaleoutBandwidth    = "scaleout_bandwidth"
	QScaleupDomain        = "scaleup_domain"
	QCores                = "cores"
	QThreads              = "threads"
	QVCPUs                = "vcpus"
	QClock                = "clock"
	QNetworkBandwidth     = "network_bandwidth"
	QEBSBandwidth         = "ebs_bandwidth"
	QL3Cache              = "l3_cache"
	QChipCount            = "chip_count"
	QAcceleratorMemory    = "accelerator_memory_capacity"
	QAcceleratorBandwidth = "accelerator_memory_bandwidth"
)

// SpecQuantities returns the quantities of chip and system spec sheets.
func SpecQuantities() Quantities {
	bits := units.BitRate
	qs := []Quantity{
		{Name: QThroughput, Dim: units.Throughput, ByPrecision: true, Doc: "peak throughput at a precision and sparsity"},
		{Name: QMemoryCapacity, Dim: units.Bytes, Doc: "memory capacity: HBM for accelerators, host memory for systems"},
		{Name: QMemoryBandwidth, Dim: units.ByteRate, Doc: "peak memory bandwidth"},
		{Name: QPower, Dim: units.Power, Bases: PowerBases, Doc: "rated power: a chip's TDP or board power (the note says which); a system's chips × TDP (basis chips) or all-in power (basis system)"},
		{Name: QScaleupBandwidth, Dim: units.ByteRate, Doc: "scale-up interconnect bandwidth per chip (NVLink, NeuronLink, ICI), both directions"},
		{Name: QScaleoutBandwidth, Dim: units.ByteRate, Display: &bits, Doc: "scale-out network bandwidth per chip"},
		{Name: QScaleupDomain, Dim: units.Count, Whole: true, Doc: "chips in one scale-up domain"},
		{Name: QCores, Dim: units.Count, Whole: true, Doc: "physical cores"},
		{Name: QThreads, Dim: units.Count, Whole: true, Doc: "hardware threads"},
		{Name: QVCPUs, Dim: units.Count, Whole: true, Doc: "vCPUs of an instance"},
		{Name: QClock, Dim: units.Frequency, Doc: "clock frequency (the note says base, all-core or maximum)"},
		{Name: QNetworkBandwidth, Dim: units.ByteRate, Display: &bits, Doc: "instance network bandwidth"},
		{Name: QEBSBandwidth, Dim: units.ByteRate, Display: &bits, Doc: "instance EBS (block storage) bandwidth"},
		{Name: QL3Cache, Dim: units.Bytes, Doc: "last-level cache"},
		{Name: QChipCount, Dim: units.Count, Whole: true, Doc: "chips in a system, as its maker states"},
		{Name: QAcceleratorMemory, Dim: units.Bytes, Doc: "accelerator memory (HBM) of a whole system"},
		{Name: QAcceleratorBandwidth, Dim: units.ByteRate, Doc: "accelerator memory bandwidth of a whole system"},
	}
	m := make(Quantities, len(qs))
	for _, q := range qs {
		m[q.Name] = q
	}
	return m
}
