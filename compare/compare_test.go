package compare

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
)

func TestInterval(t *testing.T) {
	test := func(name string, got, want Interval) {
		t.Helper()
		if math.Abs(got.Lo-want.Lo) > 1e-12 || math.Abs(got.Hi-want.Hi) > 1e-12 {
			t.Errorf("%s = %v; want %v", name, got, want)
		}
	}
	test("[2,3]·[4,5]", Interval{2, 3}.Mul(Interval{4, 5}), Interval{8, 15})
	test("[2,3]÷[4,5]", Interval{2, 3}.Div(Interval{4, 5}), Interval{0.4, 0.75})
	test("point÷point", Point(6).Div(Point(3)), Point(2))
	test("[1,2]×16", Interval{1, 2}.Scale(16), Interval{16, 32})
	if !(Interval{1, 2}).Overlaps(Interval{2, 3}) || (Interval{1, 2}).Overlaps(Interval{2.5, 3}) {
		t.Error("Overlaps is wrong at the boundary")
	}
	if Point(1).Wide() || !(Interval{1, 2}).Wide() {
		t.Error("Wide is wrong")
	}
}

func result(subject string, m *Metric, v, lo, hi float64) Result {
	return Result{Subject: subject, Metric: m, Value: v, Range: Interval{lo, hi}, Status: specs.Vendor}
}

func TestRank(t *testing.T) {
	up := &Metric{Name: "up", Higher: true}
	down := &Metric{Name: "down"}
	test := func(m *Metric, in []Result, wantOrder []string, wantSep []bool, wantMissing int) {
		t.Helper()
		ranked, missing := Rank(in)
		var order []string
		var sep []bool
		for _, r := range ranked {
			order = append(order, r.Subject)
			sep = append(sep, r.NotSeparable)
		}
		if len(missing) != wantMissing || len(order) != len(wantOrder) {
			t.Fatalf("Rank = %v + %d missing; want %v + %d", order, len(missing), wantOrder, wantMissing)
		}
		for i := range order {
			if order[i] != wantOrder[i] || sep[i] != wantSep[i] || ranked[i].Rank != i+1 {
				t.Errorf("Rank = %v %v; want %v %v", order, sep, wantOrder, wantSep)
				return
			}
		}
	}
	test(up, []Result{result("a", up, 1, 1, 1), result("b", up, 3, 3, 3), result("c", up, 2, 2, 2)},
		[]string{"b", "c", "a"}, []bool{false, false, false}, 0)
	test(down, []Result{result("a", down, 1, 1, 1), result("b", down, 3, 3, 3)},
		[]string{"a", "b"}, []bool{false, false}, 0)
	// Overlapping ranges are flagged on both sides; ties break by id.
	test(up, []Result{result("a", up, 2, 1.5, 2.5), result("b", up, 3, 2.4, 3), result("c", up, 1, 1, 1)},
		[]string{"b", "a", "c"}, []bool{true, true, false}, 0)
	test(up, []Result{result("z", up, 2, 2, 2), result("y", up, 2, 2, 2), {Subject: "x", Metric: up, Missing: "power"}},
		[]string{"y", "z"}, []bool{true, true}, 1)
}

// TestPlaces checks that Places orders as a stable sort would: equal
// values by id, and equal values and ids (a subject listed twice) in input
// order; that missing values keep their input order; and that Rank is
// Places with the results copied.
func TestPlaces(t *testing.T) {
	up := &Metric{Name: "up", Higher: true}
	in := []Result{
		result("b", up, 2, 2, 2), {Subject: "m1", Metric: up, Missing: "power"}, result("a", up, 2, 2, 2),
		result("c", up, 5, 4, 6), result("a", up, 2, 1, 3), {Subject: "m0", Metric: up, Missing: "price"}, result("d", up, 1, 1, 1),
	}
	places, missing := Places(in)
	var got []int
	for k, p := range places {
		if p.Rank != k+1 {
			t.Errorf("place %d has rank %d", k, p.Rank)
		}
		got = append(got, p.Index)
	}
	if want := []int{3, 2, 4, 0, 6}; !slices.Equal(got, want) {
		t.Errorf("Places order = %v; want %v", got, want)
	}
	if want := []int{1, 5}; !slices.Equal(missing, want) {
		t.Errorf("Places missing = %v; want %v", missing, want)
	}
	ranked, absent := Rank(in)
	for k, r := range ranked {
		p := places[k]
		if r.Result.Subject != in[p.Index].Subject || r.Result.Range != in[p.Index].Range || r.Rank != p.Rank || r.NotSeparable != p.NotSeparable {
			t.Errorf("Rank[%d] = %s %v rank %d %v; Places says %s %v rank %d %v", k, r.Subject, r.Range, r.Rank, r.NotSeparable,
				in[p.Index].Subject, in[p.Index].Range, p.Rank, p.NotSeparable)
		}
	}
	if len(absent) != 2 || absent[0].Subject != "m1" || absent[1].Subject != "m0" {
		t.Errorf("Rank missing = %v; want m1, m0", absent)
	}
	if r, m := Places(nil); r != nil || m != nil {
		t.Errorf("Places(nil) = %v, %v; want nil, nil", r, m)
	}
}

func TestRatio(t *testing.T) {
	m := &Metric{Name: "m", Higher: true}
	a := result("a", m, 4, 3, 5)
	b := result("b", m, 2, 2, 2)
	b.Status = specs.Target
	c := Ratio(a, b)
	if !c.OK() || c.Value != 2 || c.Range != (Interval{1.5, 2.5}) || c.Status != specs.Target {
		t.Errorf("Ratio = %+v; want 2 [1.5, 2.5] target", c)
	}
	a.Fallback = specs.BF16
	if c := Ratio(a, b); c.OK() || c.Mismatch == "" {
		t.Errorf("Ratio of a fallback and a non-fallback value = %+v; want a mismatch", c)
	}
	if c := Ratio(Result{Subject: "x", Missing: "power"}, b); c.OK() || c.Missing != "x: power" {
		t.Errorf("Ratio with a missing side = %+v", c)
	}
}

func TestPareto(t *testing.T) {
	x := &Metric{Name: "x", Higher: true}
	y := &Metric{Name: "y"} // lower is better
	xs := []Result{result("a", x, 10, 10, 10), result("b", x, 5, 5, 5), result("c", x, 10, 10, 10), result("d", x, 1, 1, 1)}
	ys := []Result{result("a", y, 5, 5, 5), result("b", y, 1, 1, 1), result("c", y, 6, 6, 6), {Subject: "d", Metric: y, Missing: "power"}}
	points, missing := Pareto(xs, ys)
	dom := map[string]string{}
	for _, p := range points {
		dom[p.X.Subject] = p.DominatedBy
	}
	if dom["a"] != "" || dom["b"] != "" || dom["c"] != "a" || len(missing) != 1 || missing[0].Subject != "d" {
		t.Errorf("Pareto: dominated-by %v, missing %v; want a and b non-dominated, c by a, d missing", dom, missing)
	}
}

func fixture(t testing.TB) *Engine {
	t.Helper()
	src := specs.Source{FS: os.DirFS(filepath.Join("..", "specs", "testdata", "base")), Name: "base"}
	cat, err := specs.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{Catalog: cat}
}

func TestEngineBases(t *testing.T) {
	e := fixture(t)
	reg := DefaultMetrics()
	tp, _ := reg.Lookup("throughput")
	bw, _ := reg.Lookup("memory-bandwidth")
	o := Options{Precision: specs.FP8, Sparsity: specs.Dense, Basis: PerChip}
	r := e.Evaluate(tp, "gpu-a", o)
	if !r.OK() || r.Value != 2e15 || r.Status != specs.Derived {
		t.Errorf("gpu-a fp8 dense per chip = %+v; want 2 PFLOPS derived", r)
	}
	o.Basis = PerSystem
	r = e.Evaluate(tp, "box-a", o)
	if !r.OK() || r.Value != 16e15 || r.Evidence[0].Times != 8 {
		t.Errorf("box-a fp8 dense per system = %v (times %v); want 8 × 2 PFLOPS", r.Value, r.Evidence)
	}
	r = e.Evaluate(bw, "box-a", o)
	if !r.OK() || r.Value != 8*4.8e12 || r.Range != (Interval{8 * 4.8e12, 8 * 5e12}) {
		t.Errorf("box-a memory bandwidth = %v %v; want 8 × 4.8 TB/s [8 × 4.8, 8 × 5]", r.Value, r.Range)
	}
	o.Basis = PerChip
	if r := e.Evaluate(tp, "box-a", o); r.OK() || r.Missing != "box-a is not a chip (use --basis system)" {
		t.Errorf("system at chip basis: %q", r.Missing)
	}
	o.Precision = specs.FP4
	if r := e.Evaluate(tp, "gpu-a", o); r.OK() || r.Missing != "throughput fp4 dense" {
		t.Errorf("missing precision: %q", r.Missing)
	}
	o.Fallback = true
	if r := e.Evaluate(tp, "gpu-a", o); !r.OK() || r.Fallback != specs.FP8 || r.Value != 2e15 {
		t.Errorf("fallback from fp4 = %+v; want fp8's 2 PFLOPS, flagged", r)
	}
	if r := e.Evaluate(tp, "gpu-a", Options{Basis: PerChip, Sparsity: specs.Dense}); r.OK() {
		t.Error("throughput without a precision should be missing")
	}
}

// ratioOf evaluates metric name for a and b on the embedded data.
func ratioOf(t *testing.T, e *Engine, name string, p specs.Precision, a, b string) Comparison {
	t.Helper()
	m, err := DefaultMetrics().Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Precision: p, Sparsity: specs.Dense, Basis: PerChip}
	c := Ratio(e.Evaluate(m, a, o), e.Evaluate(m, b, o))
	if !c.OK() {
		t.Fatalf("%s %s/%s: %s%s", name, a, b, c.Missing, c.Mismatch)
	}
	return c
}

func defaults(t testing.TB) *Engine {
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
	return &Engine{Catalog: cat, Book: book, Assumptions: a}
}

// TestAnalystRatios reproduces the single-chip ratios of the analyst note
// (../shared/seed) on the embedded data, and shows where they hold.
func TestAnalystRatios(t *testing.T) {
	e := defaults(t)
	test := func(name string, p specs.Precision, a, b string, lo, hi float64) {
		t.Helper()
		c := ratioOf(t, e, name, p, a, b)
		if c.Value < lo || c.Value > hi {
			t.Errorf("%s %s %s/%s = %.4f; want in [%v, %v]", name, p, a, b, c.Value, lo, hi)
		}
	}
	// "Trn3 edges past H200": above 1x on FP8 dense (2,517 vs 1,979 TFLOPS)
	// and on memory bandwidth (4.9 vs 4.8 TB/s).
	test("throughput", specs.FP8, "trn3", "h200", 1.27, 1.28)
	test("memory-bandwidth", "", "trn3", "h200", 1.02, 1.03)
	// "On FP8, Trn3 is roughly 55% of TPU v7": 2,517 / 4,614.
	test("throughput", specs.FP8, "trn3", "tpu-v7", 0.545, 0.546)
	// "Trn2 delivers only ~50–60% of Trn3 on paper": true on FP8 and
	// memory bandwidth, not on BF16 (667 vs 671 TFLOPS).
	test("throughput", specs.FP8, "trn2", "trn3", 0.515, 0.517)
	test("memory-bandwidth", "", "trn2", "trn3", 0.59, 0.60)
	test("throughput", specs.BF16, "trn2", "trn3", 0.99, 1.0)
	// "Trn2 is ~60% of H200": FP8 0.66, BF16 0.67, bandwidth 0.60.
	test("throughput", specs.FP8, "trn2", "h200", 0.65, 0.66)
	test("throughput", specs.BF16, "trn2", "h200", 0.67, 0.68)
	test("memory-bandwidth", "", "trn2", "h200", 0.60, 0.61)
}

// TestCapexBasis: a system's purchase price is a system's, never a chip's.
func TestCapexBasis(t *testing.T) {
	e := defaults(t)
	capex, _ := DefaultMetrics().Lookup("capex")
	if r := e.Evaluate(capex, "dgx-b200", Options{Basis: PerChip}); r.OK() || r.Missing != "dgx-b200 is not a chip (use --basis system)" {
		t.Errorf("dgx-b200 capex per chip = %v, %q; want missing: not a chip", r.Value, r.Missing)
	}
	if r := e.Evaluate(capex, "dgx-b200", Options{Basis: PerSystem}); !r.OK() {
		t.Errorf("dgx-b200 capex per system missing: %s", r.Missing)
	}
}

// TestNoNaN evaluates every metric for every chip and system at every
// precision and sparsity and basis: a value is finite and positive, or it
// is missing with a reason.
func TestNoNaN(t *testing.T) {
	e := defaults(t)
	n := 0
	for _, m := range DefaultMetrics().All() {
		for _, p := range append(specs.Precisions(), "") {
			for _, sp := range []specs.Sparsity{specs.Dense, specs.Sparse} {
				for _, fb := range []bool{false, true} {
					for _, basis := range []Basis{PerChip, PerSystem, PerGW} {
						o := Options{Precision: p, Sparsity: sp, Basis: basis, Fallback: fb}
						ids := []string{}
						for _, c := range e.Catalog.Chips {
							ids = append(ids, c.ID)
						}
						for _, s := range e.Catalog.Systems {
							ids = append(ids, s.ID)
						}
						for _, id := range ids {
							r := e.Evaluate(m, id, o)
							n++
							if r.OK() {
								if math.IsNaN(r.Value) || math.IsInf(r.Value, 0) || r.Value <= 0 ||
									math.IsNaN(r.Range.Lo) || math.IsInf(r.Range.Hi, 0) || r.Range.Lo > r.Value || r.Range.Hi < r.Value {
									t.Fatalf("%s %s %+v = %v %v", m.Name, id, o, r.Value, r.Range)
								}
							} else if r.Missing == "" {
								t.Fatalf("%s %s: no value and no reason", m.Name, id)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d evaluations", n)
}
