package parts

import (
	"runtime"
	"testing"
)

// TestRun checks that the parts cover every row once, in order, and that
// a long list is split when there are processors for it.
func TestRun(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, c := range []struct{ n, parts int }{{0, 1}, {10, 1}, {4095, 1}, {8192, 2}, {100001, 2}} {
		if got := Of(c.n); got != c.parts {
			t.Errorf("Of(%d) = %d with 2 processors; want %d", c.n, got, c.parts)
		}
		seen := make([]int, c.n)
		firsts := make([]int, c.parts)
		Run(c.n, c.parts, func(part, first, last int) {
			firsts[part] = first
			for i := first; i < last; i++ {
				seen[i]++
			}
		})
		for i, k := range seen {
			if k != 1 {
				t.Fatalf("n=%d: row %d run %d times", c.n, i, k)
			}
		}
		for p := 1; p < c.parts; p++ {
			if firsts[p] <= firsts[p-1] {
				t.Errorf("n=%d: part %d starts at %d, before part %d at %d", c.n, p, firsts[p], p-1, firsts[p-1])
			}
		}
	}
}
