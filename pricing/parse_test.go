package pricing

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/specs"
)

// TestPriceProblems pins every problem of a hostile price sheet and of a
// second layer over it, in order, with positions: Parse reads prices
// without the catalog and Check adds what needs it (unknown offerings,
// plausibility), so the test also holds the two halves to reporting a
// row's problems as one pass did, e.g. an implausible upfront fee before
// the note that an on-demand term ignores it (same column), and no "zero
// price" for a row whose offering is unknown.
func TestPriceProblems(t *testing.T) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	src := func(dir string) specs.Source {
		return specs.Source{FS: os.DirFS("testdata/bad-prices/" + dir), Name: dir}
	}
	book, err := Load(cat, Defaults(), src("a"), src("b"))
	var got []string
	if err != nil {
		got = strings.Split(err.Error(), "\n")
	}
	const implausible = " USD/h is outside the plausible range [0.000001, 1000000000] USD/h: if it is real, widen the range with a row in a bounds*.csv sheet (docs/DATA.md)"
	want := []string{
		`a/prices.csv:3:61: source: duplicate price: p5.48xlarge us-east-1 on-demand on 2025-06 from this source is already at a/prices.csv:2`,
		`a/prices.csv:4:5: offering: unknown offering "nosuch" (not a system in any systems sheet)`,
		`a/prices.csv:5:5: offering: missing offering`,
		`a/prices.csv:6:5: offering: unknown offering "nosuch2" (not a system in any systems sheet)`,
		`a/prices.csv:7:37: usd_per_hour: zero price with no upfront fee`,
		`a/prices.csv:8:39: upfront_usd: an upfront fee on the on-demand term would be ignored: only reserved, savings and committed terms have one`,
		`a/prices.csv:9:39: upfront_usd: upfront_usd 1000000000000000 USD is outside the plausible range [0.01, 10000000000000] USD: if it is real, widen the range with a row in a bounds*.csv sheet (docs/DATA.md)`,
		`a/prices.csv:9:39: upfront_usd: an upfront fee on the on-demand term would be ignored: only reserved, savings and committed terms have one`,
		`a/prices.csv:10:37: usd_per_hour: usd_per_hour 1000000000000` + implausible,
		`a/prices.csv:11:37: usd_per_hour: usd_per_hour 1000000000000` + implausible,
		`a/prices.csv:11:42: upfront_usd: negative price -3`,
		`a/prices.csv:11:45: purchase_option: unknown purchase option "odd" (want no-upfront, partial-upfront or all-upfront)`,
		`a/prices.csv:11:49: offering_class: unknown offering class "weird" (want standard or convertible)`,
		`a/prices.csv:12:1: provider: missing provider`,
		`a/prices.csv:12:2: offering: unknown offering "nosuch3" (not a system in any systems sheet)`,
		`a/prices.csv:12:20: term: unknown term "bogus" (want one of on-demand, reserved-1y, reserved-3y, savings-1y, savings-3y, committed-1y, committed-3y, spot, capacity-block)`,
		`a/prices.csv:12:26: usd_per_hour: negative price -1`,
		`a/prices.csv:12:29: upfront_usd: "x" is not a number`,
		`a/prices.csv:12:33: as_of: bad date "20x": want YYYY, YYYY-MM or YYYY-MM-DD`,
		`a/prices.csv:12:37: status: unknown status "vendorx" (want one of measured, vendor, derived, reported, estimate, assumption, target)`,
		`a/prices.csv:12:45: source: missing source: every price needs a URL or document`,
		`a/prices.csv:13:109: low: an estimated price needs low and high, or a note saying "no range" and why`,
		`a/prices.csv:14:109: low: give both low and high, or neither`,
		`a/prices.csv:15:109: low: low 6 <= usd_per_hour 5 <= high 7 does not hold`,
		`a/prices.csv:17:39: usd_per_hour: zero price with no upfront fee`,
		`a/prices.csv:18:37: usd_per_hour: usd_per_hour 1000000000000` + implausible,
		`a/prices.csv:19:37: usd_per_hour: "x" is not a number`,
		`a/prices.csv:19:42: as_of: missing date: every price needs the date it was in force`,
		`a/prices.csv:19:43: status: missing status (one of measured, vendor, derived, reported, estimate, assumption, target)`,
		`a/prices.csv:19:44: source: missing source: every price needs a URL or document`,
		`b/prices.csv:3:58: source: duplicate price: p5.48xlarge us-east-1 on-demand on 2025-06 from this source is already at b/prices.csv:2`,
		`b/prices.csv:4:37: usd_per_hour: usd_per_hour 1000000000000` + implausible,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(book.Prices.Replaced); n != 1 || book.Prices.Replaced[0].New.Pos.String() != "b/prices.csv:2" {
		t.Errorf("replaced %d prices (%v); want 1, by b/prices.csv:2", n, book.Prices.Replaced)
	}
	if p, ok := book.Prices.Find("p5.48xlarge", Query{Term: OnDemand, Region: "us-east-1", AsOf: specs.Date{Year: 2025, Month: 6}}); !ok || p.PerHour != 90 {
		t.Errorf("p5.48xlarge on-demand in 2025-06 = %+v; want the second layer's 90 USD/h", p)
	}
}

// TestParseCancelled checks that Parse stops with ctx's error.
func TestParseCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if p, err := Parse(ctx, Defaults()); p != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("Parse after cancel = %v, %v; want context.Canceled", p, err)
	}
}

// TestPriceKeys checks that prices are numbered by key, also when keys
// share a hash (forced here: every key hashes alike).
func TestPriceKeys(t *testing.T) {
	price := func(offering, region string) *Price {
		return &Price{Provider: "aws", Offering: offering, Region: region, Term: OnDemand, AsOf: specs.Date{Year: 2025}, Source: "s"}
	}
	rows := []*Price{price("a", "x"), price("b", "x"), price("a", "x"), price("a", "y"), price("b", "x"), price("a", "y")}
	want := []int32{0, 1, 0, 2, 1, 2}
	for _, hash := range []func(string) uint64{nil, func(string) uint64 { return 1 }} {
		ks := priceKeys{hash: hash}
		for i, p := range rows {
			if id := ks.id(p); id != want[i] {
				t.Errorf("row %d (%s): id %d; want %d (colliding hash: %v)", i, p.key(), id, want[i], hash != nil)
			}
		}
	}
}
