package pricing

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// A Param is one named model input: its value in base units and where it
// came from, a scenario's figure or a command-line override.
type Param struct {
	Name     string       // the flag name, e.g. "pue"
	Quantity string       // the sheet quantity, e.g. "pue"
	Value    float64      // in base units
	Figure   *specs.Value // the scenario figure, nil if overridden
	Override string       // the flag text, if overridden
}

// Status returns the param's status: the figure's, or assumption for an
// override.
func (p *Param) Status() specs.Status {
	if p.Figure == nil {
		return specs.Assumption
	}
	return p.Figure.Status
}

// Source says where the value came from.
func (p *Param) Source() string {
	if p.Figure == nil {
		return "--" + p.Name + " " + p.Override
	}
	return fmt.Sprintf("%s (%s, %s)", p.Figure.Source, p.Figure.AsOf, p.Figure.Pos)
}

// A ParamSpec describes a model input a flag can set.
type ParamSpec struct {
	Name     string // flag name
	Quantity string
	Unit     string // the unit flag values are written in
	Doc      string
}

// ScenarioParams lists the inputs every scenario provides, in the order
// outputs print them.
var ScenarioParams = []ParamSpec{
	{"electricity", QElectricity, "USD/kWh", "electricity price"},
	{"pue", QPUE, "ratio", "power usage effectiveness (facility ÷ IT power)"},
	{"host-power", QHostPower, "W", "host, network and fan power per accelerator"},
	{"facility-capex", QFacilityCapex, "USD/W", "facility build cost per watt of IT load"},
	{"life", QUsefulLife, "years", "useful life of IT equipment"},
	{"facility-life", QFacilityLife, "years", "useful life of the facility"},
	{"wacc", QCostOfCapital, "ratio", "annual cost of capital"},
	{"utilization", QUtilization, "ratio", "share of hours sold or used"},
	{"ops-share", QOperationsShare, "ratio", "yearly operations cost as a share of IT capex"},
}

// Assumptions is a scenario's inputs with any overrides applied.
type Assumptions struct {
	Scenario string
	params   map[string]*Param
}

// Assumptions returns the inputs of scenario id.
func (b *Book) Assumptions(id string) (*Assumptions, error) {
	if _, ok := b.Scenario(id); !ok {
		return nil, fmt.Errorf("no scenario %q (have %s)", id, b.ScenarioNames())
	}
	a := &Assumptions{Scenario: id, params: make(map[string]*Param)}
	var missing []string
	for _, ps := range ScenarioParams {
		f, ok := b.Figure(id, ps.Quantity)
		if !ok {
			missing = append(missing, ps.Quantity)
			continue
		}
		a.params[ps.Name] = &Param{Name: ps.Name, Quantity: ps.Quantity, Value: f.Base, Figure: f.Value}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("scenario %s has no %s", id, strings.Join(missing, ", "))
	}
	return a, nil
}

// Get returns the value of the named input in base units.
func (a *Assumptions) Get(name string) float64 { return a.params[name].Value }

// Param returns the named input.
func (a *Assumptions) Param(name string) *Param { return a.params[name] }

// Params returns the inputs in ScenarioParams order.
func (a *Assumptions) Params() []*Param {
	var out []*Param
	for _, ps := range ScenarioParams {
		out = append(out, a.params[ps.Name])
	}
	return out
}

// Set overrides the named input with text written in the input's flag
// unit (a percentage such as "80%" is accepted for ratios). It rejects
// values no model can use, naming the flag.
func (a *Assumptions) Set(name, text string) error {
	ps, ok := paramSpec(name)
	if !ok {
		return fmt.Errorf("--%s: not an assumption (have %s)", name, paramNames())
	}
	v, err := ParseParam(ps, text)
	if err != nil {
		return err
	}
	a.params[name] = &Param{Name: name, Quantity: ps.Quantity, Value: v, Override: text}
	return nil
}

// Clone returns a copy whose overrides do not touch a.
func (a *Assumptions) Clone() *Assumptions {
	c := &Assumptions{Scenario: a.Scenario, params: make(map[string]*Param, len(a.params))}
	for k, v := range a.params {
		p := *v
		c.params[k] = &p
	}
	return c
}

// ParseParam parses a flag value for ps into base units and checks it.
func ParseParam(ps ParamSpec, text string) (float64, error) {
	unit := ps.Unit
	num := text
	if strings.HasSuffix(text, "%") && unit == "ratio" {
		num, unit = strings.TrimSuffix(text, "%"), "%"
	}
	v, err := units.Parse(num, unit)
	if err != nil {
		return 0, fmt.Errorf("--%s %s: %v (write a number in %s)", ps.Name, text, err, ps.Unit)
	}
	switch {
	case v.Base < 0:
		return 0, fmt.Errorf("--%s %s: must not be negative", ps.Name, text)
	case v.Base == 0 && (ps.Quantity == QUsefulLife || ps.Quantity == QFacilityLife || ps.Quantity == QPUE || ps.Quantity == QUtilization || ps.Quantity == QElectricity):
		return 0, fmt.Errorf("--%s %s: must be above zero", ps.Name, text)
	}
	if msg := checkAssumption(ps.Quantity, v.Base); msg != "" {
		return 0, fmt.Errorf("--%s %s: %s", ps.Name, text, msg)
	}
	return v.Base, nil
}

func paramSpec(name string) (ParamSpec, bool) {
	for _, ps := range ScenarioParams {
		if ps.Name == name {
			return ps, true
		}
	}
	return ParamSpec{}, false
}

func paramNames() string {
	var names []string
	for _, ps := range ScenarioParams {
		names = append(names, ps.Name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// NewAssumptions builds assumptions from flag texts, one for every name in
// ScenarioParams, for programs and tests that do not read a scenario sheet.
func NewAssumptions(name string, values map[string]string) (*Assumptions, error) {
	a := &Assumptions{Scenario: name, params: make(map[string]*Param)}
	for _, ps := range ScenarioParams {
		text, ok := values[ps.Name]
		if !ok {
			return nil, fmt.Errorf("assumptions %s: no %s", name, ps.Name)
		}
		if err := a.Set(ps.Name, text); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Bounds returns the low and high ends of p's range: the scenario
// figure's, or the value twice when the figure gives none or a flag
// overrode it (a flag states one number).
func (p *Param) Bounds() (lo, hi float64) {
	if p.Figure != nil && p.Figure.HasRange && p.Figure.Low > 0 && p.Figure.High >= p.Figure.Low {
		return p.Figure.Low, p.Figure.High
	}
	return p.Value, p.Value
}

// Weakest returns the weakest status of the named inputs, or of every
// input when no name is given, so that a figure computed from them is
// marked no stronger than they are.
// A name the scenario does not have counts for nothing.
func (a *Assumptions) Weakest(names ...string) specs.Status {
	ps := a.Params()
	if len(names) > 0 {
		ps = make([]*Param, 0, len(names))
		for _, n := range names {
			if p := a.params[n]; p != nil {
				ps = append(ps, p)
			}
		}
	}
	s := specs.Measured
	for _, p := range ps {
		s = specs.Weakest(s, p.Status())
	}
	return s
}

// Corners returns a copy of a for each combination of the low and high
// ends of the inputs that carry a range (just a when none does). A model
// monotone in each input takes its least and greatest values at one of
// these corners, so they bound it.
func (a *Assumptions) Corners() []*Assumptions {
	out := []*Assumptions{a}
	for _, p := range a.Params() {
		lo, hi := p.Bounds()
		if lo == hi {
			continue
		}
		next := make([]*Assumptions, 0, 2*len(out))
		for _, c := range out {
			for _, v := range []float64{lo, hi} {
				d := c.Clone()
				d.params[p.Name].Value = v
				next = append(next, d)
			}
		}
		out = next
	}
	return out
}
