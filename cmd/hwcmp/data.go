package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/claims"
	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/workload"
	"github.com/spf13/pflag"
)

// dataFlags are the flags that choose which sheets a command reads.
type dataFlags struct {
	dirs       []string
	noDefaults bool
	// extra are folders read after the --data ones: an import's output,
	// checked with everything else before it is written.
	extra []specs.Source
	// ctx stops loading on Ctrl-C; runCommand sets it (nil: never).
	ctx context.Context
	// bounds is what a figure outside its plausible range does: refuse
	// (also when empty), warn or off.
	bounds string
}

func (d *dataFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&d.dirs, "data", nil, "read the CSV sheets in `DIR` on top of the built-in data (repeatable; later folders win)")
	fs.BoolVar(&d.noDefaults, "no-defaults", false, "use only the sheets given with --data, not the built-in data")
	fs.StringVar(&d.bounds, "bounds", string(specs.BoundsRefuse), "what a figure outside its quantity's plausible range does: `MODE` refuse (a problem), warn (it loads, with a warning) or off (it loads); docs/DATA.md lists the ranges")
}

// outputFlags are the flags that say how a command's tables are written.
type outputFlags struct {
	format string
	table  string
	dir    string
	csvRaw bool
	wide   bool
}

// addFormat registers the output flags on fs: --format, --table,
// --output-dir, --csv-raw and --wide.
func (e *env) addFormat(fs *pflag.FlagSet) {
	o := &e.out
	fs.StringVar(&o.format, "format", "table", "output `format`: "+output.Formats)
	fs.StringVar(&o.table, "table", "", "print only the table `NAME` (needed for --format csv when a command prints several)")
	fs.StringVar(&o.dir, "output-dir", "", "write one file per table into `DIR` (NAME.csv, NAME.json ...), atomically")
	fs.BoolVar(&o.csvRaw, "csv-raw", false, "for --format csv: write text cells as they are, without the ' that stops a spreadsheet running =, +, -, @ as a formula")
	fs.BoolVar(&o.wide, "wide", false, "for --format table: show every column, however wide the terminal")
}

// outputFormat returns the output options the flags ask for.
func (e *env) outputFormat() (output.Options, error) {
	f, err := output.ParseFormat(e.out.format)
	if err != nil {
		return output.Options{}, usageError("--format: %v", err)
	}
	o := output.Options{Format: f, Table: e.out.table, Dir: e.out.dir, CSVRaw: e.out.csvRaw, Wide: e.out.wide, Width: e.width}
	if o.CSVRaw && f != output.CSV {
		return o, usageError("--csv-raw applies only to --format csv")
	}
	if o.Wide && f != output.Text {
		return o, usageError("--wide applies only to --format table")
	}
	if o.Dir != "" {
		if st, err := os.Stat(o.Dir); err != nil || !st.IsDir() {
			return o, usageError("--output-dir %s: not an existing folder", o.Dir)
		}
	}
	return o, nil
}

// emptyResult reports d's problems on stderr (JSON already carries them)
// and, under --strict, makes a result the filters left empty a failure.
func (e *env) emptyResult(d *output.Doc, strict bool) error {
	o, _ := e.outputFormat()
	if o.Format != output.JSON || o.Dir != "" {
		for _, p := range d.Problems {
			fmt.Fprintln(e.stderr, "hwcmp:", output.PrintableLines(p))
		}
	}
	if strict && len(d.Problems) > 0 {
		return errFailed
	}
	return nil
}

// write writes a command's tables under the output flags, and reports
// its problems on stderr (JSON carries them too).
func (e *env) write(d *output.Doc) error {
	o, err := e.outputFormat()
	if err != nil {
		return err
	}
	if err := d.Write(e.stdout, o); err != nil {
		return err
	}
	return e.emptyResult(d, false)
}

// sources returns the folders to read, defaults first.
func (d *dataFlags) sources(defaults specs.Source) ([]specs.Source, error) {
	var srcs []specs.Source
	if !d.noDefaults {
		srcs = append(srcs, defaults)
	} else if len(d.dirs) == 0 {
		return nil, usageError("--no-defaults needs at least one --data folder")
	}
	srcs = append(srcs, d.userSources()...)
	return append(srcs, d.extra...), nil
}

// userSources returns the --data folders.
func (d *dataFlags) userSources() []specs.Source {
	var srcs []specs.Source
	for _, dir := range d.dirs {
		srcs = append(srcs, specs.Source{FS: os.DirFS(dir), Name: dir})
	}
	return srcs
}

// checkDirs checks that every --data folder exists, can be read and holds
// at least one CSV sheet, and that no sub-folder holds sheets (they would
// not be read): a --data that silently contributed nothing would leave a
// user looking at built-in figures while believing them their own.
func (d *dataFlags) checkDirs() error {
	for _, dir := range d.dirs {
		st, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("--data: %w", err)
		}
		if !st.IsDir() {
			return fmt.Errorf("--data %s: not a folder (give the folder that holds the CSV sheets)", dir)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("--data: %w", err)
		}
		sheets := 0
		for _, e := range entries {
			if !isCSV(e.Name()) {
				continue
			}
			if !e.IsDir() {
				sheets++
			}
		}
		for _, e := range entries {
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") { // hidden: .git, a write's temporary
				continue
			}
			sub := filepath.Join(dir, e.Name())
			if inner, _ := filepath.Glob(filepath.Join(sub, "*.[cC][sS][vV]")); len(inner) > 0 {
				return fmt.Errorf("--data %s: sub-folder %s holds CSV sheets, which are not read: move them up, or give --data %s", dir, sub, sub)
			}
		}
		if sheets == 0 {
			return fmt.Errorf("--data %s: the folder holds no .csv sheets (see docs/DATA.md for sheet names)", dir)
		}
	}
	return nil
}

// isCSV reports whether a file name ends in .csv, in any case.
func isCSV(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".csv") }

// unclaimed lists the CSV files in the --data folders that no sheet type
// matches, so that a misnamed sheet is reported instead of ignored.
func (d *dataFlags) unclaimed(owners ...func(string) bool) sheet.Errors {
	var errs sheet.Errors
	for _, dir := range d.dirs {
		files, _ := fs.Glob(os.DirFS(dir), "*")
		sort.Strings(files)
	file:
		for _, f := range files {
			if !isCSV(f) {
				continue
			}
			for _, owns := range owners {
				if owns(f) {
					continue file
				}
			}
			errs = append(errs, &sheet.Error{File: path.Join(dir, f),
				Err: fmt.Errorf("not a known sheet: see docs/DATA.md for sheet names (chips*.csv, values*.csv, prices*.csv, claims*.csv, benchmarks*.csv ...)")})
		}
	}
	return errs
}

// world is everything the data flags select, loaded and checked, with the
// engine that evaluates metrics over it.
type world struct {
	catalog *specs.Catalog
	book    *pricing.Book
	engine  *compare.Engine
	metrics *compare.Registry
	bench   []*bench.Result
	claims  []*claims.Claim
	// models and measured are the LLM catalog and MLPerf results of
	// package workload ('hwcmp tokens').
	models   *workload.Models
	measured []*workload.Measured
	// training are the MLPerf Training results ('hwcmp tokens --validate --training').
	training []*workload.TrainingResult
	// dataDirs are the --data folders, to say where figures came from.
	dataDirs []string
	// implausible lists the figures outside their plausible range that
	// loaded under --bounds warn.
	implausible sheet.Errors
}

// userPrices counts the price rows read from --data folders.
func (w *world) userPrices() int {
	n := 0
	for _, p := range w.book.Prices.All() {
		for _, d := range w.dataDirs {
			if strings.HasPrefix(p.Pos.File(), d+"/") {
				n++
				break
			}
		}
	}
	return n
}

// overrides lists what the --data sheets replaced.
func (w *world) overrides() []string {
	return append(w.catalog.Overrides(), w.book.Overrides()...)
}

// loadAll reads every sheet and returns the dataset with all problems
// found; commands other than validate refuse to run on a dataset with
// problems.
func (d *dataFlags) loadAll() (*world, sheet.Errors, error) {
	if !d.noDefaults || len(d.dirs) == 0 {
		if _, err := d.sources(specs.Defaults()); err != nil {
			return nil, nil, err
		}
	}
	if err := d.checkDirs(); err != nil {
		return nil, nil, err
	}
	mode, err := specs.ParseBoundsMode(cmp.Or(d.bounds, string(specs.BoundsRefuse)))
	if err != nil {
		return nil, nil, usageError("--bounds: %v", err)
	}
	specSrcs, _ := d.sources(specs.Defaults())
	priceSrcs, _ := d.sources(pricing.Defaults())
	benchSrcs, _ := d.sources(bench.Defaults())
	claimSrcs, _ := d.sources(claims.Defaults())
	workSrcs, _ := d.sources(workload.Defaults())
	errs := d.unclaimed(specs.Owns, pricing.Owns, bench.Owns, claims.Owns, workload.Owns)
	ctx := cmp.Or[context.Context](d.ctx, context.Background())
	// The price sheets (a price per system: 100,000 rows at the scale
	// hwcmp is tested at) are read and parsed on a goroutine of their own
	// while the catalog loads; checking them needs the catalog.
	var prices *pricing.Parsed
	var priceErr error
	parsed := make(chan struct{})
	go func() {
		defer close(parsed)
		prices, priceErr = pricing.Parse(ctx, priceSrcs...)
	}()
	cat, err := specs.LoadContext(ctx, specs.LoadOptions{Bounds: mode}, specSrcs...)
	<-parsed // on Ctrl-C it stops soon too; wait so that nothing outlives the call
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if priceErr != nil {
		return nil, nil, priceErr
	}
	errs.Collect("", err)
	book, err := prices.Check(cat)
	errs.Collect("", err)
	results, err := bench.Load(cat.Known, benchSrcs...)
	errs.Collect("", err)
	cls, err := claims.Load(claimSrcs...)
	errs.Collect("", err)
	models, err := workload.LoadModels(workSrcs...)
	errs.Collect("", err)
	measured, err := workload.LoadMeasured(cat.Known, models, workSrcs...)
	errs.Collect("", err)
	training, err := workload.LoadTraining(cat.Known, models, workSrcs...)
	errs.Collect("", err)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	errs.Sort()
	w := &world{training: training, models: models, measured: measured, catalog: cat, book: book, engine: &compare.Engine{Catalog: cat, Book: book, Workloads: &compare.TokenData{Models: models, Measured: measured}},
		metrics: compare.DefaultMetrics(), bench: results, claims: cls, dataDirs: d.dirs,
		implausible: append(slices.Clip(cat.Implausible), book.Implausible...)}
	if a, err := book.Assumptions("hyperscaler"); err == nil {
		w.engine.Assumptions = a
	}
	return w, errs, nil
}

// load is loadAll for commands that need clean data.
func (d *dataFlags) load() (*world, error) {
	ds, errs, err := d.loadAll()
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("the data has %d problem(s); run 'hwcmp validate' for the list. The first:\n%s", len(errs), errs[0])
	}
	return ds, nil
}

// loadWorld loads the data the command's flags select. Figures that
// --bounds warn let in are named on standard error, a line each.
func (e *env) loadWorld() (*world, error) {
	w, err := e.data.load()
	if err == nil {
		printImplausible(e.stderr, w)
	}
	return w, err
}

// printImplausible warns, one line each, of the figures outside their
// plausible range that --bounds warn let load.
func printImplausible(w io.Writer, ds *world) {
	for _, err := range ds.implausible {
		fmt.Fprintln(w, "warning:", output.PrintableLines(err.Error()))
	}
}

// start parses --format and loads the data: the first steps of every
// command that prints a table.
func (e *env) start() (output.Options, *world, error) {
	f, err := e.outputFormat()
	if err != nil {
		return f, nil, err
	}
	w, err := e.loadWorld()
	return f, w, err
}
