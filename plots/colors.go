package plots

import (
	"hash/fnv"
	"image/color"
	"strings"
)

// The Okabe-Ito palette: distinguishable with every common form of colour
// blindness.
var (
	orange    = color.NRGBA{0xE6, 0x9F, 0x00, 0xff}
	skyBlue   = color.NRGBA{0x56, 0xB4, 0xE9, 0xff}
	green     = color.NRGBA{0x00, 0x9E, 0x73, 0xff}
	yellow    = color.NRGBA{0xF0, 0xE4, 0x42, 0xff}
	blue      = color.NRGBA{0x00, 0x72, 0xB2, 0xff}
	vermilion = color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
	purple    = color.NRGBA{0xCC, 0x79, 0xA7, 0xff}
	grey      = color.NRGBA{0x80, 0x80, 0x80, 0xff}
)

// vendorColors gives each vendor the same colour in every chart.
var vendorColors = map[string]color.NRGBA{
	"aws":    orange,
	"nvidia": green,
	"google": blue,
	"amd":    vermilion,
	"intel":  skyBlue,
}

var spare = []color.NRGBA{purple, yellow, grey}

// VendorColor returns the colour of a vendor (or provider, or any group).
func VendorColor(vendor string) color.NRGBA {
	v := strings.ToLower(vendor)
	for _, word := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '/' || r == '(' || r == ')' || r == ',' }) {
		if c, ok := vendorColors[word]; ok {
			return c
		}
	}
	h := fnv.New32a()
	h.Write([]byte(v))
	return spare[h.Sum32()%uint32(len(spare))]
}

// VerdictColor returns the colour of a claim verdict.
func VerdictColor(verdict string) color.NRGBA {
	switch verdict {
	case "supported":
		return green
	case "close":
		return orange
	case "contradicted":
		return vermilion
	case "mismatch":
		return purple
	}
	return grey
}

// lighter returns c faded toward white, for tentative figures.
func lighter(c color.NRGBA) color.NRGBA {
	f := func(v uint8) uint8 { return uint8(255 - (255-int(v))*2/5) }
	return color.NRGBA{f(c.R), f(c.G), f(c.B), 0xff}
}
