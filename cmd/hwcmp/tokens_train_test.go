package main

import (
	"math"
	"strings"
	"testing"
)

// TestTokensTrainingValidate: every embedded MLPerf Training result gets a
// row; NVIDIA's 8×H100 v4.1 result (27.93 min) costs 8 × 27.93 / 60 =
// 3.724 chip-hours and, at 700 W, 2,607 Wh of chip energy; its BF16 MFU
// is 0.620 (workload.TestCheckTraining works it out).
func TestTokensTrainingValidate(t *testing.T) {
	rows := tokensJSON(t, "tokens", "--validate", "--training")
	if len(rows) != 39 {
		t.Fatalf("%d rows; want the 39 embedded results", len(rows))
	}
	var eos map[string]any
	for _, r := range rows {
		if r["result_id"] == "v4.1/NVIDIA/eos_ngc24.09_nemo" {
			eos = r
		}
	}
	if eos == nil {
		t.Fatal("no v4.1/NVIDIA/eos_ngc24.09_nemo row")
	}
	test := func(key string, want, tol float64) {
		t.Helper()
		got, _ := eos[key].(float64)
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %v; want %v", key, got, want)
		}
	}
	test("measured_minutes", 27.9284, 1e-4)
	test("chip_hours", 8*27.9284/60, 1e-6)
	test("energy_wh", 8*27.9284/60*700, 1e-3)
	test("implied_mfu_ratio", 0.620, 0.001)
	if eos["tier"] != "measured" || eos["source"] == "" {
		t.Errorf("tier %v, source %v", eos["tier"], eos["source"])
	}
}

func TestTokensTrainingImportErrors(t *testing.T) {
	if _, errOut, code := hwcmp(t, "tokens", "--model", "llama-2-70b", "--training"); code != 2 || !strings.Contains(errOut, "--training goes with") {
		t.Errorf("--training alone: exit %d, %q; want a usage error", code, errOut)
	}
	_, errOut, code := hwcmp(t, "tokens", "--import-mlperf", t.TempDir(), "--training", "--repo", "https://github.com/x/y", "--commit", "abc", "--published", "2025-06-04")
	if code != 2 || errOut == "" {
		t.Errorf("--repo not a training results repo: exit %d, %q; want a usage error", code, errOut)
	}
	_, _, code = hwcmp(t, "tokens", "--import-mlperf", t.TempDir(), "--training", "--repo", "https://github.com/mlcommons/training_results_v5.0", "--commit", "abc", "--published", "2025-06-04")
	if code == 0 {
		t.Error("empty folder: exit 0; want an error (no results kept)")
	}
}

// TestTokensTrainingImport reads the AMD MI300X excerpt of MLPerf Training
// v5.0 and writes its sheet row: olympic 28.2687 min × scaling 1.0347.
func TestTokensTrainingImport(t *testing.T) {
	out, errOut, code := hwcmp(t, "tokens", "--import-mlperf", "../../workload/testdata/training", "--training",
		"--repo", "https://github.com/mlcommons/training_results_v5.0", "--commit", "0fdc28f013256aea84fa36fdaf1e0fa46094b18c", "--published", "2025-06-04")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"v5.0/AMD/MI300X_EPYC_9575F_pytorch,v5.0,closed,AMD", ",mi300x,8,llama-2-70b,llama2_70b_lora,lora,16,8,8192,10,29.2502,28.2687,1.034722222222222,3072,"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
}

// TestTokensTrainLoRA: LoRA costs 4 of the 6 FLOPs per parameter, so its
// chip time is 2/3 of full training's; the calibrated tier takes the MFU
// fitted on the MLPerf Training results, longer or shorter in inverse
// proportion to it.
func TestTokensTrainLoRA(t *testing.T) {
	hours := func(args ...string) float64 {
		t.Helper()
		rows := tokensJSON(t, append([]string{"tokens", "--model", "llama-2-70b", "--train-tokens", "1e12", "--chips", "h100"}, args...)...)
		h, ok := rows[0]["chip_hours_h"].(float64)
		if !ok {
			t.Fatalf("%v: no chip_hours_h in %v", args, rows[0])
		}
		return h
	}
	full, lora := hours(), hours("--lora")
	if math.Abs(lora/full-4.0/6) > 1e-9 {
		t.Errorf("LoRA ÷ full chip time = %v; want 2/3", lora/full)
	}
	// 6 × 70e9 × 1e12 FLOPs at 989.4 TFLOPS × 0.4 = 1.0613e12 s = 294,800 h.
	if want := 6 * 70e9 * 1e12 / (989.4e12 * 0.4) / 3600; math.Abs(full-want) > 1e-6*want {
		t.Errorf("full = %v h; want %v", full, want)
	}
	cal := hours("--tier", "calibrated")
	if r := full / cal; r < 1.1 || r > 1.6 {
		t.Errorf("model ÷ calibrated chip time = %v; want the calibrated MFU (~0.54) ÷ 0.40, between 1.1 and 1.6", r)
	}
	if _, _, code := hwcmp(t, "tokens", "--model", "llama-2-70b", "--train-tokens", "1e12", "--tier", "calibrated", "--mfu", "0.3"); code != 2 {
		t.Errorf("--mfu with --tier calibrated: exit %d; want 2", code)
	}
}
