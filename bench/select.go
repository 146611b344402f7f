package bench

import (
	"fmt"
	"sort"
	"strings"
)

// A Selection is the comparable group of results an aggregate runs over:
// one suite, the systems with results in it, and a baseline among them.
// Results of different suites (a different benchmark, or the same one run
// with other software) are never mixed into one geometric mean.
type Selection struct {
	Suite    string
	Baseline string
	Systems  []string // sorted, baseline included
	Results  []*Result
	// Why says how the suite and baseline were chosen, for output headers.
	Why string
}

// InSuite returns the results of suite, or all of them when suite is "".
func InSuite(results []*Result, suite string) []*Result {
	if suite == "" {
		return results
	}
	var out []*Result
	for _, r := range results {
		if r.Suite == suite {
			out = append(out, r)
		}
	}
	return out
}

// Suites returns the distinct suites of results, sorted.
func Suites(results []*Result) []string {
	seen := make(map[string]bool)
	var out []string
	for _, r := range results {
		if !seen[r.Suite] {
			seen[r.Suite] = true
			out = append(out, r.Suite)
		}
	}
	sort.Strings(out)
	return out
}

// Select picks the comparable group: suite when given, else the suite the
// baseline has the most results in, else the suite covering the most
// systems (ties by name). The baseline defaults to prefer (the first of
// them with results in the suite), then to the first system by id. It
// fails with the systems and suites that do have results when baseline
// or suite has none, so a user sees what to ask for instead.
func Select(results []*Result, suite, baseline string, prefer ...string) (Selection, error) {
	bySuite := make(map[string]map[string]int) // suite → system → results
	for _, r := range results {
		if bySuite[r.Suite] == nil {
			bySuite[r.Suite] = make(map[string]int)
		}
		bySuite[r.Suite][r.System]++
	}
	suites := Suites(results)
	sel := Selection{Suite: suite, Baseline: baseline}
	switch {
	case len(results) == 0:
		return sel, fmt.Errorf("no benchmark results loaded")
	case suite != "":
		if bySuite[suite] == nil {
			return sel, fmt.Errorf("no results in benchmark suite %q (suites with results: %s)", suite, strings.Join(suites, ", "))
		}
		sel.Why = "suite " + suite + " (asked for)"
	case baseline != "":
		best := 0
		for _, s := range suites {
			if n := bySuite[s][baseline]; n > best {
				best, sel.Suite = n, s
			}
		}
		if best == 0 {
			return sel, fmt.Errorf("no measured results for baseline %s (systems with results: %s)", baseline, strings.Join(Systems(results), ", "))
		}
		sel.Why = fmt.Sprintf("suite %s (the one baseline %s has most results in; --benchmark picks another of %s)", sel.Suite, baseline, strings.Join(suites, ", "))
	default:
		best := 0
		for _, s := range suites {
			if n := len(bySuite[s]); n > best {
				best, sel.Suite = n, s
			}
		}
		sel.Why = fmt.Sprintf("suite %s (covers the most systems, %d; --benchmark picks another of %s)", sel.Suite, best, strings.Join(suites, ", "))
	}
	for _, r := range results {
		if r.Suite == sel.Suite {
			sel.Results = append(sel.Results, r)
		}
	}
	sel.Systems = Systems(sel.Results)
	if sel.Baseline == "" {
		for _, p := range prefer {
			if bySuite[sel.Suite][p] > 0 {
				sel.Baseline = p
				break
			}
		}
		if sel.Baseline == "" {
			sel.Baseline = sel.Systems[0]
		}
	} else if bySuite[sel.Suite][sel.Baseline] == 0 {
		return sel, fmt.Errorf("baseline %s has no results in suite %s (systems with results there: %s)", sel.Baseline, sel.Suite, strings.Join(sel.Systems, ", "))
	}
	return sel, nil
}

// Aggregate runs the package-level Aggregate over the selection's systems.
func (s Selection) Aggregate() (Summary, error) {
	return Aggregate(s.Results, s.Systems, s.Baseline)
}
