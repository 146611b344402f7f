package specs

import (
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/sheet"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

func dir(name string) Source {
	return Source{FS: os.DirFS(filepath.Join("testdata", name)), Name: name}
}

func loadDefaults(t testing.TB) *Catalog {
	t.Helper()
	cat, err := Load(Defaults())
	if err != nil {
		t.Fatalf("embedded data has problems:\n%v", err)
	}
	return cat
}

// TestDefaultsPinned pins key figures of the embedded data to the values
// their sources publish.
func TestDefaultsPinned(t *testing.T) {
	cat := loadDefaults(t)
	test := func(subject, quantity string, p Precision, s Sparsity, want float64, status Status) {
		t.Helper()
		f, ok := cat.Figure(subject, quantity, p, s)
		if !ok {
			t.Errorf("%s %s %s %s: missing", subject, quantity, p, s)
			return
		}
		if math.Abs(f.Base-want) > 0.002*want {
			t.Errorf("%s %s %s %s = %v; want %v (±0.2%%)", subject, quantity, p, s, f.Base, want)
		}
		if f.Status != status {
			t.Errorf("%s %s %s %s status = %s; want %s", subject, quantity, p, s, f.Status, status)
		}
	}
	test("h200", QMemoryCapacity, "", "", 141e9, Vendor)
	// No nvidia.com or AMD document was in reach for these (issue 11):
	// the figures rest on press relays, so they are reported, not vendor.
	test("h200", QMemoryBandwidth, "", "", 4.8e12, Reported)
	test("h100", QMemoryBandwidth, "", "", 3.35e12, Reported)
	test("trn3", QThroughput, FP8, Dense, 2.52e15, Vendor)
	test("trn3", QMemoryBandwidth, "", "", 4.9e12, Vendor)
	test("trn3", QMemoryCapacity, "", "", 144*(1<<30), Vendor)
	test("trn2", QThroughput, FP8, Dense, 1.299e15, Vendor)
	test("trn2", QMemoryCapacity, "", "", 96*(1<<30), Vendor)
	test("tpu-v7", QThroughput, FP8, Dense, 4.614e15, Vendor)
	test("tpu-v7", QThroughput, BF16, Dense, 2.307e15, Vendor)
	test("tpu-v6e", QThroughput, BF16, Dense, 918e12, Vendor)
	test("mi355x", QPower, "", "", 1400, Reported)
	test("graviton4", QCores, "", "", 96, Vendor)
	test("m8g.48xlarge", QVCPUs, "", "", 192, Vendor)
	test("c8gn.48xlarge", QNetworkBandwidth, "", "", 600e9/8, Vendor)
	// Derived figures carry the weakest status of their inputs.
	// h200 fp8 dense is half the reported 2:4-sparse 3,958 TFLOPS: reported.
	test("h200", QThroughput, FP8, Dense, 1.979e15, Reported)
	test("trn4", QThroughput, FP4, Dense, 6*2.517e15, Target)
	// Scale-up bandwidth is per chip on a system too; the rack aggregate
	// (130 TB/s over 72 GPUs) was once filed here.
	test("gb300-nvl72", QScaleupBandwidth, "", "", 1.8e12, Vendor)
	test("gb300-nvl72", QAcceleratorMemory, "", "", 20e12, Reported)
}

// TestSystemFiguresPerChip: a system's per-chip quantities (scale-up
// bandwidth) stay near its chip's own figure, and its HBM is filed as
// accelerator memory, not host memory: rack and pod totals filed in the
// wrong quantity once put GB300 NVL72 at 108x a TPU pod.
func TestSystemFiguresPerChip(t *testing.T) {
	cat := loadDefaults(t)
	for _, v := range cat.Values.Values() {
		sys, ok := cat.System(v.Subject)
		if !ok {
			continue
		}
		switch v.Quantity {
		case QScaleupBandwidth:
			if chip, ok := cat.Figure(sys.Chip, QScaleupBandwidth, "", ""); ok && v.Base > 2*chip.Base {
				t.Errorf("%s: %s scale-up %g B/s is over twice its chip %s's %g: a system total, not per chip?", v.Origin(), v.Subject, v.Base, sys.Chip, chip.Base)
			}
			if v.Base > 10e12 {
				t.Errorf("%s: %s scale-up %g B/s per chip: a system total?", v.Origin(), v.Subject, v.Base)
			}
		case QMemoryCapacity:
			if strings.Contains(strings.ToLower(v.Note), "hbm") && !strings.Contains(strings.ToLower(v.Note), "host") {
				t.Errorf("%s: %s host memory_capacity whose note speaks of HBM: file it as %s", v.Origin(), v.Subject, QAcceleratorMemory)
			}
		}
	}
}

func TestDefaultsProvenance(t *testing.T) {
	cat := loadDefaults(t)
	for _, v := range cat.Values.Values() {
		if v.Formula != "" {
			if len(v.Inputs) == 0 {
				t.Errorf("%s: derived without inputs", v.GroupKey)
			}
			continue
		}
		if v.Source == "" || v.AsOf.IsZero() {
			t.Errorf("%s: figure without source or date", v.Pos)
		}
	}
	for _, c := range cat.Chips {
		if c.Source == "" || c.AsOf.IsZero() {
			t.Errorf("%s: chip %s without source or date", c.Pos, c.ID)
		}
	}
}

// TestContestedFigures checks that conflicting published figures are kept
// side by side with their spread.
func TestContestedFigures(t *testing.T) {
	cat := loadDefaults(t)
	test := func(subject, quantity string, p Precision, s Sparsity, pref, low, high float64) {
		t.Helper()
		f, ok := cat.Figure(subject, quantity, p, s)
		if !ok {
			t.Fatalf("%s %s: missing", subject, quantity)
		}
		if math.Abs(f.Base-pref) > 1e-6*pref || math.Abs(f.Low-low) > 1e-6*low || math.Abs(f.High-high) > 1e-6*high {
			t.Errorf("%s %s %s %s = %v [%v, %v]; want %v [%v, %v]", subject, quantity, p, s, f.Base, f.Low, f.High, pref, low, high)
		}
	}
	// Ironwood HBM bandwidth: 7.2 TB/s (press) to 7,380 GB/s (Cloud TPU docs, preferred).
	test("tpu-v7", QMemoryBandwidth, "", "", 7.38e12, 7.2e12, 7.38e12)
	// Trainium3 NeuronLink: 2.56 TB/s on the chip page, 2,048 GiB/s in the UltraServer table.
	test("trn3", QScaleupBandwidth, "", "", 2.56e12, 2048*(1<<30), 2.56e12)
	// Trn2 UltraServer: 83.2 PFLOPS is dense FP8 in the Neuron docs; the
	// press quoted the same number as sparse.
	test("trn2-ultraserver", QThroughput, FP8, Dense, 83.2e15, 83.2e15, 83.2e15)
	test("trn2-ultraserver", QThroughput, FP8, Sparse, 164e15, 83.2e15, 164e15)
}

// TestBadSheets loads each folder under testdata/bad on top of
// testdata/base and compares the problems reported with want.txt.
func TestBadSheets(t *testing.T) {
	dirs, err := filepath.Glob("testdata/bad/*")
	if err != nil || len(dirs) == 0 {
		t.Fatal("no bad sheets under testdata/bad")
	}
	for _, d := range dirs {
		name := filepath.Base(d)
		t.Run(name, func(t *testing.T) {
			_, err := Load(dir("base"), dir("bad/"+name))
			var errs sheet.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("Load = %v; want sheet errors", err)
			}
			got := errs.Error() + "\n"
			golden := filepath.Join(d, "want.txt")
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("problems:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestBaseFixture(t *testing.T) {
	cat, err := Load(dir("base"))
	if err != nil {
		t.Fatal(err)
	}
	// Only a sparse FP8 figure is published: dense is derived as half.
	f, ok := cat.Figure("gpu-a", QThroughput, FP8, Dense)
	if !ok || f.Base != 2e15 || f.Status != Derived || len(f.Inputs) != 1 {
		t.Errorf("gpu-a fp8 dense = %+v; want 2 PFLOPS derived from the sparse figure", f)
	}
	// gpu-b's vendor does not use 2:4 sparsity: no dense figure is guessed.
	if f, ok := cat.Figure("gpu-b", QThroughput, FP4, Dense); ok {
		t.Errorf("gpu-b fp4 dense = %v (%s); want none: its sparsity is not 2:4", f.Base, f.Formula)
	}
	// A ratio target resolves to an absolute target.
	f, ok = cat.Figure("gpu-b", QThroughput, FP8, Dense)
	if !ok || f.Base != 6e15 || f.Status != Target || !strings.Contains(f.Formula, "3 × gpu-a") {
		t.Errorf("gpu-b fp8 dense = %+v; want 6 PFLOPS target", f)
	}
	f, _ = cat.Figure("gpu-a", QMemoryBandwidth, "", "")
	if f.Base != 4.8e12 || f.Low != 4.8e12 || f.High != 5e12 || len(f.Alternatives) != 1 {
		t.Errorf("gpu-a memory bandwidth = %v [%v, %v]; want 4.8 TB/s [4.8, 5]", f.Base, f.Low, f.High)
	}
}

// TestOverrides loads a user folder on top of the base and checks that
// rows with the same key replace, and that the user's figure is preferred.
func TestOverrides(t *testing.T) {
	cat, err := Load(dir("base"), dir("override"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := cat.Figure("gpu-a", QMemoryBandwidth, "", "")
	if f.Base != 5.2e12 || f.Source != "my lab" {
		t.Errorf("gpu-a memory bandwidth = %v from %q; want the user's 5.2 TB/s", f.Base, f.Source)
	}
	if c, _ := cat.Chip("gpu-a"); c.Name != "Test GPU A (renamed)" {
		t.Errorf("chip gpu-a name = %q; want the user's", c.Name)
	}
	// A user's ratio row beats the fallback dense figure, and a ratio
	// that builds on it waits for it: 4 × 2.5 PFLOPS, not 4 × 2.
	f, _ = cat.Figure("gpu-a", QThroughput, FP8, Dense)
	if f.Base != 2.5e15 || f.Status != Derived || f.Layer != 1 {
		t.Errorf("gpu-a fp8 dense = %v (%s, layer %d); want the user's 25 × cpu-a = 2.5 PFLOPS", f.Base, f.Status, f.Layer)
	}
	// The user's ratio beats the base's ratio, and carries its own range
	// times the base's spread (the 2 PFLOPS fallback and 2.5).
	f, _ = cat.Figure("gpu-b", QThroughput, FP8, Dense)
	if f.Base != 10e15 || f.Value.Low != 7e15 || f.Value.High != 11.25e15 || len(f.Alternatives) != 1 {
		t.Errorf("gpu-b fp8 dense = %v [%v, %v], %d alternatives; want 10 PFLOPS [7, 11.25] over the base's 3x",
			f.Base, f.Value.Low, f.Value.High, len(f.Alternatives))
	}
	got := strings.Join(cat.Overrides(), "\n")
	want := "override/chips.csv:2: replaces gpu-a from base/chips.csv:2\n" +
		"override/values.csv:2: replaces vm-a.16xlarge vcpus (64 count, test fixture) from base/values.csv:7"
	if got != want {
		t.Errorf("Overrides:\n%s\nwant:\n%s", got, want)
	}
}

// BenchmarkLoadDefaults loads and checks the embedded sheets.
func BenchmarkLoadDefaults(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(Defaults()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestValidID checks the id rule against the pattern it stands for.
func TestValidID(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9][a-z0-9.+-]*$`)
	for _, id := range []string{"", "h100", "trn2.48xlarge", "gb300-nvl72", "a+b", "9r45", ".x", "-x", "+x", "H100", "h100 ", "h_100", "é", "x.", "x\x00", "a..b"} {
		if got, want := validID(id), pattern.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v; the pattern says %v", id, got, want)
		}
	}
}
