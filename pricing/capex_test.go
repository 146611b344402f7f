package pricing

import (
	"os"
	"strings"
	"testing"

	"github.com/hwcmp/hwcmp/specs"
)

// TestCapexBasis checks the bases of the built-in capex figures: GPU
// prices are per chip, NVL72 prices are whole racks whose per-GPU share is
// a rack share, and a chip is priced on the basis asked for.
func TestCapexBasis(t *testing.T) {
	b := defaults(t)
	c, ok := b.ChipCapex("h100")
	if !ok || c.Basis != BasisChip || c.Chips != 1 {
		t.Errorf("h100 capex = %+v, want its own price on basis chip", c)
	}
	c, ok = b.ChipCapex("gb200")
	if !ok || c.Basis != BasisRackShare || c.Chips != 72 || !strings.Contains(c.Describe(), "÷ 72 chips") || !strings.Contains(c.Describe(), "basis rack-share") {
		t.Errorf("gb200 capex = %+v (%s), want gb200-nvl72's price ÷ 72 on basis rack-share", c, c.Describe())
	}
	if _, ok := b.ChipCapexOn("gb200", BasisChip); ok {
		t.Error("gb200 has a chip-basis price; the built-in data has only the rack's")
	}
	if c, ok := b.ChipCapexOn("h100", BasisServerShare); !ok || c.Basis != BasisServerShare || c.Chips != 8 {
		t.Errorf("h100 on basis server-share = %+v, want a server's price ÷ 8", c)
	}
	if _, basis, ok := b.SystemCapex("gb200-nvl72"); !ok || basis != BasisRack {
		t.Errorf("gb200-nvl72 basis %q, want rack", basis)
	}
	cost, err := b.ChipCostOn("gb200", BasisChip)
	if err == nil || !strings.Contains(err.Error(), "no capex (purchase price) for gb200 on basis chip") {
		t.Errorf("ChipCostOn(gb200, chip) = %+v, %v", cost, err)
	}
}

func TestCapexBasisErrors(t *testing.T) {
	cat, err := specs.Load(specs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(cat, Defaults(), specs.Source{FS: os.DirFS("testdata/capex-basis"), Name: "basis"})
	if err == nil {
		t.Fatal("Load accepted bad capex bases")
	}
	for _, want := range []string{
		"basis/capex.csv:2:27: basis: h200 capex on basis board, but the figure at embedded:pricing/data/capex.csv:",
		"is on basis chip: contested figures must cover the same thing",
		"basis/capex.csv:4:27: basis: b300 is a chip: its capex basis is one of chip, board, server-share, rack-share, not rack",
		"basis/capex.csv:5:36: basis: gb200-nvl72 is a system: its capex basis is server or rack (the whole system), not chip",
		"basis/capex.csv:6:34: basis: new-carlisle is a site or deal: its capex is an investment and takes no basis",
		"basis/capex.csv:7:29: basis: unknown basis \"wafer\" (want one of chip, board, server-share, rack-share, server, rack)",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}
