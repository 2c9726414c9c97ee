package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
)

// approach explains in French how every figure of the diagnostic is obtained.
const approach = "Les indicateurs sont calculés pour chaque commune à partir des fichiers sources (feuille Sources), " +
	"puis pour chaque EPCI, département, région et pour la France à partir des effectifs sommés de leurs communes : " +
	"un taux n'est jamais une moyenne de taux. Un indicateur publié sans ses effectifs (revenu médian, taux de pauvreté) " +
	"est, au-dessus de la commune, une moyenne des communes pondérée par la population : c'est une approximation, signalée " +
	"avec la part de la population qu'elle couvre. L'indice de fragilité combine les indicateurs en un score par axe et un " +
	"score global ; chaque niveau (communes, EPCI, départements) est calculé à partir de ses propres indicateurs agrégés, " +
	"jamais en moyennant des scores de communes. Tout ce qui a été corrigé, rattaché, écarté ou remplacé est listé dans la feuille Anomalies."

// writeMethodSheet explains the method and records its parameters, the formula, source
// and weight of each indicator, the indicators missing and why, the class limits and,
// when computed, what the ranks' uncertainty owes to each choice.
func writeMethodSheet(f *excelize.File, st *styles, res *diagnostic.Result) error {
	w := newFlow(f, st, methodSheet, 8, 30, 44, 8, 20, 40, 16, 30, 34, 26, 12, 60)
	w.line("Méthode du diagnostic", "title")
	w.para(approach, "wrap")
	if d := view.MethodDescription(res); d != "" {
		w.blank()
		w.line(res.Method.Name, "section")
		w.para(d, "wrap")
	}
	if params := view.MethodParams(res); len(params) > 0 {
		w.blank()
		w.line("Paramètres de l'indice", "section")
		w.header("Paramètre", "Valeur")
		for _, p := range params {
			w.set(1, w.row, p.Name, "bold")
			w.set(2, w.row, p.Value, "wrap")
			if w.span > 2 {
				w.check(w.f.MergeCell(w.sheet, cellName(2, w.row), cellName(w.span, w.row)))
				w.lines[w.row] = lineCount(p.Value, 180)
			}
			w.row++
		}
	}
	w.blank()
	w.line("Indicateurs", "section")
	w.header("Identifiant", "Libellé", "Unité", "Sens", "Formule (variables des fichiers)", "Millésime", "Source", "Fichiers lus",
		"Axe de l'indice", "Poids dans le score global", "Note")
	weights := view.Weights(res)
	for _, ind := range res.Indicators {
		var weight any
		if wt, ok := weights[ind.ID]; ok {
			weight = wt * 100
		}
		w.cells([]any{ind.ID, ind.Label, ind.Unit, view.Direction(ind.Direction), ind.Formula(), ind.VintageLabel, ind.Source,
			strings.Join(ind.Sources, "\n"), view.AxisName(res, ind.ID), weight, ind.Note},
			"", "wrap", "", "", "wrap", "", "wrap", "wrap", "wrap", "pct", "wrap")
	}
	if len(res.Missing) > 0 {
		w.blank()
		w.line("Indicateurs non calculés (absents des données : jamais comptés comme 0)", "section")
		w.header("Identifiant", "Libellé", "Raison")
		for _, m := range res.Missing {
			w.cells([]any{m.ID, m.Label, m.Reason}, "", "wrap", "")
		}
	}
	writeClassLimits(w, res)
	writeVarianceShares(w, res)
	w.blank()
	w.para("Géographie : "+res.Geography.Vintage+" ("+res.Geography.Source+") ; population : "+res.Geography.PopulationSource+".", "note")
	if err := w.finish(); err != nil {
		return err
	}
	return printLayout(f, methodSheet, true, "")
}

// writeClassLimits writes, per scored level and score, the range of each class.
func writeClassLimits(w *flow, res *diagnostic.Result) {
	var header []string
	for _, lv := range res.Levels {
		if lv.Scores == nil {
			continue
		}
		if header == nil {
			header = []string{"Niveau", "Score"}
			for c := 1; c <= view.Classes(&lv); c++ {
				header = append(header, "Classe "+itoa(c))
			}
			w.blank()
			w.line("Seuils des classes (classe 1 = la moins fragile)", "section")
			w.header(header...)
		}
		for _, lim := range lv.Scores.Limits {
			name := lim.Score
			if j := view.ScoreIndex(&lv, lim.Score); j >= 0 {
				name = lv.Scores.Scores[j].Name
			}
			cells := []any{lv.Label, name}
			for _, r := range view.ClassRanges(lim.Limits) {
				cells = append(cells, r)
			}
			w.cells(cells, "bold")
		}
	}
}

// writeVarianceShares writes what share of the ranks' variance each choice explains.
func writeVarianceShares(w *flow, res *diagnostic.Result) {
	first := true
	for _, lv := range res.Levels {
		if lv.Ranks == nil {
			continue
		}
		if first {
			w.blank()
			w.line("Incertitude des rangs : part de la variance due à chaque choix de méthode", "section")
			w.header("Niveau", "Choix", "Effet seul (%)", "Effet total (%)")
			first = false
		}
		for _, s := range lv.Ranks.Shares {
			name := choiceNames[s.Choice]
			if name == "" {
				name = s.Choice
			}
			w.cells([]any{lv.Label, name, number(s.FirstOrder * 100), number(s.Total * 100)}, "bold", "", "pct", "pct")
		}
	}
}

// choiceNames are the French names of the choices the Monte Carlo analysis varies.
var choiceNames = map[string]string{"weights": "poids", "normalisation": "normalisation", "aggregation": "agrégation"}
