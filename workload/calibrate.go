package workload

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/hwcmp/hwcmp/specs"
)

// A Validation is the model's prediction for one measured result.
type Validation struct {
	Measured  *Measured
	Predicted float64 // output tokens per second per chip; 0 when Missing
	// Error is predicted ÷ measured − 1.
	Error float64
	// LeaveOneOut is the calibrated tier's prediction with efficiencies
	// fitted on every other result, and its error; zero when not fitted.
	LeaveOneOut, LeaveOneOutError float64
	Missing                       string
}

// MeasuredScenario returns the scenario a measured result ran: its
// precision, its mean output length (tokens ÷ samples), its chips, its
// latency, and its mean input length and length shape (its row's, else its
// benchmark dataset's: ApplyDatasets). MLPerf results do not state the
// mean input length: without one prefill and the prompt's KV cache are
// left out, and the prediction is an upper bound on that account.
//
// The latency is the run's own mean time per output token where its log
// gives it, else its TPOT limit; none for Offline. The model's step time
// is a mean, while MLPerf's limit holds the 99th percentile, which puts
// a run's mean well under it (0.2–0.9 of it in the embedded results):
// compared at the limit, the model would be granted interactivity the
// run did not have. Comparing at the run's mean sets model and measurement
// on the same point of the throughput-versus-interactivity curve.
func MeasuredScenario(r *Measured) Scenario {
	s := Scenario{Precision: r.Precision, OutputTokens: r.OutputTokens(), InputTokens: r.InputTokens, Shape: r.Shape, Batches: 64,
		MaxChips: r.Accelerators, NoPrefill: r.InputTokens <= 0}
	if s.OutputTokens <= 0 {
		s.OutputTokens = 1
	}
	if r.Scenario != "Offline" {
		s.TPOT = r.TPOTLimit
		if r.MeanTPOT > 0 {
			s.TPOT = r.MeanTPOT
		}
	}
	return s
}

// predict returns the model's tokens per second per chip for r with eff.
func predict(cat *specs.Catalog, models *Models, r *Measured, eff Efficiency) (float64, string) {
	return predictWith(cat, models, r, eff, 64)
}

// predictWith is predict with a sweep of batches batch sizes.
func predictWith(cat *specs.Catalog, models *Models, r *Measured, eff Efficiency, batches int) (float64, string) {
	m, ok := models.Get(r.Model)
	if !ok {
		return 0, "unknown model " + r.Model
	}
	h, missing := ChipHardware(cat, r.Chip, r.Precision)
	if missing != "" {
		return 0, missing
	}
	s := MeasuredScenario(r)
	s.Batches = batches
	cv, ok := sweep(m, h, s, eff, mid)
	if !ok {
		return 0, notFit(m, h, s, eff)
	}
	if s.TPOT > 0 {
		if !cv.TPOTOK {
			return 0, fmt.Sprintf("no configuration reaches the run's %.0f ms per token", s.TPOT*1e3)
		}
		return cv.AtTPOT.PerChip, ""
	}
	return cv.Offline.PerChip, ""
}

// Validate predicts every measured result with eff.
func Validate(cat *specs.Catalog, models *Models, measured []*Measured, eff Efficiency) []Validation {
	out := make([]Validation, len(measured))
	for i, r := range measured {
		v := Validation{Measured: r}
		v.Predicted, v.Missing = predict(cat, models, r, eff)
		if v.Missing == "" {
			v.Error = v.Predicted/r.PerChip() - 1
		}
		out[i] = v
	}
	return out
}

// A Calibration is the compute and memory efficiencies that best fit the
// measured results, with the leave-one-out error of each result.
type Calibration struct {
	Eff         Efficiency
	Validations []Validation // with LeaveOneOut filled in
	// MedianAbsError is the median |leave-one-out error| over the results.
	MedianAbsError float64
	Used           int // results the fit used
}

// The calibration grid: compute and memory efficiency from 0.1 to 1 in
// steps of 0.05, each prediction a sweep of calibrationBatches batch
// sizes.
const (
	gridLow            = 0.10
	gridStep           = 0.05
	gridN              = 19
	calibrationBatches = 32
)

// Calibrate fits the compute and memory efficiencies (the others stay as
// in base) to the measured results by least squares on log(predicted ÷
// measured) over a grid, then refits without each result in turn to
// predict it: the leave-one-out error says how well the calibrated tier
// predicts a result it has not seen. It uses only results with a known
// mean input length (a fit without prefill would fold prefill into the
// efficiencies and count it twice in every scenario that has it), and
// needs at least three of them that the model can predict.
func Calibrate(cat *specs.Catalog, models *Models, measured []*Measured, base Efficiency) (*Calibration, error) {
	type combo struct{ c, m float64 }
	var combos []combo
	for i := 0; i < gridN; i++ {
		for j := 0; j < gridN; j++ {
			combos = append(combos, combo{gridLow + gridStep*float64(i), gridLow + gridStep*float64(j)})
		}
	}
	eff := func(c combo) Efficiency {
		e := base
		e.Compute, e.Memory = Range{c.c, c.c, c.c}, Range{c.m, c.m, c.m}
		return e
	}
	// logErr[k][i] is log(predicted ÷ measured) of result i at combo k.
	var usable []int
	withInput := 0
	for i, r := range measured {
		if r.InputTokens <= 0 {
			continue
		}
		withInput++
		if _, missing := predict(cat, models, r, base); missing == "" {
			usable = append(usable, i)
		}
	}
	if len(usable) < 3 {
		return nil, fmt.Errorf("calibration needs at least 3 measured results with a known mean input length (input_tokens) that the model can predict; "+
			"%d of %d results have an input length (MLCommons does not publish it with the results), %d of them predictable", withInput, len(measured), len(usable))
	}
	logErr := make([][]float64, len(combos))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				row := make([]float64, len(measured))
				e := eff(combos[k])
				for _, i := range usable {
					p, missing := predictWith(cat, models, measured[i], e, calibrationBatches)
					if missing != "" || p <= 0 {
						row[i] = math.Inf(1)
						continue
					}
					row[i] = math.Log(p / measured[i].PerChip())
				}
				logErr[k] = row
			}
		}()
	}
	for k := range combos {
		next <- k
	}
	close(next)
	wg.Wait()
	fit := func(skip int) int {
		best, bestCost := -1, math.Inf(1)
		for k := range combos {
			cost := 0.0
			for _, i := range usable {
				if i != skip {
					cost += logErr[k][i] * logErr[k][i]
				}
			}
			if cost < bestCost {
				best, bestCost = k, cost
			}
		}
		return best
	}
	all := combos[fit(-1)]
	cal := &Calibration{Eff: eff(all), Used: len(usable)}
	cal.Validations = Validate(cat, models, measured, cal.Eff)
	lo, hi := combo{all.c, all.m}, combo{all.c, all.m}
	var absErrs []float64
	for _, i := range usable {
		k := fit(i)
		c := combos[k]
		lo.c, lo.m, hi.c, hi.m = min(lo.c, c.c), min(lo.m, c.m), max(hi.c, c.c), max(hi.m, c.m)
		v := &cal.Validations[i]
		if math.IsInf(logErr[k][i], 0) {
			v.Missing = "the fit without it cannot predict it"
			continue
		}
		v.LeaveOneOut = measured[i].PerChip() * math.Exp(logErr[k][i])
		v.LeaveOneOutError = v.LeaveOneOut/measured[i].PerChip() - 1
		absErrs = append(absErrs, math.Abs(v.LeaveOneOutError))
	}
	sort.Float64s(absErrs)
	cal.MedianAbsError = absErrs[len(absErrs)/2]
	cal.Eff.Compute = Range{all.c, lo.c, hi.c}
	cal.Eff.Memory = Range{all.m, lo.m, hi.m}
	cal.Eff.Label = fmt.Sprintf("calibrated on %d MLPerf results (compute %.3g, memory %.3g; leave-one-out median |error| %.0f%%)",
		len(usable), all.c, all.m, cal.MedianAbsError*100)
	return cal, nil
}
