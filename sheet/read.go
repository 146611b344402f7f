package sheet

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf8"
)

// MaxSize is the largest sheet hwcmp reads, in bytes. A sheet is a
// hand-kept or imported table; one that is larger than this is a
// mistake (a log, a disk image, /dev/zero through a symlink) and reading
// it whole would exhaust memory. 64 MiB holds several hundred thousand
// rows, well beyond the 100,000-chip scale hwcmp is tested at.
const MaxSize = 64 << 20

// ReadFile reads the sheet name from fsys, refusing anything that is not a
// regular file — a FIFO would block until some other process writes, a
// device may never end — and anything larger than MaxSize. It checks
// before opening, since opening a FIFO already blocks, and bounds the read
// as well, since a file may grow between the check and the read.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := checkRegular(st); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead)) // one allocation when the size holds
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxSize+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if len(data) > MaxSize {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

func checkRegular(st fs.FileInfo) error {
	switch {
	case st.IsDir():
		return fmt.Errorf("a folder, not a sheet: sheets in sub-folders are not read")
	case !st.Mode().IsRegular():
		return fmt.Errorf("not a regular file (mode %s): a sheet must be a plain file, not a pipe, socket or device", st.Mode().Type())
	case st.Size() > MaxSize:
		return tooLarge(st.Size())
	}
	return nil
}

func tooLarge(n int64) error {
	return fmt.Errorf("%d bytes or more: larger than the %d MiB a sheet may hold; split it into several sheets of the same kind", n, MaxSize>>20)
}

// invalidUTF8 returns the line and byte column of the first byte of data
// that is not valid UTF-8, and the byte, or ok false when data is valid.
func invalidUTF8(data []byte) (line, col int, b byte, ok bool) {
	if utf8.Valid(data) {
		return 0, 0, 0, false
	}
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, data[i], true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += size
		}
		i += size
	}
	return 0, 0, 0, false // unreachable: utf8.Valid said otherwise
}

// controlChar returns the first C0 or C1 control character in s other
// than tab and newline, which a field may hold; ok is false if there is
// none. Such characters are invisible in a spreadsheet, break XML (SVG
// charts) and drive terminals, and no figure, name or source needs one.
func controlChar(s string) (r rune, ok bool) {
	for i := 0; i < len(s); i++ { // fast path: printable ASCII only
		if c := s[i]; c < 0x20 || c >= 0x7f {
			goto slow
		}
	}
	return 0, false
slow:
	for _, r := range s {
		if r == '\t' || r == '\n' {
			continue
		}
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return r, true
		}
	}
	return 0, false
}
