package main

import (
	"context"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hwcmp/hwcmp/compare"
)

// writeReport runs 'hwcmp report' and returns the page.
func writeReport(t testing.TB, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if _, stderr, code := hwcmp(t, append([]string{"report", "-o", path}, args...)...); code != 0 {
		t.Fatalf("hwcmp report: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

var (
	hrefOrSrc   = regexp.MustCompile(`(?i)\s(?:href|src|xlink:href)\s*=\s*"([^"]*)"`)
	sourcesPart = regexp.MustCompile(`(?s)<section id="sources">.*?</section>`)
)

// checkSelfContained checks that a page loads nothing: a content security
// policy that refuses every fetch, and no link or source attribute that
// points off the page outside the sources list, whose links are what the
// reader follows to check a number.
func checkSelfContained(t *testing.T, page string) {
	t.Helper()
	if !strings.Contains(page, `http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`) {
		t.Error("no content security policy refusing every fetch")
	}
	outside := sourcesPart.ReplaceAllString(page, "")
	for _, m := range hrefOrSrc.FindAllStringSubmatch(outside, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("link or source off the page outside the sources list: %s", m[0])
		}
	}
	if strings.Count(page, "<script") != 1 {
		t.Errorf("page has %d scripts; want the one sorting script", strings.Count(page, "<script"))
	}
	for _, bad := range []string{"<link", "<iframe", "<object", "<embed", "@import", "url(http"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
}

func TestReport(t *testing.T) {
	start := time.Now()
	page := writeReport(t)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("report took %v; it should take well under a second", d)
	}
	checkSelfContained(t, page)
	for _, want := range []string{
		`<section id="headlines">`, `<table class="sortable" id="comparison">`, `<table class="sortable" id="claims-table">`,
		`<table class="sortable" id="sites-table">`, `<section id="sources">`, "@media print",
		// The question and the flags.
		"Command: <code>hwcmp report -o ", "FP8 dense",
		// Headline rankings: per watt, per dollar-hour, per TCO dollar-hour, per GW.
		"FP8 dense peak throughput per watt of rated power, per chip", "per dollar-hour of cloud price, per chip",
		"per dollar-hour of total cost of ownership, per chip", "FP8 dense peak throughput, per GW",
		// Display names, and a known value: B200 at 4,500 GFLOPS/W FP8 per watt
		// (since issue 11 the TPU v7 and MI350X estimates rank above it).
		`<li><span class="entry"><span>B200</span> <span class="value">4500`,
		// Who leads, in a sentence.
		`<p class="summary">TPU7x (Ironwood) (5403 [4253–7601]) and MI350X (4610 GFLOPS/W) cannot be told apart`,
		// Claim verdicts with evidence, linked to the sources.
		`id="claim-note-trn2-vs-h200-fp8"`, `class="verdict v-supported"`, `<ul class="evidence"><li>`,
		// Sources with date, status and tier.
		`<li id="src-1"><a href="https://`, "primary", "; dated 20",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, kind := range plotKinds {
		if !strings.Contains(page, `<figure id="chart-`+kind+`" class="chart"><svg role="img"`) {
			t.Errorf("report lacks the %s chart", kind)
		}
	}
	// Every source cited is listed, and every listed source is cited.
	cited := map[string]bool{}
	for _, m := range regexp.MustCompile(`href="#src-(\d+)"`).FindAllStringSubmatch(page, -1) {
		cited[m[1]] = true
	}
	listed := regexp.MustCompile(`<li id="src-(\d+)">`).FindAllStringSubmatch(page, -1)
	if len(listed) < 20 || len(listed) != len(cited) {
		t.Errorf("%d sources listed, %d cited; want the same, and more than 20", len(listed), len(cited))
	}
	for _, m := range listed {
		if !cited[m[1]] {
			t.Errorf("source %s is listed but nothing cites it", m[1])
		}
	}
	// Estimates and targets are marked.
	if !strings.Contains(page, `class="num tentative"`) || !strings.Contains(page, `<span class="mark">~</span>`) {
		t.Error("no estimate is marked in the table")
	}
}

func TestReportSelection(t *testing.T) {
	page := writeReport(t, "--chips", "trn2,h200", "--precision", "bf16", "--term", "on-demand")
	if got := strings.Count(page, `<tr><td data-sort=`); got != 2 {
		t.Errorf("comparison has %d rows; want 2 (--chips trn2,h200)", got)
	}
	for _, want := range []string{"BF16 dense", "--chips trn2,h200", "--precision bf16", "Which of 2 chips"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if _, stderr, code := hwcmp(t, "report", "-o", filepath.Join(t.TempDir(), "r.html"), "--chips", "nope"); code != 2 || !strings.Contains(stderr, `"nope"`) {
		t.Errorf("--chips nope: exit %d, %q; want a usage error", code, stderr)
	}
	for _, c := range []struct{ args, want string }{
		{"", "needs -o FILE"},
		{"-o r.html --basis system", "--basis"},
		{"-o r.html --explain", "--explain"},
		{"-o r.html --chips trn2 --vendor AWS", "--chips chooses the chips"},
		{"-o r.html --precision fp7", "--precision"},
	} {
		args := append([]string{"report"}, strings.Fields(c.args)...)
		if _, stderr, code := hwcmp(t, args...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("hwcmp %s: exit %d, %q; want a usage error naming %s", strings.Join(args, " "), code, stderr, c.want)
		}
	}
	if stdout, _, code := hwcmp(t, "report", "-o", "-", "--chips", "trn3"); code != 0 || !strings.HasPrefix(stdout, "<!DOCTYPE html>") {
		t.Errorf("report -o -: exit %d; want the page on standard output", code)
	}
	vendor := writeReport(t, "--vendor", "AWS")
	if strings.Contains(vendor, `<span class="muted">h200</span>`) || !strings.Contains(vendor, `<span class="muted">trn2</span>`) {
		t.Error("--vendor AWS did not choose the AWS chips")
	}
}

// TestReportHostile loads a chip named like a script, with a source that
// is a javascript: URL, through --data: both must reach the page as text.
func TestReportHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("chips-evil.csv", "id,name,vendor,kind,launch,lifecycle,source,as_of\n"+
		`evil,<script>alert(1)</script>,"Evil""><img src=x onerror=alert(2)>",accelerator,2025-01,shipping,javascript:alert(3),2025`+"\n")
	write("values-evil.csv", "subject,quantity,precision,sparsity,value,unit,status,source,as_of\n"+
		"evil,throughput,fp8,dense,1000,TFLOPS,vendor,javascript:alert(4),2025\n"+
		`evil,power,,,700,W,vendor,"https://example.com/""><script>alert(5)</script>",2025`+"\n")
	page := writeReport(t, "--data", dir, "--chips", "evil,h200")
	for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript`, `Evil"><`, `/"><script`} {
		if strings.Contains(page, bad) {
			t.Errorf("hostile text reached the page unescaped: %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile chip name is not shown as text")
	}
	checkSelfContained(t, page)
}

func BenchmarkReport(b *testing.B) {
	path := filepath.Join(b.TempDir(), "report.html")
	for b.Loop() {
		if err := run(context.Background(), io.Discard, io.Discard, []string{"report", "-o", path}); err != nil {
			b.Fatal(err)
		}
	}
}

// browser returns a headless Chromium, or "" if none is installed.
func browser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestReportInBrowser loads the report in headless Chromium: the page
// renders after its script ran, with every chart and table, no console
// error and no request refused by its content security policy (which
// refuses every fetch, so any attempted network request shows there); it
// takes a screenshot and prints the page to PDF. Set HWCMP_SCREENSHOT to a
// PNG path to keep the screenshot (docs/img/regenerate.sh does).
func TestReportInBrowser(t *testing.T) {
	chromium := browser()
	if chromium == "" {
		t.Skip("no Chromium installed (apt-get install chromium); skipping the browser test of the HTML report")
	}
	if testing.Short() {
		t.Skip("-short: skipping the browser test")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if _, stderr, code := hwcmp(t, "report", "-o", path); code != 0 {
		t.Fatal(stderr)
	}
	run := func(url string, args ...string) (stdout, stderr string, err error) {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
			"--disable-dev-shm-usage", "--user-data-dir=" + filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0"}
		cmd := exec.CommandContext(ctx, chromium, append(append(base, args...), url)...)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err = cmd.Run()
		return out.String(), errb.String(), err
	}
	// A browser that cannot render a blank page is a broken install, not a
	// broken report.
	if dom, stderr, err := run("about:blank", "--dump-dom"); err != nil || !strings.Contains(dom, "<body>") {
		t.Skipf("%s does not run here (%v); skipping the browser test of the HTML report\n%s", chromium, err, stderr)
	}
	browse := func(args ...string) (stdout, stderr string) {
		t.Helper()
		stdout, stderr, err := run("file://"+path, args...)
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", chromium, args, err, stderr)
		}
		return stdout, stderr
	}
	checkConsole := func(stderr string) {
		t.Helper()
		for _, line := range strings.Split(stderr, "\n") {
			if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Refused to") || strings.Contains(line, "Uncaught") {
				t.Errorf("browser console: %s", line)
			}
		}
	}
	dom, stderr := browse("--dump-dom")
	checkConsole(stderr)
	for _, want := range []string{`id="comparison"`, `id="claims-table"`, `id="sites-table"`, `<section id="sources">`} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %s", want)
		}
	}
	for _, kind := range plotKinds {
		if !strings.Contains(dom, `id="chart-`+kind+`"`) {
			t.Errorf("rendered page lacks the %s chart", kind)
		}
	}
	// The sorting script: a copy of the page, without its policy, clicks
	// the throughput column twice: descending, missing values last.
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	click := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>`).ReplaceAllString(string(page), "")
	click = strings.Replace(click, "</body>", `<script>var th = document.querySelector("#comparison th:nth-child(3)"); th.click(); th.click();</script></body>`, 1)
	sorted := filepath.Join(dir, "sorted.html")
	if err := os.WriteFile(sorted, []byte(click), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, _, err = run("file://"+sorted, "--dump-dom")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`<tr><td data-sort="[^"]*" title="[^"]*" class="name">[^<]*<br><span class="muted">([^<]*)</span></td><td>[^<]*</td><td class="(num|num tentative|missing)" data-sort="([^"]*)"`).FindAllStringSubmatch(dom, -1)
	if len(rows) < 10 {
		t.Fatalf("sorted table has %d rows", len(rows))
	}
	prev, seenMissing := math.Inf(1), false
	for _, r := range rows {
		if r[3] == "" {
			seenMissing = true
			continue
		}
		v, _ := strconv.ParseFloat(r[3], 64)
		if seenMissing || v > prev {
			t.Errorf("after sorting descending, %s (%s) is out of order", r[1], r[3])
		}
		prev = v
	}
	shot := filepath.Join(dir, "report.png")
	_, stderr = browse("--screenshot="+shot, "--window-size=1280,1800", "--hide-scrollbars")
	checkConsole(stderr)
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 20000 {
		t.Errorf("screenshot missing or empty: %v", err)
	}
	if keep := os.Getenv("HWCMP_SCREENSHOT"); keep != "" {
		data, err := os.ReadFile(shot)
		if err == nil {
			err = os.WriteFile(keep, data, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	}
	pdf := filepath.Join(dir, "report.pdf")
	_, stderr = browse("--print-to-pdf="+pdf, "--no-pdf-header-footer")
	checkConsole(stderr)
	data, err := os.ReadFile(pdf)
	if err != nil || !strings.HasPrefix(string(data), "%PDF-") || len(data) < 50000 {
		t.Errorf("print to PDF failed: %v (%d bytes)", err, len(data))
	}
	if len(data) > 5<<20 {
		t.Errorf("the printed PDF is %d MB: too large to send", len(data)>>20)
	}
}

func TestLeadSentence(t *testing.T) {
	test := func(sepFirst, sepSecond bool, status, want string) {
		t.Helper()
		h := headline{Unit: "TFLOPS/W", Entries: []valueCell{
			{Name: "A", Plain: "4.5", Text: "4.5 [4–4.5]", Status: status},
			{Name: "B", Plain: "4.2", Text: "4.2"},
		}}
		ranked := []compare.Ranked{{NotSeparable: sepFirst}, {NotSeparable: sepSecond}}
		if got := leadSentence(h, ranked); got != want {
			t.Errorf("leadSentence = %q; want %q", got, want)
		}
	}
	test(false, false, "vendor", "A leads at 4.5 TFLOPS/W, ahead of B (4.2).")
	test(true, true, "vendor", "A (4.5 [4–4.5]) and B (4.2 TFLOPS/W) cannot be told apart: their ranges overlap.")
	test(false, false, "target", "A leads at 4.5 TFLOPS/W, ahead of B (4.2); the figure rests on target inputs.")
	if got := leadSentence(headline{}, nil); got != "No chip has a value." {
		t.Errorf("empty: %q", got)
	}
}
