package bench

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/specs"
)

// Date is specs.Date, short for the tables below.
type Date = specs.Date

// TestSpread checks the geometric standard deviation and the 95% interval
// of the geometric mean against values worked by hand.
func TestSpread(t *testing.T) {
	// a ÷ b per test: 2, 0.5, 2, 0.5 → logs ±ln2: mean 0, s.d. ln2·√(4/3).
	var rs []*Result
	for i, r := range []float64{2, 0.5, 2, 0.5} {
		test := fmt.Sprint("t", i)
		rs = append(rs, res("a", test, r, true), res("b", test, 1, true))
	}
	s, err := Aggregate(rs, []string{"a", "b"}, "b")
	if err != nil {
		t.Fatal(err)
	}
	a := s.Scores[0]
	sd := math.Ln2 * math.Sqrt(4.0/3)
	if math.Abs(a.Relative-1) > 1e-12 || math.Abs(a.GSD-math.Exp(sd)) > 1e-12 {
		t.Errorf("relative %v, GSD %v; want 1 and %v", a.Relative, a.GSD, math.Exp(sd))
	}
	if half := 1.96 * sd / 2; math.Abs(a.Lo-math.Exp(-half)) > 1e-12 || math.Abs(a.Hi-math.Exp(half)) > 1e-12 {
		t.Errorf("interval [%v, %v]; want [%v, %v]", a.Lo, a.Hi, math.Exp(-half), math.Exp(half))
	}
	if b := s.Scores[1]; b.GSD != 1 || b.Lo != 1 || b.Hi != 1 {
		t.Errorf("baseline spread = %v [%v, %v]; want exactly 1", b.GSD, b.Lo, b.Hi)
	}
}

// TestSelect checks which suite and baseline a comparison uses, and that
// asking for what has no results names what does.
func TestSelect(t *testing.T) {
	rs := []*Result{
		{System: "x", Suite: "big", Test: "t", Unit: "s", Score: 1},
		{System: "y", Suite: "big", Test: "t", Unit: "s", Score: 2},
		{System: "z", Suite: "big", Test: "t", Unit: "s", Score: 3},
		{System: "x", Suite: "small", Test: "t", Unit: "s", Score: 1},
		{System: "w", Suite: "small", Test: "t", Unit: "s", Score: 1},
		{System: "w", Suite: "small", Test: "u", Unit: "s", Score: 1},
	}
	for _, c := range []struct {
		suite, baseline     string
		wantSuite, wantBase string
		wantErr             string
	}{
		{"", "", "big", "x", ""},        // most systems
		{"", "w", "small", "w", ""},     // the baseline's suite
		{"small", "", "small", "w", ""}, // asked for
		{"", "nope", "", "", "systems with results: w, x, y, z"},
		{"none", "", "", "", "suites with results: big, small"},
		{"small", "y", "", "", "baseline y has no results in suite small (systems with results there: w, x)"},
	} {
		sel, err := Select(rs, c.suite, c.baseline)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("Select(%q, %q) error = %v; want it to contain %q", c.suite, c.baseline, err, c.wantErr)
			}
			continue
		}
		if err != nil || sel.Suite != c.wantSuite || sel.Baseline != c.wantBase {
			t.Errorf("Select(%q, %q) = %s/%s, %v; want %s/%s", c.suite, c.baseline, sel.Suite, sel.Baseline, err, c.wantSuite, c.wantBase)
		}
	}
}

// BenchmarkAggregate10k aggregates 10,000 results: 100 systems × 100 tests.
func BenchmarkAggregate10k(b *testing.B) {
	var rs []*Result
	var systems []string
	for s := range 100 {
		sys := fmt.Sprint("sys-", s)
		systems = append(systems, sys)
		for t := range 100 {
			rs = append(rs, &Result{System: sys, Suite: "gen", Test: fmt.Sprint("t", t), Unit: "s", Score: float64(1 + (s*7+t*13)%97), Higher: t%2 == 0})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Aggregate(rs, systems, systems[0]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rs)), "results")
}

// TestModelMapper maps CPU model strings as PTS and SPEC write them to chip
// ids, and leaves generic core names unmapped.
func TestModelMapper(t *testing.T) {
	m := First(NameMapper([]string{"m7i.16xlarge", "r8g.16xlarge"}, nil),
		ModelMapper([]string{"epyc-9r14", "epyc-9r45", "xeon-8488c", "xeon-6975p-c", "graviton4"}))
	for name, want := range map[string]string{
		"AMD EPYC 9R14 96-Core Processor":         "epyc-9r14",
		"Intel Xeon Platinum 8488C (48 Cores)":    "xeon-8488c",
		"Intel(R) Xeon(R) 6975P-C":                "xeon-6975p-c",
		"Amazon EC2 m7i.16xlarge (1.0 BIOS)":      "m7i.16xlarge",
		"AWS Graviton4 (r8g)":                     "graviton4",
		"ARMv8 Neoverse-V2 (64 Cores)":            "",
		"Intel Xeon Platinum 8375C CPU @ 2.90GHz": "",
	} {
		got, ok := m(name)
		if got != want || ok != (want != "") {
			t.Errorf("map(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

// TestPTSHardwareMapping maps a PTS system by its Hardware line when its
// identifier names nothing, and names what could not be mapped.
func TestPTSHardwareMapping(t *testing.T) {
	in := `<?xml version="1.0"?><PhoronixTestSuite><Generated><LastModified>2024-07-11 12:00:00</LastModified></Generated>
<System><Identifier>run A</Identifier><Hardware>Processor: ARMv8 Neoverse-V2 (64 Cores), Motherboard: Amazon EC2 r8g.16xlarge (1.0 BIOS), Memory: 512GB</Hardware></System>
<System><Identifier>run B</Identifier><Hardware>Processor: AMD EPYC 9R14 (64 Cores), Motherboard: Amazon EC2 (1.0 BIOS)</Hardware></System>
<Result><Identifier>pts/x-1.0.0</Identifier><Description>d</Description><Scale>s</Scale><Proportion>LIB</Proportion><DisplayFormat>BAR_GRAPH</DisplayFormat>
<Data><Entry><Identifier>run A</Identifier><Value>10</Value></Entry><Entry><Identifier>run B</Identifier><Value>20</Value></Entry><Entry><Identifier>run C</Identifier><Value>5</Value></Entry></Data></Result></PhoronixTestSuite>`
	m := First(NameMapper([]string{"r8g.16xlarge", "r7a.16xlarge"}, nil), ModelMapper([]string{"epyc-9r14"}))
	rs, rep, err := ParsePTS(strings.NewReader(in), "hw.xml", Date{}, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].System != "r8g.16xlarge" || rs[1].System != "epyc-9r14" {
		t.Fatalf("mapped %v", rs)
	}
	if len(rep.Dropped) != 1 || !strings.Contains(rep.Dropped[0].Reason, `system "run C" matches no chip or system id`) {
		t.Errorf("dropped %v", rep.Dropped)
	}
	// A real result fragment whose system names nothing hwcmp knows.
	f, err := os.Open("testdata/pts-ramspeed-fragment.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, rep, err = ParsePTS(f, "fragment.xml", Date{Year: 2026, Month: 10}, m)
	if err != nil || len(rs) != 0 || rep.Read != 1 || len(rep.Dropped) != 1 || !strings.Contains(rep.Dropped[0].Reason, `"1 x 8 GB RAM QEMU"`) {
		t.Errorf("fragment: %v %v %v", rs, rep, err)
	}
}

// TestParseSPEC reads the per-benchmark ratios of a SPEC CPU2017 CSV's
// Selected Results Table, maps the system under test by its System Name or
// CPU Name, and refuses what it cannot map.
func TestParseSPEC(t *testing.T) {
	read := func(mutate func(string) string, m Mapper) ([]*Result, Report, error) {
		b, err := os.ReadFile("testdata/spec-cpu2017-intrate.csv")
		if err != nil {
			t.Fatal(err)
		}
		return ParseSPEC(strings.NewReader(mutate(string(b))), "spec.csv", Date{}, m)
	}
	same := func(s string) string { return s }
	m := First(NameMapper([]string{"m7a.16xlarge"}, nil), ModelMapper([]string{"epyc-9r14"}))
	rs, rep, err := read(same, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rep.Read != 3 || len(rep.Dropped) != 1 || !strings.Contains(rep.Dropped[0].Reason, `"N/A"`) {
		t.Fatalf("results %v, report %+v", rs, rep)
	}
	r := rs[1]
	if r.System != "epyc-9r14" || r.Suite != "spec-cpu2017-integer-rate" || r.Test != "502.gcc_r" || r.Score != 16.2 ||
		r.Unit != "SPECrate ratio" || !r.Higher || r.Config != "base, Base # Copies 4" || r.AsOf != (Date{Year: 2024, Month: 7}) {
		t.Errorf("result = %+v", r)
	}
	// The instance in System Name wins over the CPU model.
	if rs, _, _ := read(same, First(NameMapper([]string{"m7a.xlarge"}, nil), m)); len(rs) == 0 || rs[0].System != "m7a.xlarge" {
		t.Errorf("System Name not preferred: %v", rs)
	}
	for _, c := range []struct {
		mutate func(string) string
		want   string
	}{
		{func(s string) string { return strings.Replace(s, "AMD EPYC 9R14", "Mystery CPU", 1) },
			`system under test matches no chip or system id (System Name "Amazon EC2 m7a.xlarge", Hardware Model "", CPU Name "Mystery CPU")`},
		{func(s string) string { return strings.Replace(s, "valid,1", "valid,0", 1) }, "marked invalid"},
		{func(s string) string { return strings.Replace(s, "Selected Results Table", "Other", 1) }, "not a SPEC CPU2017 result CSV"},
		{func(s string) string { return strings.Replace(s, "Jul-2024", "soon", 1) }, `no readable Test Date ("soon")`},
	} {
		if _, _, err := read(c.mutate, m); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error = %v; want %q", err, c.want)
		}
	}
}

// TestParsePTSCSV reads a result CSV laid out as PTS's
// result_file_to_csv writes it (SYNTHETIC values), mapping one system by its
// motherboard component.
func TestParsePTSCSV(t *testing.T) {
	in := "AWS Graviton4 Benchmarks\n\n" +
		" ,,\"Graviton4 r8g.16xlarge\",\"run B\",\"Laptop\"\n" +
		"Processor,,ARMv8 Neoverse-V2 (64 Cores),AMD EPYC 9R14 (64 Cores),Intel Core\n" +
		"Motherboard,,Amazon EC2 r8g.16xlarge (1.0 BIOS),Amazon EC2 r7a.16xlarge (1.0 BIOS),Dell\n" +
		"\n" +
		" ,,\"Graviton4 r8g.16xlarge\",\"run B\",\"Laptop\"\n" +
		"\"pts/john-the-ripper-1.8.0 - --format=bcrypt\",HIB,80000,100000,5\n" +
		"\"pts/build-linux-kernel-1.16.0 - defconfig\",LIB,125,100,\n" +
		"\"pts/x - y\",ABSTRACT,1,2,3\n\n"
	m := First(NameMapper([]string{"r8g.16xlarge", "r7a.16xlarge"}, nil), ModelMapper([]string{"epyc-9r14"}))
	rs, rep, err := ParsePTSCSV(strings.NewReader(in), "r.csv", Date{Year: 2024, Month: 7}, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 || rs[1].System != "r7a.16xlarge" || rs[1].Test != "pts/john-the-ripper-1.8.0" || rs[1].Config != "--format=bcrypt" ||
		rs[3].Higher || rs[3].Score != 100 || !strings.Contains(rs[1].Note, "motherboard") {
		t.Fatalf("results %+v", rs)
	}
	if rep.Read != 3 || len(rep.Dropped) != 3 {
		t.Errorf("report %+v", rep)
	}
	if _, _, err := ParsePTSCSV(strings.NewReader(in), "r.csv", Date{}, m); err == nil || !strings.Contains(err.Error(), "no date") {
		t.Errorf("no date: %v", err)
	}
	if _, _, err := ParsePTSCSV(strings.NewReader("title\n"), "r.csv", Date{Year: 2024}, m); err == nil || !strings.Contains(err.Error(), "not a PTS result CSV") {
		t.Errorf("not PTS: %v", err)
	}
}

// TestParsePTSReal reads a real, complete composite.xml (four STREAM
// results from one system, with its <System> block): the AMD EPYC 9275F
// it ran on is no hwcmp chip, so every entry is left out with a reason
// naming the system and its processor; mapped explicitly, the four real
// values come through with their units, direction and the file's date.
func TestParsePTSReal(t *testing.T) {
	read := func(m Mapper) ([]*Result, Report, error) {
		f, err := os.Open("testdata/pts-stream-daytona.xml")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		return ParsePTS(f, "pts-stream-daytona.xml", Date{}, m)
	}
	m := First(NameMapper([]string{"r8g.16xlarge"}, nil), ModelMapper([]string{"epyc-9r14", "graviton4"}))
	rs, rep, err := read(m)
	if err != nil || len(rs) != 0 || rep.Read != 4 || len(rep.Dropped) != 4 {
		t.Fatalf("unmapped: %v %+v %v", rs, rep, err)
	}
	if r := rep.Dropped[0].Reason; !strings.Contains(r, `"ci"`) {
		t.Errorf("reason %q does not name the system", r)
	}
	rs, rep, err = read(NameMapper([]string{"epyc-9r14"}, map[string]string{"ci": "epyc-9r14"}))
	if err != nil || len(rs) != 4 || rep.Kept != 4 {
		t.Fatalf("mapped: %v %+v %v", rs, rep, err)
	}
	want := map[string]float64{"Type: Copy": 21708.8, "Type: Scale": 21796.9, "Type: Triad": 32098.4, "Type: Add": 32269.7}
	for _, r := range rs {
		if v, ok := want[r.Config]; !ok || r.Score != v || r.Unit != "MB/s" || !r.Higher || r.AsOf != (Date{Year: 2026, Month: 6, Day: 11}) {
			t.Errorf("result %+v", r)
		}
	}
}
