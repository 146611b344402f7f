package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// The JSON envelope, {"tables": [...], "notes": [...], "problems":
// [...]}, each table {"name", "title", "context", "columns", "rows",
// "notes"}. Field names are stable: fields are only ever added.
// docs/OUTPUT.md holds its JSON Schema, which the tests check every
// command's output against.
//
// The envelope is written piece by piece, as encoding/json's Encoder with
// a two-space indent writes it, byte for byte: a table of 100,000 rows is
// then never held as values to marshal, marshalled and then indented
// again as a whole.

// jsonContext is one header line; a list, not an object, because a key
// may repeat (several "input" lines) and order matters to people.
type jsonContext struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type jsonColumn struct {
	Key    string `json:"key"`
	Header string `json:"header"`
	Unit   string `json:"unit,omitempty"`
	Type   string `json:"type"`
	Ranged bool   `json:"ranged,omitempty"`
}

// jsonWriter writes JSON as the indenting Encoder would, into buf and
// from there to out, a few rows at a time.
type jsonWriter struct {
	buf bytes.Buffer
	out io.Writer
	err error // the first error writing to out
}

// flush writes buf to out once it holds more than a little.
func (w *jsonWriter) flush(always bool) {
	if !always && w.buf.Len() < 64<<10 {
		return
	}
	if w.err == nil {
		_, w.err = w.out.Write(w.buf.Bytes())
	}
	w.buf.Reset()
}

// indent is one level of indentation.
const indent = "  "

// value writes v, which starts on a line indented by prefix.
func (w *jsonWriter) value(v any, prefix string) error {
	switch x := v.(type) {
	case nil:
		w.buf.WriteString("null")
		return nil
	case string:
		if plainJSON(x) {
			w.buf.WriteByte('"')
			w.buf.WriteString(x)
			w.buf.WriteByte('"')
			return nil
		}
	case float64:
		// encoding/json writes exponents outside [1e-6, 1e21).
		if a := math.Abs(x); a == 0 || a >= 1e-6 && a < 1e21 {
			w.buf.Write(strconv.AppendFloat(w.buf.AvailableBuffer(), x, 'f', -1, 64))
			return nil
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if len(b) > 0 && (b[0] == '[' || b[0] == '{') {
		return json.Indent(&w.buf, b, prefix, indent)
	}
	w.buf.Write(b)
	return nil
}

// plainJSON reports whether s is written in JSON as it is, between
// quotes: printable ASCII with nothing that encoding/json escapes (it
// escapes <, > and & too).
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

// field writes one field of an object: a comma after the previous one
// unless first, then the key and the value on a line indented by prefix.
func (w *jsonWriter) field(first bool, key string, v any, prefix string) error {
	if !first {
		w.buf.WriteByte(',')
	}
	w.buf.WriteByte('\n')
	w.buf.WriteString(prefix)
	w.value(key, prefix)
	w.buf.WriteString(": ")
	return w.value(v, prefix)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// columnType names the JSON type of a column's values (null aside):
// number, string, boolean, array or object.
func (t *Table) columnType(j int) string {
	col := t.Columns[j]
	if col.Numeric() {
		return "number"
	}
	typ := ""
	t.eachRow(0, t.numRows(), func(_ int, r []Cell) {
		if typ == "mixed" {
			return
		}
		c := r[j]
		if c.missing(col) {
			return
		}
		var k string
		switch x := c.Raw.(type) {
		case JSONTyped:
			k = x.JSONType()
		case nil:
			k = "string"
		case float64, int:
			k = "number"
		case string:
			k = "string"
		case bool:
			k = "boolean"
		default:
			if strings.HasPrefix(strings.TrimSpace(jsonString(c.Raw)), "[") {
				k = "array"
			} else {
				k = "object"
			}
		}
		if typ != "" && typ != k {
			k = "mixed"
		}
		typ = k
	})
	if typ == "" {
		return "string"
	}
	return typ
}

// A JSONTyped Raw value names its JSON type ("array", "object" ...) as
// it marshals, so that a column's type is known without marshalling every
// row's value.
type JSONTyped interface {
	JSONType() string
}

func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// writeJSON writes t, the i-th table of its Doc, starting on a line
// indented by prefix.
func (t *Table) writeJSON(w *jsonWriter, i int, prefix string) error {
	in := prefix + indent
	context := []jsonContext{}
	for _, kv := range t.Context {
		context = append(context, jsonContext{Key: kv[0], Value: kv[1]})
	}
	var columns []jsonColumn
	// The keys of each column's fields, made once, not once per row.
	type keys struct{ key, low, high, missing, mark string }
	colKeys := make([]keys, len(t.Columns))
	for j, c := range t.Columns {
		k := c.MachineKey()
		columns = append(columns, jsonColumn{Key: k, Header: c.Header, Unit: c.Unit, Type: t.columnType(j), Ranged: c.Ranged})
		colKeys[j] = keys{k, k + "_low", k + "_high", k + "_missing", k + "_mark"}
	}
	w.buf.WriteByte('{')
	for n, f := range []struct {
		key string
		v   any
	}{{"name", t.name(i)}, {"title", t.Title}, {"context", context}, {"columns", columns}} {
		if err := w.field(n == 0, f.key, f.v, in); err != nil {
			return err
		}
	}
	w.buf.WriteString(",\n" + in + `"rows": `)
	rowIn, fieldIn := in+indent, in+indent+indent
	var err error
	t.eachRow(0, t.numRows(), func(i int, r []Cell) {
		if err != nil {
			return
		}
		if i == 0 {
			w.buf.WriteByte('[')
		} else {
			w.buf.WriteByte(',')
		}
		w.buf.WriteString("\n" + rowIn + "{")
		first := true
		add := func(k string, v any) {
			if err == nil {
				if err = w.field(first, k, v, fieldIn); err != nil {
					err = fmt.Errorf("output: field %s: %w", k, err)
				}
				first = false
			}
		}
		for j, c := range r {
			col, k := t.Columns[j], colKeys[j]
			switch {
			case c.missing(col):
				add(k.key, nil)
				if col.Ranged {
					add(k.low, nil)
					add(k.high, nil)
				}
				why := c.Missing
				if why == "" {
					why = "no value"
				}
				add(k.missing, why)
			case c.Num != nil:
				add(k.key, *c.Num)
				if col.Ranged {
					add(k.low, c.Lo)
					add(k.high, c.Hi)
				}
			case c.Raw != nil:
				add(k.key, c.Raw)
			default:
				add(k.key, c.Text)
			}
			if c.Mark != "" {
				add(k.mark, c.Mark)
			}
		}
		if first {
			w.buf.WriteString("}") // no fields: {}
		} else {
			w.buf.WriteString("\n" + rowIn + "}")
		}
		w.flush(false)
	})
	if err != nil {
		return err
	}
	if t.numRows() == 0 {
		w.buf.WriteString("[]")
	} else {
		w.buf.WriteString("\n" + in + "]")
	}
	if err := w.field(false, "notes", nonNil(t.Notes), in); err != nil {
		return err
	}
	w.buf.WriteString("\n" + prefix + "}")
	return nil
}

// writeJSON writes d's tables to out. Like text, it streams: a table of
// 100,000 rows is never held whole in memory. Marshalling a value can
// fail only on a program's bug (values are checked finite at load); the
// output then ends early, with the error.
func (d *Doc) writeJSON(out io.Writer, tables []*Table) error {
	w := jsonWriter{out: out}
	w.buf.WriteString("{\n" + indent + `"tables": `)
	if len(tables) == 0 {
		w.buf.WriteString("[]")
	}
	for n, t := range tables {
		i := 0
		for k, x := range d.Tables {
			if x == t {
				i = k
			}
		}
		if n == 0 {
			w.buf.WriteByte('[')
		} else {
			w.buf.WriteByte(',')
		}
		w.buf.WriteString("\n" + indent + indent)
		if err := t.writeJSON(&w, i, indent+indent); err != nil {
			return err
		}
	}
	if len(tables) > 0 {
		w.buf.WriteString("\n" + indent + "]")
	}
	if err := w.field(false, "notes", nonNil(d.Notes), indent); err != nil {
		return err
	}
	if err := w.field(false, "problems", nonNil(d.Problems), indent); err != nil {
		return err
	}
	w.buf.WriteString("\n}\n")
	w.flush(true)
	return w.err
}
