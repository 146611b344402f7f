package workload

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

// MeasuredRecord is a row of an MLPerf results sheet (mlperf*.csv) as
// written: one closed-division result with the fields MLCommons publishes
// in a result's mlperf_log_summary.txt and its system JSON.
type MeasuredRecord struct {
	ResultID     string `csv:"result_id"`
	Round        string `csv:"round"`
	Division     string `csv:"division"`
	Submitter    string `csv:"submitter"`
	System       string `csv:"system"`
	Chip         string `csv:"chip"`
	Accelerators string `csv:"accelerators"`
	Model        string `csv:"model"`
	Benchmark    string `csv:"benchmark"`
	Scenario     string `csv:"scenario"`
	Precision    string `csv:"precision"`
	TokensPerS   string `csv:"tokens_per_s"`
	SamplesPerS  string `csv:"samples_per_s,omitempty"`
	TTFTLimitNS  string `csv:"ttft_limit_ns,omitempty"`
	TPOTLimitNS  string `csv:"tpot_limit_ns,omitempty"`
	// InputTokens is the benchmark dataset's mean prompt length, which
	// MLCommons does not publish with the results; left empty, the
	// result takes its benchmark's from the datasets sheets.
	InputTokens string `csv:"input_tokens,omitempty"`
	// MeanTPOTNS is a Server or Interactive run's mean time per output
	// token, from its log: 1 ÷ it is the tokens per second a user saw.
	MeanTPOTNS   string `csv:"mean_tpot_ns,omitempty"`
	Validity     string `csv:"validity"`
	Source       string `csv:"source"`
	SystemSource string `csv:"system_source,omitempty"`
	AsOf         string `csv:"as_of"`
	Note         string `csv:"note,omitempty"`
}

// A Measured is one MLPerf Inference result: output tokens per second of a
// whole system, and what it ran.
type Measured struct {
	ResultID, Round, Division, Submitter, System string
	Chip                                         string
	Accelerators                                 int
	Model, Benchmark                             string
	Scenario                                     string // Offline, Server or Interactive (a Server run with tighter limits)
	Precision                                    specs.Precision
	TokensPerS, SamplesPerS                      float64
	TTFTLimit, TPOTLimit                         float64 // seconds; 0 if not stated
	InputTokens                                  float64 // mean prompt length; 0 if not known
	// InputSource is where InputTokens came from: the benchmark's dataset
	// sheet, or empty when the result's own row gives it.
	InputSource string
	// Shape is the benchmark dataset's length distribution (zero when not
	// known), given with InputTokens by ApplyDatasets.
	Shape                Shape
	MeanTPOT             float64 // seconds; 0 if not stated
	Source, SystemSource string
	AsOf                 specs.Date
	Note                 string
	Pos                  sheet.Pos
}

// PerChip returns the result's output tokens per second per accelerator.
func (m *Measured) PerChip() float64 { return m.TokensPerS / float64(m.Accelerators) }

// OutputTokens returns the mean output tokens per sample the run produced
// (tokens per second ÷ samples per second), or 0 when samples are not
// given.
func (m *Measured) OutputTokens() float64 {
	if m.SamplesPerS <= 0 {
		return 0
	}
	return m.TokensPerS / m.SamplesPerS
}

// LoadMeasured reads the MLPerf results sheets of each source and checks
// each row against the known chips and models; a result whose row gives no
// input_tokens takes its benchmark's mean prompt length from the datasets
// sheets (ApplyDatasets).
func LoadMeasured(knownChip func(string) bool, models *Models, srcs ...specs.Source) ([]*Measured, error) {
	var out []*Measured
	ds, errs := loadDatasets(srcs)
	for _, src := range srcs {
		rows, e := specs.ReadSheets[MeasuredRecord](src, MLPerfSheets)
		errs = append(errs, e...)
		for _, row := range rows {
			m, e := parseMeasured(row, knownChip, models)
			errs = append(errs, e...)
			if len(e) == 0 {
				out = append(out, m)
			}
		}
	}
	ApplyDatasets(out, ds)
	return out, errs.Err()
}

// checkResultNames checks what every embedded MLPerf result, inference or
// training, must name: its id or location, a known chip and a known model.
func checkResultNames(p sheet.Pos, id, chip, model string, knownChip func(string) bool, models *Models) sheet.Errors {
	var errs sheet.Errors
	if id == "" {
		errs = append(errs, p.Errorf("result_id", "missing result_id: every result needs its MLCommons id or location"))
	}
	if !knownChip(chip) {
		errs = append(errs, p.Errorf("chip", "unknown chip %q", chip))
	}
	if _, ok := models.Get(model); !ok {
		errs = append(errs, p.Errorf("model", "unknown model %q (not in any models sheet)", model))
	}
	return errs
}

func parseMeasured(row sheet.Row[MeasuredRecord], knownChip func(string) bool, models *Models) (*Measured, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	m := &Measured{ResultID: r.ResultID, Round: r.Round, Division: r.Division, Submitter: r.Submitter, System: r.System,
		Chip: r.Chip, Model: r.Model, Benchmark: r.Benchmark, Scenario: r.Scenario, Source: r.Source,
		SystemSource: r.SystemSource, Note: r.Note, Pos: p}
	errs = append(errs, checkResultNames(p, r.ResultID, r.Chip, r.Model, knownChip, models)...)
	if r.Scenario != "Offline" && r.Scenario != "Server" && r.Scenario != "Interactive" {
		errs = append(errs, p.Errorf("scenario", "scenario %q: want Offline, Server or Interactive", r.Scenario))
	}
	if !strings.EqualFold(r.Division, "closed") {
		errs = append(errs, p.Errorf("division", "division %q: only closed-division results are comparable", r.Division))
	}
	if r.Validity != "VALID" {
		errs = append(errs, p.Errorf("validity", "validity %q: only VALID results are kept", r.Validity))
	}
	var err error
	if m.Precision, err = specs.ParsePrecision(r.Precision); err != nil {
		errs = append(errs, p.Wrap("precision", err))
	}
	m.Accelerators = positiveWholeField(&errs, p, "accelerators", r.Accelerators, true)
	num := func(col, s string, need bool) float64 { return positiveField(&errs, p, col, s, need) }
	m.TokensPerS = num("tokens_per_s", r.TokensPerS, true)
	m.SamplesPerS = num("samples_per_s", r.SamplesPerS, false)
	m.TTFTLimit = num("ttft_limit_ns", r.TTFTLimitNS, false) / 1e9
	m.TPOTLimit = num("tpot_limit_ns", r.TPOTLimitNS, false) / 1e9
	m.InputTokens = num("input_tokens", r.InputTokens, false)
	m.MeanTPOT = num("mean_tpot_ns", r.MeanTPOTNS, false) / 1e9
	if r.Source == "" {
		errs = append(errs, p.Errorf("source", "missing source: the result's mlperf_log_summary.txt URL"))
	}
	if m.AsOf, err = specs.ParseDate(r.AsOf); err != nil {
		errs = append(errs, p.Wrap("as_of", err))
	}
	return m, errs
}

// A Summary is what an MLPerf Inference mlperf_log_summary.txt states.
type Summary struct {
	Scenario                string
	TokensPerS, SamplesPerS float64
	Valid                   bool
	TTFTLimit, TPOTLimit    float64 // seconds
	MeanTPOT                float64 // seconds, Server and Interactive runs
}

// ParseSummary reads an MLPerf Inference mlperf_log_summary.txt: the
// scenario, the result in tokens (Offline "Tokens per second", Server
// "Completed tokens per second"), samples per second, validity and the
// latency limits. A file without a tokens line is not an LLM result.
func ParseSummary(r io.Reader, name string) (Summary, error) {
	var s Summary
	sc := bufio.NewScanner(r)
	line := 0
	seenTokens := false
	for sc.Scan() {
		line++
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		num := func() (float64, error) {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 {
				return 0, fmt.Errorf("%s:%d: %s %q is not a number", name, line, k, v)
			}
			return f, nil
		}
		var err error
		switch k {
		case "Scenario":
			if s.Scenario == "" {
				s.Scenario = v
			}
		case "Tokens per second", "Completed tokens per second":
			if !seenTokens {
				s.TokensPerS, err = num()
				seenTokens = true
			}
		case "Samples per second", "Completed samples per second":
			if s.SamplesPerS == 0 {
				s.SamplesPerS, err = num()
			}
		case "Result is":
			s.Valid = v == "VALID"
		case "ttft_latency (ns)":
			s.TTFTLimit, err = num()
			s.TTFTLimit /= 1e9
		case "tpot_latency (ns)":
			s.TPOTLimit, err = num()
			s.TPOTLimit /= 1e9
		case "Mean Time to Output Token (ns)":
			s.MeanTPOT, err = num()
			s.MeanTPOT /= 1e9
		}
		if err != nil {
			return s, err
		}
	}
	if err := sc.Err(); err != nil {
		return s, fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case s.Scenario == "":
		return s, fmt.Errorf("%s: no 'Scenario :' line: not an MLPerf mlperf_log_summary.txt", name)
	case !seenTokens || s.TokensPerS <= 0:
		return s, fmt.Errorf("%s: no tokens-per-second result: not an LLM benchmark summary", name)
	}
	return s, nil
}

// A SystemDescription is what hwcmp reads of an MLPerf system JSON.
type SystemDescription struct {
	Name, Submitter, Division, Accelerator string
	Accelerators                           int
}

// ParseSystem reads an MLPerf system description JSON
// (closed/SUBMITTER/systems/SYSTEM.json): accelerators are
// accelerators_per_node × number_of_nodes.
func ParseSystem(data []byte, name string) (SystemDescription, error) {
	var raw struct {
		SystemName  string          `json:"system_name"`
		Submitter   string          `json:"submitter"`
		Division    string          `json:"division"`
		Accelerator string          `json:"accelerator_model_name"`
		PerNode     json.RawMessage `json:"accelerators_per_node"`
		Nodes       json.RawMessage `json:"number_of_nodes"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return SystemDescription{}, fmt.Errorf("%s: %w", name, err)
	}
	count := func(field string, m json.RawMessage) (int, error) {
		s := strings.Trim(strings.TrimSpace(string(m)), `"`)
		if s == "" {
			return 1, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("%s: %s %s is not a positive whole number", name, field, s)
		}
		return n, nil
	}
	per, err := count("accelerators_per_node", raw.PerNode)
	if err != nil {
		return SystemDescription{}, err
	}
	nodes, err := count("number_of_nodes", raw.Nodes)
	if err != nil {
		return SystemDescription{}, err
	}
	if raw.Accelerator == "" {
		return SystemDescription{}, fmt.Errorf("%s: no accelerator_model_name: not an MLPerf system description", name)
	}
	return SystemDescription{Name: raw.SystemName, Submitter: raw.Submitter, Division: raw.Division,
		Accelerator: raw.Accelerator, Accelerators: per * nodes}, nil
}

// Record returns the sheet row for a result read from its summary and
// system description; the caller fills in what the files do not say (the
// chip and model ids, precision, round, sources and date).
func Record(s Summary, sys SystemDescription) MeasuredRecord {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	validity := "INVALID"
	if s.Valid {
		validity = "VALID"
	}
	r := MeasuredRecord{Division: sys.Division, Submitter: sys.Submitter, System: sys.Name,
		Accelerators: strconv.Itoa(sys.Accelerators), Scenario: s.Scenario, TokensPerS: f(s.TokensPerS), Validity: validity}
	if s.SamplesPerS > 0 {
		r.SamplesPerS = f(s.SamplesPerS)
	}
	if s.TTFTLimit > 0 {
		r.TTFTLimitNS = f(s.TTFTLimit * 1e9)
	}
	if s.TPOTLimit > 0 {
		r.TPOTLimitNS = f(s.TPOTLimit * 1e9)
	}
	if s.MeanTPOT > 0 {
		r.MeanTPOTNS = f(s.MeanTPOT * 1e9)
	}
	return r
}
