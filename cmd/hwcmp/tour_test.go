package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeTour runs the README's tour top to bottom, as a new user
// would, and checks that every line succeeds and prints something. Files
// the tour names stand for the user's own; the test gives it fixtures.
func TestReadmeTour(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every tour line")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## A short tour\n\n```sh\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no tour (## A short tour, then a sh block)")
	}
	claims := filepath.Join(t.TempDir(), "mine.csv")
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "CLAIMS.md"))
	if err != nil {
		t.Fatal(err)
	}
	if c := regexp.MustCompile("(?s)`myclaims.csv`:\n\n```csv\n(.*?)```").FindSubmatch(doc); c != nil {
		if err := os.WriteFile(claims, c[1], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"composite.xml": "../../bench/testdata/composite.xml",
		"mine.csv":      claims,
		"charts":        filepath.Join(t.TempDir(), "charts"),
		"./mydata":      docExample(t),
	}
	// exitOK lists tour lines that may fail by design, with why.
	exitOK := map[string]string{
		"validate --strict-sources": "fails while the built-in data has status/tier conflicts, which is its point",
	}
	tour := string(m[1])
	// The README's first command, the one a new user runs first.
	if first := regexp.MustCompile("(?m)^go run ./cmd/(hwcmp [^#\n]*)").FindSubmatch(readme); first != nil {
		tour = string(first[1]) + "\n" + tour
	} else {
		t.Error("README.md lost its first command, go run ./cmd/hwcmp ...")
	}
	lines := 0
	for _, line := range strings.Split(tour, "\n") {
		line, _, _ = strings.Cut(line, "#")
		fields := strings.Fields(line)
		if len(fields) < 2 || fields[0] != "hwcmp" {
			continue
		}
		lines++
		args := append([]string(nil), fields[1:]...)
		for i, a := range args {
			if f, ok := files[a]; ok {
				args[i] = f
			}
		}
		t.Run(strings.Join(fields[1:], " "), func(t *testing.T) {
			out, errOut, code := hwcmp(t, args...)
			if why, ok := exitOK[strings.Join(fields[1:], " ")]; ok && code != 2 {
				t.Logf("exit %d allowed: %s", code, why)
			} else if code != 0 {
				t.Errorf("hwcmp %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
			}
			if strings.TrimSpace(out) == "" {
				t.Errorf("hwcmp %s printed nothing", strings.Join(args, " "))
			}
		})
	}
	if lines < 10 {
		t.Errorf("the tour has %d hwcmp lines; the test reads it wrongly", lines)
	}
}
