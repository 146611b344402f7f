package workload

import (
	"fmt"
	"math"
	"sort"

	"github.com/hwcmp/hwcmp/specs"
)

// A Range is a value with the low and high the inputs' ranges imply.
type Range struct{ Value, Low, High float64 }

// Efficiency is the fraction of a peak figure the model assumes a serving
// stack reaches, per regime: not per chip, so that no chip is tuned to a
// result. Each carries its range; see DefaultEfficiency for the defaults
// and docs/TOKENS.md for why.
type Efficiency struct {
	// Compute is the fraction of peak dense FLOP/s reached by large matrix
	// multiplies (prefill, big-batch decode).
	Compute Range
	// Memory is the fraction of peak memory bandwidth reached streaming
	// weights and KV cache (small-batch decode).
	Memory Range
	// Link is the fraction of scale-up bandwidth an all-reduce reaches.
	Link Range
	// LinkLatency is the fixed cost of one all-reduce, in seconds; its Low
	// is the value at the low bound of the results (the longer latency).
	LinkLatency Range
	// MemoryUsable is the fraction of memory capacity left for weights and
	// KV cache after the runtime, activations and fragmentation.
	MemoryUsable float64
	// Label says where the values come from: "defaults" or a calibration.
	Label string
}

// DefaultEfficiency returns the model tier's efficiencies. They are
// assumptions, stated in docs/TOKENS.md with their reasoning, and carried
// with their ranges into every result.
func DefaultEfficiency() Efficiency {
	return Efficiency{
		Compute:      Range{0.5, 0.35, 0.65},
		Memory:       Range{0.75, 0.6, 0.85},
		Link:         Range{0.7, 0.5, 0.85},
		LinkLatency:  Range{8e-6, 15e-6, 4e-6},
		MemoryUsable: 0.9,
		Label:        "defaults",
	}
}

// A Scenario is the serving workload: the precision, request shape and
// latency limit.
type Scenario struct {
	// Precision is the format weights are stored and multiplied in.
	Precision specs.Precision
	// InputTokens and OutputTokens are the mean prompt and completion
	// lengths of a request.
	InputTokens, OutputTokens float64
	// Shape is how the request lengths spread about those means; the
	// zero Shape means every request has the mean lengths.
	Shape Shape
	// TPOT is the per-output-token latency limit in seconds (0: none).
	TPOT float64
	// KVBytes is the size of one cached value; 0 means the weight
	// precision's size, at least one byte (FP8 KV cache).
	KVBytes float64
	// Batches is how many batch sizes the sweep tries (64 by default).
	Batches int
	// MaxChips caps the chips of one model instance; 0 means the
	// scale-up domain.
	MaxChips int
	// NoPrefill leaves prefill out, for a measured result whose input
	// length is not known; the result says so.
	NoPrefill bool
}

// DefaultScenario is 1,024 tokens in, 1,024 out, under a 40 ms TPOT: the
// per-token limit MLPerf Inference sets for its interactive Llama 2 70B
// scenario.
func DefaultScenario() Scenario {
	return Scenario{Precision: specs.FP8, InputTokens: 1024, OutputTokens: 1024, TPOT: 0.040, Batches: 64}
}

// decodeContext returns the context the mean decoding token attends to:
// the token-weighted prompt plus how far into its completion the mean
// generated token is (see Shape).
func (s Scenario) decodeContext() float64 {
	in := s.InputTokens
	if s.Shape.InputWeighted > 0 {
		in = s.Shape.InputWeighted
	}
	return in + s.OutputTokens*max(s.Shape.OutputSpread, 1)/2
}

// A Point is one configuration of the sweep.
type Point struct {
	Chips int     // chips one model instance spans
	Batch int     // sequences decoded together
	Step  float64 // seconds per decode step, prefill share included
	// PerChip is output tokens per second per chip; PerUser is output
	// tokens per second each sequence sees (1 / TPOT).
	PerChip, PerUser float64
	// Bound says what limits the decode step: "compute", "memory".
	Bound string
	// Comm is the all-reduce share of the step time.
	Comm float64
}

// A Curve is the result of one sweep at one bound of the inputs.
type Curve struct {
	// Frontier is the throughput-versus-interactivity frontier: points
	// from most interactive to highest throughput per chip, none
	// dominated by another.
	Frontier []Point
	// MinChips is the fewest chips that hold the weights and one
	// sequence's KV cache.
	MinChips int
	// Offline is the point of highest throughput per chip; AtTPOT the
	// highest under the scenario's TPOT (OK false when none meets it).
	Offline Point
	AtTPOT  Point
	TPOTOK  bool
}

// A Result is a sweep at the mid, low and high bounds of the inputs.
type Result struct {
	Model    *Model
	Hardware *Hardware
	Scenario Scenario
	Eff      Efficiency
	Mid      Curve
	Low      Curve
	High     Curve
	// Missing says why the chip cannot serve the model; empty when it can.
	Missing string
}

// OK reports whether r has values.
func (r *Result) OK() bool { return r.Missing == "" }

// Offline returns the offline maximum tokens per second per chip.
func (r *Result) Offline() Range {
	return Range{r.Mid.Offline.PerChip, r.Low.Offline.PerChip, r.High.Offline.PerChip}
}

// AtTPOT returns tokens per second per chip at the best point under the
// TPOT limit, and false when the mid curve never meets it. A bound that
// misses the limit while the mid meets it gives zero: at that bound the
// chip cannot serve the limit at all.
func (r *Result) AtTPOT() (Range, bool) {
	if !r.Mid.TPOTOK {
		return Range{}, false
	}
	v := Range{Value: r.Mid.AtTPOT.PerChip, High: r.High.AtTPOT.PerChip}
	if r.Low.TPOTOK {
		v.Low = r.Low.AtTPOT.PerChip
	}
	if !r.High.TPOTOK {
		v.High = v.Value
	}
	return v, true
}

// Tokens returns the headline tokens per second per chip: at the TPOT
// limit when the scenario has one, else the offline maximum. It says why
// when there is none.
func (r *Result) Tokens() (Range, string) {
	if !r.OK() {
		return Range{}, r.Missing
	}
	if r.Scenario.TPOT <= 0 {
		return r.Offline(), ""
	}
	v, ok := r.AtTPOT()
	if !ok {
		return Range{}, fmt.Sprintf("no configuration reaches %.0f ms per token (fastest: %.0f ms)",
			r.Scenario.TPOT*1e3, 1e3/r.Mid.Frontier[0].PerUser)
	}
	return v, ""
}

type bound int

const (
	mid bound = iota
	low
	high
)

func (f Figure) at(b bound) float64 {
	switch b {
	case low:
		return f.Low
	case high:
		return f.High
	}
	return f.Value
}

func (r Range) at(b bound) float64 {
	switch b {
	case low:
		return r.Low
	case high:
		return r.High
	}
	return r.Value
}

// Sweep runs the performance model of m on h: the batch sweep at each
// number of chips from the fewest that fit up to the scale-up domain, at
// the mid, low and high bounds of the hardware figures and efficiencies.
func Sweep(m *Model, h *Hardware, s Scenario, eff Efficiency) *Result {
	r := &Result{Model: m, Hardware: h, Scenario: s, Eff: eff}
	if s.Batches <= 0 {
		s.Batches = 64
		r.Scenario.Batches = 64
	}
	var ok bool
	if r.Mid, ok = sweep(m, h, s, eff, mid); !ok {
		r.Missing = notFit(m, h, s, eff)
		return r
	}
	r.Low, _ = sweep(m, h, s, eff, low)
	r.High, _ = sweep(m, h, s, eff, high)
	return r
}

// notFit says why m does not fit on h.
func notFit(m *Model, h *Hardware, s Scenario, eff Efficiency) string {
	w := m.Params * BytesPerValue(h.Precision)
	cap := float64(maxChips(h, s)) * h.Capacity.Value * eff.MemoryUsable
	return fmt.Sprintf("does not fit: %.0f GB of %s weights + KV cache > %.0f GB usable on %d chip(s)",
		w/1e9, h.Precision, cap/1e9, maxChips(h, s))
}

func maxChips(h *Hardware, s Scenario) int {
	n := h.Domain
	if s.MaxChips > 0 && s.MaxChips < n {
		n = s.MaxChips
	}
	if n < 1 {
		n = 1
	}
	return n
}

// chipCounts returns the tensor-parallel sizes to try: powers of two up
// to the cap (and the cap itself when it is not one), at most 64.
func chipCounts(limit int) []int {
	var out []int
	for n := 1; n <= limit && n <= 64; n *= 2 {
		out = append(out, n)
	}
	if limit <= 64 && out[len(out)-1] != limit {
		out = append(out, limit)
	}
	return out
}

// batchSizes returns up to n distinct batch sizes from 1 to max, spaced
// geometrically.
func batchSizes(max, n int) []int {
	if max <= 1 || n <= 1 {
		return []int{1}
	}
	out := make([]int, 0, n)
	ratio := math.Pow(float64(max), 1/float64(n-1))
	last := 0
	for i := 0; i < n; i++ {
		b := int(math.Round(math.Pow(ratio, float64(i))))
		if i == n-1 {
			b = max
		}
		if b > last {
			out = append(out, b)
			last = b
		}
	}
	return out
}

// stepCost is the model of one decode step and one prefill at a bound.
type stepCost struct {
	m             *Model
	chips         float64
	peak, bw      float64
	attnPeak      float64
	link, latency float64
	wBytes, kvB   float64
	perExpert     float64
	shared        float64
	actBytes      float64
	// kvSeq and attn are one sequence's KV cache bytes and attention
	// FLOPs per token at the mean decode context: the same for every
	// batch, so computed once per sweep.
	kvSeq, attn float64
}

func (c *stepCost) comm(tokens float64) float64 {
	if c.chips <= 1 {
		return 0
	}
	// Two all-reduces a layer (after attention and after the MLP), each of
	// tokens × hidden activations in 16 bits, ring algorithm.
	bytes := tokens * float64(c.m.Hidden) * c.actBytes
	per := 2*(c.chips-1)/c.chips*bytes/c.link + c.latency
	return 2 * float64(c.m.Layers) * per
}

// decode returns the step time of batch sequences at the mean context
// and what bounds it. The step's operations run one after another, each
// bound by its own roofline (the larger of its compute and its memory
// time): the weight multiplies (shared weights and the experts the batch
// touches), then attention over each sequence's KV cache. A compute-bound
// multiply does not hide a memory-bound attention that follows it, so the
// step is the sum of the two, not the larger of the totals.
func (c *stepCost) decode(batch float64) (t float64, bound string, comm float64) {
	m := c.m
	weights := c.shared
	if m.MoE() {
		touched := float64(m.Experts) * (1 - math.Pow(1-float64(m.ActiveExperts)/float64(m.Experts), batch))
		weights += touched * c.perExpert
	}
	var computeTime, memoryTime float64
	for _, op := range [...][2]float64{
		{batch * 2 * m.ActiveParams / c.peak, weights * c.wBytes / c.bw}, // weight multiplies
		{batch * c.attn / c.attnPeak, batch * c.kvSeq / c.bw},            // attention over the KV cache
	} {
		if op[0] >= op[1] {
			computeTime += op[0]
		} else {
			memoryTime += op[1]
		}
	}
	comm = c.comm(batch)
	t = (computeTime+memoryTime)/c.chips + comm
	if computeTime >= memoryTime {
		return t, "compute", comm
	}
	return t, "memory", comm
}

// prefill returns the mean time to prefill a prompt of in tokens on
// average, whose lengths have E[in²] ÷ E[in]² = spread (0: all equal).
func (c *stepCost) prefill(in, spread float64) float64 {
	m := c.m
	// Causal attention over a prompt: the mean token sees half of it, and
	// over the mix the quadratic term averages E[in²], not E[in]².
	return in*(2*m.ActiveParams/c.peak+m.AttentionFLOPs(in*max(spread, 1)/2)/c.attnPeak)/c.chips + c.comm(in)
}

func sweep(m *Model, h *Hardware, s Scenario, eff Efficiency, b bound) (Curve, bool) {
	var cv Curve
	wBytes := BytesPerValue(h.Precision)
	kvB := s.KVBytes
	if kvB == 0 {
		kvB = max(wBytes, 1)
	}
	perExpert, shared := m.ExpertParams()
	ctxMean := s.decodeContext()
	// Each batch slot reserves the larger of a mean request's final
	// context and the context the mean decoding token sees.
	kvSeq := m.KVBytes(max(s.InputTokens+s.OutputTokens, ctxMean), kvB)
	weights := m.Params * wBytes
	var points []Point
	for _, n := range chipCounts(maxChips(h, s)) {
		if n > 1 && h.LinkBandwidth.Value == 0 {
			break
		}
		usable := float64(n) * h.Capacity.at(b) * eff.MemoryUsable
		maxBatch := int((usable - weights) / kvSeq)
		if maxBatch < 1 {
			continue
		}
		if cv.MinChips == 0 {
			cv.MinChips = n
		}
		c := &stepCost{m: m, chips: float64(n), peak: h.Peak.at(b) * eff.Compute.at(b), bw: h.Bandwidth.at(b) * eff.Memory.at(b),
			attnPeak: h.AttentionPeak.at(b) * eff.Compute.at(b),
			link:     h.LinkBandwidth.at(b) / 2 * eff.Link.at(b), latency: eff.LinkLatency.at(b),
			wBytes: wBytes, kvB: kvB, perExpert: perExpert, shared: shared, actBytes: 2,
			kvSeq: m.KVBytes(ctxMean, kvB), attn: m.AttentionFLOPs(ctxMean)}
		pre := 0.0
		if !s.NoPrefill {
			pre = c.prefill(s.InputTokens, s.Shape.InputSpread)
		}
		for _, batch := range batchSizes(min(maxBatch, 1<<16), s.Batches) {
			bf := float64(batch)
			step, bd, comm := c.decode(bf)
			// Each sequence is prefilled once per OutputTokens steps: spread
			// over the steps, prefill lengthens every one of them.
			perStep := step + bf*pre/s.OutputTokens
			p := Point{Chips: n, Batch: batch, Step: perStep, PerUser: 1 / perStep,
				PerChip: bf / perStep / float64(n), Bound: bd, Comm: comm}
			if finite(p.PerChip) && finite(p.PerUser) && p.PerChip > 0 {
				points = append(points, p)
			}
		}
	}
	if len(points) == 0 {
		return cv, false
	}
	cv.Frontier = frontier(points)
	for _, p := range points {
		if p.PerChip > cv.Offline.PerChip {
			cv.Offline = p
		}
		if s.TPOT > 0 && p.Step <= s.TPOT*(1+1e-12) && p.PerChip > cv.AtTPOT.PerChip {
			cv.AtTPOT, cv.TPOTOK = p, true
		}
	}
	return cv, true
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// frontier returns the points no other point beats on both tokens per
// second per user and per chip, most interactive first.
func frontier(ps []Point) []Point {
	sorted := append([]Point(nil), ps...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].PerUser != sorted[j].PerUser {
			return sorted[i].PerUser > sorted[j].PerUser
		}
		return sorted[i].PerChip > sorted[j].PerChip
	})
	var out []Point
	best := -1.0
	for _, p := range sorted {
		if p.PerChip > best {
			out = append(out, p)
			best = p.PerChip
		}
	}
	return out
}
