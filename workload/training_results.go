package workload

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

// TrainingRecord is a row of an MLPerf Training results sheet
// (training-mlperf*.csv) as written: one closed-division benchmark result,
// scored from its run logs, with what its system JSON says.
type TrainingRecord struct {
	// ResultID identifies the result: MLCommons' results repositories
	// carry no result IDs for training, so hwcmp's is
	// round/submitter/system.
	ResultID     string `csv:"result_id"`
	Round        string `csv:"round"`
	Division     string `csv:"division"`
	Submitter    string `csv:"submitter"`
	System       string `csv:"system"`
	Availability string `csv:"availability"`
	Accelerator  string `csv:"accelerator"`
	Chip         string `csv:"chip"`
	Accelerators string `csv:"accelerators"`
	Model        string `csv:"model"`
	Benchmark    string `csv:"benchmark"`
	// Method is lora (frozen base weights, low-rank adapters trained) or
	// full.
	Method         string `csv:"method"`
	LoRARank       string `csv:"lora_rank,omitempty"`
	GlobalBatch    string `csv:"global_batch_size"`
	SequenceLength string `csv:"sequence_length"`
	Runs           string `csv:"runs"`
	// Minutes is the published score: the olympic mean of the runs
	// (OlympicMinutes) times the committee's scaling factor, if any.
	Minutes        string `csv:"minutes"`
	OlympicMinutes string `csv:"olympic_minutes"`
	Scaling        string `csv:"scaling_factor,omitempty"`
	// Samples is the mean training samples of the counted runs.
	Samples      string `csv:"samples"`
	RunMinutes   string `csv:"run_minutes"`
	Source       string `csv:"source"`
	SystemSource string `csv:"system_source"`
	AsOf         string `csv:"as_of"`
	Note         string `csv:"note,omitempty"`
}

// A TrainingResult is one MLPerf Training result: minutes to train a model
// to the benchmark's quality target on a system.
type TrainingResult struct {
	ResultID, Round, Division, Submitter, System, Availability string
	Accelerator, Chip                                          string
	Accelerators                                               int
	Model, Benchmark, Method                                   string
	LoRARank, GlobalBatch, SequenceLength, Runs                int
	Minutes, OlympicMinutes, Scaling, Samples                  float64
	RunMinutes                                                 []float64
	Source, SystemSource                                       string
	AsOf                                                       specs.Date
	Note                                                       string
	Pos                                                        sheet.Pos
}

// LoRA reports whether the result fine-tunes low-rank adapters on frozen
// weights.
func (r *TrainingResult) LoRA() bool { return r.Method == "lora" }

// Tokens returns the tokens the result trained on: samples × sequence
// length, each sample one sequence of the benchmark's fixed length.
func (r *TrainingResult) Tokens() float64 { return r.Samples * float64(r.SequenceLength) }

// ChipHours returns the accelerator-hours of the result's score.
func (r *TrainingResult) ChipHours() float64 { return r.Minutes / 60 * float64(r.Accelerators) }

// LoadTraining reads the MLPerf Training results sheets of each source and
// checks each row against the known chips and models.
func LoadTraining(knownChip func(string) bool, models *Models, srcs ...specs.Source) ([]*TrainingResult, error) {
	var out []*TrainingResult
	var errs sheet.Errors
	seen := map[string]sheet.Pos{}
	for _, src := range srcs {
		rows, e := specs.ReadSheets[TrainingRecord](src, TrainingSheets)
		errs = append(errs, e...)
		for _, row := range rows {
			r, e := parseTraining(row, knownChip, models)
			if first, dup := seen[r.ResultID]; dup && r.ResultID != "" {
				e = append(e, row.Pos.Errorf("result_id", "result %s is already at %s: each result once, or calibration counts it twice", r.ResultID, first))
			}
			errs = append(errs, e...)
			if len(e) == 0 {
				seen[r.ResultID] = row.Pos
				out = append(out, r)
			}
		}
	}
	return out, errs.Err()
}

func parseTraining(row sheet.Row[TrainingRecord], knownChip func(string) bool, models *Models) (*TrainingResult, sheet.Errors) {
	rec, p := row.Rec, row.Pos
	var errs sheet.Errors
	r := &TrainingResult{ResultID: rec.ResultID, Round: rec.Round, Division: rec.Division, Submitter: rec.Submitter,
		System: rec.System, Availability: rec.Availability, Accelerator: rec.Accelerator, Chip: rec.Chip,
		Model: rec.Model, Benchmark: rec.Benchmark, Method: rec.Method, Source: rec.Source,
		SystemSource: rec.SystemSource, Note: rec.Note, Pos: p}
	errs = append(errs, checkResultNames(p, rec.ResultID, rec.Chip, rec.Model, knownChip, models)...)
	if !strings.EqualFold(rec.Division, "closed") {
		errs = append(errs, p.Errorf("division", "division %q: only closed-division results are comparable", rec.Division))
	}
	if rec.Method != "lora" && rec.Method != "full" {
		errs = append(errs, p.Errorf("method", "method %q: want lora or full", rec.Method))
	}
	whole := func(col, s string, need bool) int { return positiveWholeField(&errs, p, col, s, need) }
	r.Accelerators = whole("accelerators", rec.Accelerators, true)
	r.LoRARank = whole("lora_rank", rec.LoRARank, false)
	r.GlobalBatch = whole("global_batch_size", rec.GlobalBatch, true)
	r.SequenceLength = whole("sequence_length", rec.SequenceLength, true)
	r.Runs = whole("runs", rec.Runs, true)
	num := func(col, s string, need bool) float64 { return positiveField(&errs, p, col, s, need) }
	r.Minutes = num("minutes", rec.Minutes, true)
	r.OlympicMinutes = num("olympic_minutes", rec.OlympicMinutes, true)
	r.Scaling = num("scaling_factor", rec.Scaling, false)
	r.Samples = num("samples", rec.Samples, true)
	for _, f := range strings.Split(rec.RunMinutes, ";") {
		if f == "DNF" { // did not finish: dropped as the slowest
			r.RunMinutes = append(r.RunMinutes, 0)
			continue
		}
		r.RunMinutes = append(r.RunMinutes, num("run_minutes", f, true))
	}
	if r.Runs > 0 && len(r.RunMinutes) != r.Runs {
		errs = append(errs, p.Errorf("run_minutes", "%d run times for %d runs", len(r.RunMinutes), r.Runs))
	}
	scale := r.Scaling
	if scale == 0 {
		scale = 1
	}
	if r.Minutes > 0 && r.OlympicMinutes > 0 && !near(r.Minutes, r.OlympicMinutes*scale, 1e-3) {
		errs = append(errs, p.Errorf("minutes", "minutes %v is not olympic_minutes %v × scaling %v", r.Minutes, r.OlympicMinutes, scale))
	}
	if rec.Source == "" {
		errs = append(errs, p.Errorf("source", "missing source: the result's folder URL"))
	}
	var err error
	if r.AsOf, err = specs.ParseDate(rec.AsOf); err != nil {
		errs = append(errs, p.Wrap("as_of", err))
	}
	return r, errs
}

// near reports whether a and b agree within a relative tolerance.
func near(a, b, tol float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= tol*max(a, b)
}

// A TrainingImport reads one benchmark of an MLPerf Training round's
// results repository (github.com/mlcommons/training_results_vX.Y), laid
// out as SUBMITTER/results/SYSTEM/BENCHMARK/result_N.txt with
// SUBMITTER/systems/SYSTEM.json.
type TrainingImport struct {
	Round        string // v5.1
	Repo, Commit string // for each row's source URL
	AsOf         specs.Date
	Benchmark    string // the results folder name: llama2_70b_lora
	Model        string // the catalog model id: llama-2-70b
	Method       string // lora or full
	// SequenceLength is the benchmark's fixed sequence length; the logs
	// do not state it.
	SequenceLength int
	// Chip maps an accelerator_model_name to a chip id.
	Chip func(accelerator string) (string, bool)
}

// Import scores every closed-division, available result of the benchmark
// in fsys by OlympicScore, applying its scaling.json. A result is dropped,
// with its reason in the report, when its system is not closed or not
// available, its accelerator maps to no chip, a log is unreadable or names
// another benchmark, or its runs do not make a valid score.
func (ti TrainingImport) Import(fsys fs.FS) ([]TrainingRecord, ImportReport, error) {
	var rep ImportReport
	dirs, err := fs.Glob(fsys, "*/results/*/"+ti.Benchmark)
	if err != nil {
		return nil, rep, err
	}
	var out []TrainingRecord
	for _, dir := range dirs {
		rep.Read++
		parts := strings.Split(dir, "/")
		org, system := parts[0], parts[2]
		sysPath := path.Join(org, "systems", system+".json")
		data, err := fs.ReadFile(fsys, sysPath)
		if err != nil {
			rep.drop("no system JSON")
			continue
		}
		sys, err := ParseSystem(data, sysPath)
		if err != nil {
			rep.drop("unreadable system JSON")
			continue
		}
		avail := systemStatus(data)
		if !strings.EqualFold(sys.Division, "closed") {
			rep.drop("not closed division")
			continue
		}
		if !strings.HasPrefix(strings.ToLower(avail), "available") {
			rep.drop("not available (preview or research)")
			continue
		}
		chip, ok := ti.Chip(sys.Accelerator)
		if !ok {
			rep.drop("accelerator maps to no chip: " + sys.Accelerator)
			continue
		}
		runs, why := readRuns(fsys, dir, ti.Benchmark)
		if why != "" {
			rep.drop(why)
			continue
		}
		score, err := OlympicScore(runs, MinTrainingRuns)
		if err != nil {
			rep.drop("no valid score: " + err.Error())
			continue
		}
		scaling := 0.0
		if data, err := fs.ReadFile(fsys, path.Join(dir, "scaling.json")); err == nil {
			if scaling, err = ParseScaling(data, path.Join(dir, "scaling.json")); err != nil {
				rep.drop("unreadable scaling.json")
				continue
			}
		}
		rep.Kept++
		out = append(out, ti.record(org, system, dir, sysPath, sys, avail, chip, runs, score, scaling))
	}
	return out, rep, nil
}

// readRuns parses the result_N.txt logs of dir in N order, or says why the
// result cannot be read.
func readRuns(fsys fs.FS, dir, benchmark string) ([]TrainingRun, string) {
	files, _ := fs.Glob(fsys, path.Join(dir, "result_*.txt"))
	num := func(f string) int {
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path.Base(f), "result_"), ".txt"))
		return n
	}
	sort.SliceStable(files, func(i, j int) bool { return num(files[i]) < num(files[j]) })
	var runs []TrainingRun
	for _, f := range files {
		file, err := fsys.Open(f)
		if err != nil {
			return nil, "unreadable run log"
		}
		run, err := ParseTrainingLog(file, f)
		file.Close()
		if err != nil {
			return nil, "unreadable run log: " + err.Error()
		}
		if run.Benchmark != benchmark {
			return nil, fmt.Sprintf("run log %s names benchmark %q", f, run.Benchmark)
		}
		runs = append(runs, run)
	}
	return runs, ""
}

func (ti TrainingImport) record(org, system, dir, sysPath string, sys SystemDescription, avail, chip string, runs []TrainingRun, s TrainingScore, scaling float64) TrainingRecord {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	minutes := s.Minutes
	if scaling > 0 {
		minutes *= scaling
	}
	var times []string
	malformed := 0
	for i, m := range s.Runs {
		malformed += runs[i].Malformed
		if s.Failed[i] {
			times = append(times, "DNF")
			continue
		}
		times = append(times, strconv.FormatFloat(m, 'f', 4, 64))
	}
	r := TrainingRecord{
		ResultID: ti.Round + "/" + org + "/" + system, Round: ti.Round, Division: strings.ToLower(sys.Division),
		Submitter: sys.Submitter, System: sys.Name, Availability: avail, Accelerator: sys.Accelerator, Chip: chip,
		Accelerators: strconv.Itoa(sys.Accelerators), Model: ti.Model, Benchmark: ti.Benchmark, Method: ti.Method,
		GlobalBatch: strconv.Itoa(runs[0].GlobalBatch), SequenceLength: strconv.Itoa(ti.SequenceLength),
		Runs: strconv.Itoa(len(runs)), Minutes: strconv.FormatFloat(minutes, 'f', 4, 64),
		OlympicMinutes: strconv.FormatFloat(s.Minutes, 'f', 4, 64), Samples: f(s.Samples),
		RunMinutes:   strings.Join(times, ";"),
		Source:       fmt.Sprintf("%s/tree/%s/%s", ti.Repo, ti.Commit, dir),
		SystemSource: fmt.Sprintf("%s/blob/%s/%s", ti.Repo, ti.Commit, sysPath),
		AsOf:         ti.AsOf.String(),
		Note: fmt.Sprintf("%s (%s); olympic mean of %d of %d runs (run_stop − run_start of result_*.txt)",
			system, sys.Accelerator, s.Counted, len(runs)),
	}
	for _, failed := range s.Failed {
		if failed {
			r.Note += "; one run did not converge (DNF), dropped as the slowest"
		}
	}
	if malformed > 0 {
		r.Note += fmt.Sprintf("; %d malformed :::MLLOG line(s) skipped", malformed)
	}
	if scaling > 0 {
		r.Scaling = f(scaling)
		r.Note += fmt.Sprintf(" × scaling.json %s", f(scaling))
	}
	if runs[0].LoRARank > 0 {
		r.LoRARank = strconv.Itoa(runs[0].LoRARank)
	}
	return r
}
