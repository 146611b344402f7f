package pricing

import (
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

// SourceProblems checks the source of every price, site and pricing figure:
// that each row's status agrees with its source's tier and that no address
// is a session link, proxy or fork (see specs.SourceProblems).
func (b *Book) SourceProblems() sheet.Errors {
	var errs sheet.Errors
	for _, p := range b.Prices.All() {
		errs = append(errs, specs.SourceProblems(p.Pos, p.Status, p.Source)...)
	}
	for _, s := range b.Sites {
		errs = append(errs, specs.SourceProblems(s.Pos, "", s.Source)...)
	}
	errs = append(errs, b.Figures.SourceProblems()...)
	return errs
}
