package provenance

import (
	"slices"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		source    string
		tier      Tier
		publisher string
		flaws     []Flaw
	}{
		{"https://www.nvidia.com/en-us/data-center/h200/", Primary, "nvidia.com", nil},
		{"https://resources.nvidia.com/en-us-data-center-overview/hpc-datasheet-sc23-h200", Primary, "resources.nvidia.com", nil},
		{"https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html", Primary, "amd.com", nil},
		{"https://rocm.docs.amd.com/en/latest/reference/precision-support.html", Primary, "rocm.docs.amd.com", nil},
		{"https://aws.amazon.com/ec2/instance-types/trn2/", Primary, "aws.amazon.com", nil},
		{"https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html", Primary, "docs.aws.amazon.com", nil},
		{"https://awsdocs-neuron.readthedocs-hosted.com/en/latest/general/arch/neuron-hardware/trn1-arch.html", Primary, "awsdocs-neuron.readthedocs-hosted.com", nil},
		{"https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.csv", Primary, "pricing.us-east-1.amazonaws.com", nil},
		{"https://cloud.google.com/tpu/docs/v5p", Primary, "cloud.google.com", nil},
		{"https://docs.cloud.google.com/tpu/docs/v5e", Primary, "docs.cloud.google.com", nil},
		{"https://ai.meta.com/blog/next-generation-meta-training-inference-accelerator-AI-MTIA/", Primary, "ai.meta.com", nil},
		{"https://www.intel.com/content/www/us/en/products/details/processors/xeon.html", Primary, "intel.com", nil},
		{"https://azure.microsoft.com/en-us/pricing/details/virtual-machines/linux/", Primary, "azure.microsoft.com", nil},
		{"https://prices.azure.com/api/retail/prices?$filter=armSkuName%20eq%20%27Standard_ND96isr_H100_v5%27", Primary, "prices.azure.com", nil},
		{"https://web.archive.org/web/20240101000000/https://www.nvidia.com/en-us/data-center/h100/", Primary, "nvidia.com (Wayback Machine copy)", nil},
		{"https://web.archive.org/web/2024/https://www.tomshardware.com/x", Secondary, "tomshardware.com (Wayback Machine copy)", nil},
		{"https://www.sec.gov/Archives/edgar/data/1018724/000101872425000004/amzn-20241231.htm", Primary, "sec.gov", nil},
		{"https://mlcommons.org/benchmarks/inference-datacenter/", Primary, "mlcommons.org", nil},
		{"https://github.com/aws-neuron/aws-neuron-sdk/blob/master/about-neuron/arch/neuron-hardware/trainium2.rst", Primary, "aws-neuron/aws-neuron-sdk", nil},
		{"https://github.com/aws/karpenter-provider-aws/blob/main/pkg/providers/pricing/zz_generated.pricing_aws.go", Primary, "aws/karpenter-provider-aws", nil},
		{"https://github.com/mlcommons/inference_results_v5.1/tree/main/closed/NVIDIA", Primary, "mlcommons/inference_results_v5.1", nil},
		{"https://raw.githubusercontent.com/aws/aws-graviton-getting-started/main/README.md", Primary, "aws/aws-graviton-getting-started", nil},
		{"Google Cloud Billing Catalog API, service 6F81-5844-456A, SKU 0F71-4391-B6CA", Primary, "Google Cloud Billing Catalog API", nil},

		// Secondary: press, aggregators, wikis, blogs, analysts' notes.
		{"https://glennklockwood.com/garden/processors/h100", Secondary, "glennklockwood.com", nil},
		{"https://www.tomshardware.com/pc-components/gpus/nvidia-b300", Secondary, "tomshardware.com", nil},
		{"https://en.wikichip.org/wiki/amazon/trainium", Secondary, "en.wikichip.org", nil},
		{"https://datasetsearch.research.google.com/search?q=tpu", Secondary, "datasetsearch.research.google.com", nil},
		{"https://github.com/szilard/GBM-perf", Secondary, "szilard/GBM-perf", nil},
		{"Dolphin Research, 'Amazon Fell Behind on AI. Can It Stage a Comeback?' (2026)", Secondary, "Dolphin Research, 'Amazon Fell Behind on AI. Can It Stage a Comeback?' (2026)", nil},

		// Flawed addresses.
		{"https://docs.cloud.google.com/tpu/docs/v5e?authuser=6", Primary, "docs.cloud.google.com", []Flaw{SessionLink}},
		{"https://github.com/AndrewSirenko/karpenter-provider-aws/blob/1622/pkg/providers/pricing/zz_generated.pricing_aws.go", Secondary, "AndrewSirenko/karpenter-provider-aws", []Flaw{Fork}},
		{"https://github.com/intel-ai-tce/inference_results_v6.1/tree/main/closed/Intel", Secondary, "intel-ai-tce/inference_results_v6.1", []Flaw{Fork}},
		{"https://d33gy59ovltp76.cloudfront.net/data/trn2.pdf", Secondary, "d33gy59ovltp76.cloudfront.net", []Flaw{Proxy}},
		{"https://docs---aws.amazon.com.rproxy.goskope.com/ec2/latest/instancetypes/ac.html", Secondary, "docs---aws.amazon.com.rproxy.goskope.com", []Flaw{Proxy}},
		{"https://buzzbytech.com/?p=9439", Secondary, "buzzbytech.com", []Flaw{Proxy}},
		{"not a url ://", Secondary, "not a url ://", nil},
		{"aws.amazon.com/ec2/pricing/on-demand/", Primary, "aws.amazon.com", nil},
		{"www.tomshardware.com/news/x", Secondary, "tomshardware.com", nil},
		{"AWS Neuron docs source trn2-arch.rst 'Amazon EC2 Trn2 Architecture'", Primary, "AWS Neuron docs", nil},

		// hwcmp's own.
		{"", Hwcmp, "", nil},
		{"hwcmp assumption", Hwcmp, "", nil},
		{"hwcmp: sparse ÷ 2", Hwcmp, "", nil},
	}
	for _, tt := range tests {
		c := Classify(tt.source)
		var flaws []Flaw
		for _, p := range c.Flaws {
			flaws = append(flaws, p.Flaw)
		}
		if c.Tier != tt.tier || c.Publisher != tt.publisher || !slices.Equal(flaws, tt.flaws) {
			t.Errorf("Classify(%q) = %s %q %v, want %s %q %v", tt.source, c.Tier, c.Publisher, flaws, tt.tier, tt.publisher, tt.flaws)
		}
	}
}

func TestSessionLinkFix(t *testing.T) {
	c := Classify("https://docs.cloud.google.com/tpu/docs/v5e?authuser=6")
	if len(c.Flaws) != 1 || c.Flaws[0].Why != "drop the ?authuser= parameter: https://docs.cloud.google.com/tpu/docs/v5e" {
		t.Fatalf("flaws = %v", c.Flaws)
	}
}

func TestTierRank(t *testing.T) {
	if !(Primary.Rank() < Secondary.Rank() && Secondary.Rank() < Hwcmp.Rank() && Hwcmp.Rank() < Tier("x").Rank()) {
		t.Fatal("tier order: want primary < secondary < hwcmp < unknown")
	}
}
