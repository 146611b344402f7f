package main

import (
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/claims"
	"github.com/spf13/pflag"
)

// plotFlagUse lists, for each chart kind, the flags it reads beyond the
// ones every chart reads (plotCommonFlags). A flag given for a kind that
// does not read it is refused, so that 'plot gw --precision fp4' never
// draws the same chart as 'plot gw' and exits 0. A kind missing here (a
// new one) accepts every flag until it is listed.
var plotFlagUse = map[string][]string{
	"rank":     {"metric", "precision", "sparsity", "fallback", "basis", "kind", "lifecycle", "vendor", "chips", "systems", "term", "region", "as-of", "scenario", "capex-basis", "power-basis", "benchmark", "bench-baseline", "model", "tier", "tpot", "input-tokens", "output-tokens"},
	"scatter":  {"x", "y", "logx", "logy", "precision", "sparsity", "fallback", "basis", "kind", "lifecycle", "vendor", "chips", "systems", "term", "region", "as-of", "scenario", "capex-basis", "power-basis", "benchmark", "bench-baseline", "model", "tier", "tpot", "input-tokens", "output-tokens"},
	"claims":   {"term", "region", "as-of", "scenario", "chips", "systems"},
	"gw":       {},
	"timeline": {"metric", "precision", "sparsity", "fallback", "kind", "lifecycle", "vendor", "chips", "term", "region", "as-of", "scenario", "capex-basis", "power-basis", "benchmark", "bench-baseline", "model", "tier", "tpot", "input-tokens", "output-tokens"},
	"roofline": {"precision", "sparsity", "fallback", "chips"},
	"tornado":  {"chip", "scenario"},
}

// plotCommonFlags are read by every chart kind.
var plotCommonFlags = []string{"output", "follow-symlinks", "width", "height", "dpi", "data", "no-defaults", "bounds"}

// plotAllFlags are read only by 'plot all'.
var plotAllFlags = []string{"dir", "ext"}

// checkPlotFlags refuses the flags given on fs that chart kind does not
// read, naming the kinds that do.
func checkPlotFlags(fs *pflag.FlagSet, kind string) error {
	uses := map[string]bool{}
	for _, f := range plotCommonFlags {
		uses[f] = true
	}
	if o := fs.Lookup("output"); o != nil && o.Value.String() == "-" {
		uses["ext"] = true // -o - (standard output) takes its format from --ext
	}
	switch list, ok := plotFlagUse[kind]; {
	case kind == "all":
		for _, l := range plotFlagUse {
			for _, f := range l {
				uses[f] = true
			}
		}
		for _, f := range plotAllFlags {
			uses[f] = true
		}
		delete(uses, "output")
	case !ok:
		return nil
	default:
		for _, f := range list {
			uses[f] = true
		}
	}
	var unused []string
	fs.Visit(func(f *pflag.Flag) {
		if !uses[f.Name] {
			unused = append(unused, "--"+f.Name)
		}
	})
	if len(unused) == 0 {
		return nil
	}
	var where []string
	for _, u := range unused {
		var kinds []string
		for k, l := range plotFlagUse {
			if contains(l, strings.TrimPrefix(u, "--")) {
				kinds = append(kinds, k)
			}
		}
		if contains(plotAllFlags, strings.TrimPrefix(u, "--")) {
			kinds = append(kinds, "all")
		}
		sort.Strings(kinds)
		if len(kinds) == 0 {
			kinds = []string{"no chart"}
		}
		where = append(where, u+" ("+strings.Join(kinds, ", ")+")")
	}
	return usageError("plot %s does not use %s; they apply to: %s", kind, strings.Join(unused, ", "), strings.Join(where, "; "))
}

// claimSubjects returns the chips and systems --chips and --systems pick
// for the claims chart, or nil for every claim.
func (pb plotBuilder) claimSubjects() (map[string]bool, error) {
	sf := pb.ef.subj
	if !sf.given() {
		return nil, nil
	}
	ids, err := compareSubjects(pb.w.catalog, nil, sf)
	if err != nil {
		return nil, err
	}
	only := make(map[string]bool)
	for _, id := range ids {
		only[id] = true
	}
	return only, nil
}

// claimAbout reports whether claim c is about one of the subjects: its
// subject or one of its baselines.
func claimAbout(c *claims.Claim, only map[string]bool) bool {
	if only[c.Subject] {
		return true
	}
	for _, b := range c.Baselines {
		if only[b] {
			return true
		}
	}
	return false
}
