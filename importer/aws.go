package importer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hwcmp/hwcmp/pricing"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// awsColumns are the AWS price-list columns the importer reads, by name.
var awsColumns = []string{
	"SKU", "OfferTermCode", "TermType", "Unit", "PricePerUnit", "Currency", "LeaseContractLength",
	"PurchaseOption", "OfferingClass", "Product Family", "Instance Type", "Tenancy", "Operating System",
	"License Model", "CapacityStatus", "MarketOption", "Pre Installed S/W", "Region Code",
}

const (
	cSKU = iota
	cOfferTerm
	cTermType
	cUnit
	cPrice
	cCurrency
	cLease
	cPurchase
	cClass
	cFamily
	cInstance
	cTenancy
	cOS
	cLicense
	cCapacity
	cMarket
	cSoftware
	cRegion
)

// prefilter holds byte strings every kept row contains, checked before a
// row is split into fields: most rows of an EC2 price list (storage, data
// transfer, other operating systems, dedicated tenancy) fail one of them,
// and a substring search is much cheaper than parsing.
var prefilter = [][]byte{[]byte(`"Compute Instance`), []byte(`"Linux"`), []byte(`"Shared"`), []byte(`"Used"`)}

// reserved accumulates the rows of one reserved offer term: an hourly row
// and, for partial and all upfront, an upfront-fee row.
type reserved struct {
	instance, region, lease, option, class string
	hourly, upfront                        float64
	hasHourly                              bool
	line                                   int
}

// AWSCSV imports an AWS Price List bulk CSV for AmazonEC2 (a region's file
// or the full one): Linux, shared-tenancy, used-capacity compute-instance
// prices with no pre-installed software, on-demand, capacity-block and
// reserved (1 and 3 years; no, partial and all upfront; standard and
// convertible), the upfront fee folded into an effective hourly rate by
// pricing.Price.Effective. The file's publication date becomes the prices'
// as_of.
func AWSCSV(r io.Reader, name string, opt Options) ([]pricing.PriceRecord, *Summary, error) {
	sum := newSummary(name)
	br := bufio.NewReaderSize(r, 1<<20)
	head, _ := br.Peek(512)
	if err := sniff(name, head); err != nil {
		return nil, sum, err
	}
	line := 0
	meta := map[string]string{}
	for range 5 {
		l, err := readLine(br)
		line++
		if err != nil { // including a metadata line with no newline after it
			return nil, sum, fmt.Errorf("%s:%d: %w", name, line, truncated(err))
		}
		f, ok := splitCSV(l, nil)
		if !ok || len(f) != 2 {
			return nil, sum, fmt.Errorf("%s:%d: not an AWS price list CSV: want a \"key\",\"value\" metadata line, got %q", name, line, firstLine(l))
		}
		meta[string(f[0])] = string(f[1])
	}
	if meta["OfferCode"] != "AmazonEC2" {
		return nil, sum, fmt.Errorf("%s:5: offer code %q: this importer reads AmazonEC2 price lists", name, meta["OfferCode"])
	}
	pub := meta["Publication Date"]
	date, err := specs.ParseDate(firstN(pub, 10))
	if err != nil {
		return nil, sum, fmt.Errorf("%s:3: Publication Date %q: %v", name, pub, err)
	}
	sum.Published = date
	source := fmt.Sprintf("%s (AWS Price List AmazonEC2, version %s, published %s)", name, meta["Version"], pub)

	l, err := readLine(br)
	line++
	if err != nil {
		return nil, sum, fmt.Errorf("%s:%d: no header: %w", name, line, truncated(err))
	}
	header, _ := splitCSV(l, nil)
	idx := make([]int, len(awsColumns))
	pos := make(map[string]int, len(header))
	for i, h := range header {
		pos[string(h)] = i
	}
	for i, c := range awsColumns {
		j, ok := pos[c]
		if !ok {
			return nil, sum, fmt.Errorf("%s:%d: column %q missing from the header: the format has changed, or this is not an EC2 price list", name, line, c)
		}
		idx[i] = j
	}
	width := len(header)

	ps := newPrices(sum)
	res := make(map[string]*reserved)
	var resOrder []string // offers in file order: the first row of a duplicate wins, as on-demand
	var fields [][]byte
	for {
		l, last, err := readRecord(br, &line)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, sum, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		sum.Read++
		if last {
			// The file ended without a newline: this line may be cut short,
			// so check it in full whatever it holds.
			if f, ok := splitCSV(l, nil); !ok || len(f) != width {
				return nil, sum, fmt.Errorf("%s:%d: the last line is incomplete (%d fields, the header has %d): the file is truncated", name, line, len(f), width)
			}
		}
		if !containsAll(l, prefilter) {
			sum.drop("not a Linux, shared-tenancy, used-capacity compute instance")
			continue
		}
		var ok bool
		if fields, ok = splitCSV(l, fields[:0]); !ok {
			return nil, sum, fmt.Errorf("%s:%d: a quoted field is not followed by a comma: the file is damaged", name, line)
		}
		if len(fields) != width {
			return nil, sum, fmt.Errorf("%s:%d: %d fields, the header has %d: the file is truncated or damaged", name, line, len(fields), width)
		}
		get := func(c int) []byte { return fields[idx[c]] }
		instance := string(get(cInstance))
		if reason := awsDrop(awsAttrs{family: string(get(cFamily)), os: string(get(cOS)), tenancy: string(get(cTenancy)),
			capacity: string(get(cCapacity)), software: string(get(cSoftware)), license: string(get(cLicense)),
			region: string(get(cRegion)), instance: instance}, opt); reason != "" {
			sum.drop(reason)
			continue
		}
		if !eq(get(cCurrency), "USD") {
			sum.drop("not priced in USD")
			continue
		}
		price, err := parsePrice(get(cPrice))
		if err != nil {
			return nil, sum, fmt.Errorf("%s:%d: PricePerUnit: %v", name, line, err)
		}
		region := string(get(cRegion))
		unit := string(get(cUnit))
		switch string(get(cTermType)) {
		case "OnDemand":
			if unit != "Hrs" {
				sum.drop("on-demand row not priced per hour")
				continue
			}
			term := pricing.OnDemand
			switch string(get(cMarket)) {
			case "OnDemand":
			case "CapacityBlock":
				term = pricing.CapacityBlock
			default:
				sum.drop("market option " + string(get(cMarket)))
				continue
			}
			if price == 0 {
				sum.drop("zero on-demand price")
				continue
			}
			ps.add(pricing.PriceRecord{Provider: "aws", Offering: instance, Region: region, Term: string(term),
				USDPerHour: units.FormatNumber(price), AsOf: date.String(), Status: string(specs.Vendor), Source: source,
				Note: "imported; SKU " + string(get(cSKU))}, fmt.Sprintf("line %d", line))
		case "Reserved":
			k := string(get(cSKU)) + "." + string(get(cOfferTerm))
			rv := res[k]
			if rv == nil {
				rv = &reserved{instance: instance, region: region, lease: string(get(cLease)),
					option: string(get(cPurchase)), class: string(get(cClass)), line: line}
				res[k] = rv
				resOrder = append(resOrder, k)
			}
			switch unit {
			case "Hrs":
				rv.hourly, rv.hasHourly = price, true
			case "Quantity":
				rv.upfront = price
			default:
				sum.drop("reserved row priced per " + unit)
			}
		default:
			sum.drop("term type " + string(get(cTermType)))
		}
	}
	for _, k := range resOrder {
		rv := res[k]
		term, option := reservedTerms[rv.lease], purchaseOptions[rv.option]
		switch {
		case term == "" || option == "":
			sum.drop(fmt.Sprintf("reserved term %q %q", rv.lease, rv.option))
			continue
		case !rv.hasHourly:
			return nil, sum, fmt.Errorf("%s:%d: reserved offer %s has an upfront fee but no hourly row: the file is truncated or damaged", name, rv.line, k)
		}
		r := pricing.PriceRecord{Provider: "aws", Offering: rv.instance, Region: rv.region, Term: string(term),
			USDPerHour: units.FormatNumber(rv.hourly), Option: option, Class: rv.class, AsOf: date.String(),
			Status: string(specs.Vendor), Source: source, Note: "imported; offer " + k}
		if rv.upfront > 0 {
			r.UpfrontUSD = units.FormatNumber(rv.upfront)
		}
		ps.add(r, fmt.Sprintf("line %d", rv.line))
	}
	return ps.rows, sum, nil
}

// awsAttrs are the product attributes the filters read, from a CSV row or
// a JSON product.
type awsAttrs struct {
	family, os, tenancy, capacity, software, license, region, instance string
}

// awsDrop returns why a product is not kept, or "" to keep it: the
// filters of both the CSV and the JSON price list.
func awsDrop(a awsAttrs, opt Options) string {
	switch {
	case a.family != "Compute Instance" && a.family != "Compute Instance (bare metal)":
		return "not a compute instance"
	case a.os != "Linux":
		return "not Linux"
	case a.tenancy != "Shared":
		return "not shared tenancy"
	case a.capacity != "Used":
		return "capacity status not Used (reservation accounting row)"
	case a.software != "NA" && a.software != "":
		return "pre-installed software"
	case a.license != "" && a.license != "No License required":
		return "bring-your-own-license"
	case opt.Region != "" && a.region != opt.Region:
		return "another region"
	case opt.Known != nil && !opt.Known(a.instance):
		return "instance type not in hwcmp's systems (add it to a systems sheet to import its price)"
	}
	return ""
}

// The price list's reserved-term vocabulary, in hwcmp's terms.
var (
	reservedTerms   = map[string]pricing.Term{"1yr": pricing.Reserved1y, "3yr": pricing.Reserved3y}
	purchaseOptions = map[string]string{"No Upfront": "no-upfront", "Partial Upfront": "partial-upfront", "All Upfront": "all-upfront"}
)

// readLine returns the next line without its line ending. The slice is
// valid until the next call unless the line was longer than the buffer. A
// last line without a newline comes with io.EOF.
func readLine(br *bufio.Reader) ([]byte, error) {
	l, err := br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		long := append([]byte(nil), l...)
		for errors.Is(err, bufio.ErrBufferFull) {
			l, err = br.ReadSlice('\n')
			long = append(long, l...)
		}
		l = long
	}
	if err != nil {
		return l, err // io.EOF with a non-empty l: a last line without a newline
	}
	l = bytes.TrimSuffix(l, []byte("\n"))
	return bytes.TrimSuffix(l, []byte("\r")), nil
}

func truncated(err error) error {
	if err == io.EOF {
		return errors.New("unexpected end of file: the file is truncated")
	}
	return err
}

// readRecord reads one CSV record, joining the lines a quoted field spans
// (an odd count of quotes means one is open), and counts lines read in
// *line. last reports a record that ends the file without a newline; err
// is io.EOF at the end of the file. The record aliases br's buffer unless
// it spans lines: it is valid until the next read.
func readRecord(br *bufio.Reader, line *int) (rec []byte, last bool, err error) {
	rec, err = readLine(br)
	if err == io.EOF && len(rec) == 0 {
		return nil, false, io.EOF
	}
	*line++
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	last = err == io.EOF
	if bytes.Count(rec, quote)%2 == 0 {
		return rec, last, nil
	}
	rec = append([]byte(nil), rec...) // the next read may overwrite the buffer
	for bytes.Count(rec, quote)%2 == 1 {
		if last {
			return nil, false, errors.New("unterminated quoted field: the file is truncated")
		}
		more, err := readLine(br)
		if err == io.EOF && len(more) == 0 {
			return nil, false, errors.New("unterminated quoted field: the file is truncated")
		}
		*line++
		if err != nil && err != io.EOF {
			return nil, false, err
		}
		last = err == io.EOF
		rec = append(append(rec, '\n'), more...)
	}
	return rec, last, nil
}

var quote = []byte{'"'}

// splitCSV splits one CSV record into fields, unquoting quoted fields. It
// reports false if a quoted field is not closed, or is followed by
// anything but a comma. Fields alias line unless they contained doubled
// quotes.
func splitCSV(line []byte, dst [][]byte) ([][]byte, bool) {
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, ',')
			if i < 0 {
				return append(dst, line), true
			}
			dst = append(dst, line[:i])
			line = line[i+1:]
			continue
		}
		// A quoted field: find the closing quote, skipping doubled quotes.
		body := line[1:]
		j, escaped := 0, false
		for {
			k := bytes.IndexByte(body[j:], '"')
			if k < 0 {
				return dst, false
			}
			j += k
			if j+1 < len(body) && body[j+1] == '"' {
				j += 2
				escaped = true
				continue
			}
			break
		}
		field := body[:j]
		if escaped {
			field = bytes.ReplaceAll(field, []byte(`""`), []byte(`"`))
		}
		dst = append(dst, field)
		rest := body[j+1:]
		if len(rest) == 0 {
			return dst, true
		}
		if rest[0] != ',' {
			return dst, false
		}
		line = rest[1:]
		if len(line) == 0 {
			return append(dst, nil), true
		}
	}
}

func containsAll(l []byte, subs [][]byte) bool {
	for _, s := range subs {
		if !bytes.Contains(l, s) {
			return false
		}
	}
	return true
}

func eq(b []byte, s string) bool { return string(b) == s }

// parsePrice parses a price-list amount: a non-negative decimal.
func parsePrice(b []byte) (float64, error) {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return 0, errors.New("empty price")
	}
	f, err := units.ParseNumber(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a price", s)
	case f < 0:
		return 0, fmt.Errorf("negative price %s", s)
	}
	return f, nil
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
