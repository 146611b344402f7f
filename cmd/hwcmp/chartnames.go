package main

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
)

// displayName returns the name people know a chip or system by, for
// charts and the report: the catalog name without the vendor's prefix and
// without a parenthetical that only says where the chip is sold
// ("NVIDIA B200 (as in HGX/DGX B200)" reads "B200"). Ids stay in CSV and
// JSON. This is the charts' own minimal rule until the CLI's shared
// display names (issue 15) replace it.
func displayName(cat *specs.Catalog, id string) string {
	name, vendor := subjectName(cat, id)
	return shortName(id, name, vendor)
}

// shortName is displayName for a subject whose catalog name and vendor
// the caller has already looked up.
func shortName(id, name, vendor string) string {
	if name == "" || name == id {
		return id
	}
	for _, prefix := range []string{vendor + " Instinct ", vendor + " ", "Amazon EC2 ", "AWS ", "Cloud "} {
		if strings.TrimSpace(prefix) != "" && strings.HasPrefix(name, prefix) {
			name = strings.TrimPrefix(name, prefix)
			break
		}
	}
	if i := strings.Index(name, " (as in "); i > 0 {
		name = name[:i]
	}
	if before, after, ok := strings.Cut(name, " GPU as configured in "); ok {
		name = before + " in " + after
	}
	return strings.TrimSpace(name)
}

// siteName shortens a site's or deal's name to its first clause
// ("Meta Hyperion, Richland Parish, Louisiana" reads "Meta Hyperion").
func siteName(name, id string) string {
	if name == "" {
		return id
	}
	if i := strings.IndexAny(name, ",("); i > 8 {
		name = name[:i]
	}
	return strings.TrimSpace(name)
}

// precisionWords writes a precision and sparsity as people write them:
// "FP8 dense".
func precisionWords(o compare.Options) string {
	return strings.ToUpper(string(o.Precision)) + " " + string(o.Sparsity)
}

// metricTitle writes a metric in plain words with its precision and
// basis: "FP8 dense peak throughput per watt of rated power, per chip".
func metricTitle(m *compare.Metric, o compare.Options) string {
	doc := strings.TrimSuffix(m.Doc, " at the chosen precision and sparsity")
	if i := strings.IndexAny(doc, ":;"); i > 0 {
		doc = doc[:i]
	}
	if doc == "" {
		doc = m.Name
	}
	if m.ByPrecision() {
		doc = precisionWords(o) + " " + doc
	}
	return upperFirst(doc) + ", per " + basisWords(o.Basis)
}

// basisWords writes a basis as people read it: "chip", "system", "GW".
func basisWords(b compare.Basis) string {
	if b == compare.PerGW {
		return "GW"
	}
	return string(b)
}

// axisWords names a metric on an axis: its name in words.
func axisWords(m *compare.Metric) string { return strings.ReplaceAll(m.Name, "-", " ") }

// lowerFirst lower-cases the first letter of s unless it starts an
// acronym ("FP8", "TCO").
func lowerFirst(s string) string {
	if len(s) < 2 || strings.ToUpper(s[:2]) == s[:2] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// publishers names the sites the data cites most, for short source names.
var publishers = map[string]string{
	"docs.aws.amazon.com":                   "AWS docs",
	"aws.amazon.com":                        "AWS",
	"awsdocs-neuron.readthedocs-hosted.com": "AWS Neuron docs",
	"docs.cloud.google.com":                 "Google Cloud docs",
	"cloud.google.com":                      "Google Cloud",
	"docs.nvidia.com":                       "NVIDIA docs",
	"www.nvidia.com":                        "NVIDIA",
	"nvidia.com":                            "NVIDIA",
	"rocm.docs.amd.com":                     "AMD ROCm docs",
	"www.amd.com":                           "AMD",
	"glennklockwood.com":                    "Glenn Klockwood notes",
	"www.anthropic.com":                     "Anthropic",
}

// docName splits a source into its publisher, the document's last path
// element and the year, for a footnote: ("AWS Neuron docs", "trainium3",
// "2025"). A source that is not a URL (an analyst note's title) is its own
// publisher, cut to a few words; sources hwcmp wrote itself (derived
// figures) have none.
func docName(source string, asOf specs.Date) (publisher, title, year string) {
	if !asOf.IsZero() {
		year = strings.SplitN(asOf.String(), "-", 2)[0]
	}
	u, err := url.Parse(source)
	if err != nil || u.Host == "" {
		if strings.HasPrefix(source, "hwcmp") {
			return "", "", ""
		}
		return shortWords(source, 6), "", year
	}
	host := strings.ToLower(u.Host)
	publisher, ok := publishers[host]
	if !ok {
		publisher = strings.TrimPrefix(host, "www.")
	}
	parts := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if host == "github.com" && len(parts) >= 2 {
		return "GitHub " + parts[0] + "/" + parts[1], "", year
	}
	for i := len(parts) - 1; i >= 0 && title == ""; i-- {
		t := strings.TrimSuffix(parts[i], path.Ext(parts[i]))
		if t != "" && t != "index" && t != "latest" && t != "blob" && t != "main" {
			title = t
		}
	}
	if r := []rune(title); len(r) > 24 {
		title = string(r[:23]) + "…"
	}
	return publisher, title, year
}

func shortWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		return strings.Join(w[:n], " ") + "…"
	}
	return s
}

// sourceNames lists the publishers behind evidence, most cited first, each
// with up to two of its documents and its newest year: "AWS Neuron docs
// (trainium3, trainium2…) 2025". The report lists every document in full.
func sourceNames(ev []compare.Evidence) []string {
	type pub struct {
		name   string
		count  int
		titles []string
		year   string
	}
	by := map[string]*pub{}
	var order []*pub
	for _, e := range ev {
		if e.Source == "" {
			continue
		}
		name, title, year := docName(e.Source, e.AsOf)
		if name == "" {
			continue
		}
		p := by[name]
		if p == nil {
			p = &pub{name: name}
			by[name] = p
			order = append(order, p)
		}
		p.count++
		if title != "" && !slices.Contains(p.titles, title) {
			p.titles = append(p.titles, title)
		}
		p.year = max(p.year, year)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].count > order[j].count })
	var out []string
	for _, p := range order {
		s := p.name
		switch {
		case len(p.titles) > 2:
			s += " (" + strings.Join(p.titles[:2], ", ") + "…)"
		case len(p.titles) > 0:
			s += " (" + strings.Join(p.titles, ", ") + ")"
		}
		if p.year != "" {
			s += " " + p.year
		}
		out = append(out, s)
	}
	return out
}

// datedUpTo writes the newest date of evidence, for a footnote.
func datedUpTo(ev []compare.Evidence) string {
	var newest specs.Date
	for _, e := range ev {
		if e.AsOf.Compare(newest) > 0 {
			newest = e.AsOf
		}
	}
	if newest.IsZero() {
		return ""
	}
	return fmt.Sprintf("sources dated up to %s", newest)
}
