package specs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A Date is a calendar date known to a year, a month or a day, as spec
// sheets state launches and sources date figures ("2025", "2025-12",
// "2025-12-02"). The zero Date is unknown.
//
// It is 4 bytes, not the 24 of three ints: every loaded figure, price and
// system holds one and every chip two (over 700,000 at 100,000 generated
// chips and systems), and ParseDate keeps years to 1900–2100, which an
// int16 holds.
type Date struct {
	Year       int16
	Month, Day int8 // 0 when not known
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) > 3 || parts[0] == "" {
		return Date{}, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var nums [3]int // year, month, day
	widths := []int{4, 2, 2}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) != widths[i] || p[0] == '+' { // Atoi takes "+1" for 1
			return Date{}, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	year, month, day := nums[0], nums[1], nums[2]
	if year < 1900 || year > 2100 {
		return Date{}, fmt.Errorf("bad date %q: year out of range", s)
	}
	if len(parts) >= 2 && (month < 1 || month > 12) {
		return Date{}, fmt.Errorf("bad date %q: month out of range", s)
	}
	if len(parts) == 3 {
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if day < 1 || t.Day() != day {
			return Date{}, fmt.Errorf("bad date %q: no such day", s)
		}
	}
	return Date{Year: int16(year), Month: int8(month), Day: int8(day)}, nil
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Compare orders dates by their first day: -1 if d is earlier than e, +1 if
// later, 0 if they start on the same day ("2025" and "2025-01-01" compare
// equal).
func (d Date) Compare(e Date) int {
	a, b := d.first(), e.first()
	switch {
	case a.Before(b):
		return -1
	case a.After(b):
		return 1
	}
	return 0
}

func (d Date) first() time.Time {
	m, day := max(int(d.Month), 1), max(int(d.Day), 1)
	return time.Date(int(d.Year), time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// After reports whether d starts after the last day e covers: a price
// dated 2024-06 is not after "as of 2024", which means the end of 2024.
func (d Date) After(e Date) bool {
	end := e.first()
	switch {
	case e.Month == 0:
		end = end.AddDate(1, 0, -1)
	case e.Day == 0:
		end = end.AddDate(0, 1, -1)
	}
	return d.first().After(end)
}

// Time returns the first day d covers, for charts and arithmetic.
func (d Date) Time() time.Time { return d.first() }

// MarshalJSON writes d as its string form, or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}
