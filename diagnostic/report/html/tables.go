package html

import (
	"math"
	"sort"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/uncertainty"
)

// table is an HTML table of the page: every cell is text, escaped by the template.
type table struct {
	ID      string
	Title   string
	Head    []string
	Rows    [][]cell
	Notes   []string // sources, vintages, how to read
	Numeric []bool   // columns aligned right
}

type cell struct {
	Text  string
	Class string // "nd" for a missing value, "ref" for a reference row, "long" for long text
}

func text(s string) cell { return cell{Text: s} }

// num is a formatted number, marked when missing.
func num(s string) cell {
	if s == view.Missing {
		return cell{Text: s, Class: "nd"}
	}
	return cell{Text: s}
}

// keyTable is the key figures: the studied territory against its département,
// région and France.
func keyTable(res *diagnostic.Result) table {
	k := view.BuildKeyFigures(res)
	t := table{ID: "chiffres-cles", Title: "Chiffres clés", Head: []string{"Indicateur", "Source et millésime"}}
	t.Numeric = []bool{false, false}
	for _, c := range k.Columns {
		t.Head = append(t.Head, c.Label())
		t.Numeric = append(t.Numeric, true)
	}
	for _, r := range k.Rows {
		source := r.Source
		if r.Population {
			source = populationSource(res)
		}
		row := []cell{text(r.Label), text(source)}
		for i := range r.Values {
			row = append(row, num(r.Format(i)))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes, "n.d. : donnée non disponible (une classe ne se calcule que parmi plusieurs territoires d'un même niveau).")
	if ref, ok := view.HundredLevel(res); ok {
		t.Notes = append(t.Notes, "Scores : 100 = "+referenceName(res, ref)+" ; plus le score est élevé, plus le territoire est fragile.")
	}
	return t
}

// populationSource names the population's source briefly.
func populationSource(res *diagnostic.Result) string {
	if strings.Contains(res.Geography.PopulationSource, "DGCL") {
		return "DGCL, population municipale, " + res.Geography.Vintage
	}
	return res.Geography.PopulationSource
}

// fragileCommunes lists the communes of rank 1 to n.
func fragileCommunes(res *diagnostic.Result, n int) *table {
	lv := view.Level(res, "commune")
	if lv == nil || lv.Scores == nil || len(lv.Rows) == 0 {
		return nil
	}
	parents := view.Parents(res, "epci")
	epciNames := map[string]string{}
	if epci := view.Level(res, "epci"); epci != nil {
		for _, r := range epci.Rows {
			epciNames[r.Code] = r.Name
		}
	}
	t := &table{ID: "communes-fragiles", Title: "Les " + view.Number(float64(n), 0) + " communes les plus fragiles",
		Head: []string{"Rang", "Commune", "Code", "Population", "Score global", "Classe"}, Numeric: []bool{true, false, false, true, true, true}}
	if parents != nil {
		t.Head = append(t.Head, "EPCI")
		t.Numeric = append(t.Numeric, false)
	}
	for _, i := range view.Ranking(lv)[:min(n, len(lv.Rows))] {
		if view.Rank(lv, i) == 0 {
			break
		}
		row := lv.Rows[i]
		cells := []cell{text(view.Number(float64(view.Rank(lv, i)), 0)), {Text: row.Name, Class: "name"}, text(row.Code),
			num(view.Number(row.Population, 0)), num(view.Number(view.Score(lv, i, composite.GlobalID), 1)), num(classText(lv, i))}
		if parents != nil {
			cells = append(cells, text(epciNames[parents[row.Code]]))
		}
		t.Rows = append(t.Rows, cells)
	}
	t.Notes = scoreCaption(res, lv)
	return t
}

// maxPriorities is how many priority territories of each level the page lists; the
// full lists are in the workbook and the priorites-<level>.csv files.
const maxPriorities = 15

// priorityTable lists the first priority territories of each studied level, most in
// need first, with the indicators driving their fragility.
func priorityTable(res *diagnostic.Result) *table {
	list := view.Priorities(res)
	if len(list) == 0 {
		return nil
	}
	t := &table{ID: "priorites", Title: "Territoires prioritaires : fragilité élevée, offre faible",
		Head:    []string{"Rang", "Territoire", "Code", "Niveau", "Population fragile", "Lieux", "Population fragile par lieu", "Facteurs principaux"},
		Numeric: []bool{true, false, false, false, true, true, true, false}}
	shown := view.TopPriorities(list, maxPriorities)
	for _, p := range shown {
		perPlace := view.Number(p.NeedPerPlace, 0)
		if math.IsInf(p.NeedPerPlace, 1) {
			perPlace = "aucun lieu"
		}
		level := p.Level
		if lv := view.Level(res, p.Level); lv != nil {
			level = lv.Label
		}
		t.Rows = append(t.Rows, []cell{text(view.Number(float64(p.Rank), 0)), {Text: p.Name, Class: "name"}, text(p.Code), text(level),
			num(view.Number(p.FragilePopulation, 0)), num(view.Number(p.Places, 0)), num(perPlace), {Text: strings.Join(p.Drivers, " ; "), Class: "long"}})
	}
	t.Notes = []string{"Territoires qui cumulent fragilité élevée et offre faible : " + view.QuadrantRule(res) + ".",
		"Classés par population fragile (" + res.Offer.FragilePopulation + ") par lieu de médiation, du plus au moins en besoin ; « aucun lieu » : " +
			"population fragile sans aucun lieu dans le territoire, en tête par population fragile. Facteurs : les deux indicateurs où le territoire s'écarte le plus de la référence."}
	if len(shown) < len(list) {
		t.Notes = append(t.Notes, "Les "+view.Number(maxPriorities, 0)+" premiers de chaque niveau ; liste complète : feuille Priorités du classeur diagnostic.xlsx et fichiers priorites-<niveau>.csv.")
	}
	return t
}

// epciTable lists every EPCI from the most fragile, with its axes and, when computed,
// its rank interval.
func epciTable(res *diagnostic.Result) *table {
	lv := view.Level(res, "epci")
	if lv == nil || lv.Scores == nil || len(lv.Rows) == 0 {
		return nil
	}
	axes := view.Axes(lv)
	t := &table{ID: "epci", Title: "Les EPCI du plus fragile au moins fragile",
		Head: []string{"Rang", "EPCI", "SIREN", "Population", "Score global", "Classe"}, Numeric: []bool{true, false, false, true, true, true}}
	for _, a := range axes {
		t.Head = append(t.Head, a.Name)
		t.Numeric = append(t.Numeric, true)
	}
	ranks := map[string]uncertainty.TerritoryRanks{}
	if lv.Ranks != nil {
		for _, r := range lv.Ranks.Ranks {
			ranks[r.Code] = r
		}
		t.Head = append(t.Head, "Rang (5-95 %)")
		t.Numeric = append(t.Numeric, true)
	}
	if _, ok := view.HundredLevel(res); ok {
		for _, r := range view.References(res, lv) {
			s := view.RefScore(res, r, composite.GlobalID)
			if math.IsNaN(s) {
				continue
			}
			cells := []cell{{Class: "ref"}, {Text: r.Label(), Class: "ref name"}, {Text: r.Code(), Class: "ref"},
				{Text: view.Number(r.Level.Rows[r.Row].Population, 0), Class: "ref"}, {Text: view.Number(s, 1), Class: "ref"}, {Class: "ref"}}
			for _, a := range axes {
				cells = append(cells, cell{Text: view.Number(view.RefScore(res, r, a.ID), 1), Class: "ref"})
			}
			if lv.Ranks != nil {
				cells = append(cells, cell{Class: "ref"})
			}
			t.Rows = append(t.Rows, cells)
		}
	}
	for _, i := range view.Ranking(lv) {
		row := lv.Rows[i]
		cells := []cell{text(rankText(float64(view.Rank(lv, i)), 0)), {Text: row.Name, Class: "name"}, text(row.Code), num(view.Number(row.Population, 0)),
			num(view.Number(view.Score(lv, i, composite.GlobalID), 1)), num(classText(lv, i))}
		for _, a := range axes {
			cells = append(cells, num(view.Number(view.Score(lv, i, a.ID), 1)))
		}
		if lv.Ranks != nil {
			if r, ok := ranks[row.Code]; ok && r.Draws > 0 {
				cells = append(cells, text(view.Number(r.P5, 1)+" – "+view.Number(r.P95, 1)))
			} else {
				cells = append(cells, num(view.Missing))
			}
		}
		t.Rows = append(t.Rows, cells)
	}
	t.Notes = scoreNotes(res, lv)
	return t
}

func classText(lv *diagnostic.Level, i int) string {
	if c := view.Class(lv, i, composite.GlobalID); c > 0 {
		return view.Number(float64(c), 0) + " sur " + view.Number(float64(view.Classes(lv)), 0)
	}
	return view.Missing
}

// scoreNotes are the notes under the EPCI table.
func scoreNotes(res *diagnostic.Result, lv *diagnostic.Level) []string {
	notes := scoreCaption(res, lv)
	if lv.Ranks != nil {
		notes = append(notes, "Rang (5-95 %) : rangs occupés dans 90 % des calculs de l'indice où les choix de méthode varient (Monte Carlo).")
	}
	return notes
}

// methodTables are the indicators with their formula, source, axis and weight; the
// missing ones; the class limits.
func methodTables(res *diagnostic.Result) []table {
	weights := view.Weights(res)
	ind := table{ID: "indicateurs", Title: "Indicateurs", Head: []string{"Indicateur", "Sens", "Formule (variables des fichiers)", "Source et millésime", "Axe", "Poids"},
		Numeric: []bool{false, false, false, false, false, true}}
	for _, i := range res.Indicators {
		w := view.Missing
		if v, ok := weights[i.ID]; ok {
			w = view.Percent(v*100, 1)
		}
		ind.Rows = append(ind.Rows, []cell{text(i.Label), text(view.Direction(i.Direction)), text(i.Formula()), text(view.SourceLabel(i)),
			text(view.AxisName(res, i.ID)), num(w)})
		if i.Note != "" {
			ind.Notes = append(ind.Notes, i.Label+" : "+i.Note)
		}
	}
	out := []table{ind}
	if len(res.Missing) > 0 {
		m := table{ID: "indicateurs-absents", Title: "Indicateurs non disponibles dans les données", Head: []string{"Indicateur", "Raison"}}
		for _, x := range res.Missing {
			m.Rows = append(m.Rows, []cell{text(x.Label), text(x.Reason)})
		}
		m.Notes = []string{"Un indicateur absent n'est jamais compté comme 0 : l'indice est calculé sans lui."}
		out = append(out, m)
	}
	var limits *table
	for i := range res.Levels {
		lv := &res.Levels[i]
		if lv.Scores == nil {
			continue
		}
		if limits == nil {
			limits = &table{ID: "seuils", Title: "Seuils des classes (classe 1 = la moins fragile)", Head: []string{"Niveau", "Score"}}
			for c := 1; c <= view.Classes(lv); c++ {
				limits.Head = append(limits.Head, "Classe "+view.Number(float64(c), 0))
			}
		}
		for _, l := range lv.Scores.Limits {
			name := l.Score
			if j := view.ScoreIndex(lv, l.Score); j >= 0 {
				name = lv.Scores.Scores[j].Name
			}
			row := []cell{text(lv.Label), text(name)}
			for _, r := range view.ClassRanges(l.Limits) {
				row = append(row, text(r))
			}
			limits.Rows = append(limits.Rows, row)
		}
	}
	if limits != nil {
		out = append(out, *limits)
	}
	return out
}

// sourceTable lists each input with its checksum, producer, vintage and licence.
func sourceTable(res *diagnostic.Result) table {
	t := table{ID: "sources-fichiers", Title: "Fichiers lus", Head: []string{"Fichier", "Producteur", "Titre", "Millésime", "Licence", "SHA-256"}}
	for _, in := range res.Inputs {
		t.Rows = append(t.Rows, []cell{text(in.Path), text(in.Producer), text(in.Title), text(in.Vintage), text(in.Licence), {Text: in.SHA256, Class: "hash"}})
	}
	t.Notes = []string{"Géographie : " + res.Geography.Vintage + " (" + res.Geography.Source + ") ; population : " + res.Geography.PopulationSource + ".",
		"Le SHA-256 identifie exactement le fichier lu."}
	return t
}

// kindNames explain in French the kinds of problems the pipeline reports.
var kindNames = map[string]string{
	"former-code":             "code d'une ancienne commune rattaché à la commune actuelle (effectifs sommés)",
	"repaired-code":           "code dont le zéro initial avait été perdu, rétabli",
	"non-additive-merge":      "valeur non additive (médiane, taux) d'une commune fusionnée laissée manquante",
	"arrondissements-ignored": "arrondissements municipaux ignorés, la commune entière étant présente",
	"unknown-code":            "code ne correspondant à aucune commune, ligne écartée",
	"duplicate-code":          "code présent plusieurs fois",
	"not-a-number":            "valeur non numérique",
	"part-exceeds-whole":      "effectif partiel supérieur au total",
	"conflicting-values":      "valeurs contradictoires entre fichiers",
	"method-incomplete":       "indicateurs de la méthode absents des données",
	"bad-code":                "code de commune invalide",
	"count-mismatch":          "effectifs incohérents",
	"imputation":              "valeur manquante remplacée pour le calcul de l'indice",
}

var severityNames = map[problem.Severity]string{problem.Error: "erreur", problem.Warning: "avertissement", problem.Note: "note"}

// anomalyTable counts the listed problems by kind; the full list, with file and row,
// is in the workbook's Anomalies sheet and in resume.json.
func anomalyTable(res *diagnostic.Result) table {
	type key struct {
		severity problem.Severity
		kind     string
	}
	counts := map[key]int{}
	for _, p := range res.Problems {
		counts[key{p.Severity, p.Kind}]++
	}
	for _, lv := range res.Levels {
		if lv.Scores != nil {
			counts[key{problem.Note, "imputation"}] += len(lv.Scores.Imputations)
		}
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].severity != keys[j].severity {
			return keys[i].severity < keys[j].severity
		}
		return keys[i].kind < keys[j].kind
	})
	t := table{ID: "anomalies", Title: "Anomalies et corrections", Head: []string{"Gravité", "Nature", "Entrées listées"}, Numeric: []bool{false, false, true}}
	for _, k := range keys {
		name := kindNames[k.kind]
		if name == "" {
			name = k.kind
		}
		t.Rows = append(t.Rows, []cell{text(severityNames[k.severity]), text(name), text(view.Number(float64(counts[k]), 0))})
	}
	t.Notes = []string{"Chaque entrée, avec son fichier et sa ligne, est dans la feuille Anomalies du classeur diagnostic.xlsx et dans resume.json."}
	return t
}
