package main

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/spf13/pflag"
)

// A selection is what --chips or --systems asks for: a comma-separated
// list of terms, each an id ("trn3"), a glob ("trn*", "p5.*"), or a
// field test: vendor:NAME, kind:KIND (accelerator, cpu, or a system kind
// such as instance), provider:NAME (systems), chip:ID-or-glob (systems
// built on those chips). Matching ignores case. The subjects come out in
// the order of the terms, each term's matches in the catalog's order, each
// subject once.
type selection struct {
	flag  string // the flag it came from, for messages: "--chips"
	terms []string
}

// parseSelection splits a flag's value into terms.
func parseSelection(flag, value string) selection {
	s := selection{flag: flag}
	for _, t := range strings.Split(value, ",") {
		if t = strings.TrimSpace(t); t != "" {
			s.terms = append(s.terms, t)
		}
	}
	return s
}

// empty reports whether nothing was asked for.
func (s selection) empty() bool { return len(s.terms) == 0 }

// glob reports whether a term has wildcards.
func glob(term string) bool { return strings.ContainsAny(term, "*?[") }

// matchName matches a name against a pattern, ignoring case, with globs.
func matchName(pattern, name string) bool {
	p, n := strings.ToLower(pattern), strings.ToLower(name)
	if !glob(p) {
		return p == n
	}
	ok, err := path.Match(p, n)
	return err == nil && ok
}

// matches reports whether subject id (a chip or a system) satisfies term.
func matches(cat *specs.Catalog, term, id string) bool {
	field, value, ok := strings.Cut(term, ":")
	if !ok {
		return matchName(term, id)
	}
	chip, isChip := cat.Chip(id)
	sys, isSys := cat.System(id)
	if isSys {
		chip, _ = cat.ChipOf(sys)
	}
	switch strings.ToLower(field) {
	case "vendor":
		return chip != nil && matchName(value, chip.Vendor)
	case "kind":
		return chip != nil && matchName(value, string(chip.Kind)) || isSys && matchName(value, string(sys.Kind))
	case "provider":
		return isSys && matchProvider(value, sys.Provider)
	case "chip":
		return isSys && matchName(value, sys.Chip) || isChip && matchName(value, chip.ID)
	case "lifecycle":
		return chip != nil && matchName(value, string(chip.Lifecycle))
	}
	return false
}

// providerAliases map the names price lists use for a cloud to the names
// the systems sheet uses, so that provider:gcp finds Google's systems.
var providerAliases = map[string]string{"gcp": "google", "google": "gcp", "azure": "microsoft", "microsoft": "azure", "amazon": "aws"}

// matchProvider matches a provider by its name, its first words ("google"
// is "Google Cloud") or an alias ("gcp").
func matchProvider(value, provider string) bool {
	for _, v := range []string{value, providerAliases[strings.ToLower(value)]} {
		if v != "" && (matchName(v, provider) || matchName(v+" *", provider)) {
			return true
		}
	}
	return false
}

// selectionFields are the field tests a term may use.
var selectionFields = []string{"vendor", "kind", "provider", "chip", "lifecycle"}

// check refuses terms that are not well formed.
func (s selection) check() error {
	for _, t := range s.terms {
		if field, _, ok := strings.Cut(t, ":"); ok && !contains(selectionFields, strings.ToLower(field)) {
			return usageError("%s %s: unknown field %q (want an id, a glob, or one of %s followed by :VALUE)%s",
				s.flag, t, field, strings.Join(selectionFields, ":, ")+":", didYouMean(field, selectionFields))
		}
		if _, err := path.Match(strings.ToLower(t), ""); err != nil {
			return usageError("%s %s: bad glob: %v", s.flag, t, err)
		}
	}
	return nil
}

// resolve returns the subjects among candidates that s picks, in the
// order of its terms. A term that matches nothing is an error that names
// the nearest ids: a typo never silently narrows a comparison.
func (s selection) resolve(cat *specs.Catalog, candidates []string) ([]string, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range s.terms {
		n := 0
		for _, id := range candidates {
			if matches(cat, t, id) {
				n++
				if !seen[id] {
					seen[id] = true
					out = append(out, id)
				}
			}
		}
		if n == 0 {
			return nil, s.noMatch(cat, t, candidates)
		}
	}
	return out, nil
}

// noMatch explains a term that matched nothing.
func (s selection) noMatch(cat *specs.Catalog, term string, candidates []string) error {
	if strings.Contains(term, ":") || glob(term) {
		return fmt.Errorf("%s %s matches nothing here", s.flag, term)
	}
	if cat.Known(strings.ToLower(term)) {
		return usageError("%s %s: not one of the subjects here (a chip where systems are compared, or the reverse?)", s.flag, term)
	}
	return usageError("%s: no chip or system %q%s; 'hwcmp specs' lists them", s.flag, term, didYouMean(term, allIDs(cat)))
}

// allIDs lists every chip and system id.
func allIDs(cat *specs.Catalog) []string {
	var ids []string
	for _, c := range cat.Chips {
		ids = append(ids, c.ID)
	}
	for _, s := range cat.Systems {
		ids = append(ids, s.ID)
	}
	return ids
}

// subjectFlags are --chips and --systems, for the commands that choose
// what to show.
type subjectFlags struct {
	chips, systems string
}

// register adds --chips and --systems to fs; def is the help's default.
func (f *subjectFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.chips, "chips", "", "only these chips, in this order: comma-separated `IDs`, globs (trn*), vendor:NAME, kind:cpu, lifecycle:shipping")
	fs.StringVar(&f.systems, "systems", "", "only these systems, in this order: comma-separated `IDs`, globs (p5.*), provider:NAME, chip:ID, kind:instance")
}

// given reports whether either flag was given.
func (f *subjectFlags) given() bool { return f.chips != "" || f.systems != "" }

// pick narrows candidates (chip or system ids) to the flags' selection:
// --chips picks chips, or the systems built on them; --systems picks
// systems. Without either, candidates come back as they are.
func (f *subjectFlags) pick(cat *specs.Catalog, candidates []string) ([]string, error) {
	ids := candidates
	if f.chips != "" {
		sel := parseSelection("--chips", f.chips)
		var chipIDs []string
		for _, c := range cat.Chips {
			chipIDs = append(chipIDs, c.ID)
		}
		chosen, err := sel.resolve(cat, chipIDs)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, c := range chosen { // keep the selection's order
			for _, id := range ids {
				if id == c || isSystemOf(cat, id, c) {
					out = append(out, id)
				}
			}
		}
		for _, t := range sel.terms {
			if glob(t) || strings.Contains(t, ":") {
				continue
			}
			found := false
			for _, id := range out {
				if strings.EqualFold(id, t) || isSystemOf(cat, id, strings.ToLower(t)) {
					found = true
				}
			}
			if !found {
				return nil, fmt.Errorf("--chips %s: %s is not among the subjects here (another kind, lifecycle or vendor, or no systems built on it)", f.chips, t)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("--chips %s: none of them is among the subjects here", f.chips)
		}
		ids = out
	}
	if f.systems != "" {
		var sys []string
		for _, id := range ids {
			if _, ok := cat.System(id); ok {
				sys = append(sys, id)
			}
		}
		if len(sys) == 0 {
			return nil, usageError("--systems: this command compares chips here (use --chips, or --basis system)")
		}
		return parseSelection("--systems", f.systems).resolve(cat, sys)
	}
	return ids, nil
}

func isSystemOf(cat *specs.Catalog, id, chip string) bool {
	s, ok := cat.System(id)
	return ok && s.Chip == chip
}

// parseEnumFlag parses an enumerated flag value ignoring case and
// surrounding space (hwcmp's vocabularies are lower-case), and makes a
// refusal a usage error that names the flag and the allowed values.
func parseEnumFlag[E any](flag, value string, parse func(string) (E, error)) (E, error) {
	v, err := parse(strings.ToLower(strings.TrimSpace(value)))
	if err != nil {
		return v, usageError("--%s: %v", flag, err)
	}
	return v, nil
}

// lookupMetric finds a metric by name, ignoring case, for flag; an
// unknown name is a usage error naming the nearest metrics.
func lookupMetric(w *world, flag, name string) (*compare.Metric, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	m, err := w.metrics.Lookup(name)
	if err == nil {
		return m, nil
	}
	var names []string
	for _, m := range w.metrics.All() {
		names = append(names, m.Name)
	}
	if s := didYouMean(name, names); s != "" {
		return nil, usageError("--%s: no metric %q%s; 'hwcmp metrics' lists them", flag, name, s)
	}
	return nil, usageError("--%s: %v", flag, err)
}

// unusedFlags refuses any of the named flags that were given: they do not
// apply to what the command does in this mode (what), and ignoring them
// would answer a different question than the one asked.
func unusedFlags(fs *pflag.FlagSet, what string, names ...string) error {
	var given []string
	for _, n := range names {
		if f := fs.Lookup(n); f != nil && f.Changed {
			given = append(given, "--"+n)
		}
	}
	if len(given) == 0 {
		return nil
	}
	return usageError("%s does not use %s", what, strings.Join(given, ", "))
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// checkInputFiles refuses --flag files that are missing or not regular
// files, before anything is computed: a misspelt path must never yield
// the answer without the file.
func checkInputFiles(flag string, files []string) error {
	for _, f := range files {
		st, err := os.Stat(f)
		switch {
		case err != nil:
			return fmt.Errorf("--%s %s: %w", flag, f, errors.Unwrap(err))
		case !st.Mode().IsRegular():
			return fmt.Errorf("--%s %s: not a regular file", flag, f)
		}
	}
	return nil
}
