// Package bench holds measured benchmark results and aggregates them the
// way a fair comparison must: the geometric mean of per-test ratios to a
// baseline, over the tests every compared system completed, with
// lower-is-better tests inverted and raw scores in different units never
// averaged.
//
// Results come from benchmark sheets (benchmarks*.csv) or are imported from
// published formats: the Phoronix Test Suite / OpenBenchmarking result file
// (composite.xml, see ParsePTS) and the MLPerf inference summary CSV (see
// ParseMLPerf).
package bench

import (
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// Sheets is the file pattern of benchmark sheets.
const Sheets = "benchmarks*.csv"

// Owns reports whether a file named name is a benchmark sheet.
func Owns(name string) bool {
	ok, _ := path.Match(Sheets, name)
	return ok
}

// Record is a row of a benchmark sheet as written.
type Record struct {
	System    string `csv:"system"`
	Suite     string `csv:"suite"`
	Test      string `csv:"test"`
	Config    string `csv:"configuration,omitempty"`
	Score     string `csv:"score"`
	Unit      string `csv:"unit"`
	Direction string `csv:"direction"`
	Runs      string `csv:"runs,omitempty"`
	Chips     string `csv:"chips,omitempty"`
	Source    string `csv:"source"`
	ResultID  string `csv:"result_id,omitempty"`
	AsOf      string `csv:"as_of"`
	Note      string `csv:"note,omitempty"`
}

// A Result is one measured score of one system on one test.
type Result struct {
	System   string // a system or chip id
	Suite    string // e.g. "pts" or "mlperf-inference-v5.1"
	Test     string // e.g. "pts/john-the-ripper-1.8.0"
	Config   string // arguments or scenario, e.g. "Test: Blowfish"
	Score    float64
	Unit     string // as the publisher writes it; never converted
	Higher   bool   // higher is better
	Runs     int    // runs behind the score, 0 if unknown
	Chips    int    // accelerators the score covers, 0 if not stated
	Source   string
	ResultID string
	AsOf     specs.Date
	Note     string
	Pos      sheet.Pos
}

// Key names the test a result belongs to: results are comparable only
// within one key.
func (r *Result) Key() string {
	return strings.Join([]string{r.Suite, r.Test, r.Config, r.Unit}, " | ")
}

// ParseDirection parses HIB/LIB (or higher/lower).
func ParseDirection(s string) (higher bool, err error) {
	switch strings.ToLower(s) {
	case "hib", "higher":
		return true, nil
	case "lib", "lower":
		return false, nil
	}
	return false, fmt.Errorf("direction %q: want HIB (higher is better) or LIB (lower is better)", s)
}

// Parse checks one benchmark row; known reports whether a system or chip
// id exists.
func Parse(row sheet.Row[Record], known func(string) bool) (*Result, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	res := &Result{System: r.System, Suite: r.Suite, Test: r.Test, Config: r.Config, Unit: r.Unit,
		Source: r.Source, ResultID: r.ResultID, Note: r.Note, Pos: p}
	switch {
	case r.System == "":
		errs = append(errs, p.Errorf("system", "missing system"))
	case !known(r.System):
		errs = append(errs, p.Errorf("system", "unknown system %q (not a chip or system id)", r.System))
	}
	if r.Suite == "" || r.Test == "" {
		errs = append(errs, p.Errorf("test", "a result needs a suite and a test"))
	}
	if r.Unit == "" {
		errs = append(errs, p.Errorf("unit", "missing unit"))
	}
	v, err := units.ParseNumber(r.Score)
	switch {
	case err != nil:
		errs = append(errs, p.Wrap("score", err))
	case v <= 0:
		errs = append(errs, p.Errorf("score", "score %s: must be positive", r.Score))
	}
	res.Score = v
	if res.Higher, err = ParseDirection(r.Direction); err != nil {
		errs = append(errs, p.Wrap("direction", err))
	}
	for _, f := range []struct {
		col, text string
		dst       *int
	}{{"runs", r.Runs, &res.Runs}, {"chips", r.Chips, &res.Chips}} {
		if f.text == "" {
			continue
		}
		n, err := strconv.Atoi(f.text)
		if err != nil || n <= 0 {
			errs = append(errs, p.Errorf(f.col, "%s must be a positive whole number, not %q", f.col, f.text))
		}
		*f.dst = n
	}
	if r.Source == "" {
		errs = append(errs, p.Errorf("source", "missing source"))
	}
	if res.AsOf, err = specs.ParseDate(r.AsOf); err != nil {
		errs = append(errs, p.Wrap("as_of", err))
	}
	return res, errs
}

// Load reads the benchmark sheets of each source.
func Load(known func(string) bool, srcs ...specs.Source) ([]*Result, error) {
	return load(known, Sheets, srcs...)
}

// LoadFile reads one benchmark sheet, whatever its name.
func LoadFile(known func(string) bool, file string) ([]*Result, error) {
	return load(known, specs.Literal(filepath.Base(file)), specs.Source{FS: os.DirFS(filepath.Dir(file)), Name: filepath.Dir(file)})
}

func load(known func(string) bool, pattern string, srcs ...specs.Source) ([]*Result, error) {
	var out []*Result
	var errs sheet.Errors
	for _, src := range srcs {
		rows, e := specs.ReadSheets[Record](src, pattern)
		errs = append(errs, e...)
		for _, row := range rows {
			r, e := Parse(row, known)
			errs = append(errs, e...)
			if len(e) == 0 {
				out = append(out, r)
			}
		}
	}
	return out, errs.Err()
}

// A Dropped is a test left out of an aggregate, and why.
type Dropped struct {
	Test   string
	Reason string
}

// A Score is one system's aggregate.
type Score struct {
	System string
	// Relative is the geometric mean over the used tests of the system's
	// score ÷ the baseline's (inverted for lower-is-better tests).
	Relative float64
	// Spread is the smallest and largest per-test ratio.
	Min, Max float64
	// GSD is the geometric standard deviation of the per-test ratios
	// (1 when every test agrees): a typical test lies within
	// Relative ÷ GSD … Relative × GSD.
	GSD float64
	// Lo and Hi bound the geometric mean at about 95% confidence over
	// tests: exp(mean ± 1.96·sd/√n) of the log ratios, as benchstat-like
	// tools treat tests as samples. Equal to Relative with one test.
	Lo, Hi  float64
	Results []*Result // the results used, one per used test
}

// A Summary is the aggregate of several systems against a baseline.
type Summary struct {
	Baseline string
	Scores   []Score  // in the order of the systems asked for
	Used     []string // test keys every system completed
	Dropped  []Dropped
}

// Aggregate compares systems against baseline (which must be among them)
// over the tests all of them completed. When a system has several results
// for one test (repeated runs published separately), their geometric mean
// is its score.
func Aggregate(results []*Result, systems []string, baseline string) (Summary, error) {
	s := Summary{Baseline: baseline}
	if !contains(systems, baseline) {
		systems = append(systems, baseline)
	}
	byTest := make(map[string]map[string][]*Result)
	var keys []string
	for _, r := range results {
		if !contains(systems, r.System) {
			continue
		}
		k := r.Key()
		if byTest[k] == nil {
			byTest[k] = make(map[string][]*Result)
			keys = append(keys, k)
		}
		byTest[k][r.System] = append(byTest[k][r.System], r)
	}
	sort.Strings(keys)
	logSum, logSq := make(map[string]float64), make(map[string]float64)
	minR, maxR := make(map[string]float64), make(map[string]float64)
	used := make(map[string][]*Result)
	for _, k := range keys {
		rs := byTest[k]
		var missing []string
		for _, sys := range systems {
			if len(rs[sys]) == 0 {
				missing = append(missing, sys)
			}
		}
		if len(missing) > 0 {
			s.Dropped = append(s.Dropped, Dropped{Test: k, Reason: "no result for " + strings.Join(missing, ", ")})
			continue
		}
		base := geomeanScore(rs[baseline])
		s.Used = append(s.Used, k)
		for _, sys := range systems {
			ratio := geomeanScore(rs[sys]) / base
			if !rs[sys][0].Higher {
				ratio = 1 / ratio
			}
			l := math.Log(ratio)
			logSum[sys] += l
			logSq[sys] += l * l
			if minR[sys] == 0 || ratio < minR[sys] {
				minR[sys] = ratio
			}
			maxR[sys] = math.Max(maxR[sys], ratio)
			used[sys] = append(used[sys], rs[sys][0])
		}
	}
	if len(s.Used) == 0 {
		return s, fmt.Errorf("no test has results for all of %s (%d tests dropped)", strings.Join(systems, ", "), len(s.Dropped))
	}
	n := float64(len(s.Used))
	for _, sys := range systems {
		mean := logSum[sys] / n
		sd := 0.0
		if n > 1 {
			sd = math.Sqrt(math.Max(0, (logSq[sys]-n*mean*mean)/(n-1)))
		}
		half := 1.96 * sd / math.Sqrt(n)
		s.Scores = append(s.Scores, Score{System: sys, Relative: math.Exp(mean),
			Min: minR[sys], Max: maxR[sys], GSD: math.Exp(sd), Lo: math.Exp(mean - half), Hi: math.Exp(mean + half),
			Results: used[sys]})
	}
	return s, nil
}

func geomeanScore(rs []*Result) float64 {
	if len(rs) == 1 {
		return rs[0].Score // exact: no round trip through logarithms
	}
	var l float64
	for _, r := range rs {
		l += math.Log(r.Score)
	}
	return math.Exp(l / float64(len(rs)))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Systems returns the distinct systems with results, sorted.
func Systems(results []*Result) []string {
	seen := make(map[string]bool)
	var out []string
	for _, r := range results {
		if !seen[r.System] {
			seen[r.System] = true
			out = append(out, r.System)
		}
	}
	sort.Strings(out)
	return out
}
