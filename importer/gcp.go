package importer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

type gcpSKU struct {
	SkuID       string `json:"skuId"`
	Description string `json:"description"`
	Category    struct {
		ResourceGroup string `json:"resourceGroup"`
		UsageType     string `json:"usageType"`
	} `json:"category"`
	ServiceRegions []string `json:"serviceRegions"`
	PricingInfo    []struct {
		EffectiveTime     string `json:"effectiveTime"`
		PricingExpression struct {
			UsageUnit   string `json:"usageUnit"`
			TieredRates []struct {
				UnitPrice struct {
					CurrencyCode string `json:"currencyCode"`
					Units        string `json:"units"`
					Nanos        int64  `json:"nanos"`
				} `json:"unitPrice"`
			} `json:"tieredRates"`
		} `json:"pricingExpression"`
	} `json:"pricingInfo"`
}

// tpuGeneration maps the generation named in a TPU SKU's description to
// hwcmp's chip-hour offering.
var tpuGeneration = regexp.MustCompile(`(?i)\b(TpuV5e|TpuV5p|TpuV6e|TPU7x)\b`)

var tpuOffering = map[string]string{"tpuv5e": "tpu-v5e-chip", "tpuv5p": "tpu-v5p-chip", "tpuv6e": "tpu-v6e-chip", "tpu7x": "tpu-v7-chip"}

// GCP imports Google Cloud Billing Catalog SKUs — a page ({"skus": [...]})
// or an array of SKUs — keeping TPU chip-hour prices (v5e, v5p, v6e, 7x)
// with one row per service region. Compute Engine VM prices are composed
// from core and RAM SKUs and are not imported. date dates the prices when
// the SKUs carry no effectiveTime.
func GCP(r io.Reader, name string, date specs.Date, opt Options) ([]pricing.PriceRecord, *Summary, error) {
	sum := newSummary(name)
	ps := newPrices(sum)
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if err := sniff(name, head); err != nil {
		return nil, sum, err
	}
	var skus []gcpSKU
	dec := json.NewDecoder(br)
	t := strings.TrimSpace(string(head))
	var err error
	if strings.HasPrefix(t, "[") {
		err = dec.Decode(&skus)
	} else {
		var page struct {
			Skus *[]gcpSKU `json:"skus"`
		}
		if err = dec.Decode(&page); err == nil {
			if page.Skus == nil {
				return nil, sum, fmt.Errorf("%s: no skus: not a Cloud Billing Catalog page", name)
			}
			skus = *page.Skus
		}
	}
	if err != nil {
		return nil, sum, fmt.Errorf("%s: byte %d: not Cloud Billing Catalog SKUs: %w", name, dec.InputOffset(), truncated(err))
	}
	for i, s := range skus {
		where := fmt.Sprintf("%s SKU %d (%s)", name, i, s.SkuID)
		sum.Read++
		desc := s.Description
		m := tpuGeneration.FindString(desc)
		switch {
		case s.Category.ResourceGroup != "TPU" || m == "":
			sum.drop("not a TPU chip-hour SKU (VM prices are composed from core and RAM SKUs; not imported)")
			continue
		case strings.Contains(desc, "Calendar Mode") || strings.Contains(desc, "DWS"):
			sum.drop("calendar-mode or DWS reservation")
			continue
		case len(s.PricingInfo) == 0 || len(s.PricingInfo[len(s.PricingInfo)-1].PricingExpression.TieredRates) == 0:
			return nil, sum, fmt.Errorf("%s: no pricingInfo", where)
		}
		info := s.PricingInfo[len(s.PricingInfo)-1] // the latest
		if u := info.PricingExpression.UsageUnit; u != "h" {
			sum.drop("not priced per hour (" + u + ")")
			continue
		}
		if len(info.PricingExpression.TieredRates) > 1 {
			// The first tier is often a free allowance: no one hourly rate.
			sum.drop("tiered SKU (the rate depends on usage)")
			continue
		}
		up := info.PricingExpression.TieredRates[0].UnitPrice
		if up.CurrencyCode != "USD" {
			sum.drop("not priced in USD")
			continue
		}
		units64, err := strconv.ParseInt(up.Units, 10, 64)
		if up.Units == "" {
			units64, err = 0, nil
		}
		if err != nil || units64 < 0 || up.Nanos < 0 {
			return nil, sum, fmt.Errorf("%s: unitPrice units %q nanos %d is not a price", where, up.Units, up.Nanos)
		}
		price := float64(units64) + float64(up.Nanos)/1e9
		term := map[string]pricing.Term{"OnDemand": pricing.OnDemand, "Preemptible": pricing.Spot,
			"Commit1Yr": pricing.Committed1y, "Commit3Yr": pricing.Committed3y}[s.Category.UsageType]
		if term == "" {
			sum.drop("usage type " + s.Category.UsageType)
			continue
		}
		offering := tpuOffering[strings.ToLower(m)]
		if opt.Known != nil && !opt.Known(offering) {
			sum.drop("TPU offering not in hwcmp's systems")
			continue
		}
		asOf := date
		if len(info.EffectiveTime) >= 10 {
			if d, err := specs.ParseDate(info.EffectiveTime[:10]); err == nil {
				asOf = d
			}
		}
		if asOf.IsZero() {
			return nil, sum, fmt.Errorf("%s: no effectiveTime: give the prices' date", where)
		}
		for _, region := range s.ServiceRegions {
			if opt.Region != "" && region != opt.Region {
				sum.drop("another region")
				continue
			}
			ps.add(pricing.PriceRecord{Provider: "gcp", Offering: offering, Region: region, Term: string(term),
				USDPerHour: units.FormatNumber(price), AsOf: asOf.String(), Status: string(specs.Vendor),
				Source: fmt.Sprintf("Google Cloud Billing Catalog SKU %s %q (%s)", s.SkuID, desc, name), Note: "imported; per chip-hour"}, where)
		}
	}
	return ps.rows, sum, nil
}
