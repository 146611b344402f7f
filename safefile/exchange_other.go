//go:build !linux

package safefile

import "errors"

// exchange is unsupported here: WriteSet renames files one by one.
func exchange(a, b string) error { return errors.ErrUnsupported }
