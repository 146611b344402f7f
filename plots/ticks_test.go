package plots

import (
	"reflect"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestNiceTicksFit: on an axis of unknown length the ticker labels every
// 1-2-5 step that gives four or more labels; told the axis length, it
// widens the step until the labels fit with a gap.
func TestNiceTicksFit(t *testing.T) {
	style := textStyle(9, ink)
	labelled := func(tk niceTicks, min, max float64) []string {
		var out []string
		for _, x := range tk.Ticks(min, max) {
			if x.Label != "" {
				out = append(out, x.Label)
			}
		}
		return out
	}
	for _, c := range []struct {
		name     string
		room     vg.Length
		min, max float64
		want     []string
	}{
		{"unknown length", 0, 0, 57.5, []string{"0", "10", "20", "30", "40", "50"}},
		{"wide axis", 400, 0, 57.5, []string{"0", "10", "20", "30", "40", "50"}},
		{"narrow panel", 80, 0, 57.5, []string{"0", "20", "40"}},
		{"very narrow", 30, 0, 57.5, []string{"0", "50"}},
		{"never fewer than two", 5, 0, 57.5, []string{"0", "50"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tk := niceTicks{room: c.room, label: style}
			got := labelled(tk, c.min, c.max)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("labels %q, want %q", got, c.want)
			}
		})
	}
}
