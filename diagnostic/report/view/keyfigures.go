package view

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/indicators/composite"
)

// KeyFigures is the summary table both reports open with: the studied territories
// against their département(s), région(s) and France, one column each.
type KeyFigures struct {
	Columns []Ref
	// Studied[i] tells whether Columns[i] is a studied territory rather than a reference.
	Studied []bool
	Rows    []KeyRow
}

// KeyRow is one line of the key figures.
type KeyRow struct {
	Label  string
	Unit   string    // "%", "€", "hab." or "" (a score)
	Source string    // producer and vintage, "" for the method's own figures
	Values []float64 // one per column, NaN when missing
	// Of is the number of classes when the row holds classes (Values are 1…Of).
	Of int
	// Population marks the population row, whose source the writers name briefly
	// (other rows in "hab." are counts of people, with sources of their own).
	Population bool
}

// Format writes the row's i-th value as the reports show it.
func (k KeyRow) Format(i int) string {
	v := k.Values[i]
	if k.Of > 0 {
		if math.IsNaN(v) {
			return Missing
		}
		return Number(v, 0) + " sur " + Number(float64(k.Of), 0)
	}
	return Value(v, k.Unit)
}

// BuildKeyFigures gathers the key figures: population, global score and class, the
// axis scores, each indicator with its vintage, then the mediation offer (when the
// Result holds it).
func BuildKeyFigures(res *diagnostic.Result) KeyFigures {
	var k KeyFigures
	seen := map[*diagnostic.Level]map[int]bool{}
	add := func(r Ref, studied bool) {
		if seen[r.Level] == nil {
			seen[r.Level] = map[int]bool{}
		}
		if seen[r.Level][r.Row] {
			return
		}
		seen[r.Level][r.Row] = true
		k.Columns = append(k.Columns, r)
		k.Studied = append(k.Studied, studied)
	}
	for _, t := range res.Territory {
		if lv := Level(res, t.Level); lv != nil {
			for i, row := range lv.Rows {
				if row.Code == t.Code {
					add(Ref{Level: lv, Row: i}, true)
				}
			}
		}
	}
	for _, id := range []string{"departement", "region", "france"} {
		if lv := Level(res, id); lv != nil {
			for i := range lv.Rows {
				add(Ref{Level: lv, Row: i}, false)
			}
		}
	}
	row := func(label, unit, source string, value func(Ref) float64) KeyRow {
		r := KeyRow{Label: label, Unit: unit, Source: source}
		for _, c := range k.Columns {
			r.Values = append(r.Values, value(c))
		}
		return r
	}
	pop := row("Population", "hab.", res.Geography.PopulationSource, func(r Ref) float64 {
		return r.Level.Rows[r.Row].Population
	})
	pop.Population = true
	k.Rows = append(k.Rows, pop)
	if scored := scoredLevel(res); scored != nil {
		for _, s := range orderedScores(scored) {
			label := "Score de fragilité : " + lowerFirst(s.Name)
			if s.ID == composite.GlobalID {
				label = "Score de fragilité global"
			}
			k.Rows = append(k.Rows, row(label, "", "", func(r Ref) float64 { return RefScore(res, r, s.ID) }))
			if s.ID == composite.GlobalID {
				cls := row("Classe de fragilité (1 = la moins fragile)", "", "", func(r Ref) float64 {
					// A class ranks a territory among the others of its level: a level of one
					// territory has no meaningful class.
					if len(r.Level.Rows) < 2 {
						return math.NaN()
					}
					if c := Class(r.Level, r.Row, s.ID); c > 0 {
						return float64(c)
					}
					return math.NaN()
				})
				cls.Of = Classes(scored)
				if slices.ContainsFunc(cls.Values, func(v float64) bool { return !math.IsNaN(v) }) {
					k.Rows = append(k.Rows, cls)
				}
			}
		}
	}
	for i, ind := range res.Indicators {
		k.Rows = append(k.Rows, row(ind.Label, ind.Unit, SourceLabel(ind), func(r Ref) float64 {
			return r.Level.Rows[r.Row].Values[i].Value
		}))
	}
	k.Rows = append(k.Rows, OfferKeyFigures(res, k.Columns)...)
	return k
}

// SourceLabel dates an indicator for people: "INSEE, recensement de la population —
// RP 2018", "INSEE, Filosofi 2019" (the dataset named once).
func SourceLabel(ind diagnostic.Indicator) string {
	switch {
	case ind.Source == "":
		return ind.VintageLabel
	case ind.VintageLabel == "":
		return ind.Source
	}
	if first, rest, ok := strings.Cut(ind.VintageLabel, " "); ok && strings.HasSuffix(ind.Source, " "+first) {
		return ind.Source + " " + rest
	}
	return ind.Source + " — " + ind.VintageLabel
}

// scoredLevel is the first scored level, whose score list every scored level shares.
func scoredLevel(res *diagnostic.Result) *diagnostic.Level {
	for i := range res.Levels {
		if res.Levels[i].Scores != nil {
			return &res.Levels[i]
		}
	}
	return nil
}

// orderedScores puts the global score first, then the others in the method's order.
func orderedScores(lv *diagnostic.Level) []composite.ScoreInfo {
	var global, rest []composite.ScoreInfo
	for _, s := range ScoreInfos(lv) {
		if s.ID == composite.GlobalID {
			global = append(global, s)
		} else {
			rest = append(rest, s)
		}
	}
	return append(global, rest...)
}

// lowerFirst lowers the first letter of a name used inside a sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
