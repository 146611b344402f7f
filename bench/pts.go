package bench

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hwcmp/hwcmp/specs"
	"github.com/hwcmp/hwcmp/units"
)

// A Report says what an import read, kept and dropped, and why.
type Report struct {
	Read    int
	Kept    int
	Dropped []Dropped
}

func (r *Report) drop(test, reason string) {
	r.Dropped = append(r.Dropped, Dropped{Test: test, Reason: reason})
}

// A Mapper maps a publisher's system name to a chip or system id.
type Mapper func(name string) (id string, ok bool)

// ptsResult is a <Result> of a composite.xml.
type ptsResult struct {
	Identifier    string `xml:"Identifier"`
	Title         string `xml:"Title"`
	AppVersion    string `xml:"AppVersion"`
	Description   string `xml:"Description"`
	Scale         string `xml:"Scale"`
	Proportion    string `xml:"Proportion"`
	DisplayFormat string `xml:"DisplayFormat"`
	Entries       []struct {
		Identifier string `xml:"Identifier"`
		Value      string `xml:"Value"`
		RawString  string `xml:"RawString"`
	} `xml:"Data>Entry"`
}

// ParsePTS reads a Phoronix Test Suite / OpenBenchmarking composite.xml,
// streaming it element by element. It keeps the bar-graph results of test
// profiles (as OpenBenchmarking's geometric mean does), maps each system
// identifier with mapSystem, and reports every result or entry it leaves
// out. name and date say where the results came from (the file, and its
// Generated/LastModified date when date is zero).
func ParsePTS(r io.Reader, name string, date specs.Date, mapSystem Mapper) ([]*Result, Report, error) {
	var out []*Result
	var rep Report
	hardware := make(map[string]string) // system identifier → its Hardware line
	dec := xml.NewDecoder(r)
	sawRoot := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, rep, fmt.Errorf("%s:%d: malformed XML: %w", name, line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "PhoronixTestSuite":
			sawRoot = true
		case "LastModified":
			var s string
			if err := dec.DecodeElement(&s, &se); err == nil && date.IsZero() && len(s) >= 10 {
				date, _ = specs.ParseDate(s[:10])
			}
		case "System":
			var sys struct {
				Identifier string `xml:"Identifier"`
				Hardware   string `xml:"Hardware"`
			}
			if err := dec.DecodeElement(&sys, &se); err == nil {
				hardware[sys.Identifier] = sys.Hardware
			}
		case "Result":
			line, _ := dec.InputPos()
			var pr ptsResult
			if err := dec.DecodeElement(&pr, &se); err != nil {
				return nil, rep, fmt.Errorf("%s:%d: malformed <Result>: %w", name, line, err)
			}
			rep.Read++
			out = append(out, ptsResults(pr, name, line, hardwareMapper(mapSystem, hardware), &rep)...)
		}
	}
	if !sawRoot {
		return nil, rep, fmt.Errorf("%s: not a Phoronix Test Suite result file (no <PhoronixTestSuite> element)", name)
	}
	if date.IsZero() {
		return nil, rep, errors.New(name + ": no <LastModified> date: give the results' date")
	}
	for _, r := range out {
		r.AsOf = date
	}
	rep.Kept = len(out)
	return out, rep, nil
}

// hardwareMapper maps a PTS system identifier with m, falling back to the
// system's Hardware line: its motherboard (PTS reports an EC2 instance as
// "Motherboard: Amazon EC2 r8g.16xlarge"), then its processor. The
// identifier is what users name, so it wins when it maps.
func hardwareMapper(m Mapper, hardware map[string]string) func(string) (string, string, bool) {
	return func(ident string) (id, how string, ok bool) {
		if id, ok := m(ident); ok {
			return id, "", true
		}
		fields := hardwareFields(hardware[ident])
		for _, key := range []string{"Motherboard", "Processor"} {
			if v := fields[key]; v != "" {
				if id, ok := m(v); ok {
					return id, "mapped by its " + strings.ToLower(key) + " " + strconv.Quote(v), true
				}
			}
		}
		return "", "", false
	}
}

// hardwareFields splits a PTS Hardware line ("Processor: X, Motherboard:
// Y, ...") into its fields.
func hardwareFields(s string) map[string]string {
	out := make(map[string]string)
	for _, part := range strings.Split(s, ", ") {
		if k, v, ok := strings.Cut(part, ": "); ok {
			out[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}

func ptsResults(pr ptsResult, file string, line int, mapSystem func(string) (string, string, bool), rep *Report) []*Result {
	test := strings.TrimSpace(pr.Identifier)
	label := test
	if label == "" {
		label = pr.Title
	}
	label += " " + pr.Description
	switch {
	case test == "":
		rep.drop(label, "no test profile identifier (a generated result, e.g. perf-per-dollar)")
		return nil
	case pr.DisplayFormat != "" && pr.DisplayFormat != "BAR_GRAPH":
		rep.drop(label, "display format "+pr.DisplayFormat+" is not a measured bar graph")
		return nil
	}
	higher, err := ParseDirection(pr.Proportion)
	if err != nil {
		rep.drop(label, "proportion "+pr.Proportion+" is neither HIB nor LIB")
		return nil
	}
	var out []*Result
	for _, e := range pr.Entries {
		sys, how, ok := mapSystem(e.Identifier)
		if !ok {
			rep.drop(label, fmt.Sprintf("system %q matches no chip or system id by its name, motherboard or processor (map it with --map %q)", e.Identifier, e.Identifier+"=ID"))
			continue
		}
		v, err := units.ParseNumber(e.Value)
		if err != nil || v <= 0 {
			rep.drop(label, fmt.Sprintf("%s: value %q is not a positive number", e.Identifier, e.Value))
			continue
		}
		runs := 0
		if e.RawString != "" {
			runs = len(strings.Split(e.RawString, ":"))
		}
		out = append(out, &Result{System: sys, Suite: "pts", Test: test, Config: strings.TrimSpace(pr.Description),
			Score: v, Unit: pr.Scale, Higher: higher, Runs: runs, Source: fmt.Sprintf("%s:%d", file, line),
			Note: strings.TrimSuffix("PTS identifier "+e.Identifier+"; "+how, "; ")})
	}
	return out
}
