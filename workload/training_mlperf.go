package workload

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// TrainingSheets is the file pattern of the MLPerf Training results sheets
// (training-mlperf*.csv). It does not match MLPerfSheets, whose rows are
// inference results.
const TrainingSheets = "training-mlperf*.csv"

// A TrainingRun is what one MLPerf Training run log (result_N.txt) states:
// the :::MLLOG lines the MLCommons logging library writes.
type TrainingRun struct {
	Benchmark, Org, Division, Platform, Status string
	// Start and Stop are the run_start and run_stop times in ms since the
	// epoch: the run result is the wall-clock time between them (training
	// rules, "Run result").
	Start, Stop float64
	// Samples is samples_count at run_stop: the training samples seen
	// when the run reached its quality target.
	Samples     float64
	GlobalBatch int
	LoRARank    int
	// Converged is run_stop's status "success"; a run that stopped
	// without reaching the target, or was killed before its run_stop, is
	// not converged.
	Converged bool
	// Malformed counts the :::MLLOG records that were not JSON (output
	// of several processes interleaved) and were skipped.
	Malformed int
}

// Minutes returns the run result, run_stop − run_start, in minutes; 0 for a
// run killed before its run_stop.
func (r TrainingRun) Minutes() float64 {
	if r.Stop == 0 {
		return 0
	}
	return (r.Stop - r.Start) / 60000
}

// mllog is one :::MLLOG record.
type mllog struct {
	TimeMS   float64         `json:"time_ms"`
	Key      string          `json:"key"`
	Value    json.RawMessage `json:"value"`
	Metadata struct {
		Samples *float64 `json:"samples_count"`
		Status  string   `json:"status"`
	} `json:"metadata"`
}

// ParseTrainingLog reads an MLPerf Training run log. Lines other than
// :::MLLOG records are skipped (logs carry framework output between them),
// and so are records that are not JSON, counted in Malformed (published
// logs have lines where two processes' output interleaved). The first
// record of each key counts: multi-process logs repeat some. A log with a
// run_start and no run_stop is a run killed before it converged.
func ParseTrainingLog(r io.Reader, name string) (TrainingRun, error) {
	var run TrainingRun
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	line := 0
	str := func(v json.RawMessage) string {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		return strings.TrimSpace(string(v))
	}
	for sc.Scan() {
		line++
		text := sc.Bytes()
		i := bytes.Index(text, []byte(":::MLLOG "))
		if i < 0 {
			continue
		}
		var rec mllog
		if err := json.Unmarshal(text[i+len(":::MLLOG "):], &rec); err != nil {
			run.Malformed++
			continue
		}
		if seen[rec.Key] {
			continue
		}
		seen[rec.Key] = true
		switch rec.Key {
		case "submission_benchmark":
			run.Benchmark = str(rec.Value)
		case "submission_org":
			run.Org = str(rec.Value)
		case "submission_division":
			run.Division = str(rec.Value)
		case "submission_platform":
			run.Platform = str(rec.Value)
		case "submission_status":
			run.Status = str(rec.Value)
		case "global_batch_size", "lora_rank":
			n, err := strconv.Atoi(str(rec.Value))
			if err != nil || n <= 0 {
				return run, fmt.Errorf("%s:%d: %s %s is not a positive whole number", name, line, rec.Key, rec.Value)
			}
			if rec.Key == "lora_rank" {
				run.LoRARank = n
			} else {
				run.GlobalBatch = n
			}
		case "run_start":
			run.Start = rec.TimeMS
		case "run_stop":
			run.Stop = rec.TimeMS
			run.Converged = rec.Metadata.Status == "success"
			if rec.Metadata.Samples != nil {
				run.Samples = *rec.Metadata.Samples
			}
		}
	}
	if err := sc.Err(); err != nil {
		return run, fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case !seen["run_start"]:
		return run, fmt.Errorf("%s: no run_start record: not an MLPerf Training run log", name)
	case !seen["run_stop"]:
		run.Converged = false
	case !(run.Stop > run.Start) || math.IsInf(run.Stop-run.Start, 0):
		return run, fmt.Errorf("%s: run_stop (%v ms) is not after run_start (%v ms)", name, run.Stop, run.Start)
	case run.Samples < 0 || math.IsInf(run.Samples, 0) || math.IsNaN(run.Samples):
		return run, fmt.Errorf("%s: run_stop samples_count %v is not a count", name, run.Samples)
	}
	return run, nil
}

// MinTrainingRuns is the fewest runs an LLM fine-tuning result needs
// (training rules, "Benchmark Results": LLM Finetuning, 10 runs).
const MinTrainingRuns = 10

// A TrainingScore is a benchmark result computed from its runs by the
// MLPerf Training rule.
type TrainingScore struct {
	// Minutes is the olympic mean: the mean run time after dropping the
	// fastest and the slowest run, a non-converged run counting as the
	// slowest.
	Minutes float64
	// Samples is the mean samples_count of the counted runs.
	Samples float64
	// Runs are all runs' minutes in log order (0 for a run killed before
	// its run_stop), Failed which of them did not converge, Counted how
	// many runs enter the mean.
	Runs    []float64
	Failed  []bool
	Counted int
}

// ErrTooManyFailed is returned for a result with more than one
// non-converged run, which the rules make invalid.
var ErrTooManyFailed = errors.New("more than one non-converging run: the result is invalid")

// OlympicScore scores runs by the MLPerf Training rule
// (https://github.com/mlcommons/training_policies/blob/d73e20f179151ce1b40dc300374f576a391f91ea/training_rules.adoc
// "Benchmark Results"): "Each benchmark result is computed by dropping the
// fastest and slowest runs, then taking the mean of the remaining times.
// For this purpose, a single non-converging run may be treated as the
// slowest run and dropped. A benchmark result is invalid if there is more
// than one non-converging run." minRuns is the benchmark's number of runs.
func OlympicScore(runs []TrainingRun, minRuns int) (TrainingScore, error) {
	var s TrainingScore
	if len(runs) < minRuns || len(runs) < 3 {
		return s, fmt.Errorf("%d runs: the benchmark needs %d", len(runs), max(minRuns, 3))
	}
	type timed struct {
		min, samples float64
		failed       bool
	}
	ts := make([]timed, len(runs))
	failed := 0
	for i, r := range runs {
		ts[i] = timed{r.Minutes(), r.Samples, !r.Converged}
		s.Runs = append(s.Runs, r.Minutes())
		s.Failed = append(s.Failed, !r.Converged)
		if !r.Converged {
			failed++
		}
	}
	if failed > 1 {
		return s, fmt.Errorf("%d of %d runs: %w", failed, len(runs), ErrTooManyFailed)
	}
	// A failed run sorts last, as the slowest, and is dropped.
	sort.SliceStable(ts, func(i, j int) bool {
		if ts[i].failed != ts[j].failed {
			return !ts[i].failed
		}
		return ts[i].min < ts[j].min
	})
	kept := ts[1 : len(ts)-1]
	for _, t := range kept {
		s.Minutes += t.min
		s.Samples += t.samples
	}
	s.Counted = len(kept)
	s.Minutes /= float64(len(kept))
	s.Samples /= float64(len(kept))
	return s, nil
}

// ParseScaling reads a result's scaling.json: the factor the training
// committee multiplied the olympic score by (for instance to normalize a
// run that converged in fewer samples than the reference convergence
// points allow; training rules, "Scoring" and "RCPs").
func ParseScaling(data []byte, name string) (float64, error) {
	var raw struct {
		Factor *float64 `json:"scaling_factor"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	if raw.Factor == nil || !(*raw.Factor > 0) || math.IsInf(*raw.Factor, 0) {
		return 0, fmt.Errorf("%s: no positive scaling_factor", name)
	}
	return *raw.Factor, nil
}

// systemStatus reads the availability (status) of an MLPerf system JSON.
func systemStatus(data []byte) string {
	var raw struct {
		Status string `json:"status"`
	}
	_ = json.Unmarshal(data, &raw) // ParseSystem has reported a bad file
	return raw.Status
}
