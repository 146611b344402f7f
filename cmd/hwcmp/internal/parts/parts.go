// Package parts splits a long list of independent rows between the
// processors: evaluating, tabulating and formatting 100,000 subjects are
// each mostly work on one row at a time, and each part writes only its
// own rows, so the result is the same however the list is split.
package parts

import (
	"runtime"
	"sync"
)

// chunk is the fewest rows worth a goroutine of their own: below a few
// thousand, starting one costs more than it saves.
const chunk = 4096

// Of returns how many parts a list of n rows is split into: one per
// processor for a long list, one for a short one.
func Of(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/chunk))
}

// Run splits n rows into parts ranges of about equal length and calls f
// for each at once, with the part's number, and returns when all have.
// f writes only its own rows and its part's slot.
func Run(n, parts int, f func(part, first, last int)) {
	if parts <= 1 {
		f(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { f(p, n*p/parts, n*(p+1)/parts) })
	}
	wg.Wait()
}
