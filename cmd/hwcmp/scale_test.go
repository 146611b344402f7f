package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
)

// writeScaleData writes a --data folder of n generated chips and n
// generated systems (one per chip, 1–16 chips each), with throughput,
// power and memory-bandwidth figures for each chip and an on-demand price
// for each system: the shape of a large user catalogue.
func writeScaleData(tb testing.TB, dir string, n int) {
	tb.Helper()
	write := func(name string, header string, row func(w *bufio.Writer, i int)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriter(f)
		w.WriteString(header + "\n")
		for i := range n {
			row(w, i)
		}
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		f.Close()
	}
	write("chips-gen.csv", "id,name,vendor,kind,lifecycle,source,as_of", func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "gen-%d,Generated %d,Gen%d,accelerator,shipping,https://example.com/gen,2025\n", i, i, i%7)
	})
	write("systems-gen.csv", "id,name,provider,kind,chip,chips,source,as_of", func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "gen-sys-%d,Generated system %d,aws,instance,gen-%d,%d,https://example.com/gen,2025\n", i, i, i, 1+i%16)
	})
	write("values-gen.csv", "subject,quantity,precision,sparsity,value,unit,status,source,as_of", func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "gen-%d,throughput,fp8,dense,%d,TFLOPS,vendor,https://example.com/gen,2025\n", i, 100+(i*7919)%5000)
		fmt.Fprintf(w, "gen-%d,power,,,%d,W,vendor,https://example.com/gen,2025\n", i, 300+(i*104729)%1000)
		fmt.Fprintf(w, "gen-%d,memory_bandwidth,,,%d,GB/s,vendor,https://example.com/gen,2025\n", i, 1000+(i*31)%8000)
	})
	write("prices-gen.csv", "provider,offering,region,term,usd_per_hour,as_of,status,source", func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "aws,gen-sys-%d,us-east-1,on-demand,%d.%02d,2025-06-01,vendor,https://example.com/gen\n", i, 1+i%90, i%100)
	})
}

// benchScale runs the command line over n generated chips and systems.
func benchScale(b *testing.B, n int, args ...string) {
	dir := b.TempDir()
	writeScaleData(b, dir, n)
	args = append(args, "--data", dir)
	b.ReportAllocs()
	for b.Loop() {
		if _, errOut, code := hwcmp(b, args...); code != 0 {
			b.Fatal(errOut)
		}
	}
	b.ReportMetric(float64(n), "chips")
}

// BenchmarkScale ranks n generated chips per watt and n generated systems
// per dollar-hour, at 1k, 10k and 100k, to show how the time and memory
// grow: both should grow about linearly.
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("rank-chips-%d", n), func(b *testing.B) {
			benchScale(b, n, "rank", "--metric", "throughput-per-watt", "--precision", "fp8")
		})
		b.Run(fmt.Sprintf("rank-systems-%d", n), func(b *testing.B) {
			benchScale(b, n, "rank", "--metric", "throughput-per-dollar-hour", "--precision", "fp8", "--basis", "system")
		})
	}
}

// TestWriteScaleData writes the generated folder to $HWCMP_SCALE_DIR, for
// timing the command by hand: HWCMP_SCALE_N sets its size.
func TestWriteScaleData(t *testing.T) {
	dir := os.Getenv("HWCMP_SCALE_DIR")
	if dir == "" {
		t.Skip("set HWCMP_SCALE_DIR (and HWCMP_SCALE_N) to write the generated data")
	}
	n := 100000
	if s := os.Getenv("HWCMP_SCALE_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	os.MkdirAll(dir, 0o755)
	writeScaleData(t, dir, n)
}

// TestEvaluateAll checks that evaluating 10,000 generated systems split
// between goroutines gives the results one loop gives, in order (run with
// -race, it also checks that the engine only reads), and that a cancelled
// context stops it.
func TestEvaluateAll(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 10,000 generated chips and systems")
	}
	dir := t.TempDir()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // split even on one processor
	writeScaleData(t, dir, 10000)
	d := dataFlags{dirs: []string{dir}}
	w, err := d.load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		metric string
		basis  compare.Basis
	}{{"throughput-per-dollar-hour", compare.PerSystem}, {"throughput-per-watt", compare.PerChip}} {
		m, _ := w.metrics.Lookup(c.metric)
		o := compare.Options{Precision: specs.FP8, Sparsity: specs.Dense, Basis: c.basis}
		var ids []string
		for _, s := range w.catalog.Systems {
			ids = append(ids, s.ID)
		}
		if c.basis == compare.PerChip {
			ids = ids[:0]
			for _, ch := range w.catalog.Chips {
				ids = append(ids, ch.ID)
			}
		}
		got, err := evaluateAll(context.Background(), w.engine, m, ids, o)
		if err != nil {
			t.Fatal(err)
		}
		ok := 0
		for i, id := range ids {
			want := w.engine.Evaluate(m, id, o)
			if !reflect.DeepEqual(got[i], want) {
				t.Fatalf("%s %s: evaluateAll = %+v; one by one %+v", c.metric, id, got[i], want)
			}
			if want.OK() {
				ok++
			}
		}
		if ok < 10000 {
			t.Errorf("%s: %d of %d subjects have a value; want every generated one", c.metric, ok, len(ids))
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m, _ := w.metrics.Lookup("throughput-per-watt")
	ids := make([]string, 10000)
	for i := range ids {
		ids[i] = w.catalog.Chips[i%len(w.catalog.Chips)].ID
	}
	got, err := evaluateAll(ctx, w.engine, m, ids, compare.Options{Precision: specs.FP8, Sparsity: specs.Dense})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("evaluateAll on a cancelled context = %v; want context.Canceled", err)
	}
	for i, r := range got {
		if r.Subject != "" {
			t.Fatalf("evaluateAll on a cancelled context evaluated %s (subject %d of %d): it should stop before the first", r.Subject, i, len(ids))
		}
	}
}

// TestScaleLiveHeap checks what a loaded catalogue keeps per sheet row:
// the live heap after loading 20,000 generated chips and systems (120,000
// sheet rows) beyond that of the built-in data alone, after a collection.
// It is about 355 bytes a row (BENCHMARKS.md); before the third pass of
// issue 17 it was about 550. The bound, 450, fails if a row's CSV record
// or a string-keyed map per figure creeps back.
func TestScaleLiveHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 20,000 generated chips and systems")
	}
	const n = 20000
	dir := t.TempDir()
	writeScaleData(t, dir, n)
	live := func(d dataFlags) uint64 {
		w, err := d.load()
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		runtime.KeepAlive(w)
		return ms.HeapAlloc
	}
	base := live(dataFlags{})
	got := live(dataFlags{dirs: []string{dir}})
	perRow := float64(got-base) / (6 * n)
	t.Logf("live heap %d MB for the built-in data, %d MB with %d generated chips and systems: %.0f bytes per sheet row", base>>20, got>>20, n, perRow)
	if perRow > 450 {
		t.Errorf("a loaded catalogue keeps %.0f bytes per sheet row; want at most 450", perRow)
	}
}
