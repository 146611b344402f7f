package main

import (
	"context"
	"fmt"
	"io"

	"github.com/hwcmp/hwcmp/safefile"
	"github.com/spf13/pflag"
)

// writeFlags are the flags of commands that write files with -o.
type writeFlags struct {
	followSymlinks bool
}

func (w *writeFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&w.followSymlinks, "follow-symlinks", false, "when -o names a symbolic link, write to the file it points to (without it, a link is refused)")
}

func (w writeFlags) options() safefile.Options {
	return safefile.Options{FollowSymlinks: w.followSymlinks}
}

// write writes data to path atomically (safefile.Write), or to stdout when
// path is "-", and says what it wrote on report. A target that is not a
// regular file (a device such as /dev/stdout, a pipe) is refused: -o - is
// how to write to standard output.
func (w writeFlags) write(ctx context.Context, stdout, report io.Writer, path string, data []byte) error {
	if path == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if err := safefile.Write(ctx, path, data, w.options()); err != nil {
		return err
	}
	fmt.Fprintln(report, "wrote", path)
	return nil
}

// check refuses, before any work, a -o target that write would refuse.
func (w writeFlags) check(path string) error {
	if path == "-" {
		return nil
	}
	return safefile.Check(path, w.options())
}
