package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"
	"time"

	"github.com/gocarina/gocsv"
	"github.com/hwcmp/hwcmp/importer"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/safefile"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/spf13/pflag"
)

func importCommand() *command {
	return &command{
		name:  "import",
		usage: "aws|azure|gcp|epoch FILE|URL -o DIR [flags]",
		short: "import cloud price lists or Epoch AI's hardware CSV into hwcmp sheets",
		long: `
'hwcmp import SOURCE FILE|URL -o DIR' reads a published price list or dataset
and writes hwcmp sheets into DIR, ready for --data DIR:

	aws    the AWS Price List bulk file for AmazonEC2, CSV or JSON (by the
	       file's extension, or --json): Linux, shared tenancy, no
	       pre-installed software, used capacity; on-demand, capacity
	       blocks and reserved terms, upfront fees folded into an effective
	       hourly rate. The Publication Date becomes the prices' as-of date.
	       → prices-aws.csv
	azure  Azure Retail Prices API JSON: a page file, a folder of pages, or
	       the API URL, whose NextPageLink chain is followed. Reservation
	       prices are totals for the term. VM sizes map to system ids like
	       standard-nd96isr-h200-v5. → prices-azure.csv
	gcp    Google Cloud Billing Catalog SKUs (a page or an array): TPU
	       chip-hour prices, one row per region. → prices-gcp.csv
	epoch  Epoch AI's ml_hardware.csv: chips, their figures (dense) and
	       release prices. → chips-epoch.csv, values-epoch.csv,
	       capex-epoch.csv

Prices are kept only for offerings hwcmp knows (its systems, plus any in
--data); the rest are counted as dropped, with the reason. The summary
lists rows read, kept, dropped by reason, and duplicates (a second price for
the same offering, region and term is reported, never silently
overwritten). A URL is streamed with a progress bar on stderr (quiet when
stderr is not a terminal, or with --quiet). On any error, on Ctrl-C, when no
row is kept, or when the sheets would not load with the rest of the data,
nothing is written and the previous sheets stay as they were; otherwise the
sheets replace the previous ones as one set, never some old and some new.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			out := fs.StringP("output", "o", "", "write the sheets into `DIR` (created if needed)")
			region := fs.String("region", "", "keep only this `region` (e.g. us-east-1, eastus, us-central1)")
			jsonIn := fs.Bool("json", false, "aws: the input is the JSON price list (default: by extension)")
			quiet := fs.Bool("quiet", false, "no progress bar")
			date := fs.String("date", "", "gcp, epoch: the `date` of the data where the file carries none (YYYY-MM-DD)")
			e.data.register(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) != 2 {
					return usageError("import needs a source (aws, azure, gcp or epoch) and a FILE or URL")
				}
				if *out == "" {
					return usageError("import needs -o DIR")
				}
				var asOf specs.Date
				if *date != "" {
					d, err := specs.ParseDate(*date)
					if err != nil {
						return usageError("--date: %v", err)
					}
					asOf = d
				}
				w, err := e.loadWorld()
				if err != nil {
					return err
				}
				known := func(id string) bool { _, ok := w.catalog.System(id); return ok }
				opt := importer.Options{Region: *region, Known: known}
				var progress io.Writer
				if !*quiet && importer.Terminal(e.stderr) {
					progress = e.stderr
				}
				client := &http.Client{Timeout: 30 * time.Minute}
				kind, src := strings.ToLower(args[0]), args[1]
				if err := importFlagsFor(fs, kind); err != nil {
					return err
				}
				open := func() (io.ReadCloser, error) {
					rc, err := importer.Open(ctx, client, src, progress)
					return importer.WithContext(ctx, rc), err
				}
				files := map[string][]byte{}
				var sum *importer.Summary
				switch kind {
				case "aws":
					rc, err := open()
					if err != nil {
						return err
					}
					defer rc.Close()
					parse := importer.AWSCSV
					if *jsonIn || filepath.Ext(src) == ".json" {
						parse = importer.AWSJSON
					}
					rows, s, err := parse(rc, src, opt)
					if err != nil {
						return err
					}
					sum = s
					if files["prices-aws.csv"], err = importer.MarshalPrices(rows); err != nil {
						return err
					}
				case "azure":
					rows, s, err := importer.Azure(ctx, client, src, progress, opt)
					if err != nil {
						return err
					}
					sum = s
					if files["prices-azure.csv"], err = importer.MarshalPrices(rows); err != nil {
						return err
					}
				case "gcp":
					rc, err := open()
					if err != nil {
						return err
					}
					defer rc.Close()
					rows, s, err := importer.GCP(rc, src, asOf, opt)
					if err != nil {
						return err
					}
					sum = s
					if files["prices-gcp.csv"], err = importer.MarshalPrices(rows); err != nil {
						return err
					}
				case "epoch":
					rc, err := open()
					if err != nil {
						return err
					}
					defer rc.Close()
					sh, s, err := importer.Epoch(rc, src, asOf, w.catalog.Known)
					if err != nil {
						return err
					}
					sum = s
					for name, v := range map[string]any{"chips-epoch.csv": sh.Chips, "values-epoch.csv": sh.Values, "capex-epoch.csv": sh.Capex} {
						var b bytes.Buffer
						if err := gocsv.Marshal(v, &b); err != nil {
							return err
						}
						files[name] = b.Bytes()
					}
				default:
					return usageError("unknown import source %q (want aws, azure, gcp or epoch)", kind)
				}
				if sum.Kept == 0 {
					for _, l := range sum.Lines() {
						fmt.Fprintln(e.stderr, l)
					}
					return fmt.Errorf("import %s: no rows kept (see the summary above): nothing written, %s left as it was", kind, *out)
				}
				if err := checkImport(e.data, *out, files); err != nil {
					return err
				}
				// The sheets are swapped in as one set: a kill or Ctrl-C
				// leaves the old set whole, never old and new mixed.
				if err := safefile.WriteSet(ctx, *out, files, safefile.Options{}); err != nil {
					return err
				}
				names := make([]string, 0, len(files))
				for name := range files {
					names = append(names, name)
				}
				sort.Strings(names)
				for _, name := range names {
					fmt.Fprintln(e.stdout, "wrote", filepath.Join(*out, name))
				}
				for _, l := range sum.Lines() {
					fmt.Fprintln(e.stdout, l)
				}
				fmt.Fprintf(e.stdout, "use them: hwcmp validate --data %s\n", *out)
				return nil
			}
		},
	}
}

func exportCommand() *command {
	return &command{
		name:  "export",
		usage: "epoch -o FILE",
		short: "export hwcmp's accelerators in Epoch AI's ml_hardware.csv layout",
		long: `
'hwcmp export epoch -o FILE' writes every accelerator in the layout of Epoch
AI's ml_hardware.csv (its current 39-column header): the preferred dense
figure at each precision Epoch has a column for, memory, bandwidths and TDP
in SI base units, and the purchase price where hwcmp has one. Columns Epoch
derives (max performance, efficiency, price-performance) are left empty.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			out := fs.StringP("output", "o", "", "write to `FILE` (- for standard output)")
			var wf writeFlags
			wf.register(fs)
			e.data.register(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 || args[0] != "epoch" {
					return usageError("export supports one format: epoch")
				}
				if *out == "" {
					return usageError("export needs -o FILE")
				}
				if err := wf.check(*out); err != nil {
					return err
				}
				w, err := e.loadWorld()
				if err != nil {
					return err
				}
				var b bytes.Buffer
				capex := func(chip string) (float64, bool) {
					if f, ok := w.book.Figure(chip, pricing.QCapex); ok {
						return f.Base, true
					}
					return 0, false
				}
				if err := importer.ExportEpoch(&b, w.catalog, capex); err != nil {
					return err
				}
				return wf.write(ctx, e.stdout, e.stdout, *out, b.Bytes())
			}
		},
	}
}

// importFlagUse lists the flags each import source reads beyond -o,
// --data, --no-defaults and --quiet; any other is refused, so that a
// --date or --region the source cannot use never passes silently.
var importFlagUse = map[string][]string{
	"aws":   {"region", "json"},
	"azure": {"region"},
	"gcp":   {"region", "date"},
	"epoch": {"date"},
}

func importFlagsFor(fs *pflag.FlagSet, kind string) error {
	use, ok := importFlagUse[kind]
	if !ok {
		return nil // the unknown source is reported below
	}
	var not []string
	for _, n := range []string{"region", "json", "date"} {
		if !contains(use, n) {
			not = append(not, n)
		}
	}
	return unusedFlags(fs, "import "+kind, not...)
}

// checkImport loads the data the import ran with plus the sheets it is
// about to write, as the next command reading --data DIR would, and
// refuses sheets with problems: an import never writes what would then
// break every command.
func checkImport(d dataFlags, dir string, files map[string][]byte) error {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	d.extra = append(d.extra, specs.Source{FS: fsys, Name: dir})
	_, errs, err := d.loadAll()
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return fmt.Errorf("the imported sheets would not load, so nothing was written (%d problem(s)); the first:\n%s", len(errs), errs[0])
	}
	return nil
}
