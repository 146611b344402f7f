package pricing

import (
	"math"
	"os"
	"testing"
	"testing/fstest"

	"github.com/hwcmp/hwcmp/specs"
)

// FuzzLoad loads a fuzzed price sheet and sites sheet on top of the
// built-in data: whatever loads without problems has finite, plausible
// amounts and finite effective rates.
func FuzzLoad(f *testing.F) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		f.Fatal(err)
	}
	prices, err := os.ReadFile("data/prices.csv")
	if err != nil {
		f.Fatal(err)
	}
	sites, err := os.ReadFile("data/sites.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(prices, sites)
	f.Add([]byte("provider,offering,region,term,usd_per_hour,upfront_usd,as_of,status,source\naws,p5.48xlarge,us-east-1,reserved-1y,10,1e5,2025-01-01,vendor,s\n"), []byte("id,name,kind,operator,source,as_of\n"))
	cols := priceColumns()
	f.Fuzz(func(t *testing.T, prices, sites []byte) {
		src := specs.Source{FS: fstest.MapFS{"prices-f.csv": {Data: prices}, "sites-f.csv": {Data: sites}}, Name: "f"}
		b, err := Load(cat, Defaults(), src)
		if err != nil {
			return
		}
		for _, p := range b.Prices.All() {
			if e := p.Effective(); math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
				t.Fatalf("%s: effective rate %v", p.Pos, e)
			}
			if err := cols[QPriceHour].CheckPlausible(p.PerHour); err != nil {
				t.Fatalf("%s: %v", p.Pos, err)
			}
		}
		for _, s := range b.Sites {
			if got, ok := b.Site(s.ID); !ok || got != s {
				t.Fatalf("site %s not found by id", s.ID)
			}
		}
	})
}
