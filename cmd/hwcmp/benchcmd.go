package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/spf13/pflag"
)

func benchCommand() *command {
	return &command{
		name:  "bench",
		usage: "[--benchmarks FILE | --import-pts composite.xml | --import-spec result.csv | --import-mlperf summary.csv] [--baseline ID] [flags]",
		short: "aggregate measured benchmarks: geometric mean vs a baseline, and per dollar-hour",
		long: `
'hwcmp bench' compares systems (or chips) on measured benchmark results: for
each system, the geometric mean over tests of its score ÷ the baseline's
score, using only the tests every compared system completed (the rest are
listed as dropped); lower-is-better tests are inverted; scores in different
units are never averaged together. For cloud instances it adds the price per
hour and performance per dollar-hour relative to the baseline.

Results come from the built-in benchmark sheet, --benchmarks FILE (hwcmp's
benchmark CSV), --import-pts FILE (a Phoronix Test Suite / OpenBenchmarking
composite.xml), --import-spec FILE (a SPEC CPU2017 result CSV) or
--import-mlperf FILE (an MLPerf inference summary CSV). Imported files are
compared among themselves (--with-builtin adds the built-in results).
Imported system names are matched to chip or system ids by the longest id
they contain ("Graviton4 r8g.16xlarge" → r8g.16xlarge, "NVIDIA H200-SXM-141GB"
→ h200); a PTS system that names nothing is matched by its motherboard
("Amazon EC2 m7i.16xlarge") then its processor ("AMD EPYC 9R14" → epyc-9r14),
a SPEC result by its System Name, Hardware Model, then CPU Name; --map
NAME=ID sets one explicitly. Every result an import leaves out is listed
with the reason.

Without --systems, one suite is compared: --benchmark SUITE, else the one
the baseline has most results in, else the one covering most systems.
A baseline with no results of its own is replaced by a measured instance
on the same chip with the same vCPU count, and a note says which (for
m7i.16xlarge: m7i-flex.16xlarge). With --systems, the geometric mean runs
over every test those systems all completed, in any suite: a test is one
query of one suite, so each ratio still compares the same software.
Example: hwcmp bench --baseline m7i.48xlarge`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			files := fs.StringArray("benchmarks", nil, "read results from this benchmark CSV `FILE` (repeatable)")
			ptsFiles := fs.StringArray("import-pts", nil, "import a Phoronix Test Suite / OpenBenchmarking result `FILE`: composite.xml, or its CSV export (.csv, needs --date) (repeatable)")
			mlperfFiles := fs.StringArray("import-mlperf", nil, "import an MLPerf inference summary CSV `FILE` (repeatable)")
			specFiles := fs.StringArray("import-spec", nil, "import a SPEC CPU2017 result CSV `FILE` (repeatable)")
			maps := fs.StringArray("map", nil, "map an imported system name to an id: `NAME=ID` (repeatable)")
			baseline := fs.String("baseline", "", "the `ID` ratios divide by (default: the first system)")
			systems := fs.String("systems", "", "compare only these `IDs` (comma-separated; default: all with results)")
			perChip := fs.Bool("per-chip", false, "divide throughput scores by the chips they cover (MLPerf results are per system)")
			withBuiltin := fs.Bool("with-builtin", false, "compare imported results with the built-in ones too (default: imported files alone when any are given)")
			date := fs.String("date", "", "date of imported results, `YYYY-MM-DD` (default: the file's own date; MLPerf files need it)")
			var pf priceFlags
			pf.registerPrices(fs)
			fs.StringVar(&pf.benchmark, "benchmark", "", "compare this benchmark `suite` (default: the one the baseline has most results in, else the one covering most systems)")
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("bench takes no arguments")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				if err := pf.configure(w); err != nil {
					return err
				}
				explicit := make(map[string]string)
				for _, m := range *maps {
					name, id, ok := strings.Cut(m, "=")
					if !ok || !w.catalog.Known(id) {
						return usageError("--map %s: want NAME=ID with a known chip or system id", m)
					}
					explicit[name] = id
				}
				var asOf specs.Date
				if *date != "" {
					if asOf, err = specs.ParseDate(*date); err != nil {
						return usageError("--date: %v", err)
					}
				}
				var imported []*bench.Result
				var notes []string
				if err := checkInputFiles("benchmarks", *files); err != nil {
					return err
				}
				for _, file := range *files {
					rs, err := bench.LoadFile(w.catalog.Known, file)
					if err != nil {
						return err
					}
					imported = append(imported, rs...)
				}
				var systemIDs, chipIDs []string
				for _, s := range w.catalog.Systems {
					systemIDs = append(systemIDs, s.ID)
				}
				var cpuIDs []string
				for _, c := range w.catalog.Chips {
					chipIDs = append(chipIDs, c.ID)
					if c.Kind == specs.CPU {
						cpuIDs = append(cpuIDs, c.ID)
					}
				}
				imp := func(kind string, list []string, parse func(*os.File, string) ([]*bench.Result, bench.Report, error)) error {
					for _, file := range list {
						fh, err := os.Open(file)
						if err != nil {
							return err
						}
						rs, rep, err := parse(fh, file)
						fh.Close()
						if err != nil {
							return err
						}
						if rep.Kept == 0 {
							return fmt.Errorf("%s %s: no result could be kept (%d left out): %s", kind, file, len(rep.Dropped), firstReasons(rep.Dropped, 3))
						}
						imported = append(imported, rs...)
						notes = append(notes, fmt.Sprintf("%s %s: %d results read, %d scores kept, %d results or scores left out", kind, file, rep.Read, rep.Kept, len(rep.Dropped)))
						for _, d := range rep.Dropped {
							notes = append(notes, "  left out: "+d.Test+": "+d.Reason)
						}
					}
					return nil
				}
				if err := imp("PTS", *ptsFiles, func(fh *os.File, name string) ([]*bench.Result, bench.Report, error) {
					m := bench.First(bench.NameMapper(systemIDs, explicit), bench.ModelMapper(cpuIDs))
					switch strings.ToLower(filepath.Ext(name)) {
					case ".csv":
						return bench.ParsePTSCSV(fh, name, asOf, m)
					case ".json":
						return nil, bench.Report{}, fmt.Errorf("%s: a PTS JSON export carries no HIB/LIB direction, so its results cannot be aggregated: import the result's composite.xml or its CSV export", name)
					}
					return bench.ParsePTS(fh, name, asOf, m)
				}); err != nil {
					return err
				}
				if err := imp("SPEC", *specFiles, func(fh *os.File, name string) ([]*bench.Result, bench.Report, error) {
					return bench.ParseSPEC(fh, name, asOf, bench.First(bench.NameMapper(systemIDs, explicit), bench.ModelMapper(cpuIDs)))
				}); err != nil {
					return err
				}
				if len(*mlperfFiles) > 0 && asOf.IsZero() {
					return usageError("--import-mlperf needs --date (the summary CSV carries only the round)")
				}
				if err := imp("MLPerf", *mlperfFiles, func(fh *os.File, name string) ([]*bench.Result, bench.Report, error) {
					return bench.ParseMLPerf(fh, name, asOf, bench.NameMapper(chipIDs, explicit))
				}); err != nil {
					return err
				}
				// Imported results are what the user asked about: they are
				// compared among themselves unless --with-builtin adds the
				// embedded ones.
				results := imported
				switch {
				case len(imported) == 0 || *withBuiltin:
					results = append(append([]*bench.Result(nil), w.bench...), imported...)
				case len(bench.Systems(imported)) < 2:
					results = append(append([]*bench.Result(nil), w.bench...), imported...)
					notes = append(notes, "the imported results cover one system: compared with the built-in results")
				}
				if *perChip {
					var skipped []*bench.Result
					results, skipped = bench.PerChip(results)
					if len(skipped) > 0 {
						notes = append(notes, fmt.Sprintf("--per-chip left out %d results without a chip count or measuring latency", len(skipped)))
					}
				}
				var sum bench.Summary
				if *systems != "" {
					ids := strings.Split(*systems, ",")
					base := ids[0]
					if *baseline != "" {
						base = *baseline
					}
					if pf.benchmark != "" { // one suite's tests only
						sel, err := bench.Select(results, pf.benchmark, "")
						if err != nil {
							return err
						}
						results = sel.Results
					}
					if sum, err = bench.Aggregate(results, ids, base); err != nil {
						return err
					}
				} else {
					suite := pf.benchmark
					if suite == "" && len(imported) > 0 {
						// What was imported is what the user asked about.
						if sel, err := bench.Select(imported, "", ""); err == nil {
							suite = sel.Suite
						}
					}
					base, standInNote := *baseline, ""
					if alt, note := compare.StandIn(w.catalog, results, base, suite); alt != "" {
						base, standInNote = alt, note
					}
					sel, err := bench.Select(results, suite, base)
					if err != nil {
						if alt := compare.SiblingsWithResults(w.catalog, results, *baseline, suite); len(alt) > 0 {
							err = fmt.Errorf("%v; instances on the same chip that have results: %s", err, strings.Join(alt, ", "))
						}
						return err
					}
					if standInNote != "" {
						notes = append(notes, standInNote)
					}
					if len(sel.Systems) < 2 {
						return fmt.Errorf("%s: need results for at least two systems (have %s)", sel.Suite, strings.Join(sel.Systems, ", "))
					}
					if sum, err = sel.Aggregate(); err != nil {
						return err
					}
					notes = append([]string{"compared: " + sel.Why}, notes...)
				}
				t := benchTable(w, sum, notes)
				return t.Write(e.stdout, f)
			}
		},
	}
}

func benchTable(w *world, sum bench.Summary, notes []string) *output.Table {
	t := &output.Table{
		Name:  "benchmarks",
		Title: "Benchmarks: geometric mean of per-test ratios to " + sum.Baseline,
		Context: [][2]string{
			{"tests", fmt.Sprintf("%d used (completed by every system), %d dropped", len(sum.Used), len(sum.Dropped))},
			{"spread", "95% interval of the geometric mean over tests (exp(mean ± 1.96·s.d./√n) of log ratios); geo s.d. = typical per-test factor"},
			{"prices", w.engine.Prices.Describe()},
		},
		Columns: []output.Column{
			{Key: "system", Header: "system"}, {Key: "relative", Header: "relative perf"},
			{Key: "lo", Header: "95% low"}, {Key: "hi", Header: "95% high"}, {Key: "gsd", Header: "geo s.d."},
			{Key: "min", Header: "worst test"}, {Key: "max", Header: "best test"},
			{Key: "price", Header: "price (USD/h)"}, {Key: "perf_per_dollar", Header: "perf per $/h (relative)"},
		},
	}
	priceMetric, _ := w.metrics.Lookup("cloud-price")
	var basePrice float64
	prices := make(map[string]compare.Result)
	for _, s := range sum.Scores {
		r := w.engine.Evaluate(priceMetric, s.System, compare.Options{Basis: compare.PerSystem})
		prices[s.System] = r
		if s.System == sum.Baseline && r.OK() {
			basePrice = r.Value
		}
	}
	for _, s := range sum.Scores {
		p := prices[s.System]
		priceCell, ppd := output.Cell{Text: "n/a", Missing: "no on-demand price"}, output.Cell{Text: "n/a", Missing: "no price for it or the baseline"}
		if p.OK() {
			priceCell = output.Cell{Text: fmt.Sprintf("%.4g", p.Value), Raw: p.Value}
			if basePrice > 0 {
				v := s.Relative * basePrice / p.Value
				ppd = output.Cell{Text: fmt.Sprintf("%.3fx", v), Raw: v}
			}
		}
		t.Rows = append(t.Rows, []output.Cell{output.Str(s.System),
			{Text: fmt.Sprintf("%.3fx", s.Relative), Raw: s.Relative},
			{Text: fmt.Sprintf("%.3fx", s.Lo), Raw: s.Lo}, {Text: fmt.Sprintf("%.3fx", s.Hi), Raw: s.Hi},
			{Text: fmt.Sprintf("%.3f", s.GSD), Raw: s.GSD},
			{Text: fmt.Sprintf("%.3fx", s.Min), Raw: s.Min}, {Text: fmt.Sprintf("%.3fx", s.Max), Raw: s.Max},
			priceCell, ppd})
	}
	sort.Strings(sum.Used)
	for _, u := range sum.Used {
		t.Notes = append(t.Notes, "used: "+u)
	}
	for _, d := range sum.Dropped {
		t.Notes = append(t.Notes, "dropped: "+d.Test+" ("+d.Reason+")")
	}
	t.Notes = append(t.Notes, notes...)
	return t
}

// firstReasons lists up to n of the reasons an import left results out.
func firstReasons(ds []bench.Dropped, n int) string {
	var out []string
	for i, d := range ds {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(ds)-n))
			break
		}
		out = append(out, d.Test+": "+d.Reason)
	}
	return strings.Join(out, "; ")
}
