// Package awsgen writes synthetic AWS Price List bulk CSV files for
// AmazonEC2 of any size, for importer benchmarks and tests. The files have
// the real 91-column header of the 2025 price list, its metadata lines and
// its quoting (every non-empty value quoted, empty values bare), and a row
// mix like a regional file's: most rows are other operating systems,
// tenancies, capacity statuses or product families, which a correct filter
// drops; reserved partial- and all-upfront terms come as an hourly row and
// an upfront-fee row. Prices are illustrative, never real.
package awsgen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Header is the verbatim 91-column header of the AmazonEC2 price list
// version 20250912225308.
const Header = `"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","RelatedTo","LeaseContractLength","PurchaseOption","OfferingClass","Product Family","serviceCode","Location","Location Type","Instance Type","Current Generation","Instance Family","vCPU","Physical Processor","Clock Speed","Memory","Storage","Network Performance","Processor Architecture","Storage Media","Volume Type","Max Volume Size","Max IOPS/volume","Max IOPS Burst Performance","Max throughput/volume","Provisioned","Tenancy","EBS Optimized","Operating System","License Model","Group","Group Description","Transfer Type","From Location","From Location Type","To Location","To Location Type","usageType","operation","AvailabilityZone","CapacityStatus","ClassicNetworkingSupport","Dedicated EBS Throughput","ECU","Elastic Graphics Type","Enhanced Networking Supported","From Region Code","GPU","GPU Memory","Instance","Instance Capacity - 10xlarge","Instance Capacity - 12xlarge","Instance Capacity - 16xlarge","Instance Capacity - 18xlarge","Instance Capacity - 24xlarge","Instance Capacity - 2xlarge","Instance Capacity - 32xlarge","Instance Capacity - 4xlarge","Instance Capacity - 8xlarge","Instance Capacity - 9xlarge","Instance Capacity - large","Instance Capacity - medium","Instance Capacity - metal","Instance Capacity - xlarge","instanceSKU","Intel AVX2 Available","Intel AVX Available","Intel Turbo Available","MarketOption","Normalization Size Factor","Physical Cores","Pre Installed S/W","Processor Features","Product Type","Region Code","Resource Type","serviceName","SnapshotArchiveFeeType","To Region Code","Volume API Name","VPCNetworkingSupport"`

// Metadata returns the five metadata lines that precede the header.
func Metadata(version, published string) string {
	return fmt.Sprintf(`"FormatVersion","v1.0"
"Disclaimer","This pricing list is for informational purposes only. All prices are subject to the additional terms included in the pricing pages on http://aws.amazon.com. All Free Tier prices are also subject to the terms included at https://aws.amazon.com/free/"
"Publication Date","%s"
"Version","%s"
"OfferCode","AmazonEC2"
`, published, version)
}

var columns = strings.Split(strings.ReplaceAll(Header, `"`, ""), ",")

var colIndex = func() map[string]int {
	m := make(map[string]int, len(columns))
	for i, c := range columns {
		m[c] = i
	}
	return m
}()

// Instances are the instance types rows are drawn from: some hwcmp knows,
// some it does not.
var Instances = []string{"m8g.16xlarge", "m7i.16xlarge", "m7a.16xlarge", "r8g.16xlarge", "r7a.16xlarge", "r7i.16xlarge",
	"p5.48xlarge", "trn1.32xlarge", "c6i.large", "t3.micro", "m5.xlarge", "c7g.4xlarge", "x2iedn.32xlarge", "g5.2xlarge"}

// A Generator writes a synthetic price list.
type Generator struct {
	rng   *rand.Rand
	n     int
	row   []string
	sb    strings.Builder
	seen  map[string]bool // keepable products already written
	Kept  int             // products a correct filter keeps (Linux, shared, used, no software), each priced once
	Lines int
}

// New returns a generator with a fixed seed, so files are reproducible.
func New(seed uint64) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, 1)), row: make([]string, len(columns)), seen: make(map[string]bool)}
}

func (g *Generator) set(col, v string) { g.row[colIndex[col]] = v }

func (g *Generator) pick(options ...string) string { return options[g.rng.IntN(len(options))] }

// Write writes the metadata, the header, and rows until at least size
// bytes are written.
func (g *Generator) Write(w io.Writer, size int64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	written := int64(0)
	n, _ := io.WriteString(bw, Metadata("20250912225308", "2025-09-12T22:53:08Z")+Header+"\n")
	written += int64(n)
	for written < size {
		for _, line := range g.rows() {
			n, err := io.WriteString(bw, line)
			if err != nil {
				return err
			}
			written += int64(n)
			g.Lines++
		}
	}
	return bw.Flush()
}

// rows returns the next product's rows: one, or two for an upfront term.
func (g *Generator) rows() []string {
	for i := range g.row {
		g.row[i] = ""
	}
	g.n++
	sku := fmt.Sprintf("ZZGEN%011d", g.n)
	inst := g.pick(Instances...)
	g.set("SKU", sku)
	g.set("Currency", "USD")
	g.set("serviceCode", "AmazonEC2")
	g.set("Location", "US East (N. Virginia)")
	g.set("Location Type", "AWS Region")
	g.set("Region Code", g.pick("us-east-1", "us-east-1", "us-east-1", "us-west-2", "eu-west-1"))
	g.set("serviceName", "Amazon Elastic Compute Cloud")
	g.set("EffectiveDate", "2025-09-01")
	g.set("VPCNetworkingSupport", "true")
	if g.rng.IntN(10) < 3 { // storage, transfer and other families
		g.set("Product Family", g.pick("Storage", "Storage Snapshot", "Data Transfer", "IP Address", "Load Balancer", "NAT Gateway", "Fee", "System Operation"))
		g.set("Unit", g.pick("GB-Mo", "GB", "Hrs", "IOPS-Mo"))
		g.set("PricePerUnit", fmt.Sprintf("%.10f", g.rng.Float64()))
		g.set("TermType", "OnDemand")
		g.set("Volume Type", g.pick("General Purpose", "Provisioned IOPS", "Throughput Optimized HDD", ""))
		g.set("usageType", "EBS:VolumeUsage.gp3")
		g.set("PriceDescription", "$0.08 per GB-month of General Purpose (gp3) provisioned storage - US East (Northern Virginia)")
		return []string{g.line()}
	}
	os := g.pick("Linux", "Linux", "Linux", "Windows", "Windows", "RHEL", "SUSE", "Ubuntu Pro", "Red Hat Enterprise Linux with HA")
	tenancy := g.pick("Shared", "Shared", "Dedicated", "Host")
	capacity := g.pick("Used", "Used", "UnusedCapacityReservation", "AllocatedCapacityReservation")
	software := g.pick("NA", "NA", "NA", "NA", "SQL Std", "SQL Web", "SQL Ent")
	market := g.pick("OnDemand", "OnDemand", "OnDemand", "OnDemand", "OnDemand", "CapacityBlock")
	onDemand := g.rng.IntN(10) < 3
	option, lease, class := g.pick("No Upfront", "Partial Upfront", "All Upfront"), g.pick("1yr", "3yr"), g.pick("standard", "convertible")
	if !onDemand {
		market = "OnDemand"
	}
	if os == "Linux" && tenancy == "Shared" && capacity == "Used" && software == "NA" {
		// A real list prices each product once per term: a repeat of a
		// keepable product becomes another operating system's.
		key := strings.Join([]string{inst, g.row[colIndex["Region Code"]], market}, "|")
		if !onDemand {
			key += "|reserved|" + option + "|" + lease + "|" + class
		}
		if g.seen[key] {
			os = "Windows"
		}
		g.seen[key] = true
	}
	g.set("Product Family", g.pick("Compute Instance", "Compute Instance", "Compute Instance", "Compute Instance (bare metal)"))
	g.set("Instance Type", inst)
	g.set("Current Generation", "Yes")
	g.set("Instance Family", "General purpose")
	g.set("vCPU", "64")
	g.set("Physical Processor", "AWS Graviton4 Processor")
	g.set("Clock Speed", "2.8 GHz")
	g.set("Memory", "256 GiB")
	g.set("Storage", "EBS only")
	g.set("Network Performance", "30 Gigabit")
	g.set("Processor Architecture", "64-bit")
	g.set("Tenancy", tenancy)
	g.set("Operating System", os)
	g.set("License Model", "No License required")
	g.set("usageType", "BoxUsage:"+inst)
	g.set("operation", "RunInstances")
	g.set("AvailabilityZone", "NA")
	g.set("CapacityStatus", capacity)
	g.set("ClassicNetworkingSupport", "false")
	g.set("Dedicated EBS Throughput", "20000 Mbps")
	g.set("ECU", "NA")
	g.set("Enhanced Networking Supported", "Yes")
	g.set("GPU Memory", "NA")
	g.set("Intel AVX2 Available", "No")
	g.set("Intel AVX Available", "No")
	g.set("Intel Turbo Available", "No")
	g.set("MarketOption", market)
	g.set("Normalization Size Factor", "128")
	g.set("Physical Cores", "64")
	g.set("Pre Installed S/W", software)
	g.set("Processor Features", "AWS Graviton; Intel AVX; Intel AVX2; Intel AVX512")
	hourly := 0.05 + 5*g.rng.Float64()
	kept := os == "Linux" && tenancy == "Shared" && capacity == "Used" && software == "NA"
	if onDemand {
		g.set("TermType", "OnDemand")
		g.set("OfferTermCode", "JRTCKXETXF")
		g.set("RateCode", sku+".JRTCKXETXF.6YS6EN2CT7")
		g.set("Unit", "Hrs")
		g.set("StartingRange", "0")
		g.set("EndingRange", "Inf")
		g.set("PricePerUnit", fmt.Sprintf("%.10f", hourly))
		g.set("PriceDescription", fmt.Sprintf("$%.4f per On Demand %s %s Instance Hour", hourly, os, inst))
		if kept {
			g.Kept++
		}
		return []string{g.line()}
	}
	g.set("TermType", "Reserved")
	g.set("OfferTermCode", g.pick("4NA7Y494T4", "6QCMYABX3D", "38NPMPTW36", "HU7G6KETJZ", "Z2E3P23VKM"))
	g.set("LeaseContractLength", lease)
	g.set("PurchaseOption", option)
	g.set("OfferingClass", class)
	g.set("MarketOption", "OnDemand")
	g.set("Unit", "Hrs")
	g.set("StartingRange", "0")
	g.set("EndingRange", "Inf")
	g.set("RateCode", sku+"."+g.row[colIndex["OfferTermCode"]]+".6YS6EN2CT7")
	rate := hourly * 0.6
	if option == "All Upfront" {
		rate = 0
	}
	g.set("PricePerUnit", fmt.Sprintf("%.10f", rate))
	g.set("PriceDescription", fmt.Sprintf("%s (Amazon VPC), %s reserved instance applied", os, inst))
	out := []string{g.line()}
	if option != "No Upfront" {
		g.set("Unit", "Quantity")
		g.set("StartingRange", "")
		g.set("EndingRange", "")
		g.set("RateCode", sku+"."+g.row[colIndex["OfferTermCode"]]+".2TG2D8R56U")
		g.set("PricePerUnit", fmt.Sprintf("%.0f", hourly*4000))
		g.set("PriceDescription", "Upfront Fee")
		out = append(out, g.line())
	}
	if kept {
		g.Kept++
	}
	return out
}

// line renders the current row: non-empty values quoted, empty bare.
func (g *Generator) line() string {
	g.sb.Reset()
	for i, v := range g.row {
		if i > 0 {
			g.sb.WriteByte(',')
		}
		if v != "" {
			g.sb.WriteByte('"')
			g.sb.WriteString(strings.ReplaceAll(v, `"`, `""`))
			g.sb.WriteByte('"')
		}
	}
	g.sb.WriteByte('\n')
	return g.sb.String()
}
