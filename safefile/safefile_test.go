package safefile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// leftovers lists the temporary files and folders left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := Write(ctx, path, []byte("one"), Options{}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v; want 0644", st.Mode().Perm())
	}
	os.Chmod(path, 0o600)
	if err := Write(ctx, path, []byte("two"), Options{}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 || read(t, path) != "two" {
		t.Errorf("replaced file: mode %v, %q; want 0600, two", st.Mode().Perm(), read(t, path))
	}

	// A symbolic link is refused, or written through when asked.
	link := filepath.Join(dir, "link.csv")
	os.Symlink("out.csv", link)
	if err := Write(ctx, link, []byte("three"), Options{}); err == nil || !strings.Contains(err.Error(), "a symbolic link: refusing") {
		t.Errorf("Write(link) = %v; want a refusal", err)
	}
	if err := Write(ctx, link, []byte("three"), Options{FollowSymlinks: true}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 || read(t, path) != "three" {
		t.Errorf("after writing through the link: link mode %v, target %q; want a link still, three", st.Mode(), read(t, path))
	}

	// Non-regular targets are refused.
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		if err := Write(ctx, fifo, []byte("x"), Options{}); !errors.Is(err, ErrNotRegular) {
			t.Errorf("Write(fifo) = %v; want ErrNotRegular", err)
		}
	}
	if err := Write(ctx, dir, []byte("x"), Options{}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Write(folder) = %v; want ErrNotRegular", err)
	}
	if err := Write(ctx, "/dev/null", []byte("x"), Options{}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Write(/dev/null) = %v; want ErrNotRegular", err)
	}

	// A cancelled write leaves the old file and no temporary file.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := Write(cancelled, path, []byte("four"), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Write = %v; want context.Canceled", err)
	}
	if read(t, path) != "three" {
		t.Errorf("after a cancelled write: %q; want three", read(t, path))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestWriteSet(t *testing.T) {
	ctx := context.Background()
	parent := t.TempDir()
	dir := filepath.Join(parent, "set")
	if err := WriteSet(ctx, dir, map[string][]byte{"a.csv": []byte("a1"), "b.csv": []byte("b1")}, Options{}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dir, "a.csv")) != "a1" || read(t, filepath.Join(dir, "b.csv")) != "b1" {
		t.Fatal("new set not written")
	}
	os.WriteFile(filepath.Join(dir, "mine.csv"), []byte("user"), 0o600)
	os.Chmod(filepath.Join(dir, "a.csv"), 0o600)
	if err := WriteSet(ctx, dir, map[string][]byte{"a.csv": []byte("a2"), "b.csv": []byte("b2")}, Options{}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a.csv": "a2", "b.csv": "b2", "mine.csv": "user"} {
		if got := read(t, filepath.Join(dir, name)); got != want {
			t.Errorf("%s = %q; want %q", name, got, want)
		}
	}
	if st, _ := os.Stat(filepath.Join(dir, "a.csv")); st.Mode().Perm() != 0o600 {
		t.Errorf("a.csv mode %v; want its old 0600", st.Mode().Perm())
	}

	// A cancelled set leaves the old set whole and nothing temporary.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := WriteSet(cancelled, dir, map[string][]byte{"a.csv": []byte("a3"), "b.csv": []byte("b3")}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled WriteSet = %v; want context.Canceled", err)
	}
	if read(t, filepath.Join(dir, "a.csv")) != "a2" || read(t, filepath.Join(dir, "b.csv")) != "b2" {
		t.Error("a cancelled set changed the old one")
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("temporary folders left: %v", l)
	}

	// A sub-folder cannot be carried into the swap: the files are renamed in one by one.
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if err := WriteSet(ctx, dir, map[string][]byte{"a.csv": []byte("a4")}, Options{}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dir, "a.csv")) != "a4" {
		t.Error("set with a sub-folder beside it not written")
	}
	if st, err := os.Stat(filepath.Join(dir, "sub")); err != nil || !st.IsDir() {
		t.Error("sub-folder lost")
	}

	// An entry of the set's name that is not a regular file is refused.
	os.Remove(filepath.Join(dir, "b.csv"))
	os.Mkdir(filepath.Join(dir, "b.csv"), 0o755)
	if err := WriteSet(ctx, dir, map[string][]byte{"b.csv": []byte("b5")}, Options{}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("WriteSet over a folder = %v; want ErrNotRegular", err)
	}
	if err := WriteSet(ctx, dir, map[string][]byte{"../x.csv": nil}, Options{}); err == nil {
		t.Error("WriteSet accepted a path as a file name")
	}
}

// TestExchange checks that this system swaps folders in one step, the
// path WriteSet takes for a folder of plain files.
func TestExchange(t *testing.T) {
	d := t.TempDir()
	a, b := filepath.Join(d, "a"), filepath.Join(d, "b")
	os.Mkdir(a, 0o755)
	os.Mkdir(b, 0o755)
	os.WriteFile(filepath.Join(a, "x"), nil, 0o644)
	err := exchange(a, b)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skip("no atomic exchange here: WriteSet renames files one by one")
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(b, "x")); err != nil {
		t.Errorf("after exchange: %v", err)
	}
}

// TestRemoveStale checks that a write removes what a killed earlier write
// of the same target left, once it is old enough, and nothing else.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * staleAfter)
	stale := filepath.Join(dir, ".out.csv.123.tmp")
	fresh := filepath.Join(dir, ".out.csv.456.tmp")
	other := filepath.Join(dir, ".other.csv.789.tmp")
	for _, p := range []string{stale, fresh, other} {
		os.WriteFile(p, nil, 0o644)
	}
	os.Chtimes(stale, old, old)
	os.Chtimes(other, old, old)
	if err := Write(context.Background(), filepath.Join(dir, "out.csv"), []byte("x"), Options{}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{stale: false, fresh: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v; want %v", filepath.Base(p), err == nil, want)
		}
	}
}

// TestLinkToDevice checks that a link to something that is not a regular
// file is refused as such, with or without FollowSymlinks.
func TestLinkToDevice(t *testing.T) {
	link := filepath.Join(t.TempDir(), "null")
	os.Symlink("/dev/null", link)
	for _, follow := range []bool{false, true} {
		if err := Write(context.Background(), link, []byte("x"), Options{FollowSymlinks: follow}); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a link to a device") {
			t.Errorf("Write(link to /dev/null, follow %v) = %v; want ErrNotRegular, a link to a device", follow, err)
		}
	}
}
