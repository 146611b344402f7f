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
	AsOf         string `csv:"as_of"`
	Note         string `csv:"note,omitempty"`
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
	Status                    string
	Source, OutputSource      string
	AsOf                      specs.Date
	Note                      string
	Pos                       sheet.Pos
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
// benchmark dataset's mean prompt length, and returns how many it gave.
func ApplyDatasets(ms []*Measured, ds map[string]*Dataset) int {
	n := 0
	for _, m := range ms {
		if d, ok := ds[m.Benchmark]; ok && m.InputTokens <= 0 {
			m.InputTokens, m.InputSource = d.InputTokens, d.Source
			n++
		}
	}
	return n
}
