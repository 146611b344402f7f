// Command gen writes a synthetic AWS Price List bulk CSV for AmazonEC2 of a
// given size, for the import benchmark (scripts/bench-import.sh).
//
//	go run ./importer/awsgen/gen -size 1024 -o /tmp/aws-ec2-1g.csv
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hwcmp/hwcmp/importer/awsgen"
)

func main() {
	size := flag.Int64("size", 1024, "size of the file in MiB")
	out := flag.String("o", "", "output file")
	seed := flag.Uint64("seed", 1, "random seed (files are reproducible)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -o FILE is required")
		os.Exit(2)
	}
	// Written to a temporary file and renamed, so a partial file never
	// passes for a complete one.
	f, err := os.CreateTemp(filepath.Dir(*out), ".awsgen-*.csv")
	if err == nil {
		g := awsgen.New(*seed)
		err = g.Write(f, *size<<20)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), *out)
		}
		if err == nil {
			fmt.Printf("wrote %s: %d lines, %d keepable products\n", *out, g.Lines, g.Kept)
		}
		os.Remove(f.Name())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
