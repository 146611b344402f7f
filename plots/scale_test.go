package plots

import (
	"fmt"
	"math/rand"
	"testing"
)

// BenchmarkScatterLabels renders scatters of 100, 1,000 and 10,000
// labelled points with ranges, to show that label placement (through the
// spatial index) grows about linearly with the points.
func BenchmarkScatterLabels(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			r := rand.New(rand.NewSource(1))
			s := Scatter{XName: "x", YName: "y"}
			for i := range n {
				x, y := 1+r.Float64()*1000, 1+r.Float64()*1000
				s.Points = append(s.Points, Point{Label: fmt.Sprint("chip-", i), Group: fmt.Sprint("g", i%5),
					X: x, Y: y, XLo: x * 0.95, XHi: x * 1.05, YLo: y, YHi: y, Frontier: i%50 == 0})
			}
			f, err := s.Figure()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.Render(".svg", Deck); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
