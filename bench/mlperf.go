package bench

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// ParseMLPerf reads an MLPerf inference results summary CSV (the table the
// MLCommons submission checker exports), looking columns up by name so that
// every round's variant parses. Power rows are left out (hwcmp compares
// performance); each kept row's system is mapMachine(accelerator_model_name),
// with the accelerator count in Chips and the round and result location as
// its result id. date dates the results.
func ParseMLPerf(r io.Reader, name string, date specs.Date, mapChip Mapper) ([]*Result, Report, error) {
	var rep Report
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, rep, fmt.Errorf("%s: no header: %w", name, err)
	}
	col := make(map[string]int)
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"Organization", "Division", "Platform", "Model", "Scenario", "Result", "Units", "accelerator_model_name", "accelerators_per_node", "number_of_nodes"} {
		if _, ok := col[need]; !ok {
			return nil, rep, fmt.Errorf("%s:1: missing column %q: not an MLPerf inference summary CSV", name, need)
		}
	}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []*Result
	for {
		rec, line, err := sheet.NextRecord(cr, name)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rep, err
		}
		rep.Read++
		model, scenario, unit := get(rec, "Model"), get(rec, "Scenario"), get(rec, "Units")
		label := fmt.Sprintf("line %d: %s %s %s", line, get(rec, "Platform"), model, scenario)
		switch strings.ToLower(unit) {
		case "watts", "millijoules", "joules":
			rep.drop(label, "power row ("+unit+")")
			continue
		case "":
			rep.drop(label, "no Units")
			continue
		}
		chip, ok := mapChip(get(rec, "accelerator_model_name"))
		if !ok {
			rep.drop(label, fmt.Sprintf("accelerator %q matches no chip id (map it explicitly)", get(rec, "accelerator_model_name")))
			continue
		}
		v, err := units.ParseNumber(get(rec, "Result"))
		if err != nil || v <= 0 {
			rep.drop(label, fmt.Sprintf("result %q is not a positive number", get(rec, "Result")))
			continue
		}
		chips := count(get(rec, "total_accelerators"))
		if chips == 0 {
			nodes, per := count(get(rec, "number_of_nodes")), count(get(rec, "accelerators_per_node"))
			if per > 0 && nodes > maxChips/per {
				rep.drop(label, fmt.Sprintf("%d nodes × %d accelerators is not a plausible chip count", nodes, per))
				continue
			}
			chips = nodes * per
		}
		if chips > maxChips {
			rep.drop(label, fmt.Sprintf("%d accelerators is not a plausible chip count", chips))
			continue
		}
		version := get(rec, "version")
		out = append(out, &Result{
			System: chip, Suite: "mlperf-inference", Test: model, Config: scenario + ", " + get(rec, "Division"),
			Score: v, Unit: unit, Higher: !strings.HasPrefix(unit, "Latency"), Chips: chips,
			Source: fmt.Sprintf("%s:%d", name, line), ResultID: strings.TrimPrefix(version+" "+get(rec, "Location"), " "),
			AsOf: date, Note: get(rec, "Organization") + " " + get(rec, "Platform"),
		})
	}
	rep.Kept = len(out)
	return out, rep, nil
}

// maxChips bounds a result's accelerator count, the plausible range of a
// count (see specs.Quantity.Plausible), so that a product of two counts
// cannot overflow and per-chip scores stay finite.
const maxChips = 100_000_000

func count(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}
