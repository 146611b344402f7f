package compare

// An Interval is a closed range [Lo, Hi] of non-negative values, the
// uncertainty a figure carries from contested sources or published ranges.
type Interval struct {
	Lo, Hi float64
}

// Point returns the interval holding only v.
func Point(v float64) Interval { return Interval{v, v} }

// Mul returns the product interval. Inputs are non-negative (spec values
// are checked positive at load), so the bounds multiply directly.
func (a Interval) Mul(b Interval) Interval { return Interval{a.Lo * b.Lo, a.Hi * b.Hi} }

// Div returns the quotient interval a ÷ b for positive b.
func (a Interval) Div(b Interval) Interval { return Interval{a.Lo / b.Hi, a.Hi / b.Lo} }

// Scale multiplies both bounds by k ≥ 0.
func (a Interval) Scale(k float64) Interval { return Interval{a.Lo * k, a.Hi * k} }

// tieTolerance absorbs floating-point rounding: 192/8.2944 and 64/2.7648
// are the same price per vCPU and must rank as a tie.
const tieTolerance = 1e-9

// Overlaps reports whether a and b share any value, up to rounding.
func (a Interval) Overlaps(b Interval) bool {
	return a.Lo <= b.Hi*(1+tieTolerance) && b.Lo <= a.Hi*(1+tieTolerance)
}

// Wide reports whether a is more than a point.
func (a Interval) Wide() bool { return a.Lo != a.Hi }
