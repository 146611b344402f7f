package workload

import (
	"embed"
	"fmt"
	"path"
	"strconv"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

//go:embed data/*.csv
var defaultData embed.FS

// Defaults returns the model catalog and MLPerf results built into hwcmp.
func Defaults() specs.Source { return specs.Embedded(defaultData, "data", "embedded:workload/data") }

// Sheet file patterns of this package.
const (
	ModelSheets  = "models*.csv"
	MLPerfSheets = "mlperf*.csv"
)

// Owns reports whether a file named name is a sheet of this package, so
// that a command can flag files in a --data folder that nothing reads.
func Owns(name string) bool {
	for _, p := range []string{ModelSheets, MLPerfSheets, DatasetSheets, TrainingSheets} {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// ModelRecord is a row of a models sheet as written. Sizes are in billions
// of parameters, as model cards state them; architecture fields use the
// names of the model's configuration.
type ModelRecord struct {
	ID            string `csv:"id"`
	Name          string `csv:"name"`
	Params        string `csv:"params_billion"`
	ActiveParams  string `csv:"active_params_billion"`
	Layers        string `csv:"layers"`
	Hidden        string `csv:"hidden"`
	Heads         string `csv:"heads"`
	KVHeads       string `csv:"kv_heads"`
	HeadDim       string `csv:"head_dim,omitempty"`
	Experts       string `csv:"experts,omitempty"`
	ActiveExperts string `csv:"active_experts,omitempty"`
	KVLoraRank    string `csv:"kv_lora_rank,omitempty"`
	QKRopeHeadDim string `csv:"qk_rope_head_dim,omitempty"`
	SlidingWindow string `csv:"sliding_window,omitempty"`
	SlidingLayers string `csv:"sliding_layers,omitempty"`
	Context       string `csv:"context"`
	Source        string `csv:"source"`
	AsOf          string `csv:"as_of"`
	Note          string `csv:"note,omitempty"`
}

// A Model is one LLM architecture: enough of it to count the bytes and
// FLOPs a token costs.
type Model struct {
	ID, Name string
	// Params and ActiveParams are all parameters and those one token uses
	// (equal for a dense model).
	Params, ActiveParams float64
	Layers, Hidden       int
	Heads, KVHeads       int
	HeadDim              int
	// Experts and ActiveExperts are the routed experts per MoE layer and
	// those each token uses; zero for a dense model.
	Experts, ActiveExperts int
	// KVLoraRank and QKRopeHeadDim describe multi-head latent attention
	// (DeepSeek): the KV cache holds their sum per token per layer.
	KVLoraRank, QKRopeHeadDim int
	// SlidingLayers of the layers attend only to the last SlidingWindow
	// tokens, so their KV cache stops growing there.
	SlidingWindow, SlidingLayers int
	Context                      int
	Source                       string
	AsOf                         specs.Date
	Note                         string
	Pos                          sheet.Pos
}

// MoE reports whether m routes tokens to experts.
func (m *Model) MoE() bool { return m.Experts > 0 }

// MLA reports whether m uses multi-head latent attention.
func (m *Model) MLA() bool { return m.KVLoraRank > 0 }

// ExpertParams returns the parameters of one routed expert summed over the
// layers, and the parameters every token uses (attention, embeddings,
// dense layers, shared experts), solving
// Params = shared + Experts·e and ActiveParams = shared + ActiveExperts·e.
func (m *Model) ExpertParams() (perExpert, shared float64) {
	if !m.MoE() {
		return 0, m.Params
	}
	perExpert = (m.Params - m.ActiveParams) / float64(m.Experts-m.ActiveExperts)
	return perExpert, m.Params - float64(m.Experts)*perExpert
}

// kvValuesPerTokenLayer is how many numbers one layer caches per token.
func (m *Model) kvValuesPerTokenLayer() float64 {
	if m.MLA() {
		return float64(m.KVLoraRank + m.QKRopeHeadDim)
	}
	return 2 * float64(m.KVHeads*m.HeadDim)
}

// KVBytes returns the KV cache of one sequence of context tokens at
// bytesPerValue: sliding-window layers hold at most their window.
func (m *Model) KVBytes(context, bytesPerValue float64) float64 {
	full := float64(m.Layers - m.SlidingLayers)
	tokens := full*context + float64(m.SlidingLayers)*min(context, float64(m.SlidingWindow))
	return tokens * m.kvValuesPerTokenLayer() * bytesPerValue
}

// AttentionFLOPs returns the attention-score and value FLOPs one new token
// costs at a context of context tokens (2 FLOPs a multiply-add; latent
// attention scores against the latent and rope dimensions).
func (m *Model) AttentionFLOPs(context float64) float64 {
	perToken := 4 * float64(m.Heads*m.HeadDim)
	if m.MLA() {
		perToken = 2 * float64(m.Heads) * float64(2*m.KVLoraRank+m.QKRopeHeadDim)
	}
	full := float64(m.Layers - m.SlidingLayers)
	return perToken * (full*context + float64(m.SlidingLayers)*min(context, float64(m.SlidingWindow)))
}

// Models is a loaded model catalog.
type Models struct {
	List []*Model
	byID map[string]*Model
}

// Get returns the model with id.
func (ms *Models) Get(id string) (*Model, bool) {
	m, ok := ms.byID[id]
	return m, ok
}

// IDs returns the model ids in catalog order.
func (ms *Models) IDs() []string {
	out := make([]string, len(ms.List))
	for i, m := range ms.List {
		out[i] = m.ID
	}
	return out
}

// LoadModels reads the models sheets of each source, a later source's row
// replacing an earlier one with the same id, and checks every row. It
// returns what loaded along with every problem.
func LoadModels(srcs ...specs.Source) (*Models, error) {
	ms := &Models{byID: make(map[string]*Model)}
	var errs sheet.Errors
	for _, src := range srcs {
		rows, e := specs.ReadSheets[ModelRecord](src, ModelSheets)
		errs = append(errs, e...)
		seen := make(map[string]sheet.Pos)
		for _, row := range rows {
			m, e := parseModel(row)
			errs = append(errs, e...)
			if len(e) > 0 {
				continue
			}
			if first, dup := seen[m.ID]; dup {
				errs = append(errs, row.Pos.Errorf("id", "duplicate model id %q (first at %s)", m.ID, first))
				continue
			}
			seen[m.ID] = row.Pos
			if old, ok := ms.byID[m.ID]; ok {
				for i, o := range ms.List {
					if o == old {
						ms.List[i] = m
					}
				}
			} else {
				ms.List = append(ms.List, m)
			}
			ms.byID[m.ID] = m
		}
	}
	return ms, errs.Err()
}

func parseModel(row sheet.Row[ModelRecord]) (*Model, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	m := &Model{ID: r.ID, Name: r.Name, Source: r.Source, Note: r.Note, Pos: p}
	if r.ID == "" {
		errs = append(errs, p.Errorf("id", "missing id"))
	}
	if r.Name == "" {
		errs = append(errs, p.Errorf("name", "missing name"))
	}
	billions := func(col, s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		switch {
		case s == "":
			errs = append(errs, p.Errorf(col, "missing %s", col))
		case err != nil || v <= 0 || v > 1e6:
			errs = append(errs, p.Errorf(col, "%s %q: want a positive number of billions", col, s))
		}
		return v * 1e9
	}
	whole := func(col, s string, need bool) int { return positiveWholeField(&errs, p, col, s, need) }
	m.Params = billions("params_billion", r.Params)
	m.ActiveParams = billions("active_params_billion", r.ActiveParams)
	m.Layers = whole("layers", r.Layers, true)
	m.Hidden = whole("hidden", r.Hidden, true)
	m.Heads = whole("heads", r.Heads, true)
	m.KVHeads = whole("kv_heads", r.KVHeads, true)
	m.HeadDim = whole("head_dim", r.HeadDim, false)
	m.Experts = whole("experts", r.Experts, false)
	m.ActiveExperts = whole("active_experts", r.ActiveExperts, m.Experts > 0)
	m.KVLoraRank = whole("kv_lora_rank", r.KVLoraRank, false)
	m.QKRopeHeadDim = whole("qk_rope_head_dim", r.QKRopeHeadDim, m.KVLoraRank > 0)
	m.SlidingWindow = whole("sliding_window", r.SlidingWindow, false)
	m.SlidingLayers = whole("sliding_layers", r.SlidingLayers, m.SlidingWindow > 0)
	m.Context = whole("context", r.Context, true)
	if r.Source == "" {
		errs = append(errs, p.Errorf("source", "missing source: every model needs its configuration's URL or paper"))
	}
	if d, err := specs.ParseDate(r.AsOf); err != nil {
		errs = append(errs, p.Wrap("as_of", err))
	} else {
		m.AsOf = d
	}
	if len(errs) > 0 {
		return m, errs
	}
	if m.HeadDim == 0 && !m.MLA() {
		if m.Hidden%m.Heads != 0 {
			errs = append(errs, p.Errorf("head_dim", "missing head_dim, and hidden %d is not a multiple of heads %d", m.Hidden, m.Heads))
		}
		m.HeadDim = m.Hidden / m.Heads
	}
	if m.MLA() && m.HeadDim == 0 {
		m.HeadDim = m.KVLoraRank // latent attention scores against the latent
	}
	switch {
	case m.ActiveParams > m.Params:
		errs = append(errs, p.Errorf("active_params_billion", "active parameters %s above total %s", r.ActiveParams, r.Params))
	case m.Experts == 0 && m.ActiveParams != m.Params:
		errs = append(errs, p.Errorf("active_params_billion", "a dense model (no experts) uses all its parameters: active must equal params"))
	case m.Experts > 0 && m.ActiveExperts >= m.Experts:
		errs = append(errs, p.Errorf("active_experts", "active experts %d must be fewer than experts %d", m.ActiveExperts, m.Experts))
	case m.KVHeads > m.Heads:
		errs = append(errs, p.Errorf("kv_heads", "kv_heads %d above heads %d", m.KVHeads, m.Heads))
	case m.SlidingLayers > m.Layers:
		errs = append(errs, p.Errorf("sliding_layers", "sliding_layers %d above layers %d", m.SlidingLayers, m.Layers))
	}
	if m.MoE() && len(errs) == 0 {
		if e, shared := m.ExpertParams(); e <= 0 || shared <= 0 {
			errs = append(errs, p.Errorf("active_params_billion", "params and active params imply %s shared parameters: check them", fmt.Sprint(shared)))
		}
	}
	return m, errs
}
