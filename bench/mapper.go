package bench

import (
	"strings"
	"unicode"
)

// NameMapper returns a Mapper that maps a publisher's name (a PTS system
// identifier such as "Graviton4 r8g.16xlarge", or an MLPerf accelerator
// name such as "NVIDIA H200-SXM-141GB") to the longest id in ids that it
// contains, ignoring case and punctuation. explicit maps exact names first.
// A name containing two ids of the same length is ambiguous and not mapped.
func NameMapper(ids []string, explicit map[string]string) Mapper {
	return func(name string) (string, bool) {
		if id, ok := explicit[name]; ok {
			return id, true
		}
		n := squash(name)
		best, bestLen, ambiguous := "", 0, false
		for _, id := range ids {
			s := squash(id)
			if s == "" || !strings.Contains(n, s) {
				continue
			}
			switch {
			case len(s) > bestLen:
				best, bestLen, ambiguous = id, len(s), false
			case len(s) == bestLen:
				ambiguous = true
			}
		}
		return best, best != "" && !ambiguous
	}
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// PerChip returns copies of throughput results (higher is better) with
// scores divided by their chip counts, for comparing accelerators measured
// in systems of different sizes. Results without a chip count, and latency
// results (which do not divide by chips), are returned in skipped.
func PerChip(results []*Result) (per []*Result, skipped []*Result) {
	for _, r := range results {
		if r.Chips == 0 || !r.Higher {
			skipped = append(skipped, r)
			continue
		}
		c := *r
		c.Score /= float64(c.Chips)
		c.Unit += " per chip"
		per = append(per, &c)
	}
	return per, skipped
}

// ModelMapper returns a Mapper for CPU model strings ("AMD EPYC 9R14
// 96-Core Processor", "Intel Xeon Platinum 8488C") to chip ids named
// vendor-model ("epyc-9r14", "xeon-8488c"): a name matches an id when it
// contains the id's model part (or the whole id when that part has no
// digit), ignoring case and punctuation. Ambiguous names are not mapped.
func ModelMapper(ids []string) Mapper {
	keys := make(map[string]string, len(ids))
	for _, id := range ids {
		key := squash(id)
		if _, model, ok := strings.Cut(id, "-"); ok && strings.ContainsAny(model, "0123456789") && len(squash(model)) >= 4 {
			key = squash(model)
		}
		keys[id] = key
	}
	return func(name string) (string, bool) {
		n := squash(name)
		best, bestLen, ambiguous := "", 0, false
		for _, id := range ids {
			k := keys[id]
			if k == "" || !strings.Contains(n, k) {
				continue
			}
			switch {
			case len(k) > bestLen:
				best, bestLen, ambiguous = id, len(k), false
			case len(k) == bestLen:
				ambiguous = true
			}
		}
		return best, best != "" && !ambiguous
	}
}

// First returns a Mapper that tries each of ms in turn.
func First(ms ...Mapper) Mapper {
	return func(name string) (string, bool) {
		for _, m := range ms {
			if id, ok := m(name); ok {
				return id, true
			}
		}
		return "", false
	}
}
