package specs

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/sheet"
)

//go:embed data/*.csv
var defaultData embed.FS

// A Source is a folder of sheets: the embedded defaults, a user's --data
// folder, or a test fixture. Every sheet goes through the same loader
// whichever it is.
type Source struct {
	FS   fs.FS
	Name string // names the folder in messages, e.g. "embedded:specs/data" or "./mydata"
}

// Defaults returns the spec sheets built into hwcmp.
func Defaults() Source { return Embedded(defaultData, "data", "embedded:specs/data") }

// Embedded returns the folder dir of an embedded file system as a Source:
// each package that ships default sheets embeds its own data folder.
func Embedded(fsys fs.FS, dir, name string) Source {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // a go:embed folder always exists
	}
	return Source{FS: sub, Name: name}
}

// Spec sheet file patterns: a folder may split each kind of sheet over
// several files, e.g. values-nvidia.csv and values-aws.csv.
const (
	ChipSheets   = "chips*.csv"
	SystemSheets = "systems*.csv"
	ValueSheets  = "values*.csv"
)

// Owns reports whether a file named name is a spec sheet, so that a
// command can flag files in a --data folder that no package reads.
func Owns(name string) bool {
	for _, p := range []string{ChipSheets, SystemSheets, ValueSheets, BoundSheets} {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// Literal returns a glob pattern that matches exactly name, so that a user's
// file of any name can go through ReadSheets.
func Literal(name string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(name)
}

// ReadSheets reads every file of src matching pattern into rows of T;
// errors name files as src.Name/file.
func ReadSheets[T any](src Source, pattern string) ([]sheet.Row[T], sheet.Errors) {
	var rows []sheet.Row[T]
	errs := eachFile(src, pattern, func(name string, data []byte) error {
		rs, err := sheet.Decode[T](name, data)
		if rows == nil {
			rows = rs // one sheet of this kind (the usual case): no copy
		} else {
			rows = append(rows, rs...)
		}
		return err
	})
	return rows, errs
}

// EachSheet is ReadSheets handing each row to fn as it is decoded, so
// that the records of a large sheet are never all held at once.
func EachSheet[T any](src Source, pattern string, fn func(sheet.Row[T])) sheet.Errors {
	return eachFile(src, pattern, func(name string, data []byte) error {
		return sheet.Each(name, data, fn)
	})
}

// eachFile reads every file of src matching pattern, in name order, and
// hands it to decode with its name as errors give it (src.Name/file).
func eachFile(src Source, pattern string, decode func(name string, data []byte) error) sheet.Errors {
	files, err := fs.Glob(src.FS, pattern)
	if err != nil {
		return sheet.Errors{{File: src.Name, Err: err}}
	}
	sort.Strings(files)
	var errs sheet.Errors
	for _, f := range files {
		data, err := sheet.ReadFile(src.FS, f)
		name := path.Join(src.Name, f)
		if err != nil {
			errs = append(errs, &sheet.Error{File: name, Err: err})
			continue
		}
		errs.Collect(name, decode(name, data))
	}
	return errs
}

// ReadValues reads and checks the value sheets of src matching pattern.
func ReadValues(src Source, pattern string, qs Quantities, known func(string) bool) ([]*Value, sheet.Errors) {
	var vs []*Value
	var rowErrs sheet.Errors
	errs := EachSheet(src, pattern, func(row sheet.Row[ValueRecord]) {
		v, e := ParseValue(row, qs, known)
		rowErrs = append(rowErrs, e...)
		if Loads(e) {
			vs = append(vs, v)
		}
	})
	return vs, append(errs, rowErrs...)
}

// parsedValues is one source's value sheets, parsed but with their
// subjects not yet checked: the figures without problems, the ones with
// (whose subjects are still checked, so that every problem of a row is
// reported at once), and the problems.
type parsedValues struct {
	good, bad []*Value
	errs      sheet.Errors
}

// parseValueSheets reads and parses the value sheets of each source on
// another goroutine, so that the bulk of a large catalogue (several
// figures per chip) is decoded while its chips and systems load; wait
// returns the sources' figures in order.
func parseValueSheets(ctx context.Context, srcs []Source, qs Quantities) (wait func() []parsedValues) {
	done := make(chan []parsedValues, 1)
	go func() {
		out := make([]parsedValues, len(srcs))
		table := interned{}
		n, stopped := 0, false
		for i, src := range srcs {
			p := &out[i]
			var rowErrs sheet.Errors
			p.errs = EachSheet(src, ValueSheets, func(row sheet.Row[ValueRecord]) {
				if n++; stopped || n%4096 == 0 && ctx.Err() != nil {
					stopped = true // the rest of the sheet is only decoded; the caller returns ctx's error
					return
				}
				v, e := parseValue(row, qs, table)
				rowErrs = append(rowErrs, e...)
				if Loads(e) {
					p.good = append(p.good, v)
				} else {
					p.bad = append(p.bad, v)
				}
			})
			p.errs = append(p.errs, rowErrs...)
		}
		done <- out
	}()
	return func() []parsedValues { return <-done }
}

// checked returns p's figures whose subjects are in cat, and every
// problem. A kept figure's subject is the catalog's own copy of the id,
// so that the figure holds nothing of its sheet's record.
func (p parsedValues) checked(cat *Catalog) ([]*Value, sheet.Errors) {
	errs := p.errs
	for _, v := range p.bad {
		errs = append(errs, v.checkSubjects(cat.Known)...)
	}
	vs := p.good[:0:0]
	for _, v := range p.good {
		if id, ok := cat.id(v.Subject); ok && (v.RelativeTo == "" || cat.Known(v.RelativeTo)) {
			v.Subject = id
			vs = append(vs, v)
			continue
		}
		errs = append(errs, v.checkSubjects(cat.Known)...)
	}
	return vs, errs
}

// An EntityReplacement records a user's chip or system row that replaced a
// default with the same id.
type EntityReplacement struct {
	ID       string
	Old, New sheet.Pos
}

// mergeByID merges layers of entities, a later layer's id replacing an
// earlier one's; an id twice in one layer is an error. It returns the
// merged entities and their positions by id.
func mergeByID[E any](layers [][]E, id func(E) string, pos func(E) sheet.Pos) ([]E, map[string]int32, []EntityReplacement, sheet.Errors) {
	n := 0
	for _, layer := range layers {
		n += len(layer)
	}
	out := make([]E, 0, n)
	layerOf := make([]int, 0, n) // the layer each of out came from
	index := make(map[string]int32, n)
	var repl []EntityReplacement
	var errs sheet.Errors
	for l, layer := range layers {
		for _, e := range layer {
			k := id(e)
			i, ok := index[k]
			switch {
			case ok && layerOf[i] == l:
				errs = append(errs, pos(e).Errorf("id", "duplicate id %q (first at %s)", k, pos(out[i])))
			case ok:
				repl = append(repl, EntityReplacement{ID: k, Old: pos(out[i]), New: pos(e)})
				out[i], layerOf[i] = e, l
			default:
				index[k] = int32(len(out))
				out = append(out, e)
				layerOf = append(layerOf, l)
			}
		}
	}
	return out, index, repl, errs
}

// Load reads the chips, systems and values of each source, later sources
// overriding earlier ones (see NewValueSet), and checks everything. It
// returns the catalog even when there are problems, with every problem as
// a sheet.Errors, so that `hwcmp validate` can show them all.
func Load(srcs ...Source) (*Catalog, error) {
	return LoadContext(context.Background(), LoadOptions{}, srcs...)
}

// LoadOptions are the choices Load leaves to its caller.
type LoadOptions struct {
	// Bounds says what a figure outside its quantity's plausible range
	// does (the zero value refuses it). Under BoundsWarn the catalog's
	// Implausible lists what loaded anyway.
	Bounds BoundsMode
}

// LoadContext is Load with options, that stops, returning ctx's error,
// once ctx is done (Ctrl-C): it looks between sheets and every few
// thousand rows, so that a catalogue of 100,000 chips stops within a
// fraction of a second.
func LoadContext(ctx context.Context, opts LoadOptions, srcs ...Source) (*Catalog, error) {
	qs := SpecQuantities()
	qs.SetBounds(opts.Bounds)
	bounds, errs := ReadBounds(srcs...)
	rest, e := ApplyBounds(qs, bounds)
	errs = append(errs, e...)
	values := parseValueSheets(ctx, srcs, qs)
	var chipLayers [][]*Chip
	var sysRows [][]sheet.Row[SystemRecord]
	for _, src := range srcs {
		rows, e := ReadSheets[ChipRecord](src, ChipSheets)
		errs = append(errs, e...)
		var layer []*Chip
		for _, row := range rows {
			c, e := parseChip(row)
			errs = append(errs, e...)
			if len(e) == 0 {
				layer = append(layer, c)
			}
		}
		chipLayers = append(chipLayers, layer)
		srows, e := ReadSheets[SystemRecord](src, SystemSheets)
		errs = append(errs, e...)
		sysRows = append(sysRows, srows)
	}
	if err := ctx.Err(); err != nil {
		values() // the reader stops soon too; wait so that nothing outlives the call
		return nil, err
	}
	cat := &Catalog{Bounds: rest, BoundsMode: opts.Bounds}
	chips, chipIndex, repl, e := mergeByID(chipLayers, func(c *Chip) string { return c.ID }, func(c *Chip) sheet.Pos { return c.Pos })
	errs = append(errs, e...)
	cat.Chips, cat.chips, cat.ReplacedEntities = chips, chipIndex, repl

	var sysLayers [][]*System
	for _, rows := range sysRows {
		var layer []*System
		for _, row := range rows {
			s, e := parseSystem(row, cat.Chip, qs[QChipCount])
			errs = append(errs, e...)
			if Loads(e) {
				layer = append(layer, s)
			}
		}
		sysLayers = append(sysLayers, layer)
	}
	systems, sysIndex, repl, e := mergeByID(sysLayers, func(s *System) string { return s.ID }, func(s *System) sheet.Pos { return s.Pos })
	errs = append(errs, e...)
	cat.Systems, cat.systems, cat.ReplacedEntities = systems, sysIndex, append(cat.ReplacedEntities, repl...)
	for _, s := range systems {
		if _, clash := cat.chips[s.ID]; clash {
			errs = append(errs, s.Pos.Errorf("id", "%q is already a chip id", s.ID))
		}
	}

	parsed := values()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var valueLayers [][]*Value
	for _, p := range parsed {
		vs, e := p.checked(cat)
		errs = append(errs, e...)
		valueLayers = append(valueLayers, vs)
	}
	set, e := NewValueSet(valueLayers...)
	errs = append(errs, e...)
	cat.Values = set
	deriveDense(cat)
	errs = append(errs, set.ResolveRelative()...)
	errs = append(errs, set.CheckDerived(qs)...)
	errs = append(errs, cat.checkPowerBases()...)
	errs, cat.Implausible = SplitBounds(errs)
	cat.Implausible.Sort()
	return cat, errs.Err()
}

// twoToFourVendors quote structured sparsity as 2:4, twice the dense
// rate. Others (AWS Trainium's 4:16, for one) use other patterns, so their
// sparse figures say nothing exact about dense ones.
var twoToFourVendors = map[string]bool{"NVIDIA": true, "AMD": true}

// deriveDense adds a dense throughput figure, half the sparse one, for every
// subject and precision that has only a sparse figure, where the subject's
// chip is from a vendor whose sparsity is 2:4.
func deriveDense(cat *Catalog) {
	set := cat.Values
	for _, v := range append([]*Value(nil), set.Values()...) {
		if v.Quantity != QThroughput || v.Sparsity != Sparse || !v.Preferred || !twoToFourVendors[cat.vendorOf(v.Subject)] {
			continue
		}
		dense := v.GroupKey
		dense.Sparsity = Dense
		if len(set.Group(dense)) > 0 {
			continue
		}
		d := set.Derive(dense, v.Base/2, Derived,
			fmt.Sprintf("%s sparse (%s) ÷ 2: dense rate of a 2:4 structured-sparsity figure", v.Precision, v.Value), v)
		d.Low, d.High, d.HasRange = v.Low/2, v.High/2, v.HasRange
	}
}

// vendorOf returns the vendor of a chip, or of a system's chip.
func (c *Catalog) vendorOf(id string) string {
	ch, ok := c.Chip(id)
	if s, sys := c.System(id); sys {
		ch, ok = c.ChipOf(s)
	}
	if ok {
		return ch.Vendor
	}
	return ""
}
