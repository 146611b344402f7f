package safefile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// WriteSet writes files (name → content) into the folder dir as one set:
// afterwards dir holds the new files and every other entry it held before.
// The set is built in a temporary folder beside dir — other entries of dir
// hard-linked in, new files written and flushed — and swapped with dir in
// one atomic exchange where the system has one (Linux), so that a reader,
// a signal or a crash sees either the whole old set or the whole new one.
// Where there is no exchange, or dir holds sub-folders that cannot be
// linked, the new files are renamed into dir one by one after all are
// written and flushed: each file is whole, but a crash during the renames
// can leave a mixed set. The same holds when the folder above dir is not
// writable: the set is then staged in a hidden folder inside dir. dir is created if needed; a symbolic link to a
// folder is followed. A name in files must be a plain file name, and an
// entry of dir it replaces must be a regular file, whose mode it keeps.
func WriteSet(ctx context.Context, dir string, files map[string][]byte, opt Options) error {
	names := make([]string, 0, len(files))
	for name := range files {
		if name == "" || name != filepath.Base(name) || name == "." || name == ".." {
			return fmt.Errorf("%q: not a plain file name", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	st, err := os.Stat(dir)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	case exists && !st.IsDir():
		return fmt.Errorf("%s: not a folder", dir)
	}
	if !exists {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return err
		}
	}
	old := map[string]fs.FileInfo{}
	var carry []os.DirEntry
	linkable := true
	if exists {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if _, ours := files[e.Name()]; ours {
				info, err := os.Lstat(filepath.Join(dir, e.Name()))
				if err != nil {
					return err
				}
				if !info.Mode().IsRegular() {
					return fmt.Errorf("%s: %w (%s): refusing to replace it", filepath.Join(dir, e.Name()), ErrNotRegular, describe(info.Mode()))
				}
				old[e.Name()] = info
				continue
			}
			if !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 {
				linkable = false
			}
			carry = append(carry, e)
		}
	}
	removeStale(filepath.Dir(dir), filepath.Base(dir))
	stage, err := os.MkdirTemp(filepath.Dir(dir), tempPattern(filepath.Base(dir)))
	inside := false
	if err != nil && exists && errors.Is(err, fs.ErrPermission) {
		// The folder above may not be ours to write: stage inside the
		// folder instead, and rename the files in one by one.
		removeStale(dir, ".hwcmp-set")
		stage, err = os.MkdirTemp(dir, tempPattern(".hwcmp-set"))
		inside = true
	}
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage) // after an exchange it holds the old set
	for _, name := range names {
		perm := opt.perm()
		if o := old[name]; o != nil {
			perm = o.Mode().Perm()
		}
		if err := writeNew(filepath.Join(stage, name), files[name], perm, old[name]); err != nil {
			return err
		}
	}
	swap := exists && linkable && !inside
	if swap {
		for _, e := range carry {
			if err := carryOver(filepath.Join(dir, e.Name()), filepath.Join(stage, e.Name())); err != nil {
				swap = false
				break
			}
		}
	}
	mode := fs.FileMode(0o755)
	if exists {
		mode = st.Mode().Perm()
	}
	if err := os.Chmod(stage, mode); err != nil {
		return err
	}
	if err := syncDir(stage); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s not written: %w", dir, context.Cause(ctx))
	}
	switch {
	case !exists:
		if err := os.Rename(stage, dir); err != nil {
			return err
		}
		return syncDir(filepath.Dir(dir))
	case swap:
		if err := exchange(stage, dir); err == nil {
			restoreLate(stage, dir, carry, files)
			return syncDir(filepath.Dir(dir))
		} else if !errors.Is(err, errors.ErrUnsupported) {
			return err
		}
	}
	// No exchange: rename each new file into dir.
	for _, name := range names {
		if err := os.Rename(filepath.Join(stage, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return syncDir(dir)
}

// writeNew writes a new file at path with perm, flushed to disk.
func writeNew(path string, data []byte, perm fs.FileMode, old fs.FileInfo) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if old != nil {
		keepOwner(f, old)
	}
	if err := f.Chmod(perm); err != nil { // the umask may have narrowed it
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// carryOver puts an entry of the old folder into the new one: a hard link
// to a regular file (a copy where links are not allowed), a copy of a
// symbolic link.
func carryOver(from, to string) error {
	info, err := os.Lstat(from)
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		dest, err := os.Readlink(from)
		if err != nil {
			return err
		}
		return os.Symlink(dest, to)
	}
	if err := os.Link(from, to); err == nil {
		return nil
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// restoreLate moves back into dir any entry that appeared in the old
// folder (now at stage) after its entries were carried over, so that a
// file another process wrote meanwhile is not lost with the old folder.
func restoreLate(stage, dir string, carried []os.DirEntry, files map[string][]byte) {
	known := make(map[string]bool, len(carried))
	for _, e := range carried {
		known[e.Name()] = true
	}
	entries, _ := os.ReadDir(stage)
	for _, e := range entries {
		if _, ours := files[e.Name()]; !ours && !known[e.Name()] {
			os.Rename(filepath.Join(stage, e.Name()), filepath.Join(dir, e.Name()))
		}
	}
}
