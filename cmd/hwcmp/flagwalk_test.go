package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/pflag"
)

// A flagCase proves that one flag is read: base is a command line without
// the flag and extra what the flag adds. With the flag the output (stdout,
// files written, exit status) must differ, or the command must refuse it
// with a usage error that names it.
type flagCase struct {
	base, extra string
	// anyExit accepts any different result, a usage error not naming the
	// flag included (--no-defaults takes away data the base needs).
	anyExit bool
	// exempt, when set, says why the flag cannot show an effect here.
	exempt string
}

// echoes matches where a command repeats its own command line (the
// report's "question"), which changes with any flag: it is left out of
// the comparison, so that echoing a flag does not count as honouring it.
var echoes = regexp.MustCompile(`hwcmp report[^<"]*`)

// Placeholders in flag cases: {tmp} is a fresh folder per run; {ex} the
// docs/DATA.md example sheets; {prices} an imported AWS price sheet;
// {claims} a folder with a claims sheet; {sys} a systems sheet adding an
// instance type the AWS fixture prices; {awsjson} the AWS JSON fixture
// without its .json extension.

// flagCases lists, per command and flag, how the flag shows its effect.
// TestEveryFlag fails for a registered flag missing here.
var flagCases = map[string]map[string]flagCase{
	"specs": {
		"kind": {base: "specs", extra: "--kind cpu"}, "vendor": {base: "specs", extra: "--vendor amd"},
		"strict": {base: "specs --vendor nosuch", extra: "--strict"},
		"data":   {base: "specs", extra: "--data {ex}"}, "no-defaults": {base: "specs --data {ex}", extra: "--no-defaults"},
	}, "rank": {
		"stability":   {base: "rank --metric throughput-per-watt --precision fp8", extra: "--stability --samples 200"},
		"samples":     {base: "rank --metric throughput-per-watt --precision fp8 --stability --samples 200", extra: "--samples 100"},
		"seed":        {base: "rank --metric throughput-per-watt --precision fp8 --stability --samples 200", extra: "--seed 7"},
		"metric":      {base: "rank --metric throughput-per-watt --precision fp8", extra: "--metric throughput"},
		"top":         {base: "rank --metric throughput-per-watt --precision fp8", extra: "--top 3"},
		"as-of":       {base: "rank --metric throughput-per-dollar-hour --precision fp8 --basis system", extra: "--as-of 2024-12-31"},
		"region":      {base: "rank --metric throughput-per-dollar-hour --precision fp8 --basis system", extra: "--region us-west-2"},
		"term":        {base: "rank --metric throughput-per-dollar-hour --precision fp8 --basis system", extra: "--term reserved-1y"},
		"scenario":    {base: "rank --metric throughput-per-tco-dollar-hour --precision fp8", extra: "--scenario neocloud"},
		"data":        {base: "rank --metric throughput-per-watt --precision int8", extra: "--data {ex}"},
		"no-defaults": {base: "rank --metric throughput-per-watt --precision int8 --data {ex}", extra: "--no-defaults"},
	},
	"compare": {
		"baseline":    {base: "compare trn3 h200", extra: "--baseline trn3"},
		"metrics":     {base: "compare trn3 h200", extra: "--metrics power"},
		"chips":       {base: "compare trn3 h200", extra: "--chips trn2"},
		"systems":     {base: "compare p5.48xlarge trn2.48xlarge --metrics cloud-price", extra: "--systems p5e.48xlarge"},
		"basis":       {base: "compare trn3 h200", extra: "--basis gw"},
		"as-of":       {base: "compare p5.48xlarge trn2.48xlarge --metrics cloud-price", extra: "--as-of 2024-12-31"},
		"region":      {base: "compare p5.48xlarge trn2.48xlarge --metrics cloud-price", extra: "--region us-west-2"},
		"term":        {base: "compare p5.48xlarge trn2.48xlarge --metrics cloud-price", extra: "--term reserved-1y"},
		"scenario":    {base: "compare trn3 h200 --metrics throughput-per-tco-dollar-hour", extra: "--scenario neocloud"},
		"data":        {base: "compare h200 mtia-v2 --metrics power", extra: "--data {ex}"},
		"no-defaults": {base: "compare h200 mtia-v2 --metrics power --data {ex}", extra: "--no-defaults", anyExit: true},
	},
	"pareto": {
		"x":           {base: "pareto --x throughput --y memory-bandwidth --precision fp8", extra: "--x power"},
		"y":           {base: "pareto --x throughput --y memory-bandwidth --precision fp8", extra: "--y power"},
		"as-of":       {base: "pareto --x cloud-price --y throughput --precision fp8 --basis system", extra: "--as-of 2024-12-31"},
		"region":      {base: "pareto --x cloud-price --y throughput --precision fp8 --basis system", extra: "--region us-west-2"},
		"term":        {base: "pareto --x cloud-price --y throughput --precision fp8 --basis system", extra: "--term reserved-1y"},
		"scenario":    {base: "pareto --x throughput-per-tco-dollar-hour --y throughput --precision fp8", extra: "--scenario neocloud"},
		"data":        {base: "pareto --x throughput --y power --precision int8", extra: "--data {ex}"},
		"no-defaults": {base: "pareto --x throughput --y power --precision int8 --data {ex}", extra: "--no-defaults"},
	},
	"metrics": {},
	"prices": {
		"region":   {base: "prices", extra: "--region all"},
		"provider": {base: "prices", extra: "--provider GCP"}, "term": {base: "prices", extra: "--term reserved-1y"},
		"as-of": {base: "prices", extra: "--as-of 2024-12-31"}, "history": {base: "prices", extra: "--history"},
		"strict": {base: "prices --provider gcp --term savings-3y", extra: "--strict"},
		"chips":  {base: "prices", extra: "--chips trn2"}, "systems": {base: "prices", extra: "--systems p5*"},
		"data": {base: "prices", extra: "--data {prices}"}, "no-defaults": {base: "prices --data {prices}", extra: "--no-defaults", anyExit: true},
	},
	"tco": {
		"region": {base: "tco p5.48xlarge", extra: "--region us-west-2"},
		"capex":  {base: "tco b200", extra: "--capex 30000"}, "chip-power": {base: "tco b200", extra: "--chip-power 900"},
		"electricity": {base: "tco b200", extra: "--electricity 0.2"}, "pue": {base: "tco b200", extra: "--pue 1.5"},
		"host-power": {base: "tco b200", extra: "--host-power 500"}, "facility-capex": {base: "tco b200", extra: "--facility-capex 15"},
		"life": {base: "tco b200", extra: "--life 6"}, "facility-life": {base: "tco b200", extra: "--facility-life 25"},
		"wacc": {base: "tco b200", extra: "--wacc 0.12"}, "utilization": {base: "tco b200", extra: "--utilization 0.5"},
		"ops-share": {base: "tco b200", extra: "--ops-share 0.1"}, "scenario": {base: "tco b200", extra: "--scenario neocloud"},
		"sweep": {base: "tco b200", extra: "--sweep pue=1.1:1.3:0.1"}, "sensitivity": {base: "tco b200", extra: "--sensitivity"},
		"swing": {base: "tco b200 --sensitivity", extra: "--swing 10"},
		"chips": {base: "tco", extra: "--chips b200,h100"}, "systems": {base: "tco", extra: "--systems p5*"},
		"data": {base: "tco mtia-v2 --capex 1000", extra: "--data {ex}"}, "no-defaults": {base: "tco b200", extra: "--no-defaults --data {ex}", anyExit: true},
	},
	"gw": {
		"region": {base: "gw --chip b200", extra: "--region us-west-2"},
		"chip":   {base: "gw", extra: "--chip b200"}, "site": {base: "gw", extra: "--site new-carlisle"},
		"price": {base: "gw --chip b200", extra: "--price 3"}, "precision": {base: "gw --chip b200", extra: "--precision bf16"},
		"capex": {base: "gw --chip b200", extra: "--capex 30000"}, "chip-power": {base: "gw --chip b200", extra: "--chip-power 900"},
		"electricity": {base: "gw --chip b200", extra: "--electricity 0.2"}, "pue": {base: "gw --chip b200", extra: "--pue 1.5"},
		"host-power": {base: "gw --chip b200", extra: "--host-power 500"}, "facility-capex": {base: "gw --chip b200", extra: "--facility-capex 15"},
		"life": {base: "gw --chip b200 --price 3", extra: "--life 6"}, "facility-life": {base: "gw --chip b200 --price 3", extra: "--facility-life 25"},
		"wacc": {base: "gw --chip b200 --sensitivity", extra: "--wacc 0.12"}, "utilization": {base: "gw --chip b200 --price 3", extra: "--utilization 0.5"},
		"ops-share": {base: "gw --chip b200 --price 3", extra: "--ops-share 0.1"}, "scenario": {base: "gw --chip b200", extra: "--scenario neocloud"},
		"sweep": {base: "gw --chip b200", extra: "--sweep pue=1.1:1.3:0.1"}, "sensitivity": {base: "gw --chip b200", extra: "--sensitivity"},
		"swing": {base: "gw --chip b200 --sensitivity", extra: "--swing 10"},
		"chips": {base: "gw", extra: "--chips b200,h100"}, "systems": {base: "gw", extra: "--systems p5*"},
		"data": {base: "gw --chip mtia-v2 --capex 1000", extra: "--data {ex}"}, "no-defaults": {base: "gw", extra: "--no-defaults --data {ex}", anyExit: true},
	},
	"claims": {
		"claims": {base: "claims", extra: "--claims ../../claims/testdata/claims-cases.csv"},
		"only":   {base: "claims", extra: "--only note-trn3-vs-tpu-v7-fp8"}, "strict": {base: "claims --claims ../../claims/testdata/claims-cases.csv", extra: "--strict"},
		"keep-going": {base: "claims --claims ../../claims/testdata/claims-bad.csv", extra: "--keep-going"},
		"only-file":  {base: "claims", extra: "--only-file ../../claims/testdata/no-such-ids.txt"},
		"data":       {base: "claims", extra: "--data {claims}"}, "no-defaults": {base: "claims", extra: "--no-defaults --data {claims}", anyExit: true},
	},
	"bench": {
		"import-spec":   {base: "bench --baseline r7a.16xlarge", extra: "--import-spec ../../bench/testdata/spec-cpu2017-intrate.csv"},
		"with-builtin":  {base: "bench --import-mlperf ../../bench/testdata/mlperf-summary.csv --date 2026-04 --per-chip --baseline h200", extra: "--with-builtin"},
		"baseline":      {base: "bench --per-chip --baseline h200", extra: "--baseline h100"},
		"per-chip":      {base: "bench --baseline h200", extra: "--per-chip"},
		"systems":       {base: "bench --per-chip --baseline h200", extra: "--systems h200,h100"},
		"benchmarks":    {base: "bench --per-chip --baseline h200 --no-defaults --data {ex}", extra: "--benchmarks ../../bench/data/benchmarks.csv"},
		"import-pts":    {base: "bench --baseline r7a.16xlarge --systems r8g.16xlarge,r7a.16xlarge,r7i.16xlarge", extra: "--import-pts ../../bench/testdata/composite.xml"},
		"import-mlperf": {base: "bench --date 2026-04 --per-chip --baseline h200 --format csv", extra: "--import-mlperf ../../bench/testdata/mlperf-summary.csv"},
		"date":          {base: "bench --import-mlperf ../../bench/testdata/mlperf-summary.csv --per-chip --baseline h200", extra: "--date 2026-04"},
		"map":           {base: "bench --per-chip --baseline h200", extra: "--map foo=nosuch"},
		"benchmark":     {base: "bench --baseline c7a.metal-48xl", extra: "--benchmark clickbench-duckdb-20260511"},
		"as-of":         {base: pts, extra: "--as-of 2024-01-01"}, "region": {base: pts, extra: "--region us-west-2"},
		"term":        {base: pts, extra: "--term reserved-3y"},
		"data":        {base: "bench --per-chip --baseline h200 --no-defaults --data {ex}", extra: "--data ../../bench/data"},
		"no-defaults": {base: "bench --per-chip --baseline h200", extra: "--no-defaults --data {ex}", anyExit: true},
	},
	"plot": {
		"capex-basis":     {base: "plot rank -o {tmp}/a.svg", extra: "--capex-basis nosuch"},
		"power-basis":     {base: "plot rank -o {tmp}/a.svg", extra: "--power-basis nosuch"},
		"follow-symlinks": {base: "plot rank -o {link}", extra: "--follow-symlinks"},
		"output":          {base: "plot rank -o {tmp}/a.svg", extra: "-o {tmp}/b.svg"},
		"width":           {base: "plot rank -o {tmp}/a.svg", extra: "--width 700"}, "height": {base: "plot rank -o {tmp}/a.svg", extra: "--height 400"},
		"dpi": {base: "plot rank -o {tmp}/a.png", extra: "--dpi 72"},
		"dir": {base: "plot all --ext svg", extra: "--dir {tmp}/pack"}, "ext": {base: "plot all --dir {tmp}/pack", extra: "--ext svg"},
		"metric":    {base: "plot rank -o {tmp}/a.svg", extra: "--metric power"},
		"precision": {base: "plot rank -o {tmp}/a.svg", extra: "--precision bf16"},
		"sparsity":  {base: "plot rank -o {tmp}/a.svg", extra: "--sparsity sparse"},
		"fallback":  {base: "plot rank --precision fp4 -o {tmp}/a.svg", extra: "--fallback"},
		"basis":     {base: "plot rank -o {tmp}/a.svg", extra: "--basis system"},
		"kind":      {base: "plot rank --metric power -o {tmp}/a.svg", extra: "--kind cpu"},
		"lifecycle": {base: "plot rank -o {tmp}/a.svg", extra: "--lifecycle shipping"},
		"vendor":    {base: "plot rank -o {tmp}/a.svg", extra: "--vendor AMD"},
		"chips":     {base: "plot rank -o {tmp}/a.svg", extra: "--chips trn2,trn3,h200,b300,tpu-v7"},
		"systems":   {base: "plot rank -o {tmp}/a.svg", extra: "--systems p5*"},
		"chip":      {base: "plot tornado -o {tmp}/a.svg", extra: "--chip h100"},
		"x":         {base: "plot scatter -o {tmp}/a.svg", extra: "--x power"}, "y": {base: "plot scatter -o {tmp}/a.svg", extra: "--y power"},
		"logx": {base: "plot scatter -o {tmp}/a.svg", extra: "--logx"}, "logy": {base: "plot scatter -o {tmp}/a.svg", extra: "--logy"},
		"as-of":       {base: "plot scatter -o {tmp}/a.svg", extra: "--as-of 2024-12-31"},
		"region":      {base: "plot scatter -o {tmp}/a.svg", extra: "--region us-west-2"},
		"term":        {base: "plot scatter -o {tmp}/a.svg", extra: "--term reserved-1y"},
		"scenario":    {base: "plot tornado -o {tmp}/a.svg", extra: "--scenario neocloud"},
		"data":        {base: "plot rank --precision int8 -o {tmp}/a.svg", extra: "--data {ex}"},
		"no-defaults": {base: "plot rank --precision int8 -o {tmp}/a.svg --data {ex}", extra: "--no-defaults", anyExit: true},
	},
	"import": {
		"output":      {base: "import aws ../../importer/testdata/aws-ec2.csv", extra: "-o {tmp}/out"},
		"region":      {base: "import aws ../../importer/testdata/aws-ec2.csv -o {tmp}/out", extra: "--region us-west-2"},
		"json":        {base: "import aws {awsjson} -o {tmp}/out", extra: "--json"},
		"date":        {base: "import aws ../../importer/testdata/aws-ec2.csv -o {tmp}/out", extra: "--date 2025-01-01"},
		"quiet":       {exempt: "turns off the progress bar, which is drawn only when stderr is a terminal"},
		"data":        {base: "import aws ../../importer/testdata/aws-ec2.csv -o {tmp}/out", extra: "--data {sys}"},
		"no-defaults": {base: "import aws ../../importer/testdata/aws-ec2.csv -o {tmp}/out --data {sys}", extra: "--no-defaults", anyExit: true},
	},
	"export": {
		"follow-symlinks": {base: "export epoch -o {link}", extra: "--follow-symlinks"},
		"output":          {base: "export epoch", extra: "-o {tmp}/e.csv"},
		"data":            {base: "export epoch -o {tmp}/e.csv", extra: "--data {ex}"},
		"no-defaults":     {base: "export epoch -o {tmp}/e.csv --data {ex}", extra: "--no-defaults", anyExit: true},
	},
	"validate": {
		"data": {base: "validate", extra: "--data testdata/baddata"}, "no-defaults": {base: "validate", extra: "--no-defaults"},
		"strict-sources": {base: "validate", extra: "--strict-sources"},
	}, "completion": {
		"data":        {base: "completion ids", extra: "--data {ex}"},
		"no-defaults": {base: "completion ids --data {ex}", extra: "--no-defaults"},
	},
	"report": {
		"output":          {base: "report", extra: "-o {tmp}/r.html"},
		"chip":            {base: "report -o {tmp}/r.html", extra: "--chip h100"},
		"data":            {base: "report -o {tmp}/r.html --precision int8", extra: "--data {ex}"},
		"no-defaults":     {base: "report -o {tmp}/r.html --data {ex}", extra: "--no-defaults", anyExit: true},
		"scenario":        {base: "report -o {tmp}/r.html", extra: "--scenario neocloud"},
		"term":            {base: "report -o {tmp}/r.html", extra: "--term reserved-1y"},
		"region":          {base: "report -o {tmp}/r.html", extra: "--region us-west-2"},
		"as-of":           {base: "report -o {tmp}/r.html", extra: "--as-of 2024-12-31"},
		"follow-symlinks": {base: "report -o {link}", extra: "--follow-symlinks"},
	},
	"tokens": {
		"revenue-refs":    {base: "tokens --model llama-3.1-70b", extra: "--revenue-refs revenue-heuristic"},
		"import-mlperf":   {base: "tokens --model llama-3.1-70b", extra: "--import-mlperf ../../workload/testdata/round" + mlperfFlags},
		"repo":            {base: "tokens --import-mlperf ../../workload/testdata/round --commit abc --published 2025-04-02", extra: "--repo https://github.com/mlcommons/inference_results_v5.1"},
		"commit":          {base: "tokens --import-mlperf ../../workload/testdata/round --repo https://github.com/mlcommons/inference_results_v5.1 --published 2025-04-02", extra: "--commit abc"},
		"published":       {base: "tokens --import-mlperf ../../workload/testdata/round --repo https://github.com/mlcommons/inference_results_v5.1 --commit abc", extra: "--published 2025-04-02"},
		"best":            {base: "tokens --import-mlperf ../../workload/testdata/round" + mlperfFlags, extra: "--best"},
		"output":          {base: "tokens --import-mlperf ../../workload/testdata/round" + mlperfFlags, extra: "-o {tmp}/m.csv"},
		"follow-symlinks": {base: "tokens --import-mlperf ../../workload/testdata/round -o {link}" + mlperfFlags, extra: "--follow-symlinks"},
		"train-tokens":    {base: "tokens --model llama-3.1-70b", extra: "--train-tokens 1000000000000"},
		"mfu":             {base: "tokens --model llama-3.1-70b --train-tokens 1000000000000", extra: "--mfu 0.3"},
		"cluster":         {base: "tokens --model llama-3.1-70b --train-tokens 1000000000000", extra: "--cluster 1024"},
		"cost":            {base: "tokens --model llama-3.1-70b", extra: "--cost tco"},
		"term":            {base: "tokens --model llama-3.1-70b", extra: "--term reserved-1y"},
		"region":          {base: "tokens --model llama-3.1-70b", extra: "--region us-west-2"},
		"as-of":           {base: "tokens --model llama-3.1-70b", extra: "--as-of 2024-12-31"},
		"scenario":        {base: "tokens --model llama-3.1-70b --cost tco", extra: "--scenario neocloud"},
		"token-price":     {base: "tokens --model llama-3.1-70b", extra: "--token-price 2"},
		"validate":        {base: "tokens --model llama-3.1-70b", extra: "--validate"},
		"training":        {base: "tokens --validate", extra: "--training"},
		"lora":            {base: "tokens --model llama-2-70b --train-tokens 1000000000000", extra: "--lora"},
		"models":          {base: "tokens --model llama-3.1-70b", extra: "--models"},
		"curve":           {base: "tokens --model llama-3.1-70b", extra: "--curve"},
		"chips":           {base: "tokens --model llama-3.1-70b", extra: "--chips h200,trn2"},
		"systems":         {base: "tokens --model llama-3.1-70b", extra: "--systems p5*"},
		"data":            {base: "tokens --model llama-3.1-70b", extra: "--data {ex}"},
		"no-defaults":     {base: "tokens --model llama-3.1-70b", extra: "--no-defaults --data {ex}", anyExit: true},
	},
}

// engineBases are the command lines the engine flags are tried on.
var engineBases = map[string]string{
	"rank":    "rank --metric throughput-per-watt --precision fp8",
	"compare": "compare trn3 h200 --precision fp8", "pareto": "pareto --x throughput --y memory-bandwidth --precision fp8",
	"report": "report -o {tmp}/r.html --precision fp8",
}

// benchBases are the command lines the benchmark-metric flags are tried on.
var benchBases = map[string]string{
	"rank":    "rank --metric benchmark-score --basis system",
	"compare": "compare r8g.16xlarge r7a.16xlarge --metrics benchmark-score",
	"pareto":  "pareto --x benchmark-score --y cloud-price --basis system",
	"tokens":  "tokens --model llama-3.1-70b",
	"plot":    "plot rank --metric benchmark-score --basis system -o {tmp}/a.svg",
	"report":  "report -o {tmp}/r.html",
}

// mlperfFlags describe the MLPerf round fixture for tokens --import-mlperf.
const mlperfFlags = " --repo https://github.com/mlcommons/inference_results_v5.1 --commit abc --published 2025-04-02"

// pts is a bench run on imported results for instances with prices.
const pts = "bench --import-pts ../../bench/testdata/composite.xml --baseline r7a.16xlarge --systems r8g.16xlarge,r7a.16xlarge,r7i.16xlarge"

// engineCases are the cases of the flags engineFlags registers, for a
// command line that ranks or compares accelerators at fp8.
func engineCases(base string) map[string]flagCase {
	return map[string]flagCase{
		"precision": {base: base, extra: "--precision bf16"},
		"sparsity":  {base: base, extra: "--sparsity sparse"},
		"fallback":  {base: strings.Replace(base, "fp8", "fp4", 1), extra: "--fallback"},
		"basis":     {base: base, extra: "--basis system"},
		"kind":      {base: base, extra: "--kind cpu"},
		"lifecycle": {base: base, extra: "--lifecycle shipping"},
		"vendor":    {base: base, extra: "--vendor amd"},
		"chips":     {base: base, extra: "--chips trn3,h200,mi355x"},
		"systems":   {base: base, extra: "--systems p5*,trn2.48xlarge,p6-b200.48xlarge"}, "explain": {base: base, extra: "--explain"},
		"power-basis": {base: base, extra: "--power-basis nosuch"},
		"capex-basis": {base: base, extra: "--capex-basis nosuch"},
	}
}

// tokenCases are the cases of the token model's flags, on a command line
// that reads tokens per second of Llama 3.1 70B.
func tokenCases(base string) map[string]flagCase {
	return map[string]flagCase{
		"model":         {base: base, extra: "--model llama-2-70b"},
		"tier":          {base: base, extra: "--tier calibrated"},
		"tpot":          {base: base, extra: "--tpot 10ms"},
		"input-tokens":  {base: base, extra: "--input-tokens 8192"},
		"output-tokens": {base: base, extra: "--output-tokens 128"},
	}
}

// tokenBases are the command lines the token flags are tried on.
var tokenBases = map[string]string{
	"rank":    "rank --metric tokens-per-second --precision fp8 --model llama-3.1-70b",
	"compare": "compare h200 trn2 --metrics tokens-per-second --precision fp8 --model llama-3.1-70b",
	"pareto":  "pareto --x tokens-per-second --y power --precision fp8 --model llama-3.1-70b",
	"tokens":  "tokens --model llama-3.1-70b",
	"plot":    "plot rank --metric tokens-per-second --precision fp8 --model llama-3.1-70b -o {tmp}/a.svg",
	"report":  "report -o {tmp}/r.html",
}

// benchCases are the cases of the benchmark-metric flags.
func benchCases(base string) map[string]flagCase {
	return map[string]flagCase{
		"benchmark":      {base: base, extra: "--benchmark nosuch"},
		"bench-baseline": {base: base, extra: "--bench-baseline nosuch"},
	}
}

// outputFlagCases are the output flags' cases, for every command that
// prints tables; base is the command's first example.
func outputFlagCases(base string) map[string]flagCase {
	return map[string]flagCase{
		"format":     {base: base, extra: "--format json"},
		"table":      {base: base, extra: "--table nosuch"},
		"output-dir": {base: base, extra: "--output-dir {tmp}"},
		"csv-raw":    {base: base, extra: "--csv-raw"},
		"wide":       {base: base, extra: "--wide"},
	}
}

// walkResult is what one command line did.
type walkResult struct {
	stdout, stderr string
	code           int
}

// walkRun runs args (with placeholders) at a width of 80 columns, so that
// --wide has something to do, and returns stdout with the files it wrote.
func walkRun(t *testing.T, fixtures map[string]string, line string) walkResult {
	t.Helper()
	tmp := t.TempDir()
	var args []string
	for _, a := range strings.Fields(line) {
		a = strings.ReplaceAll(a, "{tmp}", tmp)
		for k, v := range fixtures {
			a = strings.ReplaceAll(a, "{"+k+"}", v)
		}
		args = append(args, a)
	}
	var out, errb bytes.Buffer
	err := runWidth(context.Background(), &out, &errb, args, 80)
	code := exitCode(&errb, err)
	r := walkResult{stdout: strings.ReplaceAll(out.String(), tmp, "{tmp}"), stderr: errb.String(), code: code}
	var files []string
	filepath.Walk(tmp, func(path string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		r.stdout += "\n== " + strings.TrimPrefix(f, tmp) + "\n" + echoes.ReplaceAllString(string(b), "")
	}
	return r
}

// walkFixtures makes the folders and files flag cases read.
func walkFixtures(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	fx := map[string]string{"ex": docExample(t)}
	fx["prices"] = filepath.Join(dir, "prices")
	if _, errOut, code := hwcmp(t, "import", "aws", "../../importer/testdata/aws-ec2.csv", "-o", fx["prices"]); code != 0 {
		t.Fatalf("import for the fixture: %s", errOut)
	}
	fx["claims"] = filepath.Join(dir, "claims")
	fx["sys"] = filepath.Join(dir, "sys")
	for _, d := range []string{fx["claims"], fx["sys"]} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile("../../claims/testdata/claims-cases.csv")
	if err != nil {
		t.Fatal(err)
	}
	write := func(path string, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(fx["claims"], "claims-cases.csv"), b)
	// m7i.8xlarge is a real instance type the AWS fixture prices but the
	// built-in systems leave out: --data with it keeps more prices.
	write(filepath.Join(fx["sys"], "systems.csv"), []byte("id,name,provider,kind,chip,chips,source,as_of,note\n"+
		"m7i.8xlarge,m7i.8xlarge,AWS,instance,xeon-8488c,,https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html,2026,test fixture for import --data\n"))
	b, err = os.ReadFile("../../importer/testdata/aws-ec2.json")
	if err != nil {
		t.Fatal(err)
	}
	fx["awsjson"] = filepath.Join(dir, "aws-ec2.txt")
	write(fx["awsjson"], b)
	// A symbolic link to a file, for --follow-symlinks.
	write(filepath.Join(dir, "target.svg"), nil)
	fx["link"] = filepath.Join(dir, "link.svg")
	if err := os.Symlink("target.svg", fx["link"]); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	return fx
}

// TestEveryFlag walks every command and every flag it registers and
// proves that each one is honoured (the output changes) or refused with a
// usage error that names it.
func TestEveryFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("renders charts")
	}
	fx := walkFixtures(t)
	// Cases run in parallel; each base line runs once.
	var mu sync.Mutex
	bases := map[string]*sync.Once{}
	results := map[string]walkResult{}
	run := func(t *testing.T, line string) walkResult {
		mu.Lock()
		once, ok := bases[line]
		if !ok {
			once = new(sync.Once)
			bases[line] = once
		}
		mu.Unlock()
		once.Do(func() {
			r := walkRun(t, fx, line)
			mu.Lock()
			results[line] = r
			mu.Unlock()
		})
		mu.Lock()
		defer mu.Unlock()
		return results[line]
	}
	for _, c := range commands() {
		fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
		c.setup(fs, &env{})
		cases, ok := flagCases[c.name]
		if !ok {
			t.Errorf("command %s has no entry in flagCases (flagwalk_test.go)", c.name)
			continue
		}
		if base, ok := engineBases[c.name]; ok || c.name == "tokens" {
			if !ok {
				base = "tokens --model llama-3.1-70b --precision fp8"
			}
			for k, v := range engineCases(base) {
				if _, ok := cases[k]; !ok {
					cases[k] = v
				}
			}
		}
		for _, more := range []struct {
			bases map[string]string
			cases func(string) map[string]flagCase
		}{{tokenBases, tokenCases}, {benchBases, benchCases}} {
			if base, ok := more.bases[c.name]; ok {
				for k, v := range more.cases(base) {
					if _, ok := cases[k]; !ok {
						cases[k] = v
					}
				}
			}
		}
		if fs.Lookup("format") != nil {
			base := strings.Join(examples[c.name][0], " ")
			for k, v := range outputFlagCases(base) {
				if _, ok := cases[k]; !ok {
					cases[k] = v
				}
			}
		}
		// --bounds (every command that reads --data): a figure outside its
		// plausible range is refused, and loads under --bounds warn.
		if dc, ok := cases["data"]; ok {
			if _, ok := cases["bounds"]; !ok {
				cases["bounds"] = flagCase{base: dc.base + " --data ../../testdata/hostile/absurd-power", extra: "--bounds warn", anyExit: true}
			}
		}
		fs.VisitAll(func(f *pflag.Flag) {
			fc, ok := cases[f.Name]
			if !ok {
				t.Errorf("hwcmp %s --%s: no case in flagCases: add one that shows the flag changes the output or is refused", c.name, f.Name)
				return
			}
			if fc.exempt != "" {
				return
			}
			t.Run(c.name+"/"+f.Name, func(t *testing.T) {
				t.Parallel()
				base := run(t, fc.base)
				got := walkRun(t, fx, fc.base+" "+fc.extra)
				switch {
				case got.code == 2 && !fc.anyExit:
					if !strings.Contains(got.stderr, "--"+f.Name) && (f.Shorthand == "" || !strings.Contains(got.stderr, "-"+f.Shorthand)) {
						t.Errorf("hwcmp %s %s: usage error that does not name --%s:\n%s", fc.base, fc.extra, f.Name, got.stderr)
					}
				case got == base:
					t.Errorf("hwcmp %s %s: same output and exit status (%d) as without it: the flag is swallowed\n%s", fc.base, fc.extra, got.code, got.stderr)
				}
			})
		})
	}
}
