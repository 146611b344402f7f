package importer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// awsProduct is a product of the JSON price list, as far as the importer
// reads it.
type awsProduct struct {
	ProductFamily string            `json:"productFamily"`
	Attributes    map[string]string `json:"attributes"`
}

type awsTerm struct {
	PriceDimensions map[string]struct {
		Unit         string            `json:"unit"`
		PricePerUnit map[string]string `json:"pricePerUnit"`
	} `json:"priceDimensions"`
	TermAttributes struct {
		LeaseContractLength string
		PurchaseOption      string
		OfferingClass       string
	} `json:"termAttributes"`
}

// AWSJSON imports the JSON variant of the AWS price list (products, then
// terms), streamed token by token: only the kept products are held in
// memory, never the file. The filters are AWSCSV's.
func AWSJSON(r io.Reader, name string, opt Options) ([]pricing.PriceRecord, *Summary, error) {
	sum := newSummary(name)
	br := bufio.NewReaderSize(r, 1<<20)
	head, _ := br.Peek(512)
	if err := sniff(name, head); err != nil {
		return nil, sum, err
	}
	dec := json.NewDecoder(br)
	fail := func(err error) error {
		return fmt.Errorf("%s: byte %d: %w", name, dec.InputOffset(), truncated(err))
	}
	if err := expectDelim(dec, '{'); err != nil {
		return nil, sum, fail(err)
	}
	type kept struct{ instance, region, market string }
	products := make(map[string]kept)
	var date specs.Date
	var source string
	ps := newPrices(sum)
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, sum, fail(err)
		}
		switch key {
		case "publicationDate":
			var pub string
			if err := dec.Decode(&pub); err != nil {
				return nil, sum, fail(err)
			}
			if date, err = specs.ParseDate(firstN(pub, 10)); err != nil {
				return nil, sum, fail(fmt.Errorf("publicationDate: %v", err))
			}
			source = fmt.Sprintf("%s (AWS Price List AmazonEC2 JSON, published %s)", name, pub)
			sum.Published = date
		case "products":
			if err := eachEntry(dec, func(sku string) error {
				var p awsProduct
				if err := dec.Decode(&p); err != nil {
					return err
				}
				sum.Read++
				a := p.Attributes
				if reason := awsDrop(awsAttrs{family: p.ProductFamily, os: a["operatingSystem"], tenancy: a["tenancy"],
					capacity: a["capacitystatus"], software: a["preInstalledSw"], license: a["licenseModel"],
					region: a["regionCode"], instance: a["instanceType"]}, opt); reason != "" {
					sum.drop(reason)
					return nil
				}
				products[sku] = kept{a["instanceType"], a["regionCode"], a["marketoption"]}
				return nil
			}); err != nil {
				return nil, sum, fail(err)
			}
		case "terms":
			if date.IsZero() {
				return nil, sum, fail(fmt.Errorf("terms before publicationDate: not an AWS price list"))
			}
			if err := eachEntry(dec, func(kind string) error {
				return eachEntry(dec, func(sku string) error {
					p, ok := products[sku]
					return eachEntry(dec, func(offer string) error {
						if !ok {
							return dec.Decode(&json.RawMessage{})
						}
						var t awsTerm
						if err := dec.Decode(&t); err != nil {
							return err
						}
						return jsonTerm(ps, kind, offer, p.instance, p.region, p.market, t, date, source)
					})
				})
			}); err != nil {
				return nil, sum, fail(err)
			}
		default:
			if err := dec.Decode(&json.RawMessage{}); err != nil {
				return nil, sum, fail(err)
			}
		}
	}
	if date.IsZero() {
		return nil, sum, fmt.Errorf("%s: no publicationDate: not an AWS price list", name)
	}
	return ps.rows, sum, nil
}

func jsonTerm(ps *prices, kind, offer, instance, region, market string, t awsTerm, date specs.Date, source string) error {
	var hourly, upfront float64
	var hasHourly bool
	for _, d := range t.PriceDimensions {
		v, err := parsePrice([]byte(d.PricePerUnit["USD"]))
		if err != nil {
			return fmt.Errorf("offer %s: pricePerUnit: %v", offer, err)
		}
		switch d.Unit {
		case "Hrs":
			hourly, hasHourly = v, true
		case "Quantity":
			upfront = v
		}
	}
	if !hasHourly {
		ps.sum.drop("term without an hourly price")
		return nil
	}
	r := pricing.PriceRecord{Provider: "aws", Offering: instance, Region: region, USDPerHour: units.FormatNumber(hourly),
		AsOf: date.String(), Status: string(specs.Vendor), Source: source, Note: "imported; offer " + offer}
	switch kind {
	case "OnDemand":
		r.Term = string(pricing.OnDemand)
		if market == "CapacityBlock" {
			r.Term = string(pricing.CapacityBlock)
		}
		if hourly == 0 {
			ps.sum.drop("zero on-demand price")
			return nil
		}
	case "Reserved":
		ta := t.TermAttributes
		r.Term, r.Option = string(reservedTerms[ta.LeaseContractLength]), purchaseOptions[ta.PurchaseOption]
		r.Class = ta.OfferingClass
		if r.Term == "" || r.Option == "" {
			ps.sum.drop(fmt.Sprintf("reserved term %q %q", ta.LeaseContractLength, ta.PurchaseOption))
			return nil
		}
		if upfront > 0 {
			r.UpfrontUSD = units.FormatNumber(upfront)
		}
	default:
		ps.sum.drop("term type " + kind)
		return nil
	}
	ps.add(r, "offer "+offer)
	return nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != d {
		return fmt.Errorf("want %q, got %v", d, t)
	}
	return nil
}

// eachEntry walks the object at the decoder's position, calling f with
// each key; f must consume the value.
func eachEntry(dec *json.Decoder, f func(key string) error) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		k, ok := t.(string)
		if !ok {
			return fmt.Errorf("want an object key, got %v", t)
		}
		if err := f(k); err != nil {
			return err
		}
	}
	_, err := dec.Token() // the closing brace
	return err
}
