package claims

import (
	"embed"

	"github.com/hwcmp/hwcmp/specs"
)

//go:embed data/*.csv
var defaultData embed.FS

// Defaults returns the claims built into hwcmp.
func Defaults() specs.Source { return specs.Embedded(defaultData, "data", "embedded:claims/data") }
