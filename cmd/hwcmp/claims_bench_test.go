package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// manyClaims writes n claims, copies of the built-in ones (less those
// that take inputs) under new ids, to a sheet in a temporary folder, and
// returns its path and the ids.
func manyClaims(b *testing.B, n int) (string, []string) {
	b.Helper()
	f, err := os.Open(filepath.Join("..", "..", "claims", "data", "claims.csv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	head := recs[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		b.Fatalf("no column %s", name)
		return -1
	}
	id, inputs, expect := col("id"), col("inputs"), col("expect")
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(head)
	var ids []string
	for i := 0; len(ids) < n; i++ {
		for _, r := range recs[1:] {
			if r[inputs] != "" || len(ids) == n {
				continue
			}
			r = append([]string(nil), r...)
			r[id], r[expect] = fmt.Sprintf("%s-%d", r[id], i), ""
			ids = append(ids, r[id])
			w.Write(r)
		}
	}
	w.Flush()
	file := filepath.Join(b.TempDir(), "claims-many.csv")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return file, ids
}

// BenchmarkClaims50k checks 50,000 claims end to end (load, validate,
// check, CSV output); BenchmarkClaimsOnly10k selects 10,000 of them by id.
func BenchmarkClaims50k(b *testing.B) {
	file, _ := manyClaims(b, 50000)
	benchRun(b, "claims", "--claims", file, "--format", "csv")
}

// BenchmarkClaims50kText is BenchmarkClaims50k with the text table, whose
// layout (column widths over every row) is the costlier output.
func BenchmarkClaims50kText(b *testing.B) {
	file, _ := manyClaims(b, 50000)
	benchRun(b, "claims", "--claims", file)
}

func BenchmarkClaimsOnly10k(b *testing.B) {
	file, ids := manyClaims(b, 50000)
	benchRun(b, "claims", "--claims", file, "--format", "csv", "--only", strings.Join(ids[:10000], ","))
}

func benchRun(b *testing.B, args ...string) {
	b.ReportAllocs()
	for b.Loop() {
		var out, errb bytes.Buffer
		if err := run(context.Background(), &out, &errb, args); err != nil {
			b.Fatal(err, errb.String())
		}
	}
}
