package workload

import (
	"bytes"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hwcmp/hwcmp/specs"
)

func load(t testing.TB) (*specs.Catalog, *Models, []*Measured) {
	t.Helper()
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	ms, err := LoadModels(Defaults())
	if err != nil {
		t.Fatal(err)
	}
	meas, err := LoadMeasured(cat.Known, ms, Defaults())
	if err != nil {
		t.Fatal(err)
	}
	return cat, ms, meas
}

func model(t testing.TB, ms *Models, id string) *Model {
	t.Helper()
	m, ok := ms.Get(id)
	if !ok {
		t.Fatalf("no model %s", id)
	}
	return m
}

func hardware(t testing.TB, cat *specs.Catalog, chip string, p specs.Precision) *Hardware {
	t.Helper()
	h, missing := ChipHardware(cat, chip, p)
	if missing != "" {
		t.Fatalf("%s: %s", chip, missing)
	}
	return h
}

func TestCatalog(t *testing.T) {
	_, ms, _ := load(t)
	want := []string{"llama-2-70b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "mixtral-8x7b", "deepseek-r1", "gpt-oss-120b"}
	if got := strings.Join(ms.IDs(), " "); got != strings.Join(want, " ") {
		t.Errorf("models = %s; want %s", got, want)
	}
	// KV cache per token per sequence, 16-bit: Llama 3.1 70B caches K and
	// V of 8 heads × 128 dims in 80 layers = 320 KiB; DeepSeek's latent
	// attention caches 512 + 64 values in 61 layers.
	kv := func(id string, ctx, bytes, want float64) {
		t.Helper()
		if got := model(t, ms, id).KVBytes(ctx, bytes); got != want {
			t.Errorf("%s KVBytes(%v, %v) = %v; want %v", id, ctx, bytes, got, want)
		}
	}
	kv("llama-3.1-70b", 1, 2, 320*1024)
	kv("deepseek-r1", 1, 1, 61*576)
	// gpt-oss: half its 36 layers keep only a 128-token window.
	kv("gpt-oss-120b", 1024, 2, (18*1024+18*128)*2*8*64*2)
	// Experts: DeepSeek-R1's 671B split into 256 routed experts and the
	// shared rest, so that 8 experts + shared = 37B.
	e, shared := model(t, ms, "deepseek-r1").ExpertParams()
	if got := shared + 8*e; math.Abs(got-37e9) > 1 {
		t.Errorf("deepseek-r1 active = %v; want 37e9", got)
	}
	if got := shared + 256*e; math.Abs(got-671e9) > 1 {
		t.Errorf("deepseek-r1 total = %v; want 671e9", got)
	}
}

func TestModelSheetErrors(t *testing.T) {
	header := "id,name,params_billion,active_params_billion,layers,hidden,heads,kv_heads,context,source,as_of\n"
	fsys := fstest.MapFS{"models-x.csv": {Data: []byte(header +
		"ok,OK,7,7,32,4096,32,8,4096,https://example.com,2024-01-01\n" +
		"bad,Bad,7,9,32,4096,32,8,4096,https://example.com,2024-01-01\n" +
		"moe,MoE,7,7,32,4096,32,8,4096,,2024-01-01\n")}}
	_, err := LoadModels(specs.Source{FS: fsys, Name: "mydata"})
	if err == nil {
		t.Fatal("no error for bad rows")
	}
	for _, want := range []string{"mydata/models-x.csv:3:11: active_params_billion", "active parameters 9 above total 7", "mydata/models-x.csv:4:", "missing source"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestDecodeBoundByWeights: one H100 decoding Llama 3.1 8B at batch 1
// cannot beat its weight bytes ÷ memory bandwidth: 8 GB of FP8 weights at
// 3.35 TB/s is 2.39 ms a token, 419 tokens/s.
func TestDecodeBoundByWeights(t *testing.T) {
	cat, ms, _ := load(t)
	m := model(t, ms, "llama-3.1-8b")
	h := hardware(t, cat, "h100", specs.FP8)
	eff := DefaultEfficiency()
	eff.Compute, eff.Memory = Range{1, 1, 1}, Range{1, 1, 1}
	s := Scenario{Precision: specs.FP8, InputTokens: 1, OutputTokens: 1, Batches: 64, MaxChips: 1, NoPrefill: true}
	r := Sweep(m, h, s, eff)
	if !r.OK() {
		t.Fatal(r.Missing)
	}
	bound := h.Bandwidth.Value / (m.Params * 1)
	first := r.Mid.Frontier[0]
	if first.Batch != 1 || first.Chips != 1 || first.Bound != "memory" {
		t.Fatalf("most interactive point = %+v; want 1 chip, batch 1, memory-bound", first)
	}
	if first.PerUser > bound || first.PerUser < 0.99*bound {
		t.Errorf("batch-1 decode = %.1f tok/s; want just under %.1f (weights ÷ bandwidth)", first.PerUser, bound)
	}
	if math.Abs(bound-418.75) > 0.01 {
		t.Errorf("bound = %v; want 418.75", bound)
	}
}

func TestFit(t *testing.T) {
	cat, ms, _ := load(t)
	s := DefaultScenario()
	minChips := func(mid, chip string, p specs.Precision, want int) {
		t.Helper()
		s.Precision = p
		r := Sweep(model(t, ms, mid), hardware(t, cat, chip, p), s, DefaultEfficiency())
		switch {
		case want == 0 && r.OK():
			t.Errorf("%s %s on %s fits on %d chips; want it not to fit", mid, p, chip, r.Mid.MinChips)
		case want == 0 && !strings.Contains(r.Missing, "does not fit"):
			t.Errorf("%s %s on %s: missing %q; want 'does not fit'", mid, p, chip, r.Missing)
		case want > 0 && r.Mid.MinChips != want:
			t.Errorf("%s %s on %s: fewest chips %d (%s); want %d", mid, p, chip, r.Mid.MinChips, r.Missing, want)
		}
	}
	// 70 GB of FP8 weights fit in 141 GB × 0.9; 140 GB of BF16 do not.
	minChips("llama-3.1-70b", "h200", specs.FP8, 1)
	minChips("llama-3.1-70b", "h200", specs.BF16, 2)
	minChips("llama-3.1-70b", "h100", specs.BF16, 2) // 140 GB < 2 × 80 GB × 0.9
	// 671 GB of FP8 DeepSeek-R1 exceed 8 × 80 GB × 0.9 = 576 GB.
	minChips("deepseek-r1", "h100", specs.FP8, 0)
	minChips("deepseek-r1", "h200", specs.FP8, 8)
	minChips("llama-3.1-405b", "h200", specs.FP8, 4)
}

// TestNoNaN sweeps every chip and model: every value is finite and every
// chip without figures says why.
func TestNoNaN(t *testing.T) {
	cat, ms, _ := load(t)
	for _, m := range ms.List {
		for _, c := range cat.Chips {
			if c.Kind != specs.Accelerator {
				continue
			}
			est := EstimateChip(cat, c.ID, m, DefaultScenario(), DefaultEfficiency(), ModelTier, nil)
			if est.Missing != "" {
				continue
			}
			for _, v := range []float64{est.PerChip.Value, est.PerChip.Low, est.PerChip.High, est.PerUser} {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Errorf("%s on %s: %v", m.ID, c.ID, est.PerChip)
				}
			}
			if est.PerChip.Low > est.PerChip.Value || est.PerChip.Value > est.PerChip.High {
				t.Errorf("%s on %s: range %v does not hold its value", m.ID, c.ID, est.PerChip)
			}
		}
	}
}

func TestParseSummary(t *testing.T) {
	data, err := os.ReadFile("testdata/h100x8-llama2-offline-summary.txt")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseSummary(bytes.NewReader(data), "offline")
	if err != nil {
		t.Fatal(err)
	}
	if s.Scenario != "Offline" || s.TokensPerS != 24524.9 || s.SamplesPerS != 84.4792 || !s.Valid || s.TPOTLimit != 0.2 || s.TTFTLimit != 2 {
		t.Errorf("ParseSummary = %+v", s)
	}
	data, _ = os.ReadFile("testdata/h100x8-llama2-server-summary.txt")
	if s, err = ParseSummary(bytes.NewReader(data), "server"); err != nil || s.Scenario != "Server" || s.TokensPerS != 21605.79 {
		t.Errorf("ParseSummary(server) = %+v, %v", s, err)
	}
	if _, err := ParseSummary(strings.NewReader("<html>"), "page"); err == nil {
		t.Error("ParseSummary accepted an HTML page")
	}
	js, _ := os.ReadFile("testdata/DGX-H100_H100-SXM-80GBx8_TRT.json")
	sys, err := ParseSystem(js, "system")
	if err != nil || sys.Accelerators != 8 || sys.Accelerator != "NVIDIA H100-SXM-80GB" || sys.Division != "closed" {
		t.Errorf("ParseSystem = %+v, %v", sys, err)
	}
}

// TestEmbeddedResults checks the embedded rows against the published
// files kept under testdata: an importer round trip, so that no number in
// the sheet was typed by hand.
func TestEmbeddedResults(t *testing.T) {
	_, _, meas := load(t)
	js, _ := os.ReadFile("testdata/DGX-H100_H100-SXM-80GBx8_TRT.json")
	sys, _ := ParseSystem(js, "system")
	for _, f := range []string{"offline", "server"} {
		data, _ := os.ReadFile("testdata/h100x8-llama2-" + f + "-summary.txt")
		s, _ := ParseSummary(bytes.NewReader(data), f)
		rec := Record(s, sys)
		found := false
		for _, m := range meas {
			if m.ResultID == "v4.1 closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/llama2-70b-99/"+s.Scenario {
				found = true
				if rec.TokensPerS != formatG(m.TokensPerS) || m.Accelerators != sys.Accelerators || m.TPOTLimit != s.TPOTLimit {
					t.Errorf("%s: sheet %v tok/s on %d; file %s on %d", f, m.TokensPerS, m.Accelerators, rec.TokensPerS, sys.Accelerators)
				}
			}
		}
		if !found {
			t.Errorf("no embedded H100 llama-2-70b %s result", f)
		}
	}
}

func formatG(v float64) string { return Record(Summary{TokensPerS: v}, SystemDescription{}).TokensPerS }

func TestCalibrate(t *testing.T) {
	cat, ms, meas := load(t)
	// Without input lengths there is no calibration.
	var bare []*Measured
	for _, m := range meas {
		c := *m
		c.InputTokens = 0
		bare = append(bare, &c)
	}
	if _, err := Calibrate(cat, ms, bare, DefaultEfficiency()); err == nil || !strings.Contains(err.Error(), "input_tokens") {
		t.Fatalf("Calibrate without input lengths: err = %v; want one naming input_tokens", err)
	}
	// A fixture: the Llama 2 70B results with an input length given (a
	// made-up 500 tokens, to test the fit, not a dataset figure).
	var fixture []*Measured
	for _, m := range meas {
		if m.Model == "llama-2-70b" {
			c := *m
			c.InputTokens = 500
			fixture = append(fixture, &c)
		}
	}
	cal, err := Calibrate(cat, ms, fixture, DefaultEfficiency())
	if err != nil {
		t.Fatal(err)
	}
	predictable := 0
	for _, v := range Validate(cat, ms, fixture, DefaultEfficiency()) {
		if v.Missing == "" {
			predictable++
		}
	}
	if cal.Used != predictable || predictable < 15 {
		t.Errorf("calibration used %d results; %d are predictable", cal.Used, predictable)
	}
	// The fit must beat the defaults on the results it was fitted to.
	sq := func(vs []Validation) (s float64) {
		for _, v := range vs {
			if v.Missing == "" {
				s += math.Log1p(v.Error) * math.Log1p(v.Error)
			}
		}
		return s
	}
	if def := Validate(cat, ms, fixture, DefaultEfficiency()); sq(cal.Validations) >= sq(def) {
		t.Errorf("calibrated squared log error %v not below the defaults' %v", sq(cal.Validations), sq(def))
	}
	for _, v := range cal.Validations {
		if v.Missing != "" {
			continue
		}
		if v.LeaveOneOut <= 0 || math.IsNaN(v.LeaveOneOutError) {
			t.Errorf("%s: leave-one-out %v", v.Measured.ResultID, v.LeaveOneOut)
		}
	}
	c := cal.Eff.Compute
	if !(c.Low <= c.Value && c.Value <= c.High && c.Low >= gridLow) {
		t.Errorf("calibrated compute efficiency %v", c)
	}
}

func TestMeasuredTier(t *testing.T) {
	cat, ms, meas := load(t)
	m := model(t, ms, "llama-2-70b")
	est := EstimateChip(cat, "h100", m, DefaultScenario(), DefaultEfficiency(), MeasuredTier, meas)
	// Under a 40 ms TPOT limit: H100 has only 200 ms Server runs.
	if !strings.Contains(est.Missing, "under a 40 ms TPOT limit") {
		t.Errorf("measured h100 at 40 ms = %+v", est)
	}
	// Under 200 ms: the best Server run, 5.1-0016's 122273.72 tok/s on 32 GPUs.
	s200 := DefaultScenario()
	s200.TPOT = 0.2
	est = EstimateChip(cat, "h100", m, s200, DefaultEfficiency(), MeasuredTier, meas)
	if est.Missing != "" || est.PerChip.Value != 122273.72/32 || est.Status != specs.Measured || est.PerUser <= 0 {
		t.Errorf("measured h100 at 200 ms = %+v", est)
	}
	// H200 has an Interactive result (40 ms limit): 5.1-0075.
	est = EstimateChip(cat, "h200", m, DefaultScenario(), DefaultEfficiency(), MeasuredTier, meas)
	if est.Measured == nil || est.Measured.ResultID != "5.1-0075" || est.Measured.Scenario != "Interactive" {
		t.Errorf("measured h200 = %+v", est)
	}
	s := DefaultScenario()
	s.TPOT = 0
	if est = EstimateChip(cat, "h100", m, s, DefaultEfficiency(), MeasuredTier, meas); est.Measured == nil || est.Measured.Scenario != "Offline" {
		t.Errorf("measured h100 offline = %+v", est)
	}
	est = EstimateChip(cat, "trn2", m, DefaultScenario(), DefaultEfficiency(), MeasuredTier, meas)
	if !strings.Contains(est.Missing, "no measured MLPerf result") {
		t.Errorf("measured trn2 missing = %q", est.Missing)
	}
}

// BenchmarkSweepAll runs the full sweep: every accelerator × every
// catalog model × 64 batch sizes at each chip count (issue 13: < 200 ms).
func BenchmarkSweepAll(b *testing.B) {
	cat, ms, _ := load(b)
	var hs []*Hardware
	for _, c := range cat.Chips {
		if h, missing := ChipHardware(cat, c.ID, specs.FP8); missing == "" {
			hs = append(hs, h)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range ms.List {
			for _, h := range hs {
				Sweep(m, h, DefaultScenario(), DefaultEfficiency())
			}
		}
	}
}

// TestRoundImport imports an excerpt of MLPerf Inference v5.1's
// summary_results.json with the results' own logs, and checks the
// embedded v5.1 sheet against it.
func TestRoundImport(t *testing.T) {
	_, _, meas := load(t)
	chips := map[string]string{"NVIDIA GB300": "gb300", "NVIDIA H100-SXM-80GB": "h100", "NVIDIA H200-SXM-141GB": "h200"}
	ri := RoundImport{Repo: "https://github.com/mlcommons/inference_results_v5.1", Commit: "965182b03376a00fcae415c54e560e1c83937932",
		AsOf:   specs.Date{},
		Chip:   func(a string) (string, bool) { c, ok := chips[a]; return c, ok },
		Models: map[string]string{"llama2-70b-99": "llama-2-70b", "deepseek-r1": "deepseek-r1"}}
	recs, rep, err := ri.Import(os.DirFS("testdata/round"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 4 || rep.Kept != 3 || rep.Dropped["not closed division"] != 1 {
		t.Errorf("report = %+v", rep)
	}
	want := map[string]string{ // result id + scenario -> accelerators (nodes × per node)
		"5.1-0072 Offline": "72", "5.1-0016 Offline": "32", "5.1-0075 Interactive": "8",
	}
	for _, r := range recs {
		k := r.ResultID + " " + r.Scenario
		if want[k] != r.Accelerators {
			t.Errorf("%s: %s accelerators; want %s", k, r.Accelerators, want[k])
		}
		found := false
		for _, m := range meas {
			if m.ResultID == r.ResultID && m.Scenario == r.Scenario && m.Model == r.Model {
				found = true
				if formatG(m.TokensPerS) != r.TokensPerS || strconv.Itoa(m.Accelerators) != r.Accelerators || m.Source != r.Source {
					t.Errorf("%s: embedded %v tok/s on %d (%s); import %s on %s (%s)", k, m.TokensPerS, m.Accelerators, m.Source, r.TokensPerS, r.Accelerators, r.Source)
				}
			}
		}
		if !found {
			t.Errorf("%s: not in the embedded sheet", k)
		}
	}
}

// TestFrontier: along the curve, interactivity falls as throughput per
// chip rises, and the offline point is the curve's far end.
func TestFrontier(t *testing.T) {
	cat, ms, _ := load(t)
	for _, id := range []string{"llama-3.1-70b", "deepseek-r1", "gpt-oss-120b"} {
		r := Sweep(model(t, ms, id), hardware(t, cat, "h200", specs.FP8), DefaultScenario(), DefaultEfficiency())
		if !r.OK() {
			t.Fatalf("%s: %s", id, r.Missing)
		}
		f := r.Mid.Frontier
		for i := 1; i < len(f); i++ {
			if !(f[i].PerUser < f[i-1].PerUser && f[i].PerChip > f[i-1].PerChip) {
				t.Errorf("%s: frontier point %d %+v does not trade interactivity for throughput after %+v", id, i, f[i], f[i-1])
			}
		}
		if last := f[len(f)-1]; last.PerChip != r.Mid.Offline.PerChip {
			t.Errorf("%s: frontier ends at %v tok/s per chip; offline maximum %v", id, last.PerChip, r.Mid.Offline.PerChip)
		}
		if at := r.Mid.AtTPOT; at.Step > 0.040 || at.PerChip > r.Mid.Offline.PerChip {
			t.Errorf("%s: TPOT point %+v", id, at)
		}
	}
}

// TestDatasets checks the benchmark datasets sheet and that every embedded
// result takes its benchmark's mean input length from it.
func TestDatasets(t *testing.T) {
	ds, err := LoadDatasets(Defaults())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{ // mean input, reference mean output
		"llama2-70b-99": {222.3, 294.45}, "llama2-70b-99.9": {222.3, 294.45}, "mixtral-8x7b": {427.4, 144.84},
		"llama3.1-405b": {9428.6, 684.68}, "llama3.1-8b": {870.7, 0}, "deepseek-r1": {803.8, 3886.2274},
	}
	if len(ds) != len(want) {
		t.Errorf("%d datasets; want %d", len(ds), len(want))
	}
	for b, w := range want {
		d, ok := ds[b]
		if !ok || d.InputTokens != w[0] || d.OutputTokens != w[1] || d.Source == "" {
			t.Errorf("dataset %s = %+v; want input %v, output %v", b, d, w[0], w[1])
		}
	}
	_, _, meas := load(t)
	for _, m := range meas {
		if d := ds[m.Benchmark]; d == nil || m.InputTokens != d.InputTokens || m.InputSource != d.Source {
			t.Errorf("%s (%s): input %v from %q", m.ResultID, m.Benchmark, m.InputTokens, m.InputSource)
		}
	}
	// A result's own input_tokens wins over its dataset's.
	own := []*Measured{{Benchmark: "deepseek-r1", InputTokens: 100}, {Benchmark: "deepseek-r1"}, {Benchmark: "none"}}
	if n := ApplyDatasets(own, ds); n != 1 || own[0].InputTokens != 100 || own[1].InputTokens != 803.8 || own[2].InputTokens != 0 {
		t.Errorf("ApplyDatasets gave %d: %v %v %v", n, own[0].InputTokens, own[1].InputTokens, own[2].InputTokens)
	}
	// Bad rows name file, line and column.
	bad := fstest.MapFS{"datasets-x.csv": {Data: []byte("benchmark,dataset,samples,input_tokens,output_tokens,status,source,output_source,as_of\n" +
		"b1,d,10,,5,secondary,s,,2026-01-01\n")}}
	_, err = LoadDatasets(specs.Source{FS: bad, Name: "bad"})
	for _, frag := range []string{"bad/datasets-x.csv:2", "missing input_tokens", "missing output_source"} {
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("bad datasets sheet: err = %v; want %q", err, frag)
		}
	}
}

// TestAccuracy pins the model tier's predicted ÷ measured on the embedded
// MLPerf results, per model and over all (docs/TOKENS.md, "Predicted ÷
// measured"), and the calibrated tier's leave-one-out summary. Before the
// per-operation roofline, the token-weighted context and the comparison at
// each run's mean time per token, the model tier's median was 1.39× with
// 31 of 52 within 1.5× and DeepSeek-R1 at 4.67×; without prefill 5.3×.
func TestAccuracy(t *testing.T) {
	cat, ms, meas := load(t)
	type want struct {
		results, within int
		median, worst   float64 // ±0.01
	}
	check := func(tier string, got []Accuracy, wants map[string]want) {
		t.Helper()
		if len(got) != len(wants) {
			t.Errorf("%s: %d groups; want %d", tier, len(got), len(wants))
		}
		for _, a := range got {
			w, ok := wants[a.Group]
			if !ok {
				t.Errorf("%s: unexpected group %s", tier, a.Group)
				continue
			}
			if a.Results != w.results || a.Within != w.within || math.Abs(a.Median-w.median) > 0.01 || math.Abs(a.Worst-w.worst) > 0.01 {
				t.Errorf("%s: %v; want %d results, %d within 1.5×, median %.2f×, worst %.2f×", tier, a, w.results, w.within, w.median, w.worst)
			}
		}
	}
	check("model tier", Summarize(Validate(cat, ms, meas, DefaultEfficiency()), false), map[string]want{
		"llama-2-70b":    {22, 14, 1.19, 4.07},
		"mixtral-8x7b":   {10, 7, 1.30, 1.90},
		"deepseek-r1":    {4, 0, 3.20, 4.22},
		"llama-3.1-405b": {10, 8, 1.17, 1.89},
		"llama-3.1-8b":   {6, 5, 1.18, 1.59},
		"all":            {52, 34, 1.26, 4.22},
	})
	cal, err := Calibrate(cat, ms, meas, DefaultEfficiency())
	if err != nil {
		t.Fatal(err)
	}
	if c, m := cal.Eff.Compute.Value, cal.Eff.Memory.Value; math.Abs(c-0.45) > 1e-9 || math.Abs(m-0.45) > 1e-9 {
		t.Errorf("calibrated compute %v, memory %v; want 0.45, 0.45", c, m)
	}
	check("leave-one-out", Summarize(cal.Validations, true), map[string]want{
		"llama-2-70b":    {22, 18, 0.95, 0.57},
		"mixtral-8x7b":   {10, 9, 1.05, 1.63},
		"deepseek-r1":    {4, 0, 2.46, 3.15},
		"llama-3.1-405b": {10, 7, 0.83, 0.56},
		"llama-3.1-8b":   {6, 6, 0.93, 0.71},
		"all":            {52, 40, 1.00, 3.15},
	})
}

// TestSummarize checks the summary arithmetic on made-up ratios.
func TestSummarize(t *testing.T) {
	r := func(model string, measured, predicted float64) Validation {
		return Validation{Measured: &Measured{ResultID: model + "-r", Model: model, TokensPerS: measured, Accelerators: 1}, Predicted: predicted}
	}
	vs := []Validation{r("a", 100, 150), r("a", 100, 50), r("a", 100, 110), r("b", 100, 90), {Measured: &Measured{Model: "b", TokensPerS: 1, Accelerators: 1}, Missing: "no bandwidth"}}
	got := Summarize(vs, false)
	if len(got) != 3 || got[0].Group != "a" || got[1].Group != "b" || got[2].Group != "all" {
		t.Fatalf("groups = %v", got)
	}
	// a: ratios 0.5, 1.1, 1.5: median 1.1; 1.5 is within, 0.5 (2× under) is the worst.
	if a := got[0]; a.Results != 3 || a.Median != 1.1 || a.Within != 2 || a.Worst != 0.5 || a.Low != 0.5 || a.High != 1.5 {
		t.Errorf("a = %+v", a)
	}
	// all: 0.5, 0.9, 1.1, 1.5: median (0.9 + 1.1) ÷ 2; the missing result is left out.
	if all := got[2]; all.Results != 4 || math.Abs(all.Median-1) > 1e-12 || all.Within != 3 {
		t.Errorf("all = %+v", all)
	}
	if Summarize(nil, false) != nil {
		t.Error("Summarize(nil) is not empty")
	}
}

// TestShape: the context a decoding token sees is token-weighted. With
// DeepSeek-R1's MLPerf lengths (outputs from a few hundred to 32,768
// tokens) it is 632.2 + 4043 × 2.569 ÷ 2 ≈ 5,826 tokens, twice the 2,826
// of 803.8 + 4043 ÷ 2; a fixed-length mix gives in + out ÷ 2.
func TestShape(t *testing.T) {
	ds, err := LoadDatasets(Defaults())
	if err != nil {
		t.Fatal(err)
	}
	d := ds["deepseek-r1"]
	s := Scenario{InputTokens: d.InputTokens, OutputTokens: 4043.4, Shape: d.Shape}
	if got := s.decodeContext(); math.Abs(got-5826) > 1 {
		t.Errorf("deepseek-r1 decode context = %.1f; want 5826", got)
	}
	s.Shape = Shape{}
	if got := s.decodeContext(); math.Abs(got-(803.8+4043.4/2)) > 1e-9 {
		t.Errorf("fixed-length decode context = %v", got)
	}
	// Every embedded result but those of Llama 3.1 8B (whose dataset gives
	// no output lengths) carries its dataset's shape.
	_, _, meas := load(t)
	for _, m := range meas {
		if has := m.Shape.OutputSpread > 0; has == (m.Benchmark == "llama3.1-8b") {
			t.Errorf("%s %s: shape %+v", m.ResultID, m.Benchmark, m.Shape)
		}
	}
	// A spread below 1 and a shape without its source are refused.
	bad := fstest.MapFS{"datasets-x.csv": {Data: []byte("benchmark,dataset,samples,input_tokens,input_spread,output_spread,shape_source,status,source,as_of\n" +
		"b1,d,10,100,0.5,,s,secondary,s,2026-01-01\n" +
		"b2,d,10,100,1.2,,,secondary,s,2026-01-01\n")}}
	_, err = LoadDatasets(specs.Source{FS: bad, Name: "bad"})
	for _, frag := range []string{"bad/datasets-x.csv:2:", "input_spread 0.5", "at least 1", "bad/datasets-x.csv:3", "missing shape_source"} {
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("bad shape: err = %v; want %q", err, frag)
		}
	}
}

// TestStepSumsOperations: a decode step's weight multiplies and its
// attention each take the larger of their compute and memory times, and
// the step their sum: at batch 4,096 the multiplies of Llama 2 70B on one
// H100 (FP8, full efficiency) are compute-bound while attention over a
// 2,048-token context is memory-bound, and the step exceeds the larger of
// the totals, which would let the KV read hide behind the multiplies.
func TestStepSumsOperations(t *testing.T) {
	cat, ms, _ := load(t)
	m := model(t, ms, "llama-2-70b")
	h := hardware(t, cat, "h100", specs.FP8)
	c := &stepCost{m: m, chips: 1, peak: h.Peak.Value, bw: h.Bandwidth.Value, attnPeak: h.AttentionPeak.Value,
		wBytes: 1, shared: m.Params, kvSeq: m.KVBytes(2048, 1), attn: m.AttentionFLOPs(2048)}
	for _, batch := range []float64{1, 256, 4096} {
		gemm := max(batch*2*m.ActiveParams/c.peak, m.Params/c.bw)
		attn := max(batch*c.attn/c.attnPeak, batch*c.kvSeq/c.bw)
		got, _, _ := c.decode(batch)
		if math.Abs(got-(gemm+attn)) > 1e-12 {
			t.Errorf("batch %v: step %v; want %v + %v", batch, got, gemm, attn)
		}
		if sumMax := max(batch*2*m.ActiveParams/c.peak+batch*c.attn/c.attnPeak, m.Params/c.bw+batch*c.kvSeq/c.bw); got < sumMax {
			t.Errorf("batch %v: step %v below the larger total %v", batch, got, sumMax)
		}
	}
}

// TestMeasuredScenarioLatency: a latency-bound run is compared at its own
// mean time per output token where its log gives one, else at its limit;
// an Offline run at none.
func TestMeasuredScenarioLatency(t *testing.T) {
	r := &Measured{Scenario: "Server", TPOTLimit: 0.2, MeanTPOT: 0.145, TokensPerS: 100, SamplesPerS: 1, Accelerators: 8}
	if s := MeasuredScenario(r); s.TPOT != 0.145 {
		t.Errorf("server with mean TPOT: TPOT %v; want 0.145", s.TPOT)
	}
	r.MeanTPOT = 0
	if s := MeasuredScenario(r); s.TPOT != 0.2 {
		t.Errorf("server without mean TPOT: TPOT %v; want the 0.2 limit", s.TPOT)
	}
	r.Scenario, r.MeanTPOT = "Offline", 0.1
	if s := MeasuredScenario(r); s.TPOT != 0 {
		t.Errorf("offline: TPOT %v; want none", s.TPOT)
	}
}
