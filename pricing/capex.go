package pricing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

// Capex bases: what a purchase price covers. A GPU's price alone and a
// rack's price ÷ its GPUs differ by the CPUs, network, power and cooling
// the rack includes, so figures on different bases are never ranked or
// summed together.
const (
	BasisChip        = "chip"         // the accelerator (or CPU) alone
	BasisBoard       = "board"        // a module or board: chip, memory, VRM
	BasisServerShare = "server-share" // a server's price ÷ its chips
	BasisRackShare   = "rack-share"   // a rack's price ÷ its chips
	BasisServer      = "server"       // a whole server (a system's own price)
	BasisRack        = "rack"         // a whole rack or pod (a system's own price)
)

// CapexBases are the per-chip bases, narrowest first: the order ties are
// broken in and the order help lists them.
var CapexBases = []string{BasisChip, BasisBoard, BasisServerShare, BasisRackShare}

// capexRowBases are the values a capex row's basis column may take.
var capexRowBases = append(slices.Clone(CapexBases), BasisServer, BasisRack)

// shareOf maps a whole system's basis to the per-chip share it gives.
var shareOf = map[string]string{BasisServer: BasisServerShare, BasisRack: BasisRackShare}

// capexBasis returns the basis of a capex figure: its row's, or where the
// row names none (sheets written before the column existed) the default:
// chip for a chip, rack for a rack, pod or UltraServer, server for any
// other system; "" for a site, whose capex is an investment, not a price.
func (b *Book) capexBasis(v *specs.Value) string {
	if v.Basis != "" {
		return v.Basis
	}
	if _, ok := b.catalog.Chip(v.Subject); ok {
		return BasisChip
	}
	if s, ok := b.catalog.System(v.Subject); ok {
		switch s.Kind {
		case specs.Rack, specs.Pod, specs.UltraServer:
			return BasisRack
		}
		return BasisServer
	}
	return ""
}

// checkCapexBases checks each capex row's basis against its subject (a
// chip's price is per chip; a system's is the whole server or rack; a
// site's investment has none), and that the contested figures of one
// subject share a basis: a chip price and a rack share are not two
// estimates of one number.
func (b *Book) checkCapexBases() sheet.Errors {
	var errs sheet.Errors
	seen := make(map[string]*specs.Value) // subject -> first capex row
	for _, v := range b.Figures.Values() {
		if v.Quantity != QCapex || v.Formula != "" {
			continue
		}
		_, chip := b.catalog.Chip(v.Subject)
		_, sys := b.catalog.System(v.Subject)
		switch {
		case chip && v.Basis != "" && !slices.Contains(CapexBases, v.Basis):
			errs = append(errs, v.Pos.Errorf("basis", "%s is a chip: its capex basis is one of %s, not %s", v.Subject, strings.Join(CapexBases, ", "), v.Basis))
			continue
		case sys && v.Basis != "" && v.Basis != BasisServer && v.Basis != BasisRack:
			errs = append(errs, v.Pos.Errorf("basis", "%s is a system: its capex basis is server or rack (the whole system), not %s", v.Subject, v.Basis))
			continue
		case !chip && !sys:
			if v.Basis != "" {
				errs = append(errs, v.Pos.Errorf("basis", "%s is a site or deal: its capex is an investment and takes no basis", v.Subject))
			}
			continue
		}
		if first, ok := seen[v.Subject]; ok {
			if a, c := b.capexBasis(first), b.capexBasis(v); a != c {
				errs = append(errs, v.Pos.Errorf("basis", "%s capex on basis %s, but the figure at %s is on basis %s: contested figures must cover the same thing",
					v.Subject, c, first.Pos, a))
			}
		} else {
			seen[v.Subject] = v
		}
	}
	return errs
}

// ChipCapexOn returns the purchase price of one chip on basis (any basis
// if empty): the chip's own capex figure if it is on that basis, else the
// first system built on the chip (by id) whose price, divided by its chips,
// is.
func (b *Book) ChipCapexOn(chip, basis string) (Capex, bool) {
	if f, ok := b.Figure(chip, QCapex); ok {
		if cb := b.capexBasis(f.Value); basis == "" || cb == basis {
			return Capex{PerChip: f.Base, Range: [2]float64{f.Low, f.High}, Figure: f, Chips: 1, Status: f.Status, Basis: cb}, true
		}
	}
	for _, s := range b.catalog.SystemsOf(chip) {
		f, ok := b.Figure(s.ID, QCapex)
		if !ok || s.Chips == 0 {
			continue
		}
		cb := shareOf[b.capexBasis(f.Value)]
		if basis != "" && cb != basis {
			continue
		}
		n := float64(s.Chips)
		return Capex{PerChip: f.Base / n, Range: [2]float64{f.Low / n, f.High / n}, Figure: f, Chips: s.Chips,
			Status: specs.Weakest(specs.Derived, f.Status), Basis: cb}, true
	}
	return Capex{}, false
}

// SystemCapex returns a system's own price and its basis (server or rack).
func (b *Book) SystemCapex(id string) (specs.Figure, string, bool) {
	f, ok := b.Figure(id, QCapex)
	if !ok {
		return specs.Figure{}, "", false
	}
	return f, b.capexBasis(f.Value), true
}

// AllCapexBases are the per-chip bases and the whole-system ones.
func AllCapexBases() []string { return slices.Clone(capexRowBases) }

// ParseCapexBasis parses a capex basis: a per-chip one, or server or rack
// for a system's own price.
func ParseCapexBasis(s string) (string, error) {
	return specs.ParseEnum(s, "capex basis", capexRowBases)
}

// describeBasis names a basis for a source line.
func describeBasis(basis string) string {
	if basis == "" {
		return ""
	}
	return fmt.Sprintf(", basis %s", basis)
}
