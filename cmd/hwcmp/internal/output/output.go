// Package output writes hwcmp's result tables as aligned text, Markdown,
// CSV or JSON, under one contract (docs/OUTPUT.md).
//
// Commands build Tables; this package decides how they read. Numeric
// columns hold values in base units: text and Markdown scale each column
// with one common prefix and put the unit in the header (like benchstat),
// while CSV and JSON keep the raw base-unit numbers and name the unit in
// the key, so that a program reading them never parses a prefix. A missing
// value is never a number: it prints as "n/a" with its reason, and is null
// in JSON with KEY_missing saying why.
//
// Every command's JSON is one envelope, {"tables": [...], "notes": [...],
// "problems": [...]}, however many tables it prints; CSV holds one table,
// so a command with several needs --table NAME or --output-dir DIR.
//
// Output is safe to open: text cells that a spreadsheet would run as a
// formula are neutralised in CSV, control and bidirectional characters are
// shown escaped in terminal tables, and Markdown escapes HTML, pipes and
// newlines (safe.go).
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
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

// ErrUsage marks an error in the output options the user gave (a --table
// that names no table, CSV of several tables): the command line is wrong,
// not the data.
var ErrUsage = errors.New("usage")

// ParseFormat checks a --format value; case does not matter.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Text, CSV, JSON, Markdown:
		return f, nil
	case "md":
		return Markdown, nil
	case "text":
		return Text, nil
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, Formats)
}

// ext returns the file extension of f, for --output-dir.
func (f Format) ext() string {
	switch f {
	case CSV:
		return ".csv"
	case JSON:
		return ".json"
	case Markdown:
		return ".md"
	}
	return ".txt"
}

// Options say how a command's tables are written. The zero value writes
// text of any width.
type Options struct {
	Format Format
	// Table, when set, writes only the table of that name.
	Table string
	// Dir, when set, writes one file per table into Dir (NAME.csv ...)
	// and lists the files written instead of the tables.
	Dir string
	// CSVRaw turns off the neutralising of formula-like CSV cells, for
	// programs that want the text exactly.
	CSVRaw bool
	// Width is the terminal's width in columns; text tables wider than it
	// wrap and then drop low-priority columns. 0 means no limit.
	Width int
	// Wide shows every column whatever the width.
	Wide bool
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
	// Priority orders which columns a narrow terminal drops: the highest
	// first; 0 (the default) is dropped only when wrapping is not enough.
	Priority int
	// Wide columns are detail that text and Markdown tables leave out
	// unless --wide, whatever the terminal's width, naming them in a note;
	// CSV and JSON always carry them, so no information is lost.
	Wide bool
}

// Numeric reports whether c holds numbers.
func (c Column) Numeric() bool { return c.Display != nil }

// MachineKey returns c's key in CSV and JSON: numeric columns carry their
// base unit, e.g. "throughput_flop_per_s".
func (c Column) MachineKey() string {
	if !c.Numeric() || c.Unit == "" {
		return c.Key
	}
	return c.Key + "_" + UnitKey(c.Unit)
}

// UnitKey spells a unit for a key: "FLOP/s/W" → "flop_per_s_per_w", "B" →
// "bytes", "%" → "pct".
func UnitKey(unit string) string {
	u := strings.NewReplacer("/", "_per_", "%", "pct", " ", "_").Replace(strings.ToLower(unit))
	if u == "b" {
		return "bytes"
	}
	u = strings.ReplaceAll(u, "_per_b", "_per_byte")
	return strings.Replace(u, "b_per_", "bytes_per_", 1)
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
	return RangeAt(&v, lo, hi)
}

// RangeAt is Range for the value *v, which the cell points at: a table
// of many rows keeps its values in one slice instead of one allocation
// each. *v must not change while the table is written.
func RangeAt(v *float64, lo, hi float64) Cell {
	if !finite(*v) {
		return Cell{Missing: "not a finite number"}
	}
	c := Cell{Num: v, Lo: *v, Hi: *v}
	if finite(lo) && finite(hi) {
		c.Lo, c.Hi = lo, hi
	}
	return c
}

// Value returns a text cell that shows text to people and carries the
// number v to programs, or is missing when v is not finite.
func Value(text string, v float64) Cell {
	if !finite(v) {
		return Cell{Missing: "not a finite number"}
	}
	return Cell{Text: text, Raw: v}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Missing returns a cell with no value and the reason. It reads "n/a
// (missing: reason)" in text, is empty in CSV and null in JSON, in text and
// numeric columns alike.
func Missing(reason string) Cell { return Cell{Missing: reason} }

// missing reports whether c has no value in column col.
func (c Cell) missing(col Column) bool {
	if c.Num != nil {
		return false
	}
	if col.Numeric() || c.Missing != "" {
		return true
	}
	if f, ok := c.Raw.(float64); ok && !finite(f) {
		return true
	}
	return false
}

// A Table is what a command prints.
type Table struct {
	// Name is the table's stable machine name ("ranking", "chips"), for
	// --table and --output-dir and the JSON "name" field.
	Name    string
	Title   string
	Context [][2]string // key/value lines printed under the title: precision, basis ...
	Columns []Column
	Rows    [][]Cell
	// NumRows and FillRow, when FillRow is set, give the rows instead of
	// Rows: FillRow sets row i's cells, one per column, for i below
	// NumRows. A table of 100,000 rows then builds each row as it is
	// written instead of holding them all as cells. FillRow may be called
	// more than once for a row, and from several goroutines at once.
	NumRows int
	FillRow func(i int, row []Cell)
	Notes   []string // printed after the table
}

// numRows returns how many rows t has.
func (t *Table) numRows() int {
	if t.FillRow != nil {
		return t.NumRows
	}
	return len(t.Rows)
}

// eachRow calls f with each of rows first to last-1 in turn. A row
// FillRow makes lives until f returns.
func (t *Table) eachRow(first, last int, f func(i int, row []Cell)) {
	if t.FillRow == nil {
		for i, r := range t.Rows[first:last] {
			f(first+i, r)
		}
		return
	}
	row := make([]Cell, len(t.Columns))
	for i := first; i < last; i++ {
		clear(row)
		t.FillRow(i, row)
		f(i, row)
	}
}

// A Doc is everything one command prints: its tables, notes about the
// whole result, and problems met on the way (rows left out, filters that
// matched nothing). JSON carries all three; the other formats print the
// tables and notes, and leave the problems to the command's stderr.
type Doc struct {
	Tables   []*Table
	Notes    []string
	Problems []string
}

// Write writes t alone under o.
func (t *Table) Write(w io.Writer, o Options) error {
	return (&Doc{Tables: []*Table{t}}).Write(w, o)
}

// WriteAll writes several tables under o.
func WriteAll(w io.Writer, o Options, tables ...*Table) error {
	return (&Doc{Tables: tables}).Write(w, o)
}

// name returns t's machine name: Name, or one made from its position.
func (t *Table) name(i int) string {
	if t.Name != "" {
		return t.Name
	}
	return fmt.Sprintf("table%d", i+1)
}

func (t *Table) check() error {
	if t.FillRow != nil && t.Rows != nil {
		return fmt.Errorf("output: table %q has both Rows and FillRow", t.Name)
	}
	for i, r := range t.Rows {
		if len(r) != len(t.Columns) {
			return fmt.Errorf("output: table %q: row %d has %d cells for %d columns", t.Name, i, len(r), len(t.Columns))
		}
	}
	return nil
}

// Names lists the tables' names, for messages and completion.
func (d *Doc) Names() []string {
	var names []string
	for i, t := range d.Tables {
		names = append(names, t.name(i))
	}
	return names
}

// selected returns the tables o asks for.
func (d *Doc) selected(o Options) ([]*Table, error) {
	if o.Table == "" {
		return d.Tables, nil
	}
	for i, t := range d.Tables {
		if strings.EqualFold(t.name(i), o.Table) {
			return []*Table{t}, nil
		}
	}
	return nil, fmt.Errorf("%w: --table %s: no such table here (this command prints: %s)", ErrUsage, o.Table, strings.Join(d.Names(), ", "))
}

// Write writes d to w under o, or into o.Dir one file per table.
func (d *Doc) Write(w io.Writer, o Options) error {
	for _, t := range d.Tables {
		if err := t.check(); err != nil {
			return err
		}
	}
	tables, err := d.selected(o)
	if err != nil {
		return err
	}
	if o.Dir != "" {
		return d.writeDir(w, tables, o)
	}
	if o.Format == CSV && len(tables) > 1 {
		return fmt.Errorf("%w: --format csv holds one table and this command prints %d (%s): pick one with --table NAME, or write one file each with --output-dir DIR",
			ErrUsage, len(tables), strings.Join(d.Names(), ", "))
	}
	return d.write(w, tables, o)
}

func (d *Doc) write(w io.Writer, tables []*Table, o Options) error {
	switch o.Format {
	case JSON:
		return d.writeJSON(w, tables) // streams, like text below
	case CSV:
		bw := bufio.NewWriterSize(w, 64<<10) // streams, like text below
		for _, t := range tables {
			if err := t.writeCSV(bw, o.CSVRaw); err != nil {
				return err
			}
		}
		return bw.Flush()
	default:
		// Text cannot fail half-way, so it streams: a table of 50,000
		// rows is never held in memory as one string.
		bw := bufio.NewWriterSize(w, 64<<10)
		md := o.Format == Markdown
		for i, t := range tables {
			if i > 0 {
				bw.WriteString("\n")
			}
			t.writeText(bw, md, o)
		}
		if len(d.Notes) > 0 {
			bw.WriteString("\n")
			for _, n := range d.Notes {
				writeNote(bw, n, md)
			}
		}
		return bw.Flush()
	}
}

// writeDir writes each table to its own file, named after the table.
func (d *Doc) writeDir(w io.Writer, tables []*Table, o Options) error {
	for _, t := range tables {
		var b strings.Builder
		one := &Doc{Tables: []*Table{t}, Notes: d.Notes, Problems: d.Problems}
		if err := one.write(&b, one.Tables, o); err != nil {
			return err
		}
		name := t.Name
		for i, x := range d.Tables {
			if x == t {
				name = t.name(i)
			}
		}
		path := filepath.Join(o.Dir, name+o.Format.ext())
		if err := sheet.WriteAtomic(path, []byte(b.String())); err != nil {
			return err
		}
		if _, err := fmt.Fprintln(w, "wrote", Printable(path)); err != nil {
			return err
		}
	}
	return nil
}
