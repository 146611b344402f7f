package claims

import (
	"math"
	"os"
	"testing"
	"testing/fstest"

	"github.com/hwcmp/hwcmp/specs"
)

// FuzzLoad loads a fuzzed claims sheet: whatever loads has finite numbers
// and a band that contains the claimed value.
func FuzzLoad(f *testing.F) {
	for _, n := range []string{"testdata/claims-cases.csv", "testdata/claims-bad.csv", "data/claims.csv"} {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := specs.Source{FS: fstest.MapFS{"claims.csv": {Data: data}}, Name: "f"}
		cls, err := Load(src)
		if err != nil {
			return
		}
		for _, c := range cls {
			for _, v := range []float64{c.Claimed, c.Low, c.High, c.Tolerance} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("claim %s: %v in %+v", c.ID, v, c)
				}
			}
			if c.Low > c.High {
				t.Fatalf("claim %s: band [%v, %v]", c.ID, c.Low, c.High)
			}
		}
	})
}
