package sheet

import (
	"context"

	"github.com/hwcmp/hwcmp/safefile"
)

// WriteAtomic writes data to path so that a reader never sees a
// half-written file and a failure leaves the old one: see
// safefile.Write, which it calls with the default options (a symbolic
// link or a non-regular target is refused; a replaced file keeps its
// mode).
func WriteAtomic(path string, data []byte) error {
	return safefile.Write(context.Background(), path, data, safefile.Options{})
}
