package specs

import (
	"fmt"

	"github.com/hwcmp/hwcmp/provenance"
	"github.com/hwcmp/hwcmp/sheet"
)

// Tier returns the tier of v's source (see package provenance).
func (v *Value) Tier() provenance.Tier { return provenance.Classify(v.Source).Tier }

// StatusTierProblem says why status st cannot rest on a source of tier t,
// or returns nil. A vendor or measured figure needs the maker's, seller's
// or benchmark body's own document; a vendor number relayed by anyone else
// is reported; a reported figure on a primary source is simply vendor.
func StatusTierProblem(st Status, c provenance.Class) error {
	switch {
	case (st == Vendor || st == Measured) && c.Tier == provenance.Secondary:
		return fmt.Errorf("status %s needs a primary source, but %s is secondary: cite the vendor's own document or mark it %s", st, c.Publisher, Reported)
	case (st == Vendor || st == Measured) && c.Tier == provenance.Hwcmp:
		return fmt.Errorf("status %s needs a primary source, but the source is hwcmp's own: cite the document or mark it %s or %s", st, Derived, Assumption)
	case st == Reported && c.Tier == provenance.Primary:
		return fmt.Errorf("status %s is for a relayed number, but %s is primary: mark it %s", st, c.Publisher, Vendor)
	case st == Reported && c.Tier == provenance.Hwcmp:
		return fmt.Errorf("status %s needs the secondary source that relays the number", st)
	}
	return nil
}

// SourceProblems checks one row's source: that status st (empty for rows
// without one, such as chips) agrees with the source's tier, and that the
// address is not a session link, proxy or fork. Each problem points at the
// row's status or source column.
func SourceProblems(pos sheet.Pos, st Status, source string) sheet.Errors {
	c := provenance.Classify(source)
	var errs sheet.Errors
	if st != "" {
		if err := StatusTierProblem(st, c); err != nil {
			errs = append(errs, pos.Wrap("status", err))
		}
	}
	for _, p := range c.Flaws {
		errs = append(errs, pos.Wrap("source", p))
	}
	return errs
}

// SourceProblems checks the source of every chip, system and figure read
// from a sheet (not hwcmp's derivations, whose source is hwcmp's own).
func (c *Catalog) SourceProblems() sheet.Errors {
	var errs sheet.Errors
	for _, ch := range c.Chips {
		errs = append(errs, SourceProblems(ch.Pos, "", ch.Source)...)
	}
	for _, s := range c.Systems {
		errs = append(errs, SourceProblems(s.Pos, "", s.Source)...)
	}
	errs = append(errs, c.Values.SourceProblems()...)
	return errs
}

// SourceProblems checks the source of every figure of s read from a sheet,
// and that no group prefers a figure on a weaker source tier than one of
// its alternatives: the preferred figure for a key is the best-tier one.
func (s *ValueSet) SourceProblems() sheet.Errors {
	var errs sheet.Errors
	for _, vs := range [][]*Value{s.values, s.relative} {
		for _, v := range vs {
			if v.Formula == "" {
				errs = append(errs, SourceProblems(v.Pos, v.Status, v.Source)...)
			}
		}
	}
	for _, k := range s.sortedKeys() {
		g := s.group(k)
		pref := g[0]
		if !pref.Preferred || pref.Formula != "" && pref.Pos.Line() == 0 {
			continue
		}
		for _, alt := range g[1:] {
			if alt.Formula == "" && alt.Tier().Rank() < pref.Tier().Rank() {
				errs = append(errs, pref.Pos.Errorf("preferred", "%s prefers a %s figure over the %s one at %s: prefer the best-tier figure",
					k, pref.Tier(), alt.Tier(), alt.Pos))
				break
			}
		}
	}
	return errs
}

// VendorStatus is the status of a maker's or seller's number cited from
// source: vendor where the source is primary, reported where it relays
// the number (an importer transcribing a dataset's link uses it).
func VendorStatus(source string) Status {
	if provenance.Classify(source).Tier == provenance.Primary {
		return Vendor
	}
	return Reported
}
