package plots

import (
	"math"

	"gonum.org/v1/plot/vg"
)

// A spatialIndex buckets boxes and line segments into square cells of a
// canvas, so that testing a label's box against everything already drawn
// costs the contents of the few cells it covers rather than every earlier
// label and line: placing n labels is about linear instead of quadratic.
type spatialIndex struct {
	area  vg.Rectangle
	cell  vg.Length
	boxes map[[2]int][]vg.Rectangle
	segs  map[[2]int][][2]vg.Point
}

func newSpatialIndex(area vg.Rectangle, cell vg.Length) *spatialIndex {
	return &spatialIndex{area: area, cell: cell, boxes: map[[2]int][]vg.Rectangle{}, segs: map[[2]int][][2]vg.Point{}}
}

// cellOf returns the cell coordinate of x along an axis starting at min,
// clamped to one cell beyond the canvas, so that far-off or non-finite
// coordinates cannot make a range of cells unbounded.
func (s *spatialIndex) cellOf(v, min, max vg.Length) int {
	v = vg.Length(math.Max(float64(min-s.cell), math.Min(float64(max+s.cell), float64(v))))
	if math.IsNaN(float64(v)) {
		v = min
	}
	return int(math.Floor(float64((v - min) / s.cell)))
}

// each calls f with every cell r touches.
func (s *spatialIndex) each(r vg.Rectangle, f func(k [2]int) bool) bool {
	x0, x1 := s.cellOf(r.Min.X, s.area.Min.X, s.area.Max.X), s.cellOf(r.Max.X, s.area.Min.X, s.area.Max.X)
	y0, y1 := s.cellOf(r.Min.Y, s.area.Min.Y, s.area.Max.Y), s.cellOf(r.Max.Y, s.area.Min.Y, s.area.Max.Y)
	for x := min(x0, x1); x <= max(x0, x1); x++ {
		for y := min(y0, y1); y <= max(y0, y1); y++ {
			if f([2]int{x, y}) {
				return true
			}
		}
	}
	return false
}

func (s *spatialIndex) addBox(r vg.Rectangle) {
	s.each(r, func(k [2]int) bool { s.boxes[k] = append(s.boxes[k], r); return false })
}

func (s *spatialIndex) addSeg(seg [2]vg.Point) {
	bounds := vg.Rectangle{Min: vg.Point{X: min(seg[0].X, seg[1].X), Y: min(seg[0].Y, seg[1].Y)},
		Max: vg.Point{X: max(seg[0].X, seg[1].X), Y: max(seg[0].Y, seg[1].Y)}}
	s.each(bounds, func(k [2]int) bool { s.segs[k] = append(s.segs[k], seg); return false })
}

// overlaps reports whether r overlaps a box added earlier.
func (s *spatialIndex) overlaps(r vg.Rectangle) bool {
	return s.each(r, func(k [2]int) bool { return overlapsAny(r, s.boxes[k]) })
}

// crosses reports whether a segment added earlier passes through r.
func (s *spatialIndex) crosses(r vg.Rectangle) bool {
	return s.each(r, func(k [2]int) bool { return crossesAny(r, s.segs[k]) })
}
