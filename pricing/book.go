package pricing

import (
	"context"
	"fmt"
	"hash/maphash"
	"path"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// Sheet file patterns of the pricing data.
const (
	PriceSheets      = "prices*.csv"
	CapexSheets      = "capex*.csv"       // value rows: capex of chips and systems
	SiteSheets       = "sites*.csv"       // one row per site, deal or reference figure
	SiteValueSheets  = "site-values*.csv" // value rows for sites
	ScenarioSheets   = "scenarios*.csv"   // one row per assumption scenario
	AssumptionSheets = "assumptions*.csv" // value rows for scenarios
)

// Owns reports whether a file named name is a pricing sheet.
func Owns(name string) bool {
	for _, p := range []string{PriceSheets, CapexSheets, SiteSheets, SiteValueSheets, ScenarioSheets, AssumptionSheets} {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// A SiteKind says what a site row is.
type SiteKind string

// The site kinds.
const (
	SiteCampus SiteKind = "site"      // a datacenter campus
	SiteDeal   SiteKind = "deal"      // a compute contract
	SiteRef    SiteKind = "reference" // a reference figure, e.g. "$50bn per GW"
)

// SiteRecord is a row of a sites sheet as written.
type SiteRecord struct {
	ID       string `csv:"id"`
	Name     string `csv:"name"`
	Kind     string `csv:"kind"`
	Operator string `csv:"operator"`
	Chip     string `csv:"chip,omitempty"`
	Source   string `csv:"source"`
	AsOf     string `csv:"as_of"`
	Note     string `csv:"note,omitempty"`
}

// A Site is a datacenter campus, a compute deal or a reference figure; its
// numbers (capex, GW, chips, revenue) are figures whose subject is its ID.
type Site struct {
	ID       string
	Name     string
	Kind     SiteKind
	Operator string
	Chip     string // the accelerator it is built on, if known
	Source   string
	AsOf     specs.Date
	Note     string
	Pos      sheet.Pos
}

// ScenarioRecord is a row of a scenarios sheet as written.
type ScenarioRecord struct {
	ID   string `csv:"id"`
	Name string `csv:"name"`
	Note string `csv:"note,omitempty"`
}

// A Scenario is a named set of assumptions; its values are figures whose
// subject is its ID.
type Scenario struct {
	ID, Name, Note string
	Pos            sheet.Pos
}

// A Book is the loaded pricing data.
type Book struct {
	Prices    *Prices
	Figures   *specs.ValueSet // capex, site and scenario figures
	Sites     []*Site
	Scenarios []*Scenario
	catalog   *specs.Catalog
	sites     map[string]*Site     // by id
	scenarios map[string]*Scenario // by id
	// Implausible lists the figures and prices outside their plausible
	// range that loaded because the catalog's BoundsMode is warn.
	Implausible sheet.Errors
}

// Site returns the site with the given id.
func (b *Book) Site(id string) (*Site, bool) {
	s, ok := b.sites[id]
	return s, ok
}

// Scenario returns the scenario with the given id.
func (b *Book) Scenario(id string) (*Scenario, bool) {
	s, ok := b.scenarios[id]
	return s, ok
}

// Figure returns the preferred figure of subject for a pricing quantity.
func (b *Book) Figure(subject, quantity string) (specs.Figure, bool) {
	return b.Figures.Get(specs.GroupKey{Subject: subject, Quantity: quantity})
}

// Load reads the pricing sheets of each source, later sources overriding
// earlier ones, checking references against cat. Like specs.Load it returns
// the book with every problem found. It is Parse then Check; a caller
// that loads the catalog itself can run Parse alongside.
func Load(cat *specs.Catalog, srcs ...specs.Source) (*Book, error) {
	p, err := Parse(context.Background(), srcs...)
	if err != nil {
		return nil, err
	}
	return p.Check(cat)
}

// Parsed is the price sheets of some sources, read and parsed as far as
// they can be without the spec catalog: Parse's result, for Check.
type Parsed struct {
	srcs []specs.Source
	// layers are each source's price rows, in order, with the problems
	// of reading its price sheets.
	layers []parsedLayer
	keys   int // distinct price keys among all rows
}

type parsedLayer struct {
	rows []priceRow
	errs sheet.Errors
}

// Parse reads and parses the price sheets of srcs, the bulk of the pricing
// data (a price per system: 100,000 rows for 100,000 systems), without the
// spec catalog, so that a caller can run it on a goroutine of its own
// while the catalog loads and then Check the result against it. It stops,
// returning ctx's error, once ctx is done: it looks between sheets and
// every few thousand rows, as specs.LoadContext does. Every other error,
// with those of the sheets' rows, is Check's to report.
func Parse(ctx context.Context, srcs ...specs.Source) (*Parsed, error) {
	p := &Parsed{srcs: srcs, layers: make([]parsedLayer, len(srcs))}
	var keys priceKeys
	n, stopped := 0, false
	for i, src := range srcs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l := &p.layers[i]
		l.errs = specs.EachSheet(src, PriceSheets, func(row sheet.Row[PriceRecord]) {
			if n++; stopped || n%4096 == 0 && ctx.Err() != nil {
				stopped = true // the rest of the sheet is only decoded; ctx's error is returned
				return
			}
			r := readPrice(row)
			r.key = keys.id(r.p)
			l.rows = append(l.rows, r)
		})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.keys = len(keys.first)
	return p, nil
}

// priceKeys numbers the distinct keys of prices (Price.key) in the order
// they are first seen. They are found by a 64-bit hash of the key, so that
// the 100,000 key strings of 100,000 prices are not all kept while the
// catalog loads (they were a tenth of the live heap then); a hash that
// two keys share is told apart by comparing the keys themselves.
type priceKeys struct {
	hash   func(string) uint64 // maphash with a random seed unless a test sets it
	byHash map[uint64]int32
	first  []*Price         // by id, the first price with that key
	other  map[string]int32 // keys whose hash an earlier, different key has
}

// id returns the number of p's key.
func (ks *priceKeys) id(p *Price) int32 {
	if ks.hash == nil {
		seed := maphash.MakeSeed()
		ks.hash = func(s string) uint64 { return maphash.String(seed, s) }
	}
	if ks.byHash == nil {
		ks.byHash = map[uint64]int32{}
	}
	k := p.key()
	h := ks.hash(k)
	id, ok := ks.byHash[h]
	if ok && ks.first[id].key() == k {
		return id
	}
	if ok { // another key has this hash
		if id, ok := ks.other[k]; ok {
			return id
		}
		if ks.other == nil {
			ks.other = map[string]int32{}
		}
		ks.other[k] = int32(len(ks.first))
	} else {
		ks.byHash[h] = int32(len(ks.first))
	}
	ks.first = append(ks.first, p)
	return int32(len(ks.first) - 1)
}

// Check reads the other pricing sheets of the sources p was parsed from
// (sites, scenarios, capex and assumptions: small ones), checks them and
// p's prices against cat, and returns the book with every problem found,
// as Load does.
func (pd *Parsed) Check(cat *specs.Catalog) (*Book, error) {
	srcs := pd.srcs
	b := &Book{Prices: &Prices{}, catalog: cat, sites: map[string]*Site{}, scenarios: map[string]*Scenario{}}
	var errs sheet.Errors
	known := map[string]bool{}
	for _, src := range srcs {
		rows, e := specs.ReadSheets[SiteRecord](src, SiteSheets)
		errs = append(errs, e...)
		inLayer := map[string]sheet.Pos{}
		for _, row := range rows {
			s, e := parseSite(row, cat)
			errs = append(errs, e...)
			if len(e) > 0 {
				continue
			}
			if first, dup := inLayer[s.ID]; dup {
				errs = append(errs, s.Pos.Errorf("id", "duplicate site id %q (first at %s)", s.ID, first))
				continue
			}
			inLayer[s.ID] = s.Pos
			if old, ok := b.Site(s.ID); ok {
				*old = *s
			} else {
				b.Sites = append(b.Sites, s)
				b.sites[s.ID] = s
			}
			known[s.ID] = true
		}
		srows, e := specs.ReadSheets[ScenarioRecord](src, ScenarioSheets)
		errs = append(errs, e...)
		inLayer = map[string]sheet.Pos{}
		for _, row := range srows {
			if row.Rec.ID == "" || row.Rec.Name == "" {
				errs = append(errs, row.Pos.Errorf("id", "a scenario needs an id and a name"))
				continue
			}
			sc := &Scenario{ID: row.Rec.ID, Name: row.Rec.Name, Note: row.Rec.Note, Pos: row.Pos}
			if first, dup := inLayer[sc.ID]; dup {
				errs = append(errs, sc.Pos.Errorf("id", "duplicate scenario id %q (first at %s)", sc.ID, first))
				continue
			}
			inLayer[sc.ID] = sc.Pos
			if old, ok := b.Scenario(sc.ID); ok {
				*old = *sc
			} else {
				b.Scenarios = append(b.Scenarios, sc)
				b.scenarios[sc.ID] = sc
			}
			known[sc.ID] = true
		}
	}
	isKnown := func(id string) bool { return known[id] || cat.Known(id) }
	qs := Quantities()
	qs.SetBounds(cat.BoundsMode)
	rest, e := specs.ApplyBounds(qs, cat.Bounds)
	errs = append(errs, e...)
	pcols := priceColumns()
	pcols.SetBounds(cat.BoundsMode)
	rest, e = specs.ApplyBounds(pcols, rest)
	errs = append(errs, e...)
	for _, bd := range rest {
		errs = append(errs, bd.Pos.Errorf("quantity", "unknown quantity %q (want a spec or pricing quantity)", bd.Quantity))
	}
	var layers [][]*specs.Value
	for _, src := range srcs {
		var layer []*specs.Value
		for _, pattern := range []string{CapexSheets, SiteValueSheets, AssumptionSheets} {
			vs, e := specs.ReadValues(src, pattern, qs, isKnown)
			errs = append(errs, e...)
			layer = append(layer, vs...)
		}
		layers = append(layers, layer)
	}
	b.Figures, e = specs.NewValueSet(layers...)
	errs = append(errs, e...)
	errs = append(errs, b.Figures.ResolveRelative()...)
	errs = append(errs, b.Figures.CheckDerived(qs)...)
	errs = append(errs, b.checkAssumptions()...)
	errs = append(errs, b.checkCapexBases()...)

	// seen holds, by key, the price row in force: the first of its layer
	// (a second is a duplicate) or, from an earlier layer, the one a row
	// of this layer replaces; at is its place in all, which a replacing
	// row takes, so that the replaced row is kept whole for Overrides.
	seen := make([]*Price, pd.keys)
	at := make([]int32, pd.keys)
	system := func(id string) (string, bool) {
		if s, ok := cat.System(id); ok {
			return s.ID, true
		}
		return "", false
	}
	n := 0
	for _, l := range pd.layers {
		n += len(l.rows)
	}
	b.Prices.all = make([]*Price, 0, n)
	for layer, l := range pd.layers {
		errs = append(errs, l.errs...)
		for _, r := range l.rows {
			p := r.p
			e := r.check(system, pcols)
			errs = append(errs, e...)
			if !specs.Loads(e) {
				continue
			}
			p.Layer = layer
			old := seen[r.key]
			switch {
			case old != nil && old.Layer == layer:
				errs = append(errs, p.Pos.Errorf("source", "duplicate price: %s %s %s on %s from this source is already at %s", p.Offering, p.Region, p.Term, p.AsOf, old.Pos))
			case old != nil:
				b.Prices.Replaced = append(b.Prices.Replaced, PriceReplacement{Old: old, New: p})
				seen[r.key], b.Prices.all[at[r.key]] = p, p
			default:
				seen[r.key], at[r.key] = p, int32(len(b.Prices.all))
				b.Prices.all = append(b.Prices.all, p)
			}
		}
	}
	b.Prices.index()
	errs, b.Implausible = specs.SplitBounds(errs)
	b.Implausible.Sort()
	return b, errs.Err()
}

func parseSite(row sheet.Row[SiteRecord], cat *specs.Catalog) (*Site, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	s := &Site{ID: r.ID, Name: r.Name, Kind: SiteKind(r.Kind), Operator: r.Operator, Chip: r.Chip, Source: r.Source, Note: r.Note, Pos: p}
	if r.ID == "" || r.Name == "" {
		errs = append(errs, p.Errorf("id", "a site needs an id and a name"))
	}
	switch s.Kind {
	case SiteCampus, SiteDeal, SiteRef:
	default:
		errs = append(errs, p.Errorf("kind", "unknown site kind %q (want site, deal or reference)", r.Kind))
	}
	if r.Chip != "" {
		if _, ok := cat.Chip(r.Chip); !ok {
			errs = append(errs, p.Errorf("chip", "unknown chip %q", r.Chip))
		}
	}
	if r.Source == "" {
		errs = append(errs, p.Errorf("source", "missing source"))
	}
	d, err := specs.ParseDate(r.AsOf)
	if err != nil {
		errs = append(errs, p.Wrap("as_of", err))
	}
	s.AsOf = d
	return s, errs
}

// checkAssumptions rejects scenario values a model cannot use.
func (b *Book) checkAssumptions() sheet.Errors {
	var errs sheet.Errors
	for _, v := range b.Figures.Values() {
		if msg := checkAssumption(v.Quantity, v.Base); msg != "" {
			errs = append(errs, v.Pos.Errorf("value", "%s", msg))
		}
	}
	return errs
}

// checkAssumption returns why a value of quantity q is unusable, or "".
func checkAssumption(q string, v float64) string {
	switch q {
	case QPUE:
		if v < 1 {
			return fmt.Sprintf("PUE %s is below 1: a facility cannot use less power than its IT load", units.FormatNumber(v))
		}
	case QUtilization:
		if v <= 0 || v > 1 {
			return fmt.Sprintf("utilization %s is outside (0, 1] (write 80%% or 0.8 ratio)", units.FormatNumber(v))
		}
	case QCostOfCapital, QOperationsShare:
		if v >= 1 {
			return fmt.Sprintf("%s of %s is 100%% or more per year: write 9%% or 0.09 ratio", q, units.FormatNumber(v))
		}
	}
	return ""
}

// clampAssumption moves v into the domain checkAssumption accepts, for
// sensitivity bounds computed as ± a percentage.
func clampAssumption(q string, v float64) float64 {
	switch q {
	case QPUE:
		return max(v, 1)
	case QUtilization:
		return min(v, 1)
	case QCostOfCapital, QOperationsShare:
		return min(v, 0.99)
	}
	return v
}

// Overrides describes, one line each, what --data rows replaced.
func (b *Book) Overrides() []string {
	var out []string
	for _, r := range b.Figures.Replaced {
		out = append(out, fmt.Sprintf("%s: replaces %s (%s, %s) from %s", r.New.Pos, r.Old.GroupKey, r.Old.Value, r.Old.Source, r.Old.Pos))
	}
	for _, r := range b.Prices.Replaced {
		out = append(out, fmt.Sprintf("%s: replaces the %s %s price of %s from %s", r.New.Pos, r.Old.Offering, r.Old.Term, r.Old.AsOf, r.Old.Pos))
	}
	return out
}

// A ChipHour is a per-chip-hour price derived from an offering's price.
type ChipHour struct {
	Chip    string
	Price   *Price // the offering's price
	Chips   int    // chips in the offering
	PerHour float64
	Status  specs.Status // derived, or weaker if the price is
}

// ChipHourPrice returns the cheapest per-chip-hour price of chip among the
// offerings built on it that q selects: offering price ÷ chips. Terms are
// tried in q's order across all the offerings: a chip with any on-demand
// offering is priced on-demand, even if another offering's capacity block
// is cheaper.
func (b *Book) ChipHourPrice(chip string, q Query) (ChipHour, bool) {
	for _, t := range q.Terms() {
		qt := q
		qt.Term = t
		if ch, ok := b.chipHourPrice(chip, qt); ok {
			return ch, true
		}
	}
	return ChipHour{}, false
}

func (b *Book) chipHourPrice(chip string, q Query) (ChipHour, bool) {
	var best ChipHour
	found := false
	for _, s := range b.catalog.SystemsOf(chip) {
		if s.Chips == 0 {
			continue
		}
		p, ok := b.Prices.Find(s.ID, q)
		if !ok {
			continue
		}
		ch := ChipHour{Chip: chip, Price: p, Chips: s.Chips, PerHour: p.Effective() / float64(s.Chips),
			Status: specs.Weakest(specs.Derived, p.Status)}
		if s.Chips == 1 {
			ch.Status = p.Status
		}
		if !found || ch.PerHour < best.PerHour {
			best, found = ch, true
		}
	}
	return best, found
}

// A Capex is a purchase price per chip, read from the chip's own figure or
// derived from a system's (system price ÷ chips).
type Capex struct {
	PerChip float64
	Range   [2]float64
	Figure  specs.Figure
	Chips   int // chips the figure covers: 1 for a chip's own price
	Status  specs.Status
	// Basis is what the price covers: chip, board, server-share or
	// rack-share (see CapexBases).
	Basis string
}

// ChipCapex returns the purchase price of one chip on any basis: its own
// capex figure if it has one, else the first system built on it (by id)
// that has one, divided by its chips.
func (b *Book) ChipCapex(chip string) (Capex, bool) { return b.ChipCapexOn(chip, "") }

// Describe names where a Capex came from and its basis.
func (c Capex) Describe() string {
	if c.Chips == 1 {
		return fmt.Sprintf("%s capex %s (%s; %s%s)", c.Figure.Subject, c.Figure.Value.Value, c.Figure.Status, c.Figure.Source, describeBasis(c.Basis))
	}
	return fmt.Sprintf("%s capex %s ÷ %d chips (%s; %s%s)", c.Figure.Subject, c.Figure.Value.Value, c.Chips, c.Figure.Status, c.Figure.Source, describeBasis(c.Basis))
}

// SortedSites returns the sites of the given kinds, by id.
func (b *Book) SortedSites(kinds ...SiteKind) []*Site {
	var out []*Site
	for _, s := range b.Sites {
		for _, k := range kinds {
			if s.Kind == k {
				out = append(out, s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ScenarioNames lists the scenario ids, for help and errors.
func (b *Book) ScenarioNames() string {
	var ids []string
	for _, s := range b.Scenarios {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, ", ")
}
