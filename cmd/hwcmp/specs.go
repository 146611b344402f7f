package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/provenance"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

func specsCommand() *command {
	return &command{
		name:  "specs",
		usage: "[flags] | specs show [flags] ID",
		short: "list chips and systems, or show every figure of one",
		long: `
'hwcmp specs' lists the chips (accelerators and server CPUs) and the systems
built on them (cloud instances, UltraServers, pods, racks), with a few key
figures. 'hwcmp specs show ID' prints every figure of one chip or system with
its unit, precision, sparsity, status, source and date; contested figures are
listed together, the preferred one first, and the spread of all of them is
shown as a range.

Each figure's tier says whether its source is primary (the vendor's or
cloud's own document), secondary (a relay: press, aggregator, wiki, fork) or
hwcmp's own derivation.

Marks: † target, ~ estimate, ° derived by hwcmp (e.g. dense = sparse ÷ 2),
§ reported (a vendor figure relayed by a secondary source).`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			kind := fs.String("kind", "", "list only chips of this `kind`: accelerator or cpu")
			vendor := fs.String("vendor", "", "list only chips from this `vendor` (case-insensitive), and their systems")
			strict := fs.Bool("strict", false, "exit 1 when --kind and --vendor match no chip")
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				f, err := e.outputFormat()
				if err != nil {
					return err
				}
				if len(args) > 0 && args[0] == "show" {
					if len(args) != 2 {
						return usageError("specs show needs exactly one chip or system id")
					}
					if err := unusedFlags(fs, "specs show", "kind", "vendor", "strict"); err != nil {
						return err
					}
					ds, err := e.data.load()
					if err != nil {
						return err
					}
					id := strings.ToLower(args[1])
					if !ds.catalog.Known(id) {
						return fmt.Errorf("no chip or system %q%s; 'hwcmp specs' lists them", args[1], didYouMean(args[1], allIDs(ds.catalog)))
					}
					t, err := showTable(ds.catalog, id)
					if err != nil {
						return err
					}
					return t.Write(e.stdout, f)
				}
				if len(args) > 0 {
					return usageError("specs: unexpected argument %q (did you mean 'hwcmp specs show %s'?)", args[0], args[0])
				}
				var k specs.Kind
				if *kind != "" {
					if k, err = parseEnumFlag("kind", *kind, specs.ParseKind); err != nil {
						return err
					}
				}
				ds, err := e.data.load()
				if err != nil {
					return err
				}
				chips, systems := listTables(ds.catalog, k, *vendor)
				doc := &output.Doc{Tables: []*output.Table{chips, systems}}
				if len(chips.Rows) == 0 {
					var vendors []string
					for _, c := range ds.catalog.Chips {
						if !contains(vendors, c.Vendor) {
							vendors = append(vendors, c.Vendor)
						}
					}
					doc.Problems = append(doc.Problems, fmt.Sprintf("no chips match --kind %q --vendor %q (vendors: %s)%s", *kind, *vendor, strings.Join(vendors, ", "), didYouMean(*vendor, vendors)))
				}
				if err := doc.Write(e.stdout, f); err != nil {
					return err
				}
				return e.emptyResult(doc, *strict)
			}
		},
	}
}

// figureCell returns the preferred figure for a key as a table cell,
// marked by status, or n/a.
func figureCell(cat *specs.Catalog, legend markLegend, subject, quantity string, p specs.Precision, s specs.Sparsity) output.Cell {
	f, ok := cat.Figure(subject, quantity, p, s)
	if !ok {
		return output.Missing("")
	}
	c := output.Num(f.Base)
	c.Mark = legend.add(statusMark(f.Status))
	return c
}

func numColumn(key, header string, q specs.Quantity) output.Column {
	d := q.DisplayOf()
	return output.Column{Key: key, Header: header, Display: &d, Unit: q.Dim.BaseUnit()}
}

func listTables(cat *specs.Catalog, kind specs.Kind, vendor string) (*output.Table, *output.Table) {
	qs := specs.SpecQuantities()
	legend := markLegend{}
	chips := &output.Table{
		Name:  "chips",
		Title: "Chips",
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "name", Header: "name"}, {Key: "vendor", Header: "vendor"},
			{Key: "kind", Header: "kind"}, {Key: "launch", Header: "launch"}, {Key: "lifecycle", Header: "lifecycle"},
			numColumn("bf16_dense", "BF16 dense", qs[specs.QThroughput]),
			numColumn("fp8_dense", "FP8 dense", qs[specs.QThroughput]),
			numColumn("memory", "memory", qs[specs.QMemoryCapacity]),
			numColumn("memory_bandwidth", "mem BW", qs[specs.QMemoryBandwidth]),
			numColumn("power", "power", qs[specs.QPower]),
			numColumn("cores", "cores", qs[specs.QCores]),
		},
	}
	vendors := make(map[string]bool)
	for _, c := range sortedChips(cat) {
		if kind != "" && c.Kind != kind || vendor != "" && !strings.EqualFold(c.Vendor, vendor) {
			continue
		}
		vendors[c.ID] = true
		chips.Rows = append(chips.Rows, []output.Cell{
			output.Str(c.ID), output.Str(c.Name), output.Str(c.Vendor), output.Str(string(c.Kind)),
			output.Str(c.Launch.String()), output.Str(string(c.Lifecycle)),
			figureCell(cat, legend, c.ID, specs.QThroughput, specs.BF16, specs.Dense),
			figureCell(cat, legend, c.ID, specs.QThroughput, specs.FP8, specs.Dense),
			figureCell(cat, legend, c.ID, specs.QMemoryCapacity, "", ""),
			figureCell(cat, legend, c.ID, specs.QMemoryBandwidth, "", ""),
			figureCell(cat, legend, c.ID, specs.QPower, "", ""),
			figureCell(cat, legend, c.ID, specs.QCores, "", ""),
		})
	}
	systems := &output.Table{
		Name:  "systems",
		Title: "Systems",
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "name", Header: "name"}, {Key: "provider", Header: "provider"},
			{Key: "kind", Header: "kind"}, {Key: "chip", Header: "chip"}, {Key: "chips", Header: "chips"},
			numColumn("vcpus", "vCPUs", qs[specs.QVCPUs]),
			numColumn("memory", "host memory", qs[specs.QMemoryCapacity]),
			numColumn("network", "network", qs[specs.QNetworkBandwidth]),
			numColumn("ebs", "EBS", qs[specs.QEBSBandwidth]),
		},
	}
	for _, s := range sortedSystems(cat) {
		if !vendors[s.Chip] {
			continue
		}
		chipsCell := output.Cell{Text: "-", Missing: "no chip count"}
		if s.Chips > 0 {
			chipsCell = output.Cell{Text: fmt.Sprint(s.Chips), Raw: float64(s.Chips)}
		}
		systems.Rows = append(systems.Rows, []output.Cell{
			output.Str(s.ID), output.Str(s.Name), output.Str(s.Provider), output.Str(string(s.Kind)),
			output.Str(s.Chip), chipsCell,
			figureCell(cat, legend, s.ID, specs.QVCPUs, "", ""),
			figureCell(cat, legend, s.ID, specs.QMemoryCapacity, "", ""),
			figureCell(cat, legend, s.ID, specs.QNetworkBandwidth, "", ""),
			figureCell(cat, legend, s.ID, specs.QEBSBandwidth, "", ""),
		})
	}
	chips.Notes = append(chips.Notes, "Throughput is peak dense; per chip. Every figure's source: hwcmp specs show ID")
	if n := legend.note(); n != "" {
		systems.Notes = append(systems.Notes, n)
	}
	return chips, systems
}

func sortedChips(cat *specs.Catalog) []*specs.Chip {
	out := append([]*specs.Chip(nil), cat.Chips...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Vendor != b.Vendor {
			return a.Vendor < b.Vendor
		}
		if c := a.Launch.Compare(b.Launch); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
	return out
}

func sortedSystems(cat *specs.Catalog) []*specs.System {
	out := append([]*specs.System(nil), cat.Systems...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Provider != out[j].Provider {
			return out[i].Provider < out[j].Provider
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// showTable lists every figure of one chip or system.
func showTable(cat *specs.Catalog, id string) (*output.Table, error) {
	t := &output.Table{Name: "figures"}
	if c, ok := cat.Chip(id); ok {
		t.Title = fmt.Sprintf("%s (%s)", c.Name, c.ID)
		t.Context = [][2]string{{"vendor", c.Vendor}, {"kind", string(c.Kind)}, {"family", c.Family},
			{"launch", c.Launch.String()}, {"lifecycle", string(c.Lifecycle)}, {"process", c.Process},
			{"source", sourceText(c.Source, c.AsOf)}}
		if c.Note != "" {
			t.Context = append(t.Context, [2]string{"note", c.Note})
		}
		var sys []string
		for _, s := range cat.SystemsOf(c.ID) {
			sys = append(sys, s.ID)
		}
		if len(sys) > 0 {
			t.Context = append(t.Context, [2]string{"systems", strings.Join(sys, ", ")})
		}
	} else if s, ok := cat.System(id); ok {
		t.Title = fmt.Sprintf("%s (%s)", s.Name, s.ID)
		chips := s.Chip
		if s.Chips > 0 {
			chips = fmt.Sprintf("%d × %s", s.Chips, s.Chip)
		}
		t.Context = [][2]string{{"provider", s.Provider}, {"kind", string(s.Kind)}, {"chips", chips},
			{"source", sourceText(s.Source, s.AsOf)}}
		if s.Note != "" {
			t.Context = append(t.Context, [2]string{"note", s.Note})
		}
	} else {
		return nil, fmt.Errorf("no chip or system %q (list them with 'hwcmp specs')", id)
	}
	nonEmpty := t.Context[:0]
	for _, kv := range t.Context {
		if kv[1] != "" {
			nonEmpty = append(nonEmpty, kv)
		}
	}
	t.Context = nonEmpty
	t.Columns = []output.Column{
		{Key: "quantity", Header: "quantity"}, {Key: "precision", Header: "precision"}, {Key: "sparsity", Header: "sparsity"},
		{Key: "value", Header: "value"}, {Key: "unit", Header: "unit"}, {Key: "range", Header: "range"},
		{Key: "base_value", Header: "base value", Priority: 2}, {Key: "base_unit", Header: "base unit", Priority: 2},
		{Key: "status", Header: "status"}, {Key: "tier", Header: "tier", Priority: 1}, {Key: "preferred", Header: "pref"},
		{Key: "source", Header: "source", Priority: 1}, {Key: "as_of", Header: "as of"}, {Key: "note", Header: "note", Priority: 4},
		{Key: "origin", Header: "from", Priority: 3},
	}
	for _, v := range cat.Values.Of(id) {
		t.Rows = append(t.Rows, valueRow(cat, v))
	}
	t.Notes = append(t.Notes, "pref: ★ the figure hwcmp uses; alt: a contested figure, kept with its source. range: the spread of all figures for that quantity.",
		"tier: primary (the vendor's or cloud's own document), secondary (press, aggregator, wiki, blog, fork or mirror), hwcmp (our derivation or assumption); see docs/DATA.md.")
	return t, nil
}

// sourceText names a chip's or system's source with its date and tier.
func sourceText(source string, asOf specs.Date) string {
	return fmt.Sprintf("%s (%s; %s)", source, asOf, provenance.Classify(source).Tier)
}

func valueRow(cat *specs.Catalog, v *specs.Value) []output.Cell {
	pref := "alt"
	if v.Preferred {
		pref = "★"
	}
	value, unit := units.FormatNumber(v.Orig), v.OrigUnit
	valueCell, unitCell := output.Cell{Text: value, Raw: v.Orig}, output.Str(unit)
	rangeText := ""
	switch {
	case v.Relative():
		pref, unit = "ratio", "x "+v.RelativeTo
		unitCell = output.Str(unit)
	case v.Preferred:
		if f, ok := cat.Values.Get(v.GroupKey); ok && f.Spread() {
			s := v.Display().CommonScale([]float64{f.Low, f.High})
			rangeText = s.Format(f.Low) + "–" + s.FormatUnit(f.High)
		}
	}
	if v.Formula != "" {
		// A derived figure has no original form: show it scaled, and
		// give machines the base value with the base unit beside it.
		s := v.Display().Scale(v.Base)
		valueCell = output.Cell{Text: s.Format(v.Base), Raw: v.Base}
		unitCell = output.Cell{Text: s.Unit(), Raw: v.BaseUnit()}
	}
	return []output.Cell{
		output.Str(v.Quantity), output.Str(string(v.Precision)), output.Str(string(v.Sparsity)),
		valueCell, unitCell, output.Str(rangeText),
		{Text: units.FormatNumber(v.Base), Raw: v.Base}, output.Str(v.BaseUnit()),
		output.Str(string(v.Status)), output.Str(string(v.Tier())), output.Str(pref),
		output.Str(v.Source), output.Str(v.AsOf.String()), output.Str(v.Note), output.Str(v.Origin()),
	}
}
