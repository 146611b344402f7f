package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/spf13/pflag"
)

// examples are invocations of every command that prints tables, for the
// tests that check the output contract and walk the flags. A new command
// needs an entry here: TestJSONContract fails without one.
var examples = map[string][][]string{
	"specs":      {{"specs"}, {"specs", "show", "trn3"}},
	"rank":       {{"rank", "--metric", "throughput-per-watt", "--precision", "fp8"}, {"rank", "--metric", "throughput-per-dollar-hour", "--precision", "fp8", "--basis", "system"}},
	"compare":    {{"compare", "trn3", "h200"}, {"compare", "m8g.16xlarge", "m7i.16xlarge"}},
	"pareto":     {{"pareto", "--x", "throughput", "--y", "memory-bandwidth", "--precision", "fp8"}},
	"metrics":    {{"metrics"}},
	"prices":     {{"prices"}},
	"tco":        {{"tco", "b200"}, {"tco", "p5.48xlarge", "--sweep", "pue=1.1:1.3:0.1"}, {"tco", "b200", "--sensitivity"}},
	"gw":         {{"gw"}, {"gw", "--chip", "b200"}, {"gw", "--chip", "trn2", "--capex", "5000", "--price", "2.2"}},
	"claims":     {{"claims"}, {"claims", "show", "note-trn3-vs-tpu-v7-fp8"}},
	"bench":      {{"bench", "--per-chip", "--baseline", "h200"}},
	"tokens":     {{"tokens", "--model", "llama-3.1-70b", "--token-price", "1"}, {"tokens", "--validate"}, {"tokens", "--models"}, {"tokens", "--model", "deepseek-r1", "--curve", "--chips", "h200,trn2"}, {"tokens", "--model", "llama-2-70b", "--tier", "measured"}},
	"validate":   nil, // prints problems, not tables
	"completion": nil,
	"plot":       nil, // writes charts
	"report":     nil, // writes an HTML file
	"import":     nil,
	"export":     nil,
}

// outputSchema reads the JSON Schema from docs/OUTPUT.md, so that the
// documented schema is the one tested.
func outputSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "OUTPUT.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json schema\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/OUTPUT.md has no ```json schema block")
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(m[1]))
	if err != nil {
		t.Fatalf("docs/OUTPUT.md schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("output.json", v); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("output.json")
	if err != nil {
		t.Fatalf("docs/OUTPUT.md schema: %v", err)
	}
	return s
}

// checkJSON validates one command's JSON output against the schema and
// the rules the schema cannot say: rows have exactly their columns' keys,
// values have their column's type, and every null says why.
func checkJSON(t *testing.T, schema *jsonschema.Schema, args []string, out string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("hwcmp %s: not JSON: %v\n%.500s", strings.Join(args, " "), err, out)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("hwcmp %s: JSON does not match docs/OUTPUT.md: %v", strings.Join(args, " "), err)
		return
	}
	var doc struct {
		Tables []struct {
			Name    string
			Columns []struct {
				Key, Type string
				Ranged    bool
			}
			Rows []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, tb := range doc.Tables {
		allowed := map[string]bool{}
		for _, c := range tb.Columns {
			allowed[c.Key] = true
			allowed[c.Key+"_missing"], allowed[c.Key+"_mark"] = true, true
			if c.Ranged {
				allowed[c.Key+"_low"], allowed[c.Key+"_high"] = true, true
			}
		}
		for i, row := range tb.Rows {
			for k := range row {
				if !allowed[k] {
					t.Errorf("hwcmp %s: table %s row %d: field %q is no column's", strings.Join(args, " "), tb.Name, i, k)
				}
			}
			for _, c := range tb.Columns {
				v, ok := row[c.Key]
				if !ok {
					t.Errorf("hwcmp %s: table %s row %d lacks %q", strings.Join(args, " "), tb.Name, i, c.Key)
					continue
				}
				if v == nil {
					if why, _ := row[c.Key+"_missing"].(string); why == "" {
						t.Errorf("hwcmp %s: table %s row %d: %s is null without %s_missing", strings.Join(args, " "), tb.Name, i, c.Key, c.Key)
					}
					continue
				}
				if got := jsonType(v); got != c.Type {
					t.Errorf("hwcmp %s: table %s row %d: %s is a %s; its column says %s", strings.Join(args, " "), tb.Name, i, c.Key, got, c.Type)
				}
			}
		}
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case float64:
		return "number"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	return "object"
}

// TestJSONContract runs every command's examples with --format json and
// checks the output against the documented schema.
func TestJSONContract(t *testing.T) {
	schema := outputSchema(t)
	for _, c := range commands() {
		list, ok := examples[c.name]
		if !ok {
			t.Errorf("command %s has no entry in examples (contract_test.go)", c.name)
			continue
		}
		fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
		c.setup(fs, &env{})
		if fs.Lookup("format") == nil {
			continue
		}
		if len(list) == 0 {
			t.Errorf("command %s prints tables but has no examples", c.name)
		}
		for _, args := range list {
			args := append(append([]string(nil), args...), "--format", "json")
			out, errOut, code := hwcmp(t, args...)
			if code != 0 {
				t.Errorf("hwcmp %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
				continue
			}
			checkJSON(t, schema, args, out)
		}
	}
}

// TestSeveralTables checks that CSV refuses to run several tables together
// and that --table and --output-dir give each its own.
func TestSeveralTables(t *testing.T) {
	_, errOut, code := hwcmp(t, "specs", "--format", "csv")
	if code != 2 || !strings.Contains(errOut, "--table NAME") || !strings.Contains(errOut, "chips, systems") {
		t.Errorf("specs --format csv: exit %d, %q; want a usage error naming the tables", code, errOut)
	}
	out, _, code := hwcmp(t, "specs", "--format", "csv", "--table", "systems")
	if code != 0 || !strings.HasPrefix(out, "id,name,provider,") {
		t.Errorf("specs --format csv --table systems: exit %d\n%.200s", code, out)
	}
	_, errOut, code = hwcmp(t, "specs", "--table", "gpus")
	if code != 2 || !strings.Contains(errOut, "--table gpus: no such table here (this command prints: chips, systems)") {
		t.Errorf("specs --table gpus: exit %d, %q", code, errOut)
	}
	dir := t.TempDir()
	out, errOut, code = hwcmp(t, "tco", "h100", "--format", "csv", "--output-dir", dir)
	if code != 0 || !strings.Contains(out, "wrote "+filepath.Join(dir, "tco.csv")) {
		t.Fatalf("tco --output-dir: exit %d\n%s%s", code, out, errOut)
	}
	for _, name := range []string{"tco.csv", "assumptions.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Contains(b, []byte("\n")) {
			t.Errorf("--output-dir did not write %s: %v", name, err)
		}
	}
	// gw --chip keeps the --capex input line in JSON.
	out, _, _ = hwcmp(t, "gw", "--chip", "trn2", "--capex", "5000", "--price", "2.2", "--format", "json")
	if !strings.Contains(out, `"value": "capex from --capex 5000"`) {
		t.Errorf("gw --capex JSON lost the capex input line:\n%.1500s", out)
	}
	// bench's missing prices are null with a reason, never "n/a".
	out, _, _ = hwcmp(t, "bench", "--per-chip", "--baseline", "h200", "--format", "json")
	if strings.Contains(out, `"n/a"`) || !strings.Contains(out, `"price_missing"`) {
		t.Errorf("bench JSON writes n/a for missing prices:\n%.1500s", out)
	}
}
