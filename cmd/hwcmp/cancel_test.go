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
)

// TestCancelled runs commands under a context a signal has already
// cancelled (Ctrl-C before the work starts): each stops with the signal's
// exit status and message, prints nothing on standard output, and leaves
// an existing output file as it was.
func TestCancelled(t *testing.T) {
	dir := t.TempDir()
	old := []byte("the previous output\n")
	test := func(sig os.Signal, code int, args ...string) {
		t.Helper()
		for i, a := range args {
			args[i] = strings.ReplaceAll(a, "{tmp}", dir)
		}
		target := filepath.Join(dir, "out")
		os.WriteFile(target, old, 0o644)
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(&signalled{sig})
		var stdout, stderr bytes.Buffer
		err := run(ctx, &stdout, &stderr, args)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("hwcmp %s = %v; want a cancellation", strings.Join(args, " "), err)
		}
		if got := exitCode(&stderr, withCause(ctx, err)); got != code {
			t.Errorf("hwcmp %s: exit %d; want %d", strings.Join(args, " "), got, code)
		}
		if want := "hwcmp: stopped by " + signalName(sig) + ": nothing more was written, and no file was changed"; !strings.Contains(stderr.String(), want) {
			t.Errorf("hwcmp %s: stderr %q; want %q", strings.Join(args, " "), stderr.String(), want)
		}
		if stdout.Len() > 0 {
			t.Errorf("hwcmp %s: printed %q after the signal", strings.Join(args, " "), stdout.String())
		}
		if got, _ := os.ReadFile(target); !bytes.Equal(got, old) {
			t.Errorf("hwcmp %s: %s = %q; want it unchanged", strings.Join(args, " "), target, got)
		}
	}
	test(os.Interrupt, 130, "rank", "--metric", "throughput-per-watt", "--precision", "fp8")
	test(syscall.SIGTERM, 143, "rank", "--metric", "throughput-per-watt", "--precision", "fp8")
	test(os.Interrupt, 130, "compare", "h100", "b200")
	test(os.Interrupt, 130, "pareto", "--x", "throughput", "--y", "memory-bandwidth", "--precision", "fp8")
	test(os.Interrupt, 130, "validate")
	test(os.Interrupt, 130, "claims")
	test(os.Interrupt, 130, "specs")
	test(os.Interrupt, 130, "export", "epoch", "-o", "{tmp}/out")
	test(os.Interrupt, 130, "plot", "rank", "--metric", "throughput", "--precision", "fp8", "-o", "{tmp}/out")
}

// TestCancelledMidway cancels a ranking of 3,000 generated chips as its
// table starts to come out: the command stops with a cancellation
// instead of finishing, and its exit status says so.
func TestCancelledMidway(t *testing.T) {
	dir := t.TempDir()
	writeScaleData(t, dir, 3000)
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	out := &cancellingWriter{cancel: func() { cancel(&signalled{os.Interrupt}) }}
	var stderr bytes.Buffer
	err := run(ctx, out, &stderr, []string{"rank", "--metric", "throughput-per-watt", "--precision", "fp8", "--data", dir})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("rank = %v; want a cancellation", err)
	}
	if code := exitCode(&stderr, withCause(ctx, err)); code != 130 {
		t.Errorf("exit %d; want 130", code)
	}
	if out.n > 64<<10 {
		t.Errorf("%d bytes written after the cancellation; want the rest of the table dropped", out.n)
	}
}

// TestLoadCancelled checks that loading stops on a cancelled context
// before building anything.
func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := dataFlags{ctx: ctx}
	if w, _, err := d.loadAll(); !errors.Is(err, context.Canceled) || w != nil {
		t.Errorf("loadAll on a cancelled context = %v, %v; want nil, context.Canceled", w, err)
	}
}

// cancellingWriter cancels at its first write and counts what it is given.
type cancellingWriter struct {
	cancel func()
	n      int
}

func (w *cancellingWriter) Write(p []byte) (int, error) {
	w.cancel()
	w.n += len(p)
	return len(p), nil
}
