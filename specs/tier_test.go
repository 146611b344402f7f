package specs

import (
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/provenance"
	"github.com/hwcmp/hwcmp/units"
)

func TestStatusTierProblem(t *testing.T) {
	const (
		nvidia = "https://www.nvidia.com/en-us/data-center/h200/"
		press  = "https://www.tomshardware.com/pc-components/gpus/b300"
		own    = "hwcmp assumption"
	)
	tests := []struct {
		status Status
		source string
		want   string // "" for agreement, else a fragment of the problem
	}{
		{Vendor, nvidia, ""},
		{Measured, "https://github.com/mlcommons/inference_results_v5.1", ""},
		{Vendor, press, "needs a primary source, but tomshardware.com is secondary"},
		{Measured, press, "mark it reported"},
		{Vendor, own, "source is hwcmp's own"},
		{Reported, press, ""},
		{Reported, nvidia, "mark it vendor"},
		{Reported, own, "needs the secondary source"},
		{Estimate, press, ""},
		{Estimate, own, ""},
		{Target, nvidia, ""},
		{Derived, own, ""},
		{Assumption, own, ""},
	}
	for _, tt := range tests {
		err := StatusTierProblem(tt.status, provenance.Classify(tt.source))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s on %s: unexpected problem %v", tt.status, tt.source, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s on %s: got %v, want a problem containing %q", tt.status, tt.source, err, tt.want)
		}
	}
}

// A group with no preferred mark prefers its one best-tier figure; a tie
// in tier and status still needs a mark.
func TestPreferredByTier(t *testing.T) {
	fig := func(v float64, st Status, src string) *Value {
		return &Value{GroupKey: GroupKey{Subject: "gpu-a", Quantity: QPower},
			Value: units.Value{Base: v, Orig: v, OrigUnit: "W", Dim: units.Power}, Status: st, Source: src}
	}
	press := fig(750, Reported, "https://www.tomshardware.com/x")
	sheet := fig(700, Vendor, "https://www.nvidia.com/x")
	ours := fig(720, Estimate, "hwcmp: estimate")
	s, errs := NewValueSet([]*Value{press, ours, sheet})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f, _ := s.Get(press.GroupKey)
	if f.Base != 700 {
		t.Errorf("preferred = %v W, want the primary 700 W", f.Base)
	}

	a, b := fig(700, Reported, "https://a.example/x"), fig(750, Reported, "https://b.example/y")
	if _, errs := NewValueSet([]*Value{a, b}); len(errs) != 1 || !strings.Contains(errs[0].Error(), "mark one preferred") {
		t.Errorf("tied secondary figures: errs = %v, want one 'mark one preferred'", errs)
	}

	c, d := fig(700, Vendor, "https://a.example/x"), fig(750, Reported, "https://b.example/y")
	s, errs = NewValueSet([]*Value{d, c})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if f, _ := s.Get(c.GroupKey); f.Base != 700 {
		t.Errorf("same tier: preferred = %v W, want the stronger status's 700 W", f.Base)
	}
}

func TestVendorStatus(t *testing.T) {
	if s := VendorStatus("https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html"); s != Vendor {
		t.Errorf("amd.com: %s, want vendor", s)
	}
	if s := VendorStatus("https://www.techpowerup.com/gpu-specs/h100-sxm5-80-gb.c3900"); s != Reported {
		t.Errorf("techpowerup: %s, want reported", s)
	}
}

// A group that prefers a secondary figure over a primary one is flagged.
func TestPreferredTierProblem(t *testing.T) {
	fig := func(v float64, src string, pref bool) *Value {
		return &Value{GroupKey: GroupKey{Subject: "gpu-a", Quantity: QPower}, Preferred: pref,
			Value: units.Value{Base: v, Orig: v, OrigUnit: "W", Dim: units.Power}, Status: Estimate, Source: src}
	}
	s, errs := NewValueSet([]*Value{fig(750, "https://press.example/x", true), fig(700, "https://www.nvidia.com/x", false)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	probs := s.SourceProblems()
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "gpu-a power prefers a secondary figure over the primary one") {
		t.Errorf("problems = %v", probs)
	}
}
