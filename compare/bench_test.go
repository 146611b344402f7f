package compare

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hwcmp/hwcmp/specs"
)

func benchRank(b *testing.B, e *Engine, basis Basis, ids []string) {
	m, _ := DefaultMetrics().Lookup("throughput-per-watt")
	o := Options{Precision: specs.FP8, Sparsity: specs.Dense, Basis: basis}
	b.ReportAllocs()
	for b.Loop() {
		results := make([]Result, 0, len(ids))
		for _, id := range ids {
			results = append(results, e.Evaluate(m, id, o))
		}
		Rank(results)
	}
	b.ReportMetric(float64(len(ids)), "subjects")
}

// BenchmarkRankDefaults ranks every chip of the embedded data.
func BenchmarkRankDefaults(b *testing.B) {
	e := defaults(b)
	var ids []string
	for _, c := range e.Catalog.Chips {
		ids = append(ids, c.ID)
	}
	benchRank(b, e, PerChip, ids)
}

// generated returns sheets with n systems, each on its own chip with
// throughput and power figures.
func generated(n int) fstest.MapFS {
	var chips, systems, values strings.Builder
	chips.WriteString("id,name,vendor,kind,lifecycle,source,as_of\n")
	systems.WriteString("id,name,provider,kind,chip,chips,source,as_of\n")
	values.WriteString("subject,quantity,precision,sparsity,value,unit,low,high,status,preferred,source,as_of\n")
	for i := range n {
		fmt.Fprintf(&chips, "chip-%d,Chip %d,Gen,accelerator,shipping,generated,2025\n", i, i)
		fmt.Fprintf(&systems, "sys-%d,System %d,Gen,instance,chip-%d,%d,generated,2025\n", i, i, i, 1+i%16)
		fmt.Fprintf(&values, "chip-%d,throughput,fp8,dense,%d,TFLOPS,,,vendor,,generated,2025\n", i, 100+i%5000)
		fmt.Fprintf(&values, "chip-%d,power,,,%d,W,%d,%d,vendor,,generated,2025\n", i, 300+i%1000, 290+i%1000, 310+i%1000)
	}
	return fstest.MapFS{
		"chips.csv":   {Data: []byte(chips.String())},
		"systems.csv": {Data: []byte(systems.String())},
		"values.csv":  {Data: []byte(values.String())},
	}
}

// BenchmarkRankGenerated ranks 10,000 generated systems per system.
func BenchmarkRankGenerated(b *testing.B) {
	cat, err := specs.Load(specs.Source{FS: generated(10000), Name: "generated"})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 0, len(cat.Systems))
	for _, s := range cat.Systems {
		ids = append(ids, s.ID)
	}
	benchRank(b, &Engine{Catalog: cat}, PerSystem, ids)
}

// BenchmarkLoadGenerated loads the 10,000-system sheets.
func BenchmarkLoadGenerated(b *testing.B) {
	fsys := generated(10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := specs.Load(specs.Source{FS: fsys, Name: "generated"}); err != nil {
			b.Fatal(err)
		}
	}
}
