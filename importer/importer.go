// Package importer turns the clouds' published price lists (the AWS Price
// List bulk files, Azure Retail Prices pages, Google Cloud Billing Catalog
// SKUs) and Epoch AI's ML hardware CSV into hwcmp's own sheets, ready for
// --data.
//
// Importers stream: a multi-gigabyte AWS file is read line by line (or, as
// JSON, token by token), and only the rows hwcmp keeps are held in memory.
// Columns and fields are found by name, never by position. Every importer
// returns a Summary of what it read, kept, dropped (by reason) and found
// duplicated; a file that is not what it claims to be — truncated, a
// changed header, an HTML error page, a gzip archive, a garbage price — is
// an error naming the file and line (or byte offset, or page), and nothing
// is written.
package importer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/gocarina/gocsv"
	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/sheet"
	"github.com/hwcmp/hwcmp/specs"
)

// A Summary says what an import did.
type Summary struct {
	Source     string
	Published  specs.Date // the publication date the prices carry as as_of
	Read       int        // rows or items read
	Kept       int
	Dropped    map[string]int // reason → count
	Duplicates []string       // the first maxListed duplicates, described
	// DuplicateCount counts every duplicate, listed or not.
	DuplicateCount int
	// Renamed lists the first maxListed rows imported under another id
	// than their own, and RenameCount counts them all.
	Renamed     []string
	RenameCount int
}

func (s *Summary) rename(desc string) {
	s.RenameCount++
	if len(s.Renamed) < maxListed {
		s.Renamed = append(s.Renamed, desc)
	}
}

// maxListed caps how many duplicates a summary describes, so that its
// memory stays flat however damaged a file is.
const maxListed = 20

func (s *Summary) duplicate(desc string) {
	s.DuplicateCount++
	if len(s.Duplicates) < maxListed {
		s.Duplicates = append(s.Duplicates, desc)
	}
}

func newSummary(source string) *Summary {
	return &Summary{Source: source, Dropped: make(map[string]int)}
}

func (s *Summary) drop(reason string) { s.Dropped[reason]++ }

// Lines writes the summary for people, one line each, reasons by count.
func (s *Summary) Lines() []string {
	lines := []string{fmt.Sprintf("%s: %d read, %d kept, %d dropped, %d duplicates", s.Source, s.Read, s.Kept, s.DroppedTotal(), s.DuplicateCount)}
	type rc struct {
		reason string
		n      int
	}
	var rs []rc
	for r, n := range s.Dropped {
		rs = append(rs, rc{r, n})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].n > rs[j].n || rs[i].n == rs[j].n && rs[i].reason < rs[j].reason })
	for _, r := range rs {
		lines = append(lines, fmt.Sprintf("  dropped %d: %s", r.n, r.reason))
	}
	for _, d := range s.Duplicates {
		lines = append(lines, "  duplicate: "+d)
	}
	if more := s.DuplicateCount - len(s.Duplicates); more > 0 {
		lines = append(lines, fmt.Sprintf("  and %d more duplicates", more))
	}
	for _, r := range s.Renamed {
		lines = append(lines, "  renamed: "+r)
	}
	if more := s.RenameCount - len(s.Renamed); more > 0 {
		lines = append(lines, fmt.Sprintf("  and %d more renamed", more))
	}
	return lines
}

// DroppedTotal returns how many rows were dropped.
func (s *Summary) DroppedTotal() int {
	n := 0
	for _, c := range s.Dropped {
		n += c
	}
	return n
}

// Options are the choices every price importer takes.
type Options struct {
	// Region keeps only this region's prices; empty keeps all.
	Region string
	// Known reports whether an offering id is a system hwcmp knows:
	// prices of other offerings are dropped (with the reason), since a
	// price sheet may only name known systems.
	Known func(id string) bool
}

// prices collects imported rows, one per offering, region and term. A
// duplicate with a newer date replaces the older row (a price list may
// hold a meter's past and current rates); one with the same date and
// another price is reported, not overwritten. A zero price with no
// upfront fee is not a price: the price sheet would refuse it.
type prices struct {
	rows []pricing.PriceRecord
	seen map[string]int // key → index into rows
	sum  *Summary
}

func newPrices(sum *Summary) *prices {
	return &prices{seen: make(map[string]int), sum: sum}
}

func (ps *prices) add(r pricing.PriceRecord, where string) {
	cleanFields(&r)
	if isZero(r.USDPerHour) && isZero(r.UpfrontUSD) {
		ps.sum.drop("zero price")
		return
	}
	if err := pricing.CheckRecord(r); err != nil {
		ps.sum.drop("a row the price sheet would refuse: " + err.Error())
		return
	}
	k := strings.Join([]string{r.Provider, r.Offering, r.Region, r.Term, r.Option, r.Class}, "|")
	i, dup := ps.seen[k]
	if !dup {
		ps.seen[k] = len(ps.rows)
		ps.rows = append(ps.rows, r)
		ps.sum.Kept++
		return
	}
	old := ps.rows[i]
	newer, _ := specs.ParseDate(r.AsOf)
	older, _ := specs.ParseDate(old.AsOf)
	switch {
	case newer.Compare(older) > 0:
		ps.rows[i] = r
		ps.sum.drop("an older rate of a price listed again")
	case newer.Compare(older) < 0:
		ps.sum.drop("an older rate of a price listed again")
	case old.USDPerHour == r.USDPerHour && old.UpfrontUSD == r.UpfrontUSD:
		ps.sum.drop("the same price listed twice")
	default:
		ps.sum.duplicate(fmt.Sprintf("%s %s %s %s %s: %s kept, %s USD/h at %s dropped",
			r.Offering, r.Region, r.Term, r.Option, r.Class, describePrice(old), r.USDPerHour, where))
	}
}

// isZero reports whether an amount written by units.FormatNumber is empty
// or zero.
func isZero(amount string) bool { return amount == "" || amount == "0" }

// describePrice writes a row's price for people.
func describePrice(r pricing.PriceRecord) string {
	if r.UpfrontUSD == "" {
		return r.USDPerHour + " USD/h"
	}
	return r.USDPerHour + " USD/h + " + r.UpfrontUSD + " USD upfront"
}

// MarshalPrices writes rows as an hwcmp price sheet.
func MarshalPrices(rows []pricing.PriceRecord) ([]byte, error) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		return strings.Join([]string{a.Offering, a.Region, a.Term, a.Option, a.Class}, "|") <
			strings.Join([]string{b.Offering, b.Region, b.Term, b.Option, b.Class}, "|")
	})
	var b bytes.Buffer
	if err := gocsv.Marshal(rows, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WritePrices writes rows as an hwcmp price sheet at path, atomically.
func WritePrices(path string, rows []pricing.PriceRecord) error {
	data, err := MarshalPrices(rows)
	if err != nil {
		return err
	}
	return sheet.WriteAtomic(path, data)
}

// sniff rejects data that is plainly not a price list: a gzip archive or
// an HTML page (an error page from a server or proxy).
func sniff(name string, head []byte) error {
	t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return fmt.Errorf("%s: gzip-compressed: decompress it first (gunzip)", name)
	case bytes.HasPrefix(t, []byte("<")):
		return fmt.Errorf("%s: an HTML or XML page, not a price list (an error page from the server?): %q", name, firstLine(t))
	}
	return nil
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > 80 {
		b = b[:80]
	}
	return string(b)
}

// WithContext returns rc reading until ctx is done, then failing with
// ctx's error: an import interrupted by Ctrl-C stops reading, fails, and
// writes nothing. A nil rc stays nil.
func WithContext(ctx context.Context, rc io.ReadCloser) io.ReadCloser {
	if rc == nil {
		return nil
	}
	return ctxReader{ctx, rc}
}

type ctxReader struct {
	ctx context.Context
	io.ReadCloser
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, context.Cause(r.ctx)
	}
	return r.ReadCloser.Read(p)
}

// cleanText makes a third party's text a field hwcmp's sheets hold as
// written: valid UTF-8 (a bad byte becomes U+FFFD), control characters
// (newlines, tabs, escapes) as spaces, no surrounding space, since the
// sheet reader trims fields and refuses control characters.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// cleanFields applies cleanText to every string field of *rec, a record
// struct of string fields.
func cleanFields(rec any) {
	v := reflect.ValueOf(rec).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.String {
			f.SetString(cleanText(f.String()))
		}
	}
}
