package main

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Found by a new-user audit (December 2026): each test reproduces what the
// CLI printed before its fix.

// TestTokensExplainDerivedFigure: --explain printed a derived figure (H200's
// FP8 dense, half its sparse figure) in raw base units,
// "1979000000000000 FLOP/s", where every other line reads "4500 TFLOPS"
// and rank --explain reads "1.98 PFLOPS".
func TestTokensExplainDerivedFigure(t *testing.T) {
	out, errOut, code := hwcmp(t, "tokens", "--model", "llama-3.1-70b", "--chips", "h200", "--explain")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "throughput fp8 dense:") {
			line = l
		}
	}
	if !strings.Contains(line, ": 1.98 PFLOPS (") {
		t.Errorf("explain line = %q; want the figure as 1.98 PFLOPS, as rank --explain shows it", line)
	}
}

// TestTokensBasisFlags: tokens accepted --power-basis and --capex-basis and
// ignored them (--cost tco --capex-basis server printed the chip-basis TCO
// that rank refuses), against the rule that a flag a command does not read
// is refused.
func TestTokensBasisFlags(t *testing.T) {
	_, errOut, code := hwcmp(t, "tokens", "--model", "llama-3.1-70b", "--chips", "h100", "--power-basis", "system")
	if code != 2 || !strings.Contains(errOut, "--power-basis") {
		t.Errorf("tokens --power-basis system: exit %d, %q; want a usage error naming the flag", code, errOut)
	}
	_, errOut, code = hwcmp(t, "tokens", "--model", "llama-3.1-70b", "--chips", "h100", "--capex-basis", "server")
	if code != 2 || !strings.Contains(errOut, "--capex-basis") {
		t.Errorf("tokens --capex-basis without --cost tco: exit %d, %q; want a usage error naming the flag", code, errOut)
	}
	// With --cost tco the basis picks the purchase price, as in rank: no
	// server-basis capex for h100, so no cost.
	rows := tokensJSON(t, "tokens", "--model", "llama-3.1-70b", "--chips", "h100", "--cost", "tco", "--capex-basis", "server")
	if r := rows[0]; r["cost_usd_per_mtok"] != nil || !strings.Contains(r["cost_usd_per_mtok_missing"].(string), "basis server") {
		t.Errorf("tokens --cost tco --capex-basis server: cost %v (%v); want n/a naming the basis", r["cost_usd_per_mtok"], r["cost_usd_per_mtok_missing"])
	}
	rows = tokensJSON(t, "tokens", "--model", "llama-3.1-70b", "--chips", "h100", "--cost", "tco", "--capex-basis", "chip")
	if r := rows[0]; r["cost_usd_per_mtok"] == nil {
		t.Errorf("tokens --cost tco --capex-basis chip: cost n/a (%v)", r["cost_usd_per_mtok_missing"])
	}
}

// TestClaimsExampleDistance: docs/CLAIMS.md said the example claim is
// "10.1% from 2.5x" (2.5 ÷ 2.27, the ratio rounded); hwcmp claims show
// prints 9.9% (2.5 ÷ 2.274). It also said that at the default 10%
// tolerance the claim would be close; it is supported. The doc must quote
// what the CLI prints.
func TestClaimsExampleDistance(t *testing.T) {
	file := claimsDocExample(t)
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "CLAIMS.md"))
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := hwcmp(t, "claims", "show", "my-b200-vs-h100", "--claims", file)
	got := regexp.MustCompile(`([0-9.]+)% from the claim`).FindStringSubmatch(out)
	if code != 0 || got == nil {
		t.Fatalf("claims show: exit %d\n%s%s", code, out, errOut)
	}
	if want := "= " + got[1] + "% from 2.5x"; !strings.Contains(string(doc), want) {
		t.Errorf("docs/CLAIMS.md does not say %q, what claims show prints", want)
	}
	tol10 := filepath.Join(t.TempDir(), "tol10.csv")
	if err := os.WriteFile(tol10, []byte(strings.Replace(string(example), ",2.5,0.15", ",2.5,0.1", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = hwcmp(t, "claims", "show", "my-b200-vs-h100", "--claims", tol10)
	if !strings.HasPrefix(out, "Claim my-b200-vs-h100: supported") || !strings.Contains(string(doc), "default 10% still `supported`") {
		t.Errorf("at tolerance 0.1 the CLI says %q; docs/CLAIMS.md must say the same", strings.SplitN(out, "\n", 2)[0])
	}
}

// TestReadmePlotKinds: README's charts section listed seven plot kinds
// after tokens and token-cost were added.
func TestReadmePlotKinds(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`hwcmp plot KIND -o FILE` \\(([^;]*);").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md: no `hwcmp plot KIND -o FILE` (kinds; ...) sentence")
	}
	got := strings.Join(strings.Fields(strings.ReplaceAll(string(m[1]), ",", " ")), ",")
	if want := strings.Join(plotKinds, ","); got != want {
		t.Errorf("README.md lists plot kinds %s; hwcmp has %s", got, want)
	}
}

// TestTokensPlaceholderCells: tokens wrote "-" as the text of the chips and
// batch cells it has no value for, so CSV carried "'-" (the formula guard
// on a leading minus) and JSON the string "-", where every other missing
// value is an empty cell and null with a reason.
func TestTokensPlaceholderCells(t *testing.T) {
	out, errOut, code := hwcmp(t, "tokens", "--model", "llama-2-70b", "--tier", "measured", "--chips", "h200,trn2", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "'-") {
		t.Errorf("CSV has \"'-\" cells:\n%s", out)
	}
	for _, r := range tokensJSON(t, "tokens", "--model", "llama-2-70b", "--tier", "measured", "--chips", "h200,trn2") {
		if r["batch"] != nil || r["batch_missing"] == nil {
			t.Errorf("%v: batch %v (missing %v); want null with a reason", r["id"], r["batch"], r["batch_missing"])
		}
		if r["id"] == "trn2" && (r["chips"] != nil || r["chips_missing"] == nil) {
			t.Errorf("trn2: chips %v (missing %v); want null with a reason", r["chips"], r["chips_missing"])
		}
	}
	out, _, _ = hwcmp(t, "tokens", "--model", "llama-3.1-70b", "--curve", "--chips", "gb200", "--format", "csv")
	if strings.Contains(out, "'-") {
		t.Errorf("--curve CSV has \"'-\" cells:\n%s", out)
	}
	// The table still reads "-".
	out, _, _ = hwcmp(t, "tokens", "--model", "llama-2-70b", "--tier", "measured", "--chips", "h200")
	if !regexp.MustCompile(`(?m)^h200\s+8\s+-\s`).MatchString(out) {
		t.Errorf("table row for h200 does not read 8 chips, batch -:\n%s", out)
	}
}

// TestTokensMeasuredHeader: at --tier measured the header said "fp8
// weights, 1024 tokens in, 1024 out" and listed the model tier's
// efficiencies, neither of which the published results use.
func TestTokensMeasuredHeader(t *testing.T) {
	out, errOut, code := hwcmp(t, "tokens", "--model", "llama-2-70b", "--tier", "measured", "--chips", "h200")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	head := strings.SplitN(out, "\n\n", 2)[0]
	if strings.Contains(head, "1024 tokens in") || strings.Contains(head, "efficiencies defaults") || !strings.Contains(head, "own request mix") {
		t.Errorf("measured tier header:\n%s", head)
	}
	out, _, _ = hwcmp(t, "tokens", "--model", "llama-2-70b", "--chips", "h200")
	if head := strings.SplitN(out, "\n\n", 2)[0]; !strings.Contains(head, "1024 tokens in") || !strings.Contains(head, "efficiencies defaults") {
		t.Errorf("model tier header:\n%s", head)
	}
}

// TestTCORangeMatchesRank: 'hwcmp tco h200' printed its total as a point
// (1.867 USD/h, no mark) and 'tco --chips' with the capex's status
// (estimate), where 'rank --metric tco' prints 1.867 [1.660–2.073]^
// (assumption): the same number must carry the same range and status.
func TestTCORangeMatchesRank(t *testing.T) {
	rank := tokensJSON(t, "rank", "--metric", "tco", "--chips", "h200")[0]
	v, lo, hi := rank["value_usd_per_h"], rank["value_usd_per_h_low"], rank["value_usd_per_h_high"]
	if v == nil || lo == nil || lo == v {
		t.Fatalf("rank --metric tco h200: %v [%v, %v]; want a range", v, lo, hi)
	}
	rows := tokensJSON(t, "tco", "h200", "--table", "tco")
	total := rows[len(rows)-1]
	if total["component"] != "total" || total["per_hour_usd_per_h"] != v || total["per_hour_usd_per_h_low"] != lo ||
		total["per_hour_usd_per_h_high"] != hi || total["per_hour_usd_per_h_mark"] != "^" {
		t.Errorf("tco h200 total = %v; want %v [%v, %v] marked ^ as rank --metric tco", total, v, lo, hi)
	}
	sum := tokensJSON(t, "tco", "--chips", "h200", "--table", "tco")[0]
	if sum["total_usd_per_h"] != v || sum["total_usd_per_h_low"] != lo || sum["total_usd_per_h_high"] != hi || sum["status"] != rank["status"] {
		t.Errorf("tco --chips h200 = %v; want %v [%v, %v], status %v as rank --metric tco", sum, v, lo, hi, rank["status"])
	}
}

// TestGWRanges: 'gw --chip b200 --scenario neocloud' printed capex per GW,
// revenue per GW-year and payback as bare points, though the capex rows
// span 30,000–50,000 USD (estimates), the scenario's facility capex
// 9.3–15 USD/W and its utilization 75–85%. Worked by hand from
// pricing/data/capex.csv and assumptions.csv: chips per GW = 1e9 ÷
// ((1000 W + 575 W host) × PUE 1.56) = 407,000; total capex per GW spans
// chips × 30,000 + 9.3e9 ÷ 1.56 = 18.17 bn to chips × 50,000 + 15e9 ÷
// 1.56 = 29.97 bn; revenue scales with utilization, so its ends are
// 0.75/0.8 and 0.85/0.8 of the value. gw --chips must say the same.
func TestGWRanges(t *testing.T) {
	chips := 1e9 / ((1000 + 575) * 1.56)
	lo, hi := chips*30000+9.3e9/1.56, chips*50000+15e9/1.56
	near := func(got any, want float64) bool {
		v, ok := got.(float64)
		return ok && math.Abs(v-want) <= 1e-9*math.Abs(want)
	}
	rows := map[string]map[string]any{}
	for _, r := range tokensJSON(t, "gw", "--chip", "b200", "--scenario", "neocloud", "--table", "per_gw") {
		rows[r["figure"].(string)] = r
	}
	capex, rev := rows["total capex per GW"], rows["revenue per GW-year"]
	if !near(capex["low"], lo) || !near(capex["high"], hi) || capex["status"] != "estimate" {
		t.Errorf("gw --chip b200 total capex per GW = %v; want low %.4g high %.4g, status estimate", capex, lo, hi)
	}
	if v, _ := rev["value"].(float64); !near(rev["low"], v*0.75/0.8) || !near(rev["high"], v*0.85/0.8) {
		t.Errorf("gw --chip b200 revenue per GW-year = %v; want the utilization range 75–85%%", rev)
	}
	if p := rows["payback"]; p["status"] != "assumption" || !(p["low"].(float64) < p["value"].(float64) && p["value"].(float64) < p["high"].(float64)) {
		t.Errorf("gw --chip b200 payback = %v; want a range and status assumption (ops-share)", p)
	}
	sum := tokensJSON(t, "gw", "--chips", "b200", "--scenario", "neocloud", "--table", "per_gw")[0]
	if !near(sum["capex_per_gw_usd_low"], lo) || !near(sum["capex_per_gw_usd_high"], hi) ||
		sum["revenue_per_gw_year_usd_low"] != rev["low"] || sum["payback_h_high"] != rows["payback"]["high"] || sum["status"] != "assumption" {
		t.Errorf("gw --chips b200 = %v; want capex %.4g–%.4g, revenue and payback as gw --chip, status assumption", sum, lo, hi)
	}
}

// TestGWRankSameRange: with a PUE range in the scenario (1.3–1.8 around
// 1.56), 'rank --basis gw' kept the count of chips per GW to the power
// range alone, where gw --chips counts over the PUE range too; both must
// print b200's compute per GW as 1.832 ZFLOPS [1e9 ÷ (1575 × 1.8) ×
// 4.5 PFLOPS = 1.587, 1e9 ÷ (1575 × 1.3) × 4.5 PFLOPS = 2.198].
func TestGWRankSameRange(t *testing.T) {
	dir := t.TempDir()
	sheet := "subject,quantity,precision,sparsity,value,unit,low,high,relative_to,status,preferred,source,as_of,note\n" +
		"neocloud,pue,,,1.56,ratio,1.3,1.8,,estimate,yes,test range,2024,test\n"
	if err := os.WriteFile(filepath.Join(dir, "assumptions.csv"), []byte(sheet), 0o644); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--chips", "b200", "--precision", "fp8", "--scenario", "neocloud", "--data", dir}
	rank := tokensJSON(t, append([]string{"rank", "--metric", "throughput", "--basis", "gw"}, flags...)...)[0]
	gw := tokensJSON(t, append([]string{"gw", "--table", "per_gw"}, flags...)...)[0]
	lo, hi := 1e9/(1575*1.8)*4.5e15, 1e9/(1575*1.3)*4.5e15
	for _, r := range []struct {
		name      string
		low, high any
	}{{"rank", rank["value_flop_per_s_low"], rank["value_flop_per_s_high"]}, {"gw --chips", gw["compute_per_gw_flop_per_s_low"], gw["compute_per_gw_flop_per_s_high"]}} {
		l, _ := r.low.(float64)
		h, _ := r.high.(float64)
		if math.Abs(l-lo) > 1e-9*lo || math.Abs(h-hi) > 1e-9*hi {
			t.Errorf("%s b200 compute per GW range = [%v, %v]; want [%.4g, %.4g]", r.name, r.low, r.high, lo, hi)
		}
	}
}

// TestTokenFallbackAndTermMarks: a token metric computed at a wider
// precision than asked (TPU v5e has no FP8 figure) was ranked without the *
// every other fallback carries, and the token-cost chart showed Trainium2's
// capacity-block price with no ¤ and no note.
func TestTokenFallbackAndTermMarks(t *testing.T) {
	out, errOut, code := hwcmp(t, "rank", "--metric", "dollars-per-million-tokens", "--precision", "fp8", "--model", "llama-3.1-70b", "--chips", "tpu-v5e,h100,trn2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !regexp.MustCompile(`(?m)^\S+\s+tpu-v5e .*\]\^\*`).MatchString(out) {
		t.Errorf("tpu-v5e computed at bf16 lacks the fallback mark *:\n%s", out)
	}
	if regexp.MustCompile(`(?m)^\S+\s+h100 .*\*`).MatchString(out) {
		t.Errorf("h100 has an FP8 figure but is marked as a fallback:\n%s", out)
	}
	svg := filepath.Join(t.TempDir(), "c.svg")
	if _, errOut, code := hwcmp(t, "plot", "token-cost", "--model", "llama-3.1-70b", "--chips", "tpu-v5e,h100,trn2", "-o", svg); code != 0 {
		t.Fatalf("plot token-cost: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{" (bf16)<", "¤ trn2: capacity-block price of trn2.48xlarge"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("token-cost chart lacks %q", want)
		}
	}
}

// TestMeasuredMissingLists: a chip with no measured result under the TPOT
// limit listed each round's results again, with a stray space after
// "Offline".
func TestMeasuredMissingLists(t *testing.T) {
	out, errOut, code := hwcmp(t, "tokens", "--model", "llama-2-70b", "--tier", "measured", "--chips", "h100", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "(results: Offline, Server (TPOT limit 200 ms); try --tpot 0") {
		t.Errorf("the missing reason does not list each scenario once:\n%s", out)
	}
}

// TestRankTopTermNotes checks that the notes under a ranking cut by --top
// name the price terms of the rows shown only: trn2.48xlarge (capacity
// block, first by throughput per dollar-hour) but not p5e.48xlarge (also a
// capacity block, fifth), which the full ranking names too.
func TestRankTopTermNotes(t *testing.T) {
	args := []string{"rank", "--metric", "throughput-per-dollar-hour", "--precision", "fp8", "--basis", "system"}
	for _, c := range []struct {
		top     string
		p5eNote bool
	}{{"3", false}, {"30", true}, {"0", true}} {
		out, errOut, code := hwcmp(t, append(args, "--top", c.top)...)
		if code != 0 {
			t.Fatalf("--top %s: exit %d: %s", c.top, code, errOut)
		}
		if !strings.Contains(out, "¤ trn2.48xlarge: capacity-block price") {
			t.Errorf("--top %s: no term note for trn2.48xlarge, ranked first:\n%s", c.top, out)
		}
		if got := strings.Contains(out, "¤ p5e.48xlarge: capacity-block price"); got != c.p5eNote {
			t.Errorf("--top %s: term note for p5e.48xlarge, ranked fifth: %v; want %v", c.top, got, c.p5eNote)
		}
	}
}

// TestModeFlags checks flags that a mode of tokens or bench took and
// ignored: each is now refused where the mode cannot use it, or honoured.
func TestModeFlags(t *testing.T) {
	for _, c := range []struct {
		args string
		want string // in the error
	}{
		{"tokens --validate --training --mfu 0.5", "tokens --validate --training does not use --mfu"},
		{"tokens --validate --training --model llama-2-70b --lora", "does not use --model, --lora"},
		{"tokens --models --training", "tokens --models does not use --training"},
		{"tokens --import-mlperf . --training --best", "tokens --import-mlperf --training does not use --best"},
		{"tokens --validate --training --cost tco --capex-basis bogus", `unknown capex basis "bogus"`},
		{"bench --systems c8g.metal-48xl,c7a.metal-48xl --benchmark nonsense", `no results in benchmark suite "nonsense"`},
	} {
		_, errOut, code := hwcmp(t, strings.Fields(c.args)...)
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("hwcmp %s: exit %d, %q; want an error saying %q", c.args, code, errOut, c.want)
		}
	}
	// --capex-basis reaches the TCO column of the training validation.
	tco := func(extra ...string) string {
		out, errOut, code := hwcmp(t, append([]string{"tokens", "--validate", "--training", "--cost", "tco", "--wide"}, extra...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return out
	}
	if all, server := tco(), tco("--capex-basis", "server"); all == server || !strings.Contains(server, "on basis server") {
		t.Errorf("tokens --validate --training --cost tco --capex-basis server: the TCO column did not change to server capex")
	}
	// --benchmark narrows bench --systems to one suite: the engine suite
	// has 43 tests, the systems' results in every suite 430.
	out, errOut, code := hwcmp(t, "bench", "--systems", "c8g.metal-48xl,c7a.metal-48xl", "--benchmark", "clickbench-duckdb-20260511")
	if code != 0 || !strings.Contains(out, "tests: 43 used") {
		t.Errorf("bench --systems … --benchmark clickbench-duckdb-20260511: exit %d, %s\n%s; want 43 tests", code, errOut, out)
	}
}
