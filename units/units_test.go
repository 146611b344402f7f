package units

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	test := func(number, unit string, want float64, dim Dimension) {
		t.Helper()
		v, err := Parse(number, unit)
		if err != nil {
			t.Errorf("Parse(%q, %q): %v", number, unit, err)
			return
		}
		if math.Abs(v.Base-want) > 1e-9*math.Abs(want) || v.Dim != dim {
			t.Errorf("Parse(%q, %q) = %v %v; want %v %v", number, unit, v.Base, v.Dim, want, dim)
		}
		if v.Orig != mustNumber(t, number) || v.OrigUnit != unit {
			t.Errorf("Parse(%q, %q) kept %v %q; want the original", number, unit, v.Orig, v.OrigUnit)
		}
	}
	test("4.8", "TB/s", 4.8e12, ByteRate)
	test("141", "GB", 141e9, Bytes)
	test("96", "GiB", 96*(1<<30), Bytes)
	test("820", "GiB/s", 820*(1<<30), ByteRate)
	test("2.52", "PFLOPS", 2.52e15, Throughput)
	test("4614", "TFLOPS", 4.614e15, Throughput)
	test("380", "TOPS", 380e12, Throughput)
	test("600", "Gbps", 75e9, ByteRate)
	test("12.8", "Tbps", 1.6e12, ByteRate)
	test("700", "W", 700, Power)
	test("1.4", "kW", 1400, Power)
	test("2.2", "GW", 2.2e9, Power)
	test("3.5", "GHz", 3.5e9, Frequency)
	test("2900", "MHz", 2.9e9, Frequency)
	test("192", "count", 192, Count)
	test("11e9", "USD", 11e9, Money)
	test("55.04", "USD/h", 55.04, MoneyRate)
	test("14e9", "USD/year", 14e9/8760, MoneyRate)
	test("0.08", "USD/kWh", 0.08, EnergyPrice)
	test("5", "years", 5*8760, Duration)
	test("1.2", "ratio", 1.2, Ratio)
	test("35", "%", 0.35, Ratio)
	test("6", "x", 6, Ratio)
}

func mustNumber(t *testing.T, s string) float64 {
	t.Helper()
	f, err := ParseNumber(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestParseErrors(t *testing.T) {
	test := func(number, unit, want string) {
		t.Helper()
		_, err := Parse(number, unit)
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%q, %q) error = %v; want %q", number, unit, err, want)
		}
	}
	test("4.8", "TB/S", `unknown unit "TB/S"`)
	test("4.8", "tb/s", `unknown unit "tb/s"`)
	test("1,000", "W", `number "1,000" has a thousands separator; write it without`)
	test("NaN", "W", `"NaN" is not a number`)
	test("Inf", "W", `"Inf" is not a number`)
	test("1e999", "W", `"1e999" is not a number`)
	test("0x10", "W", `"0x10" is not a number`)
	test("", "W", `empty number`)
	test("about 5", "W", `"about 5" is not a number`)
}

func TestGBAndGiBDiffer(t *testing.T) {
	gb, _ := Parse("144", "GB")
	gib, _ := Parse("144", "GiB")
	if got, want := gib.Base/gb.Base, float64(1<<30)/1e9; got != want {
		t.Errorf("144 GiB / 144 GB = %v; want exactly %v", got, want)
	}
}

func TestCommonScale(t *testing.T) {
	test := func(d Display, vals []float64, wantUnit string, want ...string) {
		t.Helper()
		s := d.CommonScale(vals)
		if s.Unit() != wantUnit {
			t.Errorf("CommonScale(%v).Unit() = %q; want %q", vals, s.Unit(), wantUnit)
		}
		for i, v := range vals {
			if got := s.Format(v); got != want[i] {
				t.Errorf("CommonScale(%v).Format(%v) = %q; want %q", vals, v, got, want[i])
			}
		}
	}
	test(Throughput.Display(), []float64{2.517e15, 4.614e15}, "PFLOPS", "2.52", "4.61")
	test(Throughput.Display(), []float64{190e12, 4.614e15}, "TFLOPS", "190", "4614")
	test(Throughput.Display(), []float64{197e12, 1299e12}, "TFLOPS", "197", "1299")
	test(Bytes.Display(), []float64{141e9, 192e9}, "GB", "141", "192")
	test(Bytes.Display(), []float64{96 * (1 << 30)}, "GB", "103")
	test(ByteRate.Display(), []float64{4.8e12}, "TB/s", "4.80")
	test(BitRate, []float64{75e9, 3.125e9}, "Gbps", "600", "25")
	test(Money.Display(), []float64{11e9, 15e9}, "USD bn", "11", "15")
	test(Money.Display(), []float64{4.9e9}, "USD bn", "4.90")
	test(MoneyRate.Display(), []float64{55.04, 3.77024}, "USD/h", "55.04", "3.77")
	test(Ratio.Display(), []float64{1.0275, 0.547}, "x", "1.028", "0.547")
	test(Throughput.Display(), []float64{0, 0}, "FLOPS", "0", "0")
	test(Duration.Display(), []float64{5 * 8760}, "years", "5")
}

func FuzzParse(f *testing.F) {
	for _, seed := range [][2]string{{"4.8", "TB/s"}, {"96", "GiB"}, {"-1", "W"}, {"1e400", "W"}, {"1,0", "GB"}, {"", ""}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, number, unit string) {
		v, err := Parse(number, unit)
		if err != nil {
			return
		}
		if math.IsNaN(v.Base) || math.IsInf(v.Base, 0) {
			t.Fatalf("Parse(%q, %q) = %v", number, unit, v.Base)
		}
		// What FormatNumber writes, ParseNumber reads back exactly.
		back, err := ParseNumber(FormatNumber(v.Orig))
		if err != nil || back != v.Orig {
			t.Fatalf("round trip of %v: %v, %v", v.Orig, back, err)
		}
		u, _ := Lookup(unit)
		if u.Dim != v.Dim {
			t.Fatalf("dimension %v; unit says %v", v.Dim, u.Dim)
		}
	})
}

func TestIntegerOps(t *testing.T) {
	for in, want := range map[string]string{
		"FLOP/s": "OP/s", "FLOP/s/W": "OP/s/W", "TFLOPS": "TOPS", "FLOPS/(USD/h)": "OPS/(USD/h)", "FLOP/B": "OP/B", "B/s": "B/s", "USD": "USD",
	} {
		if got := IntegerOps(in); got != want {
			t.Errorf("IntegerOps(%q) = %q, want %q", in, got, want)
		}
	}
	if d := Throughput.Display().IntegerOps(); d.Symbol != "OPS" || d.Scale(3.93e14).Unit() != "TOPS" {
		t.Errorf("integer display = %+v", d)
	}
}

// FuzzParseNumber checks that a number that parses is finite and that
// FormatNumber writes it as text that parses back to the same number.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"141", "4.8", "1e21", "1e-7", "-0", "0x10", "1_000", "1,000", "Inf", "NaN", " 2 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		back, err := ParseNumber(FormatNumber(v))
		if err != nil || back != v {
			t.Fatalf("ParseNumber(%q) = %v; FormatNumber gives %q, which parses as %v, %v", s, v, FormatNumber(v), back, err)
		}
	})
}
