package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImportCancelled interrupts an import part-way through its input, as
// Ctrl-C does through main's context, and checks that the import fails,
// writes nothing and leaves the previous import and no temporary files.
func TestImportCancelled(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "aws.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	old := []byte("the previous import\n")
	os.WriteFile(filepath.Join(out, "prices-aws.csv"), old, 0o644)
	input, err := os.ReadFile("../../importer/testdata/aws-ec2.csv")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	var stdout, stderr bytes.Buffer
	go func() { done <- run(ctx, &stdout, &stderr, []string{"import", "aws", fifo, "-o", out, "--quiet"}) }()
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	half := len(input) / 2
	w.Write(input[:half])
	time.Sleep(50 * time.Millisecond) // let the import read the first half
	cancel()
	w.Write(input[half:]) // the import reads again, sees the cancellation, stops
	w.Close()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("import did not stop after cancellation")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("import = %v; want context.Canceled", err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "prices-aws.csv")); !bytes.Equal(got, old) {
		t.Errorf("prices-aws.csv = %q after a cancelled import; want the previous import", got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary %s left", e.Name())
		}
	}
}

// TestOutputTargets checks the -o rules: a device or a folder is refused
// (-o - writes to standard output), a symbolic link is refused unless
// --follow-symlinks, a replaced file keeps its mode, and plot sizes are
// bounded.
func TestOutputTargets(t *testing.T) {
	dir := t.TempDir()
	test := func(args string, code int, want string) {
		t.Helper()
		args = strings.ReplaceAll(args, "{tmp}", dir)
		out, errOut, got := hwcmp(t, strings.Fields(args)...)
		if got != code || !strings.Contains(out+errOut, want) {
			t.Errorf("hwcmp %s: exit %d\n%s%s\nwant exit %d and %q", args, got, out, errOut, code, want)
		}
	}
	test("export epoch -o /dev/null", 1, "/dev/null: not a regular file (a device): refusing to replace it; write to standard output with -o -")
	test("export epoch -o {tmp}", 1, "not a regular file (a folder)")
	test("export epoch -o /dev/stdout", 1, "/dev/stdout: ") // a link to a pipe, a terminal or a file: refused either way
	test("plot rank -o /dev/stdout", 1, "/dev/stdout: ")
	test("plot rank -o - --ext svg", 0, "<?xml")
	test("export epoch -o -", 0, "Hardware name,Manufacturer,")
	target := filepath.Join(dir, "epoch.csv")
	os.WriteFile(target, nil, 0o600)
	os.Symlink("epoch.csv", filepath.Join(dir, "link.csv"))
	test("export epoch -o {tmp}/link.csv", 1, "a symbolic link: refusing to replace it with a file (write to its target with --follow-symlinks)")
	test("export epoch -o {tmp}/link.csv --follow-symlinks", 0, "wrote")
	if st, _ := os.Lstat(filepath.Join(dir, "link.csv")); st.Mode()&os.ModeSymlink == 0 {
		t.Error("--follow-symlinks replaced the link")
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o600 || st.Size() == 0 {
		t.Errorf("target after writing through the link: mode %v, %d bytes; want 0600 and the export", st.Mode().Perm(), st.Size())
	}
	test("plot rank -o {tmp}/x.png --width 100000", 2, "--width 100000: want 100 to 8192 pixels")
	test("plot rank -o {tmp}/x.png --height 0", 2, "--height 0: want 100 to 8192 pixels")
	test("plot rank -o {tmp}/x.png --dpi 100000", 2, "--dpi 100000: want 1 to 1200")
}
