// Package pricing holds what hardware costs and earns: cloud price sheets,
// purchase prices (capex), named datacenter sites and deals, and assumption
// scenarios; and the models built on them: total cost of ownership per
// chip-hour, and capex, compute and revenue per gigawatt.
//
// Its sheets follow the spec sheets' rules (package specs): one number per
// row with its status, source and date, loaded through the same checks, and
// a --data folder may add or replace rows. Every model input is a sourced
// figure or an assumption marked as such, and every model output says which
// inputs it used.
//
// Conventions: a year is 8,760 hours (units.HoursPerYear); a site's GW is
// its total facility power, so its IT power is GW ÷ PUE; capex is
// annualized with the capital-recovery factor r(1+r)^n / ((1+r)^n − 1).
package pricing
