package main

import (
	"encoding/json"
	"io"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/problem"
)

// runSummary is what `run --json` prints on stdout for a pipeline to read.
type runSummary struct {
	Territory  []diagnostic.TerritoryInfo `json:"territory"`
	Levels     map[string]int             `json:"territories_per_level"`
	Indicators []string                   `json:"indicators"`
	Missing    []string                   `json:"missing_indicators"`
	Method     string                     `json:"method"`
	Places     int                        `json:"places"`
	Warnings   int                        `json:"warnings"`
	Notes      int                        `json:"notes"`
	Dir        string                     `json:"dir"`
	Outputs    []string                   `json:"outputs"`
	// UpToDate is set by --check: whether the outputs were already those of this run.
	UpToDate *bool `json:"up_to_date,omitempty"`
}

func printSummary(w io.Writer, res *diagnostic.Result, dir string, files []string, upToDate *bool) error {
	s := runSummary{Territory: res.Territory, Levels: map[string]int{}, Indicators: []string{}, Missing: []string{},
		Method: res.Method.ID, Dir: dir, Outputs: files, UpToDate: upToDate}
	for _, l := range res.Levels {
		s.Levels[l.ID] = len(l.Rows)
	}
	for _, ind := range res.Indicators {
		s.Indicators = append(s.Indicators, ind.ID)
	}
	for _, m := range res.Missing {
		s.Missing = append(s.Missing, m.ID)
	}
	if res.Offer != nil {
		s.Places = len(res.Offer.Places)
	}
	for _, p := range res.Problems {
		switch p.Severity {
		case problem.Warning:
			s.Warnings++
		case problem.Note:
			s.Notes++
		}
	}
	if s.Outputs == nil {
		s.Outputs = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
