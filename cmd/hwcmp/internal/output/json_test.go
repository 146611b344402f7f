package output

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/units"
)

// TestJSONAsEncoder checks that the JSON writer writes, byte for byte,
// what encoding/json's indenting Encoder writes for the same envelope
// marshalled as values (refJSON, the writer this one replaced): hostile
// text, every kind of Raw value, floats at the exponent boundaries,
// missing values, empty tables and several tables.
func TestJSONAsEncoder(t *testing.T) {
	d := units.Power.Display()
	kinds := &Table{Name: "kinds", Title: "K <&>", Columns: []Column{{Key: "raw", Header: "raw"},
		{Key: "power", Header: "power", Display: &d, Unit: "W", Ranged: true}, {Key: "text", Header: "text", JSONOnly: true}}}
	for i, raw := range []any{1.0, 1e-7, 1e21, 9.99e20, 1e-6, math.Copysign(0, -1), 3, true, "s<&>\u2028", []string{"a", "<b>"},
		map[string]any{"k": []int{1, 2}, "e": []string{}}, struct{ A, B string }{"x", "\x1b"}, nil} {
		kinds.Rows = append(kinds.Rows, []Cell{{Text: "t", Raw: raw}, Range(float64(i)*1.5e-7, 0, 1e22), {Text: hostile[i%len(hostile)], Mark: "*"}})
	}
	kinds.Rows = append(kinds.Rows, []Cell{Missing(""), Missing("why"), Str("")})
	empty := &Table{Columns: []Column{{Key: "a", Header: "a"}}, Notes: []string{"n"}}
	none := &Table{Name: "none"}
	for _, doc := range []*Doc{
		{Tables: []*Table{table()}},
		{Tables: []*Table{kinds, empty, none}, Notes: hostile, Problems: []string{"p\n"}},
		{},
	} {
		var got strings.Builder
		if err := doc.writeJSON(&got, doc.Tables); err != nil {
			t.Fatal(err)
		}
		want := refJSON(t, doc)
		if got.String() != want {
			t.Errorf("JSON writer wrote\n%s\nthe Encoder writes\n%s", got.String(), want)
		}
	}
}

// refJSON is the JSON writer before it wrote the envelope piece by piece:
// the envelope as values, marshalled by the indenting Encoder.
func refJSON(t *testing.T, d *Doc) string {
	type table struct {
		Name    string        `json:"name"`
		Title   string        `json:"title"`
		Context []jsonContext `json:"context"`
		Columns []jsonColumn  `json:"columns"`
		Rows    []refRow      `json:"rows"`
		Notes   []string      `json:"notes"`
	}
	doc := struct {
		Tables   []table  `json:"tables"`
		Notes    []string `json:"notes"`
		Problems []string `json:"problems"`
	}{Tables: []table{}, Notes: nonNil(d.Notes), Problems: nonNil(d.Problems)}
	for i, tb := range d.Tables {
		jt := table{Name: tb.name(i), Title: tb.Title, Notes: nonNil(tb.Notes), Context: []jsonContext{}, Rows: []refRow{}}
		for _, kv := range tb.Context {
			jt.Context = append(jt.Context, jsonContext{Key: kv[0], Value: kv[1]})
		}
		for j, c := range tb.Columns {
			jt.Columns = append(jt.Columns, jsonColumn{Key: c.MachineKey(), Header: c.Header, Unit: c.Unit, Type: tb.columnType(j), Ranged: c.Ranged})
		}
		for _, r := range tb.Rows {
			var row refRow
			add := func(k string, v any) { row = append(row, refField{k, v}) }
			for j, c := range r {
				col := tb.Columns[j]
				k := col.MachineKey()
				switch {
				case c.missing(col):
					add(k, nil)
					if col.Ranged {
						add(k+"_low", nil)
						add(k+"_high", nil)
					}
					add(k+"_missing", cmp.Or(c.Missing, "no value"))
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
		}
		doc.Tables = append(doc.Tables, jt)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

type refField struct {
	k string
	v any
}

// refRow is a row's fields in order, as an object.
type refRow []refField

func (r refRow) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range r {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.k)
		v, err := json.Marshal(f.v)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.k, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
