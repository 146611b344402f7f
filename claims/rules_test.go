package claims

import (
	"math"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/sheet"
)

// parsed parses one claims row written as kind, claimed, low, high,
// hedge and tolerance (the rest filled in).
func parsed(t *testing.T, kind, claimed, low, high, hedge, tol string, baseline bool) *Claim {
	t.Helper()
	r := Record{ID: "x", Author: "a", Date: "2026", Source: "s", Statement: "st", Evidence: "spec", Kind: kind,
		Metric: "memory-bandwidth", Subject: "h200", Claimed: claimed, Low: low, High: high, Hedge: hedge, Tolerance: tol}
	if baseline {
		r.Baseline = "h100"
	} else {
		r.Unit = "TB/s"
	}
	c, errs := Parse(sheet.Row[Record]{Rec: r})
	if len(errs) > 0 {
		t.Fatalf("parse %+v: %v", r, errs)
	}
	return c
}

// TestRules has one case per verdict rule of docs/CLAIMS.md.
func TestRules(t *testing.T) {
	pt := func(v float64) compare.Interval { return compare.Point(v) }
	for _, tc := range []struct {
		rule                            string
		kind, claimed, low, high, hedge string
		tol                             string
		value                           float64
		rng                             compare.Interval
		want                            string
		distance                        float64 // checked when ≥ 0
	}{
		// Symmetric distance: 0.5x and 2x are equally far from 1x.
		{rule: "fold below", kind: "ratio", claimed: "1", value: 0.5, want: Contradicted, distance: 1},
		{rule: "fold above", kind: "ratio", claimed: "1", value: 2, want: Contradicted, distance: 1},
		{rule: "0.619 is not close to 1 at 25%", kind: "ratio", claimed: "1", tol: "0.25", value: 0.619, want: Contradicted, distance: 1/0.619 - 1},
		// About: within the tolerance on the fold; close is half the tolerance more.
		{rule: "about: inside", kind: "ratio", claimed: "1", value: 1.09, want: Supported, distance: 0.09},
		{rule: "about: 1/1.1 is inside", kind: "ratio", claimed: "1", value: 1 / 1.1, want: Supported},
		{rule: "about: close zone", kind: "ratio", claimed: "1", value: 1.14, want: Close},
		{rule: "about: past the close zone", kind: "ratio", claimed: "1", value: 1.16, want: Contradicted},
		// Percent change: judged on the change, with a 5-point floor.
		{rule: "+18% vs +12.3%", kind: "change", claimed: "18", value: 1.123, want: Contradicted, distance: 0.057 / 0.18},
		{rule: "3.4% above vs +3.3%", kind: "change", claimed: "3.4", value: 1.0331, want: Supported},
		{rule: "+1% vs +1.4%: the floor", kind: "change", claimed: "+1%", value: 1.014, want: Supported, distance: 0.004 / 0.05},
		{rule: "-40% vs -30%", kind: "change", claimed: "-40", value: 0.7, want: Contradicted},
		// Bands: rounding slack only (half a unit in the last digit, ≤ 5%).
		{rule: "band 1.3-1.4 vs 1.53", kind: "ratio", low: "1.3", high: "1.4", value: 1.53, want: Contradicted, distance: 1.53/1.4 - 1},
		{rule: "band 1.3-1.4 vs 1.44: rounding", kind: "ratio", low: "1.3", high: "1.4", value: 1.44, want: Supported},
		{rule: "band 1.3-1.4 vs 1.48: close", kind: "ratio", low: "1.3", high: "1.4", value: 1.48, want: Close},
		{rule: "band 0.5-0.6 capped slack", kind: "ratio", low: "0.5", high: "0.6", value: 0.635, want: Close},
		// The whole range is judged.
		{rule: "range straddles the band edge", kind: "ratio", low: "0.5", high: "0.6", value: 0.592, rng: compare.Interval{Lo: 0.592, Hi: 0.638}, want: Close},
		{rule: "range inside", kind: "ratio", claimed: "6", value: 6.44, rng: compare.Interval{Lo: 5.59, Hi: 6.44}, want: Supported},
		{rule: "range partly out", kind: "ratio", claimed: "1", value: 1, rng: compare.Interval{Lo: 0.8, Hi: 1}, want: Close},
		// Bounds: a tie meets at-least but is not "more than" or a win.
		{rule: "at least: tie", kind: "at-least", claimed: "6", value: 6, want: Supported, distance: 0},
		{rule: "at least: short by 3%", kind: "at-least", claimed: "6", value: 5.82, want: Close},
		{rule: "at least: short by 10%", kind: "at-least", claimed: "6", value: 5.4, want: Contradicted},
		{rule: "more than: tie is no win", kind: "more-than", claimed: "1", value: 1, want: Close},
		{rule: "less than: tie is no win", kind: "less-than", claimed: "1", value: 1, want: Close},
		{rule: "at most", kind: "at-most", claimed: "0.5", value: 0.2, want: Supported},
		{rule: "at least a band is its low end, not the midpoint", kind: "at-least", low: "1.3", high: "1.4", value: 1.32, want: Supported},
		{rule: "at most a band is its high end", kind: "at-most", low: "1.3", high: "1.4", value: 1.38, want: Supported},
		// Hedges.
		{rule: "nearly 4x: 3.8", kind: "ratio", claimed: "4", hedge: "nearly", value: 3.8, want: Supported},
		{rule: "nearly 4x: 4.1 is past it", kind: "ratio", claimed: "4", hedge: "nearly", value: 4.1, want: Close},
		{rule: "nearly 4x: 3", kind: "ratio", claimed: "4", hedge: "nearly", value: 3, want: Contradicted},
		{rule: "nearly 2x lower: 0.55", kind: "ratio", claimed: "0.5", hedge: "nearly", value: 0.55, want: Supported},
		{rule: "nearly 2x lower: 0.45 is past it", kind: "ratio", claimed: "0.5", hedge: "nearly", value: 0.45, want: Contradicted},
		{rule: "just edges past 1x: 1.27", kind: "ratio", claimed: "1", hedge: "just edges past", value: 1.27, want: Contradicted},
		{rule: "just edges past 1x: 1.05", kind: "ratio", claimed: "1", hedge: "just edges past", value: 1.05, want: Supported},
		{rule: "just edges past 1x: a tie", kind: "ratio", claimed: "1", hedge: "just edges past", value: 1, want: Close},
		{rule: "well below 1x: 0.6", kind: "ratio", claimed: "1", hedge: "well below", value: 0.6, want: Supported},
		{rule: "well below 1x: 0.69", kind: "ratio", claimed: "1", hedge: "well below", value: 0.69, want: Close},
		{rule: "well below 1x: 0.8", kind: "ratio", claimed: "1", hedge: "well below", value: 0.8, want: Contradicted},
		{rule: "far below 1x: 0.45", kind: "ratio", claimed: "1", hedge: "far below", value: 0.45, want: Supported},
		{rule: "broadly comparable: 0.8", kind: "ratio", claimed: "1", hedge: "broadly", value: 0.8, want: Supported},
		{rule: "broadly comparable: 0.5", kind: "ratio", claimed: "1", hedge: "broadly", value: 0.5, want: Contradicted},
		{rule: "on par", kind: "match", value: 1.05, want: Supported},
		{rule: "on par: 1.3", kind: "match", value: 1.3, want: Contradicted},
		{rule: "order: a tie is no win", kind: "order", value: 1, want: Close},
		{rule: "order: won", kind: "order", value: 1.2, want: Supported},
		{rule: "value: about 600 Gbps", kind: "value", claimed: "4.8", value: 4.8e12, want: Supported},
		{rule: "value: 40 vs 50 is 25% off", kind: "value", claimed: "5", value: 4e12, want: Contradicted, distance: 0.25},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			baseline := tc.kind != "value"
			c := parsed(t, tc.kind, tc.claimed, tc.low, tc.high, tc.hedge, tc.tol, baseline)
			rng := tc.rng
			if rng == (compare.Interval{}) {
				rng = pt(tc.value)
			}
			rd := c.read(true)
			got, d := rd.judge(tc.value, rng)
			if got != tc.want {
				t.Errorf("%s: %v %v is %s; want %s (read as %s)", tc.rule, tc.value, rng, got, tc.want, rd.why)
			}
			if tc.distance > 0 || (tc.distance == 0 && tc.want == Supported && tc.kind == "at-least") {
				if math.Abs(d-tc.distance) > 1e-3 {
					t.Errorf("%s: distance %.4f; want %.4f", tc.rule, d, tc.distance)
				}
			}
		})
	}
}

// TestParseRules checks what Parse refuses.
func TestParseRules(t *testing.T) {
	for _, tc := range []struct {
		rec  Record
		want string
	}{
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "-2"}, "want a positive number"},
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "0"}, "want a positive number"},
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "1", Tolerance: "0"}, "want a fraction in (0, 0.5]"},
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "1", Tolerance: "0.6"}, "want a fraction in (0, 0.5]"},
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "1", Hedge: "kinda"}, `unknown hedge "kinda"`},
		{Record{Kind: "ratio", Baseline: "h100", Low: "1", High: "2", Hedge: "about"}, "not a band"},
		{Record{Kind: "at-least", Baseline: "h100", Claimed: "1", Hedge: "nearly"}, "states a bound"},
		{Record{Kind: "change", Baseline: "h100", Claimed: "-100"}, "want more than -100%"},
		{Record{Kind: "change", Baseline: "h100", Claimed: "10", Unit: "GB"}, "a change is in %"},
		{Record{Kind: "order", Baseline: "h100", Claimed: "2"}, "an order claim states no figure"},
		{Record{Kind: "ratio", Baseline: "h200", Claimed: "2"}, "compared with itself"},
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "2", Term: "weekly"}, `unknown term "weekly"`},
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "1", Expect: "fine"}, `unknown verdict "fine"`},
		{Record{Kind: "ratio", Baseline: "h100", Claimed: "1.5", Low: "1", High: "1.2"}, "outside its band"},
	} {
		r := tc.rec
		r.ID, r.Author, r.Date, r.Source, r.Statement, r.Evidence, r.Metric, r.Subject = "x", "a", "2026", "s", "st", "spec", "memory-bandwidth", "h200"
		_, errs := Parse(sheet.Row[Record]{Rec: r})
		if !strings.Contains(errs.Error(), tc.want) {
			t.Errorf("%+v: errors %q; want %q", tc.rec, errs.Error(), tc.want)
		}
	}
}

func TestRoundingSlack(t *testing.T) {
	for _, tc := range []struct {
		s    string
		v    float64
		want float64
	}{{"1.4", 1.4, 0.05}, {"0.6", 0.6, 0.03}, {"4.6", 4.6, 0.05}, {"5e9", 5e9, 0.25e9}, {"40", 40, 2}, {"1.30", 1.3, 0.005}, {"+18%", 18, 0.5}} {
		if got := roundingSlack(tc.s, tc.v); math.Abs(got-tc.want) > 1e-12*math.Max(1, tc.want) {
			t.Errorf("roundingSlack(%q) = %v; want %v", tc.s, got, tc.want)
		}
	}
}
