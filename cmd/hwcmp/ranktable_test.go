package main

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"testing"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
)

// rankFixture is a ranking's input after evaluation: n generated systems
// evaluated per dollar-hour, as 'hwcmp rank' hands them to rankTable.
type rankFixture struct {
	w       *world
	m       *compare.Metric
	o       compare.Options
	results []compare.Result
	names   []subjectRef
}

func newRankFixture(b testing.TB, n int) rankFixture {
	dir := b.TempDir()
	writeScaleData(b, dir, n)
	d := dataFlags{dirs: []string{dir}}
	w, err := d.load()
	if err != nil {
		b.Fatal(err)
	}
	if err := (&priceFlags{scenario: "hyperscaler"}).configure(w); err != nil {
		b.Fatal(err)
	}
	m, _ := w.metrics.Lookup("throughput-per-dollar-hour")
	o := compare.Options{Precision: specs.FP8, Sparsity: specs.Dense, Basis: compare.PerSystem}
	ids, names, _, err := (&engineFlags{}).namedSubjects(w.catalog, o, true, m)
	if err != nil || len(ids) < n {
		b.Fatalf("%d subjects, %v; want the %d generated and the built-in ones", len(ids), err, n)
	}
	results, err := evaluateAll(context.Background(), w.engine, m, ids, o)
	if err != nil {
		b.Fatal(err)
	}
	splitBases(o, compare.Result{}, results)
	return rankFixture{w, m, o, results, names}
}

// run builds the ranking table and writes it in format f, or only builds
// it when f is "".
func (r rankFixture) run(b *testing.B, f output.Format) {
	t := rankTable(r.w, r.m, r.o, "all kinds", r.results, r.names, 0, false)
	if f == "" {
		return
	}
	if err := t.Write(io.Discard, output.Options{Format: f}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRankTable times what a ranking of 100,000 generated systems
// does after evaluation: ranking and building the table (table), and that
// and writing it in each format: the part of 'hwcmp rank' that must stay
// a small share of the whole at scale.
func BenchmarkRankTable(b *testing.B) {
	r := newRankFixture(b, 100000)
	for _, c := range []struct {
		name string
		f    output.Format
	}{{"table", ""}, {"text", output.Text}, {"markdown", output.Markdown}, {"csv", output.CSV}, {"json", output.JSON}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.run(b, c.f)
			}
		})
	}
}

// TestRankTableParts checks that a long ranking built and written on two
// goroutines is byte for byte the one a single goroutine makes, in every
// format, with --explain and --top, and the same whether the subjects'
// names come with the subjects or are looked up by id.
func TestRankTableParts(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 10,000 generated chips and systems")
	}
	r := newRankFixture(t, 10000)
	names := r.names
	write := func(procs, top int, explain bool, f output.Format) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var b bytes.Buffer
		tab := rankTable(r.w, r.m, r.o, "all kinds", r.results, names, top, explain)
		if err := tab.Write(&b, output.Options{Format: f}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, f := range []output.Format{output.Text, output.Markdown, output.CSV, output.JSON} {
		for _, c := range []struct {
			top     int
			explain bool
		}{{0, false}, {0, true}, {9000, true}} {
			if f == output.JSON && c.explain {
				continue // slow, and no different from the other formats here
			}
			one, two := write(1, c.top, c.explain, f), write(2, c.top, c.explain, f)
			if !bytes.Equal(one, two) {
				t.Errorf("%s, top %d, explain %v: two goroutines wrote %d bytes, one %d; want the same", f, c.top, c.explain, len(two), len(one))
			}
			if len(one) < 10000*20 {
				t.Errorf("%s: %d bytes for 10,000 rows", f, len(one))
			}
			if f == output.CSV && !c.explain { // names looked up by id, not listed with the subjects
				names = nil
				if looked := write(2, c.top, c.explain, f); !bytes.Equal(looked, one) {
					t.Errorf("%s: the table with names looked up by id differs from the one with names listed", f)
				}
				names = r.names
			}
		}
	}
}
