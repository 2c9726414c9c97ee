package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/uncertainty"
)

// levelColumn is one column of a level sheet: how to read it for a territory of the
// level and for a reference row.
type levelColumn struct {
	column
	value func(i int) any
	ref   func(r view.Ref) any // nil: the reference rows leave it empty
}

// writeLevelSheet writes one studied level: code, name, population, the indicators
// (with their coverage above the commune), the offer figures and the quadrant when
// places were given, the scores, classes and rank; its département, région and
// France on top for comparison.
func writeLevelSheet(f *excelize.File, st *styles, res *diagnostic.Result, lv *diagnostic.Level) error {
	cols := levelColumns(res, lv)
	refs := view.References(res, lv)
	t := &table{sheet: lv.Label, frozenCols: 2, refs: len(refs), n: len(lv.Rows), landscape: true,
		notes: levelNotes(res, lv)}
	for _, c := range cols {
		t.cols = append(t.cols, c.column)
	}
	t.ref = func(i int, cells []any) {
		for j, c := range cols {
			if c.ref != nil {
				cells[j] = c.ref(refs[i])
			}
		}
	}
	t.fill = func(i int, cells []any) {
		for j, c := range cols {
			cells[j] = c.value(i)
		}
	}
	return t.write(f, st)
}

func levelColumns(res *diagnostic.Result, lv *diagnostic.Level) []levelColumn {
	row := func(r view.Ref) indicators.Row { return r.Level.Rows[r.Row] }
	cols := []levelColumn{
		{column: column{title: "Code", style: ""}, value: func(i int) any { return lv.Rows[i].Code }, ref: func(r view.Ref) any { return r.Code() }},
		{column: column{title: "Libellé", style: ""}, value: func(i int) any { return lv.Rows[i].Name }, ref: func(r view.Ref) any { return r.Label() }},
	}
	if lv.ID == "commune" {
		if parents := view.Parents(res, "epci"); parents != nil {
			names := map[string]string{}
			if epci := view.Level(res, "epci"); epci != nil {
				for _, r := range epci.Rows {
					names[r.Code] = r.Name
				}
			}
			cols = append(cols, levelColumn{column: column{title: "EPCI"}, value: func(i int) any { return names[parents[lv.Rows[i].Code]] }})
		}
	}
	cols = append(cols, levelColumn{column: column{title: "Population\n" + populationVintage(res), style: "thousands"},
		value: func(i int) any { return number(lv.Rows[i].Population) },
		ref:   func(r view.Ref) any { return number(row(r).Population) }})
	for k, ind := range res.Indicators {
		cols = append(cols, levelColumn{column: column{title: indicatorTitle(ind), style: unitStyle(ind.Unit)},
			value: func(i int) any { return number(lv.Rows[i].Values[k].Value) },
			ref:   func(r view.Ref) any { return number(row(r).Values[k].Value) }})
	}
	if withCoverage(lv) {
		for k, ind := range res.Indicators {
			cols = append(cols, levelColumn{column: column{title: "Population couverte : " + ind.Label + " (%)", style: "pct"},
				value: func(i int) any { return number(coverage(lv.Rows[i].Values[k])) },
				ref:   func(r view.Ref) any { return number(coverage(row(r).Values[k])) }})
		}
	}
	cols = append(cols, offerLevelColumns(res, lv)...)
	return append(cols, scoreLevelColumns(res, lv)...)
}

// scoreLevelColumns are the composite index's columns: the global score, its class and
// the rank (with the Monte Carlo interval when computed), then each other score and
// its class. Reference rows show scores only when every level is on the same scale.
func scoreLevelColumns(res *diagnostic.Result, lv *diagnostic.Level) []levelColumn {
	if lv.Scores == nil {
		return nil
	}
	_, comparable := view.HundredLevel(res)
	var cols []levelColumn
	ranks := rankIndex(lv)
	rankOf := func(i int) *uncertainty.TerritoryRanks { return ranks[lv.Rows[i].Code] }
	for _, s := range orderedScores(lv.Scores.Scores) {
		score := levelColumn{column: column{title: scoreTitle(s), style: "dec", scale: true},
			value: func(i int) any { return number(view.Score(lv, i, s.ID)) }}
		if comparable {
			score.ref = func(r view.Ref) any { return number(view.RefScore(res, r, s.ID)) }
		}
		class := levelColumn{column: column{title: classTitle(s), style: "int"},
			value: func(i int) any { return classCell(view.Class(lv, i, s.ID)) }}
		cols = append(cols, score, class)
		if s.ID != composite.GlobalID {
			continue
		}
		cols = append(cols, levelColumn{column: column{title: "Rang (1 = le plus fragile)", style: "int"},
			value: func(i int) any { return classCell(view.Rank(lv, i)) }})
		if lv.Ranks == nil {
			continue
		}
		for _, rc := range []struct {
			title string
			get   func(*uncertainty.TerritoryRanks) float64
		}{
			{"Rang médian (Monte Carlo)", func(r *uncertainty.TerritoryRanks) float64 { return r.MedianRank }},
			{"Rang, 5e centile", func(r *uncertainty.TerritoryRanks) float64 { return r.P5 }},
			{"Rang, 95e centile", func(r *uncertainty.TerritoryRanks) float64 { return r.P95 }},
		} {
			cols = append(cols, levelColumn{column: column{title: rc.title, style: "dec"}, value: func(i int) any {
				r := rankOf(i)
				if r == nil || r.Draws == 0 {
					return nil
				}
				return number(rc.get(r))
			}})
		}
	}
	return cols
}

// orderedScores puts the global score first: it is the one read first.
func orderedScores(scores []composite.ScoreInfo) []composite.ScoreInfo {
	var out []composite.ScoreInfo
	for _, s := range scores {
		if s.ID == composite.GlobalID {
			out = append(out, s)
		}
	}
	for _, s := range scores {
		if s.ID != composite.GlobalID {
			out = append(out, s)
		}
	}
	return out
}

func scoreTitle(s composite.ScoreInfo) string {
	if s.ID == composite.GlobalID {
		return "Score global de fragilité"
	}
	return "Score : " + s.Name
}

func classTitle(s composite.ScoreInfo) string {
	if s.ID == composite.GlobalID {
		return "Classe (score global)"
	}
	return "Classe : " + s.Name
}

// classCell is a class or rank as a number, nil when there is none (0).
func classCell(c int) any {
	if c <= 0 {
		return nil
	}
	return c
}

// indicatorTitle is an indicator's header: label, unit, and its vintage on a second line.
func indicatorTitle(ind diagnostic.Indicator) string {
	t := ind.Label
	if ind.Unit != "" {
		t += " (" + ind.Unit + ")"
	}
	if ind.VintageLabel != "" {
		t += "\n" + ind.VintageLabel
	}
	return t
}

// populationVintage says where the population comes from, briefly.
func populationVintage(res *diagnostic.Result) string {
	if strings.Contains(res.Geography.PopulationSource, "DGCL") {
		return "DGCL, " + res.Geography.Vintage
	}
	return res.Geography.Vintage
}

// levelNotes are the lines under a level's table: sources, how to read a blank, the
// scores and an approximation.
func levelNotes(res *diagnostic.Result, lv *diagnostic.Level) []string {
	notes := []string{
		"Sources : " + indicatorSources(res) + ". Géographie : " + res.Geography.Vintage + " ; population : " + res.Geography.PopulationSource + ".",
		"Une cellule vide est une donnée non disponible (secret statistique, donnée absente des fichiers), jamais un zéro.",
	}
	if withCoverage(lv) {
		notes = append(notes, "Au-dessus de la commune, les taux sont recalculés à partir des effectifs sommés ; un indicateur non additif (revenu médian, taux de pauvreté) est une moyenne des communes pondérée par la population (approximation) et la colonne « Population couverte » dit quelle part de la population il représente.")
	}
	if lv.Scores != nil {
		k := view.Classes(lv)
		s := "Scores : plus le score est élevé, plus le territoire est fragile"
		if ref, ok := view.HundredLevel(res); ok {
			s += " ; 100 = " + referenceName(res, ref)
		}
		notes = append(notes, s+". Classes de 1 (la moins fragile) à "+itoa(k)+", rang 1 = le plus fragile ; méthode et seuils : feuille Méthode.")
	}
	return append(notes, offerNotes(res, lv)...)
}

// referenceName names the territory the scores are measured against ("la France").
func referenceName(res *diagnostic.Result, level string) string {
	if level == "france" {
		return "la France"
	}
	if lv := view.Level(res, level); lv != nil && len(lv.Rows) == 1 {
		return lv.Rows[0].Name
	}
	return "le territoire de référence (" + view.LevelName(level) + ")"
}
