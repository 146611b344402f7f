package importer

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/importer/awsgen"
	"github.com/hwcmp/hwcmp/pricing"
)

func known(ids ...string) func(string) bool {
	return func(id string) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
}

// TestAWSCSV imports the reference rows: the verbatim metadata and header,
// two real Windows/SQL/Dedicated rows that must be dropped, and rows in the
// real shape that must be kept or dropped.
func TestAWSCSV(t *testing.T) {
	f, err := os.Open("testdata/aws-ec2.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, sum, err := AWSCSV(f, "aws-ec2.csv", Options{Known: known("m7i.8xlarge", "p5.48xlarge", "c6i.large")})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]pricing.PriceRecord{}
	for _, r := range rows {
		got[r.Offering+" "+r.Term+" "+r.Option] = r
	}
	test := func(key, perHour, upfront string) {
		t.Helper()
		r, ok := got[key]
		if !ok {
			t.Errorf("no price for %s; have %v", key, keys(got))
			return
		}
		if r.USDPerHour != perHour || r.UpfrontUSD != upfront || r.AsOf != "2025-09-12" || r.Region != "us-east-1" {
			t.Errorf("%s = %+v; want %s USD/h + %s upfront, as of 2025-09-12, us-east-1", key, r, perHour, upfront)
		}
	}
	test("m7i.8xlarge on-demand ", "1.6128", "")
	test("m7i.8xlarge reserved-1y no-upfront", "1.016", "")
	test("m7i.8xlarge reserved-1y all-upfront", "0", "8476")
	test("p5.48xlarge on-demand ", "55.04", "")
	test("p5.48xlarge capacity-block ", "31.464", "")
	if len(rows) != 5 || sum.Read != 9 || sum.Kept != 5 {
		t.Errorf("%d rows, read %d, kept %d; want 5 of 9 kept", len(rows), sum.Read, sum.Kept)
	}
	if sum.Dropped["not a Linux, shared-tenancy, used-capacity compute instance"] != 3 {
		t.Errorf("dropped = %v", sum.Dropped)
	}
	// The all-upfront reserved price folds into an effective hourly rate.
	p := pricing.Price{Term: pricing.Reserved1y, Upfront: 8476}
	if e := p.Effective(); e != 8476.0/8760 {
		t.Errorf("effective all-upfront rate = %v", e)
	}
}

func keys(m map[string]pricing.PriceRecord) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAWSCSVBadInput(t *testing.T) {
	good, err := os.ReadFile("testdata/aws-ec2.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	test := func(name, in, want string) {
		t.Helper()
		_, _, err := AWSCSV(strings.NewReader(in), name, Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v; want %q", name, err, want)
		}
	}
	test("gzip", "\x1f\x8b\x08\x00rest", "gzip.csv"[:4]+": gzip-compressed")
	test("html", "<!DOCTYPE html><html><body>503 Service Unavailable</body></html>", "html: an HTML or XML page, not a price list")
	test("empty", "", "empty:1: unexpected end of file")
	test("truncated-meta", strings.Join(lines[:3], ""), "truncated-meta:4: unexpected end of file")
	test("renamed-column", strings.Replace(string(good), `"Operating System"`, `"OS"`, 1), `renamed-column:6: column "Operating System" missing from the header`)
	// A cut mid-row: the last row has fewer fields than the header.
	cut := string(good[:len(good)-300])
	test("truncated-row", cut, "truncated-row:15: unterminated quoted field: the file is truncated")
	test("na-price", strings.Replace(string(good), `"1.6128000000"`, `"N/A"`, 1), `na-price:9: PricePerUnit: "N/A" is not a price`)
	test("negative-price", strings.Replace(string(good), `"1.6128000000"`, `"-1"`, 1), "negative-price:9: PricePerUnit: negative price -1")
	test("junk-after-quote", strings.Replace(string(good), `"1.6128000000"`, `"1.6128000000"x`, 1), "junk-after-quote:9: a quoted field is not followed by a comma")
	test("other-offer", strings.Replace(string(good), `"OfferCode","AmazonEC2"`, `"OfferCode","AmazonS3"`, 1), `offer code "AmazonS3"`)
}

// splitRecord returns the header lines of testdata/aws-ec2.csv and its
// kept m7i.8xlarge on-demand row with a newline inside the quoted field
// that starts at byte offset at or after from (a quoted field may span
// lines in CSV).
func splitRecord(t *testing.T, from string) (head, multi string) {
	t.Helper()
	data, err := os.ReadFile("testdata/aws-ec2.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	head = strings.Join(lines[:6], "\n") + "\n"
	var row string
	for _, l := range lines {
		if strings.Contains(l, `"OnDemand","$1.6128 per On Demand Linux m7i.8xlarge`) {
			row = l
			break
		}
	}
	if row == "" {
		t.Fatal("no m7i.8xlarge on-demand Linux row in testdata/aws-ec2.csv")
	}
	i := strings.Index(row, from)
	if i < 0 {
		t.Fatalf("row lacks %q", from)
	}
	i += strings.Index(row[i:], " ") // break at a space inside the field
	return head, row[:i] + "\n" + row[i+1:]
}

// TestAWSCSVMultiline: a record whose quoted field spans lines is read
// whole, whether the break falls before the columns the fast filter looks
// for or after them, and wherever it falls against the read buffer.
func TestAWSCSVMultiline(t *testing.T) {
	opts := Options{Known: known("m7i.8xlarge")}
	for _, from := range []string{`"$1.6128 per`, `"Intel Xeon`} {
		head, multi := splitRecord(t, from)
		rows, sum, err := AWSCSV(strings.NewReader(head+multi+"\n"), "t.csv", opts)
		if err != nil || sum.Kept != 1 || rows[0].USDPerHour != "1.6128" {
			t.Errorf("break in %s...: %v, kept %d, rows %v", from, err, sum.Kept, rows)
		}
	}
	// The continuation is read after the record's first line: place that
	// line's end around the 1 MiB buffer boundary, with enough after it
	// that the buffer refills.
	head, multi := splitRecord(t, `"Intel Xeon`)
	filler := `"x","y"` + "\n"
	nl := strings.Index(multi, "\n")
	for pad := -1500; pad < 1500; pad += 41 {
		var b bytes.Buffer
		b.WriteString(head)
		for target := (1 << 20) - nl + pad; b.Len()+len(filler) < target; {
			b.WriteString(filler)
		}
		b.WriteString(multi + "\n")
		b.WriteString(strings.Repeat(filler, 160_000))
		rows, sum, err := AWSCSV(bytes.NewReader(b.Bytes()), "t.csv", opts)
		if err != nil || sum.Kept != 1 || rows[0].USDPerHour != "1.6128" {
			t.Fatalf("record ending %d bytes from the buffer boundary: %v, kept %d, rows %v", pad, err, sum.Kept, rows)
		}
	}
}

// TestAWSCSVGenerated checks the importer against the generator's own
// count of rows a correct filter keeps.
func TestAWSCSVGenerated(t *testing.T) {
	var b bytes.Buffer
	g := awsgen.New(1)
	if err := g.Write(&b, 2<<20); err != nil {
		t.Fatal(err)
	}
	_, sum, err := AWSCSV(&b, "gen.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Every generated product that a correct filter keeps becomes a row.
	if sum.Kept != g.Kept || sum.DuplicateCount != 0 {
		t.Errorf("kept %d (duplicates %d); the generator made %d keepable products, each priced once",
			sum.Kept, sum.DuplicateCount, g.Kept)
	}
}

func FuzzSplitCSV(f *testing.F) {
	f.Add(`"a","b,c",,"d""e"`)
	f.Add(`x,"unterminated`)
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\r\n") {
			return
		}
		fields, ok := splitCSV([]byte(line), nil)
		if !ok {
			return
		}
		// Re-encode and split again: the same fields come back.
		var parts []string
		for _, f := range fields {
			s := string(f)
			if s != "" {
				s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
			}
			parts = append(parts, s)
		}
		again, ok := splitCSV([]byte(strings.Join(parts, ",")), nil)
		if !ok || len(again) != len(fields) {
			t.Fatalf("re-split of %q: %d fields, ok %v; want %d", line, len(again), ok, len(fields))
		}
		for i := range fields {
			if string(again[i]) != string(fields[i]) {
				t.Fatalf("field %d: %q after round trip; want %q", i, again[i], fields[i])
			}
		}
	})
}

// BenchmarkAWSCSV measures the importer's throughput on a generated 64 MB
// price list held in memory.
func BenchmarkAWSCSV(b *testing.B) {
	var buf bytes.Buffer
	if err := awsgen.New(1).Write(&buf, 64<<20); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := AWSCSV(bytes.NewReader(data), "gen.csv", Options{Region: "us-east-1"}); err != nil {
			b.Fatal(err)
		}
	}
}
