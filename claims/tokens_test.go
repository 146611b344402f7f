package claims

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/workload"
)

// tokenChecker is checker with the embedded model catalog and MLPerf
// results on its engine, and the claims of file added.
func tokenChecker(t *testing.T, file string) (*Checker, []*Claim) {
	t.Helper()
	extra, err := LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	k, all := checker(t, extra...)
	models, err := workload.LoadModels(workload.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	measured, err := workload.LoadMeasured(k.Engine.Catalog.Known, models, workload.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	k.Engine.Workloads = &compare.TokenData{Models: models, Measured: measured}
	if errs := Validate(all, k.Engine, k.Metrics); len(errs) > 0 {
		t.Fatalf("Validate: %v", errs)
	}
	return k, all
}

// TestTokenClaims checks claims that cite token metrics: the model column
// picks the LLM, tpot the latency limit (0: offline) and tier the source
// of the figures; the verdicts rest on package workload's estimates.
func TestTokenClaims(t *testing.T) {
	k, all := tokenChecker(t, "testdata/claims-tokens.csv")
	for _, tc := range []struct {
		id, verdict string
		lo, hi      float64 // the computed ratio
		status      specs.Status
		evidence    string // in some evidence's What
	}{
		// model tier at 40 ms: 2.48 ktok/s per H200 ÷ 2.19 per H100 (hwcmp tokens).
		{"tok-h200-vs-h100", Close, 1.08, 1.2, specs.Assumption, "llama-2-70b output tokens/s per chip (model tier)"},
		// the model's ranges overlap, so an order or bound is only close.
		{"tok-b200-beats", Close, 1.42, 1.55, specs.Assumption, "llama-2-70b output tokens/s per chip (model tier)"},
		{"tok-offline-more", Close, 1.15, 1.25, specs.Assumption, "llama-3.1-8b output tokens/s per chip (model tier)"},
		// measured tier: no H100 result under a 40 ms limit in the embedded MLPerf set.
		{"tok-measured-h100", Unverifiable, 0, 0, "", ""},
	} {
		v := k.Check(find(t, all, tc.id))
		if v.Verdict != tc.verdict {
			t.Errorf("%s: verdict %s (%v, missing %q), want %s", tc.id, v.Verdict, v.Value, v.Missing, tc.verdict)
			continue
		}
		if tc.verdict == Unverifiable {
			if !strings.Contains(v.Missing, "no measured MLPerf result for llama-2-70b on h100") {
				t.Errorf("%s: missing %q, want the absent H100 result named", tc.id, v.Missing)
			}
			continue
		}
		if v.Value < tc.lo || v.Value > tc.hi || v.Status != tc.status {
			t.Errorf("%s: %v (%s), want in [%v, %v] (%s)", tc.id, v.Value, v.Status, tc.lo, tc.hi, tc.status)
		}
		found := false
		for _, e := range v.Evidence {
			found = found || e.What == tc.evidence
		}
		if !found {
			t.Errorf("%s: no evidence %q in %v", tc.id, tc.evidence, v.Evidence)
		}
	}
	// The offline claim and the 40 ms claim serve different setups.
	a := k.Check(find(t, all, "tok-h200-vs-h100"))
	tc := *find(t, all, "tok-h200-vs-h100")
	tc.TPOT = 0
	if b := k.Check(&tc); b.Value == a.Value {
		t.Errorf("offline and 40 ms H200/H100 ratios are both %v: the tpot column is ignored", a.Value)
	}
}

// TestTokenClaimErrors: a model the catalog lacks, a token metric without
// a model, a model on another metric, and malformed tpot and tier cells
// are errors at their cells.
func TestTokenClaimErrors(t *testing.T) {
	_, err := LoadFile("testdata/claims-tokens-bad.csv")
	if err == nil {
		t.Fatal("claims-tokens-bad.csv loaded")
	}
	for _, want := range []string{
		`claims-tokens-bad.csv:5:77: tpot: tpot qualifies a token claim`,
		`claims-tokens-bad.csv:6:90: tpot: latency limit "fast"`,
		`claims-tokens-bad.csv:7:91: tier: unknown tier "guessed"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("parse errors lack %q:\n%v", want, err)
		}
	}
	k, _ := checker(t)
	models, err := workload.LoadModels(workload.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	k.Engine.Workloads = &compare.TokenData{Models: models}
	var good []*Claim
	for _, id := range []string{"unknown-model", "no-model", "model-on-spec"} {
		for _, c := range mustParse(t, "testdata/claims-tokens-bad.csv") {
			if c.ID == id {
				good = append(good, c)
			}
		}
	}
	errs := Validate(good, k.Engine, k.Metrics)
	got := errs.Error()
	for _, want := range []string{
		`claims-tokens-bad.csv:2:83: model: unknown model "llama-9" (want one of`,
		`claims-tokens-bad.csv:3:78: model: metric tokens-per-second serves an LLM: name it in the model column`,
		`claims-tokens-bad.csv:4:79: model: metric memory-bandwidth does not read a model`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Validate errors lack %q:\n%s", want, got)
		}
	}
	if len(errs) != 3 {
		t.Errorf("%d errors, want 3:\n%s", len(errs), got)
	}
}

// mustParse parses each row of file that parses cleanly, skipping the
// rest, for Validate tests over a sheet that also holds parse errors.
func mustParse(t *testing.T, file string) []*Claim {
	t.Helper()
	rows, _ := specs.ReadSheets[Record](specs.Source{FS: os.DirFS(filepath.Dir(file)), Name: filepath.Dir(file)}, filepath.Base(file))
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", file)
	}
	var out []*Claim
	for _, row := range rows {
		if c, errs := Parse(row); len(errs) == 0 {
			out = append(out, c)
		}
	}
	return out
}

// TestBuiltinTokenClaims checks the built-in token claims
// (claims/data/claims-tokens.csv): NVIDIA's "Llama-70B on a single H200 is
// 1.9x more performant than H100" at 2,048 in, 128 out, offline, one chip
// each. The model tier gives 3.15x [0.86–5.3] (393 ÷ 125 tok/s per chip:
// one H100 holds the 70 GB of FP8 weights and KV cache for only 5
// sequences), so the claim is close, resting on assumptions.
func TestBuiltinTokenClaims(t *testing.T) {
	k, all := tokenChecker(t, "testdata/claims-tokens.csv")
	c := find(t, all, "nvidia-h200-llama70b-tp1")
	if c.InputTokens != 2048 || c.OutputTokens != 128 || c.MaxChips != 1 || c.TPOT != 0 {
		t.Errorf("request = %v in, %v out, %d chips, tpot %v; want 2048, 128, 1, 0", c.InputTokens, c.OutputTokens, c.MaxChips, c.TPOT)
	}
	if s := c.Serving(); !strings.Contains(s, "2048 input + 128 output tokens, offline maximum (no latency limit), at most 1 chip(s) per model instance") {
		t.Errorf("serving = %q", s)
	}
	v := k.Check(c)
	if v.Verdict != Close || v.Value < 3.0 || v.Value > 3.3 || v.Status != specs.Assumption {
		t.Errorf("verdict %s, %v (%s); want close, 3.15 (assumption)", v.Verdict, v.Value, v.Status)
	}
	// The same claim at the default request and chips computes another ratio.
	d := *c
	d.InputTokens, d.OutputTokens, d.MaxChips = 1024, 1024, 0
	if w := k.Check(&d); w.Value == v.Value {
		t.Errorf("default request gives the same ratio %v: the request columns are ignored", v.Value)
	}
}

// TestTokenRequestErrors: the request columns are errors without a model
// and when not a positive whole number, at their cells.
func TestTokenRequestErrors(t *testing.T) {
	_, err := LoadFile("testdata/claims-tokens-request-bad.csv")
	if err == nil {
		t.Fatal("claims-tokens-request-bad.csv loaded")
	}
	for _, want := range []string{
		`claims-tokens-request-bad.csv:2:`, `input_tokens: input_tokens qualifies a token claim`,
		`claims-tokens-request-bad.csv:3:`, `input_tokens "two thousand": want a whole number from 1 to`,
		`claims-tokens-request-bad.csv:4:`, `chips "0": want a whole number`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

// TestBuiltinCostPerTokenClaim: NVIDIA's "nearly 35x lower cost per
// million tokens" for GB300 NVL72 against HGX H200 (DeepSeek-R1, FP4 with
// multi-token prediction against FP8) is unverifiable: hwcmp has no cloud
// price for GB300.
func TestBuiltinCostPerTokenClaim(t *testing.T) {
	k, all := tokenChecker(t, "testdata/claims-tokens.csv")
	v := k.Check(find(t, all, "nvidia-gb300-vs-h200-cost-per-token"))
	if v.Verdict != Unverifiable || !strings.Contains(v.Missing, "gb300: cloud price") {
		t.Errorf("verdict %s (missing %q); want unverifiable for the missing GB300 price", v.Verdict, v.Missing)
	}
}
