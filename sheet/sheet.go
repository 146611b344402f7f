// Package sheet reads hwcmp's CSV sheets into Go structs and reports every
// problem with its place: file:line:col: column: problem.
//
// Struct fields are found by their csv tags, as gocsv (which writes the
// sheets hwcmp produces) names them. This package reads records with
// encoding/csv, remembers where each field of each record began, checks
// the header against the struct before any row is decoded, and collects problems instead of stopping at the first, so that a
// user fixing a sheet sees all of them in one run. Fields are decoded as
// strings; the packages that own a sheet parse numbers, units and dates
// themselves and report through Pos, so their messages carry positions too.
package sheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// An Error is one problem in a sheet, at a place as precise as is known.
type Error struct {
	File   string
	Line   int    // 1-based; 0 if the problem concerns the whole file
	Col    int    // 1-based byte column; 0 if unknown
	Column string // the sheet column's name, if the problem is in one field
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Column != "" {
		b.WriteString(e.Column)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errors is a list of sheet problems, itself an error.
type Errors []*Error

func (l Errors) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Err returns l as an error, or nil if l is empty, so that an empty list
// never reaches a caller as a non-nil error.
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Sort orders l by file, line and column.
func (l Errors) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Collect appends the sheet errors inside err to l; an error of another kind
// is wrapped as a whole-file problem of file.
func (l *Errors) Collect(file string, err error) {
	if err == nil {
		return
	}
	var list Errors
	var one *Error
	switch {
	case errors.As(err, &list):
		*l = append(*l, list...)
	case errors.As(err, &one):
		*l = append(*l, one)
	default:
		*l = append(*l, &Error{File: file, Err: err})
	}
}

// A Pos is where a record was read: its file, line, and the column at which
// each named field began. The zero Pos means no position (a derived figure).
//
// Every loaded chip, system, figure and price holds one (600,000 of them
// over 100,000 generated chips and systems), so a Pos is 16 bytes: what all
// rows of a sheet share (the file name, the header's index, the arena of
// field columns) lives once in a posSheet, and a Pos holds a pointer to it,
// its line and where its row's columns begin in the arena. With the file
// name, the header map and a slice in each Pos it was 56 bytes.
type Pos struct {
	sheet *posSheet // nil for the zero Pos
	line  int32
	off   int32 // the row's first field column is at sheet.col(off)
}

// A posSheet is what every Pos of one sheet shares.
type posSheet struct {
	file string
	// index maps a column name to its index in the header; nil for a Pos
	// made by At.
	index map[string]int
	// cols16 or cols32 holds where each field of each row began, row
	// after row, each row with one entry per header column (a record with
	// another field count is not loaded). It is allocated at its full
	// length before the first row is read and never grown, so a Pos handed
	// to a caller reads entries no later row writes. It lives as long as
	// any figure of the sheet, so columns are kept in 16 bits where every
	// line of the sheet is shorter than 65,535 bytes (all but freak
	// sheets): at 600,000 rows of 9 to 15 columns that is 16 MB less.
	cols16 []uint16
	cols32 []int32
}

// col returns the i'th entry of s's column arena.
func (s *posSheet) col(i int) int {
	if s.cols16 != nil {
		return int(s.cols16[i])
	}
	return int(s.cols32[i])
}

// setCol sets the i'th entry of s's column arena.
func (s *posSheet) setCol(i, col int) {
	if s.cols16 != nil {
		s.cols16[i] = uint16(col)
	} else {
		s.cols32[i] = int32(col)
	}
}

// At returns the Pos of line in file, with no field columns: for a record
// that was not read through Decode (a test, a streamed third-party file).
func At(file string, line int) Pos {
	return Pos{sheet: &posSheet{file: file}, line: int32(line)}
}

// File returns the name of the sheet the record was read from, or "".
func (p Pos) File() string {
	if p.sheet == nil {
		return ""
	}
	return p.sheet.file
}

// Line returns the record's 1-based line, or 0 for the zero Pos.
func (p Pos) Line() int { return int(p.line) }

// IsZero reports whether p is the zero Pos, no position.
func (p Pos) IsZero() bool { return p.sheet == nil }

// Col returns the 1-based column at which the named field began, or 0.
func (p Pos) Col(column string) int {
	if p.sheet == nil {
		return 0
	}
	if i, ok := p.sheet.index[column]; ok {
		return p.sheet.col(int(p.off) + i)
	}
	return 0
}

// Errorf returns a problem in the named field of the record at p.
func (p Pos) Errorf(column, format string, args ...any) *Error {
	return p.Wrap(column, fmt.Errorf(format, args...))
}

// Wrap returns err as a problem in the named field of the record at p.
func (p Pos) Wrap(column string, err error) *Error {
	return &Error{File: p.File(), Line: p.Line(), Col: p.Col(column), Column: column, Err: err}
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File(), p.Line()) }

// MarshalJSON writes p as the struct with File and Line it was before it
// was made compact, so that JSON holding a Pos reads as it did.
func (p Pos) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		File string
		Line int
	}{p.File(), p.Line()})
}

// A Row is one decoded record and where it came from.
type Row[T any] struct {
	Rec T
	Pos Pos
}

// Columns lists the columns of struct type T, from its csv tags: the
// required ones, and the optional ones (tagged omitempty), in field order.
func Columns[T any]() (required, optional []string) {
	t := reflect.TypeFor[T]()
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("csv")
		if tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "omitempty") {
			optional = append(optional, name)
		} else {
			required = append(required, name)
		}
	}
	return required, optional
}

// Read decodes the sheet name from fsys into rows of T, a struct whose
// string fields carry csv tags. There are no comment lines: a row whose
// first field begins with '#' is a row like any other, so that a note such
// as "#1 in MLPerf" is never dropped as a comment. It reads through
// ReadFile, so it refuses non-regular and oversized files. It returns every row it could decode and, as an Errors, every problem it
// found: a missing or unknown column, a record with the wrong number of
// fields (reported and skipped), or malformed CSV (reported; reading stops
// there, since the rest cannot be trusted).
func Read[T any](fsys fs.FS, name string) ([]Row[T], error) {
	data, err := ReadFile(fsys, name)
	if err != nil {
		return nil, Errors{{File: name, Err: err}}
	}
	return Decode[T](name, data)
}

// Decode is Read for a sheet already in memory; file names it in errors.
// A sheet that is not valid UTF-8 is refused whole, at the first bad byte,
// rather than having the bytes silently replaced by U+FFFD. A field that
// holds a control character (other than tab and newline) is reported and
// its row not loaded. Carriage returns inside quoted fields become
// newlines, so that a field reads back the same after it is written out.
func Decode[T any](file string, data []byte) ([]Row[T], error) {
	var rows []Row[T]
	err := each(file, data, func(n int) { rows = make([]Row[T], 0, n) }, func(row Row[T]) { rows = append(rows, row) })
	return rows, err
}

// Each is Decode handing each row to fn as it is read instead of keeping
// them all: a caller that turns rows into its own values never holds the
// whole sheet's records at once (at 300,000 value rows they were 90 MB, and
// writing them was a tenth of loading). It reports the same problems as
// Decode; fn sees only rows that decoded cleanly, in order.
func Each[T any](file string, data []byte, fn func(Row[T])) error {
	return each(file, data, func(int) {}, fn)
}

// each is Decode and Each: it calls size once with an upper bound on the
// number of rows, before the first fn.
func each[T any](file string, data []byte, size func(rows int), fn func(Row[T])) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from spreadsheet exports
	if line, col, b, bad := invalidUTF8(data); bad {
		return Errors{{File: file, Line: line, Col: col,
			Err: fmt.Errorf("byte 0x%02x is not valid UTF-8: save the sheet as UTF-8 (no row of it was read)", b)}}
	}
	r := &posReader{file: file, csv: csv.NewReader(bytes.NewReader(data))}
	r.csv.ReuseRecord = true // fields are copied into T; the slice is not kept
	header, err := r.csv.Read()
	header = slices.Clone(header) // ReuseRecord: the next Read overwrites it
	if err == io.EOF {
		return Errors{{File: file, Err: errors.New("empty sheet: no header line")}}
	}
	if err != nil {
		return Errors{r.syntaxError(err)}
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if errs := checkHeader[T](file, header, r.fieldPos(len(header))); len(errs) > 0 {
		return errs
	}
	r.header = header
	index := make(map[string]int, len(header))
	for i, h := range header {
		index[h] = i
	}
	field := fieldIndex[T](header)

	// The fields are set directly by the csv tags' mapping, computed once
	// per sheet: gocsv's per-record reflection was a fifth of the time to
	// load 100,000 chips.
	lines := bytes.Count(data, []byte("\n")) + 1 // at least the rows, so rows and positions never grow
	size(lines)
	// Each row has a field per header column and each field but a row's
	// last ends at a comma, so the rows' fields are at most the commas and
	// the rows together: the bound keeps a long header over many lines
	// from asking for more than the sheet could hold.
	fields := min(lines*len(header), bytes.Count(data, []byte(","))+lines)
	if fields > math.MaxInt32 {
		return Errors{{File: file, Err: fmt.Errorf("%d fields: too many for one sheet; split it into several sheets of the same kind", fields)}}
	}
	r.sheet = &posSheet{file: file, index: index}
	if longestLine(data) < math.MaxUint16 { // a column is at most a line's length + 1
		r.sheet.cols16 = make([]uint16, fields)
	} else {
		r.sheet.cols32 = make([]int32, fields)
	}
	// One record is filled per sheet and copied out for each row: taking
	// the address of a fresh one per row for reflect put every row's
	// record on the heap.
	var t, zero T
	v := reflect.ValueOf(&t).Elem()
	for {
		rec, pos, err := r.next()
		if err == io.EOF {
			break
		}
		t = zero
		for i, f := range rec {
			if field[i] >= 0 {
				v.Field(field[i]).SetString(f)
			}
		}
		fn(Row[T]{Rec: t, Pos: pos})
	}
	return r.errs.Err()
}

// longestLine returns the length in bytes of data's longest line.
func longestLine(data []byte) int {
	longest := 0
	for len(data) > 0 {
		n := bytes.IndexByte(data, '\n')
		if n < 0 {
			return max(longest, len(data))
		}
		longest = max(longest, n)
		data = data[n+1:]
	}
	return longest
}

// fieldIndex maps each column of header to the index of the string field
// of T whose csv tag names it, or -1.
func fieldIndex[T any](header []string) []int {
	t := reflect.TypeFor[T]()
	byName := make(map[string]int)
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("csv"), ",")
		if name != "" && name != "-" && f.Type.Kind() == reflect.String {
			byName[name] = i
		}
	}
	idx := make([]int, len(header))
	for i, h := range header {
		if j, ok := byName[h]; ok {
			idx[i] = j
		} else {
			idx[i] = -1
		}
	}
	return idx
}

func checkHeader[T any](file string, header []string, cols []int) Errors {
	required, optional := Columns[T]()
	known := make(map[string]bool)
	for _, c := range append(required, optional...) {
		known[c] = true
	}
	var errs Errors
	seen := make(map[string]bool)
	for i, h := range header {
		if c, bad := controlChar(h); bad {
			errs = append(errs, &Error{File: file, Line: 1, Col: cols[i], Err: fmt.Errorf("column %d's name holds control character %U: is this a CSV sheet?", i+1, c)})
			continue
		}
		switch {
		case h == "":
			errs = append(errs, &Error{File: file, Line: 1, Col: cols[i], Err: fmt.Errorf("column %d has no name", i+1)})
		case seen[h]:
			errs = append(errs, &Error{File: file, Line: 1, Col: cols[i], Column: h, Err: errors.New("duplicate column")})
		case !known[h]:
			errs = append(errs, &Error{File: file, Line: 1, Col: cols[i], Column: h,
				Err: fmt.Errorf("unknown column (known: %s)", strings.Join(append(required, optional...), ", "))})
		}
		seen[h] = true
	}
	for _, c := range required {
		if !seen[c] {
			errs = append(errs, &Error{File: file, Line: 1, Column: c, Err: errors.New("missing column")})
		}
	}
	return errs
}

// newlines turns the carriage returns encoding/csv leaves in a quoted
// field into newlines: it keeps "\r\n" as "\n" but a lone "\r" as is,
// and a "\r" would not survive a write and a read.
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// posReader reads records and remembers where each field began.
type posReader struct {
	file   string
	csv    *csv.Reader
	header []string
	sheet  *posSheet // shared by every row's Pos
	n      int       // entries of sheet's column arena filled
	errs   Errors
}

func (r *posReader) fieldPos(n int) []int {
	cols := make([]int, n)
	for i := range cols {
		_, cols[i] = r.csv.FieldPos(i)
	}
	return cols
}

func (r *posReader) syntaxError(err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: r.file, Line: pe.Line, Col: pe.Column, Err: fmt.Errorf("malformed CSV: %w", pe.Err)}
	}
	return &Error{File: r.file, Err: err}
}

// next returns each well-formed record after the header with its
// position; it reports and skips records with a wrong field count or a
// control character, and ends at the first syntax error, reporting it.
func (r *posReader) next() ([]string, Pos, error) {
	for {
		rec, err := r.csv.Read()
		if err == io.EOF {
			return nil, Pos{}, io.EOF
		}
		if err != nil {
			if errors.Is(err, csv.ErrFieldCount) {
				line, _ := r.csv.FieldPos(0)
				r.errs = append(r.errs, &Error{File: r.file, Line: line,
					Err: fmt.Errorf("record has %d fields, header has %d; row not loaded", len(rec), len(r.header))})
				continue
			}
			r.errs = append(r.errs, r.syntaxError(err))
			return nil, Pos{}, io.EOF
		}
		line, _ := r.csv.FieldPos(0)
		p := Pos{sheet: r.sheet, line: int32(line), off: int32(r.n)}
		for i := range rec {
			_, col := r.csv.FieldPos(i)
			r.sheet.setCol(r.n, col)
			r.n++
		}
		clean := true
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
			if strings.IndexByte(rec[i], '\r') >= 0 {
				rec[i] = newlines.Replace(rec[i])
			}
			if c, bad := controlChar(rec[i]); bad && clean {
				r.errs = append(r.errs, p.Errorf(r.header[i], "holds control character %U; row not loaded", c))
				clean = false
			}
		}
		if !clean {
			continue
		}
		return rec, p, nil
	}
}

// NextRecord reads one record of a streamed CSV file (one not decoded
// into rows, such as a third party's export) and returns it with its
// line. It returns io.EOF at the end; any other error names the file
// and line.
func NextRecord(cr *csv.Reader, file string) (rec []string, line int, err error) {
	rec, err = cr.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.Line, fmt.Errorf("%s:%d: malformed CSV: %w", file, pe.Line, pe.Err)
		}
		if len(rec) > 0 { // FieldPos panics on a record with no fields
			line, _ = cr.FieldPos(0)
		}
		return nil, line, fmt.Errorf("%s:%d: %w", file, line, err)
	}
	line, _ = cr.FieldPos(0)
	return rec, line, nil
}
