package specs

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzParseDate checks that a date that parses writes back as the text it
// was read from (there is one way to write each date), which parses to the
// same date.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025", "2025-10", "2025-10-29", "1899", "2025-13", "2025-02-30", "+202", "2025-1-01", "2025-+1", "2025-01-+5", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v; its String %q parses as %v, %v", s, d, d.String(), back, err)
		}
		if d.String() != strings.TrimSpace(s) { // one way to write each date
			t.Fatalf("ParseDate(%q) = %v, written %q", s, d, d.String())
		}
	})
}

// FuzzLoad loads fuzzed chips, systems and values sheets: whatever loads
// without problems has only finite, plausible figures, every subject
// known, and every system's chip known.
func FuzzLoad(f *testing.F) {
	read := func(n string) []byte {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	f.Add(read("data/chips.csv"), read("data/systems.csv"), read("data/values-aws-trainium.csv"))
	f.Add([]byte("id,name,vendor,kind,lifecycle,source,as_of\nx,X,V,accelerator,shipping,s,2025\n"),
		[]byte("id,name,provider,kind,chip,chips,source,as_of\nxs,XS,P,pod,x,4,s,2025\n"),
		[]byte("subject,quantity,precision,sparsity,value,unit,relative_to,status,source,as_of\nx,throughput,fp8,dense,1,PFLOPS,,vendor,s,2025\nxs,throughput,fp8,dense,2,x,x,vendor,s,2025\n"))
	qs := SpecQuantities()
	f.Fuzz(func(t *testing.T, chips, systems, values []byte) {
		src := Source{FS: fstest.MapFS{"chips.csv": {Data: chips}, "systems.csv": {Data: systems}, "values.csv": {Data: values}}, Name: "f"}
		cat, err := Load(src)
		if err != nil {
			return
		}
		for _, s := range cat.Systems {
			if _, ok := cat.Chip(s.Chip); !ok {
				t.Fatalf("system %s on unknown chip %q", s.ID, s.Chip)
			}
		}
		for _, v := range cat.Values.Values() {
			if !cat.Known(v.Subject) {
				t.Fatalf("figure of unknown subject %q", v.Subject)
			}
			if err := qs[v.Quantity].CheckPlausible(v.Base); err != nil {
				t.Fatalf("%s: %v", v.Origin(), err)
			}
		}
	})
}
