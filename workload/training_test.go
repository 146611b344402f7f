package workload

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/specs"
)

// The testdata/training logs are excerpts of real MLPerf Training logs:
// their :::MLLOG lines for the keys hwcmp reads, cut from
// mlcommons/training_results_v5.0 at 0fdc28f0 (AMD MI300X, Dell
// 9xXE9712x4GB200 result_9) and training_results_v4.1 at b87b9e39 (Lambda
// lambda_1cc_n4 H100, whose line 779 interleaves two processes' output).
func TestParseTrainingLog(t *testing.T) {
	test := func(file string, minutes, samples float64, gbs int, converged bool, malformed int) {
		t.Helper()
		f, err := os.Open("testdata/training/" + file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := ParseTrainingLog(f, file)
		if err != nil {
			t.Fatalf("ParseTrainingLog(%s): %v", file, err)
		}
		if math.Abs(r.Minutes()-minutes) > 1e-9 || r.Samples != samples || r.GlobalBatch != gbs || r.Converged != converged || r.Malformed != malformed {
			t.Errorf("ParseTrainingLog(%s) = %.6f min, %v samples, batch %d, converged %v, %d malformed; want %.6f, %v, %d, %v, %d",
				file, r.Minutes(), r.Samples, r.GlobalBatch, r.Converged, r.Malformed, minutes, samples, gbs, converged, malformed)
		}
		if r.Benchmark != "llama2_70b_lora" {
			t.Errorf("%s: benchmark %q", file, r.Benchmark)
		}
	}
	amd := "AMD/results/MI300X_EPYC_9575F_pytorch/llama2_70b_lora/"
	// run_stop 1745907824256 − run_start 1745906128645 ms = 1,695,611 ms.
	test(amd+"result_0.txt", 1695611.0/60000, 3072, 8, true, 0)
	// The slowest run: 1745916157830 − 1745914238939 = 1,918,891 ms.
	test(amd+"result_4.txt", 1918891.0/60000, 3456, 8, true, 0)
	// Killed before its run_stop (slurm cancelled it): not converged.
	test("logs/dell-9xXE9712x4GB200-result_9.txt", 0, 0, 9, false, 0)
	// init_start's record is garbled; the run is still read.
	test("logs/lambda-n4-result_1.txt", lambdaMinutes(t), 3456, 8, true, 1)
}

// lambdaMinutes reads the Lambda excerpt's run times the plain way.
func lambdaMinutes(t *testing.T) float64 {
	data, err := os.ReadFile("testdata/training/logs/lambda-n4-result_1.txt")
	if err != nil {
		t.Fatal(err)
	}
	var start, stop float64
	for _, l := range strings.Split(string(data), "\n") {
		_, rest, ok := strings.Cut(l, `"time_ms": `)
		if !ok {
			continue
		}
		v, _, _ := strings.Cut(rest, ",")
		var ms float64
		for _, c := range v {
			ms = ms*10 + float64(c-'0')
		}
		switch {
		case strings.Contains(l, `"key": "run_start"`):
			start = ms
		case strings.Contains(l, `"key": "run_stop"`):
			stop = ms
		}
	}
	return (stop - start) / 60000
}

func TestParseTrainingLogErrors(t *testing.T) {
	test := func(in, want string) {
		t.Helper()
		_, err := ParseTrainingLog(strings.NewReader(in), "x.txt")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTrainingLog(%q) = %v; want an error with %q", in, err, want)
		}
	}
	test("", "no run_start")
	test(`:::MLLOG {"time_ms": 10, "key": "run_stop", "metadata": {"status": "success"}}`, "no run_start")
	test(":::MLLOG {\"time_ms\": 10, \"key\": \"run_start\"}\n:::MLLOG {\"time_ms\": 5, \"key\": \"run_stop\"}", "not after run_start")
	test(":::MLLOG {\"key\": \"global_batch_size\", \"value\": -8}", "global_batch_size")
}

// TestOlympicScore: AMD's MI300X result in MLPerf Training v5.0. Its ten
// runs take 1695611, 1696886, 1695326, 1695886, 1918891, 1696827, 1696753,
// 1694588, 1696320 and 1695346 ms; dropping the fastest (1694588) and the
// slowest (1918891) leaves a mean of 1696119.375 ms = 28.26866 min, and
// the committee's scaling.json factor 1.034722… makes the published 29.25.
func TestOlympicScore(t *testing.T) {
	ti := TrainingImport{Round: "v5.0", Repo: "https://github.com/mlcommons/training_results_v5.0", Commit: "0fdc28f013256aea84fa36fdaf1e0fa46094b18c",
		AsOf: specs.Date{Year: 2025, Month: 6, Day: 4}, Benchmark: "llama2_70b_lora", Model: "llama-2-70b", Method: "lora", SequenceLength: 8192,
		Chip: func(name string) (string, bool) { return "mi300x", strings.Contains(name, "MI300X") }}
	recs, rep, err := ti.Import(os.DirFS("testdata/training"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || rep.Read != 1 || rep.Kept != 1 {
		t.Fatalf("Import = %d records (read %d, kept %d, dropped %v); want 1", len(recs), rep.Read, rep.Kept, rep.Dropped)
	}
	r := recs[0]
	want := TrainingRecord{ResultID: "v5.0/AMD/MI300X_EPYC_9575F_pytorch", Chip: "mi300x", Accelerators: "8", Runs: "10",
		OlympicMinutes: "28.2687", Minutes: "29.2502", Scaling: "1.034722222222222", Samples: "3072", GlobalBatch: "8", LoRARank: "16",
		Source: "https://github.com/mlcommons/training_results_v5.0/tree/0fdc28f013256aea84fa36fdaf1e0fa46094b18c/AMD/results/MI300X_EPYC_9575F_pytorch/llama2_70b_lora"}
	got := []string{r.ResultID, r.Chip, r.Accelerators, r.Runs, r.OlympicMinutes, r.Minutes, r.Scaling, r.Samples, r.GlobalBatch, r.LoRARank, r.Source}
	exp := []string{want.ResultID, want.Chip, want.Accelerators, want.Runs, want.OlympicMinutes, want.Minutes, want.Scaling, want.Samples, want.GlobalBatch, want.LoRARank, want.Source}
	for i := range got {
		if got[i] != exp[i] {
			t.Errorf("field %d = %q; want %q", i, got[i], exp[i])
		}
	}
	// The system JSON: 1 node × 8 "AMD Instinct MI300X 192GB HBM3".
	if r.Accelerator != "AMD Instinct MI300X 192GB HBM3" || r.Availability != "Available on-premise" {
		t.Errorf("system = %q, %q", r.Accelerator, r.Availability)
	}
}

func TestOlympicScoreRule(t *testing.T) {
	runs := func(mins ...float64) []TrainingRun {
		var out []TrainingRun
		for _, m := range mins {
			if m < 0 {
				out = append(out, TrainingRun{Start: 1})
				continue
			}
			out = append(out, TrainingRun{Start: 1, Stop: 1 + m*60000, Samples: 100, Converged: true})
		}
		return out
	}
	test := func(rs []TrainingRun, want float64) {
		t.Helper()
		s, err := OlympicScore(rs, 5)
		if err != nil || math.Abs(s.Minutes-want) > 1e-9 {
			t.Errorf("OlympicScore = %v, %v; want %v", s.Minutes, err, want)
		}
	}
	test(runs(10, 1, 3, 5, 100), 6)  // drops 1 and 100
	test(runs(10, 1, 3, 5, -1), 6)   // the failed run is the slowest: drops it and 1
	test(runs(2, 2, 2, 2, 2, 2), 2)  // ties
	test(runs(4, 5, 6, 1, 9, 20), 6) // (4+5+6+9)/4
	if _, err := OlympicScore(runs(1, 2, 3, -1, -1), 5); !errors.Is(err, ErrTooManyFailed) {
		t.Errorf("two failed runs: %v; want ErrTooManyFailed", err)
	}
	if _, err := OlympicScore(runs(1, 2, 3, 4), 5); err == nil {
		t.Error("4 runs of 5 needed: no error")
	}
}

// TestTrainingSheets: the embedded sheets load, and known results read as
// MLCommons and NVIDIA published them: GB200 NVL72 ×512 at 0.56 minutes in
// v5.0 (NVIDIA's v5.0 blog table: "LLM Fine-Tuning (Llama 2 70B-LoRA)
// 0.56").
func TestTrainingSheets(t *testing.T) {
	cat, ms, _ := load(t)
	rs, err := LoadTraining(cat.Known, ms, Defaults())
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 39 {
		t.Errorf("%d embedded training results; want 39", len(rs))
	}
	byID := map[string]*TrainingResult{}
	for _, r := range rs {
		byID[r.ResultID] = r
		if r.Division != "closed" || !strings.HasPrefix(r.Source, "https://github.com/mlcommons/training_results_v") {
			t.Errorf("%s: division %q, source %q", r.ResultID, r.Division, r.Source)
		}
	}
	test := func(id string, minutes float64, chips int) {
		t.Helper()
		r, ok := byID[id]
		if !ok {
			t.Fatalf("no result %s", id)
		}
		if math.Abs(r.Minutes-minutes) > 0.0005 || r.Accelerators != chips {
			t.Errorf("%s = %v min on %d; want %v on %d", id, r.Minutes, r.Accelerators, minutes, chips)
		}
	}
	test("v5.0/NVIDIA/tyche_ngpu512_ngc25.04_nemo", 0.5603, 512)
	test("v5.0/AMD/MI300X_EPYC_9575F_pytorch", 29.2502, 8)
	test("v4.1/NVIDIA/eos_ngc24.09_nemo", 27.9284, 8)
}

// TestCheckTraining: NVIDIA's 8×H100 v4.1 result trains 3216 samples ×
// 8192 tokens; a token costs 4 × 70e9 + 3 × (4 × 64 × 128 × 80 × 4096) =
// 3.122e11 FLOPs, 8.225e18 in all; at 8 × 989.4 TFLOPS BF16 in 27.93
// minutes that is an MFU of 0.620.
func TestCheckTraining(t *testing.T) {
	cat, ms, _ := load(t)
	m := model(t, ms, "llama-2-70b")
	if got, want := TrainingFLOPsPerToken(m, 8192, true), 4*70e9+3*4*64*128*80*4096.0; math.Abs(got-want) > 1 {
		t.Errorf("TrainingFLOPsPerToken(lora) = %g; want %g", got, want)
	}
	if got, want := TrainingFLOPsPerToken(m, 8192, false)-TrainingFLOPsPerToken(m, 8192, true), 2*70e9; math.Abs(got-want) > 1 {
		t.Errorf("full − LoRA = %g; want the weight gradients, %g", got, want)
	}
	rs, err := LoadTraining(cat.Known, ms, Defaults())
	if err != nil {
		t.Fatal(err)
	}
	checks := CheckTraining(cat, ms, rs, DefaultMFU())
	var eos *TrainingCheck
	modelled := 0
	for i, c := range checks {
		if c.Result.ResultID == "v4.1/NVIDIA/eos_ngc24.09_nemo" {
			eos = &checks[i]
		}
		if c.Missing == "" {
			modelled++
			if c.LeaveOneOut <= 0 {
				t.Errorf("%s: no leave-one-out prediction", c.Result.ResultID)
			}
		}
	}
	if eos == nil || math.Abs(eos.ImpliedMFU-0.620) > 0.001 {
		t.Fatalf("eos check = %+v; want MFU 0.620", eos)
	}
	if want := eos.FLOPs / (8 * 989.4e12 * 0.4) / 60; math.Abs(eos.Predicted.Value-want) > 1e-6 {
		t.Errorf("eos predicted %v min; want %v", eos.Predicted.Value, want)
	}
	// MI350X and MI355X have no BF16 figure in the catalog: n/a, not FP32.
	if modelled != len(checks)-2 {
		t.Errorf("%d of %d results modelled; want all but the two without BF16 figures", modelled, len(checks))
	}
	cal, ok := CalibrateTraining(checks)
	if !ok || cal.Value < 0.3 || cal.Value > 0.8 || cal.Low >= cal.Value || cal.High <= cal.Value {
		t.Errorf("CalibrateTraining = %+v, %v; want an MFU between 0.3 and 0.8 inside its range", cal, ok)
	}
}

func FuzzParseTrainingLog(f *testing.F) {
	for _, name := range []string{"AMD/results/MI300X_EPYC_9575F_pytorch/llama2_70b_lora/result_0.txt", "logs/dell-9xXE9712x4GB200-result_9.txt", "logs/lambda-n4-result_1.txt"} {
		data, err := os.ReadFile("testdata/training/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add(":::MLLOG {\"time_ms\": 1e308, \"key\": \"run_start\"}\n:::MLLOG {\"time_ms\": -1e308, \"key\": \"run_stop\"}")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ParseTrainingLog(strings.NewReader(in), "fuzz.txt")
		if err != nil {
			return
		}
		m := r.Minutes()
		if math.IsNaN(m) || math.IsInf(m, 0) || m < 0 || math.IsNaN(r.Samples) || math.IsInf(r.Samples, 0) {
			t.Fatalf("ParseTrainingLog(%q) = %+v: minutes %v", in, r, m)
		}
		if r.Converged && !(m > 0) {
			t.Fatalf("converged run with %v minutes", m)
		}
	})
}

// TestLoadTrainingErrors: bad rows are reported at file:line:col and the
// rest still load; a result given twice is refused the second time.
func TestLoadTrainingErrors(t *testing.T) {
	cat, ms, _ := load(t)
	data, err := os.ReadFile("data/training-mlperf-v5.0.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	bad := strings.Replace(lines[2], ",8,llama-2-70b,", ",0,llama-2-70b,", 1)
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/training-mlperf-mine.csv", []byte(lines[0]+lines[1]+bad), 0o644); err != nil {
		t.Fatal(err)
	}
	rs, err := LoadTraining(cat.Known, ms, Defaults(), specs.Source{FS: os.DirFS(dir), Name: dir})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"training-mlperf-mine.csv:2:1: result_id: result v5.0/AMD/MI300X_EPYC_9575F_pytorch is already at", "training-mlperf-mine.csv:3:", "accelerators \"0\""} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if len(rs) != 39 {
		t.Errorf("%d results loaded; want the 39 embedded ones", len(rs))
	}
}
