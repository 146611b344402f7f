package bench

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// ptsCSVUnit names the unit of results from a PTS CSV export, which does
// not carry the test's scale: such results compare only with each other.
const ptsCSVUnit = "PTS CSV export (unit not exported)"

// ParsePTSCSV reads the CSV export of a Phoronix Test Suite /
// OpenBenchmarking result (pts_result_file_output::result_file_to_csv:
// the title, a table of system components with one column per system,
// then one row per result: "identifier - arguments", HIB or LIB, one value
// per system). The export carries neither the unit nor a date, so the
// results compare only with each other and date must be given. Systems are
// mapped by name, then by their Motherboard and Processor components, as
// ParsePTS does.
func ParsePTSCSV(r io.Reader, name string, date specs.Date, mapSystem Mapper) ([]*Result, Report, error) {
	var rep Report
	if date.IsZero() {
		return nil, rep, errors.New(name + ": a PTS CSV export carries no date: give the results' date")
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var systems []string
	components := make(map[string][]string) // component → value per system
	var order []string
	headers := 0
	var out []*Result
	for {
		rec, line, err := sheet.NextRecord(cr, name)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rep, err
		}
		first := strings.TrimSpace(rec[0])
		switch {
		case len(rec) >= 3 && first == "" && strings.TrimSpace(rec[1]) == "":
			headers++
			systems = rec[2:]
		case headers == 1 && len(rec) >= 3 && first != "":
			components[first] = rec[2:]
			order = append(order, first)
		case headers >= 2 && len(rec) >= 3:
			rep.Read++
			test, args, _ := strings.Cut(first, " - ")
			label := fmt.Sprintf("%s:%d: %s", name, line, first)
			higher, err := ParseDirection(strings.TrimSpace(rec[1]))
			if err != nil {
				rep.drop(label, "proportion "+rec[1]+" is neither HIB nor LIB")
				continue
			}
			for i, v := range rec[2:] {
				if i >= len(systems) {
					break
				}
				ident := systems[i]
				hw := make([]string, 0, 2)
				for _, k := range []string{"Motherboard", "Processor"} {
					if vals := components[k]; i < len(vals) && vals[i] != "" {
						hw = append(hw, k+": "+vals[i])
					}
				}
				sys, how, ok := hardwareMapper(mapSystem, map[string]string{ident: strings.Join(hw, ", ")})(ident)
				if !ok {
					rep.drop(label, fmt.Sprintf("system %q matches no chip or system id by its name, motherboard or processor (map it with --map %q)", ident, ident+"=ID"))
					continue
				}
				score, err := units.ParseNumber(strings.TrimSpace(v))
				if err != nil || score <= 0 {
					rep.drop(label, fmt.Sprintf("%s: value %q is not a positive number", ident, v))
					continue
				}
				out = append(out, &Result{System: sys, Suite: "pts", Test: strings.TrimSpace(test), Config: strings.TrimSpace(args),
					Score: score, Unit: ptsCSVUnit, Higher: higher, Source: fmt.Sprintf("%s:%d", name, line), AsOf: date,
					Note: strings.TrimSuffix("PTS identifier "+ident+"; "+how, "; ")})
			}
		}
	}
	if headers < 2 {
		return nil, rep, fmt.Errorf("%s: not a PTS result CSV export (want a system-components table and a results table, each headed ' ,,\"system\",...')", name)
	}
	rep.Kept = len(out)
	return out, rep, nil
}
