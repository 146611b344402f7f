package compare

import (
	"errors"
	"fmt"

	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/hwcmp/hwcmp/workload"
)

// tokensInput is the output tokens per second one chip serves a model at,
// from package workload's performance model (or a measured result).
var tokensInput = Input{Name: "tokens per second", Kind: TokenInput}

// The token metrics' displays: tokens per second per chip, per dollar (a
// token rate over a dollar rate, ×3,600 s/h), per joule, and dollars per
// million tokens (a dollar rate over a token rate, ×10⁶/3,600).
var (
	tokenRateDisplay   = units.Display{Symbol: "tok/s", PerBase: 1, Class: units.Decimal}
	tokensPerUSD       = units.Display{Symbol: "tok/USD", PerBase: 3600, Class: units.Decimal}
	tokensPerJoule     = units.Display{Symbol: "tok/J", PerBase: 1, Class: units.Plain}
	usdPerMillionToken = units.Display{Symbol: "USD/Mtok", PerBase: 1e6 / 3600, Class: units.Plain}
)

// TokenMetrics returns the metrics that read the tokens-per-second model;
// they need a TokenSetup on the engine (--model).
func TokenMetrics() []*Metric {
	pw := spec(specs.QPower)
	tok := tokensInput
	return []*Metric{
		{Name: "tokens-per-second", Doc: "output tokens per second a chip serves --model at (hwcmp tokens; best point under --tpot)",
			Num: tok, Display: tokenRateDisplay, Unit: "tok/s", Higher: true},
		{Name: "tokens-per-dollar", Doc: "output tokens per dollar of cloud price, serving --model",
			Num: tok, Den: &cloudPrice, Display: tokensPerUSD, Unit: "tok/s/USD/h", Higher: true},
		{Name: "tokens-per-tco-dollar", Doc: "output tokens per dollar of total cost of ownership, serving --model",
			Num: tok, Den: &tco, Display: tokensPerUSD, Unit: "tok/s/USD/h", Higher: true},
		{Name: "tokens-per-joule", Doc: "output tokens per joule of rated chip power, serving --model",
			Num: tok, Den: &pw, Display: tokensPerJoule, Unit: "tok/J", Higher: true},
		{Name: "dollars-per-million-tokens", Doc: "cloud price of a million output tokens of --model",
			Num: cloudPrice, Den: &tok, Display: usdPerMillionToken, Unit: "USD/h/tok/s", Higher: false},
		{Name: "tco-dollars-per-million-tokens", Doc: "total cost of ownership of a million output tokens of --model",
			Num: tco, Den: &tok, Display: usdPerMillionToken, Unit: "USD/h/tok/s", Higher: false},
	}
}

// TokenSetup says which model and serving scenario the token metrics
// evaluate, at which tier.
type TokenSetup struct {
	Model    *workload.Model
	Scenario workload.Scenario
	Eff      workload.Efficiency
	Tier     workload.Tier
	// Measured are the measured results the measured tier reads.
	Measured []*workload.Measured
	cache    map[string]*workload.Estimate
}

// TokenData is the model catalog and the measured results token setups
// are built from. An engine carries it so that a caller choosing its own
// model (a claim that names one) can build a setup without the CLI.
type TokenData struct {
	Models   *workload.Models
	Measured []*workload.Measured
}

// ReadsTokens reports whether m reads the token model: it needs a model
// (--model, or a claim's model column) to be evaluated.
func (m *Metric) ReadsTokens() bool {
	for _, in := range m.Inputs() {
		if in.Kind == TokenInput {
			return true
		}
	}
	return false
}

// ErrContext is NewTokenSetup's error when the scenario's prompt and
// completion do not fit the model's context: the caller's input is wrong.
var ErrContext = errors.New("exceeds the context")

// NewTokenSetup returns the setup that serves m under s at tier, with the
// default efficiencies, or those fitted on d's measured results for the
// calibrated tier. The CLI's --model flags and claims naming a model both
// build their setups here, so they agree.
func NewTokenSetup(cat *specs.Catalog, d *TokenData, m *workload.Model, s workload.Scenario, tier workload.Tier) (*TokenSetup, error) {
	if d == nil || d.Models == nil {
		return nil, fmt.Errorf("no model catalog loaded")
	}
	if ctx := s.InputTokens + s.OutputTokens; ctx > float64(m.Context) {
		return nil, fmt.Errorf("input + output tokens = %s %w of %s: %d tokens", units.FormatNumber(ctx), ErrContext, m.ID, m.Context)
	}
	eff := workload.DefaultEfficiency()
	if tier == workload.CalibratedTier {
		cal, err := workload.Calibrate(cat, d.Models, d.Measured, eff)
		if err != nil {
			return nil, fmt.Errorf("tier calibrated: %w", err)
		}
		eff = cal.Eff
	}
	return &TokenSetup{Model: m, Scenario: s, Eff: eff, Tier: tier, Measured: d.Measured}, nil
}

// Estimate returns the token estimate of chip under s, computed once.
func (s *TokenSetup) Estimate(cat *specs.Catalog, chip string) *workload.Estimate {
	if s.cache == nil {
		s.cache = make(map[string]*workload.Estimate)
	}
	if est, ok := s.cache[chip]; ok {
		return est
	}
	est := workload.EstimateChip(cat, chip, s.Model, s.Scenario, s.Eff, s.Tier, s.Measured)
	s.cache[chip] = est
	return est
}

func (e *Engine) tokensInputTerm(in Input, subject string, o Options) (term, string) {
	if e.Tokens == nil || e.Tokens.Model == nil {
		return term{}, in.Name + " (give --model)"
	}
	chip, times := subject, 1.0
	if o.Basis == PerSystem {
		sys, ok := e.Catalog.System(subject)
		if !ok || sys.Chips == 0 {
			return term{}, in.Name + " (a system needs a chip count)"
		}
		chip, times = sys.Chip, float64(sys.Chips)
	} else if _, ok := e.Catalog.Chip(subject); !ok {
		return term{}, notAChip(subject)
	}
	est := e.Tokens.Estimate(e.Catalog, chip)
	if est.Missing != "" {
		return term{}, fmt.Sprintf("%s of %s: %s", in.Name, e.Tokens.Model.ID, est.Missing)
	}
	if o.Basis == PerSystem && est.Chips > int(times) {
		return term{}, fmt.Sprintf("%s: %s needs %d chips, %s has %d", in.Name, e.Tokens.Model.ID, est.Chips, subject, int(times))
	}
	v := est.PerChip
	ev := Evidence{Input: in.Name, Subject: chip, What: fmt.Sprintf("%s output tokens/s per chip (%s tier)", e.Tokens.Model.ID, est.Tier),
		Value: v.Value, Unit: "tok/s", Shown: fmt.Sprintf("%.0f tok/s", v.Value), Status: est.Status,
		Source: est.Source, AsOf: est.AsOf, Times: times, Note: est.Note}
	t := term{value: v.Value * times, rng: Interval{v.Low, v.High}.Scale(times), status: est.Status, evidence: []Evidence{ev}}
	// A chip with no figure at the precision asked computes at the nearest
	// wider one, and the result says so as every other fallback does.
	if h := est.Hardware; h != nil && h.ComputePrecision != "" && h.ComputePrecision != e.Tokens.Scenario.Precision {
		t.fallback = h.ComputePrecision
	}
	return t, ""
}
