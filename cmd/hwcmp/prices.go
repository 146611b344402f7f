package main

import (
	"context"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/provenance"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/spf13/pflag"
)

func pricesCommand() *command {
	return &command{
		name:  "prices",
		usage: "[--provider P] [--term T] [--as-of DATE] [--history] [flags]",
		short: "list cloud prices, with per-chip-hour prices derived",
		long: `
'hwcmp prices' lists the price in force for each offering and term: the
newest dated row, or with --as-of DATE the newest on or before that date
(AWS cut P5 prices in mid-2025: --as-of 2025-01-01 shows the old ones).
--history lists every dated row instead.

Each offering and term is shown in one region, by the region policy that
every price-using command follows: the provider's default region (AWS
us-east-1, GCP us-central1, Azure eastus), else the cheapest US region, else
a price whose source states no region. --region R shows the prices in R
(or a comma-separated list, in order of preference); --region all shows
the price in force in every region. Reserved and committed terms fold
any upfront fee into an effective hourly rate: hourly + upfront ÷ (years ×
8,760). The per-chip-hour column divides by the offering's chips and is
marked derived.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			provider := fs.String("provider", "", "only this `provider`: aws, gcp ...")
			term := fs.String("term", "", "only this `term` (default: all terms)")
			asOf := fs.String("as-of", "", "prices in force on this `date` (YYYY-MM-DD; YYYY or YYYY-MM means its end)")
			history := fs.Bool("history", false, "list every dated price row, not only the one in force")
			strict := fs.Bool("strict", false, "exit 1 when the filters match no price")
			var sf subjectFlags
			sf.register(fs)
			region := fs.String("region", "", "show prices in this `region` (or a comma-separated list in order of preference, or 'all'; default: the region policy)")
			e.data.register(fs)
			e.addFormat(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("prices takes no arguments")
				}
				f, w, err := e.start()
				if err != nil {
					return err
				}
				var date specs.Date
				if *asOf != "" {
					if date, err = specs.ParseDate(*asOf); err != nil {
						return usageError("--as-of: %v", err)
					}
				}
				var onlyTerm pricing.Term
				if *term != "" {
					if onlyTerm, err = parseEnumFlag("term", *term, pricing.ParseTerm); err != nil {
						return err
					}
				}
				if *provider != "" {
					var providers []string
					for _, p := range w.book.Prices.All() {
						if !contains(providers, p.Provider) {
							providers = append(providers, p.Provider)
						}
					}
					if !containsFold(providers, *provider) {
						return usageError("--provider: no prices from %q (providers: %s)%s", *provider, strings.Join(providers, ", "), didYouMean(*provider, providers))
					}
				}
				var offerings map[string]bool
				if sf.given() {
					var ids []string
					for _, s := range w.catalog.Systems {
						ids = append(ids, s.ID)
					}
					picked, err := sf.pick(w.catalog, ids)
					if err != nil {
						return err
					}
					offerings = make(map[string]bool)
					for _, id := range picked {
						offerings[id] = true
					}
				}
				var rows []*pricing.Price
				for _, p := range w.book.Prices.All() {
					if *provider != "" && !strings.EqualFold(p.Provider, *provider) || onlyTerm != "" && p.Term != onlyTerm {
						continue
					}
					if offerings != nil && !offerings[p.Offering] {
						continue
					}
					if !date.IsZero() && p.AsOf.After(date) {
						continue
					}
					if !*history {
						q := pricing.Query{Term: p.Term, Region: *region, AsOf: date}
						if *region == "all" {
							q.Region = p.Region
						}
						in, _ := w.book.Prices.Find(p.Offering, q)
						if in != p {
							continue
						}
					}
					rows = append(rows, p)
				}
				sort.SliceStable(rows, func(i, j int) bool {
					a, b := rows[i], rows[j]
					if a.Offering != b.Offering {
						return a.Offering < b.Offering
					}
					if a.Term != b.Term {
						return a.Term < b.Term
					}
					if a.Region != b.Region {
						return a.Region < b.Region
					}
					return a.AsOf.Compare(b.AsOf) < 0
				})
				hourly := units.MoneyRate.Display()
				money := units.Money.Display()
				t := &output.Table{
					Name:  "prices",
					Title: "Cloud prices",
					Columns: []output.Column{
						{Key: "provider", Header: "provider"}, {Key: "offering", Header: "offering"}, {Key: "region", Header: "region"},
						{Key: "term", Header: "term"}, {Key: "price", Header: "price", Display: &hourly, Unit: "USD/h", Ranged: true},
						{Key: "upfront", Header: "upfront", Display: &money, Unit: "USD", Priority: 2},
						{Key: "chips", Header: "chips"}, {Key: "chip_hour", Header: "per chip", Display: &hourly, Unit: "USD/h", Ranged: true},
						{Key: "as_of", Header: "as of"}, {Key: "status", Header: "status"}, {Key: "tier", Header: "tier", Priority: 1}, {Key: "source", Header: "source", Priority: 3},
					},
				}
				t.Context = [][2]string{{"selection", pricesSelection(*provider, *term, *asOf, *history)}, {"region", regionSelection(*region, *history)}}
				legend := markLegend{}
				for _, p := range rows {
					lo, hi := p.Range()
					chips, perChip := output.Cell{Text: "-", Missing: "no chip count"}, output.Cell{Text: "n/a", Missing: "no chip count"}
					if s, ok := w.catalog.System(p.Offering); ok && s.Chips > 0 {
						chips = output.Cell{Text: units.FormatNumber(float64(s.Chips)), Raw: float64(s.Chips)}
						n := float64(s.Chips)
						perChip = output.Range(p.Effective()/n, lo/n, hi/n)
						if s.Chips > 1 {
							perChip.Mark = legend.add(statusMark(specs.Derived))
						}
					}
					upfront := output.Cell{Text: "n/a", Missing: "no upfront fee"}
					if p.Upfront > 0 {
						upfront = output.Num(p.Upfront)
					}
					price := output.Range(p.Effective(), lo, hi)
					price.Mark = legend.add(statusMark(p.Status))
					t.Rows = append(t.Rows, []output.Cell{
						output.Str(p.Provider), output.Str(p.Offering), output.Str(p.Region), output.Str(string(p.Term)),
						price, upfront, chips, perChip, output.Str(p.AsOf.String()), output.Str(string(p.Status)),
						output.Str(string(provenance.Classify(p.Source).Tier)), output.Str(p.Source),
					})
				}
				t.Notes = append(t.Notes, "price: effective USD per hour of the whole offering (upfront fees folded in), [low–high] where the row gives a range (estimates); region '-': the source does not say.")
				if n := legend.note(); n != "" {
					t.Notes = append(t.Notes, n)
				}
				doc := &output.Doc{Tables: []*output.Table{t}}
				if len(rows) == 0 {
					doc.Problems = append(doc.Problems, "no prices match "+pricesSelection(*provider, *term, *asOf, *history))
				}
				if err := doc.Write(e.stdout, f); err != nil {
					return err
				}
				return e.emptyResult(doc, *strict)
			}
		},
	}
}

func pricesSelection(provider, term, asOf string, history bool) string {
	s := "all providers"
	if provider != "" {
		s = provider
	}
	if term != "" {
		s += ", " + term
	} else {
		s += ", all terms"
	}
	switch {
	case history:
		s += ", every dated row"
	case asOf != "":
		s += ", in force on " + asOf
	default:
		s += ", newest"
	}
	return s
}

// regionSelection says which regions' prices a prices table shows.
func regionSelection(region string, history bool) string {
	switch {
	case history || region == "all":
		return "every region"
	case region != "":
		return strings.ReplaceAll(region, ",", ", else ")
	}
	return pricing.RegionPolicy
}
