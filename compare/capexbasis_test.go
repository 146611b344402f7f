package compare

import (
	"strings"
	"testing"
)

func TestSplitCapexBases(t *testing.T) {
	rs := []Result{
		{Subject: "h100", CapexBasis: "chip", Value: 1},
		{Subject: "b200", CapexBasis: "chip", Value: 2},
		{Subject: "gb200", CapexBasis: "rack-share", Value: 3},
		{Subject: "trn2", Missing: "capex"},
		{Subject: "tpu", Value: 4}, // no capex used: kept as is
	}
	out, keep, lines := SplitCapexBases(rs, "")
	if keep != "chip" {
		t.Fatalf("kept basis %q, want chip (two results against one)", keep)
	}
	if !out[0].OK() || !out[1].OK() || !out[4].OK() || out[2].OK() {
		t.Errorf("results after the split: %+v", out)
	}
	if !strings.Contains(out[2].Missing, "capex on basis rack-share, not chip") || len(lines) != 1 ||
		lines[0] != "rack-share: gb200 (rank them with --capex-basis rack-share)" {
		t.Errorf("gb200: %q; lines %q", out[2].Missing, lines)
	}
	if !rs[2].OK() {
		t.Error("SplitCapexBases changed its input")
	}
	out, keep, _ = SplitCapexBases(rs, "rack-share")
	if keep != "rack-share" || out[0].OK() || !out[2].OK() {
		t.Errorf("--capex-basis rack-share: kept %q, results %+v", keep, out)
	}
	// A tie goes to the narrower basis.
	_, keep, _ = SplitCapexBases([]Result{{Subject: "a", CapexBasis: "rack-share", Value: 1}, {Subject: "b", CapexBasis: "board", Value: 1}}, "")
	if keep != "board" {
		t.Errorf("tie: kept %q, want board", keep)
	}
	if out, keep, lines := SplitCapexBases([]Result{{Subject: "a", Value: 1}}, ""); keep != "" || lines != nil || !out[0].OK() {
		t.Errorf("no capex: %+v %q %q", out, keep, lines)
	}
}
