package output

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hwcmp/hwcmp/cmd/hwcmp/internal/parts"
	"github.com/hwcmp/hwcmp/units"
)

// visible returns the indexes of the columns text, Markdown and CSV show.
func (t *Table) visible() []int {
	var idx []int
	for j, c := range t.Columns {
		if !c.JSONOnly {
			idx = append(idx, j)
		}
	}
	return idx
}

func (t *Table) scalers() []units.Scaler {
	sc := make([]units.Scaler, len(t.Columns))
	var vals []float64
	for j, c := range t.Columns {
		if !c.Numeric() {
			continue
		}
		if vals == nil {
			vals = make([]float64, 0, 3*t.numRows()) // no regrowth: a value and its range per row
		}
		vals = vals[:0]
		t.eachRow(0, t.numRows(), func(_ int, r []Cell) {
			if r[j].Num != nil {
				vals = append(vals, *r[j].Num)
				if c.Ranged {
					vals = append(vals, r[j].Lo, r[j].Hi)
				}
			}
		})
		sc[j] = c.Display.CommonScale(vals)
	}
	return sc
}

// textCell returns what people read in one cell, before escaping.
func textCell(c Cell, col Column, sc units.Scaler, md bool) string {
	var s string
	switch {
	case c.Num != nil:
		s = sc.Format(*c.Num)
		if col.Ranged && !(same(c.Lo, *c.Num) && same(c.Hi, *c.Num)) { // a point formats as its value
			if lo, hi := sc.Format(c.Lo), sc.Format(c.Hi); lo != s || hi != s {
				s += " [" + lo + "–" + hi + "]"
			}
		}
	case c.Missing != "" && c.Text != "":
		s = c.Text // the command's own short form, e.g. "-" for unranked
	case c.Missing != "":
		s = "n/a (missing: " + c.Missing + ")"
	case col.Numeric():
		s = "n/a"
	default:
		s = c.Text
	}
	if s == "" && !md {
		s = "-"
	}
	return s + c.Mark
}

// same reports whether a and b are the same float64, bit for bit: then
// they format the same (-0 and 0 do not).
func same(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// textWriter is what text and Markdown are written to: a strings.Builder
// for a file of its own, or a bufio.Writer that streams a long table out
// instead of holding all of its text in memory.
type textWriter interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

func (t *Table) writeText(b textWriter, md bool, o Options) {
	esc := Printable
	if md {
		esc = MarkdownText
	}
	sc := t.scalers()
	vis := t.visible()
	var detail []string // Wide columns left out
	if !o.Wide {
		kept := make([]int, 0, len(vis))
		for _, j := range vis {
			if t.Columns[j].Wide {
				detail = append(detail, t.Columns[j].Header)
			} else {
				kept = append(kept, j)
			}
		}
		vis = kept
	}
	cols := make([]Column, len(vis))
	head := make([]string, len(vis))
	for k, j := range vis {
		c := t.Columns[j]
		cols[k] = c
		head[k] = c.Header
		if c.Numeric() {
			if u := sc[j].Unit(); u != "" {
				head[k] += " (" + u + ")"
			}
		}
		head[k] = esc(head[k])
	}
	cells, widths, multiline := t.textCells(vis, sc, md, esc)
	for k := range head {
		widths[k] = max(widths[k], textWidth(head[k]))
	}
	if t.Title != "" {
		if md {
			b.WriteString("### ")
		}
		b.WriteString(esc(t.Title) + "\n")
	}
	width := o.Width
	if o.Wide || md {
		width = 0
	}
	for _, kv := range t.Context {
		if md {
			fmt.Fprintf(b, "- %s: %s\n", esc(kv[0]), esc(kv[1]))
		} else {
			b.WriteString(hang("  "+esc(kv[0])+": "+esc(kv[1]), "    ", width) + "\n")
		}
	}
	if t.Title != "" || len(t.Context) > 0 {
		b.WriteString("\n")
	}
	notes := t.Notes
	if len(detail) > 0 {
		notes = append([]string{fmt.Sprintf("More columns with --wide (CSV and JSON always carry them): %s.", strings.Join(detail, ", "))}, notes...)
	}
	if md {
		writeMarkdownTable(b, cols, head, cells)
	} else {
		var hidden []string
		if width > 0 && total(widths) > width {
			cols, head, cells, hidden = fit(cols, head, cells, width)
			widths, multiline = textWidths(head, cells), true
		}
		writeAligned(b, cols, head, cells, widths, multiline)
		if len(hidden) > 0 {
			notes = append([]string{fmt.Sprintf("Not shown for the terminal's width: %s (--wide shows every column).", strings.Join(hidden, ", "))}, notes...)
		}
	}
	if len(notes) > 0 {
		b.WriteString("\n")
		for _, n := range notes {
			if md || width <= 0 {
				writeNote(b, n, md)
			} else {
				b.WriteString(hang(Printable(n), "  ", width) + "\n")
			}
		}
	}
}

// hang wraps a line to width at spaces, indenting the lines after the
// first by indent; width 0 leaves it whole.
func hang(line, indent string, width int) string {
	n := utf8.RuneCountInString(indent)
	if width <= 0 || utf8.RuneCountInString(line) <= width || width <= n+minWrap {
		return line
	}
	lead := len(line) - len(strings.TrimLeft(line, " "))
	wrapped := strings.Split(wrap(line[lead:], width-lead), "\n")
	out := line[:lead] + wrapped[0]
	if len(wrapped) > 1 {
		rest := wrap(strings.Join(wrapped[1:], " "), width-n)
		for _, l := range strings.Split(rest, "\n") {
			out += "\n" + indent + l
		}
	}
	return out
}

func writeNote(b textWriter, n string, md bool) {
	if md {
		b.WriteString("- " + MarkdownText(n) + "\n")
		return
	}
	b.WriteString(Printable(n) + "\n")
}

// spaces pads text columns.
const spaces = "                                                                "

// gap is the space between text columns.
const gap = 2

// minWrap is the narrowest a wrapped text column becomes.
const minWrap = 16

// textCells returns what people read in the rows' cells of the columns
// vis, escaped by esc, the widest of each column, and whether any cell
// holds more than one line. A long table is split between the processors:
// formatting and escaping 100,000 rows is most of writing them.
func (t *Table) textCells(vis []int, sc []units.Scaler, md bool, esc func(string) string) (cells [][]string, width []int, multiline bool) {
	n := t.numRows()
	cells = make([][]string, n)
	flat := make([]string, n*len(vis)) // one allocation for every row's cells
	nParts := parts.Of(n)
	widths := make([][]int, nParts)
	multi := make([]bool, nParts)
	parts.Run(n, nParts, func(p, first, last int) {
		w := make([]int, len(vis))
		t.eachRow(first, last, func(i int, r []Cell) {
			cells[i] = flat[i*len(vis) : (i+1)*len(vis) : (i+1)*len(vis)]
			for k, j := range vis {
				s := esc(textCell(r[j], t.Columns[j], sc[j], md))
				cells[i][k] = s
				if strings.IndexByte(s, '\n') >= 0 {
					multi[p] = true
				}
				w[k] = max(w[k], textWidth(s))
			}
		})
		widths[p] = w
	})
	width = make([]int, len(vis))
	for p := range nParts {
		for k, n := range widths[p] {
			width[k] = max(width[k], n)
		}
		multiline = multiline || multi[p]
	}
	return cells, width, multiline
}

// textWidth returns how wide s shows: the runes of its longest line.
func textWidth(s string) int {
	n := 0
	for more := true; more; { // each line of the cell, without splitting it
		var line string
		line, s, more = strings.Cut(s, "\n")
		n = max(n, utf8.RuneCountInString(line))
	}
	return n
}

// textWidths returns the width of each column.
func textWidths(head []string, cells [][]string) []int {
	width := make([]int, len(head))
	for j := range head {
		width[j] = textWidth(head[j])
		for _, r := range cells {
			width[j] = max(width[j], textWidth(r[j]))
		}
	}
	return width
}

func total(width []int) int {
	n := 0
	for _, w := range width {
		n += w
	}
	return n + gap*max(len(width)-1, 0)
}

// fit makes a table no wider than limit (0: no limit): first it drops the
// columns with a priority, highest first; then it wraps the widest text
// columns at spaces; then it drops columns from the right, always keeping
// the first. It returns the headers of the columns it dropped.
func fit(cols []Column, head []string, cells [][]string, limit int) ([]Column, []string, [][]string, []string) {
	if limit <= 0 || total(textWidths(head, cells)) <= limit {
		return cols, head, cells, nil
	}
	var hidden []string
	drop := func(j int) {
		hidden = append(hidden, head[j])
		cols = append(cols[:j:j], cols[j+1:]...)
		head = append(head[:j:j], head[j+1:]...)
		for i, r := range cells {
			cells[i] = append(r[:j:j], r[j+1:]...)
		}
	}
	// 1. Low-priority columns, highest priority number first, rightmost first.
	order := make([]int, len(cols))
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool {
		if cols[order[a]].Priority != cols[order[b]].Priority {
			return cols[order[a]].Priority > cols[order[b]].Priority
		}
		return order[a] > order[b]
	})
	var byPriority []string
	for _, j := range order {
		if cols[j].Priority > 0 {
			byPriority = append(byPriority, head[j])
		}
	}
	for _, h := range byPriority {
		if total(textWidths(head, cells)) <= limit {
			break
		}
		for j := range head {
			if head[j] == h {
				drop(j)
				break
			}
		}
	}
	// 2. Wrap the widest text columns at spaces, never cutting a word (a
	// URL cut in pieces is worse than a column left out).
	skip := map[int]bool{}
	for total(textWidths(head, cells)) > limit {
		width := textWidths(head, cells)
		widest := -1
		for j, c := range cols {
			if !c.Numeric() && !skip[j] && width[j] > minWrap && (widest < 0 || width[j] > width[widest]) {
				widest = j
			}
		}
		if widest < 0 {
			break
		}
		target := max(minWrap, width[widest]-(total(width)-limit), utf8.RuneCountInString(head[widest]), longestWord(cells, widest))
		if target >= width[widest] {
			skip[widest] = true
			continue
		}
		for i := range cells {
			cells[i][widest] = wrap(cells[i][widest], target)
		}
		if w := textWidths(head, cells); w[widest] >= width[widest] {
			break // words longer than the target: wrapping cannot help
		}
	}
	// 3. Drop columns from the right.
	for len(cols) > 1 && total(textWidths(head, cells)) > limit {
		drop(len(cols) - 1)
	}
	return cols, head, cells, hidden
}

// longestWord returns the length of the longest word in column j.
func longestWord(cells [][]string, j int) int {
	n := 0
	for _, r := range cells {
		for _, w := range strings.Fields(r[j]) {
			n = max(n, utf8.RuneCountInString(w))
		}
	}
	return n
}

// wrap breaks s into lines of at most width runes at spaces; a word longer
// than width is cut.
func wrap(s string, width int) string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			for utf8.RuneCountInString(word) > width {
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				r := []rune(word)
				lines = append(lines, string(r[:width]))
				word = string(r[width:])
			}
			switch {
			case line == "":
				line = word
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
				line += " " + word
			default:
				lines = append(lines, line)
				line = word
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// writeAligned writes the cells in columns width wide; multiline says
// whether a cell may hold several lines.
func writeAligned(b textWriter, cols []Column, head []string, cells [][]string, width []int, multiline bool) {
	// line and row reuse one buffer: a table of 100,000 rows otherwise
	// spent most of its writing time building padding strings.
	var l []byte
	space := func(n int) {
		for ; n > len(spaces); n -= len(spaces) {
			l = append(l, spaces...)
		}
		l = append(l, spaces[:max(n, 0)]...)
	}
	line := func(fields []string) {
		l = l[:0]
		for j, f := range fields {
			pad := width[j] - utf8.RuneCountInString(f)
			if j > 0 {
				space(gap)
			}
			if cols[j].Numeric() {
				space(pad)
				l = append(l, f...)
			} else {
				l = append(l, f...)
				space(pad)
			}
		}
		for len(l) > 0 && l[len(l)-1] == ' ' {
			l = l[:len(l)-1]
		}
		b.Write(l)
		b.WriteByte('\n')
	}
	// row writes a row whose wrapped cells may span several lines.
	row := func(fields []string) {
		if !multiline || !slices.ContainsFunc(fields, func(f string) bool { return strings.Contains(f, "\n") }) {
			line(fields) // the usual case: one line
			return
		}
		split := make([][]string, len(fields))
		n := 1
		for j, f := range fields {
			split[j] = strings.Split(f, "\n")
			n = max(n, len(split[j]))
		}
		for k := 0; k < n; k++ {
			parts := make([]string, len(fields))
			for j := range fields {
				if k < len(split[j]) {
					parts[j] = split[j][k]
				}
			}
			line(parts)
		}
	}
	line(head)
	rule := make([]string, len(cols))
	for j := range cols {
		rule[j] = strings.Repeat("─", width[j])
	}
	line(rule)
	for _, r := range cells {
		row(r)
	}
}

func writeMarkdownTable(b textWriter, cols []Column, head []string, cells [][]string) {
	row := func(fields []string) {
		b.WriteString("|")
		for _, f := range fields {
			b.WriteString(" ")
			b.WriteString(f)
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	row(head)
	b.WriteString("|")
	for _, c := range cols {
		if c.Numeric() {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range cells {
		row(r)
	}
}
