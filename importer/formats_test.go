package importer

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func byKey(rows []pricing.PriceRecord) map[string]pricing.PriceRecord {
	m := map[string]pricing.PriceRecord{}
	for _, r := range rows {
		m[strings.Join([]string{r.Offering, r.Region, r.Term, r.Option}, " ")] = r
	}
	return m
}

func TestAWSJSON(t *testing.T) {
	rows, sum, err := AWSJSON(open(t, "aws-ec2.json"), "aws-ec2.json", Options{Known: known("m7i.16xlarge")})
	if err != nil {
		t.Fatal(err)
	}
	m := byKey(rows)
	if r := m["m7i.16xlarge us-east-1 on-demand "]; r.USDPerHour != "3.2256" || r.AsOf != "2025-09-12" {
		t.Errorf("on-demand = %+v", r)
	}
	if r := m["m7i.16xlarge us-east-1 reserved-1y all-upfront"]; r.USDPerHour != "0" || r.UpfrontUSD != "16952" || r.Class != "standard" {
		t.Errorf("reserved = %+v", r)
	}
	if len(rows) != 2 || sum.Read != 3 || sum.Dropped["not Linux"] != 1 || sum.Dropped["not a compute instance"] != 1 {
		t.Errorf("%d rows; summary %+v", len(rows), sum)
	}
	_, _, err = AWSJSON(strings.NewReader(`{"publicationDate":"2025-09-12T00:00:00Z","products":{"A":{"productFamily":"Compute`), "cut.json", Options{})
	if err == nil || !strings.Contains(err.Error(), "cut.json: byte") {
		t.Errorf("truncated JSON: %v", err)
	}
}

func TestAzure(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"azure-page1.json", "azure-page2.json"} {
		data, _ := os.ReadFile("testdata/" + p)
		os.WriteFile(dir+"/"+p, data, 0o644)
	}
	rows, sum, err := Azure(context.Background(), http.DefaultClient, dir, nil, Options{Known: known("standard-nd96isr-h200-v5")})
	if err != nil {
		t.Fatal(err)
	}
	m := byKey(rows)
	test := func(key, perHour, upfront string) {
		t.Helper()
		r, ok := m[key]
		if !ok || r.USDPerHour != perHour || r.UpfrontUSD != upfront {
			t.Errorf("%s = %+v (ok %v); want %s USD/h + %s upfront", key, r, ok, perHour, upfront)
		}
	}
	test("standard-nd96isr-h200-v5 eastus on-demand ", "84.8", "")
	test("standard-nd96isr-h200-v5 eastus spot ", "16.96", "")
	test("standard-nd96isr-h200-v5 eastus savings-3y ", "46.64", "")
	test("standard-nd96isr-h200-v5 eastus reserved-1y all-upfront", "0", "557136")
	test("standard-nd96isr-h200-v5 eastus reserved-3y all-upfront", "0", "1225699.2")
	if len(rows) != 6 || sum.Dropped["Windows"] != 1 || sum.Read != 5 {
		t.Errorf("summary %+v", sum)
	}
	// A reservation's total for a year is 557,136 USD: 63.6 USD an hour.
	p := pricing.Price{Term: pricing.Reserved1y, Upfront: 557136}
	if e := p.Effective(); e != 557136.0/8760 {
		t.Errorf("effective = %v", e)
	}
}

// TestAzureURL follows NextPageLink over a loopback server, and reports a
// server error and a connection cut mid-stream.
func TestAzureURL(t *testing.T) {
	page1, _ := os.ReadFile("testdata/azure-page1.json")
	page2, _ := os.ReadFile("testdata/azure-page2.json")
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/prices":
			w.Write(bytes.Replace(page1, []byte(`"PAGE2"`), []byte(`"`+srv.URL+`/page2"`), 1))
		case "/page2":
			w.Write(page2)
		case "/broken":
			http.Error(w, "upstream failed", http.StatusInternalServerError)
		case "/cut":
			w.Header().Set("Content-Length", "100000")
			w.Write(page1[:200])
			// the handler returns early: the client sees a short body
		}
	}))
	defer srv.Close()
	var progress bytes.Buffer
	rows, sum, err := Azure(context.Background(), srv.Client(), srv.URL+"/prices", &progress, Options{Known: known("standard-nd96isr-h200-v5")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || sum.Read != 5 {
		t.Errorf("over HTTP: %d rows from %d items; want 6 (with two savings plans) from 5", len(rows), sum.Read)
	}
	if !strings.Contains(progress.String(), "MB") {
		t.Errorf("no progress shown: %q", progress.String())
	}
	_, _, err = Azure(context.Background(), srv.Client(), srv.URL+"/broken", nil, Options{})
	if err == nil || !strings.Contains(err.Error(), "HTTP 500") {
		t.Errorf("HTTP 500: %v", err)
	}
	_, _, err = Azure(context.Background(), srv.Client(), srv.URL+"/cut", nil, Options{})
	if err == nil || !strings.Contains(err.Error(), "unexpected EOF") {
		t.Errorf("cut connection: %v", err)
	}
}

func TestGCP(t *testing.T) {
	rows, sum, err := GCP(open(t, "gcp-tpu-skus.json"), "gcp.json", specs.Date{Year: 2026, Month: 6, Day: 14}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := byKey(rows)
	test := func(key, perHour string) {
		t.Helper()
		if r := m[key]; r.USDPerHour != perHour || r.AsOf != "2026-06-14" {
			t.Errorf("%s = %+v; want %s", key, r, perHour)
		}
	}
	test("tpu-v5e-chip asia-south2 on-demand ", "1.44132") // 1 + 441320000/1e9
	test("tpu-v7-chip us-central1 on-demand ", "12")
	test("tpu-v7-chip us-east1 on-demand ", "12") // one SKU, fanned out per region
	test("tpu-v5e-chip asia-southeast1 spot ", "0.78")
	test("tpu-v5p-chip europe-west4 committed-3y ", "1.911")
	if sum.Dropped["calendar-mode or DWS reservation"] != 1 || len(rows) != 8 {
		t.Errorf("%d rows; dropped %v", len(rows), sum.Dropped)
	}
	if _, _, err := GCP(strings.NewReader(`{"services":[]}`), "svc.json", specs.Date{}, Options{}); err == nil || !strings.Contains(err.Error(), "no skus") {
		t.Errorf("a services page: %v", err)
	}
}

func TestEpoch(t *testing.T) {
	sh, sum, err := Epoch(open(t, "epoch.csv"), "epoch.csv", specs.Date{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Chips) != 4 || sh.Chips[0].ID != "nvidia-h100-sxm5-80gb" {
		t.Fatalf("chips = %+v", sh.Chips)
	}
	var h100fp8, xNote, xInternode string
	for _, v := range sh.Values {
		if v.Subject == "test-accelerator-x" && v.Quantity == "scaleout_bandwidth" {
			xInternode = v.Value + " " + v.Unit
		}
		if v.Subject == "nvidia-h100-sxm5-80gb" && v.Quantity == "throughput" && v.Precision == "fp8" {
			h100fp8 = v.Value + " " + v.Unit + " " + v.Sparsity
		}
		if v.Subject == "test-accelerator-x" && v.Quantity == "throughput" {
			xNote = v.Note
		}
	}
	if h100fp8 != "1978900000000000 FLOPS dense" {
		t.Errorf("H100 FP8 = %q", h100fp8)
	}
	// Epoch's internode column is in bit/s: 4e11 bit/s is 400 Gbps.
	if xInternode != "400000000000 bps" {
		t.Errorf("internode bandwidth = %q; want 400000000000 bps", xInternode)
	}
	if !strings.Contains(xNote, "dense (Epoch's notes say so)") {
		t.Errorf("a row whose notes say 'without sparsity': %q", xNote)
	}
	if sum.Dropped[`TDP (W): "lots" is not a positive number`] != 1 {
		t.Errorf("dropped = %v", sum.Dropped)
	}
	if _, _, err := Epoch(strings.NewReader("name,value\nx,1\n"), "other.csv", specs.Date{}, nil); err == nil || !strings.Contains(err.Error(), `column "Hardware name" missing`) {
		t.Errorf("another CSV: %v", err)
	}
}

// TestEpochRoundTrip exports the embedded accelerators in Epoch's layout,
// imports them back, and checks that every exported figure returns.
func TestEpochRoundTrip(t *testing.T) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ExportEpoch(&b, cat, func(string) (float64, bool) { return 0, false }); err != nil {
		t.Fatal(err)
	}
	sh, _, err := Epoch(&b, "export.csv", specs.Date{Year: 2026}, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, v := range sh.Values {
		if v.Subject == "aws-trainium3" && v.Quantity == "throughput" && v.Precision == "fp8" {
			found++
			if v.Value != "2517000000000000" {
				t.Errorf("Trainium3 FP8 after a round trip = %s; want 2517000000000000", v.Value)
			}
		}
		if v.Subject == "cloud-tpu-v5p" && v.Quantity == "scaleout_bandwidth" {
			found++
			if v.Value+" "+v.Unit != "50000000000 bps" {
				t.Errorf("TPU v5p scale-out bandwidth after a round trip = %s %s; want 50 Gbps", v.Value, v.Unit)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d of the 2 checked figures came back", found)
	}
	if len(sh.Chips) != 22 {
		t.Errorf("%d chips came back; want the 22 accelerators", len(sh.Chips))
	}
}

func fixture(b *testing.B, name string) []byte {
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkAWSJSON(b *testing.B) {
	data := fixture(b, "aws-ec2.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := AWSJSON(bytes.NewReader(data), "x.json", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGCP(b *testing.B) {
	data := fixture(b, "gcp-tpu-skus.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := GCP(bytes.NewReader(data), "x.json", specs.Date{Year: 2026}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAzure(b *testing.B) {
	dir := b.TempDir()
	os.WriteFile(dir+"/p.json", bytes.Replace(fixture(b, "azure-page1.json"), []byte(`"PAGE2"`), []byte("null"), 1), 0o644)
	for b.Loop() {
		if _, _, err := Azure(context.Background(), http.DefaultClient, dir+"/p.json", nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEpoch(b *testing.B) {
	data := fixture(b, "epoch.csv")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Epoch(bytes.NewReader(data), "x.csv", specs.Date{Year: 2026}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPricesAdd: one row per offering, region and term; a newer rate
// replaces an older one whatever the order; zero prices are dropped.
func TestPricesAdd(t *testing.T) {
	row := func(asOf, perHour, upfront string) pricing.PriceRecord {
		term := "on-demand"
		if upfront != "" {
			term = "reserved-1y"
		}
		return pricing.PriceRecord{Provider: "azure", Offering: "vm", Region: "eastus", Term: term,
			USDPerHour: perHour, UpfrontUSD: upfront, AsOf: asOf, Status: "vendor", Source: "t"}
	}
	for _, c := range []struct {
		name    string
		rows    []pricing.PriceRecord
		kept    string // the kept row's as_of and price, or "" for none
		dropped string
		dups    int
	}{
		{"zero price", []pricing.PriceRecord{row("2026-01-01", "0", "")}, "", "zero price", 0},
		{"zero hourly, upfront fee", []pricing.PriceRecord{row("2026-01-01", "0", "1000")}, "2026-01-01 0", "", 0},
		{"newer second", []pricing.PriceRecord{row("2025-01-01", "2", ""), row("2026-01-01", "3", "")}, "2026-01-01 3", "an older rate of a price listed again", 0},
		{"newer first", []pricing.PriceRecord{row("2026-01-01", "3", ""), row("2025-01-01", "2", "")}, "2026-01-01 3", "an older rate of a price listed again", 0},
		{"same twice", []pricing.PriceRecord{row("2026-01-01", "3", ""), row("2026-01-01", "3", "")}, "2026-01-01 3", "the same price listed twice", 0},
		{"conflict", []pricing.PriceRecord{row("2026-01-01", "3", ""), row("2026-01-01", "4", "")}, "2026-01-01 3", "", 1},
		{"implausible", []pricing.PriceRecord{row("2026-01-01", "1e300", "")}, "",
			"a row the price sheet would refuse: usd_per_hour 1e+300 USD/h is outside the plausible range [0.000001, 1000000000] USD/h: if it is real, widen the range with a row in a bounds*.csv sheet (docs/DATA.md)", 0},
		{"negative", []pricing.PriceRecord{row("2026-01-01", "-2", "")}, "", "a row the price sheet would refuse: negative price -2", 0},
	} {
		sum := newSummary("t")
		ps := newPrices(sum)
		for _, r := range c.rows {
			ps.add(r, "t")
		}
		got := ""
		if len(ps.rows) == 1 {
			got = ps.rows[0].AsOf + " " + ps.rows[0].USDPerHour
		}
		if got != c.kept || len(ps.rows) > 1 || (c.dropped != "" && sum.Dropped[c.dropped] != 1) || sum.DuplicateCount != c.dups {
			t.Errorf("%s: kept %q, dropped %v, %d duplicates; want %q, %q, %d", c.name, got, sum.Dropped, sum.DuplicateCount, c.kept, c.dropped, c.dups)
		}
	}
}

// TestGCPTiered: a SKU with several tiers has no one hourly rate.
func TestGCPTiered(t *testing.T) {
	sku := `{"skus":[{"skuId":"X","description":"TpuV6e running in Iowa","category":{"resourceGroup":"TPU","usageType":"OnDemand"},
	"serviceRegions":["us-central1"],"pricingInfo":[{"effectiveTime":"2026-06-01T00:00:00Z","pricingExpression":{"usageUnit":"h",
	"tieredRates":[{"unitPrice":{"currencyCode":"USD","units":"0","nanos":0}},{"startUsageAmount":10,"unitPrice":{"currencyCode":"USD","units":"2","nanos":700000000}}]}}]}]}`
	rows, sum, err := GCP(strings.NewReader(sku), "tiered.json", specs.Date{}, Options{})
	if err != nil || len(rows) != 0 || sum.Dropped["tiered SKU (the rate depends on usage)"] != 1 {
		t.Errorf("tiered SKU: %v, %v, dropped %v", rows, err, sum.Dropped)
	}
}

// TestEpochBadPrice checks that a release price that does not parse is
// counted among the dropped figures, not lost silently (issue 17), and the
// row's other figures still import.
func TestEpochBadPrice(t *testing.T) {
	data, err := os.ReadFile("testdata/epoch.csv")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), ",27500.0,", ",call us,", 1)
	if bad == string(data) {
		t.Fatal("epoch.csv no longer has the 27500.0 release price this test replaces")
	}
	sh, sum, err := Epoch(strings.NewReader(bad), "epoch.csv", specs.Date{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := sum.Dropped[`Release price (USD): "call us" is not a positive number`]; n != 1 {
		t.Errorf("dropped = %v; want the release price counted once", sum.Dropped)
	}
	good, _, _ := Epoch(strings.NewReader(string(data)), "epoch.csv", specs.Date{}, nil)
	if len(sh.Capex) != len(good.Capex)-1 || len(sh.Values) != len(good.Values) {
		t.Errorf("%d capex, %d figures; want %d and %d", len(sh.Capex), len(sh.Values), len(good.Capex)-1, len(good.Values))
	}
}
