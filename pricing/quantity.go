package pricing

import (
	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// Quantity names of pricing figures.
const (
	QCapex           = "capex"            // purchase price of a chip, server or rack; a site's investment
	QPowerCapacity   = "power_capacity"   // a site's or deal's power
	QChipCount       = "chip_count"       // chips at a site
	QRevenuePerYear  = "revenue_per_year" // revenue a site or heuristic earns per year
	QContractValue   = "contract_value"   // a deal's total value
	QContractYears   = "contract_years"   // a deal's length
	QElectricity     = "electricity_price"
	QPUE             = "pue"
	QFacilityCapex   = "facility_capex"   // datacenter build cost per watt of IT load
	QHostPower       = "host_power"       // host CPU, network and fan power per accelerator
	QUsefulLife      = "useful_life"      // depreciation life of IT equipment
	QFacilityLife    = "facility_life"    // depreciation life of the facility
	QCostOfCapital   = "cost_of_capital"  // annual rate for the capital-recovery factor
	QUtilization     = "utilization"      // share of hours an accelerator is sold or used
	QOperationsShare = "operations_share" // yearly operations and maintenance as a share of IT capex
)

// Quantities returns the quantities of pricing value sheets.
func Quantities() specs.Quantities {
	qs := []specs.Quantity{
		{Name: QCapex, Dim: units.Money, Bases: capexRowBases, Doc: "purchase price or investment"},
		{Name: QPowerCapacity, Dim: units.Power, Doc: "site or deal power capacity (total facility power)"},
		{Name: QChipCount, Dim: units.Count, Whole: true, Doc: "accelerators at a site"},
		{Name: QRevenuePerYear, Dim: units.MoneyRate, Doc: "yearly revenue"},
		{Name: QContractValue, Dim: units.Money, Doc: "total value of a contract"},
		{Name: QContractYears, Dim: units.Duration, Doc: "length of a contract"},
		{Name: QElectricity, Dim: units.EnergyPrice, Doc: "electricity price"},
		{Name: QPUE, Dim: units.Ratio, Doc: "power usage effectiveness: facility power ÷ IT power (≥ 1)"},
		{Name: QFacilityCapex, Dim: units.MoneyPerPower, Doc: "facility build cost per watt of IT (critical) load"},
		{Name: QHostPower, Dim: units.Power, AllowZero: true, Doc: "host, network and cooling-fan power per accelerator, on top of the chip's own"},
		{Name: QUsefulLife, Dim: units.Duration, Doc: "depreciation life of servers and accelerators"},
		{Name: QFacilityLife, Dim: units.Duration, Doc: "depreciation life of the facility"},
		{Name: QCostOfCapital, Dim: units.Ratio, AllowZero: true, Doc: "annual cost of capital"},
		{Name: QUtilization, Dim: units.Ratio, Doc: "share of hours used or sold, in (0, 1]"},
		{Name: QOperationsShare, Dim: units.Ratio, AllowZero: true, Doc: "yearly operations and maintenance cost as a share of IT capex"},
	}
	m := make(specs.Quantities, len(qs))
	for _, q := range qs {
		m[q.Name] = q
	}
	return m
}

// Price sheet columns, bounded like quantities (a bounds sheet may name
// them) though price sheets are not value sheets.
const (
	QPriceHour    = "usd_per_hour"
	QPriceUpfront = "upfront_usd"
)

// priceColumns returns the price sheet's amounts as quantities, for their
// plausible ranges.
func priceColumns() specs.Quantities {
	return specs.Quantities{
		QPriceHour:    {Name: QPriceHour, Dim: units.MoneyRate, Doc: "hourly price of an offering"},
		QPriceUpfront: {Name: QPriceUpfront, Dim: units.Money, Doc: "upfront fee of a reserved term"},
	}
}
