package main

import (
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/specs"
)

// statusMark returns the mark that flags a figure's status in text tables:
// figures that are not plain vendor or measured facts are marked, so that a
// target never passes for a shipping number.
func statusMark(s specs.Status) string {
	switch s {
	case specs.Target:
		return "†"
	case specs.Estimate:
		return "~"
	case specs.Derived:
		return "°"
	case specs.Assumption:
		return "^"
	case specs.Reported:
		return "§"
	}
	return ""
}

// markLegend explains the marks used in a table, one note line.
type markLegend map[string]bool

func (l markLegend) add(mark string) string {
	if mark != "" {
		l[mark] = true
	}
	return mark
}

var markMeanings = map[string]string{
	"†": "† target (announced, not shipping)",
	"~": "~ estimate (analyst or press)",
	"°": "° derived by hwcmp (see 'hwcmp specs show')",
	"^": "^ rests on a model assumption (see the scenario)",
	"§": "§ reported: a vendor figure relayed by a secondary source",
	"¤": "¤ priced on a term other than on-demand (listed below)",
	"*": "* fallback to a wider precision",
	"=": "= not separable from a neighbouring rank: their ranges overlap",
}

// note returns the legend line, or "" if no marks were used.
func (l markLegend) note() string {
	var parts []string
	for m := range l {
		parts = append(parts, markMeanings[m])
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return ""
	}
	return "Marks: " + strings.Join(parts, "; ")
}
