package pricing

import (
	"testing"

	"github.com/hwcmp/hwcmp/specs"
)

func TestRegionPolicy(t *testing.T) {
	d := func(y, m int) specs.Date { return specs.Date{Year: int16(y), Month: int8(m)} }
	price := func(provider, region string, term Term, usd float64, asOf specs.Date) *Price {
		return &Price{Provider: provider, Offering: provider + "-x", Region: region, Term: term, PerHour: usd, AsOf: asOf, Status: specs.Vendor}
	}
	tests := []struct {
		name   string
		rows   []*Price
		q      Query
		want   int // index into rows; -1 for none
		region string
	}{
		{"aws default region beats a cheaper US region and a newer foreign one",
			[]*Price{price("aws", "us-west-2", OnDemand, 9, d(2025, 1)), price("aws", "us-east-1", OnDemand, 10, d(2024, 1)), price("aws", "sa-east-1", OnDemand, 5, d(2026, 1))},
			Query{}, 1, ""},
		{"gcp default is us-central1",
			[]*Price{price("gcp", "us-east1", OnDemand, 9, d(2025, 1)), price("gcp", "us-central1", OnDemand, 10, d(2025, 1))},
			Query{}, 1, ""},
		{"azure default is eastus",
			[]*Price{price("azure", "westus2", OnDemand, 9, d(2025, 1)), price("azure", "eastus", OnDemand, 10, d(2025, 1))},
			Query{}, 1, ""},
		{"no default: the cheapest US region",
			[]*Price{price("gcp", "us-west1", OnDemand, 11, d(2025, 1)), price("gcp", "us-east1", OnDemand, 10, d(2025, 1)), price("gcp", "asia-south2", OnDemand, 3, d(2026, 1))},
			Query{}, 1, ""},
		{"the cheapest US region compares each region's newest price",
			[]*Price{price("gcp", "us-west1", OnDemand, 8, d(2024, 1)), price("gcp", "us-west1", OnDemand, 12, d(2025, 1)), price("gcp", "us-east1", OnDemand, 10, d(2025, 1))},
			Query{}, 2, ""},
		{"no US region: a price with no region stated, never São Paulo",
			[]*Price{price("gcp", "southamerica-east1", OnDemand, 6.43, d(2026, 6)), price("gcp", "", OnDemand, 4.2, d(2026, 1))},
			Query{}, 1, ""},
		{"only foreign regions: no price by default",
			[]*Price{price("gcp", "southamerica-east1", OnDemand, 6.43, d(2026, 6))},
			Query{}, -1, ""},
		{"GovCloud is not a default US region",
			[]*Price{price("aws", "us-gov-west-1", OnDemand, 6, d(2026, 6))},
			Query{}, -1, ""},
		{"--region names a foreign region",
			[]*Price{price("gcp", "southamerica-east1", OnDemand, 6.43, d(2026, 6)), price("gcp", "us-central1", OnDemand, 4.2, d(2026, 1))},
			Query{Region: "southamerica-east1"}, 0, ""},
		{"--region list in order of preference",
			[]*Price{price("gcp", "us-central1", OnDemand, 4, d(2026, 1)), price("gcp", "europe-west4", OnDemand, 5, d(2026, 1))},
			Query{Region: "asia-east1, europe-west4,us-central1"}, 1, ""},
		{"on-demand where it exists, even if a capacity block is cheaper",
			[]*Price{price("aws", "us-east-1", CapacityBlock, 5, d(2026, 1)), price("aws", "us-east-1", OnDemand, 10, d(2025, 1))},
			Query{}, 1, ""},
		{"no on-demand: capacity block before a commitment, never spot",
			[]*Price{price("aws", "us-east-1", Spot, 2, d(2026, 1)), price("aws", "us-east-1", Committed1y, 4, d(2026, 1)), price("aws", "us-east-2", CapacityBlock, 5, d(2026, 1))},
			Query{}, 2, ""},
		{"spot only: no default price",
			[]*Price{price("aws", "us-east-1", Spot, 2, d(2026, 1))},
			Query{}, -1, ""},
		{"an explicit term is the only one tried",
			[]*Price{price("aws", "us-east-1", OnDemand, 10, d(2026, 1))},
			Query{Term: CapacityBlock}, -1, ""},
		{"same region and date: the primary source's row",
			[]*Price{{Provider: "aws", Offering: "aws-x", Region: "us-east-1", Term: OnDemand, PerHour: 9, AsOf: d(2026, 1), Status: specs.Vendor, Source: "https://press.example/p"},
				{Provider: "aws", Offering: "aws-x", Region: "us-east-1", Term: OnDemand, PerHour: 10, AsOf: d(2026, 1), Status: specs.Vendor, Source: "https://aws.amazon.com/ec2/pricing/on-demand/"}},
			Query{}, 1, ""},
		{"as of a date: the region's price then",
			[]*Price{price("aws", "us-east-1", OnDemand, 98.32, d(2024, 1)), price("aws", "us-east-1", OnDemand, 55.04, d(2025, 8))},
			Query{AsOf: d(2024, 12)}, 0, ""},
	}
	for _, tt := range tests {
		ps := &Prices{all: tt.rows}
		p, ok := ps.Find(tt.rows[0].Offering, tt.q)
		switch {
		case tt.want < 0 && ok:
			t.Errorf("%s: got %s %s %v, want none", tt.name, p.Region, p.Term, p.PerHour)
		case tt.want >= 0 && (!ok || p != tt.rows[tt.want]):
			t.Errorf("%s: got %+v, want row %d %+v", tt.name, p, tt.want, tt.rows[tt.want])
		}
	}
}

// TestRegionPolicyBuiltIn checks the policy on the built-in sheets: a chip
// is priced on-demand where any offering of it has an on-demand price, and
// no price comes from a foreign region unless asked for.
func TestRegionPolicyBuiltIn(t *testing.T) {
	b := defaults(t)
	for _, chip := range []string{"h100", "h200", "b200", "b300", "trn1", "inf2", "tpu-v5e", "tpu-v5p", "tpu-v6e", "tpu-v7"} {
		ch, ok := b.ChipHourPrice(chip, Query{})
		if !ok {
			continue
		}
		if p := ch.Price; p.Region != "" && p.Region != DefaultRegion(p.Provider) && !USRegion(p.Provider, p.Region) {
			t.Errorf("%s priced in %s by default", chip, p.Region)
		}
		if _, onDemand := b.ChipHourPrice(chip, Query{Term: OnDemand}); onDemand && ch.Price.Term != OnDemand {
			t.Errorf("%s priced %s by default though it has an on-demand offering", chip, ch.Price.Term)
		}
	}
	if p, ok := b.Prices.Find("tpu-v5p-chip", Query{Term: OnDemand, Region: "southamerica-east1"}); ok && p.Region != "southamerica-east1" {
		t.Errorf("--region southamerica-east1 gave %s", p.Region)
	}
}

func TestDescribeStatesRegionPolicy(t *testing.T) {
	for _, c := range []struct {
		q    Query
		want string
	}{
		{Query{}, "on-demand, else capacity-block or committed (the row says which); regions: AWS us-east-1, GCP us-central1, Azure eastus; else the cheapest US region; else region not stated; newest prices"},
		{Query{Term: Reserved1y, Region: "eu-west-1,us-east-1", AsOf: specs.Date{Year: 2025}}, "reserved-1y; region eu-west-1, else us-east-1; as of 2025"},
	} {
		if got := c.q.Describe(); got != c.want {
			t.Errorf("Describe() = %q, want %q", got, c.want)
		}
	}
}
