package compare

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/pricing"
)

// basisOrder breaks ties between capex bases: per-chip bases narrowest
// first, then whole systems.
var basisOrder = append(slices.Clone(pricing.CapexBases), pricing.BasisServer, pricing.BasisRack)

// SplitCapexBases keeps the results that rest on a purchase price to one
// capex basis, for a chip's price alone and a rack's share of its price
// are different things and are never ranked together. The basis kept is
// want if set, else the one most results share (ties: chip, board,
// server-share, rack-share, server, rack). Every other result becomes
// missing, saying its basis and the flag that ranks it. It returns the
// results, the basis kept ("" if no result used capex) and one line per
// basis set apart, for the table's header.
func SplitCapexBases(rs []Result, want string) ([]Result, string, []string) {
	count := make(map[string]int)
	for _, r := range rs {
		if r.OK() && r.CapexBasis != "" {
			count[r.CapexBasis]++
		}
	}
	if len(count) == 0 {
		return rs, want, nil
	}
	keep := want
	if keep == "" {
		for _, b := range basisOrder {
			if count[b] > count[keep] {
				keep = b
			}
		}
	}
	apart := make(map[string][]string)
	out := slices.Clone(rs)
	for i, r := range out {
		if !r.OK() || r.CapexBasis == "" || r.CapexBasis == keep {
			continue
		}
		apart[r.CapexBasis] = append(apart[r.CapexBasis], r.Subject)
		out[i] = Result{Subject: r.Subject, Metric: r.Metric, Basis: r.Basis, CapexBasis: r.CapexBasis,
			Missing: fmt.Sprintf("capex on basis %s, not %s: ranked apart (--capex-basis %s)", r.CapexBasis, keep, r.CapexBasis)}
	}
	var lines []string
	bases := make([]string, 0, len(apart))
	for b := range apart {
		bases = append(bases, b)
	}
	sort.Strings(bases)
	for _, b := range bases {
		lines = append(lines, fmt.Sprintf("%s: %s (rank them with --capex-basis %s)", b, strings.Join(apart[b], ", "), b))
	}
	return out, keep, lines
}
