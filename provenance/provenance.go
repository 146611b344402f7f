// Package provenance classifies where a number comes from. Every figure,
// price and entity row names a source; this package decides, in one table,
// whether that source is the maker's or seller's own document (primary), a
// relay of it (secondary) or hwcmp's own work, and whether the address is
// one that should not be cited at all: a session link, a proxy or mirror,
// or a fork of an official repository.
//
// A vendor or measured figure must rest on a primary source: a news site
// relaying a datasheet number is evidence that the vendor said it, not the
// datasheet itself, and its row says "reported".
package provenance

import (
	"fmt"
	"net/url"
	"strings"
)

// A Tier says how close a source is to the number's origin.
type Tier string

// The tiers, strongest first.
const (
	// Primary is the vendor's or cloud's own document: datasheets, product
	// pages, documentation and its repositories, price lists and price
	// APIs, MLCommons results, regulatory filings.
	Primary Tier = "primary"
	// Secondary is anyone relaying or interpreting a number: press,
	// aggregators, wikis, blogs, personal notes, forks and mirrors.
	Secondary Tier = "secondary"
	// Hwcmp is hwcmp's own work: derivations, assumptions, an empty or
	// internal source.
	Hwcmp Tier = "hwcmp"
)

var tierOrder = []Tier{Primary, Secondary, Hwcmp}

// Rank orders tiers: 0 for primary, larger for weaker; unknown tiers last.
func (t Tier) Rank() int {
	for i, u := range tierOrder {
		if u == t {
			return i
		}
	}
	return len(tierOrder)
}

// A Flaw is something wrong with a source address itself, whatever its
// tier: it should be replaced by the canonical address.
type Flaw string

// The flaws.
const (
	// SessionLink is an address carrying a signed-in user's session
	// (?authuser=N): it does not resolve for other readers the same way.
	SessionLink Flaw = "session link"
	// Proxy is an address on a relay, CDN copy or republishing site
	// rather than the publisher's own host.
	Proxy Flaw = "proxy or mirror"
	// Fork is a copy of an official repository under another owner.
	Fork Flaw = "fork of an official repository"
)

// A Class is the classification of one source.
type Class struct {
	Tier Tier
	// Publisher names who published the source: a host, an owner/repo, or
	// the matched document prefix; empty for hwcmp's own.
	Publisher string
	// Flaws lists what is wrong with the address; each is a Problem.
	Flaws []Problem
}

// A Problem is one flaw of a source address, with what to cite instead.
type Problem struct {
	Flaw Flaw
	Why  string
}

func (p Problem) Error() string { return string(p.Flaw) + ": " + p.Why }

// primaryHosts are publishers whose own documents are primary. A host
// matches itself and its subdomains.
var primaryHosts = []string{
	// NVIDIA
	"nvidia.com",
	// AMD
	"amd.com",
	// Intel
	"intel.com",
	// AWS, its docs, price list and Neuron docs
	"aws.amazon.com", "docs.aws.amazon.com", "pricing.us-east-1.amazonaws.com",
	"pricing.eu-central-1.amazonaws.com", "pricing.ap-south-1.amazonaws.com",
	"awsdocs-neuron.readthedocs-hosted.com", "aboutamazon.com",
	// Google Cloud and Google's own announcements
	"cloud.google.com", "docs.cloud.google.com", "blog.google", "cloud.google", "research.google",
	// Microsoft and Azure
	"microsoft.com", "prices.azure.com",
	// Arm, Ampere, Meta (MTIA)
	"arm.com", "amperecomputing.com", "meta.com",
	// Benchmarks and filings
	"mlcommons.org", "spec.org", "sec.gov", "eia.gov",
}

// primaryOwners are GitHub owners (organisations) whose repositories are
// primary: the vendors' and MLCommons' own.
var primaryOwners = []string{
	"aws", "aws-neuron", "awslabs", "aws-samples", "mlcommons", "nvidia", "rocm", "amd",
	"google", "googlecloudplatform", "jax-ml", "openxla", "intel", "azure", "microsoft", "firecracker-microvm",
}

// officialRepos maps the name of an official repository to its owner. A
// repository of that name under another owner is a fork (or a copy) and is
// flagged: cite the official one.
var officialRepos = map[string]string{
	"karpenter-provider-aws":       "aws",
	"karpenter":                    "aws",
	"aws-neuron-sdk":               "aws-neuron",
	"aws-graviton-getting-started": "aws",
	"inference_results_v4.0":       "mlcommons",
	"inference_results_v4.1":       "mlcommons",
	"inference_results_v5.0":       "mlcommons",
	"inference_results_v5.1":       "mlcommons",
	"inference_results_v6.0":       "mlcommons",
	"inference_results_v6.1":       "mlcommons",
	"training_results_v4.0":        "mlcommons",
	"training_results_v4.1":        "mlcommons",
	"training_results_v5.0":        "mlcommons",
	"training_results_v5.1":        "mlcommons",
	"neuronx-distributed":          "aws-neuron",
	"jax":                          "jax-ml",
}

// proxyHosts are relays and republishing sites: their copy of a page is
// not the publisher's. A host matches itself and its subdomains.
var proxyHosts = []string{
	"cloudfront.net", "rproxy.goskope.com", "goskope.com", "archive.ph", "archive.today",
	"translate.goog", "buzzbytech.com", "briefbriefing.com", "ceo-na.com", "news.fishaiapp.com",
	"googleusercontent.com",
}

// primaryDocs are prefixes of non-URL sources that name a vendor's or
// cloud's own document or API (for example a Billing Catalog SKU).
var primaryDocs = []string{
	"Google Cloud Billing Catalog API", "AWS Price List", "AWS Neuron docs", "NVIDIA ", "AMD ", "Intel ",
	"MLCommons", "Azure Retail Prices API", "SEC ", "Form 10-K", "Form 10-Q",
}

// Classify returns the tier and flaws of a source as written in a sheet:
// a URL, or the name of a document.
func Classify(source string) Class {
	s := strings.TrimSpace(source)
	if s == "" || strings.HasPrefix(strings.ToLower(s), "hwcmp") {
		return Class{Tier: Hwcmp}
	}
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		if bareAddress(s) {
			return Classify("https://" + s)
		}
		for _, p := range primaryDocs {
			if strings.HasPrefix(s, p) {
				return Class{Tier: Primary, Publisher: strings.TrimSpace(p)}
			}
		}
		return Class{Tier: Secondary, Publisher: s}
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return Class{Tier: Secondary, Publisher: s, Flaws: []Problem{{Flaw: Proxy, Why: fmt.Sprintf("not a readable URL: %q", s)}}}
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if inner, ok := waybackTarget(host, s); ok {
		// The Internet Archive's dated copy of a page is that page as
		// it stood: the way to cite a superseded price or datasheet.
		c := Classify(inner)
		c.Publisher += " (Wayback Machine copy)"
		return c
	}
	c := Class{Tier: Secondary, Publisher: host}
	if u.Query().Has("authuser") {
		c.Flaws = append(c.Flaws, Problem{SessionLink, "drop the ?authuser= parameter: " + stripQuery(u, "authuser")})
	}
	if owner, repo, ok := githubRepo(host, u.Path); ok {
		c.Publisher = owner + "/" + repo
		if official, ok := officialRepos[strings.ToLower(repo)]; ok && !strings.EqualFold(owner, official) {
			c.Flaws = append(c.Flaws, Problem{Fork, fmt.Sprintf("%s/%s is a copy of %s/%s: cite the official repository", owner, repo, official, repo)})
			return c
		}
		if matchFold(primaryOwners, owner) {
			c.Tier = Primary
		}
		return c
	}
	if matchHost(proxyHosts, host) {
		c.Flaws = append(c.Flaws, Problem{Proxy, host + " relays or republishes another site's page: cite the publisher's own address"})
		return c
	}
	if matchHost(primaryHosts, host) {
		c.Tier = Primary
	}
	return c
}

// bareAddress reports whether s is a web address written without its
// scheme, such as "aws.amazon.com/ec2/pricing/": one word whose host part
// has a dot and a path.
func bareAddress(s string) bool {
	host, _, ok := strings.Cut(s, "/")
	return ok && !strings.ContainsAny(s, " \t") && strings.Contains(host, ".") && !strings.Contains(host, ",")
}

// waybackTarget returns the address a Wayback Machine copy is of:
// https://web.archive.org/web/<timestamp>/<address>.
func waybackTarget(host, source string) (string, bool) {
	if host != "web.archive.org" {
		return "", false
	}
	_, rest, ok := strings.Cut(source, "/web/")
	if !ok {
		return "", false
	}
	_, inner, ok := strings.Cut(rest, "/")
	if !ok || !strings.HasPrefix(inner, "http") {
		return "", false
	}
	return inner, true
}

// githubRepo returns the owner and repository of a GitHub page or raw
// file address.
func githubRepo(host, path string) (owner, repo string, ok bool) {
	if host != "github.com" && host != "raw.githubusercontent.com" {
		return "", "", false
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return "", "", false
	}
	return parts[0], strings.TrimSuffix(parts[1], ".git"), true
}

func matchHost(list []string, host string) bool {
	for _, h := range list {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

func matchFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func stripQuery(u *url.URL, key string) string {
	v := *u
	q := v.Query()
	q.Del(key)
	v.RawQuery = q.Encode()
	return v.String()
}
