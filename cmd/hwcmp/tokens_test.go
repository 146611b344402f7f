package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// tokensJSON runs hwcmp with --format json and returns the first table's
// rows.
func tokensJSON(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	out, errOut, code := hwcmp(t, append(args, "--format", "json")...)
	if code != 0 {
		t.Fatalf("hwcmp %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	var doc struct {
		Tables []struct {
			Rows []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) == 0 {
		t.Fatalf("hwcmp %s: no table", strings.Join(args, " "))
	}
	return doc.Tables[0].Rows
}

func TestTokensRows(t *testing.T) {
	rows := tokensJSON(t, "tokens", "--model", "llama-3.1-70b", "--chips", "h100,h200,gb200")
	by := map[string]map[string]any{}
	for _, r := range rows {
		by[r["id"].(string)] = r
	}
	for _, id := range []string{"h100", "h200"} {
		r := by[id]
		v, lo, hi := r["tokens_per_s"].(float64), r["tokens_per_s_low"].(float64), r["tokens_per_s_high"].(float64)
		if !(lo < v && v < hi) || r["tier"] != "model" || r["status"] != "assumption" {
			t.Errorf("%s: tokens_per_s %v [%v, %v], tier %v, status %v", id, v, lo, hi, r["tier"], r["status"])
		}
		// Under the 40 ms default TPOT each user sees at least 25 tok/s.
		if u := r["tokens_per_s_per_user"].(float64); u < 25 {
			t.Errorf("%s: %v tok/s per user under a 40 ms TPOT", id, u)
		}
	}
	// H200's larger, faster memory serves more per chip than H100's.
	if by["h200"]["tokens_per_s"].(float64) <= by["h100"]["tokens_per_s"].(float64) {
		t.Errorf("h200 %v tok/s not above h100 %v", by["h200"]["tokens_per_s"], by["h100"]["tokens_per_s"])
	}
	if r := by["gb200"]; r["tokens_per_s"] != nil || !strings.Contains(r["tokens_per_s_missing"].(string), "memory bandwidth") {
		t.Errorf("gb200 = %v; want n/a for its missing memory bandwidth", r)
	}
}

func TestTokensErrors(t *testing.T) {
	test := func(args string, code int, want string) {
		t.Helper()
		_, errOut, got := hwcmp(t, strings.Fields(args)...)
		if got != code || !strings.Contains(errOut, want) {
			t.Errorf("hwcmp %s: exit %d, %q; want exit %d with %q", args, got, errOut, code, want)
		}
	}
	test("tokens", 2, "tokens needs --model")
	test("tokens --model nope", 2, "unknown model")
	test("tokens --model llama-3.1-8b --input-tokens 200000", 2, "exceeds the context of llama-3.1-8b")
	test("tokens --model llama-3.1-8b --tpot -1s", 2, "cannot be negative")
	test("tokens --model llama-3.1-8b --chips nope", 2, `no chip or system "nope"`)
	test("tokens --model llama-3.1-8b --revenue-refs nope", 2, "not a site or deal")
	test("tokens --model llama-3.1-8b --train-tokens -5", 2, "--train-tokens")
}

func TestTokensFit(t *testing.T) {
	rows := tokensJSON(t, "tokens", "--model", "deepseek-r1", "--chips", "h100,h200")
	for _, r := range rows {
		miss, _ := r["tokens_per_s_missing"].(string)
		switch r["id"] {
		case "h100": // 671 GB of FP8 weights > 8 × 80 GB × 0.9
			if !strings.Contains(miss, "does not fit") {
				t.Errorf("deepseek-r1 on h100: %v", r)
			}
		case "h200":
			if r["chips"] != 8.0 || miss != "" { // a number in JSON
				t.Errorf("deepseek-r1 on h200: %v chips, missing %q; want 8 chips", r["chips"], miss)
			}
		}
	}
}

// TestTokensTraining: 6 × 405e9 × 15.6e12 FLOP at 989.4 TFLOPS BF16 and
// MFU 0.4 is 26.6 million H100-hours.
func TestTokensTraining(t *testing.T) {
	rows := tokensJSON(t, "tokens", "--model", "llama-3.1-405b", "--train-tokens", "15.6e12", "--chips", "h100")
	got := rows[0]["chip_hours_h"].(float64)
	want := 6 * 405e9 * 15.6e12 / (989.4e12 * 0.4) / 3600
	if math.Abs(got/want-1) > 0.001 {
		t.Errorf("chip-hours = %v; want %v", got, want)
	}
}

func TestTokenMetricsInRank(t *testing.T) {
	out, errOut, code := hwcmp(t, "rank", "--metric", "tokens-per-joule", "--precision", "fp8", "--model", "llama-3.1-70b")
	if code != 0 || !strings.Contains(out, "b200") || !strings.Contains(out, "tok/J") {
		t.Errorf("rank tokens-per-joule: exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ = hwcmp(t, "rank", "--metric", "tokens-per-second", "--precision", "fp8")
	if !strings.Contains(out, "give --model") {
		t.Errorf("rank tokens-per-second without --model:\n%s", out)
	}
}

func TestTokensValidate(t *testing.T) {
	rows := tokensJSON(t, "tokens", "--validate")
	if len(rows) < 50 {
		t.Fatalf("%d validation rows; want the embedded MLPerf results", len(rows))
	}
	calibrated := 0
	for _, r := range rows {
		if r["input_tokens"] == nil {
			t.Errorf("%v: no mean input length", r["result_id"])
		}
		if r["loo_predicted"] != nil {
			calibrated++
		}
		if r["predicted"] == nil {
			continue
		}
		m, p, e := r["measured"].(float64), r["predicted"].(float64), r["error_ratio"].(float64)
		if math.Abs(p/m-1-e) > 1e-9 {
			t.Errorf("%v: error %v; predicted %v ÷ measured %v − 1 = %v", r["result_id"], e, p, m, p/m-1)
		}
	}
	// Every result has its dataset's input length, so the calibrated tier
	// fits and predicts each predictable one left out.
	if calibrated < 50 {
		t.Errorf("%d results with a leave-one-out calibrated prediction; want the 52 predictable", calibrated)
	}
}

// TestClaimsCiteTokens: a claims file citing token metrics is checked from
// the CLI with the model its row names, and claims show says what it serves.
func TestClaimsCiteTokens(t *testing.T) {
	out, errOut, code := hwcmp(t, "claims", "--claims", "../../claims/testdata/claims-tokens.csv", "show", "tok-h200-vs-h100")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Claim tok-h200-vs-h100: close",
		"serving: llama-2-70b at fp8, 1024 input + 1024 output tokens, best throughput under 40 ms per output token, model tier",
		"computed: 1.17x",
		"llama-2-70b output tokens/s per chip (model tier)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("claims show lacks %q:\n%s", want, out)
		}
	}
	_, errOut, code = hwcmp(t, "claims", "--claims", "../../claims/testdata/claims-tokens-bad.csv")
	if code != 1 || !strings.Contains(errOut, `claims-tokens-bad.csv:2:83: model: unknown model "llama-9"`) {
		t.Errorf("bad token claims: exit %d, %q; want exit 1 naming the unknown model at its cell", code, errOut)
	}
}

// TestTokensHeaderOnce checks that the tokens table names its model in one
// header line, not once from the tokens setup and again from the pricing
// context.
func TestTokensHeaderOnce(t *testing.T) {
	out, errOut, code := hwcmp(t, "tokens", "--model", "llama-3.1-70b", "--chips", "h200")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(out, "\n  model: "); n != 1 {
		t.Errorf("tokens header has %d model lines; want 1:\n%s", n, out)
	}
}
