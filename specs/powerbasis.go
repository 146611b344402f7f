package specs

import (
	"github.com/hwcmp/hwcmp/sheet"
)

// Power bases: what a power figure covers. A rack's "power" is published
// both as its accelerators' TDP × their count and as the whole rack's draw
// (CPUs, switches, fans, power conversion); GB300 NVL72 is 100.8 kW by the
// first and up to 142 kW by the second. Figures on different bases are
// never contested figures of one thing, nor ranked together.
const (
	PowerChip   = "chip"   // one chip's TDP or board power (a chip's figure)
	PowerChips  = "chips"  // the chips' TDP × their count: accelerators only
	PowerSystem = "system" // all-in power of the whole server, rack or pod
)

// PowerBases are the power bases, narrowest first.
var PowerBases = []string{PowerChip, PowerChips, PowerSystem}

// PowerBasis returns the basis of a power figure: its row's, or where the
// row names none the default: chip for a chip, system (all-in) for a
// system. A figure hwcmp derives for a system from its chips is chips.
func (c *Catalog) PowerBasis(v *Value) string {
	if v.Basis != "" {
		return v.Basis
	}
	if _, ok := c.Chip(v.Subject); ok {
		return PowerChip
	}
	return PowerSystem
}

// checkPowerBases checks each power row's basis against its subject (a
// chip's power is its own; a system's is its chips' or all-in) and that a
// subject's contested power figures share a basis.
func (c *Catalog) checkPowerBases() sheet.Errors {
	var errs sheet.Errors
	first := make(map[GroupKey]*Value)
	for _, v := range c.Values.Values() {
		if v.Quantity != QPower || v.Formula != "" {
			continue
		}
		_, chip := c.Chip(v.Subject)
		switch {
		case chip && v.Basis != "" && v.Basis != PowerChip:
			errs = append(errs, v.Pos.Errorf("basis", "%s is a chip: its power basis is chip, not %s", v.Subject, v.Basis))
			continue
		case !chip && v.Basis == PowerChip:
			errs = append(errs, v.Pos.Errorf("basis", "%s is a system: its power basis is chips (TDP × chips) or system (all-in), not chip", v.Subject))
			continue
		}
		if len(c.Values.group(v.GroupKey)) < 2 { // nothing to disagree with
			continue
		}
		if f, ok := first[v.GroupKey]; !ok {
			first[v.GroupKey] = v
		} else if a, b := c.PowerBasis(f), c.PowerBasis(v); a != b {
			errs = append(errs, v.Pos.Errorf("basis", "%s power on basis %s, but the figure at %s is on basis %s: chip TDP × chips and all-in power are different quantities, not contested figures",
				v.Subject, b, f.Pos, a))
		}
	}
	return errs
}
