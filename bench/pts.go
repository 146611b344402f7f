package bench

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
		case "Result":
			line, _ := dec.InputPos()
			var pr ptsResult
			if err := dec.DecodeElement(&pr, &se); err != nil {
				return nil, rep, fmt.Errorf("%s:%d: malformed <Result>: %w", name, line, err)
			}
			rep.Read++
			out = append(out, ptsResults(pr, name, line, date, mapSystem, &rep)...)
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

func ptsResults(pr ptsResult, file string, line int, date specs.Date, mapSystem Mapper, rep *Report) []*Result {
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
		sys, ok := mapSystem(e.Identifier)
		if !ok {
			rep.drop(label, fmt.Sprintf("system %q matches no chip or system id (map it explicitly)", e.Identifier))
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
			Note: "PTS identifier " + e.Identifier})
	}
	return out
}
