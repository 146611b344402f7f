package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// An epochColumn maps a column of Epoch AI's ml_hardware.csv onto an hwcmp
// quantity. Names are those of the current file; aliases are earlier names
// of the same column.
type epochColumn struct {
	names     []string
	quantity  string
	precision specs.Precision
	unit      string // the hwcmp unit the SI value is written in
	note      string
}

var epochColumns = []epochColumn{
	{names: []string{"Tensor-FP16/BF16 performance (FLOP/s)"}, quantity: specs.QThroughput, precision: specs.BF16, unit: "FLOPS", note: "Epoch's Tensor-FP16/BF16 column"},
	{names: []string{"FP8 performance (FLOP/s)"}, quantity: specs.QThroughput, precision: specs.FP8, unit: "FLOPS"},
	{names: []string{"FP4 performance (FLOP/s)"}, quantity: specs.QThroughput, precision: specs.FP4, unit: "FLOPS"},
	{names: []string{"FP64 (double precision) performance (FLOP/s)"}, quantity: specs.QThroughput, precision: specs.FP64, unit: "FLOPS"},
	{names: []string{"FP32 (single precision) performance (FLOP/s)"}, quantity: specs.QThroughput, precision: specs.FP32, unit: "FLOPS"},
	{names: []string{"TF32 (TensorFloat-32) performance (FLOP/s)"}, quantity: specs.QThroughput, precision: specs.TF32, unit: "FLOPS"},
	{names: []string{"FP16 (half precision) performance (FLOP/s)"}, quantity: specs.QThroughput, precision: specs.FP16, unit: "FLOPS", note: "Epoch's FP16 (half precision) column: may be the non-tensor rate"},
	{names: []string{"INT8 performance (OP/s)"}, quantity: specs.QThroughput, precision: specs.INT8, unit: "OPS"},
	{names: []string{"Memory (bytes)", "Memory size per board (Byte)"}, quantity: specs.QMemoryCapacity, unit: "B"},
	{names: []string{"Memory bandwidth (byte/s)"}, quantity: specs.QMemoryBandwidth, unit: "B/s"},
	{names: []string{"Intranode bandwidth (byte/s)"}, quantity: specs.QScaleupBandwidth, unit: "B/s"},
	{names: []string{"Internode bandwidth (bit/s)"}, quantity: specs.QScaleoutBandwidth, unit: "bps"},
	{names: []string{"TDP (W)"}, quantity: specs.QPower, unit: "W"},
}

// Epoch columns hwcmp maps onto chips.
const (
	epochName     = "Hardware name"
	epochMaker    = "Manufacturer"
	epochType     = "Type"
	epochNotes    = "Notes"
	epochRelease  = "Release date"
	epochPrice    = "Release price (USD)"
	epochLink     = "Link to datasheet"
	epochModified = "Last modified"
	epochProcess  = "Process size (nm)"
)

// EpochHeader is the current ml_hardware.csv header (39 columns), the
// layout ExportEpoch writes.
var EpochHeader = strings.Split("Hardware name,Manufacturer,Type,Notes,Release date,Release price (USD),Tensor-FP16/BF16 performance (FLOP/s),FP8 performance (FLOP/s),FP4 performance (FLOP/s),Memory (bytes),Memory bandwidth (byte/s),Intranode bandwidth (byte/s),Internode bandwidth (bit/s),TDP (W),FP64 (double precision) performance (FLOP/s),FP32 (single precision) performance (FLOP/s),TF32 (TensorFloat-32) performance (FLOP/s),FP16 (half precision) performance (FLOP/s),INT16 performance (OP/s),INT8 performance (OP/s),INT4 performance (OP/s),Foundry,Die Size (mm^2),Base clock (MHz),Boost clock (MHz),Memory clock (MHz),Memory bus (bit),Tensor cores,Process size (nm),Transistors (millions),Link to datasheet,Source for the price,ML models,Last modified,Max performance,Energy efficiency,Total processing performance (bit-OP/s),Price-performance,ML OP/s", ",")

// EpochSheets are the hwcmp sheets an Epoch import produces.
type EpochSheets struct {
	Chips  []specs.ChipRecord
	Values []specs.ValueRecord
	Capex  []specs.ValueRecord
}

var nonID = regexp.MustCompile(`[^a-z0-9.+]+`)

// EpochID makes an hwcmp chip id from an Epoch hardware name:
// "NVIDIA H100 SXM5 80GB" → nvidia-h100-sxm5-80gb.
func EpochID(name string) string {
	return strings.Trim(nonID.ReplaceAllString(strings.ToLower(name), "-"), "-.+")
}

// Epoch imports Epoch AI's ml_hardware.csv into hwcmp chips, figures (one
// per row and column, in base units, with the row's datasheet link as the
// source) and capex (the release price). Epoch's figures are dense by the
// dataset's convention; where a row's notes do not say so, the figure's
// note says the sparsity is Epoch's convention, not stated. date is the
// snapshot's date, used where a row has no Last modified. known reports
// whether an id is already a chip hwcmp has (nil: none): an Epoch row whose
// id would be one of those — a row named "H100" becomes h100 — is imported
// as epoch-ID instead, so that importing never silently replaces a
// built-in chip and its figures; the summary lists each rename.
func Epoch(r io.Reader, name string, date specs.Date, known func(id string) bool) (*EpochSheets, *Summary, error) {
	sum := newSummary(name)
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, sum, fmt.Errorf("%s: %w", name, err)
	}
	if err := sniff(name, data); err != nil {
		return nil, sum, err
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	header, err := cr.Read()
	if err != nil {
		return nil, sum, fmt.Errorf("%s:1: %w", name, truncated(err))
	}
	col := make(map[string]int)
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{epochName, epochMaker, epochType, epochRelease} {
		if _, ok := col[need]; !ok {
			return nil, sum, fmt.Errorf("%s:1: column %q missing: not Epoch AI's ml_hardware.csv", name, need)
		}
	}
	out := &EpochSheets{}
	seen := make(map[string]int)
	for {
		rec, line, err := sheet.NextRecord(cr, name)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, sum, err
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return cleanText(rec[i])
			}
			return ""
		}
		sum.Read++
		hw := get(epochName)
		id := EpochID(hw)
		if id == "" {
			sum.drop("no hardware name")
			continue
		}
		if known != nil && known(id) {
			sum.rename(fmt.Sprintf("%s at line %d: %s is already a chip id; imported as epoch-%s", hw, line, id, id))
			id = "epoch-" + id
		}
		if first, dup := seen[id]; dup {
			sum.duplicate(fmt.Sprintf("%s at line %d: same id as line %d; dropped", hw, line, first))
			continue
		}
		seen[id] = line
		asOf := date
		if m, _, _ := strings.Cut(get(epochModified), " "); m != "" { // "2025-12-16 10:00:00+00:00"
			if d, err := specs.ParseDate(m); err == nil {
				asOf = d
			}
		}
		if asOf.IsZero() {
			return nil, sum, fmt.Errorf("%s:%d: no Last modified date: give the snapshot's date", name, line)
		}
		source := get(epochLink)
		if i := strings.IndexAny(source, " \n"); i > 0 {
			source = source[:i] // several links: the first
		}
		if source == "" {
			source = "Epoch AI, Machine Learning Hardware dataset (" + name + ")"
		}
		notes := get(epochNotes)
		sparsityNote := "dense by Epoch's convention (the row does not say)"
		if strings.Contains(notes, "without sparsity") || strings.Contains(notes, "sparse matrices to performance over dense") {
			sparsityNote = "dense (Epoch's notes say so)"
		}
		lifecycle := specs.Shipping
		release, err := specs.ParseDate(get(epochRelease))
		if err != nil || release.Compare(asOf) > 0 {
			lifecycle = specs.Announced
		}
		chip := specs.ChipRecord{ID: id, Name: hw, Vendor: orDefault(get(epochMaker), "unknown"), Kind: string(specs.Accelerator),
			Family: get(epochType), Lifecycle: string(lifecycle), Source: source, AsOf: asOf.String(),
			Note: "imported from Epoch AI's ML hardware dataset, line " + fmt.Sprint(line)}
		if err == nil {
			chip.Launch = release.String()
		}
		if p := get(epochProcess); p != "" {
			chip.Process = strings.TrimSuffix(p, ".0") + " nm"
		}
		out.Chips = append(out.Chips, chip)
		for _, ec := range epochColumns {
			text := ""
			for _, n := range ec.names {
				if text = get(n); text != "" {
					break
				}
			}
			v, err := units.ParseNumber(text)
			switch {
			case text == "":
				continue
			case err != nil || v <= 0:
				sum.drop(fmt.Sprintf("%s: %q is not a positive number", ec.names[0], text))
				continue
			}
			// Each Epoch column is in its own unit (internode bandwidth in
			// bit/s, the rest in base units): write the number as given.
			vr := specs.ValueRecord{Subject: id, Quantity: ec.quantity, Value: units.FormatNumber(v), Unit: ec.unit,
				Status: string(specs.VendorStatus(source)), Source: source, AsOf: asOf.String(), Note: strings.TrimPrefix(ec.note+"; Epoch AI dataset", "; ")}
			if ec.quantity == specs.QThroughput {
				vr.Precision, vr.Sparsity = string(ec.precision), string(specs.Dense)
				vr.Note += "; " + sparsityNote
			}
			out.Values = append(out.Values, vr)
		}
		if p := get(epochPrice); p != "" {
			if v, err := units.ParseNumber(p); err == nil && v > 0 {
				out.Capex = append(out.Capex, specs.ValueRecord{Subject: id, Quantity: pricing.QCapex, Value: units.FormatNumber(v), Unit: "USD",
					Status: string(specs.Estimate), Source: "Epoch AI, Machine Learning Hardware dataset: Release price (USD)", AsOf: asOf.String(),
					Note: "release price as Epoch records it"})
			} else {
				sum.drop(fmt.Sprintf("%s: %q is not a positive number", epochPrice, p))
			}
		}
	}
	sum.Kept = len(out.Chips)
	if sum.Kept == 0 {
		return nil, sum, fmt.Errorf("%s: no hardware rows", name)
	}
	return out, sum, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// ExportEpoch writes the accelerators of cat in Epoch AI's current
// ml_hardware.csv layout: each chip's preferred dense figures, in SI base
// units, with an empty cell where hwcmp has no figure. capex, when given,
// supplies the release price. Derived columns are left empty.
func ExportEpoch(w io.Writer, cat *specs.Catalog, capex func(chip string) (float64, bool)) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(EpochHeader); err != nil {
		return err
	}
	colOf := make(map[string]int)
	for i, h := range EpochHeader {
		colOf[h] = i
	}
	chips := append([]*specs.Chip(nil), cat.Chips...)
	sort.Slice(chips, func(i, j int) bool { return chips[i].ID < chips[j].ID })
	for _, c := range chips {
		if c.Kind != specs.Accelerator {
			continue
		}
		rec := make([]string, len(EpochHeader))
		rec[colOf[epochName]] = c.Name
		rec[colOf[epochMaker]] = c.Vendor
		rec[colOf[epochType]] = c.Family
		rec[colOf[epochNotes]] = "Exported from hwcmp (chip " + c.ID + "): dense figures; each figure's source: hwcmp specs show " + c.ID
		rec[colOf[epochRelease]] = c.Launch.String()
		rec[colOf[epochModified]] = c.AsOf.String()
		if p, ok := capex(c.ID); ok {
			rec[colOf[epochPrice]] = fmt.Sprintf("%.1f", p)
		}
		var link string
		for _, ec := range epochColumns {
			sp := specs.Sparsity("")
			if ec.quantity == specs.QThroughput {
				sp = specs.Dense
			}
			f, ok := cat.Figure(c.ID, ec.quantity, ec.precision, sp)
			if !ok {
				continue
			}
			u, _ := units.Lookup(ec.unit) // the column's unit: bit/s for internode bandwidth
			rec[colOf[ec.names[0]]] = fmt.Sprintf("%.1f", f.Base/u.Factor)
			if link == "" && f.Formula == "" {
				link = f.Source
			}
		}
		rec[colOf[epochLink]] = link
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
