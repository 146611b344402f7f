package specs

import (
	"fmt"
	"sort"
	"sync"

	"github.com/hwcmp/hwcmp/sheet"
)

// A Catalog is the loaded spec sheets: chips, systems and their figures.
type Catalog struct {
	Chips   []*Chip
	Systems []*System
	Values  *ValueSet
	// ReplacedEntities lists default chips and systems that --data rows
	// replaced; Values.Replaced lists replaced figures.
	ReplacedEntities []EntityReplacement
	// Bounds are the bounds sheets' rows for quantities other than the
	// spec sheets' own, for the pricing sheets to apply.
	Bounds []Bound
	// BoundsMode is what figures outside their plausible range did (see
	// LoadOptions), for the pricing sheets to do likewise; Implausible
	// lists those that loaded under BoundsWarn, as warnings.
	BoundsMode  BoundsMode
	Implausible sheet.Errors

	// chips and systems index Chips and Systems by id. They hold
	// positions rather than pointers: the maps that merging the layers
	// builds serve as they are, rather than being built again.
	chips   map[string]int32
	systems map[string]int32
	// byChip lists the systems of each chip, by id; built on first use
	// (SystemsOf), since most commands never ask.
	byChip     map[string][]*System
	byChipOnce sync.Once
}

// Chip returns the chip with the given id.
func (c *Catalog) Chip(id string) (*Chip, bool) {
	if i, ok := c.chips[id]; ok {
		return c.Chips[i], true
	}
	return nil, false
}

// System returns the system with the given id.
func (c *Catalog) System(id string) (*System, bool) {
	if i, ok := c.systems[id]; ok {
		return c.Systems[i], true
	}
	return nil, false
}

// ChipOf returns the chip that s is built on: its own entry, without a
// lookup by id, for a system that Load made.
func (c *Catalog) ChipOf(s *System) (*Chip, bool) {
	if s.chip != nil {
		return s.chip, true
	}
	return c.Chip(s.Chip)
}

// id returns the catalog's own copy of a chip's or system's id, and
// whether there is one.
func (c *Catalog) id(id string) (string, bool) {
	if ch, ok := c.Chip(id); ok {
		return ch.ID, true
	}
	if s, ok := c.System(id); ok {
		return s.ID, true
	}
	return "", false
}

// Known reports whether id names a chip or a system.
func (c *Catalog) Known(id string) bool {
	_, chip := c.chips[id]
	_, sys := c.systems[id]
	return chip || sys
}

// Figure returns the preferred figure of subject for quantity (and, for
// throughput, precision and sparsity).
func (c *Catalog) Figure(subject, quantity string, p Precision, s Sparsity) (Figure, bool) {
	return c.Values.Get(GroupKey{Subject: subject, Quantity: quantity, Precision: p, Sparsity: s})
}

// SystemsOf returns the systems built on chip, by id. The callers must
// not modify the slice.
func (c *Catalog) SystemsOf(chip string) []*System {
	if c.chips == nil { // a catalog not made by Load
		var out []*System
		for _, s := range c.Systems {
			if s.Chip == chip {
				out = append(out, s)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out
	}
	c.byChipOnce.Do(c.indexByChip)
	return c.byChip[chip]
}

// indexByChip builds SystemsOf's index, so that a lookup costs one map
// access however large the catalog.
func (c *Catalog) indexByChip() {
	c.byChip = make(map[string][]*System)
	for _, s := range c.Systems {
		c.byChip[s.Chip] = append(c.byChip[s.Chip], s)
	}
	for _, list := range c.byChip {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
}

// Overrides describes, one line each, what the --data sheets replaced.
func (c *Catalog) Overrides() []string {
	var out []string
	for _, r := range c.ReplacedEntities {
		out = append(out, fmt.Sprintf("%s: replaces %s from %s", r.New, r.ID, r.Old))
	}
	for _, r := range c.Values.Replaced {
		out = append(out, fmt.Sprintf("%s: replaces %s (%s, %s) from %s", r.New.Pos, r.Old.GroupKey, r.Old.Value, r.Old.Source, r.Old.Pos))
	}
	return out
}
