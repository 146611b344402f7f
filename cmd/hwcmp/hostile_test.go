package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// hostileDir is the corpus of hostile inputs: one folder per case, each a
// --data folder or the files an import reads. Cases that git cannot hold
// (an empty folder, a FIFO, an unreadable folder, a huge file) are made in
// a temporary folder by the case's setup.
const hostileDir = "../../testdata/hostile"

// TestHostile states the outcome of every case of the hostile-input
// corpus: the exit code and text the output must contain (an error at
// file:line:col where there is a line, or the documented acceptance), and,
// for imports, what must or must not have been written.
func TestHostile(t *testing.T) {
	type hostileCase struct {
		name  string
		args  string // {case} is the case's folder, {tmp} a fresh temporary folder
		setup func(t *testing.T, tmp string)
		code  int
		want  []string // substrings of stdout and stderr together
		lacks []string // substrings neither may hold
		check func(t *testing.T, tmp string)
	}
	noFile := func(name string) func(*testing.T, string) {
		return func(t *testing.T, tmp string) {
			t.Helper()
			if _, err := os.Stat(filepath.Join(tmp, name)); err == nil {
				t.Errorf("%s was written; want nothing written", name)
			}
		}
	}
	cases := []hostileCase{
		// Sheets.
		{name: "hash-first-field", args: "validate --data {case}", code: 0,
			want: []string{"33 chips", "0 problem(s)"}}, // accepted: '#' starts no comment, the row loads
		{name: "hash-comment-line", args: "validate --data {case}", code: 1,
			want: []string{"chips-x.csv:2: record has 1 fields, header has 7; row not loaded"}},
		{name: "invalid-utf8", args: "validate --data {case}", code: 1,
			want: []string{"chips-x.csv:2:7: byte 0xe9 is not valid UTF-8"}},
		{name: "control-chars", args: "validate --data {case}", code: 1,
			want: []string{"chips-x.csv:2:4: name: holds control character U+001B; row not loaded"}},
		{name: "binary-header", args: "validate --data {case}", code: 1,
			want: []string{"chips-x.csv:1:1: column 1's name holds control character U+001B: is this a CSV sheet?"},
		}, // the escape itself is never echoed: checked below for every case
		{name: "duplicate-site", args: "validate --data {case}", code: 1,
			want: []string{`sites-x.csv:3:1: id: duplicate site id "x-campus" (first at `}},
		{name: "duplicate-scenario", args: "validate --data {case}", code: 1,
			want: []string{`scenarios-x.csv:3:1: id: duplicate scenario id "x-scenario" (first at `}},
		{name: "upfront-on-demand", args: "validate --data {case}", code: 1,
			want: []string{"prices-x.csv:2:44: upfront_usd: an upfront fee on the on-demand term would be ignored"}},
		{name: "ratio-overflow", args: "validate --data {case}", code: 1,
			want: []string{"values-x.csv:2:27: value: ratio 1e+300 is outside the plausible range [0.000001, 1000000]: if it is real"}},
		{name: "absurd-power", args: "validate --data {case}", code: 1,
			want: []string{"values-x.csv:2:12: value: power 1e+308 W is outside the plausible range [0.1, 100000000000] W"}},
		{name: "absurd-chips", args: "validate --data {case}", code: 1,
			want: []string{"systems-x.csv:2:30: chips: 9223372036854775807 chips is outside the plausible range [1, 100000000] of a chip_count"}},
		{name: "absurd-throughput", args: "validate --data {case}", code: 1,
			want: []string{"values-x.csv:2:28: value: throughput 3.999955468730732e-308 FLOP/s is outside the plausible range"}},
		{name: "negative-claim", args: "validate --data {case}", code: 1,
			want: []string{"claims-x.csv:2:116: claimed: claimed figure -2: want a positive number",
				"claims-x.csv:3:126: low: claimed figure -3: want a positive number"}},
		{name: "bounds-widened", args: "validate --data {case}", code: 0, // accepted: a bounds sheet widens power for exotic data
			want: []string{"0 problem(s)"}},
		{name: "absurd-price", args: "validate --data {case}", code: 1,
			want: []string{"prices-x.csv:2:39: usd_per_hour: usd_per_hour 1000000000000 USD/h is outside the plausible range [0.000001, 1000000000] USD/h"}},
		// --bounds warn and off load what refuse (the default) refuses;
		// warn says so on every command, off says nothing. A figure that is
		// not finite is refused whatever the mode.
		{name: "absurd-price-warn", args: "validate --data {hostile}/absurd-price --bounds warn", code: 0,
			want: []string{"warning: ../../testdata/hostile/absurd-price/prices-x.csv:2:39: usd_per_hour: usd_per_hour 1000000000000 USD/h is outside",
				"0 problem(s)", "1 figure(s) outside their plausible range loaded under --bounds warn"}},
		{name: "absurd-price-off", args: "validate --data {hostile}/absurd-price --bounds off", code: 0,
			want: []string{"0 problem(s)"}, lacks: []string{"outside", "--bounds warn"}},
		{name: "absurd-chips-warn", args: "validate --data {hostile}/absurd-chips --bounds warn", code: 0,
			want: []string{"warning: ../../testdata/hostile/absurd-chips/systems-x.csv:2:30: chips: 9223372036854775807 chips is outside", "0 problem(s)"}},
		{name: "absurd-power-warn", args: "rank --metric power --data {hostile}/absurd-power --bounds warn", code: 0,
			want: []string{"warning: ../../testdata/hostile/absurd-power/values-x.csv:2:12: value: power 1e+308 W is outside", "trn1 "}},
		{name: "absurd-power-off", args: "specs show trn1 --data {hostile}/absurd-power --bounds OFF", code: 0,
			want: []string{"1e+308"}, lacks: []string{"warning"}},
		{name: "absurd-power-plot-off", args: "plot roofline --precision fp8 --chips trn1,h100 --data {hostile}/absurd-power --bounds off -o {tmp}/r.svg", code: 0,
			want: []string{"wrote"}}, // a chart of a figure beyond the bounds draws, or is an error: never a crash
		{name: "ratio-overflow-off", args: "validate --data {hostile}/ratio-overflow --bounds off", code: 1,
			want: []string{"values-x.csv:2:27: value: resolves to throughput is not a finite number", "1 problem(s)"}},
		{name: "roofline-extremes", args: "plot roofline --data {case} --chips x1,x2,h100 -o {tmp}/roofline.svg", code: 0,
			want: []string{"wrote"}}, // accepted: figures at the plausible bounds draw; beyond them validate refuses
		// --data folders.
		{name: "subfolder", args: "validate --data {case}", code: 1,
			want: []string{"sub-folder ../../testdata/hostile/subfolder/more holds CSV sheets, which are not read"}},
		{name: "empty-folder", args: "validate --data {tmp}", code: 1,
			want: []string{"the folder holds no .csv sheets"}},
		{name: "unreadable-folder", args: "validate --data {tmp}/locked", code: 1,
			setup: func(t *testing.T, tmp string) {
				if os.Geteuid() == 0 {
					t.Skip("root reads any folder: run as a normal user to check this case")
				}
				dir := filepath.Join(tmp, "locked")
				os.Mkdir(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "chips-x.csv"), nil, 0o644)
				os.Chmod(dir, 0)
				t.Cleanup(func() { os.Chmod(dir, 0o755) })
			},
			want: []string{"--data: open ", "permission denied"}},
		{name: "fifo-sheet", args: "validate --data {tmp}", code: 1,
			setup: func(t *testing.T, tmp string) {
				if err := syscall.Mkfifo(filepath.Join(tmp, "chips-fifo.csv"), 0o644); err != nil {
					t.Skip("no FIFOs here:", err)
				}
			},
			want: []string{"chips-fifo.csv: not a regular file (mode p"}},
		{name: "huge-sheet", args: "validate --data {tmp}", code: 1,
			setup: func(t *testing.T, tmp string) {
				f, err := os.Create(filepath.Join(tmp, "values-huge.csv"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := f.Truncate(65<<20 + 1); err != nil { // sparse: no disk used
					t.Fatal(err)
				}
			},
			want: []string{"values-huge.csv: 68157441 bytes or more: larger than the 64 MiB a sheet may hold"}},
		{name: "folder-named-like-a-sheet", args: "validate --data {tmp}", code: 1,
			setup: func(t *testing.T, tmp string) {
				os.Mkdir(filepath.Join(tmp, "values-dir.csv"), 0o755)
				os.WriteFile(filepath.Join(tmp, "chips-x.csv"), []byte("id,name,vendor,kind,lifecycle,source,as_of\n"), 0o644)
			},
			want: []string{"values-dir.csv: a folder, not a sheet"}},
		// Imports and benchmark files.
		{name: "mlperf-overflow", args: "bench --import-mlperf {case}/summary.csv --date 2026-04 --per-chip --baseline h200", code: 0,
			want: []string{"left out: line 3: huge llama2-70b-99 Offline: 4611686018427387904 nodes × 4 accelerators is not a plausible chip count"}},
		{name: "import-epoch-h100", args: "import epoch {case}/ml_hardware.csv -o {tmp}", code: 0,
			want: []string{"renamed: H100 at line 2: h100 is already a chip id; imported as epoch-h100",
				`dropped 1: Release price (USD): "about $30,000" is not a positive number`},
			check: func(t *testing.T, tmp string) {
				data, err := os.ReadFile(filepath.Join(tmp, "chips-epoch.csv"))
				if err != nil || !strings.Contains(string(data), "\nepoch-h100,H100,") {
					t.Errorf("chips-epoch.csv = %q, %v; want the row as epoch-h100", data, err)
				}
			}},
		{name: "import-epoch-absurd", args: "import epoch {case}/ml_hardware.csv -o {tmp}", code: 1,
			want: []string{"the imported sheets would not load, so nothing was written",
				"values-epoch.csv:2:", "power 1e+308 W is outside the plausible range"},
			check: noFile("values-epoch.csv")},
		{name: "import-azure-negative", args: "import azure {case}/page.json -o {tmp} --data {case}/data", code: 1,
			want:  []string{"page.json item 0: savings plan 1 Year: negative retailPrice -52.3"},
			check: noFile("prices-azure.csv")},
		{name: "import-zero-rows", args: "import azure {case}/page.json -o {tmp}", code: 1,
			setup: func(t *testing.T, tmp string) {
				os.WriteFile(filepath.Join(tmp, "prices-azure.csv"), []byte("the previous import\n"), 0o600)
			},
			want: []string{"1 read, 0 kept, 1 dropped", "no rows kept (see the summary above): nothing written"},
			check: func(t *testing.T, tmp string) {
				data, _ := os.ReadFile(filepath.Join(tmp, "prices-azure.csv"))
				if string(data) != "the previous import\n" {
					t.Errorf("prices-azure.csv = %q; want the previous import left as it was", data)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			if c.setup != nil {
				c.setup(t, tmp)
			}
			args := strings.NewReplacer("{case}", filepath.Join(hostileDir, c.name), "{hostile}", hostileDir, "{tmp}", tmp).Replace(c.args)
			stdout, stderr, code := hwcmp(t, strings.Fields(args)...)
			out := stdout + stderr
			if code != c.code {
				t.Errorf("hwcmp %s: exit %d; want %d\n%s", args, code, c.code, out)
			}
			if strings.ContainsAny(out, "\x1b\x07") {
				t.Errorf("hwcmp %s: output holds raw control characters: %q", args, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("hwcmp %s: output lacks %q:\n%s", args, w, out)
				}
			}
			for _, w := range c.lacks {
				if strings.Contains(out, w) {
					t.Errorf("hwcmp %s: output holds %q:\n%s", args, w, out)
				}
			}
			if c.check != nil {
				c.check(t, tmp)
			}
		})
	}
}
