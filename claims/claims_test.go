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
	// Trn3's bandwidth is contested (4.7-4.9 TB/s): the range 0.979-1.02x
	// straddles the 1x edge of "just edges past".
	test("note-trn3-vs-h200-bandwidth", Close, 1.02, 1.03, "")
	// 30-40% better vs +52.9%: contradicted; and per chip it is the same
	// ratio, not "2x smaller".
	test("aws-trn2-price-performance", Contradicted, 1.52, 1.54, "divides two system totals, so per chip the ratio is the same, 1.53x")
	test("note-graviton4-perf-per-dollar-vs-xeon", Conditional, 1.12, 1.13, "")
	// "Graviton4 first in perf per dollar": an order claim on benchmarks,
	// decided by its closest rival, EPYC (1.033x), and resting on the
	// note's unverified score ratios.
	test("note-graviton4-first-perf-per-dollar", Conditional, 1.03, 1.04, "")
	if v := k.Check(find(t, all, "note-graviton4-first-perf-per-dollar")); v.Unconditional != Supported || v.Baseline != "r7a.16xlarge" || len(v.DependsOn) != 2 {
		t.Errorf("Graviton4 first: %s, decided by %s, rests on %v; want supported by r7a.16xlarge, resting on both score claims", v.Unconditional, v.Baseline, v.DependsOn)
	}
	// 40 Gbps against a claimed 50 is 25% off: contradicted, not close.
	test("note-epyc4-ebs", Contradicted, 40e9/8*0.999, 40e9/8*1.001, "")
	// 0.619 is 62% below 1 on the fold: contradicted even at a 25% tolerance.
	test("note-rainier-watts-per-trn2", Contradicted, 0.61, 0.63, "")
	test("note-new-carlisle-capex-per-gw", Supported, 4.999e9, 5.001e9, "")
	test("note-anthropic-revenue-per-gw", Supported, 0.1999, 0.2001, "")
	// It rests on the note's own score ratio, which no loaded result checks.
	test("note-graviton4-perf-per-dollar-vs-epyc", Conditional, 1.03, 1.04, "")
	test("aws-trn3-ultraserver-compute", Supported, 4.3, 4.4, "different chip counts: trn3-ultraserver has 144 chips, trn2-ultraserver has 64; per chip the ratio is 1.94x")
	test("amd-mi355x-4x-compute", Mismatch, 3.8, 3.9, "different precisions: mi355x at fp4, mi300x at fp8")
	test("google-ironwood-perf-per-watt", Unverifiable, 0, 0, "tpu-v6e: power") // tpu-v7 has a power estimate since issue 11; Trillium has none
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
	test("sparse-vs-dense", Mismatch, "sparse figure compared with dense: h200 sparse, h100 dense")
	test("order-power", Supported, "")
	test("order-lost", Contradicted, "")
	test("value-hbm", Supported, "")
	test("at-most", Contradicted, "")
	// A bound that does not hold is never supported, however wide the tolerance.
	test("order-just-lost", Contradicted, "")
	test("order-spaced", Supported, "")
	test("at-least-value", Contradicted, "")
	test("at-least-near", Close, "")
	test("foreign-input", Unverifiable, "input claim note-graviton4-vs-epyc-score compares r8g.16xlarge with r7a.16xlarge, not r7i.16xlarge with r7a.16xlarge")

	test("at-most-several", Contradicted, "")
	if v := k.Check(find(t, all, "at-most-several")); v.Baseline != "h200" {
		t.Errorf("at-most-several decided by %q; want h200 (the baseline it fails against)", v.Baseline)
	}
	// Like for like, H200 and H100 have the same dense FP8: 1x, not 2x.
	if v := k.Check(find(t, all, "sparse-vs-dense")); v.LikeForLike == nil || math.Abs(v.LikeForLike.Value-1) > 1e-3 || v.LikeForLike.Verdict != Contradicted {
		t.Errorf("sparse-vs-dense like for like = %+v; want 1x contradicted", v.LikeForLike)
	}
	test("order-tie", Close, "")
	// Trn4 (target) and Rubin overlap on bandwidth: Trn4 is first in about
	// two thirds of the samples, so its lead is not separable.
	test("leads-not-separable", Close, "")
	test("leads-power", Supported, "")
	// Prices as of the claim's date: the same claim holds in late 2024
	// ($98.32) and not after AWS's 2025 cut ($55.04).
	test("price-late-2024", Supported, "")
	test("price-2026", Contradicted, "")
	test("change-floor", Supported, "")

	// An input stated the other way round is inverted: (1/0.8) × the
	// r8g/r7a price ratio, not 0.8 × it.
	rev := k.Check(find(t, all, "reversed-input"))
	fwd := k.Check(find(t, all, "note-graviton4-perf-per-dollar-vs-epyc"))
	if rev.Verdict != Conditional || rev.Unconditional != Supported || math.Abs(rev.Value*fwd.Value-1) > 1e-9 {
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
		`claims-bad.csv:6:43: low: a band needs both low and high`,
		`claims-bad.csv:7:47: tolerance: tolerance 1.5: want a fraction in (0, 0.5]`,
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

// TestValidate: typos and misfits are errors at file:line:col, cycles
// are errors, and a row whose id starts with '#' is loaded, not lost.
func TestValidate(t *testing.T) {
	bad, err := LoadFile("testdata/claims-invalid.csv")
	if err != nil {
		t.Fatal(err)
	}
	if c := bad[len(bad)-1]; c.ID != "#hidden" {
		t.Errorf("the last claim is %q; want #hidden (an id starting with '#' is an id, not a comment)", c.ID)
	}
	k, _ := checker(t)
	errs := Validate(bad, k.Engine, k.Metrics)
	got := errs.Error()
	for _, want := range []string{
		`claims-invalid.csv:2:56: subject: unknown chip or system "trn9"`,
		`claims-invalid.csv:3:36: metric: no metric "flops-per-banana"`,
		`claims-invalid.csv:4:65: unit: GB is a bytes unit; metric memory-bandwidth is a byte rate`,
		`claims-invalid.csv:5:59: subject: trn2-ultraserver is a system; this claim is per chip`,
		`claims-invalid.csv:7:79: inputs: claims rest on each other: cyc-a → cyc-b → cyc-a`,
		`claims-invalid.csv:8:48: precision: metric throughput is quoted per precision`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Validate lacks %q:\n%s", want, got)
		}
	}
	if _, err := LoadFile("testdata/no-such-file.csv"); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("LoadFile of a missing file = %v; want an error", err)
	}
}

// TestConsistency: the note's score ratios and perf-per-dollar changes
// imply price ratios; against EPYC they match the price list, against
// Xeon they do not (+18% implied, +12.3% listed).
func TestConsistency(t *testing.T) {
	k, all := checker(t)
	ims := k.Consistency(all)
	got := map[string]Implied{}
	for _, im := range ims {
		got[im.PerDollar.ID] = im
	}
	for _, tc := range []struct {
		id              string
		implied, actual float64
		verdict         string
	}{
		{"note-graviton4-perf-per-dollar-vs-epyc", 1.034 / 0.8, 1.291, Supported},
		{"note-graviton4-perf-per-dollar-vs-xeon", 1.18, 1.123, Contradicted},
	} {
		im, ok := got[tc.id]
		switch {
		case !ok:
			t.Errorf("no consistency check for %s (got %d)", tc.id, len(ims))
		case math.Abs(im.Implied-tc.implied) > 1e-9 || math.Abs(im.Actual-tc.actual) > 0.002 || im.Verdict != tc.verdict:
			t.Errorf("%s: implied %.4f, actual %.4f, %s; want %.4f, %.3f, %s", tc.id, im.Implied, im.Actual, im.Verdict, tc.implied, tc.actual, tc.verdict)
		}
	}
}
