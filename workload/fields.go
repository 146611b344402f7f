package workload

import (
	"strconv"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
)

// positiveField reads a positive number from the cell col of the row at p.
// An empty cell is an error only when need is set; a cell that is not a
// finite positive number (NaN and Inf included) is always one. It returns 0
// for an empty or refused cell, which callers read as absent.
func positiveField(errs *sheet.Errors, p sheet.Pos, col, s string, need bool) float64 {
	if s == "" {
		if need {
			*errs = append(*errs, p.Errorf(col, "missing %s", col))
		}
		return 0
	}
	v, err := units.ParseNumber(s)
	if err != nil || v <= 0 {
		*errs = append(*errs, p.Errorf(col, "%s %q: want a positive number", col, s))
		return 0
	}
	return v
}

// positiveWholeField is positiveField for a count: a positive whole
// number, as strconv.Atoi reads it.
func positiveWholeField(errs *sheet.Errors, p sheet.Pos, col, s string, need bool) int {
	if s == "" {
		if need {
			*errs = append(*errs, p.Errorf(col, "missing %s", col))
		}
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		*errs = append(*errs, p.Errorf(col, "%s %q: want a positive whole number", col, s))
		return 0
	}
	return n
}
