package compare

import (
	"strings"
	"testing"
)

func TestSplitBases(t *testing.T) {
	rs := []Result{
		{Subject: "h100", CapexBasis: "chip", Value: 1},
		{Subject: "b200", CapexBasis: "chip", Value: 2},
		{Subject: "gb200", CapexBasis: "rack-share", Value: 3},
		{Subject: "trn2", Missing: "capex"},
		{Subject: "tpu", Value: 4}, // no capex used: kept as is
	}
	out, keep, lines := SplitBases(rs, "", CapexBasisKind)
	if keep != "chip" {
		t.Fatalf("kept basis %q, want chip (two results against one)", keep)
	}
	if !out[0].OK() || !out[1].OK() || !out[4].OK() || out[2].OK() {
		t.Errorf("results after the split: %+v", out)
	}
	if !strings.Contains(out[2].Missing, "capex basis rack-share, not chip") || len(lines) != 1 ||
		lines[0] != "rack-share: gb200 (rank them with --capex-basis rack-share)" {
		t.Errorf("gb200: %q; lines %q", out[2].Missing, lines)
	}
	if !rs[2].OK() {
		t.Error("SplitCapexBases changed its input")
	}
	out, keep, _ = SplitBases(rs, "rack-share", CapexBasisKind)
	if keep != "rack-share" || out[0].OK() || !out[2].OK() {
		t.Errorf("--capex-basis rack-share: kept %q, results %+v", keep, out)
	}
	// A tie goes to the narrower basis.
	_, keep, _ = SplitBases([]Result{{Subject: "a", CapexBasis: "rack-share", Value: 1}, {Subject: "b", CapexBasis: "board", Value: 1}}, "", CapexBasisKind)
	if keep != "board" {
		t.Errorf("tie: kept %q, want board", keep)
	}
	if out, keep, lines := SplitBases([]Result{{Subject: "a", Value: 1}}, "", CapexBasisKind); keep != "" || lines != nil || !out[0].OK() {
		t.Errorf("no capex: %+v %q %q", out, keep, lines)
	}
}

// Rack power as the chips' TDP × count and as the rack's all-in draw are
// different quantities: a per-system power ranking keeps one.
func TestSplitPowerBases(t *testing.T) {
	rs := []Result{
		{Subject: "gb300-nvl72", PowerBasis: "system", Value: 142e3},
		{Subject: "p5.48xlarge", PowerBasis: "chips", Value: 5600},
		{Subject: "p6-b200.48xlarge", PowerBasis: "chips", Value: 8000},
	}
	out, keep, lines := SplitBases(rs, "", PowerBasisKind)
	if keep != "chips" || out[0].OK() || !out[1].OK() || len(lines) != 1 ||
		out[0].Missing != "power basis system, not chips: ranked apart (--power-basis system)" {
		t.Errorf("kept %q; %+v; %q", keep, out, lines)
	}
}
