package compare

import "path/filepath"

// formatVersion numbers the layout of comparaison.json.
const formatVersion = 1

// The types below fix the layout of comparaison.json; slices are never nil, so an
// empty list reads [] and a script need not test for null.

type summaryJSON struct {
	Tool          toolJSON          `json:"tool"`
	Old           runJSON           `json:"old"`
	New           runJSON           `json:"new"`
	Geography     geographyJSON     `json:"geography"`
	Reference     []ReferenceStatus `json:"reference"`
	Differences   []Difference      `json:"differences"`
	Harmonised    []territoryJSON   `json:"harmonised"`
	NotHarmonised []territoryJSON   `json:"not_harmonised"`
	Levels        []levelJSON       `json:"levels"`
	Outputs       []string          `json:"outputs"`
}

type toolJSON struct {
	Name          string `json:"name"`
	FormatVersion int    `json:"format_version"`
}

// runJSON recalls, for each run, what a reader needs to date its figures.
type runJSON struct {
	Dir              string          `json:"dir"`
	Territory        []string        `json:"territory"`
	Geography        string          `json:"geography"`
	PopulationSource string          `json:"population_source"`
	Method           string          `json:"method"`
	Indicators       []indicatorJSON `json:"indicators"`
	Inputs           []Input         `json:"inputs"`
}

type indicatorJSON struct {
	ID           string `json:"id"`
	VintageLabel string `json:"vintage_label"`
}

// geographyJSON says to which COG the communes were brought, and with what.
type geographyJSON struct {
	Target      string `json:"target"` // "old" or "new": the run whose geography is used
	Vintage     string `json:"vintage"`
	FormerCodes string `json:"former_codes"`
	Note        string `json:"note"`
}

// territoryJSON is a row whose codes differ between the runs, or that has no
// counterpart.
type territoryJSON struct {
	Level    string   `json:"level"`
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Status   Status   `json:"status"`
	OldCodes []string `json:"old_codes"`
	NewCodes []string `json:"new_codes"`
	Reason   string   `json:"reason"`
}

type levelJSON struct {
	ID          string     `json:"id"`
	Label       string     `json:"label"`
	File        string     `json:"file"`
	Territories int        `json:"territories"`
	Status      countsJSON `json:"status"`
	// Alerts counts the rows carrying each alert.
	Alerts map[string]int `json:"alerts"`
}

type countsJSON struct {
	Matched       int `json:"apparie"`
	Recoded       int `json:"code_modifie"`
	Merged        int `json:"fusion"`
	OnlyOld       int `json:"ancien_seulement"`
	OnlyNew       int `json:"nouveau_seulement"`
	NotHarmonised int `json:"non_harmonise"`
}

// reasons explain each status that is not a plain match.
var reasons = map[Status]string{
	Recoded:       "one commune in each run under different codes: compared",
	Merged:        "communes merged since the older run: only the population is compared (rates and scores cannot be combined without their counts)",
	OnlyOld:       "in the old run only: outside the new run's territory, dissolved, or merged into a commune the new run does not hold",
	OnlyNew:       "in the new run only: outside the old run's territory, created, or re-established from a commune nouvelle (the commune it left is then compared on a smaller perimeter)",
	NotHarmonised: "the two runs cut these communes differently and no merge explains it: not compared",
}

func summary(c *Comparison, outputs []string) summaryJSON {
	s := summaryJSON{
		Tool:          toolJSON{Name: "diagnum", FormatVersion: formatVersion},
		Old:           runSummary(c.Old),
		New:           runSummary(c.New),
		Reference:     nonNil(c.References),
		Differences:   nonNil(c.Differences),
		Harmonised:    []territoryJSON{},
		NotHarmonised: []territoryJSON{},
		Levels:        []levelJSON{},
		Outputs:       outputs,
	}
	target := c.New
	if c.Target == Old {
		target = c.Old
	}
	s.Geography = geographyJSON{Target: c.Target.String(), Vintage: target.Resume.Geography.Vintage,
		FormerCodes: c.Options.FormerSource,
		Note: "communes are brought to this geography through the former codes (anciensCodes): a merge is recognised " +
			"when the other run lists the absorbed commune; a commune re-established from a commune nouvelle is not " +
			"in the former codes and appears in one run only. EPCI, départements and régions are joined by code, " +
			"each with its run's perimeter."}
	if s.Geography.FormerCodes == "" {
		s.Geography.FormerCodes = "none: communes joined by code only"
	}
	for _, lv := range c.Levels {
		lj := levelJSON{ID: lv.ID, Label: lv.Label, File: evolutionName(lv.ID), Territories: len(lv.Rows), Alerts: map[string]int{}}
		for _, r := range lv.Rows {
			switch r.Status {
			case Matched:
				lj.Status.Matched++
			case Recoded:
				lj.Status.Recoded++
			case Merged:
				lj.Status.Merged++
			case OnlyOld:
				lj.Status.OnlyOld++
			case OnlyNew:
				lj.Status.OnlyNew++
			case NotHarmonised:
				lj.Status.NotHarmonised++
			}
			for _, a := range r.Alerts {
				lj.Alerts[a]++
			}
			if r.Status == Matched {
				continue
			}
			t := territoryJSON{Level: lv.ID, Code: r.Code, Name: r.Name, Status: r.Status,
				OldCodes: nonNil(r.OldCodes), NewCodes: nonNil(r.NewCodes), Reason: reasons[r.Status]}
			if r.Status == Recoded || r.Status == Merged {
				s.Harmonised = append(s.Harmonised, t)
			} else {
				s.NotHarmonised = append(s.NotHarmonised, t)
			}
		}
		s.Levels = append(s.Levels, lj)
	}
	return s
}

func runSummary(r *Run) runJSON {
	rj := runJSON{Dir: filepath.ToSlash(r.Dir), Territory: []string{}, Geography: r.Resume.Geography.Vintage,
		PopulationSource: r.Resume.Geography.PopulationSource, Method: r.Resume.Method.ID,
		Indicators: []indicatorJSON{}, Inputs: nonNil(r.Resume.Inputs)}
	for _, t := range r.Resume.Territory {
		rj.Territory = append(rj.Territory, t.Spec)
	}
	for _, ind := range r.Resume.Indicators {
		rj.Indicators = append(rj.Indicators, indicatorJSON{ID: ind.ID, VintageLabel: ind.VintageLabel})
	}
	return rj
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
