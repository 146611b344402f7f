package pricing

import (
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hwcmp/hwcmp/specs"
)

func near(a, b, rel float64) bool { return math.Abs(a-b) <= rel*math.Abs(b) }

func TestCRF(t *testing.T) {
	test := func(r, n, want float64) {
		t.Helper()
		if got := CRF(r, n); !near(got, want, 1e-9) {
			t.Errorf("CRF(%v, %v) = %v; want %v", r, n, got, want)
		}
	}
	test(0, 5, 0.2)
	// 0.08 × 1.08^5 / (1.08^5 − 1), by hand: 0.08 × 1.4693280768 / 0.4693280768.
	test(0.08, 5, 0.08*1.4693280768/0.4693280768)
	test(0.1, 1, 1.1)
	// A 30-year loan at 5% repays 6.5051% a year.
	test(0.05, 30, 0.0650514351)
}

func hand(t *testing.T, overrides ...string) *Assumptions {
	t.Helper()
	v := map[string]string{"electricity": "0.1", "pue": "1.2", "host-power": "300", "facility-capex": "10",
		"life": "5", "facility-life": "20", "wacc": "0", "utilization": "0.5", "ops-share": "0"}
	for i := 0; i+1 < len(overrides); i += 2 {
		v[overrides[i]] = overrides[i+1]
	}
	a, err := NewAssumptions("hand", v)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestTCOByHand checks the TCO model against a case worked by hand:
// capex 30,000 USD, 700 W chip + 300 W host = 1,000 W, PUE 1.2, 0.10 USD/kWh,
// 5-year life, 10 USD/W facility over 20 years, no cost of capital, 50%
// utilization, no operations share.
func TestTCOByHand(t *testing.T) {
	c := ChipCost{Chip: "x", Capex: 30000, Power: 700}
	tco := ComputeTCO(c, hand(t))
	want := map[string]float64{
		"capital":    30000.0 / 5,                   // 6,000 per year
		"facility":   10 * 1000.0 / 20,              // 500 per year
		"energy":     1000 * 1.2 * 8760 * 0.1 / 1e3, // 1,051.2 per year
		"operations": 0,
	}
	for _, comp := range tco.Components {
		if !near(comp.PerYear, want[comp.Name], 1e-12) && !(want[comp.Name] == 0 && comp.PerYear == 0) {
			t.Errorf("%s = %v per year; want %v", comp.Name, comp.PerYear, want[comp.Name])
		}
	}
	if !near(tco.PerYear, 7551.2, 1e-12) || !near(tco.PerChipHour, 7551.2/4380, 1e-12) {
		t.Errorf("TCO = %v per year, %v per chip-hour; want 7551.2 and %v", tco.PerYear, tco.PerChipHour, 7551.2/4380)
	}
	// With an 8% cost of capital the capital line uses the CRF, not 1/life.
	tco = ComputeTCO(c, hand(t, "wacc", "8%"))
	if got := tco.Components[0].PerYear; !near(got, 30000*CRF(0.08, 5), 1e-12) {
		t.Errorf("capital at 8%% = %v; want %v", got, 30000*CRF(0.08, 5))
	}
}

func TestPerGWByHand(t *testing.T) {
	c := ChipCost{Chip: "x", Capex: 30000, Power: 700}
	g := ComputePerGW(c, hand(t), 1e15, 2)
	check := func(name string, got, want float64) {
		t.Helper()
		if !near(got, want, 1e-9) {
			t.Errorf("%s = %v; want %v", name, got, want)
		}
	}
	check("all-in W", g.AllInWatts, 1200)
	check("chips per GW", g.ChipsPerGW, 1e9/1200)
	check("IT capex", g.ITCapex, 1e9/1200*30000)
	check("facility capex", g.FacilityCapex, 10*1e9/1.2)
	check("total capex", g.TotalCapex, 1e9/1200*30000+10*1e9/1.2)
	check("throughput", g.Throughput, 1e9/1200*1e15)
	check("revenue", g.RevenuePerYear, 1e9/1200*2*8760*0.5)
	check("opex", g.OpexPerYear, 1e9/1200*1051.2)
	check("payback", g.PaybackYears, g.TotalCapex/(g.RevenuePerYear-g.OpexPerYear))
}

func TestBadAssumptions(t *testing.T) {
	a := hand(t)
	test := func(name, value, want string) {
		t.Helper()
		err := a.Clone().Set(name, value)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Set(%s, %s) = %v; want an error containing %q", name, value, err, want)
		}
	}
	test("electricity", "-0.1", "--electricity -0.1: must not be negative")
	test("pue", "0.9", "--pue 0.9: PUE 0.9 is below 1")
	test("life", "0", "--life 0: must be above zero")
	test("utilization", "0", "--utilization 0: must be above zero")
	test("utilization", "1.5", "--utilization 1.5: utilization 1.5 is outside (0, 1]")
	test("utilization", "120%", "--utilization 120%: utilization 1.2 is outside (0, 1]")
	test("wacc", "abc", `--wacc abc: "abc" is not a number`)
	test("colour", "1", "--colour: not an assumption")
	if err := a.Clone().Set("utilization", "80%"); err != nil {
		t.Errorf("Set(utilization, 80%%) = %v", err)
	}
}

func TestSweep(t *testing.T) {
	sw, err := ParseSweep("pue=1.1:1.5:0.1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(sw.Values, ",") != "1.1,1.2,1.3,1.4,1.5" {
		t.Errorf("sweep values = %v", sw.Values)
	}
	c := ChipCost{Capex: 30000, Power: 700}
	pts, err := sw.Run(hand(t), func(a *Assumptions) float64 { return ComputeTCO(c, a).PerChipHour })
	if err != nil || len(pts) != 5 || !(pts[4].Out > pts[0].Out) {
		t.Errorf("Run = %v, %v; want TCO rising with PUE", pts, err)
	}
	for _, bad := range []string{"pue", "pue=1:2", "colour=1:2:1", "pue=2:1:0.1", "pue=1:2:0", "pue=0.5:1.2:0.1"} {
		sw, err := ParseSweep(bad)
		if err == nil {
			_, err = sw.Run(hand(t), func(*Assumptions) float64 { return 0 })
		}
		if err == nil {
			t.Errorf("ParseSweep(%q) accepted", bad)
		}
	}
}

// TestSensitivityDomain: ±pct bounds stay inside each assumption's domain,
// and a swing of 100% or more is refused.
func TestSensitivityDomain(t *testing.T) {
	b := defaults(t)
	a, err := b.Assumptions("hyperscaler")
	if err != nil {
		t.Fatal(err)
	}
	c := ChipCost{Capex: 30000, Power: 700}
	model := func(a *Assumptions) float64 { return ComputeTCO(c, a).PerChipHour }
	for _, pct := range []float64{0, 1, 1.5, -0.2} {
		if _, err := b.Sensitivity(a, pct, model); err == nil {
			t.Errorf("Sensitivity(%v) accepted", pct)
		}
	}
	swings, err := b.Sensitivity(a, 0.9, model)
	if err != nil {
		t.Fatal(err)
	}
	if len(swings) != len(a.Params()) {
		t.Errorf("%d swings for %d assumptions", len(swings), len(a.Params()))
	}
	for _, s := range swings {
		for _, v := range []float64{s.Low, s.High} {
			if msg := checkAssumption(s.Param.Quantity, v); msg != "" || v < 0 {
				t.Errorf("%s bound %v outside its domain: %s", s.Param.Name, v, msg)
			}
		}
		if math.IsNaN(s.Width()) || math.IsInf(s.Width(), 0) {
			t.Errorf("%s swing %v", s.Param.Name, s.Width())
		}
	}
}

func defaults(t testing.TB) *Book {
	t.Helper()
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(cat, Defaults())
	if err != nil {
		t.Fatalf("embedded pricing data has problems:\n%v", err)
	}
	return b
}

// TestSites reproduces the analyst note's datacenter arithmetic from the
// embedded figures.
func TestSites(t *testing.T) {
	b := defaults(t)
	test := func(name string, f SiteFigure, want, lo, hi float64) {
		t.Helper()
		if !f.OK() {
			t.Fatalf("%s: missing %s", name, f.Missing)
		}
		if !near(f.Value, want, 0.005) || !near(f.Low, lo, 0.005) || !near(f.High, hi, 0.005) {
			t.Errorf("%s = %.4g [%.4g, %.4g]; want %.4g [%.4g, %.4g]", name, f.Value, f.Low, f.High, want, lo, hi)
		}
	}
	// Rainier: $11bn for 2.2–2.3 GW ≈ $4.8–5.0bn per GW; $15bn for 2.4 GW = $6.25bn.
	nc := b.SiteCapexPerGW("new-carlisle")
	test("New Carlisle capex per GW", nc, 5e9, 11e9/2.3, 5e9)
	ni := b.SiteCapexPerGW("northern-indiana")
	test("Northern Indiana capex per GW", ni, 6.25e9, 6.25e9, 6.25e9)
	// About a tenth of the $50bn-per-GW framework.
	ref := b.SiteCapexPerGW("nvidia-50bn-per-gw")
	test("NC ÷ $50bn/GW", Relative(nc, ref), 0.1, 11e9/2.3/60e9, 0.1)
	test("NI ÷ $50bn/GW", Relative(ni, ref), 0.125, 6.25/60, 0.125)
	// ~1.7 million Trn2 in ~1.3 GW: about 765 W all-in per chip.
	test("phase 1 W per Trn2", b.SiteWattsPerChip("new-carlisle-phase1"), 1.3e9/1.7e6, 1.3e9/1.7e6, 1.3e9/1.7e6)
	// $100bn over 10 years for 5 GW: $2bn per GW-year, 20% of $10bn.
	h := b.SiteRevenuePerGWYear("revenue-heuristic")
	test("heuristic", h, 10e9/8760, 10e9/8760, 10e9/8760)
	deal := b.SiteRevenuePerGWYear("anthropic-aws-commitment")
	test("Anthropic $/GW-year", deal, 2e9/8760, 2e9/8760, 2e9/8760)
	test("Anthropic ÷ heuristic", Relative(deal, h), 0.2, 0.2, 0.2)
	// $14bn a year on 2.2 GW: about $6.4bn per GW-year, 64% of the heuristic.
	nr := b.SiteRevenuePerGWYear("new-carlisle-revenue")
	test("New Carlisle revenue per GW-year", nr, 14e9/2.2/8760, 14e9/2.2/8760, 14e9/2.2/8760)
	test("NC revenue ÷ heuristic", Relative(nr, h), 0.636, 0.636, 0.636)
}

func TestPrices(t *testing.T) {
	b := defaults(t)
	q := Query{Term: OnDemand}
	p, ok := b.Prices.Find("p5.48xlarge", q)
	if !ok || p.PerHour != 55.04 {
		t.Errorf("p5.48xlarge newest on-demand = %v; want 55.04 (after the mid-2025 cut)", p)
	}
	q.AsOf = specs.Date{Year: 2024, Month: 12}
	p, ok = b.Prices.Find("p5.48xlarge", q)
	if !ok || p.PerHour != 98.32 {
		t.Errorf("p5.48xlarge on-demand as of 2024-12 = %v; want 98.32", p)
	}
	// A month or year as of means its end: the cut price, first seen in
	// the official Karpenter snapshot generated 2025-06-23 (commit
	// 1b59328e; the 2025-04-28 snapshot still lists 98.32), is in force
	// "as of 2025-06" and "as of 2025", not "as of 2025-05".
	for _, c := range []struct {
		asOf specs.Date
		want float64
	}{{specs.Date{Year: 2025, Month: 6}, 55.04}, {specs.Date{Year: 2025}, 55.04}, {specs.Date{Year: 2025, Month: 5}, 98.32},
		{specs.Date{Year: 2025, Month: 6, Day: 22}, 98.32}, {specs.Date{Year: 2025, Month: 6, Day: 23}, 55.04}} {
		q.AsOf = c.asOf
		if p, ok := b.Prices.Find("p5.48xlarge", q); !ok || p.PerHour != c.want {
			t.Errorf("p5.48xlarge on-demand as of %s = %v; want %v", c.asOf, p, c.want)
		}
	}
	ch, ok := b.ChipHourPrice("h100", Query{Term: OnDemand})
	if !ok || !near(ch.PerHour, 55.04/8, 1e-12) || ch.Status != specs.Derived {
		t.Errorf("h100 chip-hour = %+v; want 55.04/8 derived", ch)
	}
	r := &Price{Term: Reserved1y, PerHour: 1, Upfront: 8760}
	if r.Effective() != 2 {
		t.Errorf("effective rate of 1 USD/h + 8,760 USD upfront for a year = %v; want 2", r.Effective())
	}
}

// TestBadAssumptionSheet checks that impossible scenario values in a sheet
// are rejected with the file and line.
func TestBadAssumptionSheet(t *testing.T) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(cat, Defaults(), specs.Source{FS: os.DirFS("testdata/bad-assumptions"), Name: "bad"})
	if err == nil {
		t.Fatal("Load accepted impossible assumptions")
	}
	for _, want := range []string{
		"bad/assumptions.csv:2:13: value: PUE 0.9 is below 1",
		"bad/assumptions.csv:3:21: value: utilization 1.2 is outside (0, 1]",
		"bad/assumptions.csv:4:25: value: cost_of_capital of 1.5 is 100% or more per year",
		"bad/assumptions.csv:5:27: value: negative electricity_price: -0.1",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

func TestScenariosComplete(t *testing.T) {
	b := defaults(t)
	for _, s := range b.Scenarios {
		if _, err := b.Assumptions(s.ID); err != nil {
			t.Errorf("scenario %s: %v", s.ID, err)
		}
	}
}

// TestPriceRange checks the optional low and high columns: both or
// neither, low <= usd_per_hour <= high, an estimate needs them or a note
// saying "no range", and Range folds an upfront fee in as Effective does.
func TestPriceRange(t *testing.T) {
	rec := func(status, price, low, high, note string) PriceRecord {
		return PriceRecord{Provider: "aws", Offering: "x", Term: "on-demand", USDPerHour: price, AsOf: "2026-08",
			Status: status, Source: "s", Note: note, Low: low, High: high}
	}
	for _, c := range []struct {
		r    PriceRecord
		want string // "" for valid
	}{
		{rec("estimate", "5", "2", "8", ""), ""},
		{rec("estimate", "5", "", "", "single analyst figure, no range given"), ""},
		{rec("vendor", "5", "", "", ""), ""},
		{rec("estimate", "5", "", "", ""), "needs low and high"},
		{rec("estimate", "5", "2", "", ""), "give both low and high"},
		{rec("estimate", "5", "6", "8", ""), "does not hold"},
		{rec("estimate", "5", "2", "4", ""), "does not hold"},
		{rec("estimate", "5", "-1", "8", ""), "negative"},
	} {
		err := CheckRecord(c.r)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: err = %v; want %q", c.r, err, c.want)
		}
	}
	p := &Price{Term: Reserved1y, PerHour: 5, Low: 2, High: 8, Upfront: 8760}
	if lo, hi := p.Range(); lo != 3 || hi != 9 {
		t.Errorf("range of 5 [2-8] USD/h + 8,760 USD upfront for a year = [%v, %v]; want [3, 9]", lo, hi)
	}
	if lo, hi := (&Price{PerHour: 5}).Range(); lo != 5 || hi != 5 {
		t.Errorf("range of a price without one = [%v, %v]; want [5, 5]", lo, hi)
	}
	// The built-in Trn3 estimate carries its sourced range, 2.24-7.91 USD
	// per chip-hour x 144 chips.
	p, ok := defaults(t).Prices.Find("trn3-ultraserver", Query{Term: OnDemand})
	if lo, hi := p.Range(); !ok || lo != 321.85 || hi != 1139.33 {
		t.Errorf("trn3-ultraserver estimate = %+v; want 730.59 [321.85, 1139.33]", p)
	}
}

// TestPriceReplaced checks that a --data price with a built-in price's key
// (offering, region, term, date and source) replaces it in place, and that the replaced row is reported as it was:
// its own value and position, not the new row's (it used to be copied
// over before it was reported).
func TestPriceReplaced(t *testing.T) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	user := "provider,offering,region,term,usd_per_hour,as_of,status,source\n" +
		"aws,p5.48xlarge,us-east-1,on-demand,60,2026-01-19,vendor,https://github.com/aws/karpenter-provider-aws/blob/031e72b6099630e960dacb88b48a7e9bb780945f/pkg/providers/pricing/zz_generated.pricing_aws.go\n"
	b, err := Load(cat, Defaults(), specs.Source{FS: fstest.MapFS{"prices-user.csv": {Data: []byte(user)}}, Name: "user"})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Prices.Replaced) != 1 {
		t.Fatalf("replaced %d prices; want 1", len(b.Prices.Replaced))
	}
	r := b.Prices.Replaced[0]
	if r.Old.PerHour != 55.04 || !strings.HasPrefix(r.Old.Pos.String(), "embedded:pricing/data/prices.csv:") || r.New.PerHour != 60 {
		t.Errorf("replacement old %v at %s, new %v at %s; want the built-in 55.04 replaced by 60", r.Old.PerHour, r.Old.Pos, r.New.PerHour, r.New.Pos)
	}
	if got := b.Overrides(); len(got) != 1 || !strings.Contains(got[0], "from embedded:pricing/data/prices.csv:") {
		t.Errorf("Overrides() = %q; want the built-in row's position", got)
	}
	if p, ok := b.Prices.Find("p5.48xlarge", Query{Term: OnDemand}); !ok || p.PerHour != 60 {
		t.Errorf("newest p5.48xlarge on-demand = %v; want the user's 60", p)
	}
	n := 0
	for _, p := range b.Prices.All() {
		if p == r.Old {
			t.Errorf("the replaced row is still among the prices")
		}
		if p == r.New {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the replacing row is %d times among the prices; want once", n)
	}
}

// TestAssumptionsWeakest checks the weakest status of named scenario
// inputs: one input's own, all of them, and nothing for a name the
// scenario lacks (it used to panic).
func TestAssumptionsWeakest(t *testing.T) {
	a, err := defaults(t).Assumptions("hyperscaler")
	if err != nil {
		t.Fatal(err)
	}
	pue := a.Param("pue").Status()
	if got := a.Weakest("pue", "no-such-input"); got != pue {
		t.Errorf("Weakest(pue, no-such-input) = %s; want pue's %s", got, pue)
	}
	if got := a.Weakest("no-such-input"); got != specs.Measured {
		t.Errorf("Weakest(no-such-input) = %s; want %s (nothing to weaken it)", got, specs.Measured)
	}
	all := specs.Measured
	for _, p := range a.Params() {
		all = specs.Weakest(all, p.Status())
	}
	if got := a.Weakest(); got != all || got == specs.Measured {
		t.Errorf("Weakest() = %s; want the inputs' weakest, %s", got, all)
	}
}
