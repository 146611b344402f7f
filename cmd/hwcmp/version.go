package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/hwcmp/hwcmp/specs"
)

// printVersion writes hwcmp's module version (with the commit when the
// build recorded one), the Go version, and the date of the newest figure
// and price in the built-in data: the two things a reader of a result
// needs to reproduce it.
func printVersion(w io.Writer) error {
	version, commit := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				commit = " " + s.Value[:12]
			}
		}
	}
	var d dataFlags
	wd, err := d.load()
	if err != nil {
		return err
	}
	var figures, prices specs.Date
	for _, v := range wd.catalog.Values.Values() {
		if v.AsOf.Compare(figures) > 0 {
			figures = v.AsOf
		}
	}
	for _, p := range wd.book.Prices.All() {
		if p.AsOf.Compare(prices) > 0 {
			prices = p.AsOf
		}
	}
	_, err = fmt.Fprintf(w, "hwcmp %s%s (%s)\nbuilt-in data: %d chips, %d systems, %d figures as of %s, %d prices as of %s\n",
		version, commit, runtime.Version(), len(wd.catalog.Chips), len(wd.catalog.Systems), len(wd.catalog.Values.Values()), figures, len(wd.book.Prices.All()), prices)
	return err
}
