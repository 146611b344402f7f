package output

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Output safety lives here, in one place: names and notes come from sheets
// that anyone can write, so every format treats them as hostile.

// Printable returns s with every character a terminal would act on shown
// escaped instead: C0 and C1 controls (escape sequences, carriage return,
// newline, tab), DEL, bidirectional overrides and isolates (which reorder
// what is shown) and bytes that are not UTF-8. Plain text is unchanged.
func Printable(s string) string {
	if !needsEscape(s, false) {
		return s
	}
	return escape(s, false)
}

// PrintableLines is Printable for messages of several lines: newlines are
// kept, everything else is escaped.
func PrintableLines(s string) string {
	if !needsEscape(s, true) {
		return s
	}
	return escape(s, true)
}

func needsEscape(s string, keepNewline bool) bool {
	if plainASCII(s) {
		return false // the usual case, without decoding runes
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n <= 1 {
				return true
			}
		}
		if unsafeRune(r) && !(keepNewline && r == '\n') {
			return true
		}
	}
	return false
}

// plainASCII reports whether s is printable ASCII only, which no format
// escapes (Markdown aside).
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// unsafeRune reports whether r changes a terminal's state or the order in
// which text is shown.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidirectional marks, embeddings, overrides and isolates
	}
	return false
}

func escape(s string, keepNewline bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && keepNewline:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// markdownEscaper escapes what Markdown would read as markup in a table
// cell: HTML, the cell separator, emphasis, links and code.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`",
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

// MarkdownText returns s safe to put in a Markdown line or table cell:
// HTML shows as text, pipes do not split cells, newlines do not end rows,
// and control characters are escaped as in Printable.
func MarkdownText(s string) string {
	if plainASCII(s) && !strings.ContainsAny(s, markdownMarkup) {
		return s // nothing to escape, without the replacer's slow scan
	}
	return Printable(markdownEscaper.Replace(s))
}

// markdownMarkup is what markdownEscaper replaces, newlines aside (which
// plainASCII rules out).
const markdownMarkup = "\\|<>&*_[]`"

// formulaStart reports whether a spreadsheet would read s as a formula
// or a command (the OWASP CSV-injection list).
func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
	default:
		return false
	}
	// A plain number ("-3.5", "+1e9") is a value, not a formula.
	if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && strings.TrimSpace(s) == s {
		return false
	}
	return true
}

// CSVText returns a text cell safe to open in a spreadsheet: one that
// starts like a formula gets a leading ' so that it reads as text.
// Numbers never pass through here.
func CSVText(s string) string {
	if formulaStart(s) {
		return "'" + s
	}
	return s
}
