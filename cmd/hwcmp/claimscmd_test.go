package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestClaimsStrict: the built-in claims pass --strict because every
// verdict is the one a person checked by hand (the expect column); bad
// input fails it, naming every problem.
func TestClaimsStrict(t *testing.T) {
	out, errOut, code := hwcmp(t, "claims", "--strict")
	if code != 0 {
		t.Errorf("claims --strict on the built-in claims: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "conditional") || !strings.Contains(out, "contradicted") {
		t.Errorf("claims --strict output lacks the verdicts:\n%s", out)
	}
	invalid := "../../claims/testdata/claims-invalid.csv"
	for _, tc := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"--claims", "nosuch.csv"}, 1, []string{"claims file: stat nosuch.csv: no such file"}},
		{[]string{"--claims", invalid}, 1, []string{"6 problem(s) in the claims",
			`claims-invalid.csv:2:56: subject: unknown chip or system "trn9"`,
			`claims-invalid.csv:8:48: precision: metric throughput is quoted per precision`}},
		{[]string{"--claims", invalid, "--keep-going", "--strict"}, 1, []string{
			`--strict: ../../claims/testdata/claims-invalid.csv:3:36: metric: no metric "flops-per-banana"`,
			"claim #hidden is contradicted", "--strict: 7 failure(s)"}},
	} {
		_, errOut, code := hwcmp(t, append([]string{"claims"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("claims %v: exit %d; want %d\n%s", tc.args, code, tc.code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("claims %v: stderr lacks %q:\n%s", tc.args, w, errOut)
			}
		}
	}
	out, errOut, code = hwcmp(t, "claims", "--claims", invalid, "--keep-going", "--only", "note-trn3-vs-tpu-v7-fp8,#hidden")
	if code != 0 || !strings.Contains(out, "not checked: ../../claims/testdata/claims-invalid.csv:4:65: unit: GB is a bytes unit") {
		t.Errorf("claims --keep-going: exit %d\n%s%s", code, out, errOut)
	}
}

// TestClaimsCSV: CSV holds one table, the claims; the consistency table
// comes with --table.
func TestClaimsCSV(t *testing.T) {
	out, errOut, code := hwcmp(t, "claims", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "id,author,claimed,computed") {
		t.Errorf("claims --format csv: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = hwcmp(t, "claims", "--format", "csv", "--table", "consistency")
	if code != 0 || !strings.Contains(out, "note-graviton4-vs-xeon-score + note-graviton4-perf-per-dollar-vs-xeon,r7i.16xlarge ÷ r8g.16xlarge,1.18,") {
		t.Errorf("claims --format csv --table consistency: exit %d\n%s%s", code, out, errOut)
	}
}

// TestValidateClaims: 'hwcmp validate' checks claims sheets in --data
// folders against the data, naming every problem.
func TestValidateClaims(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "..", "claims", "testdata", "claims-invalid.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "claims-mine.csv"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := hwcmp(t, "validate", "--data", dir)
	if code != 1 || !strings.Contains(out, `claims-mine.csv:2:56: subject: unknown chip or system "trn9"`) ||
		!strings.Contains(out, "claims-mine.csv:7:79: inputs: claims rest on each other") || !strings.Contains(out, "6 problem(s)") {
		t.Errorf("validate --data with bad claims: exit %d\n%s", code, out)
	}
}
