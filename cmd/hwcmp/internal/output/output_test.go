package output

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/units"
)

// hostile are names an attacker could put in a sheet.
var hostile = []string{
	"=HYPERLINK(\"http://x\",\"y\")",
	"+cmd|' /C calc'!A0",
	"-2+3",
	"@SUM(A1)",
	"\tTAB",
	"\rCR",
	"clear\x1b[2J\x1b]0;title\x07",
	"\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
	"abc\u202egnp.exe",
	"bad\xff\xfebytes",
	"<script>alert(1)</script>",
	"a|b\nc",
	"[x](javascript:alert(1))",
}

func table() *Table {
	d := units.Power.Display()
	t := &Table{Name: "t", Title: "T", Context: [][2]string{{"k", "v"}},
		Columns: []Column{{Key: "name", Header: "name"}, {Key: "power", Header: "power", Display: &d, Unit: "W", Ranged: true}}}
	for _, h := range hostile {
		t.Rows = append(t.Rows, []Cell{Str(h), Range(-700, -800, -600)})
	}
	t.Rows = append(t.Rows, []Cell{Str("missing"), Missing("power")})
	return t
}

func write(t *testing.T, tb *Table, o Options) string {
	t.Helper()
	var b strings.Builder
	if err := tb.Write(&b, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPrintable(t *testing.T) {
	test := func(in, want string) {
		t.Helper()
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q; want %q", in, got, want)
		}
	}
	test("H200 (141 GB)", "H200 (141 GB)")
	test("TPU v7 — Ironwood ★", "TPU v7 — Ironwood ★")
	test("a\x1b[2Jb", `a\x1b[2Jb`)
	test("a\nb\tc\rd", `a\nb\tc\rd`)
	test("x\u202ey", `x\u202ey`)
	test("x\u2066y", `x\u2066y`)
	test("\u0085", `\u0085`)
	test("\x7f", `\x7f`)
	test("bad\xffbyte", `bad\xffbyte`)
	if got := PrintableLines("a\nb\x1b"); got != "a\nb\\x1b" {
		t.Errorf("PrintableLines = %q", got)
	}
}

func TestCSVText(t *testing.T) {
	test := func(in, want string) {
		t.Helper()
		if got := CSVText(in); got != want {
			t.Errorf("CSVText(%q) = %q; want %q", in, got, want)
		}
	}
	test("=1+1", "'=1+1")
	test("+1+1", "'+1+1")
	test("-1+1", "'-1+1")
	test("@A1", "'@A1")
	test("\tx", "'\tx")
	test("\rx", "'\rx")
	test("-3.5", "-3.5") // a number is a value, not a formula
	test("+1e9", "+1e9")
	test("trn3", "trn3")
	test("", "")
	test("a=b", "a=b")
}

func TestMarkdownText(t *testing.T) {
	test := func(in, want string) {
		t.Helper()
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q; want %q", in, got, want)
		}
	}
	test("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y")
	test("a|b", `a\|b`)
	test("a\nb", "a<br>b")
	test("4.9*", `4.9\*`)
	test("[x](y)", `\[x\](y)`)
	test("e\x1b[0m", `e\x1b\[0m`)
	test("plain H100 SXM5 (80 GB) 1.5", "plain H100 SXM5 (80 GB) 1.5")
	// The fast path for text with no markup is the replacer's answer, for
	// every ASCII character alone and between letters.
	for c := range 0x80 {
		for _, in := range []string{string(rune(c)), "a" + string(rune(c)) + "b"} {
			test(in, Printable(markdownEscaper.Replace(in)))
		}
	}
}

func TestHostileText(t *testing.T) {
	out := write(t, table(), Options{Format: Text})
	for _, c := range out {
		if c == 0x1b || c == '\r' || c == '\t' || c == '\u202e' || c == 0x07 || c == utf8Error {
			t.Fatalf("text output holds %U:\n%q", c, out)
		}
	}
	if !strings.Contains(out, `clear\x1b[2J`) || !strings.Contains(out, `a|b\nc`) {
		t.Errorf("text output does not show the escapes:\n%s", out)
	}
	// One line per row: no name breaks a row.
	if n := strings.Count(out, "\n"); n != 5+len(hostile)+1 {
		t.Errorf("text output has %d lines; want %d:\n%s", n, 5+len(hostile)+1, out)
	}
}

const utf8Error = '\uFFFD'

func TestHostileMarkdown(t *testing.T) {
	out := write(t, table(), Options{Format: Markdown})
	if strings.Contains(out, "<script>") || strings.Contains(out, "\x1b") || regexp.MustCompile(`[^\\]\]\(`).MatchString(out) {
		t.Errorf("markdown passes markup through:\n%s", out)
	}
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "|") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 3 {
			t.Errorf("markdown line %d has a stray cell separator: %q", i+1, line)
		}
	}
}

func TestHostileCSV(t *testing.T) {
	out := write(t, table(), Options{Format: CSV})
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "name,power_w,power_w_low,power_w_high" {
		t.Errorf("header %q", got)
	}
	for i, h := range hostile {
		r := recs[i+1]
		if formulaStart(r[0]) {
			t.Errorf("CSV cell %q starts like a formula", r[0])
		}
		if strings.TrimPrefix(r[0], "'") != h {
			t.Errorf("CSV cell %q; want %q with at most a leading '", r[0], h)
		}
		if r[1] != "-700" || r[2] != "-800" || r[3] != "-600" {
			t.Errorf("CSV numbers %q; negative numbers must stay numbers", r[1:])
		}
	}
	if last := recs[len(recs)-1]; last[1] != "" {
		t.Errorf("missing value written as %q", last[1])
	}
	raw := write(t, table(), Options{Format: CSV, CSVRaw: true})
	if !strings.Contains(raw, "\n\"=HYPERLINK") || !strings.Contains(raw, "\n-2+3,") {
		t.Errorf("--csv-raw still changed the cells:\n%s", raw)
	}
}

func TestJSON(t *testing.T) {
	out := write(t, table(), Options{Format: JSON})
	var doc struct {
		Tables []struct {
			Name    string
			Columns []struct{ Key, Type string }
			Rows    []map[string]any
		}
		Notes, Problems []string
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) != 1 || doc.Tables[0].Name != "t" || doc.Notes == nil || doc.Problems == nil {
		t.Fatalf("envelope: %s", out)
	}
	rows := doc.Tables[0].Rows
	if rows[0]["name"] != hostile[0] || rows[0]["power_w"] != -700.0 || rows[0]["power_w_low"] != -800.0 {
		t.Errorf("row 0: %v", rows[0])
	}
	last := rows[len(rows)-1]
	if v, ok := last["power_w"]; !ok || v != nil || last["power_w_missing"] != "power" {
		t.Errorf("missing row: %v", last)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("JSON holds a raw escape")
	}
	// Columns keep their order in rows.
	if i, j := strings.Index(out, `"name": "missing"`), strings.Index(out, `"power_w": null`); i < 0 || j < i {
		t.Errorf("row fields out of column order:\n%s", out)
	}
}

// TestFillRow checks that a table whose rows FillRow makes is written as
// the same rows in Rows are, in every format and at a narrow width, and
// that a table cannot have both.
func TestFillRow(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	long := table()
	for i := range 9000 { // long enough to be split between two goroutines (parts.Of)
		long.Rows = append(long.Rows, []Cell{Str(fmt.Sprint("row ", i)), Range(float64(i), float64(i)-0.5, float64(i)+0.5)})
	}
	for _, want := range []*Table{table(), long} {
		fill := *want
		fill.Rows, fill.NumRows = nil, len(want.Rows)
		fill.FillRow = func(i int, row []Cell) { copy(row, want.Rows[i]) }
		for _, o := range []Options{{Format: Text}, {Format: Text, Width: 30}, {Format: Markdown}, {Format: CSV}, {Format: JSON}} {
			if got, want := write(t, &fill, o), write(t, want, o); got != want {
				t.Errorf("%+v: FillRow wrote\n%s\nRows wrote\n%s", o, got, want)
			}
		}
	}
	both := table()
	both.NumRows, both.FillRow = 1, func(int, []Cell) {}
	if err := both.Write(io.Discard, Options{}); err == nil {
		t.Error("a table with Rows and FillRow was written")
	}
}

func TestSeveral(t *testing.T) {
	a, b := table(), table()
	b.Name = "u"
	d := &Doc{Tables: []*Table{a, b}, Problems: []string{"p"}}
	var w strings.Builder
	err := d.Write(&w, Options{Format: CSV})
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "(t, u)") {
		t.Errorf("CSV of two tables: %v", err)
	}
	w.Reset()
	if err := d.Write(&w, Options{Format: CSV, Table: "U"}); err != nil || !strings.HasPrefix(w.String(), "name,") {
		t.Errorf("--table U: %v\n%s", err, w.String())
	}
	if err := d.Write(&w, Options{Format: CSV, Table: "v"}); !errors.Is(err, ErrUsage) {
		t.Errorf("--table v: %v", err)
	}
	w.Reset()
	if err := d.Write(&w, Options{Format: JSON}); err != nil || strings.Count(w.String(), `"name": "`) != 2+2*len(a.Rows) {
		t.Errorf("JSON of two tables: %v", err)
	}
	dir := t.TempDir()
	w.Reset()
	if err := d.Write(&w, Options{Format: CSV, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"t.csv", "u.csv"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(w.String(), "wrote "+filepath.Join(dir, "u.csv")) {
		t.Errorf("--output-dir printed %q", w.String())
	}
}

func TestFit(t *testing.T) {
	d := units.Power.Display()
	tb := &Table{Columns: []Column{{Key: "id", Header: "id"}, {Key: "power", Header: "power", Display: &d, Unit: "W"},
		{Key: "source", Header: "source", Priority: 2}, {Key: "note", Header: "note"}}}
	tb.Rows = append(tb.Rows, []Cell{Str("trn3"), Num(1000), Str(strings.Repeat("source ", 10)), Str("a note that is long enough to wrap at some point")})
	wide := write(t, tb, Options{Format: Text})
	narrow := write(t, tb, Options{Format: Text, Width: 40})
	for _, l := range strings.Split(narrow, "\n") {
		if n := len([]rune(l)); n > 40 && !strings.HasPrefix(l, "Not shown") {
			t.Errorf("line of %d runes at width 40: %q", n, l)
		}
	}
	if strings.Contains(narrow, "source source") || !strings.Contains(narrow, "Not shown for the terminal's width:") || !strings.Contains(narrow, "source (--wide shows every column)") {
		t.Errorf("width 40 kept the low-priority column:\n%s", narrow)
	}
	if !strings.Contains(narrow, "a note that is") || strings.Count(narrow, "\n") <= strings.Count(wide, "\n") {
		t.Errorf("width 40 did not wrap the note:\n%s", narrow)
	}
	if got := write(t, tb, Options{Format: Text, Width: 40, Wide: true}); got != wide {
		t.Errorf("--wide changed the table:\n%s", got)
	}
}

// TestWideColumns: a Wide column is left out of text and Markdown unless
// --wide, with a note naming it, and always in CSV and JSON.
func TestWideColumns(t *testing.T) {
	tb := &Table{Columns: []Column{{Key: "id", Header: "id"}, {Key: "note", Header: "note", Wide: true}}}
	tb.Rows = append(tb.Rows, []Cell{Str("trn3"), Str("detail")})
	for _, f := range []Format{Text, Markdown} {
		got := write(t, tb, Options{Format: f})
		if strings.Contains(got, "detail") || !strings.Contains(got, "More columns with --wide (CSV and JSON always carry them): note.") {
			t.Errorf("%s without --wide:\n%s", f, got)
		}
		if got := write(t, tb, Options{Format: f, Wide: true}); !strings.Contains(got, "detail") || strings.Contains(got, "More columns") {
			t.Errorf("%s with --wide:\n%s", f, got)
		}
	}
	for _, f := range []Format{CSV, JSON} {
		if got := write(t, tb, Options{Format: f}); !strings.Contains(got, "detail") {
			t.Errorf("%s lost the wide column:\n%s", f, got)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"JSON": JSON, "csv": CSV, "md": Markdown, "Table": Text} {
		if f, err := ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, f, err, want)
		}
	}
	if _, err := ParseFormat("yaml"); err == nil {
		t.Error("ParseFormat(yaml) succeeded")
	}
}

func TestUnitKey(t *testing.T) {
	for in, want := range map[string]string{"FLOP/s/W": "flop_per_s_per_w", "B": "bytes", "B/s": "bytes_per_s", "USD/h": "usd_per_h", "FLOP/B": "flop_per_byte", "%": "pct"} {
		if got := UnitKey(in); got != want {
			t.Errorf("UnitKey(%q) = %q; want %q", in, got, want)
		}
	}
}

// BenchmarkWrite writes a table of 100,000 rows shaped like a ranking
// (rank, id, name, vendor, a ranged value, status) in each format.
func BenchmarkWrite(b *testing.B) {
	d := units.Power.Display()
	t := &Table{Name: "t", Columns: []Column{{Key: "rank", Header: "rank"}, {Key: "id", Header: "id"}, {Key: "name", Header: "name"},
		{Key: "vendor", Header: "vendor"}, {Key: "power", Header: "power", Display: &d, Unit: "W", Ranged: true}, {Key: "status", Header: "status"}}}
	for i := range 100000 {
		v := float64(300 + i%1000)
		t.Rows = append(t.Rows, []Cell{{Text: fmt.Sprint(i + 1), Raw: float64(i + 1)}, Str(fmt.Sprint("gen-", i)), Str(fmt.Sprint("Generated ", i)),
			Str(fmt.Sprint("Gen", i%7)), Range(v, v, v), Str("vendor")})
	}
	for _, f := range []Format{Text, Markdown, CSV} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := t.Write(io.Discard, Options{Format: f}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
