package pricing

import (
	"slices"
	"strings"
)

// The region policy. Cloud prices differ by region (a TPU v5p chip-hour in
// São Paulo is not the price in Iowa), so a comparison must price every
// offering in a stated, deterministic region, never whichever row is
// newest. Without --region, an offering is priced
//
//  1. in its provider's default region (DefaultRegion), else
//  2. in the cheapest US region with a price, else
//  3. from a row whose source states no region.
//
// Prices in other regions are used only when --region names them.

// defaultRegions are the providers' documented default regions: the
// region each cloud's console and price pages open on.
var defaultRegions = map[string]string{
	"aws":   "us-east-1",   // US East (N. Virginia)
	"gcp":   "us-central1", // Iowa
	"azure": "eastus",      // East US
}

// azureUS are Azure's US regions (its names carry no "us-" prefix).
var azureUS = []string{"eastus", "eastus2", "centralus", "northcentralus", "southcentralus",
	"westcentralus", "westus", "westus2", "westus3"}

// DefaultRegion returns provider's default region, or "" if hwcmp knows
// none for it.
func DefaultRegion(provider string) string { return defaultRegions[strings.ToLower(provider)] }

// USRegion reports whether region is a commercial US region of provider
// (GovCloud regions, closed to most buyers, are not).
func USRegion(provider, region string) bool {
	if strings.ToLower(provider) == "azure" {
		return slices.Contains(azureUS, region)
	}
	return strings.HasPrefix(region, "us-") && !strings.HasPrefix(region, "us-gov")
}

// RegionPolicy describes the default region policy, for table headers.
const RegionPolicy = "AWS us-east-1, GCP us-central1, Azure eastus; else the cheapest US region; else region not stated"

// A regionChoice is the rank of a region under the policy: lower is
// preferred; excluded regions are not used at all.
type regionChoice int

const (
	inDefault regionChoice = iota
	inUS
	unstated
	excluded
)

// choice ranks p's region under q: with q.Region set, the position of the
// region in q's list (others excluded); otherwise the default policy.
func (q Query) choice(p *Price) regionChoice {
	if q.Region != "" {
		if i := slices.Index(q.Regions(), p.Region); i >= 0 {
			return regionChoice(i)
		}
		return excluded
	}
	switch {
	case p.Region == "":
		return unstated
	case p.Region == DefaultRegion(p.Provider):
		return inDefault
	case USRegion(p.Provider, p.Region):
		return inUS
	}
	return excluded
}

// Regions returns the regions q.Region names (a comma-separated list, in
// order of preference), or nil for the default policy.
func (q Query) Regions() []string {
	if q.Region == "" {
		return nil
	}
	var out []string
	for _, r := range strings.Split(q.Region, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}
