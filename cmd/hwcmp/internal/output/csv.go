package output

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/hwcmp/hwcmp/units"
)

// writeCSV writes t as one CSV table: a header of machine keys, then one
// record per row with numbers in base units and missing values empty.
// Text cells that would run as spreadsheet formulas are neutralised unless
// raw is set; numbers are never touched.
func (t *Table) writeCSV(b io.Writer, raw bool) error {
	text := CSVText
	if raw {
		text = func(s string) string { return s }
	}
	cw := csv.NewWriter(b)
	vis := t.visible()
	var head []string
	for _, j := range vis {
		c := t.Columns[j]
		head = append(head, text(c.MachineKey()))
		if c.Ranged {
			head = append(head, text(c.MachineKey()+"_low"), text(c.MachineKey()+"_high"))
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	var rec []string // one record's fields, reused: the writer copies them out
	var err error
	t.eachRow(0, t.numRows(), func(_ int, r []Cell) {
		if err != nil {
			return
		}
		rec = rec[:0]
		for _, j := range vis {
			var num string // the value as written, for its range
			c, col := r[j], t.Columns[j]
			switch {
			case c.missing(col):
				rec = append(rec, "") // missing: empty, never a made-up number
			case c.Num != nil:
				num = units.FormatNumber(*c.Num)
				rec = append(rec, num)
			case c.Raw != nil:
				rec = append(rec, rawCSV(c.Raw, text))
			default:
				rec = append(rec, text(c.Text))
			}
			if col.Ranged {
				if c.Num != nil {
					rec = append(rec, formatBound(c.Lo, *c.Num, num), formatBound(c.Hi, *c.Num, num))
				} else {
					rec = append(rec, "", "")
				}
			}
		}
		err = cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// formatBound writes a range's bound b of the value v written as num: as
// num when b is v (a point), without formatting it again.
func formatBound(b, v float64, num string) string {
	if same(b, v) {
		return num
	}
	return units.FormatNumber(b)
}

// rawCSV writes a cell's machine value: numbers as numbers, the rest as
// neutralised text.
func rawCSV(v any, text func(string) string) string {
	switch x := v.(type) {
	case float64:
		return units.FormatNumber(x)
	case int:
		return units.FormatNumber(float64(x))
	case bool:
		if x {
			return "true"
		}
		return "false"
	case string:
		return text(x)
	}
	return text(strings.TrimSpace(jsonString(v)))
}
