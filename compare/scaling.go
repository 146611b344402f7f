package compare

// ScalesWithChips reports whether a metric's per-system value is the total
// of its chips' (throughput, memory, power, a system's price): comparing
// two systems with different chip counts on it then mixes chip count with
// chip performance. A metric that divides one system total by another
// (throughput per watt, per dollar-hour) is the same per chip and per
// system.
func (m *Metric) ScalesWithChips() bool {
	if m.Den != nil {
		return false
	}
	switch m.Num.Kind {
	case SpecInput:
		return perSystemTotal[m.Num.Quantity]
	case PriceInput, CapexInput, TCOInput:
		return true
	}
	return false
}
