package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/gocarina/gocsv"
	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/workload"
)

// mlperfBenchmarks maps MLPerf Inference LLM benchmark names to catalog
// model ids. The 99.9%-accuracy variants run the same model at a stricter
// accuracy target and are left out, so that each result counts once.
var mlperfBenchmarks = map[string]string{
	"llama2-70b-99": "llama-2-70b",
	"llama3.1-405b": "llama-3.1-405b",
	"llama3.1-8b":   "llama-3.1-8b",
	"mixtral-8x7b":  "mixtral-8x7b",
	"deepseek-r1":   "deepseek-r1",
}

// mlperfAccelerators names the chips MLPerf systems report, where the
// name alone would map to no chip id or the wrong one.
var mlperfAccelerators = map[string]string{
	"NVIDIA GB200": "gb200",
	"NVIDIA GB300": "gb300",
}

// importFlags are the flags of 'hwcmp tokens --import-mlperf'.
type importFlags struct {
	dir, repo, commit, published, out string
	best                              bool
	wf                                writeFlags
}

// sourceDate checks the flags that make each imported row's source URL
// and date, and returns the date; mode names the import in the message.
func (f *importFlags) sourceDate(mode string) (specs.Date, error) {
	if f.commit == "" || f.repo == "" || f.published == "" {
		return specs.Date{}, usageError("%s needs --repo URL, --commit HASH and --published DATE (they make each row's source URL and date)", mode)
	}
	date, err := specs.ParseDate(f.published)
	if err != nil {
		return specs.Date{}, usageError("--published: %v", err)
	}
	return date, nil
}

// acceleratorNames maps an MLPerf accelerator name to one of the
// catalog's accelerator ids.
func acceleratorNames(w *world) func(string) (string, bool) {
	var ids []string
	for _, c := range w.catalog.Chips {
		if c.Kind == specs.Accelerator {
			ids = append(ids, c.ID)
		}
	}
	return bench.NameMapper(ids, mlperfAccelerators)
}

// importMLPerf reads a round's results repository checked out in f.dir and
// writes the mlperf*.csv rows hwcmp keeps.
func (f *importFlags) run(ctx context.Context, e *env, w *world) error {
	date, err := f.sourceDate("--import-mlperf")
	if err != nil {
		return err
	}
	ri := workload.RoundImport{Repo: strings.TrimSuffix(f.repo, "/"), Commit: f.commit, AsOf: date,
		Chip: acceleratorNames(w), Models: mlperfBenchmarks}
	recs, rep, err := ri.Import(os.DirFS(f.dir))
	if err != nil {
		return err
	}
	if f.best {
		recs = workload.Best(recs)
	}
	fmt.Fprintf(e.stderr, "read %d results, kept %d", rep.Read, rep.Kept)
	if f.best {
		fmt.Fprintf(e.stderr, " (%d after --best)", len(recs))
	}
	fmt.Fprintln(e.stderr)
	for _, why := range rep.Reasons() {
		fmt.Fprintln(e.stderr, "  dropped:", why)
	}
	return f.writeKept(ctx, e, len(recs), recs, "--import-mlperf "+f.dir)
}

// writeKept writes the n kept records as a CSV sheet to -o (or standard
// output), and refuses to write an empty one: what names the import in
// the error.
func (f *importFlags) writeKept(ctx context.Context, e *env, n int, recs any, what string) error {
	if n == 0 {
		return fmt.Errorf("%s: no results kept; nothing written", what)
	}
	var b bytes.Buffer
	if err := gocsv.Marshal(recs, &b); err != nil {
		return err
	}
	return f.wf.write(ctx, e.stdout, e.stderr, f.out, b.Bytes())
}
