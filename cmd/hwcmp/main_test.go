package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// hwcmp runs the command line in-process and returns stdout, stderr and
// the exit code main would use.
func hwcmp(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), &out, &errb, args)
	code = exitCode(&errb, err)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it; review the diff):\n%s", path, diff(string(want), got))
	}
}

// diff shows the first differing lines of want and got.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + a + "\n got: " + b
		}
	}
	return ""
}

// TestGolden runs each scenario and compares its stdout (and exit code)
// with a golden file.
func TestGolden(t *testing.T) {
	scenarios := []struct {
		name string
		args string
		code int
	}{
		{"specs.txt", "specs", 0},
		{"specs-cpu.md", "specs --kind cpu --format markdown", 0},
		{"specs-show-h200.txt", "specs show h200", 0},
		{"specs-show-trn4.json", "specs show trn4 --format json", 0},
		{"validate.txt", "validate", 0},
		{"metrics.txt", "metrics", 0},
		{"metrics.json", "metrics --format json", 0},
		{"rank-fp8-per-watt.txt", "rank --metric throughput-per-watt --precision fp8 --lifecycle shipping", 0},
		{"rank-fp8-per-watt.csv", "rank --metric throughput-per-watt --precision fp8 --lifecycle shipping --format csv", 0},
		{"rank-fp8-per-watt.json", "rank --metric throughput-per-watt --precision fp8 --lifecycle shipping --format json", 0},
		{"rank-fp8-per-watt.md", "rank --metric throughput-per-watt --precision fp8 --lifecycle shipping --format markdown", 0},
		{"rank-fp4-fallback.txt", "rank --metric throughput --precision fp4 --fallback --top 8 --explain", 0},
		{"rank-bandwidth-systems.txt", "rank --metric memory-bandwidth --basis system --kind accelerator", 0},
		{"rank-cpu-network.txt", "rank --metric network-bandwidth --basis system --kind cpu --top 10", 0},
		{"compare-trn3-h200.txt", "compare trn3 h200", 0},
		{"compare-trn3-h200.csv", "compare trn3 h200 --format csv", 0},
		{"compare-trn3-h200.json", "compare trn3 h200 --format json --metrics throughput,memory-bandwidth --precision fp8", 0},
		{"compare-trn2-trn3-h200.txt", "compare trn2 trn3 h200 --baseline trn3 --precision fp8,bf16 --metrics throughput,memory-bandwidth --explain", 0},
		{"compare-cpu.md", "compare m8g.16xlarge m7a.16xlarge m7i.16xlarge --format markdown", 0},
		{"pareto.txt", "pareto --x throughput --y memory-bandwidth --precision fp8", 0},
		{"pareto.csv", "pareto --x throughput-per-watt --y memory-capacity --precision fp8 --format csv", 0},
		{"rank-per-dollar-hour.txt", "rank --metric throughput-per-dollar-hour --precision fp8 --basis system --explain", 0},
		{"rank-per-dollar-hour-2024.txt", "rank --metric throughput-per-dollar-hour --precision fp8 --basis system --as-of 2024-12-31", 0},
		{"rank-cpu-per-dollar.txt", "rank --metric vcpus-per-dollar-hour --basis system", 0},
		{"rank-tco.txt", "rank --metric throughput-per-tco-dollar-hour --precision fp8 --scenario neocloud", 0},
		{"rank-gw.txt", "rank --metric throughput --basis gw --precision fp8", 0},
		{"prices.txt", "prices", 0},
		{"prices-history-p5.csv", "prices --history --format csv --provider aws", 0},
		{"tco-p5.txt", "tco p5.48xlarge", 0},
		{"tco-h100.json", "tco h100 --pue 1.3 --utilization 70% --format json", 0},
		{"tco-sweep.txt", "tco b200 --sweep pue=1.1:1.5:0.1", 0},
		{"tco-sensitivity.txt", "tco b200 --sensitivity", 0},
		{"gw-sites.txt", "gw", 0},
		{"gw-sites.json", "gw --format json", 0},
		{"gw-b200.txt", "gw --chip b200", 0},
		{"gw-trn2.md", "gw --chip trn2 --capex 5000 --price 2.2 --format markdown", 0},
		{"tco-b200-capex.txt", "tco b200 --capex 40000", 0}, // the flag replaces the built-in capex in the inputs listed
		{"gw-sensitivity.txt", "gw --chip b200 --sensitivity", 0},
		{"claims.txt", "claims", 0},
		{"claims.json", "claims --format json --only note-trn3-vs-tpu-v7-fp8,amd-mi355x-4x-compute", 0},
		{"claims.md", "claims --format markdown", 0},
		{"claims-show-rainier.txt", "claims show note-new-carlisle-capex-per-gw", 0},
		{"claims-show-perf-per-dollar.txt", "claims show note-graviton4-perf-per-dollar-vs-xeon", 0},
		{"claims-user.txt", "claims --claims ../../claims/testdata/claims-cases.csv --only sparse-vs-dense,order-power", 0},
		{"bench.txt", "bench --per-chip --baseline h200", 0},
		{"bench-pts.txt", "bench --import-pts ../../bench/testdata/composite.xml --baseline r7a.16xlarge --systems r8g.16xlarge,r7a.16xlarge,r7i.16xlarge", 0},
		{"bench-cpu.txt", "bench --baseline m7i.48xlarge", 0},
		{"bench-cpu-16xlarge.txt", "bench --baseline m7i.16xlarge", 0}, // no m7i.16xlarge results: m7i-flex.16xlarge stands in, said in a note
		{"bench-cpu-same-size.txt", "bench --baseline r7i.8xlarge", 0},
		{"rank-cpu-benchmark-per-dollar-16xl.txt", "rank --metric benchmark-per-dollar-hour --basis system --kind cpu --bench-baseline m7i.16xlarge --top 8", 0},
		{"bench-cpu-three-way.txt", "bench --benchmark clickbench-chdb-dataframe-20260205 --baseline c7i.metal-48xl", 0},                   // the one engine run on Graviton4, EPYC 9R14 and Xeon 8488C metal in one batch
		{"rank-cpu-benchmark-per-watt.txt", "rank --metric benchmark-per-watt --basis system --kind cpu --bench-baseline m7i.48xlarge", 0}, // Graviton3/4 power estimates rank Graviton instances too
		{"bench-pts-readme.txt", "bench --import-pts ../../bench/testdata/composite.xml --baseline r7a.16xlarge", 0},
		{"rank-cpu-benchmark-per-dollar.txt", "rank --metric benchmark-per-dollar-hour --basis system --kind cpu --bench-baseline m7i.48xlarge", 0},
		{"bench-mlperf.csv", "bench --import-mlperf ../../bench/testdata/mlperf-summary.csv --date 2026-04 --per-chip --baseline h200 --format csv", 0},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			out, errOut, code := hwcmp(t, strings.Fields(s.args)...)
			if code != s.code {
				t.Fatalf("hwcmp %s: exit %d; want %d\n%s", s.args, code, s.code, errOut)
			}
			golden(t, s.name, out)
		})
	}
}

// TestErrors checks the messages a user sees for mistakes.
func TestErrors(t *testing.T) {
	test := func(args string, code int, want string) {
		t.Helper()
		_, errOut, got := hwcmp(t, strings.Fields(args)...)
		if got != code || !strings.Contains(errOut, want) {
			t.Errorf("hwcmp %s: exit %d, stderr %q; want exit %d and %q", args, got, errOut, code, want)
		}
	}
	test("", 2, "no command given")
	test("frobnicate", 2, `unknown command "frobnicate"`)
	test("rank", 2, "rank needs --metric")
	test("rank --metric throughput", 2, "metric throughput needs --precision")
	test("rank --metric thruput --precision fp8", 2, `no metric "thruput"`)
	test("rank --metric throughput --precision fp12", 2, `unknown precision "fp12"`)
	test("rank --metric throughput --precision fp8 --basis rack", 2, `unknown basis "rack"`)
	test("specs --format yaml", 2, `unknown format "yaml"`)
	test("specs show nosuchchip", 1, `no chip or system "nosuchchip"`)
	test("compare trn3", 2, "compare needs at least two")
	test("compare trn3 p5.48xlarge", 2, "cannot compare chips (trn3) with systems (p5.48xlarge)")
	test("specs --data /nonexistent", 1, "--data: stat /nonexistent")
	test("validate --no-defaults", 2, "--no-defaults needs at least one --data folder")
	test("tco trn2", 1, "no capex (purchase price) for trn2: give --capex USD")
	// A stand-in baseline needs results in the suite asked for; the error
	// names the baseline asked for and the same-chip systems of that suite.
	test("bench --benchmark clickbench-hardware-23.11 --baseline m7i.16xlarge", 1,
		"baseline m7i.16xlarge has no results in suite clickbench-hardware-23.11 (systems with results there: c6a.metal, c6g.metal, c6i.metal, c7a.metal-48xl, c7g.metal, c7i.metal-48xl); instances on the same chip that have results: c7i.metal-48xl")
	test("tco h100 --pue 0.9", 2, "--pue 0.9: PUE 0.9 is below 1")
	test("tco h100 --electricity -0.1", 2, "--electricity -0.1: must not be negative")
	test("tco h100 --life 0", 2, "--life 0: must be above zero")
	test("tco h100 --utilization 1.2", 2, "--utilization 1.2: utilization 1.2 is outside (0, 1]")
	test("tco h100 --scenario cheap", 2, `no scenario "cheap"`)
	test("tco h100 --sweep pue=2:1:0.1", 2, "need FROM ≤ TO and STEP > 0")
	test("gw --site nowhere", 1, `no site "nowhere"`)
	test("gw --sensitivity", 2, "--sweep and --sensitivity need --chip")
	test("tco b200 --sensitivity --swing 100", 2, "--swing: swing 100%: want a percentage above 0 and below 100")
	test("gw --chip b200 --sensitivity --swing 0", 2, "--swing: swing 0%: want a percentage above 0 and below 100")
	test("rank --metric cloud-price --term weekly", 2, `unknown term "weekly"`)
	test("prices --as-of 2025-13", 2, "month out of range")
	test("claims --strict --claims ../../claims/testdata/claims-cases.csv", 1, "claim order-lost is contradicted")
	test("claims show nosuch", 1, `no claim "nosuch"`)
	test("claims --only nosuch", 2, `--only: no claim "nosuch"`)
	test("bench --import-mlperf x.csv", 2, "--import-mlperf needs --date")
	test("bench --map foo=bar", 2, "--map foo=bar: want NAME=ID with a known chip or system id")
	// No measured result for m8g.16xlarge and no measured Graviton4 instance of 64 vCPUs: an error naming the same-chip instances that do have results.
	test("bench --baseline m8g.16xlarge", 1, "instances on the same chip that have results: c8g.48xlarge, c8g.metal-48xl, m8g.48xlarge, r8g.24xlarge, r8g.48xlarge, r8g.8xlarge")
}

func TestHelp(t *testing.T) {
	for _, c := range commands() {
		out, _, code := hwcmp(t, c.name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: hwcmp "+c.name) || !strings.Contains(out, "Flags:") {
			t.Errorf("hwcmp %s --help: exit %d\n%s", c.name, code, out)
		}
	}
	out, _, code := hwcmp(t, "--help")
	if code != 0 || !strings.Contains(out, "Commands:") {
		t.Errorf("hwcmp --help: exit %d\n%s", code, out)
	}
}

// docExample writes the sheets of docs/DATA.md's example to a folder, so
// that the documented example is what the test runs.
func docExample(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "DATA.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	blocks := regexp.MustCompile("(?s)`mydata/(\\w+\\.csv)`:\n\n```csv\n(.*?)```").FindAllSubmatch(doc, -1)
	if len(blocks) != 2 {
		t.Fatalf("found %d example sheets in docs/DATA.md; want 2", len(blocks))
	}
	for _, b := range blocks {
		if err := os.WriteFile(filepath.Join(dir, string(b[1])), b[2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// claimsDocExample writes the example claims sheet of docs/CLAIMS.md to a
// temporary file and returns its path.
func claimsDocExample(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "CLAIMS.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)`myclaims.csv`:\n\n```csv\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("no example claims sheet in docs/CLAIMS.md")
	}
	file := filepath.Join(t.TempDir(), "myclaims.csv")
	if err := os.WriteFile(file, m[1], 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestClaimsExample runs the example of docs/CLAIMS.md.
func TestClaimsExample(t *testing.T) {
	file := claimsDocExample(t)
	out, errOut, code := hwcmp(t, "claims", "--claims", file, "--only", "my-b200-vs-h100")
	if code != 0 || !strings.Contains(out, "2.27x") || !strings.Contains(out, "supported") {
		t.Errorf("the docs/CLAIMS.md example: exit %d\n%s%s", code, out, errOut)
	}
}

// TestUserData runs the example of docs/DATA.md and a folder with bad
// sheets.
func TestUserData(t *testing.T) {
	mydata := docExample(t)
	out, errOut, code := hwcmp(t, "validate", "--data", mydata)
	if code != 0 || !strings.Contains(out, "0 problem(s)") {
		t.Fatalf("validate --data (DATA.md example): exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = hwcmp(t, "specs", "show", "mtia-v2", "--data", mydata)
	if code != 0 || !strings.Contains(out, "354") {
		t.Errorf("specs show mtia-v2: exit %d\n%s", code, out)
	}
	out, _, code = hwcmp(t, "validate", "--data", "testdata/baddata")
	if code != 1 || !strings.Contains(out, "testdata/baddata/notes.csv: not a known sheet") ||
		!strings.Contains(out, "testdata/baddata/values.csv:2:") {
		t.Errorf("validate --data testdata/baddata: exit %d\n%s", code, out)
	}
	_, errOut, code = hwcmp(t, "rank", "--metric", "power", "--data", "testdata/baddata")
	if code != 1 || !strings.Contains(errOut, "run 'hwcmp validate' for the list") {
		t.Errorf("rank on bad data: exit %d\n%s", code, errOut)
	}
}

func TestPlot(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := hwcmp(t, "plot", "all", "--dir", dir, "--width", "800", "--height", "500", "--dpi", "96")
	if code != 0 {
		t.Fatalf("plot all: exit %d\n%s", code, errOut)
	}
	for _, k := range plotKinds {
		st, err := os.Stat(filepath.Join(dir, k+".png"))
		if err != nil || st.Size() < 10000 {
			t.Errorf("plot all did not write %s.png (%v)", k, err)
		}
	}
	if !strings.Contains(out, "wrote") {
		t.Errorf("plot all printed %q", out)
	}
	for _, ext := range []string{".svg", ".pdf"} {
		path := filepath.Join(dir, "scatter"+ext)
		if _, errOut, code := hwcmp(t, "plot", "scatter", "--x", "throughput", "--y", "memory-bandwidth", "--logx", "--logy", "-o", path); code != 0 {
			t.Errorf("plot scatter -o %s: exit %d\n%s", path, code, errOut)
		}
	}
	test := func(args string, code int, want string) {
		t.Helper()
		_, errOut, got := hwcmp(t, strings.Fields(args)...)
		if got != code || !strings.Contains(errOut, want) {
			t.Errorf("hwcmp %s: exit %d, %q; want %d and %q", args, got, errOut, code, want)
		}
	}
	test("plot", 2, "plot needs one kind")
	test("plot rank", 2, "plot rank needs -o FILE")
	test("plot pie -o x.png", 2, `unknown plot kind "pie"`)
	test("plot rank -o "+filepath.Join(dir, "x.gif"), 1, `unknown format ".gif"`)
	test("plot all", 2, "plot all needs --dir")
	test("plot tornado --chip trn2 -o "+filepath.Join(dir, "t.png"), 1, "no capex (purchase price) for trn2")
}

// BenchmarkPlotAll renders the standard pack from the built-in data, as
// 'hwcmp plot all' does, loading included.
func BenchmarkPlotAll(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, errOut, code := hwcmp(b, "plot", "all", "--dir", dir); code != 0 {
			b.Fatal(errOut)
		}
	}
}

// TestImportThenRank imports the AWS fixture and checks that a ranking on
// --data uses the imported prices and says so.
func TestImportThenRank(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := hwcmp(t, "import", "aws", "../../importer/testdata/aws-ec2.csv", "-o", dir)
	if code != 0 || !strings.Contains(out, "9 read, 2 kept, 7 dropped") {
		t.Fatalf("import aws: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = hwcmp(t, "rank", "--metric", "throughput-per-dollar-hour", "--precision", "fp8", "--basis", "system", "--data", dir, "--explain")
	if code != 0 {
		t.Fatalf("rank on imported prices: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"2 price rows from --data " + dir, "p5.48xlarge on-demand price (us-east-1) = 55.04 USD/h (vendor; ../../importer/testdata/aws-ec2.csv (AWS Price List AmazonEC2"} {
		if !strings.Contains(out, want) {
			t.Errorf("rank output lacks %q:\n%s", want, out)
		}
	}
	test := func(args string, code int, want string) {
		t.Helper()
		_, errOut, got := hwcmp(t, strings.Fields(args)...)
		if got != code || !strings.Contains(errOut, want) {
			t.Errorf("hwcmp %s: exit %d, %q; want %d and %q", args, got, errOut, code, want)
		}
	}
	test("import aws ../../importer/testdata/aws-ec2.csv", 2, "import needs -o DIR")
	test("import ibm x -o "+dir, 2, `unknown import source "ibm"`)
	test("import aws ../../importer/testdata/azure-page1.json -o "+dir+"/x", 1, "not an AWS price list")
	test("import aws /nonexistent.csv -o "+dir+"/x", 1, "no such file")
	if _, err := os.Stat(dir + "/x"); err == nil {
		t.Error("a failed import created its output folder")
	}
	out, _, code = hwcmp(t, "export", "epoch", "-o", filepath.Join(dir, "e.csv"))
	if code != 0 || !strings.Contains(out, "wrote") {
		t.Errorf("export epoch: exit %d", code)
	}
}

// TestValidateSources checks that validate fails on status/tier conflicts
// and lists flawed addresses as warnings, and as problems with
// --strict-sources.
func TestValidateSources(t *testing.T) {
	want := []string{
		"tierdata/values.csv:2:", "status vendor needs a primary source, but example-press.com is secondary",
		"tierdata/values.csv:3:", "status reported is for a relayed number, but nvidia.com is primary: mark it vendor",
		"tierdata/values.csv:4:", "fork of an official repository: someone/karpenter-provider-aws is a copy of aws/karpenter-provider-aws",
	}
	out, _, code := hwcmp(t, "validate", "--no-defaults", "--data", "testdata/tierdata")
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("validate: output lacks %q\n%s", w, out)
		}
	}
	// Conflicts fail validate; a flawed address is a warning.
	if code != 1 || !strings.Contains(out, "2 status/tier conflict(s), 1 other source warning(s); 2 problem(s)") ||
		!strings.Contains(out, "\nwarning: testdata/tierdata/values.csv:4:") || strings.Contains(out, "warning: testdata/tierdata/values.csv:2:") {
		t.Errorf("validate: exit %d, want 1 with 2 conflicts as problems and 1 other warning\n%s", code, out)
	}
	out, _, code = hwcmp(t, "validate", "--strict-sources", "--no-defaults", "--data", "testdata/tierdata")
	if code != 1 || !strings.Contains(out, "2 status/tier conflict(s), 0 other source warning(s); 3 problem(s)") {
		t.Errorf("validate --strict-sources: exit %d, want 1 with 3 problems\n%s", code, out)
	}
}

// TestIntegerOps checks that integer throughput is in OPS, not FLOPS, in
// text, CSV keys and JSON: vendors quote INT8 in TOPS.
func TestIntegerOps(t *testing.T) {
	out, _, code := hwcmp(t, "rank", "--metric", "throughput-per-watt", "--precision", "int8")
	if code != 0 || !strings.Contains(out, "(GOPS/W)") || strings.Contains(out, "FLOP") {
		t.Errorf("rank int8 text: exit %d, want GOPS/W and no FLOP\n%s", code, out)
	}
	out, _, code = hwcmp(t, "rank", "--metric", "throughput", "--precision", "int8", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "rank,id,name,vendor,value_op_per_s,") || strings.Contains(strings.ToLower(out), "flop") {
		t.Errorf("rank int8 CSV: exit %d, want value_op_per_s\n%s", code, out)
	}
	out, _, code = hwcmp(t, "rank", "--metric", "throughput", "--precision", "int8", "--format", "json")
	if code != 0 || !strings.Contains(out, `"unit": "OP/s"`) || strings.Contains(out, "FLOP/s") {
		t.Errorf("rank int8 JSON: exit %d, want OP/s units and no FLOP/s\n%s", code, out)
	}
	out, _, code = hwcmp(t, "specs", "show", "tpu-v5e")
	int8Rows := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "throughput") && strings.Contains(line, " int8 ") {
			int8Rows++
			// quantity, precision, sparsity, value, unit ...: the note may
			// quote a page's own wording, so only the unit columns count.
			if f := strings.Fields(line); len(f) < 5 || f[4] != "TOPS" || !slices.Contains(f, "OP/s") {
				t.Errorf("specs show tpu-v5e: INT8 row not in TOPS and OP/s: %s", line)
			}
		}
	}
	if code != 0 || int8Rows == 0 {
		t.Errorf("specs show tpu-v5e: exit %d, %d INT8 rows\n%s", code, int8Rows, out)
	}
}
