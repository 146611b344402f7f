package pricing

import (
	"embed"

	"github.com/hwcmp/hwcmp/specs"
)

//go:embed data/*.csv
var defaultData embed.FS

// Defaults returns the pricing sheets built into hwcmp.
func Defaults() specs.Source { return specs.Embedded(defaultData, "data", "embedded:pricing/data") }
