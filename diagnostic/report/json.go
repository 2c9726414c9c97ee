package report

import (
	"encoding/json"
	"io"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/indicators"
)

// formatVersion numbers the layout of resume.json; bump it when a field changes meaning
// or disappears, so consumers can tell.
//
// Version 2 adds the offer section (the lists of places read and what the quadrants
// and priority lists rest on). Nothing was removed, but the section is absent when no
// list of places was given: under version 2 its absence means "no places", which a
// consumer could not tell from "an older diagnum" without the bump.
const formatVersion = 2

// The types below fix the field order and names of resume.json. They hold no floats, so
// no NaN can reach the encoder; slices are never nil, so an empty list reads [] not null.
// Some are converted straight from their diagnostic twin, so a field added there fails
// the build here instead of silently missing from the file.

type resume struct {
	Tool              toolJSON        `json:"tool"`
	Territory         []territoryJSON `json:"territory"`
	Geography         geographyJSON   `json:"geography"`
	Inputs            []inputJSON     `json:"inputs"`
	Indicators        []indicatorJSON `json:"indicators"`
	MissingIndicators []missingJSON   `json:"missing_indicators"`
	Levels            []levelJSON     `json:"levels"`
	Method            methodJSON      `json:"method"`
	Offer             *offerJSON      `json:"offer,omitempty"`
	Matching          matchingJSON    `json:"matching"`
	Problems          []problemJSON   `json:"problems"`
	Outputs           []string        `json:"outputs"`
}

type toolJSON struct {
	Name          string `json:"name"`
	FormatVersion int    `json:"format_version"`
}

type territoryJSON struct {
	Spec  string `json:"spec"`
	Level string `json:"level"`
	Code  string `json:"code"`
	Name  string `json:"name"`
}

type geographyJSON struct {
	Vintage          string `json:"vintage"`
	Source           string `json:"source"`
	PopulationSource string `json:"population_source"`
}

type inputJSON struct {
	Path     string      `json:"path"`
	Role     string      `json:"role"`
	SHA256   string      `json:"sha256"`
	Bytes    int64       `json:"bytes"`
	Producer string      `json:"producer"`
	Title    string      `json:"title"`
	Vintage  string      `json:"vintage"`
	Licence  string      `json:"licence"`
	Note     string      `json:"note"`
	Tables   []tableJSON `json:"tables"`
}

type tableJSON struct {
	Member    string   `json:"member"`
	Sheet     string   `json:"sheet"`
	HeaderRow int      `json:"header_row"`
	Rows      int      `json:"rows"`
	Columns   []string `json:"columns"`
}

type indicatorJSON struct {
	ID           string   `json:"id"`
	Label        string   `json:"label"`
	Unit         string   `json:"unit"`
	Kind         string   `json:"kind"`
	Direction    string   `json:"direction"`
	Additive     bool     `json:"additive"`
	Formula      string   `json:"formula"`
	VintageLabel string   `json:"vintage_label"`
	Source       string   `json:"source"`
	Sources      []string `json:"sources"`
	Note         string   `json:"note"`
}

type missingJSON struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Reason string `json:"reason"`
}

type levelJSON struct {
	ID          string               `json:"id"`
	Label       string               `json:"label"`
	Reference   bool                 `json:"reference"`
	Territories int                  `json:"territories"`
	Indicators  []levelIndicatorJSON `json:"indicators"`
}

// levelIndicatorJSON counts, for one indicator of one level, the territories whose value
// is missing, computed from part of their population only, or approximated.
type levelIndicatorJSON struct {
	ID string `json:"id"`
	// Missing counts territories without a value.
	Missing int `json:"missing"`
	// PartialCoverage counts territories with a value whose coverage is below 1; missing
	// values are counted in Missing only.
	PartialCoverage int `json:"partial_coverage"`
	Approximated    int `json:"approximated"`
}

type matchingJSON struct {
	Rows                  int `json:"rows"`
	Current               int `json:"current"`
	Arrondissement        int `json:"arrondissement"`
	ArrondissementDropped int `json:"arrondissement_dropped"`
	Former                int `json:"former"`
	Repaired              int `json:"repaired"`
	Unmatched             int `json:"unmatched"`
}

type problemJSON struct {
	Severity string `json:"severity"`
	Kind     string `json:"kind,omitempty"`
	File     string `json:"file,omitempty"`
	Member   string `json:"member,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
	Row      int    `json:"row,omitempty"`
	Column   string `json:"column,omitempty"`
	Message  string `json:"message,omitempty"`
}

// writeJSON writes resume.json: what was computed, from what, and what went wrong, in a
// stable layout a script can read and a diff can compare between runs.
func writeJSON(w io.Writer, res *diagnostic.Result, outputs []string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)                     // messages quote "<" and "&" as they are
	return enc.Encode(buildResume(res, outputs)) // Encode ends with "\n"
}

func buildResume(res *diagnostic.Result, outputs []string) resume {
	r := resume{
		Tool:              toolJSON{Name: "diagnum", FormatVersion: formatVersion},
		Territory:         make([]territoryJSON, 0, len(res.Territory)),
		Geography:         geographyJSON(res.Geography),
		Inputs:            make([]inputJSON, 0, len(res.Inputs)),
		Indicators:        make([]indicatorJSON, 0, len(res.Indicators)),
		MissingIndicators: make([]missingJSON, 0, len(res.Missing)),
		Levels:            make([]levelJSON, 0, len(res.Levels)),
		Method:            buildMethod(res),
		Offer:             buildOffer(res),
		Matching:          matchingJSON(res.Matching),
		Problems:          make([]problemJSON, 0, len(res.Problems)),
		Outputs:           nonNil(outputs),
	}
	for _, t := range res.Territory {
		r.Territory = append(r.Territory, territoryJSON(t))
	}
	for _, in := range res.Inputs {
		ij := inputJSON{
			Path: in.Path, Role: in.Role, SHA256: in.SHA256, Bytes: in.Bytes,
			Producer: in.Producer, Title: in.Title, Vintage: in.Vintage, Licence: in.Licence, Note: in.Note,
			Tables: make([]tableJSON, 0, len(in.Tables)),
		}
		for _, t := range in.Tables {
			ij.Tables = append(ij.Tables, tableJSON{
				Member: t.Member, Sheet: t.Sheet, HeaderRow: t.HeaderRow, Rows: t.Rows, Columns: nonNil(t.Columns),
			})
		}
		r.Inputs = append(r.Inputs, ij)
	}
	for _, ind := range res.Indicators {
		r.Indicators = append(r.Indicators, indicatorJSON{
			ID: ind.ID, Label: ind.Label, Unit: ind.Unit,
			Kind: kindName(ind.Kind), Direction: directionName(ind.Direction), Additive: ind.Kind.Additive(),
			Formula: ind.Formula(), VintageLabel: ind.VintageLabel,
			Source: ind.Source, Sources: nonNil(ind.Sources), Note: ind.Note,
		})
	}
	for _, m := range res.Missing {
		r.MissingIndicators = append(r.MissingIndicators, missingJSON{ID: m.ID, Label: m.Label, Reason: m.Reason})
	}
	for _, lv := range res.Levels {
		r.Levels = append(r.Levels, levelSummary(res, lv))
	}
	for _, p := range res.Problems {
		r.Problems = append(r.Problems, problemJSON{
			Severity: p.Severity.String(), Kind: p.Kind, File: p.File, Member: p.Member,
			Sheet: p.Sheet, Row: p.Row, Column: p.Column, Message: p.Message,
		})
	}
	return r
}

func levelSummary(res *diagnostic.Result, lv diagnostic.Level) levelJSON {
	counts := make([]levelIndicatorJSON, len(res.Indicators))
	for i, ind := range res.Indicators {
		counts[i].ID = ind.ID
	}
	for _, row := range lv.Rows {
		for i, v := range row.Values {
			switch {
			case v.Missing():
				counts[i].Missing++
			case v.Coverage < 1:
				counts[i].PartialCoverage++
			}
			if v.Approx {
				counts[i].Approximated++
			}
		}
	}
	return levelJSON{ID: lv.ID, Label: lv.Label, Reference: lv.Reference, Territories: len(lv.Rows), Indicators: counts}
}

func kindName(k indicators.Kind) string {
	switch k {
	case indicators.Ratio:
		return "ratio"
	case indicators.Complement:
		return "complement"
	default:
		return "level"
	}
}

func directionName(d indicators.Direction) string {
	if d == indicators.LowerIsFragile {
		return "lower_is_fragile"
	}
	return "higher_is_fragile"
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
