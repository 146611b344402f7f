package main

import (
	"fmt"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/spf13/pflag"
)

// stabilityFlags are rank's --stability, --samples and --seed.
type stabilityFlags struct {
	on      bool
	samples int
	seed    uint64
}

func (s *stabilityFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&s.on, "stability", false, "also give each subject's probability of each rank, sampling every value within its range")
	fs.IntVar(&s.samples, "samples", compare.DefaultSamples, "samples `N` for --stability")
	fs.Uint64Var(&s.seed, "seed", 1, "random `seed` for --stability: the same seed gives the same answer")
}

// table returns the stability table of results, or nil without
// --stability.
func (s *stabilityFlags) table(m *compare.Metric, results []compare.Result) (*output.Table, error) {
	if !s.on {
		return nil, nil
	}
	if s.samples < 100 || s.samples > 10_000_000 {
		return nil, usageError("--samples %d: want 100 to 10,000,000", s.samples)
	}
	st := compare.RankStability(results, s.samples, s.seed)
	return stabilityTable(m, st), nil
}

// stabilityTable shows each subject's chance of ranking first and in the
// top three, the ranks it takes in the middle 90% of samples, and its
// probability of every rank (JSON).
func stabilityTable(m *compare.Metric, st compare.Stability) *output.Table {
	t := &output.Table{
		Name:    "stability",
		Title:   fmt.Sprintf("Rank stability by %s", m.Name),
		Context: [][2]string{{"sampling", fmt.Sprintf("%d samples, seed %d: each value drawn uniformly within its range, independently; ties split at random", st.Samples, st.Seed)}},
		Columns: []output.Column{
			{Key: "id", Header: "id"}, {Key: "p_first", Header: "P(1st)"}, {Key: "p_top3", Header: "P(top 3)"},
			{Key: "ranks_90", Header: "ranks (90% of samples)"}, {Key: "p_rank", Header: "P(rank)", JSONOnly: true},
		},
	}
	pct := func(p float64) output.Cell { return output.Cell{Text: fmt.Sprintf("%.1f%%", 100*p), Raw: p} }
	for i, r := range st.Subjects {
		top3 := 0.0
		for k := 0; k < 3 && k < len(st.P[i]); k++ {
			top3 += st.P[i][k]
		}
		lo, hi := st.RankInterval(i)
		ranks := fmt.Sprint(lo)
		if hi != lo {
			ranks = fmt.Sprintf("%d–%d", lo, hi)
		}
		t.Rows = append(t.Rows, []output.Cell{output.Str(r.Subject), pct(st.P[i][0]), pct(top3), output.Str(ranks), {Raw: st.P[i]}})
	}
	leaders, separable := st.Leaders()
	switch {
	case separable:
		t.Notes = append(t.Notes, fmt.Sprintf("%s leads in %.1f%% of samples: a separable leader (at least %.0f%%).", leaders[0], 100*st.P[0][0], 100*compare.Separable))
	case len(leaders) > 0:
		t.Notes = append(t.Notes, fmt.Sprintf("No separable leader: %s each rank first in at least %.0f%% of samples.", strings.Join(leaders, ", "), 100*(1-compare.Separable)))
	}
	return t
}
