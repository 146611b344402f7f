package claims

import (
	"embed"
	"io/fs"

	"github.com/hwcmp/hwcmp/specs"
)

//go:embed data/*.csv
var defaultData embed.FS

// Defaults returns the claims built into hwcmp.
func Defaults() specs.Source {
	sub, err := fs.Sub(defaultData, "data")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return specs.Source{FS: sub, Name: "embedded:claims/data"}
}
