package workload

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/specs"
)

// RoundSummary is the file name of an MLPerf Inference round's summary
// table in its results repository: one JSON object per result, with the
// result's MLCommons ID, accelerator, count, weight data type and score.
const RoundSummary = "summary_results.json"

// roundRow is what hwcmp reads of one summary table row.
type roundRow struct {
	ID           string          `json:"ID"`
	Submitter    string          `json:"Submitter"`
	Availability string          `json:"Availability"`
	Category     string          `json:"Category"`
	Suite        string          `json:"Suite"`
	System       string          `json:"System"`
	Platform     string          `json:"Platform"`
	Model        string          `json:"Model"`
	Scenario     string          `json:"Scenario"`
	Accelerator  string          `json:"Accelerator"`
	Accelerators json.RawMessage `json:"a#"` // per node
	Nodes        json.RawMessage `json:"Nodes"`
	Location     string          `json:"Location"`
	Version      string          `json:"version"`
	WeightTypes  string          `json:"weight_data_types"`
	Result       float64         `json:"Performance_Result"`
	Units        string          `json:"Performance_Units"`
}

// An ImportReport says what an import read, kept and dropped, and why.
type ImportReport struct {
	Read, Kept int
	Dropped    map[string]int // reason -> rows
}

func (r *ImportReport) drop(why string) {
	if r.Dropped == nil {
		r.Dropped = make(map[string]int)
	}
	r.Dropped[why]++
}

// Reasons returns the drop reasons, most rows first.
func (r *ImportReport) Reasons() []string {
	var out []string
	for why, n := range r.Dropped {
		out = append(out, fmt.Sprintf("%d %s", n, why))
	}
	sort.Slice(out, func(i, j int) bool {
		ni, _ := strconv.Atoi(strings.Fields(out[i])[0])
		nj, _ := strconv.Atoi(strings.Fields(out[j])[0])
		return ni > nj || ni == nj && out[i] < out[j]
	})
	return out
}

// A RoundImport says how to read one round's results repository.
type RoundImport struct {
	// Repo is the repository's web address and Commit the commit read, to
	// build each row's source URL.
	Repo, Commit string
	AsOf         specs.Date
	// Chip maps an MLPerf accelerator name to a chip id.
	Chip func(accelerator string) (string, bool)
	// Models maps an MLPerf benchmark name (llama2-70b-99) to a model id.
	Models map[string]string
}

// Import reads the summary table of a results repository checked out in
// fsys, keeps the closed-division, available, datacenter LLM results whose
// accelerator maps to a chip and whose benchmark maps to a model, and
// reads each kept result's mlperf_log_summary.txt for its validity,
// samples per second and latency limits. The tokens per second must agree
// with the table; a result whose log is missing or disagrees is dropped.
func (ri RoundImport) Import(fsys fs.FS) ([]MeasuredRecord, ImportReport, error) {
	var rep ImportReport
	data, err := fs.ReadFile(fsys, RoundSummary)
	if err != nil {
		return nil, rep, fmt.Errorf("MLPerf round: %w", err)
	}
	var rows []roundRow
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, rep, fmt.Errorf("%s: %w", RoundSummary, err)
	}
	var out []MeasuredRecord
	for _, r := range rows {
		rep.Read++
		model, ok := ri.Models[r.Model]
		switch {
		case !strings.EqualFold(r.Category, "closed"):
			rep.drop("not closed division")
			continue
		case r.Availability != "available":
			rep.drop("not available (preview or research)")
			continue
		case r.Units != "Tokens/s":
			rep.drop("not a tokens-per-second result")
			continue
		case !ok:
			rep.drop("benchmark not in the model catalog map")
			continue
		}
		chip, ok := ri.Chip(r.Accelerator)
		if !ok {
			rep.drop("accelerator maps to no chip (or to several)")
			continue
		}
		prec, err := specs.ParsePrecision(strings.ToLower(r.WeightTypes))
		if err != nil {
			rep.drop("weight data type is not one precision")
			continue
		}
		// a# counts accelerators per node; the result covers every node.
		perNode, err := strconv.Atoi(strings.Trim(string(r.Accelerators), `"`))
		nodes, err2 := strconv.Atoi(strings.Trim(string(r.Nodes), `"`))
		if err != nil || err2 != nil || perNode <= 0 || nodes <= 0 {
			rep.drop("no accelerator or node count")
			continue
		}
		n := perNode * nodes
		logPath := path.Join(r.Location, "performance", "run_1", "mlperf_log_summary.txt")
		f, err := fsys.Open(logPath)
		if err != nil {
			rep.drop("no mlperf_log_summary.txt")
			continue
		}
		s, err := ParseSummary(f, logPath)
		f.Close()
		if err != nil {
			rep.drop("unreadable mlperf_log_summary.txt")
			continue
		}
		if !s.Valid {
			rep.drop("log says the result is not VALID")
			continue
		}
		if d := s.TokensPerS/r.Result - 1; d > 1e-4 || d < -1e-4 {
			rep.drop("log and summary table disagree")
			continue
		}
		rec := Record(s, SystemDescription{Name: r.System, Submitter: r.Submitter, Division: "closed", Accelerators: n})
		rec.ResultID, rec.Round, rec.Chip, rec.Model, rec.Benchmark, rec.Precision = r.ID, r.Version, chip, model, r.Model, string(prec)
		// The log of an Interactive run says Server: the table names it.
		rec.Scenario = r.Scenario
		rec.Source = fmt.Sprintf("%s/blob/%s/%s", ri.Repo, ri.Commit, logPath)
		rec.SystemSource = fmt.Sprintf("%s/blob/%s/closed/%s/systems/%s.json", ri.Repo, ri.Commit, r.Submitter, r.Platform)
		rec.AsOf = ri.AsOf.String()
		rec.Note = fmt.Sprintf("%s (%s); %s row %s: %s, %d node(s) × %d, weight_data_types %s", r.Platform, r.Accelerator, RoundSummary, r.ID, r.Location, nodes, perNode, r.WeightTypes)
		out = append(out, rec)
	}
	rep.Kept = len(out)
	return out, rep, nil
}

// Best keeps, for each chip, model, scenario and precision, the result
// with the most tokens per second per accelerator: the best-tuned
// submission, the one a chip's capability is judged by.
func Best(recs []MeasuredRecord) []MeasuredRecord {
	perChip := func(r MeasuredRecord) float64 {
		t, _ := strconv.ParseFloat(r.TokensPerS, 64)
		n, _ := strconv.Atoi(r.Accelerators)
		if n == 0 {
			return 0
		}
		return t / float64(n)
	}
	best := map[string]int{}
	var keys []string
	for i, r := range recs {
		k := strings.Join([]string{r.Chip, r.Model, r.Scenario, r.Precision}, "|")
		j, ok := best[k]
		if !ok {
			keys = append(keys, k)
			best[k] = i
			continue
		}
		if perChip(r) > perChip(recs[j]) {
			best[k] = i
		}
	}
	sort.Strings(keys)
	out := make([]MeasuredRecord, 0, len(keys))
	for _, k := range keys {
		out = append(out, recs[best[k]])
	}
	return out
}
