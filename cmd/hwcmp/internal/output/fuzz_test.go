package output

import (
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hwcmp/hwcmp/units"
)

// FuzzSafe checks the output-safety rules on any text: Printable leaves
// nothing a terminal acts on, CSVText never starts like a formula and
// keeps the text after its ', and a Markdown cell never breaks its row.
func FuzzSafe(f *testing.F) {
	for _, h := range hostile {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Printable(s)
		if !utf8.ValidString(p) {
			t.Fatalf("Printable(%q) = %q is not UTF-8", s, p)
		}
		for _, r := range p {
			if unsafeRune(r) {
				t.Fatalf("Printable(%q) = %q holds %U", s, p, r)
			}
		}
		c := CSVText(s)
		if formulaStart(c) || strings.TrimPrefix(c, "'") != s && c != s {
			t.Fatalf("CSVText(%q) = %q", s, c)
		}
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Write([]string{c, "x"})
		w.Flush()
		rec, err := csv.NewReader(strings.NewReader(b.String())).Read()
		if err != nil || len(rec) != 2 || rec[1] != "x" {
			t.Fatalf("CSV of %q does not read back as two cells: %q, %v", c, rec, err)
		}
		m := MarkdownText(s)
		if strings.ContainsAny(strings.ReplaceAll(m, "<br>", ""), "\n\r<>") || strings.Count(m, "|") != strings.Count(m, `\|`) {
			t.Fatalf("MarkdownText(%q) = %q can break a table row", s, m)
		}
	})
}

// FuzzJSON checks the JSON writer, which writes the envelope piece by
// piece, against encoding/json's indenting Encoder (refJSON) on any text
// in every place text goes and any finite number.
func FuzzJSON(f *testing.F) {
	for i, h := range hostile {
		f.Add(h, float64(i)*1.5e-7, 1e21)
	}
	f.Add("", 0.0, -0.0)
	f.Add("plain", 9.999999e20, 1e-6)
	f.Fuzz(func(t *testing.T, s string, x, y float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
			t.Skip("values are checked finite before they reach a table")
		}
		d := units.Power.Display()
		tb := &Table{Name: s, Title: s, Context: [][2]string{{s, s}}, Notes: []string{s},
			Columns: []Column{{Key: "text", Header: s}, {Key: "n", Header: "n", Display: &d, Unit: "W", Ranged: true}, {Key: "raw", Header: "raw", JSONOnly: true}}}
		tb.Rows = [][]Cell{
			{{Text: s, Mark: s}, Range(x, min(x, y), max(x, y)), {Raw: []any{s, x, y}}},
			{Missing(s), Num(y), {Raw: map[string]any{s: x}}},
		}
		doc := &Doc{Tables: []*Table{tb}, Notes: []string{s}, Problems: []string{s}}
		var got strings.Builder
		if err := doc.writeJSON(&got, doc.Tables); err != nil {
			t.Fatal(err)
		}
		if want := refJSON(t, doc); got.String() != want {
			t.Fatalf("JSON writer wrote\n%s\nthe Encoder writes\n%s", got.String(), want)
		}
	})
}
