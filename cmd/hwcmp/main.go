package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

func main() {
	ctx, stop := notifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, os.Stderr, os.Args[1:])
	stop()
	os.Exit(exitCode(os.Stderr, withCause(ctx, err)))
}

// withCause returns the cause of ctx's cancellation (the signal) for an
// error that is a cancellation, and err otherwise.
func withCause(ctx context.Context, err error) error {
	if errors.Is(err, context.Canceled) {
		return cmp.Or(context.Cause(ctx), err)
	}
	return err
}

// notifyContext returns a context that Ctrl-C or SIGTERM cancels, with
// a *signalled as its cause: commands stop reading, write nothing and
// leave old outputs whole. A second signal ends the process at once (the
// first restores the default action), which is also safe: every file is
// written atomically and a temporary file left behind is removed by the
// next write (see package safefile).
func notifyContext(parent context.Context, sigs ...os.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(&signalled{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel(nil) }
}

// signalled is the cause of a context a signal cancelled. It is a
// context.Canceled, so that code testing for cancellation sees it.
type signalled struct{ sig os.Signal }

func (s *signalled) Error() string        { return "stopped by " + signalName(s.sig) }
func (s *signalled) Is(target error) bool { return target == context.Canceled }

// status is the exit status a shell gives a process the signal killed
// (128 + its number): 130 for Ctrl-C, 143 for SIGTERM.
func (s *signalled) status() int {
	if n, ok := s.sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

// signalName names a signal as people type it: "Ctrl-C (SIGINT)".
func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "Ctrl-C (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// interruptedNote is what hwcmp prints when a signal or a cancelled context
// stops a command: what it leaves behind.
const interruptedNote = "nothing more was written, and no file was changed (files are replaced whole or not at all)"

// errUsage marks an error in how hwcmp was called; it exits with status 2.
var errUsage = errors.New("usage")

// usageError returns an error that says what was wrong with the command line.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// errFailed makes hwcmp exit with status 1 without printing more: the
// command has already said what failed (validate, claims --strict).
var errFailed = errors.New("failed")

// commandError is an error from one command, so that a usage error can
// print that command's usage.
type commandError struct {
	c   *command
	err error
}

func (e *commandError) Error() string { return e.err.Error() }
func (e *commandError) Unwrap() error { return e.err }

// exitCode prints err, escaped, and returns the exit status for it: 0,
// 1 for a failure, 2 for a usage error (with the command's usage), and
// 128 + the signal's number for a command a signal stopped (130 for
// Ctrl-C, as a shell reports it; 130 too for a context cancelled
// without a signal).
func exitCode(stderr io.Writer, err error) int {
	var sig *signalled
	switch {
	case err == nil:
		return 0
	case errors.As(err, &sig):
		fmt.Fprintf(stderr, "hwcmp: %v: %s\n", sig, interruptedNote)
		return sig.status()
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "hwcmp: cancelled: %s\n", interruptedNote)
		return 130
	case errors.Is(err, errFailed):
		return 1
	case errors.Is(err, errUsage), errors.Is(err, output.ErrUsage):
		fmt.Fprintln(stderr, "hwcmp:", output.PrintableLines(strings.TrimPrefix(err.Error(), "usage: ")))
		var ce *commandError
		if errors.As(err, &ce) {
			fmt.Fprintf(stderr, "Usage: hwcmp %s %s\nRun 'hwcmp %s --help' for its flags.\n", ce.c.name, ce.c.usage, ce.c.name)
		} else {
			fmt.Fprintln(stderr, "Run 'hwcmp help' for usage.")
		}
		return 2
	}
	fmt.Fprintln(stderr, "hwcmp:", output.PrintableLines(err.Error()))
	return 1
}

// terminalWidth returns the width text tables should fit: $COLUMNS when
// set, else the width of the terminal stdout is, else 0 (no limit: a pipe
// or a file gets every column).
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if term.IsTerminal(int(f.Fd())) {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return n
		}
	}
	return 0
}

// A command is one hwcmp subcommand.
type command struct {
	name  string
	usage string // arguments after the name, e.g. "[flags] ID"
	short string // one line for the command list
	long  string // paragraphs for `hwcmp CMD --help`
	// setup registers the command's flags and returns its action, which
	// receives the arguments left after flag parsing.
	setup func(fs *pflag.FlagSet, e *env) func(ctx context.Context, args []string) error
}

// commands returns hwcmp's subcommands, in the order help lists them.
func commands() []*command {
	return []*command{
		specsCommand(),
		rankCommand(),
		compareCommand(),
		paretoCommand(),
		metricsCommand(),
		pricesCommand(),
		tcoCommand(),
		gwCommand(),
		claimsCommand(),
		benchCommand(),
		tokensCommand(),
		plotCommand(),
		reportCommand(),
		importCommand(),
		exportCommand(),
		validateCommand(),
		completionCommand(),
	}
}

// env is what a command runs with: its output streams and the flags every
// data-reading command shares.
type env struct {
	stdout, stderr io.Writer
	data           dataFlags
	out            outputFlags
	// width is the terminal's width for text tables (0: no limit).
	width int
}

const topUsage = `hwcmp compares AI accelerators and server CPUs on performance, performance
per watt and per dollar, and datacenter economics, from sourced spec sheets.

Usage:

	hwcmp <command> [flags] [arguments]

Commands:
%s
Every number carries its source, date and status (vendor, measured, derived,
estimate, assumption, target). Run 'hwcmp <command> --help' for a command's
flags; docs/DATA.md, docs/CLAIMS.md and docs/OUTPUT.md describe the sheets,
claims and output formats. 'hwcmp --version' prints the build and the date
of the built-in data; 'hwcmp completion bash' (zsh, fish) completes commands,
flags, metrics and ids.
`

func printTopUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "\t%-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, topUsage, b.String())
}

// run is hwcmp without the process: tests call it with their own streams.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return runWidth(ctx, stdout, stderr, args, terminalWidth(stdout))
}

// runWidth is run with text tables fitted to width columns (0: any).
func runWidth(ctx context.Context, stdout, stderr io.Writer, args []string, width int) error {
	top := pflag.NewFlagSet("hwcmp", pflag.ContinueOnError)
	top.SetInterspersed(false)
	top.SetOutput(io.Discard)
	top.Usage = func() {}
	version := top.Bool("version", false, "print hwcmp's version and the date of its data")
	if err := top.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			printTopUsage(stdout)
			return nil
		}
		return usageError("%v", err)
	}
	args = top.Args()
	if *version {
		return printVersion(stdout)
	}
	if len(args) == 0 {
		printTopUsage(stderr)
		return usageError("no command given")
	}
	name := args[0]
	if name == "help" {
		if len(args) > 1 {
			return runWidth(ctx, stdout, stderr, []string{args[1], "--help"}, width)
		}
		printTopUsage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return runCommand(ctx, c, stdout, stderr, args[1:], width)
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return usageError("unknown command %q%s", name, didYouMean(name, names))
}

func runCommand(ctx context.Context, c *command, stdout, stderr io.Writer, args []string, width int) error {
	fs := pflag.NewFlagSet("hwcmp "+c.name, pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(io.Discard)
	e := &env{stdout: ctxWriter{ctx, stdout}, stderr: stderr, width: width}
	e.data.ctx = ctx
	action := c.setup(fs, e)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: hwcmp %s %s\n\n%s\n\nFlags:\n%s", c.name, c.usage, strings.TrimSpace(c.long), fs.FlagUsages())
			return nil
		}
		return &commandError{c, usageError("%s: %v%s", c.name, err, flagSuggestion(fs, err))}
	}
	foldVocabularies(fs)
	err := action(ctx, fs.Args())
	if ctx.Err() != nil {
		// Stopped (Ctrl-C): whatever the command made of its cut-off
		// output or loading, the answer is that it did not finish.
		return ctx.Err()
	}
	if err != nil {
		return &commandError{c, err}
	}
	return nil
}

// ctxWriter is a command's standard output, which stops taking output
// once ctx is done: after Ctrl-C a table of 100,000 rows stops where it
// is, and the command returns ctx's error instead of finishing.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// pollContext returns ctx's error once it is done, looking only every
// 1024th step i of a loop, so that a loop over 100,000 subjects stops
// promptly on Ctrl-C at no measurable cost.
func pollContext(ctx context.Context, i int) error {
	if i%1024 == 0 {
		return ctx.Err()
	}
	return nil
}

// vocabularyFlags take a value from a closed, lower-case vocabulary
// (precisions, terms, bases, scenarios, metric names, model and chip ids
// ...): case never matters in them.
var vocabularyFlags = []string{"format", "precision", "sparsity", "basis", "kind", "lifecycle", "term", "scenario",
	"tier", "cost", "capex-basis", "power-basis", "ext", "model", "metric", "metrics", "x", "y", "chip", "baseline",
	"site", "only", "region", "benchmark", "bench-baseline", "bounds"}

// foldVocabularies lower-cases the values of the vocabulary flags given
// on fs, once, here, so that every command matches them alike.
func foldVocabularies(fs *pflag.FlagSet) {
	for _, name := range vocabularyFlags {
		if f := fs.Lookup(name); f != nil && f.Changed && f.Value.Type() == "string" {
			if v := f.Value.String(); v != strings.ToLower(v) {
				f.Value.Set(strings.ToLower(v))
			}
		}
	}
}

// flagSuggestion returns " (did you mean --x?)" for an unknown flag
// near one fs has.
func flagSuggestion(fs *pflag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, "--"+f.Name) })
	return didYouMean("--"+name, names)
}
