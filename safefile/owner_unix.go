//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of the file it replaces, where the
// process may (as root, or when they are already its own); failure leaves
// the new file owned by the process, which is no worse than before.
func keepOwner(f *os.File, old fs.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		f.Chown(int(st.Uid), int(st.Gid))
	}
}

// processGone reports whether no process has the id pid: signal 0 checks
// without sending anything, and ESRCH means there is none. A process of
// another user answers EPERM, which is alive.
func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
