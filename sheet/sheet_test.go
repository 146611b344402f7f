package sheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unsafe"
)

type rec struct {
	ID    string `csv:"id"`
	Value string `csv:"value"`
	Note  string `csv:"note,omitempty"`
}

func TestDecode(t *testing.T) {
	in := "\xef\xbb\xbfid,value,note\n#1,2,#1 in MLPerf\nh200, 141 ,\"HBM3e, 6 stacks\"\n\ntrn3,144,\n"
	rows, err := Decode[rec]("x.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("got %d rows; want 3", len(rows))
	}
	if rows[0].Rec != (rec{"#1", "2", "#1 in MLPerf"}) {
		t.Errorf("row 0 = %+v; want the '#' row kept, not taken for a comment", rows[0].Rec)
	}
	rows = rows[1:]
	r := rows[0]
	if r.Rec != (rec{"h200", "141", "HBM3e, 6 stacks"}) {
		t.Errorf("row 0 = %+v", r.Rec)
	}
	if r.Pos.Line() != 3 || r.Pos.Col("value") != 6 || r.Pos.Col("note") != 12 {
		t.Errorf("row 0 at line %d, value col %d, note col %d; want 3, 6, 12", r.Pos.Line(), r.Pos.Col("value"), r.Pos.Col("note"))
	}
	if rows[1].Pos.Line() != 5 {
		t.Errorf("row 1 at line %d; want 5 (after a blank line)", rows[1].Pos.Line())
	}
	if got := r.Pos.Errorf("value", "bad %s", "thing").Error(); got != "x.csv:3:6: value: bad thing" {
		t.Errorf("Errorf = %q", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	test := func(in string, want ...string) {
		t.Helper()
		_, err := Decode[rec]("bad.csv", []byte(in))
		var got []string
		if err != nil {
			got = strings.Split(err.Error(), "\n")
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("Decode(%q) errors:\n%s\nwant:\n%s", in, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	test("", "bad.csv: empty sheet: no header line")
	test("id,note\nx,y\n", "bad.csv:1: value: missing column")
	test("id,value,colour\nx,1,red\n", "bad.csv:1:10: colour: unknown column (known: id, value, note)")
	test("id,value,value\n", "bad.csv:1:10: value: duplicate column")
	test("id,value\nx,1,extra\ny,2\n", "bad.csv:2: record has 3 fields, header has 2; row not loaded")
	test("id,value\nx,\"1\ny,2\n", `bad.csv:3:5: malformed CSV: extraneous or missing " in quoted-field`)
	test("id,value\nx,1\"\n", `bad.csv:2:4: malformed CSV: bare " in non-quoted-field`)
	test("id,\x1b[2Jvalue\n", "bad.csv:1:4: column 2's name holds control character U+001B: is this a CSV sheet?", "bad.csv:1: value: missing column")
	test("id,value\n# note\n", "bad.csv:2: record has 1 fields, header has 2; row not loaded")
	test("id,value\nx,caf\xe9\n", "bad.csv:2:6: byte 0xe9 is not valid UTF-8: save the sheet as UTF-8 (no row of it was read)")
	test("id,value\nx,\"a\x1b[2Jb\"\n", "bad.csv:2:3: value: holds control character U+001B; row not loaded")
	test("id,value\nx,a\u0085b\n", "bad.csv:2:3: value: holds control character U+0085; row not loaded")
}

func TestDecodeKeepsGoodRows(t *testing.T) {
	rows, err := Decode[rec]("bad.csv", []byte("id,value\nx,1,extra\ny,2\n"))
	if err == nil || len(rows) != 1 || rows[0].Rec.ID != "y" {
		t.Errorf("Decode = %v, %v; want row y and an error for the short row", rows, err)
	}
}

func TestPos(t *testing.T) {
	if n := unsafe.Sizeof(Pos{}); n != 16 {
		t.Errorf("a Pos is %d bytes; want 16 (every loaded figure holds one)", n)
	}
	var zero Pos
	if !zero.IsZero() || zero.File() != "" || zero.Line() != 0 || zero.Col("id") != 0 || zero.String() != ":0" {
		t.Errorf("zero Pos = %q, %d, col %d; want no position", zero.File(), zero.Line(), zero.Col("id"))
	}
	if got := At("f.csv", 7).Errorf("id", "bad").Error(); got != "f.csv:7: id: bad" {
		t.Errorf("At(f.csv, 7).Errorf = %q", got)
	}
	// Rows of one sheet share its record but keep their own columns, also
	// after rows with a wrong field count were skipped.
	rows, _ := Decode[rec]("p.csv", []byte("id,value,note\nx,1\n  y, 2,c\nzz,3,d\n"))
	if len(rows) != 2 {
		t.Fatalf("got %d rows; want 2", len(rows))
	}
	for i, want := range []struct{ line, id, value, note int }{{3, 1, 5, 8}, {4, 1, 4, 6}} {
		p := rows[i].Pos
		if p.File() != "p.csv" || p.Line() != want.line || p.Col("id") != want.id || p.Col("value") != want.value || p.Col("note") != want.note || p.Col("nope") != 0 {
			t.Errorf("row %d at %s col %d %d %d; want line %d col %d %d %d", i, p, p.Col("id"), p.Col("value"), p.Col("note"), want.line, want.id, want.value, want.note)
		}
	}
	if b, err := json.Marshal(rows[1].Pos); err != nil || string(b) != `{"File":"p.csv","Line":4}` {
		t.Errorf("JSON = %s, %v", b, err)
	}
	// Columns past 65,535 (kept in 32 bits for such a sheet), and a sheet
	// whose lines all fit 16 bits.
	for _, n := range []int{70000, 65530} { // longest lines 70,004 and 65,534 bytes
		long := strings.Repeat("a", n)
		rows, err := Decode[rec]("long.csv", []byte("id,value,note\n"+long+",1,\nb,2,"+long+"\n"))
		if err != nil || len(rows) != 2 {
			t.Fatalf("long lines: %d rows, %v", len(rows), err)
		}
		if v, note := rows[0].Pos.Col("value"), rows[0].Pos.Col("note"); v != n+2 || note != n+4 {
			t.Errorf("line of %d bytes: value at column %d, note at %d; want %d, %d", n+3, v, note, n+2, n+4)
		}
		if wide := rows[0].Pos.sheet.cols32 != nil; wide != (n > 65530) {
			t.Errorf("line of %d bytes: 32-bit columns %v", n+4, wide)
		}
		if note := rows[1].Pos.Col("note"); note != 5 {
			t.Errorf("after a line of %d bytes: note at column %d; want 5", n+3, note)
		}
	}
}

// FuzzDecode checks that whatever Decode accepts survives a round trip
// through encoding/csv: decode, write, decode, compare.
func FuzzDecode(f *testing.F) {
	f.Add("id,value,note\nh200,141,\"a, b\"\n")
	f.Add("id,value\nx,\"1\n")
	f.Add("value,id\n#c\n1,2\n")
	f.Add("id,value\nx,\"a\r\r\nb\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := Decode[rec]("f.csv", []byte(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{"id", "value", "note"})
		for _, r := range rows {
			if r.Rec == (rec{}) {
				return // would read back as a blank line
			}
			w.Write([]string{r.Rec.ID, r.Rec.Value, r.Rec.Note})
		}
		w.Flush()
		again, err := Decode[rec]("f2.csv", buf.Bytes())
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, buf.String())
		}
		if len(again) != len(rows) {
			t.Fatalf("re-decoded %d rows; want %d", len(again), len(rows))
		}
		for i := range rows {
			if again[i].Rec != rows[i].Rec {
				t.Fatalf("row %d: %+v after round trip; want %+v", i, again[i].Rec, rows[i].Rec)
			}
		}
	})
}
