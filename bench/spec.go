package bench

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// specBenchmark matches a SPEC CPU 2017 benchmark name: 500.perlbench_r,
// 619.lbm_s.
var specBenchmark = regexp.MustCompile(`^[5-6][0-9]{2}\.[a-zA-Z0-9]+_[rs]$`)

// ParseSPEC reads a SPEC CPU 2017 result CSV (runcpu's csv output, as
// spec.org publishes next to each result): the per-benchmark base (and
// peak, where run) ratios of its "Selected Results Table". The system
// under test is mapped by its "System Name", then "Hardware Model", then
// "CPU Name" (instance type first, CPU model last); the date is the
// file's "Test Date" (Mon-YYYY) unless date is given. A run the file
// marks invalid is refused: SPEC does not report it.
func ParseSPEC(r io.Reader, name string, date specs.Date, mapSystem Mapper) ([]*Result, Report, error) {
	var rep Report
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var (
		meta     = make(map[string]string)
		title    string
		header   []string
		inTable  bool
		rows     [][]string
		rowLines []int
	)
	for {
		rec, line, err := sheet.NextRecord(cr, name)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rep, err
		}
		first := strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff"))
		switch {
		case strings.HasPrefix(first, "SPEC CPU2017") && strings.HasSuffix(first, "Result"):
			title = first
		case first == "Selected Results Table":
			inTable, header = true, nil
		case inTable && header == nil:
			header = rec
		case inTable && specBenchmark.MatchString(first):
			rows, rowLines = append(rows, rec), append(rowLines, line)
		default:
			inTable = inTable && first == ""
			if len(rec) >= 2 && first != "" {
				key := strings.TrimSuffix(first, ":")
				if _, seen := meta[key]; !seen {
					meta[key] = strings.TrimSpace(rec[1])
				}
			}
		}
	}
	if title == "" || header == nil {
		return nil, rep, fmt.Errorf("%s: not a SPEC CPU2017 result CSV (no 'SPEC CPU2017 ... Result' title or no 'Selected Results Table')", name)
	}
	if v, ok := meta["valid"]; ok && v != "1" {
		return nil, rep, fmt.Errorf("%s: the run is marked invalid (valid,%s): SPEC reports only valid runs", name, v)
	}
	suite := "spec-cpu2017-" + strings.ToLower(strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimPrefix(title, "SPEC CPU2017 "), " Result")), "-"))
	unit := "SPECrate ratio"
	if strings.Contains(title, "Speed") {
		unit = "SPECspeed ratio"
	}
	var system, by string
	for _, k := range []string{"System Name", "Hardware Model", "CPU Name"} {
		if v := meta[k]; v != "" {
			if id, ok := mapSystem(v); ok {
				system, by = id, fmt.Sprintf("%s %q", k, v)
				break
			}
		}
	}
	if system == "" {
		return nil, rep, fmt.Errorf("%s: system under test matches no chip or system id (System Name %q, Hardware Model %q, CPU Name %q): map one with --map NAME=ID",
			name, meta["System Name"], meta["Hardware Model"], meta["CPU Name"])
	}
	if date.IsZero() {
		t, err := time.Parse("Jan-2006", meta["Test Date"])
		if err != nil {
			return nil, rep, fmt.Errorf("%s: no readable Test Date (%q): give the results' date", name, meta["Test Date"])
		}
		date = specs.Date{Year: int16(t.Year()), Month: int8(t.Month())}
	}
	col := func(want ...string) int {
		for i, h := range header {
			h = strings.ToLower(h)
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(h, w)
			}
			if ok {
				return i
			}
		}
		return -1
	}
	kinds := []struct {
		tune  string
		score int
	}{{"base", col("base", "rat")}, {"peak", col("peak", "rat")}}
	if kinds[0].score < 0 {
		return nil, rep, fmt.Errorf("%s: the Selected Results Table has no base rate/ratio column (header %q)", name, strings.Join(header, ","))
	}
	copies := col("base", "copies")
	if copies < 0 {
		copies = col("base", "threads")
	}
	var out []*Result
	for i, rec := range rows {
		rep.Read++
		bm := strings.TrimSpace(rec[0])
		for _, k := range kinds {
			if k.score < 0 || k.score >= len(rec) || strings.TrimSpace(rec[k.score]) == "" {
				continue
			}
			label := fmt.Sprintf("%s:%d: %s %s", name, rowLines[i], bm, k.tune)
			v, err := units.ParseNumber(strings.TrimSpace(rec[k.score]))
			if err != nil || v <= 0 {
				rep.drop(label, fmt.Sprintf("ratio %q is not a positive number", rec[k.score]))
				continue
			}
			cfg := k.tune
			if copies >= 0 && copies < len(rec) {
				cfg += ", " + strings.TrimSpace(header[copies]) + " " + strings.TrimSpace(rec[copies])
			}
			out = append(out, &Result{System: system, Suite: suite, Test: bm, Config: cfg, Score: v, Unit: unit, Higher: true,
				Source: fmt.Sprintf("%s:%d", name, rowLines[i]), AsOf: date,
				Note: fmt.Sprintf("system mapped by %s; CPU %s", by, meta["CPU Name"])})
			rep.Kept++
		}
	}
	return out, rep, nil
}
