// Package claims checks vendor and analyst claims against the spec sheets,
// the price sheets and models, and measured benchmarks.
//
// A claim is data (a row of a claims sheet): who said what, when and where,
// and its testable form — a metric, the subjects it compares, the kind of
// statement (a ratio, a value, an ordering, a bound), the claimed value or
// band, and a tolerance. Check computes the claim from the data and returns
// a Verdict with the evidence behind it: every input figure with its status,
// source and date. A claim whose sides differ in precision or sparsity is
// caught as a mismatch instead of being computed.
package claims

import (
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
	"github.com/hwcmp/hwcmp/workload"
)

// Sheets is the file pattern of claims sheets.
const Sheets = "claims*.csv"

// Owns reports whether a file named name is a claims sheet.
func Owns(name string) bool {
	ok, _ := path.Match(Sheets, name)
	return ok
}

// Record is a row of a claims sheet as written.
type Record struct {
	ID                string `csv:"id"`
	Author            string `csv:"author"`
	Date              string `csv:"date"`
	Source            string `csv:"source"`
	Statement         string `csv:"statement"`
	Evidence          string `csv:"evidence"`
	Kind              string `csv:"kind"`
	Metric            string `csv:"metric"`
	Precision         string `csv:"precision,omitempty"`
	Sparsity          string `csv:"sparsity,omitempty"`
	BaselinePrecision string `csv:"baseline_precision,omitempty"`
	BaselineSparsity  string `csv:"baseline_sparsity,omitempty"`
	Per               string `csv:"per,omitempty"`
	Subject           string `csv:"subject"`
	Baseline          string `csv:"baseline,omitempty"`
	Claimed           string `csv:"claimed,omitempty"`
	Low               string `csv:"low,omitempty"`
	High              string `csv:"high,omitempty"`
	Unit              string `csv:"unit,omitempty"`
	Tolerance         string `csv:"tolerance,omitempty"`
	Inputs            string `csv:"inputs,omitempty"`
	Term              string `csv:"term,omitempty"`
	PricesAsOf        string `csv:"prices_as_of,omitempty"`
	Note              string `csv:"note,omitempty"`
	Hedge             string `csv:"hedge,omitempty"`
	Expect            string `csv:"expect,omitempty"`
	// Model, TPOT and Tier say what a token metric (tokens-per-second,
	// tokens-per-dollar ...) serves: an LLM id of the model catalog, a
	// per-output-token latency limit ("40ms"; "0" for the offline
	// maximum) and the tier of the token figures. Other metrics leave
	// them empty; sheets written before them load unchanged.
	Model string `csv:"model,omitempty"`
	TPOT  string `csv:"tpot,omitempty"`
	Tier  string `csv:"tier,omitempty"`
	// InputTokens, OutputTokens and Chips give a token claim the request
	// and setup its source states: mean prompt and completion lengths
	// (default 1,024 each, as 'hwcmp tokens') and the most chips one
	// model instance may span ("1" for a single-GPU claim; default the
	// scale-up domain).
	InputTokens  string `csv:"input_tokens,omitempty"`
	OutputTokens string `csv:"output_tokens,omitempty"`
	Chips        string `csv:"chips,omitempty"`
}

// A Kind is the form of a claim.
type Kind string

// The kinds of claim.
const (
	RatioClaim    Kind = "ratio"     // subject ÷ baseline is the claimed value or band
	ValueClaim    Kind = "value"     // subject's value is the claimed value or band, in Unit
	ChangeClaim   Kind = "change"    // subject ÷ baseline − 1 is the claimed percent change ("+18%", "3.4% above")
	MatchClaim    Kind = "match"     // subject is on par with the baseline: the ratio is 1 (or claimed) within tolerance
	AtLeastClaim  Kind = "at-least"  // the ratio (or the value, without a baseline) is at least the claimed value
	AtMostClaim   Kind = "at-most"   // ... at most the claimed value
	MoreThanClaim Kind = "more-than" // ... strictly more than the claimed value: a tie is not a win
	LessThanClaim Kind = "less-than" // ... strictly less than the claimed value
	OrderClaim    Kind = "order"     // subject beats every baseline on the metric (honouring lower-is-better); a tie is not a win
	LeadsClaim    Kind = "leads"     // subject ranks first among its baselines, or among every chip (system) of its kind without them, judged by rank stability
)

// kindAliases are words analysts write for a kind.
var kindAliases = map[string]Kind{
	"first": LeadsClaim, "beats": OrderClaim,
	"above": MoreThanClaim, "exceeds": MoreThanClaim, "surpasses": MoreThanClaim,
	"below": LessThanClaim, "trails": LessThanClaim,
	"on-par": MatchClaim, "matches": MatchClaim, "percent-change": ChangeClaim,
}

// ParseKind parses a kind or one of its aliases.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case RatioClaim, ValueClaim, ChangeClaim, MatchClaim, AtLeastClaim, AtMostClaim, MoreThanClaim, LessThanClaim, OrderClaim, LeadsClaim:
		return k, nil
	}
	if k, ok := kindAliases[s]; ok {
		return k, nil
	}
	return "", fmt.Errorf("unknown kind %q (want ratio, value, change, match, at-least, at-most, more-than, less-than, order or leads)", s)
}

// IsBound reports whether k states a bound (at-least, at-most, more-than,
// less-than, order) rather than a value or band.
func (k Kind) IsBound() bool {
	switch k {
	case AtLeastClaim, AtMostClaim, MoreThanClaim, LessThanClaim, OrderClaim, LeadsClaim:
		return true
	}
	return false
}

// nearerFailing reports whether a computed ratio a is nearer to failing a
// bound of kind k than b is: the smaller advantage for at-least, more-than
// and order claims, the larger ratio for at-most and less-than.
func (k Kind) nearerFailing(a, b float64) bool {
	switch k {
	case AtLeastClaim, MoreThanClaim, OrderClaim, LeadsClaim:
		return a < b
	case AtMostClaim, LessThanClaim:
		return a > b
	}
	return false
}

// needsBaseline reports whether a claim of kind k compares with a baseline.
func (k Kind) needsBaseline() bool {
	return k == RatioClaim || k == OrderClaim || k == ChangeClaim || k == MatchClaim
}

// An EvidenceBasis says what a claim rests on.
type EvidenceBasis string

// The evidence bases.
const (
	SpecEvidence      EvidenceBasis = "spec"      // spec-sheet figures, via a metric
	BenchmarkEvidence EvidenceBasis = "benchmark" // measured benchmark results
	ModelEvidence     EvidenceBasis = "model"     // site, deal and per-GW figures
)

// A Claim is one parsed claim.
type Claim struct {
	ID, Author, Source, Statement string
	Date                          specs.Date
	Evidence                      EvidenceBasis
	Kind                          Kind
	Metric                        string
	Precision, BaselinePrecision  specs.Precision
	Sparsity, BaselineSparsity    specs.Sparsity
	Per                           string   // chip, system or gw
	Subject                       string   // an id; for model claims "a+b" sums sites
	Baselines                     []string // one for ratio claims, several for order claims
	Claimed, Low, High            float64  // the band [Low, High]; Low == High == Claimed for a point
	Unit                          string   // of a value claim's band
	// LowSlack and HighSlack are the rounding of Low and High as written:
	// half a unit in the last digit, at most MaxRoundingSlack of them.
	LowSlack, HighSlack float64
	Hedge               string  // a word of the hedge vocabulary qualifying Claimed
	Tolerance           float64 // relative; in (0, MaxTolerance]
	// Expect is the verdict the claim's curator expects, once checked by
	// hand: --strict fails when the verdict differs.
	Expect     string
	Inputs     []string // ids of claims whose claimed figures this claim uses
	Term       string
	PricesAsOf specs.Date
	Note       string
	// Model is the LLM a token metric serves ("" for other metrics), at
	// the per-token latency limit TPOT (seconds; 0 for the offline
	// maximum) and the token tier Tier.
	Model string
	TPOT  float64
	Tier  workload.Tier
	// InputTokens and OutputTokens are the request a token claim serves
	// (the defaults of 'hwcmp tokens' where the row gives none), and
	// MaxChips the most chips per model instance (0: the scale-up domain).
	InputTokens, OutputTokens float64
	MaxChips                  int
	Pos                       sheet.Pos
}

// DefaultTPOT is the latency limit of a token claim that gives none: the
// default of --tpot, so a claim reads as 'hwcmp tokens' does.
const DefaultTPOT = 0.040

// DefaultTolerance is the relative tolerance of a claim that gives none.
const DefaultTolerance = 0.10

// MaxTolerance is the widest tolerance a claim may give: a claim that
// allows more than ±50% says little, and a tolerance of 1 or more would
// accept anything down to zero.
const MaxTolerance = 0.5

// Parse checks one claims row. It checks the form; whether the metric and
// subjects exist is for Validate, which needs the loaded data.
func Parse(row sheet.Row[Record]) (*Claim, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	bad := func(col, format string, args ...any) { errs = append(errs, p.Errorf(col, format, args...)) }
	c := &Claim{ID: r.ID, Author: r.Author, Source: r.Source, Statement: r.Statement, Metric: r.Metric,
		Subject: r.Subject, Unit: r.Unit, Term: r.Term, Note: r.Note, Pos: p, Tolerance: DefaultTolerance,
		Hedge: strings.ToLower(strings.TrimSpace(r.Hedge)), Expect: r.Expect}
	for _, f := range []struct{ col, v string }{{"id", r.ID}, {"author", r.Author}, {"date", r.Date}, {"source", r.Source},
		{"statement", r.Statement}, {"evidence", r.Evidence}, {"kind", r.Kind}, {"metric", r.Metric}, {"subject", r.Subject}} {
		if f.v == "" {
			bad(f.col, "missing %s", f.col)
		}
	}
	var err error
	if r.Date != "" {
		if c.Date, err = specs.ParseDate(r.Date); err != nil {
			bad("date", "%v", err)
		}
	}
	switch e := EvidenceBasis(r.Evidence); e {
	case SpecEvidence, BenchmarkEvidence, ModelEvidence:
		c.Evidence = e
	case "":
	default:
		bad("evidence", "unknown evidence %q (want spec, benchmark or model)", r.Evidence)
	}
	if r.Kind != "" {
		if c.Kind, err = ParseKind(r.Kind); err != nil {
			bad("kind", "%v", err)
		}
	}
	c.Baselines = splitList(r.Baseline, func(format string, args ...any) { bad("baseline", format, args...) })
	c.Inputs = splitList(r.Inputs, func(format string, args ...any) { bad("inputs", format, args...) })
	switch {
	case c.Kind.needsBaseline() && len(c.Baselines) == 0:
		bad("baseline", "a %s claim needs a baseline", c.Kind)
	case !c.Kind.IsBound() && len(c.Baselines) > 1:
		bad("baseline", "a %s claim has one baseline", c.Kind)
	case c.Kind == ValueClaim && len(c.Baselines) > 0:
		bad("baseline", "a value claim has no baseline (use kind ratio)")
	}
	for _, b := range c.Baselines {
		if b == c.Subject {
			bad("baseline", "%s is compared with itself", b)
		}
	}
	c.Precision, c.Sparsity = specs.Precision(r.Precision), specs.Sparsity(r.Sparsity)
	if r.Precision != "" {
		if _, err := specs.ParsePrecision(r.Precision); err != nil {
			bad("precision", "%v", err)
		}
	}
	if c.Sparsity == "" {
		c.Sparsity = specs.Dense
	} else if _, err := specs.ParseSparsity(r.Sparsity); err != nil {
		bad("sparsity", "%v", err)
	}
	c.BaselinePrecision, c.BaselineSparsity = c.Precision, c.Sparsity
	if r.BaselinePrecision != "" {
		c.BaselinePrecision = specs.Precision(r.BaselinePrecision)
		if _, err := specs.ParsePrecision(r.BaselinePrecision); err != nil {
			bad("baseline_precision", "%v", err)
		}
	}
	if r.BaselineSparsity != "" {
		c.BaselineSparsity = specs.Sparsity(r.BaselineSparsity)
		if _, err := specs.ParseSparsity(r.BaselineSparsity); err != nil {
			bad("baseline_sparsity", "%v", err)
		}
	}
	c.Per = r.Per
	switch c.Per {
	case "":
		c.Per = "chip"
	case "chip", "system", "gw":
	default:
		bad("per", "unknown basis %q (want chip, system or gw)", r.Per)
	}
	if r.Term != "" {
		if _, err := pricing.ParseTerm(r.Term); err != nil {
			bad("term", "%v", err)
		}
	}
	c.parseTokens(r, bad)
	c.parseFigures(r, bad)
	if _, ok := hedgeByWord[c.Hedge]; !ok {
		bad("hedge", "unknown hedge %q (known: %s)", r.Hedge, strings.Join(HedgeWords(), ", "))
	} else if c.Hedge != "" {
		switch {
		case c.Kind != RatioClaim && c.Kind != ValueClaim && c.Kind != ChangeClaim && c.Kind != MatchClaim:
			bad("hedge", "a %s claim states a bound; a hedge qualifies a ratio, value, change or match", c.Kind)
		case c.Low != c.High:
			bad("hedge", "a hedge qualifies one claimed figure, not a band")
		case c.Kind == ChangeClaim && directional(c.Hedge):
			bad("hedge", "%q on a percent change: write the change as a ratio claim, or use kind more-than/less-than", c.Hedge)
		}
	}
	if r.Tolerance != "" {
		t, err := units.ParseNumber(r.Tolerance)
		switch {
		case err != nil:
			bad("tolerance", "%v", err)
		case !(t > 0 && t <= MaxTolerance):
			bad("tolerance", "tolerance %s: want a fraction in (0, %g], e.g. 0.1 for 10%%", r.Tolerance, MaxTolerance)
		default:
			c.Tolerance = t
		}
	}
	if r.PricesAsOf != "" {
		if c.PricesAsOf, err = specs.ParseDate(r.PricesAsOf); err != nil {
			bad("prices_as_of", "%v", err)
		}
	}
	switch c.Expect {
	case "", Supported, Close, Contradicted, Unverifiable, Mismatch, Conditional:
	default:
		bad("expect", "unknown verdict %q (want supported, close, contradicted, unverifiable, mismatch or conditional)", c.Expect)
	}
	return c, errs
}

// parseTokens reads the model, latency limit and tier of a token claim;
// whether the model exists and the metric reads it is for Validate.
func (c *Claim) parseTokens(r Record, bad func(col, format string, args ...any)) {
	c.Model, c.TPOT, c.Tier = strings.TrimSpace(r.Model), DefaultTPOT, workload.ModelTier
	def := workload.DefaultScenario()
	c.InputTokens, c.OutputTokens = def.InputTokens, def.OutputTokens
	if c.Model == "" {
		for _, f := range []struct{ col, v string }{{"tpot", r.TPOT}, {"tier", r.Tier}, {"input_tokens", r.InputTokens}, {"output_tokens", r.OutputTokens}, {"chips", r.Chips}} {
			if f.v != "" {
				bad(f.col, "%s qualifies a token claim: name its model in the model column", f.col)
			}
		}
		return
	}
	if t := strings.TrimSpace(r.TPOT); t == "0" {
		c.TPOT = 0
	} else if t != "" {
		d, err := time.ParseDuration(t)
		switch {
		case err != nil:
			bad("tpot", "latency limit %q: want a duration such as 40ms, or 0 for the offline maximum", r.TPOT)
		case d < 0:
			bad("tpot", "latency limit %s cannot be negative", r.TPOT)
		default:
			c.TPOT = d.Seconds()
		}
	}
	if r.Tier != "" {
		t, err := workload.ParseTier(r.Tier)
		if err != nil {
			bad("tier", "%v", err)
		}
		c.Tier = t
	}
	whole := func(col, v string, limit int) int {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > limit {
			bad(col, "%s %q: want a whole number from 1 to %d", col, v, limit)
			return 0
		}
		return n
	}
	if r.InputTokens != "" {
		c.InputTokens = float64(whole("input_tokens", r.InputTokens, 1<<24))
	}
	if r.OutputTokens != "" {
		c.OutputTokens = float64(whole("output_tokens", r.OutputTokens, 1<<24))
	}
	if r.Chips != "" {
		c.MaxChips = whole("chips", r.Chips, 1<<16)
	}
}

// Serving says what a token claim's metric serves: its model, precision,
// latency limit and tier, with the default request of 'hwcmp tokens';
// empty for other claims.
func (c *Claim) Serving() string {
	if c.Model == "" {
		return ""
	}
	p, limit := c.Precision, "offline maximum (no latency limit)"
	if p == "" {
		p = specs.FP8
	}
	if c.TPOT > 0 {
		limit = fmt.Sprintf("best throughput under %s ms per output token", units.FormatNumber(c.TPOT*1e3))
	}
	chips := ""
	if c.MaxChips > 0 {
		chips = fmt.Sprintf(", at most %d chip(s) per model instance", c.MaxChips)
	}
	return fmt.Sprintf("%s at %s, %s input + %s output tokens, %s%s, %s tier", c.Model, p,
		units.FormatNumber(c.InputTokens), units.FormatNumber(c.OutputTokens), limit, chips, c.Tier)
}

// parseFigures reads the claimed value or band and its unit. A claimed
// ratio has no unit; a claimed quantity must have one, or it would be read
// in base units (FLOP/s, bytes, W) and be off by many orders of magnitude.
// A change is written in percent ("18", "+18%", "-40").
func (c *Claim) parseFigures(r Record, bad func(col, format string, args ...any)) {
	scale := 1.0
	switch {
	case c.Kind == ChangeClaim:
		if c.Unit != "" && c.Unit != "%" {
			bad("unit", "a change is in %% (or no unit), not %q", c.Unit)
		}
		c.Unit, scale = "", 0.01
	case c.Unit != "":
		u, ok := units.Lookup(c.Unit)
		switch {
		case !ok:
			bad("unit", "unknown unit %q", c.Unit)
		case len(c.Baselines) > 0:
			bad("unit", "a claim with a baseline claims a ratio, which has no unit")
		default:
			scale = u.Factor
		}
	case c.Kind == ValueClaim:
		bad("unit", "a value claim needs the unit of its claimed value")
	case c.Kind.IsBound() && c.Kind != OrderClaim && c.Kind != LeadsClaim && len(c.Baselines) == 0 && c.Kind != "":
		bad("unit", "an %s claim without a baseline needs the unit of its claimed value", c.Kind)
	}
	num := func(col, s string) float64 {
		if s == "" {
			return 0
		}
		t := s
		if c.Kind == ChangeClaim {
			t = strings.TrimSuffix(strings.TrimSpace(s), "%")
		}
		f, err := units.ParseNumber(t)
		if err != nil {
			bad(col, "%v", err)
			return math.NaN()
		}
		f *= scale
		switch {
		case c.Kind == ChangeClaim && f <= -1:
			bad(col, "a change of %s%% would leave nothing: want more than -100%%", s)
		case c.Kind != ChangeClaim && f <= 0:
			bad(col, "claimed figure %s: want a positive number (a ratio or quantity is never zero or negative)", s)
		}
		return f
	}
	c.Claimed, c.Low, c.High = num("claimed", r.Claimed), num("low", r.Low), num("high", r.High)
	switch {
	case c.Kind == OrderClaim || c.Kind == LeadsClaim:
		if r.Claimed != "" || r.Low != "" || r.High != "" {
			bad("claimed", "an %s claim states no figure: the subject beats each rival", c.Kind)
		}
		c.Claimed, c.Low, c.High = 1, 1, 1
		return
	case c.Kind == MatchClaim && r.Claimed == "" && r.Low == "" && r.High == "":
		c.Claimed, c.Low, c.High = 1, 1, 1
	case r.Claimed == "" && (r.Low == "" || r.High == ""):
		if r.Low == "" && r.High == "" {
			bad("claimed", "give the claimed value, or a low and high band")
		} else {
			bad("low", "a band needs both low and high")
		}
	case r.Low == "" && r.High == "":
		c.Low, c.High = c.Claimed, c.Claimed
		c.LowSlack = roundingSlack(r.Claimed, c.Claimed/scale) * scale
		c.HighSlack = c.LowSlack
	case r.Low == "" || r.High == "":
		bad("low", "a band needs both low and high")
	case c.Low > c.High:
		bad("low", "low is above high")
	default:
		c.LowSlack, c.HighSlack = roundingSlack(r.Low, c.Low/scale)*scale, roundingSlack(r.High, c.High/scale)*scale
		if r.Claimed == "" {
			// A bound on a band is its weak end: "at least 1.3-1.4x" holds from 1.3.
			switch c.Kind {
			case AtLeastClaim, MoreThanClaim:
				c.Claimed = c.Low
			case AtMostClaim, LessThanClaim:
				c.Claimed = c.High
			default:
				c.Claimed = (c.Low + c.High) / 2
			}
		} else if c.Claimed < c.Low || c.Claimed > c.High {
			bad("claimed", "claimed %s is outside its band %s-%s", r.Claimed, r.Low, r.High)
		}
	}
}

// splitList splits a comma-separated list of ids, trimming each; an empty
// or repeated entry is reported through bad.
func splitList(s string, bad func(format string, args ...any)) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	seen := make(map[string]bool)
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
			bad("empty entry in list %q", s)
		case seen[f]:
			bad("%q is listed twice", f)
		default:
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Load reads the claims sheets of each source; a later claim with the same
// id replaces an earlier one. Every input a claim names must be loaded.
func Load(srcs ...specs.Source) ([]*Claim, error) {
	out, err := load(Sheets, srcs...)
	if err != nil {
		return nil, err
	}
	return out, CheckInputs(out)
}

// LoadFile reads one claims sheet, whatever its name. Its claims may take
// inputs from claims loaded elsewhere: Merge them, which checks inputs.
func LoadFile(file string) ([]*Claim, error) {
	if st, err := os.Stat(file); err != nil {
		return nil, fmt.Errorf("claims file: %w", err)
	} else if st.IsDir() {
		return nil, fmt.Errorf("claims file %s is a folder (use --data for a folder of sheets)", file)
	}
	return load(specs.Literal(filepath.Base(file)), specs.Source{FS: os.DirFS(filepath.Dir(file)), Name: filepath.Dir(file)})
}

// Merge returns base with extra added, a claim in extra replacing the one
// in base with its id, and checks that every input a claim names is there.
func Merge(base, extra []*Claim) ([]*Claim, error) {
	out := merge(base, extra)
	return out, CheckInputs(out)
}

// CheckInputs reports every input a claim names that is not in all.
func CheckInputs(all []*Claim) error {
	ids := make(map[string]bool, len(all))
	for _, c := range all {
		ids[c.ID] = true
	}
	var errs sheet.Errors
	for _, c := range all {
		for _, in := range c.Inputs {
			if !ids[in] {
				errs = append(errs, c.Pos.Errorf("inputs", "no claim %q to take figures from", in))
			}
		}
	}
	return errs.Err()
}

// MergeOnly is Merge without the check of inputs, for merging several
// sheets before one CheckInputs.
func MergeOnly(base, extra []*Claim) []*Claim { return merge(base, extra) }

func merge(base, extra []*Claim) []*Claim {
	out := append([]*Claim(nil), base...)
	index := make(map[string]int, len(out))
	for i, c := range out {
		index[c.ID] = i
	}
	for _, c := range extra {
		if i, ok := index[c.ID]; ok {
			out[i] = c
			continue
		}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	return out
}

// load reads the sheets matching pattern in each source; an id may appear
// once per source, and a later source's claim replaces an earlier one.
func load(pattern string, srcs ...specs.Source) ([]*Claim, error) {
	var out []*Claim
	var errs sheet.Errors
	for _, src := range srcs {
		rows, e := specs.ReadSheets[Record](src, pattern)
		errs = append(errs, e...)
		seen := make(map[string]sheet.Pos)
		var these []*Claim
		for _, row := range rows {
			c, e := Parse(row)
			errs = append(errs, e...)
			if len(e) > 0 {
				continue
			}
			if first, dup := seen[c.ID]; dup {
				errs = append(errs, c.Pos.Errorf("id", "duplicate claim id %q (first at %s)", c.ID, first))
				continue
			}
			seen[c.ID] = c.Pos
			these = append(these, c)
		}
		out = merge(out, these)
	}
	return out, errs.Err()
}

// format writes a figure in the claim's unit: a ratio as "1.5x", a
// quantity in the unit the claim was written in.
func (c *Claim) format(v float64) string {
	if c.Unit == "" {
		return fmt.Sprintf("%.3gx", v)
	}
	u, _ := units.Lookup(c.Unit)
	if u.Dim == units.Money {
		return u.Dim.Display().Scale(v).FormatUnit(v)
	}
	return fmt.Sprintf("%s %s", units.FormatNumber(v/u.Factor), c.Unit)
}

// Describe writes the claimed value or band for people.
func (c *Claim) Describe() string {
	f := c.num
	switch {
	case c.Kind == OrderClaim:
		return "beats " + strings.Join(c.Baselines, ", ")
	case c.Kind == LeadsClaim && len(c.Baselines) > 0:
		return "first of " + c.Subject + ", " + strings.Join(c.Baselines, ", ")
	case c.Kind == LeadsClaim:
		return "first of its kind"
	case c.Kind == AtLeastClaim:
		return "≥ " + f(c.Low)
	case c.Kind == AtMostClaim:
		return "≤ " + f(c.High)
	case c.Kind == MoreThanClaim:
		return "> " + f(c.Low)
	case c.Kind == LessThanClaim:
		return "< " + f(c.High)
	case c.Low != c.High && c.Kind == ChangeClaim:
		return "change " + f(c.Low) + " to " + f(c.High)
	case c.Low != c.High:
		return f(c.Low) + "–" + f(c.High)
	case c.Kind == MatchClaim && c.Hedge == "":
		return "on par (" + f(c.Claimed) + ")"
	case c.Hedge != "":
		return c.Hedge + " " + f(c.Claimed)
	case c.Kind == ChangeClaim:
		return "change " + f(c.Claimed)
	}
	return f(c.Claimed)
}
