package specs

import (
	"encoding/json"
	"testing"
	"unsafe"
)

func TestDate(t *testing.T) {
	if n := unsafe.Sizeof(Date{}); n != 4 {
		t.Errorf("a Date is %d bytes; want 4 (every loaded figure holds one)", n)
	}
	for _, c := range []struct {
		in, want, err string
		d             Date
	}{
		{in: "1900", want: "1900", d: Date{Year: 1900}},
		{in: "2100-12-31", want: "2100-12-31", d: Date{Year: 2100, Month: 12, Day: 31}},
		{in: " 2025-06 ", want: "2025-06", d: Date{Year: 2025, Month: 6}},
		{in: "2024-02-29", want: "2024-02-29", d: Date{Year: 2024, Month: 2, Day: 29}},
		{in: "2101", err: `bad date "2101": year out of range`},
		{in: "2025-00", err: `bad date "2025-00": month out of range`},
		{in: "2025-02-29", err: `bad date "2025-02-29": no such day`},
		{in: "2025-1", err: `bad date "2025-1": want YYYY, YYYY-MM or YYYY-MM-DD`},
	} {
		d, err := ParseDate(c.in)
		switch {
		case c.err != "":
			if err == nil || err.Error() != c.err {
				t.Errorf("ParseDate(%q) = %v, %v; want error %q", c.in, d, err, c.err)
			}
		case err != nil || d != c.d || d.String() != c.want:
			t.Errorf("ParseDate(%q) = %+v (%q), %v; want %+v (%q)", c.in, d, d, err, c.d, c.want)
		}
	}
	day := func(s string) Date {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		a, b    string
		compare int
		after   bool
	}{
		{"2025", "2025-01-01", 0, false},
		{"2024-06", "2024", 1, false}, // later than its first day, but "as of 2024" is the end of 2024
		{"2025-01", "2024", 1, true},
		{"2024-12-31", "2024-12", 1, false},
		{"2100-12-31", "1900", 1, true},
		{"1900", "2100-12-31", -1, false},
	} {
		a, b := day(c.a), day(c.b)
		if got := a.Compare(b); got != c.compare {
			t.Errorf("%s.Compare(%s) = %d; want %d", a, b, got, c.compare)
		}
		if got := a.After(b); got != c.after {
			t.Errorf("%s.After(%s) = %v; want %v", a, b, got, c.after)
		}
	}
	if b, _ := json.Marshal([]Date{{}, day("2025-12-02")}); string(b) != `[null,"2025-12-02"]` {
		t.Errorf("JSON = %s", b)
	}
	if got := day("2025-07-04").Time().Format("2006-01-02"); got != "2025-07-04" {
		t.Errorf("Time = %s", got)
	}
}
