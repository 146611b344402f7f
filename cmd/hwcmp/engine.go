package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

// engineFlags are the normalization and selection flags of the commands
// that evaluate metrics.
type engineFlags struct {
	precision string
	sparsity  string
	basis     string
	fallback  bool
	kind      string
	lifecycle string
	vendor    string
	explain   bool
}

func (f *engineFlags) register(fs *pflag.FlagSet, selection bool) {
	fs.StringVar(&f.precision, "precision", "", "`precision` of throughput: fp4, fp6, fp8, bf16, fp16, tf32, fp32, fp64, int8")
	fs.StringVar(&f.sparsity, "sparsity", "dense", "`sparsity` of throughput: dense or sparse (never mixed)")
	fs.BoolVar(&f.fallback, "fallback", false, "where a chip has no figure at --precision, use the nearest wider precision (flagged *)")
	fs.StringVar(&f.basis, "basis", "chip", "count per `basis`: chip or system (instance, UltraServer, pod, rack)")
	if selection {
		fs.StringVar(&f.kind, "kind", "", "only chips of this `kind`: accelerator or cpu (default: accelerator for throughput metrics, cpu for CPU-only ones)")
		fs.StringVar(&f.lifecycle, "lifecycle", "", "only chips at this `lifecycle`: shipping, announced or target")
		fs.StringVar(&f.vendor, "vendor", "", "only chips from this `vendor`")
	}
	fs.BoolVar(&f.explain, "explain", false, "print every input behind every value, with its status, source and date")
}

// options returns the compare.Options the flags ask for.
func (f *engineFlags) options() (compare.Options, error) {
	var o compare.Options
	var err error
	if f.precision != "" {
		if o.Precision, err = specs.ParsePrecision(f.precision); err != nil {
			return o, usageError("--precision: %v", err)
		}
	}
	if o.Sparsity, err = specs.ParseSparsity(f.sparsity); err != nil {
		return o, usageError("--sparsity: %v", err)
	}
	if o.Basis, err = compare.ParseBasis(f.basis); err != nil {
		return o, usageError("--basis: %v", err)
	}
	o.Fallback = f.fallback
	return o, nil
}

// subjects returns the ids a ranking covers at o's basis, filtered by the
// selection flags. The kind defaults to what m applies to.
func (f *engineFlags) subjects(cat *specs.Catalog, o compare.Options, ms ...*compare.Metric) ([]string, string, error) {
	kind := specs.Kind(f.kind)
	if f.kind != "" {
		if _, err := specs.ParseKind(f.kind); err != nil {
			return nil, "", usageError("--kind: %v", err)
		}
	} else {
		for _, m := range ms {
			switch {
			case m.CPUOnly:
				kind = specs.CPU
			case m.ByPrecision():
				kind = specs.Accelerator
			}
		}
	}
	if f.lifecycle != "" {
		if _, err := specs.ParseLifecycle(f.lifecycle); err != nil {
			return nil, "", usageError("--lifecycle: %v", err)
		}
	}
	keep := func(c *specs.Chip) bool {
		return (kind == "" || c.Kind == kind) &&
			(f.lifecycle == "" || string(c.Lifecycle) == f.lifecycle) &&
			(f.vendor == "" || strings.EqualFold(c.Vendor, f.vendor))
	}
	var ids []string
	switch o.Basis {
	case compare.PerChip:
		for _, c := range cat.Chips {
			if keep(c) {
				ids = append(ids, c.ID)
			}
		}
	default:
		for _, s := range cat.Systems {
			if c, ok := cat.Chip(s.Chip); ok && keep(c) {
				ids = append(ids, s.ID)
			}
		}
	}
	sort.Strings(ids)
	var sel []string
	if kind != "" {
		sel = append(sel, string(kind))
	} else {
		sel = append(sel, "all kinds")
	}
	if f.lifecycle != "" {
		sel = append(sel, f.lifecycle)
	}
	if f.vendor != "" {
		sel = append(sel, f.vendor)
	}
	if len(ids) == 0 {
		return nil, "", fmt.Errorf("no %ss match %s", o.Basis, strings.Join(sel, ", "))
	}
	return ids, strings.Join(sel, ", "), nil
}

// subjectName returns a subject's display name and vendor or provider.
func subjectName(cat *specs.Catalog, id string) (name, vendor string) {
	if c, ok := cat.Chip(id); ok {
		return c.Name, c.Vendor
	}
	if s, ok := cat.System(id); ok {
		return s.Name, s.Provider
	}
	return id, ""
}

// resultCell returns a ranged numeric cell for r, marked by status and
// fallback, or the reason it is missing.
func resultCell(r compare.Result, legend markLegend) output.Cell {
	if !r.OK() {
		return output.Missing(r.Missing)
	}
	c := output.Range(r.Value, r.Range.Lo, r.Range.Hi)
	c.Mark = legend.add(statusMark(r.Status))
	if r.Fallback != "" {
		c.Mark += legend.add("*")
	}
	return c
}

// metricColumn returns the numeric column for m's values.
func metricColumn(key string, m *compare.Metric) output.Column {
	d := m.Display
	return output.Column{Key: key, Header: m.Name, Display: &d, Unit: m.Unit, Ranged: true}
}

// evidenceJSON is one input of a value, as JSON shows it.
type evidenceJSON struct {
	Input         string  `json:"input"`
	Subject       string  `json:"subject"`
	Quantity      string  `json:"quantity"`
	Precision     string  `json:"precision,omitempty"`
	Sparsity      string  `json:"sparsity,omitempty"`
	Value         float64 `json:"value"`
	Unit          string  `json:"unit"`
	OriginalValue float64 `json:"original_value"`
	OriginalUnit  string  `json:"original_unit"`
	Times         float64 `json:"times"`
	Status        string  `json:"status"`
	Source        string  `json:"source"`
	AsOf          string  `json:"as_of"`
	Note          string  `json:"note,omitempty"`
}

func evidenceCell(ev []compare.Evidence) output.Cell {
	out := make([]evidenceJSON, 0, len(ev))
	for _, e := range ev {
		f := e.Figure
		out = append(out, evidenceJSON{Input: e.Input, Subject: f.Subject, Quantity: f.Quantity,
			Precision: string(f.Precision), Sparsity: string(f.Sparsity), Value: f.Base, Unit: f.Dim.BaseUnit(),
			OriginalValue: f.Orig, OriginalUnit: f.OrigUnit, Times: e.Times, Status: string(f.Status),
			Source: f.Source, AsOf: f.AsOf.String(), Note: e.Note})
	}
	return output.Cell{Raw: out}
}

// explainLines writes the inputs of r, one line each.
func explainLines(r compare.Result) []string {
	var lines []string
	for _, e := range r.Evidence {
		f := e.Figure
		val := f.Value.String()
		if f.Formula != "" {
			val = f.Dim.Display().Scale(f.Base).FormatUnit(f.Base)
		}
		times := ""
		if e.Times != 1 {
			times = units.FormatNumber(e.Times) + " × "
		}
		line := fmt.Sprintf("    %s: %s%s %s = %s (%s; %s; %s)", e.Input, times, f.Subject, f.What(), val, f.Status, f.Source, f.AsOf)
		if e.Note != "" {
			line += " — " + e.Note
		}
		lines = append(lines, line)
	}
	return lines
}
