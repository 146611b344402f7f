package specs

import (
	"fmt"
	"strconv"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/units"
)

// ChipRecord is a row of a chips sheet as written.
type ChipRecord struct {
	ID        string `csv:"id"`
	Name      string `csv:"name"`
	Vendor    string `csv:"vendor"`
	Kind      string `csv:"kind"`
	Family    string `csv:"family,omitempty"`
	Launch    string `csv:"launch,omitempty"`
	Lifecycle string `csv:"lifecycle"`
	Process   string `csv:"process,omitempty"`
	Source    string `csv:"source"`
	AsOf      string `csv:"as_of"`
	Note      string `csv:"note,omitempty"`
}

// A Chip is an accelerator or a server CPU. Its numbers are Values whose
// subject is the chip's ID.
type Chip struct {
	ID        string
	Name      string
	Vendor    string
	Kind      Kind
	Family    string
	Launch    Date // announcement or general availability; the note says which
	Lifecycle Lifecycle
	Process   string // e.g. "TSMC N3P", when public
	Source    string
	AsOf      Date
	Note      string
	Pos       sheet.Pos
}

// SystemRecord is a row of a systems sheet as written.
type SystemRecord struct {
	ID       string `csv:"id"`
	Name     string `csv:"name"`
	Provider string `csv:"provider"`
	Kind     string `csv:"kind"`
	Chip     string `csv:"chip"`
	Chips    string `csv:"chips,omitempty"`
	Source   string `csv:"source"`
	AsOf     string `csv:"as_of"`
	Note     string `csv:"note,omitempty"`
}

// A System is what one rents or buys: a cloud instance, an UltraServer, a
// pod, a rack, or a single chip rented by the hour. Its own numbers (vCPUs,
// host memory, network) are Values whose subject is its ID.
type System struct {
	ID       string
	Name     string
	Provider string
	Kind     SystemKind
	Chip     string // the chip it is built on
	// Chips is how many of Chip the system has; 0 for a CPU instance that
	// holds a share of a processor, whose numbers are then its own.
	Chips  int
	Source string
	AsOf   Date
	Note   string
	Pos    sheet.Pos

	chip *Chip // Chip's entry, found once when the system loaded
}

// validID reports whether id is lower-case letters and digits, then also
// '.', '+' and '-' (the pattern ^[a-z0-9][a-z0-9.+-]*$). A loop rather
// than a regular expression: every chip and system row is checked, and at
// 100,000 rows the expression took a tenth of parsing them.
func validID(id string) bool {
	for i := range len(id) {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '+' || c == '-'):
		default:
			return false
		}
	}
	return id != ""
}

func checkID(p sheet.Pos, id string) *sheet.Error {
	switch {
	case id == "":
		return p.Errorf("id", "missing id")
	case !validID(id):
		return p.Errorf("id", "id %q: use lower-case letters, digits, '.', '+' and '-'", id)
	}
	return nil
}

func required(p sheet.Pos, column, value string, errs *sheet.Errors) {
	if value == "" {
		*errs = append(*errs, p.Errorf(column, "missing %s", column))
	}
}

// parseProvenance checks the source and as_of columns every sheet row has.
func parseProvenance(p sheet.Pos, source, asOf string, errs *sheet.Errors) Date {
	required(p, "source", source, errs)
	if asOf == "" {
		*errs = append(*errs, p.Errorf("as_of", "missing date: every row needs the date of its source"))
		return Date{}
	}
	d, err := ParseDate(asOf)
	if err != nil {
		*errs = append(*errs, p.Wrap("as_of", err))
	}
	return d
}

func parseChip(row sheet.Row[ChipRecord]) (*Chip, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	if err := checkID(p, r.ID); err != nil {
		errs = append(errs, err)
	}
	required(p, "name", r.Name, &errs)
	required(p, "vendor", r.Vendor, &errs)
	c := &Chip{ID: r.ID, Name: r.Name, Vendor: r.Vendor, Family: r.Family, Process: r.Process, Source: r.Source, Note: r.Note, Pos: p}
	var err error
	if c.Kind, err = ParseKind(r.Kind); err != nil {
		errs = append(errs, p.Wrap("kind", err))
	}
	if c.Lifecycle, err = ParseLifecycle(r.Lifecycle); err != nil {
		errs = append(errs, p.Wrap("lifecycle", err))
	}
	if r.Launch != "" {
		if c.Launch, err = ParseDate(r.Launch); err != nil {
			errs = append(errs, p.Wrap("launch", err))
		}
	}
	c.AsOf = parseProvenance(p, r.Source, r.AsOf, &errs)
	return c, errs
}

func parseSystem(row sheet.Row[SystemRecord], chip func(id string) (*Chip, bool), count Quantity) (*System, sheet.Errors) {
	r, p := row.Rec, row.Pos
	var errs sheet.Errors
	if err := checkID(p, r.ID); err != nil {
		errs = append(errs, err)
	}
	required(p, "name", r.Name, &errs)
	required(p, "provider", r.Provider, &errs)
	s := &System{ID: r.ID, Name: r.Name, Provider: r.Provider, Chip: r.Chip, Source: r.Source, Note: r.Note, Pos: p}
	var err error
	if s.Kind, err = ParseSystemKind(r.Kind); err != nil {
		errs = append(errs, p.Wrap("kind", err))
	}
	c, ok := chip(r.Chip)
	switch {
	case r.Chip == "":
		errs = append(errs, p.Errorf("chip", "missing chip"))
	case !ok:
		errs = append(errs, p.Errorf("chip", "unknown chip %q (not in any chips sheet)", r.Chip))
	default:
		s.chip = c
	}
	if r.Chips != "" {
		n, err := strconv.Atoi(r.Chips)
		switch {
		case err != nil || n <= 0:
			errs = append(errs, p.Errorf("chips", "chips must be a positive whole number, not %q", r.Chips))
		default:
			if lo, hi, _ := count.Plausible(); float64(n) < lo || float64(n) > hi {
				errs = append(errs, p.Wrap("chips", &ImplausibleError{Mode: count.Bounds, msg: fmt.Sprintf(
					"%d chips is outside the plausible range [%s, %s] of a %s: if it is real, widen the range with a row in a %s sheet (docs/DATA.md)",
					n, units.FormatNumber(lo), units.FormatNumber(hi), count.Name, BoundSheets)}))
			}
		}
		s.Chips = n
	} else if ok && (c.Kind == Accelerator || s.Kind != Instance) {
		errs = append(errs, p.Errorf("chips", "missing chips: how many %s does %s have?", c.ID, r.ID))
	}
	s.AsOf = parseProvenance(p, r.Source, r.AsOf, &errs)
	return s, errs
}

// describe names a system's chips for people, e.g. "16 × trn2".
func (s *System) describe() string {
	if s.Chips == 0 {
		return s.Chip
	}
	return fmt.Sprintf("%d × %s", s.Chips, s.Chip)
}
