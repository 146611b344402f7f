package importer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// azureItem is an item of the Azure Retail Prices API, as far as the
// importer reads it.
type azureItem struct {
	CurrencyCode       string   `json:"currencyCode"`
	RetailPrice        *float64 `json:"retailPrice"`
	ArmRegionName      string   `json:"armRegionName"`
	EffectiveStartDate string   `json:"effectiveStartDate"`
	MeterName          string   `json:"meterName"`
	ProductName        string   `json:"productName"`
	ServiceName        string   `json:"serviceName"`
	UnitOfMeasure      string   `json:"unitOfMeasure"`
	Type               string   `json:"type"`
	ArmSkuName         string   `json:"armSkuName"`
	ReservationTerm    string   `json:"reservationTerm"`
	SavingsPlan        []struct {
		RetailPrice float64 `json:"retailPrice"`
		Term        string  `json:"term"`
	} `json:"savingsPlan"`
}

type azurePage struct {
	Items        *[]azureItem `json:"Items"`
	NextPageLink *string      `json:"NextPageLink"`
}

// AzureID maps an Azure VM size to an hwcmp system id:
// Standard_ND96isr_H200_v5 → standard-nd96isr-h200-v5.
func AzureID(armSkuName string) string {
	return strings.ReplaceAll(strings.ToLower(armSkuName), "_", "-")
}

// Azure imports Azure Retail Prices API pages: a file, a folder of page
// files (read in name order), or a URL whose NextPageLink chain is
// followed. It keeps Linux virtual-machine prices: consumption (on-demand),
// spot, reservations (whose price is the total for the term, so it becomes
// an all-upfront fee) and savings plans.
func Azure(ctx context.Context, client *http.Client, src string, progress io.Writer, opt Options) ([]pricing.PriceRecord, *Summary, error) {
	sum := newSummary(src)
	ps := newPrices(sum)
	page := func(r io.Reader, name string) (string, error) {
		br := bufio.NewReader(r)
		head, _ := br.Peek(512)
		if err := sniff(name, head); err != nil {
			return "", err
		}
		var p azurePage
		dec := json.NewDecoder(br)
		if err := dec.Decode(&p); err != nil {
			return "", fmt.Errorf("%s: byte %d: not an Azure Retail Prices page: %w", name, dec.InputOffset(), truncated(err))
		}
		if p.Items == nil {
			return "", fmt.Errorf("%s: no Items: not an Azure Retail Prices page", name)
		}
		for i, it := range *p.Items {
			if err := azureItemPrice(ps, it, fmt.Sprintf("%s item %d", name, i), opt); err != nil {
				return "", err
			}
		}
		if p.NextPageLink == nil {
			return "", nil
		}
		return *p.NextPageLink, nil
	}
	switch {
	case IsURL(src):
		next, n := src, 0
		for next != "" {
			n++
			if n > 10000 {
				return nil, sum, fmt.Errorf("%s: more than 10,000 pages: a NextPageLink loop?", src)
			}
			body, err := Open(ctx, client, next, progress)
			if err != nil {
				return nil, sum, fmt.Errorf("page %d: %w", n, err)
			}
			next, err = page(body, fmt.Sprintf("%s (page %d)", next, n))
			body.Close()
			if err != nil {
				return nil, sum, err
			}
		}
	default:
		files := []string{src}
		if st, err := os.Stat(src); err == nil && st.IsDir() {
			files, _ = filepath.Glob(filepath.Join(src, "*.json"))
			sort.Strings(files)
			if len(files) == 0 {
				return nil, sum, fmt.Errorf("%s: no .json page files", src)
			}
		}
		for _, f := range files {
			fh, err := os.Open(f)
			if err != nil {
				return nil, sum, err
			}
			_, err = page(WithContext(ctx, fh), f)
			fh.Close()
			if err != nil {
				return nil, sum, err
			}
		}
	}
	return ps.rows, sum, nil
}

func azureItemPrice(ps *prices, it azureItem, where string, opt Options) error {
	sum := ps.sum
	sum.Read++
	switch {
	case it.ServiceName != "Virtual Machines" || it.ArmSkuName == "":
		sum.drop("not a virtual machine")
		return nil
	case strings.Contains(it.ProductName, "Windows"):
		sum.drop("Windows")
		return nil
	case strings.Contains(it.MeterName, "Low Priority"):
		sum.drop("low priority (retiring)")
		return nil
	case it.CurrencyCode != "USD":
		sum.drop("not priced in USD")
		return nil
	case it.UnitOfMeasure != "1 Hour":
		sum.drop("not priced per hour")
		return nil
	case opt.Region != "" && it.ArmRegionName != opt.Region:
		sum.drop("another region")
		return nil
	case it.RetailPrice == nil:
		return fmt.Errorf("%s: no retailPrice", where)
	case *it.RetailPrice < 0:
		return fmt.Errorf("%s: negative retailPrice %v", where, *it.RetailPrice)
	}
	id := AzureID(it.ArmSkuName)
	if opt.Known != nil && !opt.Known(id) {
		sum.drop("VM size not in hwcmp's systems (add it as " + "a system, id like standard-nd96isr-h200-v5, to import its price)")
		return nil
	}
	date, err := specs.ParseDate(firstN(it.EffectiveStartDate, 10))
	if err != nil {
		return fmt.Errorf("%s: effectiveStartDate: %v", where, err)
	}
	r := pricing.PriceRecord{Provider: "azure", Offering: id, Region: it.ArmRegionName, AsOf: date.String(),
		Status: string(specs.Vendor), Source: "Azure Retail Prices API (" + where + ")", Note: "imported; " + it.ArmSkuName + " " + it.MeterName}
	price := *it.RetailPrice
	switch it.Type {
	case "Consumption":
		r.Term = string(pricing.OnDemand)
		if strings.Contains(it.MeterName, "Spot") {
			r.Term = string(pricing.Spot)
		}
		r.USDPerHour = units.FormatNumber(price)
		ps.add(r, where)
		for _, sp := range it.SavingsPlan {
			s := r
			s.Term = map[string]string{"1 Year": string(pricing.Savings1y), "3 Years": string(pricing.Savings3y)}[sp.Term]
			if s.Term == "" || strings.Contains(it.MeterName, "Spot") {
				continue
			}
			if sp.RetailPrice < 0 {
				return fmt.Errorf("%s: savings plan %s: negative retailPrice %v", where, sp.Term, sp.RetailPrice)
			}
			s.USDPerHour = units.FormatNumber(sp.RetailPrice)
			ps.add(s, where+" savings plan")
		}
	case "Reservation":
		r.Term = map[string]string{"1 Year": string(pricing.Reserved1y), "3 Years": string(pricing.Reserved3y)}[it.ReservationTerm]
		if r.Term == "" {
			sum.drop("reservation term " + it.ReservationTerm)
			return nil
		}
		// A reservation's retailPrice is the total for the whole term.
		r.USDPerHour, r.UpfrontUSD, r.Option = "0", units.FormatNumber(price), "all-upfront"
		ps.add(r, where)
	default:
		sum.drop("price type " + it.Type)
	}
	return nil
}
