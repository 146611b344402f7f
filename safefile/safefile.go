// Package safefile writes hwcmp's output files so that what was there
// before is never damaged: a reader sees the old file or the new one,
// never a half-written one, and a failure, a signal or a crash leaves the
// old one in place.
//
// One file is written to a temporary file in the target's own folder,
// flushed to disk (fsync), renamed over the target, and the folder is
// flushed so that the rename itself survives a crash. A set of files that
// belong together (an import's sheets, the charts of `plot all`) is
// written into a temporary folder and swapped with the target folder in
// one step, so that a reader never sees old and new files mixed.
//
// The target must be a regular file or absent: a device, a pipe or a
// folder is refused (`-o -` is how a command writes to standard output),
// and a symbolic link is refused unless the caller asks to write through
// it, for replacing the link by a regular file would silently cut it off
// from where it pointed. A replaced file keeps its permission bits (and,
// where the system allows, its owner).
package safefile

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Options say how a target may be written.
type Options struct {
	// FollowSymlinks writes through a symbolic link to the file it
	// names, instead of refusing the link.
	FollowSymlinks bool
	// Perm is the permission of a file that did not exist; 0644 when
	// zero. A file that existed keeps its own.
	Perm fs.FileMode
}

func (o Options) perm() fs.FileMode {
	if o.Perm == 0 {
		return 0o644
	}
	return o.Perm
}

// ErrNotRegular is the error for a target that is neither a regular file
// nor absent.
var ErrNotRegular = errors.New("not a regular file")

// target resolves path to the file to replace and the mode it must keep,
// or refuses it.
func target(path string, opt Options) (string, fs.FileInfo, error) {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		if to, err := os.Stat(path); err == nil && !to.Mode().IsRegular() {
			return "", nil, fmt.Errorf("%s: %w (a link to %s): refusing to write it; write to standard output with -o -", path, ErrNotRegular, describe(to.Mode()))
		}
		if !opt.FollowSymlinks {
			return "", nil, fmt.Errorf("%s: a symbolic link: refusing to replace it with a file (write to its target with --follow-symlinks)", path)
		}
		real, err := filepath.EvalSymlinks(path)
		if errors.Is(err, fs.ErrNotExist) {
			// A dangling link: write the file it names.
			dest, rerr := os.Readlink(path)
			if rerr != nil {
				return "", nil, rerr
			}
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(filepath.Dir(path), dest)
			}
			return target(dest, Options{})
		}
		if err != nil {
			return "", nil, err
		}
		return target(real, Options{})
	}
	if !st.Mode().IsRegular() {
		return "", nil, fmt.Errorf("%s: %w (%s): refusing to replace it; write to standard output with -o -", path, ErrNotRegular, describe(st.Mode()))
	}
	return path, st, nil
}

func describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.Type().String()
}

// Check reports whether Write would refuse path (a device, a pipe, a
// folder, a symbolic link without FollowSymlinks), so that a command can
// refuse it before doing the work whose result it would write.
func Check(path string, opt Options) error {
	_, _, err := target(path, opt)
	return err
}

// Write writes data to path atomically (see the package comment). If ctx
// is cancelled before the rename, the temporary file is removed and the
// target left as it was.
func Write(ctx context.Context, path string, data []byte, opt Options) error {
	path, old, err := target(path, opt)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	removeStale(dir, filepath.Base(path))
	tmp, err := os.CreateTemp(dir, tempPattern(filepath.Base(path)))
	if err != nil {
		return err
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	perm := opt.perm()
	if old != nil {
		perm = old.Mode().Perm()
		keepOwner(tmp, old)
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s not written: %w", path, context.Cause(ctx))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	renamed = true
	return syncDir(dir)
}

// syncDir flushes a folder's entries to disk, so that a rename in it
// survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return nil
}

// staleAfter is how old a temporary file or folder of an earlier write
// must be before a later write of the same target removes it, when it
// cannot tell that its writer is dead: no write takes this long between
// creating its temporary and renaming it.
const staleAfter = time.Hour

// tempPattern is the os.CreateTemp pattern of a temporary file or folder
// for the target named base: ".BASE.WRITER.*.tmp", where WRITER names this
// process (see writerTag), so that a later write can tell a temporary a
// killed process left from one a live process is still writing.
func tempPattern(base string) string {
	return "." + base + "." + writerTag(hostTag(), os.Getpid()) + ".*.tmp"
}

// writerTag names a writer in a temporary's name: its host's tag and its
// process id, e.g. "3f2a9c1b-12345".
func writerTag(host string, pid int) string { return host + "-" + strconv.Itoa(pid) }

// hostTag is a short hash of the host's name: a folder may be shared
// between machines, and a process id means something only on its own.
func hostTag() string {
	name, _ := os.Hostname()
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("%08x", h.Sum32())
}

// deadWriter reports whether the temporary named middle (its name between
// ".BASE." and ".tmp") was made by a process of this host that has ended.
// It answers false whenever it cannot be sure: an older name without a
// writer, another host's writer, a process that is alive (or whose id a new
// process has taken), or a system where it cannot ask.
func deadWriter(middle string) bool {
	tag, _, ok := strings.Cut(middle, ".") // WRITER.RANDOM
	if !ok {
		return false
	}
	host, pidText, ok := strings.Cut(tag, "-")
	if !ok || host != hostTag() {
		return false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 || pid == os.Getpid() || writerTag(host, pid) != tag {
		return false
	}
	return processGone(pid)
}

// removeStale removes the temporary files and folders that earlier writes
// of the target named base in dir left behind: at once when their writer
// is a process of this host that has ended (killed with kill -9, say), and
// after staleAfter otherwise.
func removeStale(dir, base string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, "."+base+".") || !strings.HasSuffix(name, ".tmp") || len(name) <= len(base)+len("..tmp") {
			continue
		}
		middle := name[len(base)+2 : len(name)-len(".tmp")]
		if deadWriter(middle) {
			os.RemoveAll(filepath.Join(dir, name))
			continue
		}
		if st, err := e.Info(); err == nil && time.Since(st.ModTime()) > staleAfter {
			os.RemoveAll(filepath.Join(dir, name))
		}
	}
}
