package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestIssue15 replays the wrong answers issue #15 found: each must now be
// honoured or refused.
func TestIssue15(t *testing.T) {
	dir := t.TempDir()
	// plot rank --chips draws only those chips, by their names.
	svg := filepath.Join(dir, "rank.svg")
	if _, errOut, code := hwcmp(t, "plot", "rank", "--metric", "throughput-per-watt", "--precision", "fp8", "--chips", "trn2,trn3,h200,b300,tpu-v7", "-o", svg); code != 0 {
		t.Fatalf("plot rank --chips: exit %d\n%s", code, errOut)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Trainium3", "Trainium2", "H200 SXM 141GB"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("plot rank --chips lacks %q", want)
		}
	}
	for _, not := range []string{"MI355X", ">b200<", "Trainium4"} {
		if strings.Contains(string(b), not) {
			t.Errorf("plot rank --chips draws %q, which was not asked for", not)
		}
	}
	test := func(args string, code int, stdout, stderr string) {
		t.Helper()
		out, errOut, got := hwcmp(t, strings.Fields(args)...)
		if got != code || !strings.Contains(out, stdout) || !strings.Contains(errOut, stderr) {
			t.Errorf("hwcmp %s: exit %d\nstdout: %.600s\nstderr: %s\nwant exit %d, stdout with %q, stderr with %q", args, got, out, errOut, code, stdout, stderr)
		}
	}
	test("compare trn2 gb300 --basis gw --metrics throughput", 0, "basis: per gw", "")
	test("compare trn2.48xlarge p5.48xlarge --basis chip", 2, "", "--basis chip: these are systems")
	test("plot gw --chip trn2 --precision fp4 --term spot -o "+dir+"/g.png", 2, "", "plot gw does not use --chip, --precision, --term")
	test("plot rank --explain -o "+dir+"/r.png", 2, "", "unknown flag: --explain")
	test("pareto --x throughput --y power --precision fp8 --explain", 2, "", "unknown flag: --explain")
	test("prices --provider AWS", 0, "p5.48xlarge", "")
	test("prices --provider amazon", 2, "", `--provider: no prices from "amazon" (providers: aws, gcp)`)
	test("rank --metric throughput --precision FP8 --basis CHIP --kind Accelerator --lifecycle Shipping --format JSON", 0, `"name": "ranking"`, "")
	test("tco b200 --scenario NeoCloud", 0, "scenario neocloud", "")
	test("tokens --model Llama-3.1-70B --tier Model --format Json", 0, `"name": "tokens"`, "")
	test("gw --site New-Carlisle", 0, "new-carlisle", "")
	test("rank --metric throughput --precision fp9", 2, "", `--precision: unknown precision "fp9" (want one of fp4, fp6, fp8`)
	test("claims --claims /nonexistent/claims.csv", 1, "", "no such file")
	test("plot tornado --chip trn2 -o "+dir+"/t.png", 1, "", "hwcmp tco trn2 --capex USD --sensitivity")
	test("specs --vendor nosuch", 0, "Chips", "no chips match")
	test("specs --vendor nosuch --strict", 1, "", "no chips match")
	test("prices --provider gcp --term savings-3y --strict", 1, "", "no prices match")
	test("gw --pue 1.3", 2, "", "gw without --chip (the sites table) does not use --pue")
	test("tco b200 --swing 10", 2, "", "--swing sets the ± range of --sensitivity")
	test("specs show h200 --vendor amd", 2, "", "specs show does not use --vendor")
	test("import epoch x.csv -o "+dir+"/e --region us-east-1", 2, "", "import epoch does not use --region")
	test("rank --metric throughput --precision fp8 --chips trn3,graviton4", 0, "graviton4", "")
	test("rank --metric throughput --precision fp8 --vendor aws --chips trn3", 0, "trn3", "")
	test("rank --metric throughput --precision fp8 --chips nosuch*", 1, "", "matches nothing")
	test("rank --metric memory-bandwidth --systems p5*,trn2.48xlarge", 0, "per system", "")
	test("tco --chips b200,h100", 0, "TCO per utilized chip-hour", "")
	test("prices --systems p5*,provider:gcp", 0, "tpu-v", "")
	test("gw --chips b200,trn2 --capex 30000", 0, "One GW of each chip", "")
	test("compare trn? --chips h200 --metrics memory-bandwidth", 0, "Trainium4", "")
}

// TestSelectionOrder checks that a selection keeps the order it names.
func TestSelectionOrder(t *testing.T) {
	out, errOut, code := hwcmp(t, "pareto", "--x", "throughput", "--y", "memory-bandwidth", "--precision", "fp8", "--chips", "h200,trn3,mi355x", "--format", "csv")
	if code != 0 {
		t.Fatalf("pareto --chips: %s", errOut)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		ids = append(ids, strings.Split(l, ",")[0])
	}
	if len(ids) != 3 {
		t.Errorf("pareto --chips h200,trn3,mi355x lists %v", ids)
	}
	out, _, _ = hwcmp(t, "tco", "--chips", "h100,b200", "--format", "csv", "--table", "tco")
	if lines := strings.Split(out, "\n"); len(lines) < 3 || !strings.HasPrefix(lines[1], "h100,") || !strings.HasPrefix(lines[2], "b200,") {
		t.Errorf("tco --chips h100,b200 is not in the order asked:\n%s", out)
	}
}

func TestSuggestions(t *testing.T) {
	test := func(args, want string) {
		t.Helper()
		_, errOut, code := hwcmp(t, strings.Fields(args)...)
		if code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("hwcmp %s: exit %d, %q; want a usage error with %q", args, code, errOut, want)
		}
	}
	test("rnak", `unknown command "rnak" (did you mean rank?)`)
	test("rank --metric throughput --precison fp8", "unknown flag: --precison (did you mean --precision?)")
	test("rank --metric thruput --precision fp8", `no metric "thruput" (did you mean throughput?)`)
	test("rank --metric throughput --precision fp8 --chips tnr3", `no chip or system "tnr3" (did you mean trn3?)`)
	test("compare trn3 h2O0", `(did you mean h200?)`)
	test("rank --metric throughput --precison fp8", "Usage: hwcmp rank --metric NAME")
	test("rank --metric throughput --precision fp8 --chips vendr:aws", `unknown field "vendr"`)
	if got := editDistance("rnak", "rank"); got != 1 {
		t.Errorf("editDistance(rnak, rank) = %d; want 1", got)
	}
	if got := closest("xyzzy", []string{"rank", "compare"}); len(got) != 0 {
		t.Errorf("closest(xyzzy) = %v; want none", got)
	}
}

func TestVersionAndCompletion(t *testing.T) {
	out, _, code := hwcmp(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "hwcmp ") || !strings.Contains(out, "figures as of 20") || !strings.Contains(out, "prices as of 20") {
		t.Errorf("hwcmp --version: exit %d\n%s", code, out)
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		out, errOut, code := hwcmp(t, "completion", sh)
		if code != 0 || !strings.Contains(out, "rank") || !strings.Contains(out, "precision") || !strings.Contains(out, "throughput-per-watt") || !strings.Contains(out, "trn3") {
			t.Errorf("completion %s: exit %d\n%s%.300s", sh, code, errOut, out)
		}
		if sh == "fish" {
			continue
		}
		if _, err := exec.LookPath("bash"); err == nil {
			cmd := exec.Command("bash", "-n")
			cmd.Stdin = strings.NewReader(strings.Replace(out, "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n", "", 1))
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("completion %s is not valid shell: %v\n%s", sh, err, msg)
			}
		}
	}
	// The bash script completes a flag's values.
	if _, err := exec.LookPath("bash"); err == nil {
		out, _, _ := hwcmp(t, "completion", "bash")
		script := out + "\nCOMP_WORDS=(hwcmp rank --precision f); COMP_CWORD=3; _hwcmp; echo \"${COMPREPLY[@]}\"\n"
		got, err := exec.Command("bash", "-c", "complete() { :; }\n"+script).CombinedOutput()
		if err != nil || strings.TrimSpace(string(got)) != "fp4 fp6 fp8 fp16 fp32 fp64" {
			t.Errorf("bash completion of 'hwcmp rank --precision f': %q, %v", got, err)
		}
	}
	_, errOut, code := hwcmp(t, "completion", "tcsh")
	if code != 2 || !strings.Contains(errOut, `unknown shell "tcsh"`) {
		t.Errorf("completion tcsh: exit %d, %q", code, errOut)
	}
}

// hostileSheets writes a chip named name to a --data folder.
func hostileSheets(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	src := "https://ai.meta.com/blog/next-generation-meta-training-inference-accelerator-AI-MTIA/"
	chips := "id,name,vendor,kind,family,launch,lifecycle,process,source,as_of,note\n" +
		"evil-1,\"" + strings.ReplaceAll(name, `"`, `""`) + "\",Meta,accelerator,MTIA,2024-04,shipping,TSMC N5," + src + ",2024-04-10,\n"
	values := "subject,quantity,precision,sparsity,value,unit,low,high,relative_to,status,preferred,source,as_of,note\n" +
		"evil-1,power,,,90,W,,,,vendor,," + src + ",2024-04-10,TDP\n"
	for f, s := range map[string]string{"chips.csv": chips, "values.csv": values} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHostileNames runs chips whose names attack each reader of hwcmp's
// output through every format.
func TestHostileNames(t *testing.T) {
	// Control characters: the loader may refuse them; whoever prints
	// them, the terminal never receives them raw.
	dir := hostileSheets(t, "evil\x1b[2J\x1b]0;title\x07")
	out, errOut, _ := hwcmp(t, "rank", "--metric", "power", "--data", dir, "--chips", "evil-1,h100")
	if strings.ContainsAny(out+errOut, "\x1b\x07") {
		t.Errorf("raw control characters reach the terminal:\n%q\n%q", out, errOut)
	}
	_, errOut, _ = hwcmp(t, "specs", "show", "evil\x1b[2J")
	if strings.Contains(errOut, "\x1b") {
		t.Errorf("an error echoes a raw escape: %q", errOut)
	}
	// Printable attacks: a formula, HTML, a cell separator and a
	// right-to-left override, which load and must be made harmless.
	dir = hostileSheets(t, "=HYPERLINK(\"http://x\")<b>bold</b>|pipe\u202e")
	base := []string{"rank", "--metric", "power", "--data", dir, "--chips", "evil-1,h100"}
	out, errOut, code := hwcmp(t, base...)
	if code != 0 {
		t.Fatalf("rank on the hostile sheet: exit %d\n%s", code, errOut)
	}
	if strings.Contains(out, "\u202e") || !strings.Contains(out, `pipe\u202e`) {
		t.Errorf("table output passes a bidi override to the terminal:\n%q", out)
	}
	out, _, _ = hwcmp(t, append(base, "--format", "csv")...)
	if !strings.Contains(out, `"'=HYPERLINK(`) {
		t.Errorf("CSV does not neutralise the formula:\n%s", out)
	}
	out, _, _ = hwcmp(t, append(base, "--format", "csv", "--csv-raw")...)
	if !strings.Contains(out, `"=HYPERLINK(`) {
		t.Errorf("--csv-raw changed the cell:\n%s", out)
	}
	out, _, _ = hwcmp(t, append(base, "--format", "markdown")...)
	if strings.Contains(out, "<b>") || !strings.Contains(out, `&lt;b&gt;bold&lt;/b&gt;\|pipe`) {
		t.Errorf("markdown passes markup:\n%q", out)
	}
	out, _, _ = hwcmp(t, append(base, "--format", "json")...)
	if strings.Contains(out, "<b>") || !strings.Contains(out, `\u003cb\u003e`) {
		t.Errorf("JSON holds raw HTML:\n%q", out)
	}
}

// TestCompletionIDs: the ids of a --data folder complete too — asked of
// 'hwcmp completion ids' by the scripts when the line names --data.
func TestCompletionIDs(t *testing.T) {
	mydata := docExample(t)
	out, errOut, code := hwcmp(t, "completion", "ids", "--data", mydata)
	if code != 0 || !strings.Contains(out, "\nmtia-v2\n") || !strings.Contains(out, "\ntrn3\n") || !strings.Contains(out, "\nm8g.48xlarge\n") {
		t.Errorf("completion ids --data: exit %d, %q\n%.300s", code, errOut, out)
	}
	out, _, _ = hwcmp(t, "completion", "chip-ids", "--data", mydata, "--no-defaults")
	if strings.TrimSpace(out) != "mtia-v2" {
		t.Errorf("completion chip-ids --no-defaults: %q, want only mtia-v2", out)
	}
	if _, errOut, code := hwcmp(t, "completion", "bash", "--data", mydata); code != 2 || !strings.Contains(errOut, "apply only to 'completion ids'") {
		t.Errorf("completion bash --data: exit %d, %q", code, errOut)
	}
	if _, err := exec.LookPath("bash"); err != nil {
		return
	}
	script, _, _ := hwcmp(t, "completion", "bash")
	// A stand-in hwcmp answers only the call the script should make.
	stub := `hwcmp() { [ "$*" = "completion ids --data /my data" ] && echo my-chip; }` + "\n"
	for _, c := range []struct{ words, want string }{
		{`(hwcmp rank --data "/my data" --chips m)`, "my-chip"},
		{`(hwcmp compare --data "/my data" m)`, "my-chip"},
		{`(hwcmp plot tornado --chip trn)`, "trn1 trn2 trn3 trn4"},                   // no --data: the built-in ids
		{`(hwcmp plot tornado --data /elsewhere --chip trn)`, "trn1 trn2 trn3 trn4"}, // hwcmp failed: the built-in ids
	} {
		line := "complete() { :; }\n" + stub + script + "\nCOMP_WORDS=" + c.words + "; COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _hwcmp; echo \"${COMPREPLY[@]}\"\n"
		got, err := exec.Command("bash", "-c", line).CombinedOutput()
		if err != nil || strings.TrimSpace(string(got)) != c.want {
			t.Errorf("bash completion of %s: %q, %v; want %q", c.words, got, err, c.want)
		}
	}
}
