package output

import (
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"
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
