package pricing

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unique"

	"github.com/hwcmp/hwcmp/provenance"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// A Term is how a price is bought.
type Term string

// The terms. Reserved and committed terms carry their upfront fee
// separately; Effective folds it into the hourly rate.
const (
	OnDemand      Term = "on-demand"
	Reserved1y    Term = "reserved-1y"
	Reserved3y    Term = "reserved-3y"
	Savings1y     Term = "savings-1y"
	Savings3y     Term = "savings-3y"
	Committed1y   Term = "committed-1y"
	Committed3y   Term = "committed-3y"
	Spot          Term = "spot"
	CapacityBlock Term = "capacity-block"
)

var terms = []Term{OnDemand, Reserved1y, Reserved3y, Savings1y, Savings3y, Committed1y, Committed3y, Spot, CapacityBlock}

// ParseTerm parses a term name.
func ParseTerm(s string) (Term, error) { return specs.ParseEnum(s, "term", terms) }

// Years returns the length of a committed term, 0 for others.
func (t Term) Years() float64 {
	switch t {
	case Reserved1y, Savings1y, Committed1y:
		return 1
	case Reserved3y, Savings3y, Committed3y:
		return 3
	}
	return 0
}

// PriceRecord is a row of a price sheet as written.
type PriceRecord struct {
	Provider   string `csv:"provider"`
	Offering   string `csv:"offering"`
	Region     string `csv:"region,omitempty"`
	Term       string `csv:"term"`
	USDPerHour string `csv:"usd_per_hour"`
	UpfrontUSD string `csv:"upfront_usd,omitempty"`
	Option     string `csv:"purchase_option,omitempty"`
	Class      string `csv:"offering_class,omitempty"`
	AsOf       string `csv:"as_of"`
	Status     string `csv:"status"`
	Source     string `csv:"source"`
	Note       string `csv:"note,omitempty"`
	// Low and High bound usd_per_hour for an estimate (optional columns):
	// an estimate needs both, or a note that says "no range".
	Low  string `csv:"low,omitempty"`
	High string `csv:"high,omitempty"`
}

// A Price is the hourly price of a whole offering (an instance, or one chip
// for a chip-hour offering) on one term, as published on a date.
type Price struct {
	Provider string
	Offering string // a system id
	Region   string // empty when the source does not say
	Term     Term
	PerHour  float64 // USD per hour, excluding any upfront fee
	// Low and High bound PerHour where the row gives a range (estimates);
	// both are 0 when it gives none. Range folds them into hourly rates.
	Low, High float64
	Upfront   float64 // USD paid once for the term
	// Option and Class refine reserved terms: no-upfront, partial-upfront
	// or all-upfront; standard or convertible. Empty when not applicable.
	Option, Class string
	AsOf          specs.Date
	Status        specs.Status
	Source        string
	Note          string
	Pos           sheet.Pos
	Layer         int // 0 for built-in prices, 1 and up for --data folders
}

// Effective returns the hourly rate with the upfront fee spread over the
// term's hours: PerHour + Upfront ÷ (years × 8,760).
func (p *Price) Effective() float64 {
	if y := p.Term.Years(); y > 0 && p.Upfront > 0 {
		return p.PerHour + p.Upfront/(y*units.HoursPerYear)
	}
	return p.PerHour
}

// Range returns the effective hourly rate's low and high ends: the row's
// low and high with the upfront fee folded in as in Effective, or
// Effective twice when the row gives no range, so that an estimated price
// carries its uncertainty into every ratio built on it.
func (p *Price) Range() (lo, hi float64) {
	if p.Low == 0 && p.High == 0 {
		e := p.Effective()
		return e, e
	}
	fee := p.Effective() - p.PerHour
	return p.Low + fee, p.High + fee
}

// noRange is what an estimate's note says when its source gives no range.
const noRange = "no range"

// parsePrice parses and checks a price row: readPrice, then check.
func parsePrice(row sheet.Row[PriceRecord], system func(string) (string, bool), qs specs.Quantities) (*Price, sheet.Errors) {
	r := readPrice(row)
	return r.p, r.check(system, qs)
}

// A priceRow is a price sheet's row parsed without the spec catalog, so
// that the price sheets can be read while the catalog loads (Parse). What
// needs the catalog — that the offering is a known system, that the
// amounts are plausible under the catalog's bounds — is left to check,
// which reports the row's problems in the order parsePrice always has.
type priceRow struct {
	p *Price
	// bad holds what parsing found wrong; nil for the usual clean row, so
	// that 100,000 rows waiting for the catalog hold a pointer each.
	bad *rowProblems
	// upfront is whether the row gives upfront_usd (its plausibility is
	// checked then, even for 0).
	upfront bool
	// key numbers the row's key() among every row Parse read, so that
	// check's duplicate and replacement lookups index a slice instead of
	// hashing a string per row after the catalog has loaded.
	key int32
}

// rowProblems are a price row's problems found without the catalog, in
// the groups check interleaves with its own.
type rowProblems struct {
	head                        sheet.Errors // purchase_option, offering_class, provider, a missing offering
	term, perHour, upfront, fee *sheet.Error
	tail                        sheet.Errors // status, low and high, source, as_of
}

// readPrice parses a price row as far as it can without the catalog.
// The price keeps no field of the sheet's record, since the fields are
// slices of one string per record and keeping any keeps the record
// (100,000 records at 100,000 prices): its repeated fields are interned
// here and its offering becomes the catalog's own id in check.
func readPrice(row sheet.Row[PriceRecord]) priceRow {
	r, pos := row.Rec, row.Pos
	var b rowProblems
	p := &Price{Provider: intern(r.Provider), Offering: r.Offering, Region: intern(r.Region), Source: intern(r.Source),
		Note: intern(r.Note), Pos: pos, Option: intern(r.Option), Class: intern(r.Class)}
	switch r.Option {
	case "", "no-upfront", "partial-upfront", "all-upfront":
	default:
		b.head = append(b.head, pos.Errorf("purchase_option", "unknown purchase option %q (want no-upfront, partial-upfront or all-upfront)", r.Option))
	}
	switch r.Class {
	case "", "standard", "convertible":
	default:
		b.head = append(b.head, pos.Errorf("offering_class", "unknown offering class %q (want standard or convertible)", r.Class))
	}
	if r.Provider == "" {
		b.head = append(b.head, pos.Errorf("provider", "missing provider"))
	}
	if r.Offering == "" {
		b.head = append(b.head, pos.Errorf("offering", "missing offering"))
	}
	var err error
	if p.Term, err = ParseTerm(r.Term); err != nil {
		b.term = pos.Wrap("term", err)
	}
	if p.PerHour, err = positive(r.USDPerHour, true); err != nil {
		b.perHour = pos.Wrap("usd_per_hour", err)
	}
	if r.UpfrontUSD != "" {
		if p.Upfront, err = positive(r.UpfrontUSD, true); err != nil {
			b.upfront = pos.Wrap("upfront_usd", err)
		}
		if p.Upfront > 0 && p.Term != "" && p.Term.Years() == 0 {
			b.fee = pos.Errorf("upfront_usd", "an upfront fee on the %s term would be ignored: only reserved, savings and committed terms have one", p.Term)
		}
	}
	if p.Status, err = specs.ParseStatus(r.Status); err != nil {
		b.tail = append(b.tail, pos.Wrap("status", err))
	}
	b.tail = append(b.tail, parsePriceRange(p, r, pos)...)
	if r.Source == "" {
		b.tail = append(b.tail, pos.Errorf("source", "missing source: every price needs a URL or document"))
	}
	if p.AsOf, err = specs.ParseDate(r.AsOf); err != nil {
		if r.AsOf == "" {
			err = fmt.Errorf("missing date: every price needs the date it was in force")
		}
		b.tail = append(b.tail, pos.Wrap("as_of", err))
	}
	row1 := priceRow{p: p, upfront: r.UpfrontUSD != ""}
	if b.head != nil || b.term != nil || b.perHour != nil || b.upfront != nil || b.fee != nil || b.tail != nil {
		row1.bad = &b
	}
	return row1
}

// check returns every problem of the row: those readPrice found and those
// that need the catalog, system (the id of the system the offering names,
// if there is one; the row takes it as its offering) and qs (the price
// columns' plausible ranges).
func (r priceRow) check(system func(string) (string, bool), qs specs.Quantities) sheet.Errors {
	p, pos := r.p, r.p.Pos
	var b rowProblems
	if r.bad != nil {
		b = *r.bad
	}
	errs := slices.Clip(b.head)
	if p.Offering != "" {
		if id, ok := system(p.Offering); ok {
			p.Offering = id
		} else {
			errs = append(errs, pos.Errorf("offering", "unknown offering %q (not a system in any systems sheet)", p.Offering))
		}
	}
	if b.term != nil {
		errs = append(errs, b.term)
	}
	if b.perHour != nil {
		errs = append(errs, b.perHour)
	} else if err := qs[QPriceHour].CheckPlausible(p.PerHour); err != nil {
		errs = append(errs, pos.Wrap("usd_per_hour", err))
	}
	if r.upfront {
		if b.upfront != nil {
			errs = append(errs, b.upfront)
		} else if err := qs[QPriceUpfront].CheckPlausible(p.Upfront); err != nil {
			errs = append(errs, pos.Wrap("upfront_usd", err))
		}
		if b.fee != nil {
			errs = append(errs, b.fee)
		}
	}
	if p.PerHour == 0 && p.Upfront == 0 && len(errs) == 0 {
		errs = append(errs, pos.Errorf("usd_per_hour", "zero price with no upfront fee"))
	}
	return append(errs, b.tail...)
}

// parsePriceRange reads the optional low and high columns into p: both or
// neither, low <= usd_per_hour <= high; and an estimate gives them or says
// in its note that its source gives no range.
func parsePriceRange(p *Price, r PriceRecord, pos sheet.Pos) sheet.Errors {
	var errs sheet.Errors
	if r.Low == "" && r.High == "" {
		if p.Status == specs.Estimate && !strings.Contains(strings.ToLower(r.Note), noRange) {
			errs = append(errs, pos.Errorf("low", "an estimated price needs low and high, or a note saying %q and why", noRange))
		}
		return errs
	}
	var err error
	if r.Low == "" || r.High == "" {
		return append(errs, pos.Errorf("low", "give both low and high, or neither"))
	}
	if p.Low, err = positive(r.Low, true); err != nil {
		errs = append(errs, pos.Wrap("low", err))
	}
	if p.High, err = positive(r.High, true); err != nil {
		errs = append(errs, pos.Wrap("high", err))
	}
	if len(errs) == 0 && !(p.Low <= p.PerHour && p.PerHour <= p.High) {
		errs = append(errs, pos.Errorf("low", "low %s <= usd_per_hour %s <= high %s does not hold", r.Low, r.USDPerHour, r.High))
	}
	if len(errs) > 0 {
		p.Low, p.High = 0, 0
	}
	return errs
}

// intern returns one shared copy of s, which holds nothing else.
func intern(s string) string { return unique.Make(s).Value() }

// positive parses a non-negative dollar amount (zero allowed if allowZero).
func positive(s string, allowZero bool) (float64, error) {
	f, err := units.ParseNumber(s)
	switch {
	case err != nil:
		return 0, err
	case f < 0:
		return 0, fmt.Errorf("negative price %s", s)
	case f == 0 && !allowZero:
		return 0, fmt.Errorf("zero price")
	}
	return f, nil
}

func (p *Price) key() string {
	return strings.Join([]string{p.Provider, p.Offering, p.Region, string(p.Term), p.Option, p.Class, p.AsOf.String(), p.Source}, "|")
}

// A Query selects one price among dated rows.
type Query struct {
	// Term is the term to price on. Empty means on-demand where an
	// offering has an on-demand price, else the first of FallbackTerms
	// it has; the price found says which term it is.
	Term Term
	// Region, when set, is a region or a comma-separated list of regions
	// in order of preference: only prices there are used. Empty means the
	// default policy (RegionPolicy).
	Region string
	// AsOf, when set, picks the price in force on that date: the newest
	// row dated on or before it. A year or month means its end.
	// Zero means the newest.
	AsOf specs.Date
}

// FallbackTerms are the terms a Query with no Term falls back to, in
// order, for an offering with no on-demand price: the shortest commitment
// first. Spot is never a fallback: it is not a price one can plan on.
var FallbackTerms = []Term{CapacityBlock, Committed1y, Savings1y, Reserved1y, Committed3y, Savings3y, Reserved3y}

// Terms returns the terms q tries, in order.
func (q Query) Terms() []Term {
	if q.Term != "" {
		return []Term{q.Term}
	}
	return append([]Term{OnDemand}, FallbackTerms...)
}

// Describe writes q out for an output's header line: the term, the region
// policy and the date.
func (q Query) Describe() string {
	s := string(q.Term)
	if q.Term == "" {
		s = "on-demand, else capacity-block or committed (the row says which)"
	}
	if q.Region != "" {
		s += "; region " + strings.Join(q.Regions(), ", else ")
	} else {
		s += "; regions: " + RegionPolicy
	}
	if !q.AsOf.IsZero() {
		s += "; as of " + q.AsOf.String()
	} else {
		s += "; newest prices"
	}
	return s
}

// Brief is a short Describe, for a missing value's reason.
func (q Query) Brief() string {
	s := "no price"
	if q.Term != "" {
		s = "no " + string(q.Term) + " price"
	}
	if q.Region != "" {
		s += " in " + strings.Join(q.Regions(), " or ")
	} else {
		s += " in US regions"
	}
	if !q.AsOf.IsZero() {
		s += " as of " + q.AsOf.String()
	}
	return s
}

// Prices is the loaded price sheet.
type Prices struct {
	all        []*Price
	byOffering map[string][]*Price // built by index once loading is done
	Replaced   []PriceReplacement
}

// A PriceReplacement records a --data price row that replaced a default
// row with the same provider, offering, region, term, date and source.
type PriceReplacement struct{ Old, New *Price }

// All returns every price row in load order.
func (ps *Prices) All() []*Price { return ps.all }

// index builds the by-offering index Find uses once all rows are in, so
// that a lookup costs the offering's own rows, not every row: ranking
// 100,000 systems by price would otherwise be quadratic. The map is sized
// for a row per offering (the usual case at scale) so that it never grows:
// growing it took half of the 80 ms it took at 100,000 offerings.
func (ps *Prices) index() {
	ps.byOffering = make(map[string][]*Price, len(ps.all))
	for _, p := range ps.all {
		ps.byOffering[p.Offering] = append(ps.byOffering[p.Offering], p)
	}
}

// Find returns the price of offering that q selects. For each term q
// tries, in order: among rows of that term on or before q.AsOf, a --data
// folder's rows over built-in ones; then the region q's policy prefers
// (see RegionPolicy), where two US regions compete the cheaper; within a
// region the no-upfront option, the newest date and vendor status over
// weaker ones.
func (ps *Prices) Find(offering string, q Query) (*Price, bool) {
	for _, t := range q.Terms() {
		if p := ps.find(offering, t, q); p != nil {
			return p, true
		}
	}
	return nil, false
}

func (ps *Prices) find(offering string, t Term, q Query) *Price {
	inRegion := map[string]*Price{} // the price in force in each region
	top := -1
	rows := ps.all
	if ps.byOffering != nil {
		rows = ps.byOffering[offering]
	}
	for _, p := range rows {
		if p.Offering != offering || p.Term != t || q.choice(p) == excluded {
			continue
		}
		if !q.AsOf.IsZero() && p.AsOf.After(q.AsOf) {
			continue
		}
		top = max(top, p.Layer)
		if cur := inRegion[p.Region]; cur == nil || betterPrice(p, cur) {
			inRegion[p.Region] = p
		}
	}
	var best *Price
	for _, p := range inRegion {
		if p.Layer == top && (best == nil || betterRegion(q, p, best)) {
			best = p
		}
	}
	return best
}

// betterRegion reports whether p, the price in force in its region, is
// preferred to r, in force in another region, under q's policy.
func betterRegion(q Query, p, r *Price) bool {
	if a, b := q.choice(p), q.choice(r); a != b {
		return a < b
	}
	if a, b := p.Effective(), r.Effective(); a != b {
		return a < b
	}
	return p.Region < r.Region
}

// optionRank orders reserved purchase options when a query names none:
// the commonly quoted no-upfront standard rate first.
func optionRank(p *Price) int {
	r := map[string]int{"": 0, "no-upfront": 0, "partial-upfront": 2, "all-upfront": 4}[p.Option]
	if p.Class == "convertible" {
		r++
	}
	return r
}

// betterPrice reports whether p is preferred to q, a price of the same
// offering, term and region: a --data row, the commonly quoted purchase
// option, the newer date, then the better source tier and status.
func betterPrice(p, q *Price) bool {
	if p.Layer != q.Layer {
		return p.Layer > q.Layer
	}
	if a, b := optionRank(p), optionRank(q); a != b {
		return a < b
	}
	if c := p.AsOf.Compare(q.AsOf); c != 0 {
		return c > 0
	}
	if a, b := provenance.Classify(p.Source).Tier.Rank(), provenance.Classify(q.Source).Tier.Rank(); a != b {
		return a < b
	}
	return q.Status.Weaker(p.Status)
}

// Offerings returns the offerings with prices, sorted.
func (ps *Prices) Offerings() []string {
	seen := make(map[string]bool)
	var out []string
	for _, p := range ps.all {
		if !seen[p.Offering] {
			seen[p.Offering] = true
			out = append(out, p.Offering)
		}
	}
	sort.Strings(out)
	return out
}

// CheckRecord checks a price row as a price sheet's loader would, less the
// offering (which it takes as known): what an importer must hold to
// before it writes a row, so that its output never breaks a command.
func CheckRecord(r PriceRecord) error {
	_, errs := parsePrice(sheet.Row[PriceRecord]{Rec: r}, func(id string) (string, bool) { return id, true }, priceColumns())
	if len(errs) > 0 {
		return errs[0].Err
	}
	return nil
}
