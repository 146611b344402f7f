package bench

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/specs"
)

func res(system, test string, score float64, higher bool) *Result {
	return &Result{System: system, Suite: "s", Test: test, Unit: "u", Score: score, Higher: higher}
}

// TestAggregate checks the geometric mean rules: ratios to the baseline,
// lower-is-better inverted, tests a system lacks dropped for everyone.
func TestAggregate(t *testing.T) {
	rs := []*Result{
		res("a", "t1", 200, true), res("b", "t1", 100, true), // a: 2x
		res("a", "t2", 50, false), res("b", "t2", 100, false), // LIB: a takes half the time: 2x
		res("a", "t3", 1, true),                              // b has no t3: dropped
		res("a", "t4", 100, true), res("b", "t4", 400, true), // a: 0.25x
	}
	s, err := Aggregate(rs, []string{"a", "b"}, "b")
	if err != nil {
		t.Fatal(err)
	}
	want := math.Cbrt(2 * 2 * 0.25) // geomean over t1, t2, t4
	if got := s.Scores[0].Relative; math.Abs(got-want) > 1e-12 || s.Scores[1].Relative != 1 {
		t.Errorf("a relative = %v, b = %v; want %v and 1", got, s.Scores[1].Relative, want)
	}
	if len(s.Used) != 3 || len(s.Dropped) != 1 || !strings.Contains(s.Dropped[0].Reason, "no result for b") {
		t.Errorf("used %v, dropped %v", s.Used, s.Dropped)
	}
	if s.Scores[0].Min != 0.25 || s.Scores[0].Max != 2 {
		t.Errorf("spread = [%v, %v]; want [0.25, 2]", s.Scores[0].Min, s.Scores[0].Max)
	}
	// Different units are different tests, never averaged together.
	rs2 := []*Result{res("a", "t1", 2, true), res("b", "t1", 1, true), {System: "a", Suite: "s", Test: "t1", Unit: "other", Score: 1, Higher: true}}
	s2, _ := Aggregate(rs2, []string{"a", "b"}, "b")
	if len(s2.Used) != 1 || len(s2.Dropped) != 1 {
		t.Errorf("a unit mismatch must split tests: used %v dropped %v", s2.Used, s2.Dropped)
	}
	if _, err := Aggregate(rs[:1], []string{"a", "b"}, "b"); err == nil {
		t.Error("Aggregate with no common test should fail")
	}
}

func mapper() Mapper {
	return NameMapper([]string{"r8g.16xlarge", "r7a.16xlarge", "r7i.16xlarge", "h200", "mi300x", "b200", "gb200"}, map[string]string{})
}

func TestNameMapper(t *testing.T) {
	m := mapper()
	test := func(name, want string) {
		t.Helper()
		got, ok := m(name)
		if want == "" && ok || want != "" && got != want {
			t.Errorf("map(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	test("Graviton4 r8g.16xlarge", "r8g.16xlarge")
	test("NVIDIA H200-SXM-141GB", "h200")
	test("AMD Instinct MI300X 192GB HBM3", "mi300x")
	test("NVIDIA GB200", "gb200") // longest match, not b200
	test("NVIDIA L4", "")
}

func TestParsePTS(t *testing.T) {
	f, err := os.Open("testdata/composite.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, rep, err := ParsePTS(f, "composite.xml", specs.Date{}, mapper())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 6 || rep.Kept != len(rs) || len(rs) != 8 {
		t.Errorf("read %d results, kept %d (%d rows); want 6 results, 8 rows", rep.Read, rep.Kept, len(rs))
	}
	reasons := ""
	for _, d := range rep.Dropped {
		reasons += d.Reason + "\n"
	}
	for _, want := range []string{"no test profile identifier", "LINE_GRAPH", `"N/A" is not a positive number`, `"Some Laptop" matches no chip or system id`} {
		if !strings.Contains(reasons, want) {
			t.Errorf("dropped reasons lack %q:\n%s", want, reasons)
		}
	}
	if rs[0].Runs != 2 || rs[0].AsOf.String() != "2024-07-11" || rs[3].Higher {
		t.Errorf("first result %+v; want 2 runs dated 2024-07-11, and the kernel build LIB", rs[0])
	}
	s, err := Aggregate(rs, []string{"r8g.16xlarge", "r7a.16xlarge", "r7i.16xlarge"}, "r7a.16xlarge")
	if err != nil {
		t.Fatal(err)
	}
	// Over John the Ripper (0.8x) and kernel build (100/125 = 0.8x); x264 is
	// missing on r7i and dropped for all.
	if g := s.Scores[0].Relative; math.Abs(g-0.8) > 1e-12 || len(s.Used) != 2 {
		t.Errorf("r8g vs r7a = %v over %d tests; want 0.8 over 2", g, len(s.Used))
	}
}

func TestParsePTSErrors(t *testing.T) {
	test := func(in, want string) {
		t.Helper()
		_, _, err := ParsePTS(strings.NewReader(in), "bad.xml", specs.Date{}, mapper())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePTS(%q) = %v; want %q", in, err, want)
		}
	}
	test("<html><body>502 Bad Gateway</body></html>", "not a Phoronix Test Suite result file")
	test("<PhoronixTestSuite><Result><Identifier>x</Identifier>", "bad.xml:1: malformed")
	test("<PhoronixTestSuite></PhoronixTestSuite>", "no <LastModified> date")
}

func TestParseMLPerf(t *testing.T) {
	f, err := os.Open("testdata/mlperf-summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, rep, err := ParseMLPerf(f, "summary.csv", specs.Date{Year: 2026, Month: 4}, mapper())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 4 || len(rs) != 2 || len(rep.Dropped) != 2 {
		t.Fatalf("read %d, kept %d, dropped %v; want 4, 2, 2", rep.Read, len(rs), rep.Dropped)
	}
	if rs[0].System != "h200" || rs[0].Chips != 8 || rs[0].Score != 32000 || !strings.HasPrefix(rs[0].ResultID, "v6.1 closed/ExampleA") {
		t.Errorf("first = %+v", rs[0])
	}
	per, _ := PerChip(rs)
	s, _ := Aggregate(per, []string{"mi300x", "h200"}, "h200")
	if g := s.Scores[0].Relative; math.Abs(g-28000.0/32000) > 1e-12 {
		t.Errorf("mi300x vs h200 per chip = %v; want 0.875", g)
	}
	_, _, err = ParseMLPerf(strings.NewReader("a,b\n1,2\n"), "x.csv", specs.Date{}, mapper())
	if err == nil || !strings.Contains(err.Error(), `missing column "Organization"`) {
		t.Errorf("ParseMLPerf of another CSV = %v", err)
	}
}
