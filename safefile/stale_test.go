//go:build unix

package safefile

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestRemoveDeadWriters checks that a write removes at once, whatever
// their age, the temporaries of its target whose writer is a process of
// this host that has ended (as kill -9 leaves them), and keeps fresh ones
// of a live writer, of another host, and of the older unnamed kind.
func TestRemoveDeadWriters(t *testing.T) {
	dir := t.TempDir()
	// A child process that has exited and been waited for: its id names
	// no process (unless the system reuses it within this test, which
	// only keeps the file: the test would then fail on dead, not pass
	// wrongly).
	child := exec.Command("true")
	if err := child.Run(); err != nil {
		t.Skip("cannot run a child process:", err)
	}
	deadPid := child.Process.Pid
	name := func(host string, pid int, kind string) string {
		return filepath.Join(dir, ".out.csv."+writerTag(host, pid)+".4242."+kind+"tmp")
	}
	dead := name(hostTag(), deadPid, "")
	deadSet := name(hostTag(), deadPid, "set.") // a set's staging folder
	live := name(hostTag(), os.Getppid(), "")   // the test's parent: alive
	own := name(hostTag(), os.Getpid(), "")     // this process: alive
	otherHost := name("00000000", deadPid, "")  // another machine's writer
	unnamed := filepath.Join(dir, ".out.csv.777.tmp")
	if hostTag() == "00000000" {
		t.Skip("this host's tag is the test's other-host tag")
	}
	for _, p := range []string{dead, live, own, otherHost, unnamed} {
		os.WriteFile(p, nil, 0o644)
	}
	os.Mkdir(deadSet, 0o755)
	os.WriteFile(filepath.Join(deadSet, "prices.csv"), []byte("half"), 0o644)
	if err := Write(context.Background(), filepath.Join(dir, "out.csv"), []byte("x"), Options{}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{dead: false, deadSet: false, live: true, own: true, otherHost: true, unnamed: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v; want %v", filepath.Base(p), err == nil, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 { // out.csv and the four kept
		for _, e := range entries {
			t.Log(e.Name())
		}
		t.Errorf("%d entries after the write; want 5", len(entries))
	}
}

// TestTempNamesWriter checks that a temporary's name carries its writer,
// so that a later write can tell whether it is still alive.
func TestTempNamesWriter(t *testing.T) {
	dir := t.TempDir()
	f, err := os.CreateTemp(dir, tempPattern("out.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	base := filepath.Base(f.Name())
	middle := base[len(".out.csv.") : len(base)-len(".tmp")]
	if deadWriter(middle) {
		t.Errorf("deadWriter(%q) = true for this live process's temporary", middle)
	}
	if want := ".out.csv." + writerTag(hostTag(), os.Getpid()) + "."; base[:len(want)] != want {
		t.Errorf("temporary %s; want it to begin %s", base, want)
	}
}
