package workload

import (
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

// DatasetSheets is the file pattern of the benchmark dataset sheets.
const DatasetSheets = "datasets*.csv"

// DatasetRecord is a row of a datasets sheet as written: one MLPerf
// benchmark's dataset and its mean prompt and completion lengths in
// tokens, each with its source.
type DatasetRecord struct {
	Benchmark    string `csv:"benchmark"`
	Dataset      string `csv:"dataset"`
	Samples      string `csv:"samples"`
	InputTokens  string `csv:"input_tokens"`
	OutputTokens string `csv:"output_tokens,omitempty"`
	Status       string `csv:"status"`
	Source       string `csv:"source"`
	OutputSource string `csv:"output_source,omitempty"`
	// The length distribution's shape, from the per-sample prompt and
	// completion lengths (ShapeSource): the mean prompt length weighted by
	// completion length, and the second moment ÷ squared mean of each.
	InputWeightedTokens string `csv:"input_weighted_tokens,omitempty"`
	InputSpread         string `csv:"input_spread,omitempty"`
	OutputSpread        string `csv:"output_spread,omitempty"`
	ShapeSource         string `csv:"shape_source,omitempty"`
	AsOf                string `csv:"as_of"`
	Note                string `csv:"note,omitempty"`
}

// A Dataset is what one MLPerf benchmark feeds the system: MLPerf counts
// only output tokens, but every sample also prefills its prompt, so a
// prediction of MLPerf tokens per second needs the mean prompt length.
type Dataset struct {
	Benchmark, Name string
	Samples         int
	// InputTokens is the mean prompt length; OutputTokens the reference
	// mean completion length (0 if not published), for comparison only:
	// a result's own tokens ÷ samples is what it generated.
	InputTokens, OutputTokens float64
	// Shape is how the lengths spread about their means (zero: not
	// known); ShapeSource is where it was computed from.
	Shape                Shape
	ShapeSource          string
	Status               string
	Source, OutputSource string
	AsOf                 specs.Date
	Note                 string
	Pos                  sheet.Pos
}

// A Shape is what a request mix's length distribution adds to its means.
// With continuous batching a decode step serves tokens, not requests: a
// request generating twice as many tokens sits in twice as many steps, so
// the context a decoding token sees is the token-weighted one,
// E[in·out] ÷ E[out] + E[out²] ÷ (2·E[out]), not E[in] + E[out] ÷ 2; and
// prefill attention, quadratic in the prompt, costs E[in²], not E[in]².
// A zero field means "as if every request had the mean length".
type Shape struct {
	// InputWeighted is the mean prompt length weighted by completion
	// length, E[in·out] ÷ E[out], in tokens.
	InputWeighted float64
	// InputSpread and OutputSpread are E[x²] ÷ E[x]² (1 + the squared
	// coefficient of variation) of the prompt and completion lengths.
	InputSpread, OutputSpread float64
}

// LoadDatasets reads the datasets sheets of each source; a later source's
// row for a benchmark replaces an earlier one.
func LoadDatasets(srcs ...specs.Source) (map[string]*Dataset, error) {
	out, errs := loadDatasets(srcs)
	return out, errs.Err()
}

func loadDatasets(srcs []specs.Source) (map[string]*Dataset, sheet.Errors) {
	out := map[string]*Dataset{}
	var errs sheet.Errors
	for _, src := range srcs {
		rows, e := specs.ReadSheets[DatasetRecord](src, DatasetSheets)
		errs = append(errs, e...)
		for _, row := range rows {
			d, e := parseDataset(row)
			errs = append(errs, e...)
			if len(e) == 0 {
				out[d.Benchmark] = d
			}
		}
	}
	return out, errs
}

func parseDataset(row sheet.Row[DatasetRecord]) (*Dataset, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	d := &Dataset{Benchmark: r.Benchmark, Name: r.Dataset, Status: r.Status, Source: r.Source,
		OutputSource: r.OutputSource, Note: r.Note, Pos: p}
	if r.Benchmark == "" {
		errs = append(errs, p.Errorf("benchmark", "missing benchmark: the MLPerf benchmark id, e.g. llama2-70b-99"))
	}
	num := func(col, s string, need bool) float64 { return positiveField(&errs, p, col, s, need) }
	d.Samples = int(num("samples", r.Samples, false))
	d.InputTokens = num("input_tokens", r.InputTokens, true)
	d.OutputTokens = num("output_tokens", r.OutputTokens, false)
	d.Shape.InputWeighted = num("input_weighted_tokens", r.InputWeightedTokens, false)
	d.Shape.InputSpread = num("input_spread", r.InputSpread, false)
	d.Shape.OutputSpread = num("output_spread", r.OutputSpread, false)
	for col, v := range map[string]float64{"input_spread": d.Shape.InputSpread, "output_spread": d.Shape.OutputSpread} {
		if v > 0 && v < 1 {
			errs = append(errs, p.Errorf(col, "%s %v: E[x²] ÷ E[x]² is at least 1", col, v))
		}
	}
	if d.Shape != (Shape{}) && r.ShapeSource == "" {
		errs = append(errs, p.Errorf("shape_source", "missing shape_source for the length distribution's shape"))
	}
	d.ShapeSource = r.ShapeSource
	if d.OutputTokens > 0 && d.OutputSource == "" {
		errs = append(errs, p.Errorf("output_source", "missing output_source for output_tokens"))
	}
	if r.Status == "" {
		errs = append(errs, p.Errorf("status", "missing status: measured or secondary"))
	}
	if r.Source == "" {
		errs = append(errs, p.Errorf("source", "missing source of input_tokens"))
	}
	var err error
	if d.AsOf, err = specs.ParseDate(r.AsOf); err != nil {
		errs = append(errs, p.Wrap("as_of", err))
	}
	return d, errs
}

// ApplyDatasets gives each result without its own input_tokens its
// benchmark dataset's mean prompt length and length shape, and returns how
// many it gave. A result with its own input length keeps no shape: the
// dataset's would not describe it.
func ApplyDatasets(ms []*Measured, ds map[string]*Dataset) int {
	n := 0
	for _, m := range ms {
		if d, ok := ds[m.Benchmark]; ok && m.InputTokens <= 0 {
			m.InputTokens, m.InputSource, m.Shape = d.InputTokens, d.Source, d.Shape
			n++
		}
	}
	return n
}
