package report

import (
	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
)

// offerJSON records the mediation offer in resume.json: each list of places read and
// what became of its records, the places kept, the offer columns of the CSV files,
// what measures fragility and who counts as the fragile population, the reference
// territory, and per studied level how many territories fall in each quadrant and
// how many are priorities. The figures themselves are in the CSV files.
type offerJSON struct {
	Files []offerFileJSON `json:"files"`
	// Places counts the studied territory's places (the workbook's Lieux sheet), each
	// counted once whatever the lists holding it; PlacesElsewhere the lists' other
	// places, which still count where they are (an EPCI across the border, the région,
	// France) and as the nearest place of a commune near a border.
	Places            int                `json:"places"`
	PlacesElsewhere   int                `json:"places_elsewhere"`
	Merged            int                `json:"merged"`
	Rejected          int                `json:"rejected"`
	Columns           []offerColumnJSON  `json:"columns"`
	Fragility         string             `json:"fragility"`
	FragilePopulation string             `json:"fragile_population"`
	Reference         offerReferenceJSON `json:"reference"`
	Levels            []offerLevelJSON   `json:"levels"`
}

// offerFileJSON is converted from places.FileStats: a field added there fails the
// build here.
type offerFileJSON struct {
	Path    string `json:"path"`
	Format  string `json:"format"`
	Records int    `json:"records"`
	// Located counts the records located, by way (code_insee, code_insee-repaired,
	// postal-code+name, coordinates).
	Located  map[string]int `json:"located"`
	Rejected int            `json:"rejected"`
	Merged   int            `json:"merged"`
	Repaired int            `json:"repaired"`
}

// offerColumnJSON is converted from offer.Column.
type offerColumnJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
	Note  string `json:"note"`
}

// offerReferenceJSON names the territory whose values are the thresholds of the
// quadrants: Level is Offer.Reference as the Result gives it, Code and Name the
// territory it designates ("" when none does).
type offerReferenceJSON struct {
	Level string `json:"level"`
	Code  string `json:"code"`
	Name  string `json:"name"`
}

type offerLevelJSON struct {
	Level string `json:"level"`
	// Quadrants lists every quadrant, the unknown one (id "") last; empty when the
	// level's territories were not placed (no scores).
	Quadrants  []quadrantJSON `json:"quadrants"`
	Priorities int            `json:"priorities"`
}

type quadrantJSON struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Territories int    `json:"territories"`
}

// buildOffer summarises Result.Offer; nil without places, which leaves the section out.
func buildOffer(res *diagnostic.Result) *offerJSON {
	o := res.Offer
	if o == nil {
		return nil
	}
	out := &offerJSON{Files: make([]offerFileJSON, 0, len(o.Files)), Places: len(o.Places), PlacesElsewhere: o.PlacesElsewhere, Merged: o.Merged, Rejected: o.Rejected,
		Columns: make([]offerColumnJSON, 0, len(o.Columns)), Fragility: o.Fragility, FragilePopulation: o.FragilePopulation,
		Reference: offerReferenceJSON{Level: o.Reference}, Levels: []offerLevelJSON{}}
	for _, f := range o.Files {
		fj := offerFileJSON(f)
		if fj.Located == nil {
			fj.Located = map[string]int{} // {} rather than null
		}
		out.Files = append(out.Files, fj)
	}
	for _, c := range o.Columns {
		out.Columns = append(out.Columns, offerColumnJSON(c))
	}
	if r, ok := view.OfferReference(res); ok {
		out.Reference.Code, out.Reference.Name = r.Code(), r.Name()
	}
	for i := range res.Levels {
		lv := &res.Levels[i]
		if lv.Reference {
			continue
		}
		l := offerLevelJSON{Level: lv.ID, Quadrants: []quadrantJSON{}, Priorities: len(lv.Priorities)}
		for _, c := range view.QuadrantCounts(lv) {
			l.Quadrants = append(l.Quadrants, quadrantJSON{ID: c.Quadrant.ID(), Label: c.Quadrant.Label(), Territories: c.Territories})
		}
		out.Levels = append(out.Levels, l)
	}
	return out
}
