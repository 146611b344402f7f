// Package output writes hwcmp's result tables as aligned text, Markdown,
// CSV or JSON.
//
// Commands build one Table; this package decides how it reads. Numeric
// columns hold values in base units: text and Markdown scale each column
// with one common prefix and put the unit in the header (like benchstat),
// while CSV and JSON keep the raw base-unit numbers and name the unit in
// the key, so that a program reading them never parses a prefix. A missing
// value is never a number: it prints as "n/a" with its reason, and is null
// in JSON.
package output

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/hwcmp/hwcmp/units"
)

// Formats lists the output formats, for flag help.
const Formats = "table|csv|json|markdown"

// A Format is one of the output formats.
type Format string

// The formats.
const (
	Text     Format = "table"
	CSV      Format = "csv"
	JSON     Format = "json"
	Markdown Format = "markdown"
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, CSV, JSON, Markdown:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, Formats)
}

// A Column describes one column of a Table.
type Column struct {
	Key    string // stable machine name; numeric columns get the unit appended in CSV/JSON
	Header string // for people; numeric columns get "(unit)" appended
	// Display, when set, makes the column numeric: cells hold base-unit
	// numbers, scaled for people with Display.
	Display *units.Display
	Unit    string // base unit of a numeric column, e.g. "FLOP/s"
	// Ranged marks a numeric column whose cells may carry a range: text
	// shows it after the value as [low–high] when it is wider than a point;
	// CSV and JSON carry KEY_low and KEY_high on every row.
	Ranged bool
	// JSONOnly columns carry structured data (Cell.Raw) that only JSON
	// shows, such as the evidence behind a value.
	JSONOnly bool
}

// Numeric reports whether c holds numbers.
func (c Column) Numeric() bool { return c.Display != nil }

// MachineKey returns c's key in CSV and JSON: numeric columns carry their
// base unit, e.g. "throughput_flop_per_s".
func (c Column) MachineKey() string {
	if !c.Numeric() || c.Unit == "" {
		return c.Key
	}
	u := strings.NewReplacer("/", "_per_", "%", "pct", " ", "_").Replace(strings.ToLower(c.Unit))
	if u == "b" {
		u = "bytes"
	}
	u = strings.ReplaceAll(u, "_per_b", "_per_byte")
	u = strings.Replace(u, "b_per_", "bytes_per_", 1)
	return c.Key + "_" + u
}

// A Cell is one value. Numeric cells set Num (base units) or, when the
// value is missing, leave Num nil and say why in Missing. Mark is appended
// in text output, e.g. "*" for a flagged value.
type Cell struct {
	Text    string
	Num     *float64
	Lo, Hi  float64 // the range of Num, in a Ranged column
	Missing string
	Mark    string
	// Raw, when set on a text cell, is what CSV and JSON carry instead of
	// Text: a number in base units beside its human form, say.
	Raw any
}

// Str returns a text cell.
func Str(s string) Cell { return Cell{Text: s} }

// Num returns a numeric cell; NaN and infinities become missing, so that
// they never reach output.
func Num(v float64) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Cell{Missing: "not a finite number"}
	}
	return Cell{Num: &v, Lo: v, Hi: v}
}

// Range returns a numeric cell with a range, for a Ranged column.
func Range(v, lo, hi float64) Cell {
	c := Num(v)
	if c.Num != nil && !math.IsNaN(lo) && !math.IsNaN(hi) && !math.IsInf(lo, 0) && !math.IsInf(hi, 0) {
		c.Lo, c.Hi = lo, hi
	}
	return c
}

// Missing returns a numeric cell with no value and the reason.
func Missing(reason string) Cell { return Cell{Missing: reason} }

// A Table is what a command prints.
type Table struct {
	Title   string
	Context [][2]string // key/value lines printed under the title: precision, basis ...
	Columns []Column
	Rows    [][]Cell
	Notes   []string // printed after the table
}

// Write writes t to w in format f.
func (t *Table) Write(w io.Writer, f Format) error {
	for i, r := range t.Rows {
		if len(r) != len(t.Columns) {
			return fmt.Errorf("output: row %d has %d cells for %d columns", i, len(r), len(t.Columns))
		}
	}
	switch f {
	case CSV:
		return t.writeCSV(w)
	case JSON:
		return t.writeJSON(w)
	case Markdown:
		return t.writeText(w, true)
	}
	return t.writeText(w, false)
}

// visible returns the indexes of the columns text, Markdown and CSV show.
func (t *Table) visible() []int {
	var idx []int
	for j, c := range t.Columns {
		if !c.JSONOnly {
			idx = append(idx, j)
		}
	}
	return idx
}

func (t *Table) scalers() []units.Scaler {
	sc := make([]units.Scaler, len(t.Columns))
	for j, c := range t.Columns {
		if !c.Numeric() {
			continue
		}
		var vals []float64
		for _, r := range t.Rows {
			if r[j].Num != nil {
				vals = append(vals, *r[j].Num)
				if c.Ranged {
					vals = append(vals, r[j].Lo, r[j].Hi)
				}
			}
		}
		sc[j] = c.Display.CommonScale(vals)
	}
	return sc
}

func (t *Table) writeText(w io.Writer, md bool) error {
	sc := t.scalers()
	vis := t.visible()
	cols := make([]Column, len(vis))
	head := make([]string, len(vis))
	for k, j := range vis {
		c := t.Columns[j]
		cols[k] = c
		head[k] = c.Header
		if c.Numeric() {
			if u := sc[j].Unit(); u != "" {
				head[k] += " (" + u + ")"
			}
		}
	}
	cells := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		cells[i] = make([]string, len(vis))
		for k, j := range vis {
			c := r[j]
			s := c.Text
			switch {
			case c.Num != nil:
				s = sc[j].Format(*c.Num)
				if lo, hi := sc[j].Format(c.Lo), sc[j].Format(c.Hi); t.Columns[j].Ranged && (lo != s || hi != s) {
					s += " [" + lo + "–" + hi + "]"
				}
			case c.Missing != "":
				s = "n/a (missing: " + c.Missing + ")"
			case t.Columns[j].Numeric():
				s = "n/a"
			}
			if s == "" && !md {
				s = "-"
			}
			cells[i][k] = s + c.Mark
		}
	}
	var b strings.Builder
	if t.Title != "" {
		if md {
			b.WriteString("### ")
		}
		b.WriteString(t.Title + "\n")
	}
	for _, kv := range t.Context {
		if md {
			fmt.Fprintf(&b, "- %s: %s\n", kv[0], kv[1])
		} else {
			fmt.Fprintf(&b, "  %s: %s\n", kv[0], kv[1])
		}
	}
	if t.Title != "" || len(t.Context) > 0 {
		b.WriteString("\n")
	}
	if md {
		writeMarkdownTable(&b, cols, head, cells)
	} else {
		writeAligned(&b, cols, head, cells)
	}
	if len(t.Notes) > 0 {
		b.WriteString("\n")
		for _, n := range t.Notes {
			if md {
				b.WriteString("- ")
			}
			b.WriteString(n + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeAligned(b *strings.Builder, cols []Column, head []string, cells [][]string) {
	width := make([]int, len(cols))
	for j := range cols {
		width[j] = utf8.RuneCountInString(head[j])
		for _, r := range cells {
			width[j] = max(width[j], utf8.RuneCountInString(r[j]))
		}
	}
	line := func(fields []string) {
		var l strings.Builder
		for j, f := range fields {
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(f))
			if j > 0 {
				l.WriteString("  ")
			}
			if cols[j].Numeric() {
				l.WriteString(pad + f)
			} else {
				l.WriteString(f + pad)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(head)
	rule := make([]string, len(cols))
	for j := range cols {
		rule[j] = strings.Repeat("─", width[j])
	}
	line(rule)
	for _, r := range cells {
		line(r)
	}
}

func writeMarkdownTable(b *strings.Builder, cols []Column, head []string, cells [][]string) {
	esc := strings.NewReplacer("|", `\|`)
	row := func(fields []string) {
		b.WriteString("|")
		for _, f := range fields {
			b.WriteString(" " + esc.Replace(f) + " |")
		}
		b.WriteString("\n")
	}
	row(head)
	b.WriteString("|")
	for _, c := range cols {
		if c.Numeric() {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range cells {
		row(r)
	}
}

func (t *Table) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	var head []string
	for _, j := range t.visible() {
		c := t.Columns[j]
		head = append(head, c.MachineKey())
		if c.Ranged {
			head = append(head, c.MachineKey()+"_low", c.MachineKey()+"_high")
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range t.Rows {
		var rec []string
		for _, j := range t.visible() {
			c, col := r[j], t.Columns[j]
			switch {
			case c.Num != nil:
				rec = append(rec, units.FormatNumber(*c.Num))
			case col.Numeric():
				rec = append(rec, "") // missing: empty, never a made-up number
			case c.Raw != nil:
				rec = append(rec, rawString(c.Raw))
			default:
				rec = append(rec, c.Text)
			}
			if col.Ranged {
				if c.Num != nil {
					rec = append(rec, units.FormatNumber(c.Lo), units.FormatNumber(c.Hi))
				} else {
					rec = append(rec, "", "")
				}
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonTable is the JSON form of a Table. Its field names are stable.
type jsonTable struct {
	Title   string            `json:"title,omitempty"`
	Context map[string]string `json:"context,omitempty"`
	Columns []jsonColumn      `json:"columns"`
	Rows    []map[string]any  `json:"rows"`
	Notes   []string          `json:"notes,omitempty"`
}

type jsonColumn struct {
	Key    string `json:"key"`
	Header string `json:"header"`
	Unit   string `json:"unit,omitempty"`
}

func (t *Table) writeJSON(w io.Writer) error {
	jt := jsonTable{Title: t.Title, Notes: t.Notes, Rows: make([]map[string]any, 0, len(t.Rows))}
	if len(t.Context) > 0 {
		jt.Context = make(map[string]string)
		for _, kv := range t.Context {
			jt.Context[kv[0]] = kv[1]
		}
	}
	for _, c := range t.Columns {
		jt.Columns = append(jt.Columns, jsonColumn{Key: c.MachineKey(), Header: c.Header, Unit: c.Unit})
	}
	for _, r := range t.Rows {
		m := make(map[string]any, len(r))
		for j, c := range r {
			k := t.Columns[j].MachineKey()
			switch {
			case c.Num != nil:
				m[k] = *c.Num
				if t.Columns[j].Ranged {
					m[k+"_low"], m[k+"_high"] = c.Lo, c.Hi
				}
			case t.Columns[j].Numeric():
				m[k] = nil
				if t.Columns[j].Ranged {
					m[k+"_low"], m[k+"_high"] = nil, nil
				}
				if c.Missing != "" {
					m[k+"_missing"] = c.Missing
				}
			case c.Raw != nil:
				m[k] = c.Raw
			default:
				m[k] = c.Text
			}
			if c.Mark != "" {
				m[k+"_mark"] = c.Mark
			}
		}
		jt.Rows = append(jt.Rows, m)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jt)
}

func rawString(v any) string {
	switch x := v.(type) {
	case float64:
		return units.FormatNumber(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// WriteAll writes several tables: one after another for people, a JSON
// array of tables, or CSV tables separated by a blank line.
func WriteAll(w io.Writer, f Format, tables ...*Table) error {
	if f == JSON && len(tables) != 1 {
		var parts []json.RawMessage
		for _, t := range tables {
			var b strings.Builder
			if err := t.writeJSON(&b); err != nil {
				return err
			}
			parts = append(parts, json.RawMessage(b.String()))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(parts)
	}
	for i, t := range tables {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := t.Write(w, f); err != nil {
			return err
		}
	}
	return nil
}
