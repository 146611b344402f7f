package workload

import (
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/sheet"
)

func TestPositiveField(t *testing.T) {
	p := sheet.At("f.csv", 3)
	test := func(s string, need bool, want float64, wantErr string) {
		t.Helper()
		var errs sheet.Errors
		got := positiveField(&errs, p, "input_tokens", s, need)
		if got != want {
			t.Errorf("positiveField(%q) = %v; want %v", s, got, want)
		}
		switch {
		case wantErr == "" && len(errs) > 0:
			t.Errorf("positiveField(%q): unexpected error %v", s, errs)
		case wantErr != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), wantErr)):
			t.Errorf("positiveField(%q): errors %v; want one containing %q", s, errs, wantErr)
		}
	}
	test("222.3", true, 222.3, "")
	test("", false, 0, "")
	test("", true, 0, "missing input_tokens")
	test("NaN", false, 0, "want a positive number")
	test("Inf", false, 0, "want a positive number")
	test("1e400", false, 0, "want a positive number")
	test("0", false, 0, "want a positive number")
	test("-5", false, 0, "want a positive number")
	test("1,000", false, 0, "want a positive number")
}
