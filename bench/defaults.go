package bench

import (
	"embed"

	"github.com/hwcmp/hwcmp/specs"
)

//go:embed data/*.csv
var defaultData embed.FS

// Defaults returns the benchmark results built into hwcmp.
func Defaults() specs.Source { return specs.Embedded(defaultData, "data", "embedded:bench/data") }
