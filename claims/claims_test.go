package claims

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/bench"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

func checker(t *testing.T, extra ...*Claim) (*Checker, []*Claim) {
	t.Helper()
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	book, err := pricing.Load(cat, pricing.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	a, err := book.Assumptions("hyperscaler")
	if err != nil {
		t.Fatal(err)
	}
	results, err := bench.Load(cat.Known, bench.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	all, err := Load(Defaults())
	if err != nil {
		t.Fatalf("embedded claims: %v", err)
	}
	if all, err = Merge(all, extra); err != nil {
		t.Fatal(err)
	}
	e := &compare.Engine{Catalog: cat, Book: book, Assumptions: a}
	return NewChecker(e, compare.DefaultMetrics(), results, all), all
}

func find(t *testing.T, all []*Claim, id string) *Claim {
	t.Helper()
	for _, c := range all {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no claim %s", id)
	return nil
}

// TestEmbeddedVerdicts pins the verdict of one embedded claim of each kind.
func TestEmbeddedVerdicts(t *testing.T) {
	k, all := checker(t)
	test := func(id, verdict string, lo, hi float64, why string) {
		t.Helper()
		v := k.Check(find(t, all, id))
		if v.Verdict != verdict {
			t.Errorf("%s: %s (%v, %s%s); want %s", id, v.Verdict, v.Value, v.Missing, v.Mismatch, verdict)
		}
		if verdict != Unverifiable && verdict != Mismatch && (v.Value < lo || v.Value > hi) {
			t.Errorf("%s computed %v; want in [%v, %v]", id, v.Value, lo, hi)
		}
		all := v.Missing + v.Mismatch + strings.Join(v.Warnings, ";")
		if !strings.Contains(all, why) {
			t.Errorf("%s: %q lacks %q", id, all, why)
		}
	}
	test("note-trn3-vs-tpu-v7-fp8", Supported, 0.545, 0.546, "")
	test("note-trn2-vs-trn3-bf16", Contradicted, 0.99, 1, "")
	test("note-trn3-vs-h200-fp8", Contradicted, 1.27, 1.28, "")
	test("note-trn3-vs-h200-bandwidth", Supported, 1.02, 1.03, "")
	test("note-epyc4-ebs", Close, 40e9/8*0.999, 40e9/8*1.001, "")
	test("note-rainier-watts-per-trn2", Close, 0.61, 0.63, "")
	test("note-new-carlisle-capex-per-gw", Supported, 4.999e9, 5.001e9, "")
	test("note-anthropic-revenue-per-gw", Supported, 0.1999, 0.2001, "")
	test("note-graviton4-perf-per-dollar-vs-epyc", Supported, 1.03, 1.04, "")
	test("aws-trn3-ultraserver-compute", Supported, 4.3, 4.4, "different chip counts: trn3-ultraserver has 144 chips, trn2-ultraserver has 64")
	test("amd-mi355x-4x-compute", Mismatch, 0, 0, "different precisions: mi355x at fp4, baseline at fp8")
	test("google-ironwood-perf-per-watt", Unverifiable, 0, 0, "tpu-v7: power")
	test("note-graviton4-vs-epyc-score", Unverifiable, 0, 0, "benchmark results for r8g.16xlarge and r7a.16xlarge")
	v := k.Check(find(t, all, "note-trn4-vs-b300"))
	if !v.Tentative() || v.Label() != "supported (rests on target figures)" {
		t.Errorf("Trn4 claim label = %q; want it to say it rests on targets", v.Label())
	}
}

// TestCases checks verdicts of synthetic claims: a sparse/dense mismatch,
// order claims won and lost, a value claim, a bound, and missing inputs.
func TestCases(t *testing.T) {
	cases, err := LoadFile("testdata/claims-cases.csv")
	if err != nil {
		t.Fatal(err)
	}
	k, all := checker(t, cases...)
	test := func(id, verdict, why string) {
		t.Helper()
		v := k.Check(find(t, all, id))
		if v.Verdict != verdict || !strings.Contains(v.Missing+v.Mismatch, why) {
			t.Errorf("%s: %s (%v; %s%s); want %s with %q", id, v.Verdict, v.Value, v.Missing, v.Mismatch, verdict, why)
		}
	}
	test("sparse-vs-dense", Mismatch, "sparse figure compared with dense: h200 sparse, baseline dense")
	test("order-power", Supported, "")
	test("order-lost", Contradicted, "")
	test("value-hbm", Supported, "")
	test("at-most", Contradicted, "")
	test("unknown-metric", Unverifiable, `no metric "flops-per-banana"`)
	test("unknown-subject", Unverifiable, "trn9")
	// A bound that does not hold is never supported, however wide the tolerance.
	test("order-just-lost", Close, "")
	test("order-spaced", Supported, "")
	test("at-least-value", Contradicted, "")
	test("at-least-near", Close, "")
	test("foreign-input", Unverifiable, "input claim note-graviton4-vs-epyc-score compares r8g.16xlarge with r7a.16xlarge, not r7i.16xlarge with r7a.16xlarge")

	// An input stated the other way round is inverted: (1/0.8) × the
	// r8g/r7a price ratio, not 0.8 × it.
	rev := k.Check(find(t, all, "reversed-input"))
	fwd := k.Check(find(t, all, "note-graviton4-perf-per-dollar-vs-epyc"))
	if rev.Verdict != Supported || math.Abs(rev.Value*fwd.Value-1) > 1e-9 {
		t.Errorf("reversed input: %s %v; want supported and the inverse of %v", rev.Verdict, rev.Value, fwd.Value)
	}
}

func TestParseErrors(t *testing.T) {
	_, err := LoadFile("testdata/claims-bad.csv")
	var errs sheet.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("LoadFile = %v; want sheet errors", err)
	}
	got := err.Error()
	for _, want := range []string{
		`claims-bad.csv:2:15: evidence: unknown evidence "rumour" (want spec, benchmark or model)`,
		`claims-bad.csv:3:20: kind: unknown kind "guess"`,
		`claims-bad.csv:4:42: baseline: a ratio claim needs a baseline`,
		`claims-bad.csv:5:44: unit: a value claim needs the unit of its claimed value`,
		`claims-bad.csv:6:42: claimed: give the claimed value, or a low and high band`,
		`claims-bad.csv:7:47: tolerance: tolerance 1.5: want a fraction in [0, 1)`,
		`claims-bad.csv:8:51: unit: an at-least claim without a baseline needs the unit of its claimed value`,
		`claims-bad.csv:9:46: unit: a claim with a baseline claims a ratio, which has no unit`,
		`claims-bad.csv:10:37: baseline: empty entry in list "h200,,h200"`,
		`claims-bad.csv:10:37: baseline: "h200" is listed twice`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

// TestInputsCheckedAfterMerge: a user's sheet may take inputs from built-in
// claims, so inputs are checked once the sheets are merged.
func TestInputsCheckedAfterMerge(t *testing.T) {
	orphan, err := LoadFile("testdata/claims-orphan.csv")
	if err != nil {
		t.Fatalf("LoadFile: %v", err)
	}
	_, err = Merge(nil, orphan)
	want := `claims-orphan.csv:2:48: inputs: no claim "nosuchclaim" to take figures from`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Merge = %v; want %q", err, want)
	}
	builtin, err := Load(Defaults())
	if err != nil {
		t.Fatal(err)
	}
	cases, err := LoadFile("testdata/claims-cases.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(builtin, cases); err != nil {
		t.Errorf("cases taking inputs from built-in claims: %v", err)
	}
}
