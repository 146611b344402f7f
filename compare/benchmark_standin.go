package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/specs"
)

// StandIn picks the measured instance that takes the place of baseline id
// when id itself has no results: one on the same chip with the same
// number of vCPUs, the closest name first (m7i-flex.16xlarge before
// c7i-flex.16xlarge for m7i.16xlarge: the same family letter, so the same
// memory per vCPU), then by id. Such an instance is the same silicon in
// the same slice, so ratios to it answer "against an instance of id's
// size and chip" with a measurement rather than a guess; it is still
// another instance type, so the note it returns says which one stood in
// and why. Only results of suite count ("" for every suite): a stand-in
// must have results where the comparison is made. It returns "" when id
// has results or no instance qualifies (then id's missing results stay
// an error).
func StandIn(cat *specs.Catalog, results []*bench.Result, id, suite string) (string, string) {
	if cat == nil || id == "" || hasResults(results, id) {
		return "", ""
	}
	results = bench.InSuite(results, suite)
	sys, ok := cat.System(id)
	if !ok {
		return "", ""
	}
	want, ok := cat.Figure(id, specs.QVCPUs, "", "")
	if !ok {
		return "", ""
	}
	var qualify []string
	for _, s := range SiblingsWithResults(cat, results, id, "") {
		if f, ok := cat.Figure(s, specs.QVCPUs, "", ""); ok && f.Base == want.Base {
			qualify = append(qualify, s)
		}
	}
	if len(qualify) == 0 {
		return "", ""
	}
	sort.SliceStable(qualify, func(i, j int) bool {
		return commonPrefix(qualify[i], id) > commonPrefix(qualify[j], id)
	})
	note := fmt.Sprintf("baseline %s has no measured results: %s stands in for it (same chip %s, same %g vCPUs; a different instance type, measured itself), so every ratio and the perf per $/h are relative to %s",
		id, qualify[0], sys.Chip, want.Base, qualify[0])
	if len(qualify) > 1 {
		note += fmt.Sprintf(" (also qualifying: %s)", strings.Join(qualify[1:], ", "))
	}
	return qualify[0], note
}

// SiblingsWithResults lists the systems with results in suite ("" for
// any) that share id's chip, to suggest a baseline when id itself was
// never measured.
func SiblingsWithResults(cat *specs.Catalog, results []*bench.Result, id, suite string) []string {
	sys, ok := cat.System(id)
	if !ok {
		return nil
	}
	var out []string
	for _, s := range bench.Systems(bench.InSuite(results, suite)) {
		if o, ok := cat.System(s); ok && o.Chip == sys.Chip && s != id {
			out = append(out, s)
		}
	}
	return out
}

// hasResults reports whether any result is of system id.
func hasResults(results []*bench.Result, id string) bool {
	for _, r := range results {
		if r.System == id {
			return true
		}
	}
	return false
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
