package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// seed adds the named testdata files to f's corpus.
func seed(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkPrices is the property every price importer keeps: each row it
// returns is one the price sheet accepts, and the sheet it writes reads
// back as the same rows.
func checkPrices(t *testing.T, rows []pricing.PriceRecord) {
	t.Helper()
	for _, r := range rows {
		if err := pricing.CheckRecord(r); err != nil {
			t.Fatalf("imported row %+v would not load: %v", r, err)
		}
	}
	data, err := MarshalPrices(rows)
	if err != nil {
		t.Fatal(err)
	}
	back, err := sheet.Decode[pricing.PriceRecord]("prices.csv", data)
	if err != nil {
		t.Fatalf("written sheet does not read back: %v\n%s", err, data)
	}
	if len(back) != len(rows) {
		t.Fatalf("%d rows written, %d read back", len(rows), len(back))
	}
	for i := range rows {
		if back[i].Rec != rows[i] {
			t.Fatalf("row %d: %+v read back as %+v", i, rows[i], back[i].Rec)
		}
	}
}

func anyID(string) bool { return true }

func FuzzAWSCSV(f *testing.F) {
	seed(f, "aws-ec2.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := AWSCSV(bytes.NewReader(data), "f.csv", Options{Known: anyID})
		if err == nil {
			checkPrices(t, rows)
		}
	})
}

func FuzzAWSJSON(f *testing.F) {
	seed(f, "aws-ec2.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := AWSJSON(bytes.NewReader(data), "f.json", Options{Known: anyID})
		if err == nil {
			checkPrices(t, rows)
		}
	})
}

func FuzzAzure(f *testing.F) {
	seed(f, "azure-page1.json", "azure-page2.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "page.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rows, _, err := Azure(context.Background(), nil, path, nil, Options{Known: anyID})
		if err == nil {
			checkPrices(t, rows)
		}
	})
}

func FuzzGCP(f *testing.F) {
	seed(f, "gcp-tpu-skus.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := GCP(bytes.NewReader(data), "f.json", specs.Date{Year: 2026}, Options{Known: anyID})
		if err == nil {
			checkPrices(t, rows)
		}
	})
}

// FuzzEpoch checks that whatever Epoch imports is a chips sheet and value
// sheets that load: valid ids, positive plausible numbers in known units.
func FuzzEpoch(f *testing.F) {
	seed(f, "epoch.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, sum, err := Epoch(bytes.NewReader(data), "f.csv", specs.Date{Year: 2026}, nil)
		if err != nil {
			return
		}
		if sum.Kept != len(sh.Chips) || sum.Kept == 0 {
			t.Fatalf("kept %d, %d chips", sum.Kept, len(sh.Chips))
		}
		qs := specs.SpecQuantities()
		qs[pricing.QCapex] = specs.Quantity{Name: pricing.QCapex, Dim: units.Money}
		for _, v := range append(append([]specs.ValueRecord(nil), sh.Values...), sh.Capex...) {
			val, err := units.Parse(v.Value, v.Unit)
			if err != nil || val.Base <= 0 {
				t.Fatalf("value %q %s: %v", v.Value, v.Unit, err)
			}
			if _, err := specs.ParseDate(v.AsOf); err != nil {
				t.Fatalf("as_of %q: %v", v.AsOf, err)
			}
		}
		for _, c := range sh.Chips {
			if c.ID == "" || EpochID(c.ID) != c.ID {
				t.Fatalf("chip id %q is not a valid id", c.ID)
			}
		}
	})
}
