package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/output"
	"github.com/hwcmp/hwcmp/compare"
	"github.com/hwcmp/hwcmp/specs"
	"github.com/spf13/pflag"
)

func completionCommand() *command {
	return &command{
		name:  "completion",
		usage: "bash|zsh|fish | completion ids|chip-ids [--data DIR]",
		short: "print a shell completion script",
		long: `
'hwcmp completion SHELL' prints a script that completes hwcmp's commands,
flags, and the values of its flags (formats, precisions, bases, terms,
metrics, the built-in chip and system ids, plot kinds). Load it with:

	bash:  source <(hwcmp completion bash)        (or save it under /etc/bash_completion.d)
	zsh:   source <(hwcmp completion zsh)
	fish:  hwcmp completion fish > ~/.config/fish/completions/hwcmp.fish

Where the command line being completed has --data (or --no-defaults),
the scripts ask 'hwcmp completion ids --data DIR' (or chip-ids) for the
ids, so the chips and systems of your own sheets complete too.`,
		setup: func(fs *pflag.FlagSet, e *env) func(context.Context, []string) error {
			var data dataFlags
			data.register(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usageError("completion needs one shell: bash, zsh or fish (or ids, chip-ids)")
				}
				if kind := strings.ToLower(args[0]); kind == "ids" || kind == "chip-ids" {
					return writeIDs(e.stdout, &data, kind == "chip-ids")
				}
				if len(data.dirs) > 0 || data.noDefaults {
					return usageError("completion %s: --data and --no-defaults apply only to 'completion ids' and 'completion chip-ids'", args[0])
				}
				words, err := completionWords()
				if err != nil {
					return err
				}
				switch strings.ToLower(args[0]) {
				case "bash":
					return writeBash(e.stdout, words, false)
				case "zsh":
					return writeBash(e.stdout, words, true)
				case "fish":
					return writeFish(e.stdout, words)
				}
				return usageError("completion: unknown shell %q (want bash, zsh or fish)%s", args[0], didYouMean(args[0], []string{"bash", "zsh", "fish", "ids", "chip-ids"}))
			}
		},
	}
}

// writeIDs prints the chip ids (and, unless chipsOnly, the system ids) of
// the data d selects, one per line: what the scripts complete when the
// command line names its own sheets.
func writeIDs(w io.Writer, d *dataFlags, chipsOnly bool) error {
	data, err := d.load()
	if err != nil {
		return err
	}
	ids := allIDs(data.catalog)
	if chipsOnly {
		ids = ids[:len(data.catalog.Chips)]
	}
	sort.Strings(ids)
	_, err = io.WriteString(w, strings.Join(ids, "\n")+"\n")
	return err
}

// dynamicIDs are the flags and commands whose values are chip or system
// ids, which --data can add to.
var dynamicIDs = map[string]string{"chips": "ids", "systems": "ids", "baseline": "ids", "chip": "chip-ids"}

// completion is what the scripts complete: each command's flags, and
// the values of flags by name.
type completion struct {
	commands []string
	flags    map[string][]string // command → its flags, "--name"
	values   map[string][]string // flag name → its values
	files    []string            // flags that take a file
	dirs     []string            // flags that take a folder
	args     map[string][]string // command → its arguments' values
	ids      []string            // the built-in chip and system ids
	chipIDs  []string            // the built-in chip ids
	idArgs   []string            // commands whose arguments are ids
}

func completionWords() (*completion, error) {
	var d dataFlags
	w, err := d.load()
	if err != nil {
		return nil, err
	}
	c := &completion{flags: map[string][]string{}, args: map[string][]string{}}
	for _, cmd := range commands() {
		c.commands = append(c.commands, cmd.name)
		fs := pflag.NewFlagSet(cmd.name, pflag.ContinueOnError)
		cmd.setup(fs, &env{})
		fs.VisitAll(func(f *pflag.Flag) {
			c.flags[cmd.name] = append(c.flags[cmd.name], "--"+f.Name)
			if f.Shorthand != "" {
				c.flags[cmd.name] = append(c.flags[cmd.name], "-"+f.Shorthand)
			}
		})
		c.flags[cmd.name] = append(c.flags[cmd.name], "--help")
	}
	var metrics, chips, ids, scenarios []string
	for _, sc := range w.book.Scenarios {
		scenarios = append(scenarios, sc.ID)
	}
	for _, m := range w.metrics.All() {
		metrics = append(metrics, m.Name)
	}
	for _, ch := range w.catalog.Chips {
		chips = append(chips, ch.ID)
	}
	ids = allIDs(w.catalog)
	sort.Strings(ids)
	c.values = map[string][]string{
		"format":    strings.Split(output.Formats, "|"),
		"precision": {"fp4", "fp6", "fp8", "bf16", "fp16", "tf32", "fp32", "fp64", "int8"},
		"sparsity":  {"dense", "sparse"},
		"basis":     {string(compare.PerChip), string(compare.PerSystem), string(compare.PerGW)},
		"kind":      {"accelerator", "cpu"},
		"lifecycle": {"shipping", "announced", "target"},
		"term":      {"on-demand", "reserved-1y", "reserved-3y", "savings-1y", "savings-3y", "committed-1y", "committed-3y", "spot", "capacity-block"},
		"scenario":  scenarios,
		"metric":    metrics, "metrics": metrics, "x": metrics, "y": metrics,
		"ext":    {"png", "svg", "pdf"},
		"bounds": {string(specs.BoundsRefuse), string(specs.BoundsWarn), string(specs.BoundsOff)},
	}
	c.files = []string{"output", "claims", "benchmarks", "import-pts", "import-mlperf"}
	c.dirs = []string{"data", "output-dir", "dir"}
	c.args = map[string][]string{
		"specs": {"show"},
		"plot":  append(append([]string(nil), plotKinds...), "all"), "import": {"aws", "azure", "gcp", "epoch"},
		"export": {"epoch"}, "completion": {"bash", "zsh", "fish"}, "help": c.commands,
	}
	c.ids, c.chipIDs, c.idArgs = ids, chips, []string{"specs", "compare", "tco"}
	return c, nil
}

// builtIn returns the built-in ids a dynamicIDs kind stands for.
func (c *completion) builtIn(kind string) []string {
	if kind == "chip-ids" {
		return c.chipIDs
	}
	return c.ids
}

// bashIDs is a bash helper: the ids of the sheets the command line names
// with --data, asked of hwcmp itself, or else the built-in ones ($2).
const bashIDs = `_hwcmp_ids() {
	local i a=()
	for ((i=1; i<${#COMP_WORDS[@]}; i++)); do
		case "${COMP_WORDS[i]}" in
		--data) a+=(--data "${COMP_WORDS[i+1]/#\~/$HOME}");;
		--no-defaults) a+=(--no-defaults);;
		esac
	done
	if [ ${#a[@]} -eq 0 ] || ! "${COMP_WORDS[0]}" completion "$1" "${a[@]}" 2>/dev/null; then
		echo "$2"
	fi
}
`

// fishIDs is bashIDs for fish; hwcmp is asked every time, and the
// built-in ids ($argv[2]) answer if it fails.
const fishIDs = `function __hwcmp_ids
	set -l words (commandline -opc)
	set -l a
	for i in (seq 2 (count $words))
		switch $words[$i]
			case --data
				if test $i -lt (count $words)
					set a $a --data $words[(math $i + 1)]
				end
			case --no-defaults
				set a $a --no-defaults
		end
	end
	$words[1] completion $argv[1] $a 2>/dev/null
	or string split ' ' -- $argv[2]
end
`

// writeBash writes a bash completion function; zsh runs it through
// bashcompinit.
func writeBash(w io.Writer, c *completion, zsh bool) error {
	var b strings.Builder
	b.WriteString("# hwcmp completion; load with: source <(hwcmp completion " + map[bool]string{false: "bash", true: "zsh"}[zsh] + ")\n")
	if zsh {
		b.WriteString("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
	}
	b.WriteString(bashIDs)
	b.WriteString(`_hwcmp() {
	local cur prev cmd words
	cur="${COMP_WORDS[COMP_CWORD]}"
	prev="${COMP_WORDS[COMP_CWORD-1]}"
	cmd="${COMP_WORDS[1]}"
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "` + strings.Join(append(c.commands, "help", "--version", "--help"), " ") + `" -- "$cur"))
		return
	fi
	case "$prev" in
`)
	for _, k := range sortedKeys(c.values) {
		fmt.Fprintf(&b, "\t--%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return;;\n", k, strings.Join(c.values[k], " "))
	}
	for _, k := range sortedKeys(dynamicIDs) {
		fmt.Fprintf(&b, "\t--%s) COMPREPLY=($(compgen -W \"$(_hwcmp_ids %s %q)\" -- \"$cur\")); return;;\n", k, dynamicIDs[k], strings.Join(c.builtIn(dynamicIDs[k]), " "))
	}
	fmt.Fprintf(&b, "\t-o|--%s) COMPREPLY=($(compgen -f -- \"$cur\")); return;;\n", strings.Join(c.files, "|--"))
	fmt.Fprintf(&b, "\t--%s) COMPREPLY=($(compgen -d -- \"$cur\")); return;;\n", strings.Join(c.dirs, "|--"))
	b.WriteString("\tesac\n\tcase \"$cmd\" in\n")
	for _, cmd := range c.commands {
		fmt.Fprintf(&b, "\t%s) words=%q", cmd, strings.Join(append(append([]string(nil), c.flags[cmd]...), c.args[cmd]...), " "))
		if contains(c.idArgs, cmd) {
			fmt.Fprintf(&b, "\" $(_hwcmp_ids ids %q)\"", strings.Join(c.ids, " "))
		}
		b.WriteString(";;\n")
	}
	fmt.Fprintf(&b, "\thelp) words=%q;;\n", strings.Join(c.commands, " "))
	b.WriteString("\tesac\n\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\ncomplete -F _hwcmp hwcmp\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFish writes fish completions.
func writeFish(w io.Writer, c *completion) error {
	var b strings.Builder
	b.WriteString("# hwcmp completion; save as ~/.config/fish/completions/hwcmp.fish\ncomplete -c hwcmp -f\n")
	b.WriteString(fishIDs)
	fmt.Fprintf(&b, "complete -c hwcmp -n __fish_use_subcommand -a %q\n", strings.Join(append(c.commands, "help"), " "))
	fmt.Fprintf(&b, "complete -c hwcmp -n __fish_use_subcommand -l version -d 'print the version'\n")
	for _, cmd := range c.commands {
		cond := "__fish_seen_subcommand_from " + cmd
		if a := c.args[cmd]; len(a) > 0 {
			fmt.Fprintf(&b, "complete -c hwcmp -n %q -a %q\n", cond, strings.Join(a, " "))
		}
		if contains(c.idArgs, cmd) {
			fmt.Fprintf(&b, "complete -c hwcmp -n %q -a \"(__hwcmp_ids ids '%s')\"\n", cond, strings.Join(c.ids, " "))
		}
		for _, f := range c.flags[cmd] {
			name, ok := strings.CutPrefix(f, "--")
			if !ok {
				continue
			}
			switch {
			case dynamicIDs[name] != "":
				fmt.Fprintf(&b, "complete -c hwcmp -n %q -l %s -x -a \"(__hwcmp_ids %s '%s')\"\n", cond, name, dynamicIDs[name], strings.Join(c.builtIn(dynamicIDs[name]), " "))
			case c.values[name] != nil:
				fmt.Fprintf(&b, "complete -c hwcmp -n %q -l %s -x -a %q\n", cond, name, strings.Join(c.values[name], " "))
			case contains(c.files, name):
				fmt.Fprintf(&b, "complete -c hwcmp -n %q -l %s -r -F\n", cond, name)
			case contains(c.dirs, name):
				fmt.Fprintf(&b, "complete -c hwcmp -n %q -l %s -x -a '(__fish_complete_directories)'\n", cond, name)
			default:
				fmt.Fprintf(&b, "complete -c hwcmp -n %q -l %s\n", cond, name)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sortedKeys returns m's keys in order, so the scripts are deterministic.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
