package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// The JSON envelope. Field names are stable: fields are only ever added.
// docs/OUTPUT.md holds its JSON Schema, which the tests check every
// command's output against.
type jsonDoc struct {
	Tables   []jsonTable `json:"tables"`
	Notes    []string    `json:"notes"`
	Problems []string    `json:"problems"`
}

type jsonTable struct {
	Name    string        `json:"name"`
	Title   string        `json:"title"`
	Context []jsonContext `json:"context"`
	Columns []jsonColumn  `json:"columns"`
	Rows    []jsonRow     `json:"rows"`
	Notes   []string      `json:"notes"`
}

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

// jsonRow is one row: an object whose fields keep the columns' order.
type jsonRow []jsonField

type jsonField struct {
	key   string
	value any
}

// MarshalJSON writes the fields in order.
func (r jsonRow) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range r {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, fmt.Errorf("output: field %s: %w", f.key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
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
		switch c.Raw.(type) {
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

func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func (t *Table) toJSON(i int) jsonTable {
	jt := jsonTable{Name: t.name(i), Title: t.Title, Notes: nonNil(t.Notes), Context: []jsonContext{}, Rows: []jsonRow{}}
	for _, kv := range t.Context {
		jt.Context = append(jt.Context, jsonContext{Key: kv[0], Value: kv[1]})
	}
	for j, c := range t.Columns {
		jt.Columns = append(jt.Columns, jsonColumn{Key: c.MachineKey(), Header: c.Header, Unit: c.Unit, Type: t.columnType(j), Ranged: c.Ranged})
	}
	t.eachRow(0, t.numRows(), func(_ int, r []Cell) {
		row := make(jsonRow, 0, len(r))
		add := func(k string, v any) { row = append(row, jsonField{k, v}) }
		for j, c := range r {
			col := t.Columns[j]
			k := col.MachineKey()
			switch {
			case c.missing(col):
				add(k, nil)
				if col.Ranged {
					add(k+"_low", nil)
					add(k+"_high", nil)
				}
				why := c.Missing
				if why == "" {
					why = "no value"
				}
				add(k+"_missing", why)
			case c.Num != nil:
				add(k, *c.Num)
				if col.Ranged {
					add(k+"_low", c.Lo)
					add(k+"_high", c.Hi)
				}
			case c.Raw != nil:
				add(k, c.Raw)
			default:
				add(k, c.Text)
			}
			if c.Mark != "" {
				add(k+"_mark", c.Mark)
			}
		}
		jt.Rows = append(jt.Rows, row)
	})
	return jt
}

func (d *Doc) writeJSON(b *strings.Builder, tables []*Table) error {
	jd := jsonDoc{Tables: []jsonTable{}, Notes: nonNil(d.Notes), Problems: nonNil(d.Problems)}
	for _, t := range tables {
		i := 0
		for k, x := range d.Tables {
			if x == t {
				i = k
			}
		}
		jd.Tables = append(jd.Tables, t.toJSON(i))
	}
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	return enc.Encode(jd)
}
