package bench

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/hwcmp/hwcmp/specs"
)

// anySystem maps every name to a system id, so that fuzzing reaches the
// parsing of every row.
func anySystem(name string) (string, bool) { return "sys", name != "" }

// checkResults is what every benchmark parser keeps: finite, positive
// scores and plausible accelerator counts, so that a per-chip score or a
// ratio can never be NaN or infinite.
func checkResults(t *testing.T, rs []*Result, rep Report) {
	t.Helper()
	if rep.Kept != len(rs) {
		t.Fatalf("report says %d kept; %d results", rep.Kept, len(rs))
	}
	for _, r := range rs {
		if math.IsNaN(r.Score) || math.IsInf(r.Score, 0) || r.Score <= 0 {
			t.Fatalf("score %v of %+v", r.Score, r)
		}
		if r.Chips < 0 || r.Chips > maxChips {
			t.Fatalf("%d chips in %+v", r.Chips, r)
		}
	}
}

func fuzzSeed(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzMLPerf(f *testing.F) {
	fuzzSeed(f, "mlperf-summary.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, rep, err := ParseMLPerf(bytes.NewReader(data), "f.csv", specs.Date{Year: 2026}, anySystem)
		if err == nil {
			checkResults(t, rs, rep)
		}
	})
}

func FuzzPTS(f *testing.F) {
	fuzzSeed(f, "composite.xml", "pts-ramspeed-fragment.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, rep, err := ParsePTS(bytes.NewReader(data), "f.xml", specs.Date{Year: 2026}, anySystem)
		if err == nil {
			checkResults(t, rs, rep)
		}
	})
}

func FuzzSPEC(f *testing.F) {
	fuzzSeed(f, "spec-cpu2017-intrate.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, rep, err := ParseSPEC(bytes.NewReader(data), "f.csv", specs.Date{Year: 2026}, anySystem)
		if err == nil {
			checkResults(t, rs, rep)
		}
	})
}
