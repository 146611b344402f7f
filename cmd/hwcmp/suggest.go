package main

import (
	"sort"
	"strings"
)

// editDistance is the edit distance between a and b, by runes and
// ignoring case, counting insertions, deletions, substitutions and swaps
// of neighbours ("rnak" is one edit from "rank").
func editDistance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// closest returns the candidates nearest to word: those at the smallest
// edit distance, if it is within a third of the word's length (at least
// 1, at most 3); a candidate that contains the word, or is contained in
// it, counts as within reach. At most three are returned.
func closest(word string, candidates []string) []string {
	limit := min(max((len([]rune(word))+2)/3, 1), 3)
	type scored struct {
		s string
		d int
	}
	var found []scored
	seen := map[string]bool{}
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if seen[c] || c == "" {
			continue
		}
		seen[c] = true
		d := editDistance(word, c)
		lc := strings.ToLower(c)
		if d > limit && len(lw) >= 3 && (strings.Contains(lc, lw) || strings.Contains(lw, lc) && len(lc) >= 3) {
			d = limit
		}
		if d <= limit {
			found = append(found, scored{c, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].d != found[j].d {
			return found[i].d < found[j].d
		}
		return found[i].s < found[j].s
	})
	var out []string
	for i, f := range found {
		if i == 3 || f.d > found[0].d {
			break
		}
		out = append(out, f.s)
	}
	return out
}

// didYouMean returns " (did you mean A or B?)" for the candidates nearest
// to word, or "" when none is near.
func didYouMean(word string, candidates []string) string {
	c := closest(word, candidates)
	if len(c) == 0 {
		return ""
	}
	return " (did you mean " + strings.Join(c, " or ") + "?)"
}
