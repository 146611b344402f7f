package pricing

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// A Sweep varies one assumption over a range of values.
type Sweep struct {
	Param  ParamSpec
	Values []string // flag texts, in the param's unit
}

// ParseSweep parses NAME=FROM:TO:STEP, in NAME's flag unit.
func ParseSweep(s string) (Sweep, error) {
	name, rng, ok := strings.Cut(s, "=")
	if !ok {
		return Sweep{}, fmt.Errorf("--sweep %s: want NAME=FROM:TO:STEP, e.g. pue=1.1:1.5:0.1", s)
	}
	ps, ok := paramSpec(name)
	if !ok {
		return Sweep{}, fmt.Errorf("--sweep %s: unknown assumption %q (have %s)", s, name, paramNames())
	}
	parts := strings.Split(rng, ":")
	if len(parts) != 3 {
		return Sweep{}, fmt.Errorf("--sweep %s: want NAME=FROM:TO:STEP", s)
	}
	var f [3]float64
	for i, p := range parts {
		if _, err := fmt.Sscanf(p, "%g", &f[i]); err != nil {
			return Sweep{}, fmt.Errorf("--sweep %s: %q is not a number", s, p)
		}
	}
	from, to, step := f[0], f[1], f[2]
	if step <= 0 || to < from {
		return Sweep{}, fmt.Errorf("--sweep %s: need FROM ≤ TO and STEP > 0", s)
	}
	n := int(math.Floor((to-from)/step+1e-9)) + 1
	if n > 1000 {
		return Sweep{}, fmt.Errorf("--sweep %s: %d steps; at most 1000", s, n)
	}
	sw := Sweep{Param: ps}
	for i := range n {
		sw.Values = append(sw.Values, fmt.Sprintf("%.10g", from+float64(i)*step))
	}
	return sw, nil
}

// A SweepPoint is one model output at one value of the swept assumption.
type SweepPoint struct {
	Text  string  // the value as a flag would write it
	Value float64 // in base units
	Out   float64
}

// Run evaluates model at every value of the sweep, each on a copy of a.
func (sw Sweep) Run(a *Assumptions, model func(*Assumptions) float64) ([]SweepPoint, error) {
	var pts []SweepPoint
	for _, v := range sw.Values {
		c := a.Clone()
		if err := c.Set(sw.Param.Name, v); err != nil {
			return nil, err
		}
		pts = append(pts, SweepPoint{Text: v, Value: c.Get(sw.Param.Name), Out: model(c)})
	}
	return pts, nil
}

// A Swing is how far one assumption moves a model output between its low
// and high values, for a tornado chart.
type Swing struct {
	Param           *Param
	Low, High       float64 // the assumption's values, base units
	OutLow, OutHigh float64 // the output at each
	Basis           string  // where Low and High come from
}

// Width returns |OutHigh − OutLow|.
func (s Swing) Width() float64 { return math.Abs(s.OutHigh - s.OutLow) }

// Sensitivity moves each assumption one at a time to its low and high
// value — the spread of the scenario's own figures where they have one
// (contested or ranged sources), else ±pct of the value, kept inside the
// assumption's valid domain — and returns the swings of model's output,
// widest first. pct must be in (0, 1): a 100% swing would take lives and
// rates to zero. A swing whose output is not a finite number is left out.
func (b *Book) Sensitivity(a *Assumptions, pct float64, model func(*Assumptions) float64) ([]Swing, error) {
	if !(pct > 0 && pct < 1) {
		return nil, fmt.Errorf("swing %g%%: want a percentage above 0 and below 100", pct*100)
	}
	var out []Swing
	for _, p := range a.Params() {
		lo, hi := p.Value*(1-pct), p.Value*(1+pct)
		basis := fmt.Sprintf("±%g%%", pct*100)
		if p.Figure != nil {
			if f, ok := b.Figures.Get(p.Figure.GroupKey); ok && f.Spread() {
				lo, hi, basis = f.Low, f.High, "range of the scenario's sources"
			}
		}
		lo, hi = clampAssumption(p.Quantity, lo), clampAssumption(p.Quantity, hi)
		run := func(v float64) float64 {
			c := a.Clone()
			c.params[p.Name] = &Param{Name: p.Name, Quantity: p.Quantity, Value: v, Override: "sensitivity"}
			return model(c)
		}
		s := Swing{Param: p, Low: lo, High: hi, OutLow: run(lo), OutHigh: run(hi), Basis: basis}
		if math.IsInf(s.Width(), 0) || math.IsNaN(s.Width()) {
			continue
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Width() > out[j].Width() })
	return out, nil
}
