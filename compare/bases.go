package compare

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
)

// A BasisKind is a way the figures behind results can cover different
// things, which are never ranked together: a chip's price against a
// rack's share of its price, or chips' TDP × count against a rack's
// all-in power.
type BasisKind struct {
	Name string // e.g. "capex basis", for headers and messages
	Flag string // the flag that picks a basis, e.g. "--capex-basis"
	// Order breaks ties between bases, narrowest first.
	Order []string
	// Of returns the basis of a result's figure of this kind ("" if the
	// result used none).
	Of func(Result) string
}

// CapexBasisKind splits results by what their purchase price covers.
var CapexBasisKind = BasisKind{Name: "capex basis", Flag: "--capex-basis",
	Order: pricing.AllCapexBases(), Of: func(r Result) string { return r.CapexBasis }}

// PowerBasisKind splits results by what their power figure covers.
var PowerBasisKind = BasisKind{Name: "power basis", Flag: "--power-basis",
	Order: specs.PowerBases, Of: func(r Result) string { return r.PowerBasis }}

// SplitBases keeps results to one basis of kind k. The basis kept is want
// if set, else the one most results share (ties: k.Order). Every other
// result becomes missing, saying its basis and the flag that ranks it. It
// returns the results (rs is unchanged), the basis kept ("" if no result
// has one) and one line per basis set apart, for the table's header.
func SplitBases(rs []Result, want string, k BasisKind) ([]Result, string, []string) {
	count := make(map[string]int)
	for _, r := range rs {
		if b := k.Of(r); r.OK() && b != "" {
			count[b]++
		}
	}
	if len(count) == 0 {
		return rs, want, nil
	}
	keep := want
	if keep == "" {
		for _, b := range k.Order {
			if count[b] > count[keep] {
				keep = b
			}
		}
	}
	apart := make(map[string][]string)
	out := slices.Clone(rs)
	for i, r := range out {
		b := k.Of(r)
		if !r.OK() || b == "" || b == keep {
			continue
		}
		apart[b] = append(apart[b], r.Subject)
		out[i] = Result{Subject: r.Subject, Metric: r.Metric, Basis: r.Basis, CapexBasis: r.CapexBasis, PowerBasis: r.PowerBasis,
			Missing: fmt.Sprintf("%s %s, not %s: ranked apart (%s %s)", k.Name, b, keep, k.Flag, b)}
	}
	var lines []string
	bases := make([]string, 0, len(apart))
	for b := range apart {
		bases = append(bases, b)
	}
	sort.Strings(bases)
	for _, b := range bases {
		lines = append(lines, fmt.Sprintf("%s: %s (rank them with %s %s)", b, strings.Join(apart[b], ", "), k.Flag, b))
	}
	return out, keep, lines
}
