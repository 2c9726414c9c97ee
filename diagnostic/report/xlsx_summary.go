package report

import (
	"math"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite"
)

// fragileCount is how many of the most fragile communes the summary lists.
const fragileCount = 10

// writeSummarySheet writes the summary an elected official reads first: the key
// figures of the territory against its département, région and France, the priority
// (or most fragile) territories, the ranking of the EPCI with native Excel charts.
func writeSummarySheet(f *excelize.File, st *styles, res *diagnostic.Result) error {
	w := newFlow(f, st, summarySheet, 7, 46, 30, 16, 16, 16, 16, 16, 16, 16, 16, 16)
	w.line("Diagnostic territorial de l'inclusion numérique — "+territoryNames(res), "title")
	w.para(summarySubtitle(res), "note")
	if s := readingNote(res); s != "" {
		w.para(s, "note")
	}
	w.blank()
	writeKeyFigures(w, res)
	if pr := view.Priorities(res); len(pr) > 0 {
		writePriorities(w, res, pr)
	} else if lv := view.Level(res, "commune"); lv != nil && lv.Scores != nil {
		writeMostFragile(w, res, lv)
	}
	if lv := view.Level(res, "epci"); lv != nil && lv.Scores != nil && len(lv.Rows) > 0 {
		writeEPCIRanking(w, res, lv)
	}
	if err := w.finish(); err != nil {
		return err
	}
	if err := f.SetPanes(summarySheet, &excelize.Panes{Freeze: false}); err != nil {
		return err
	}
	return printLayout(f, summarySheet, false, "")
}

// summarySubtitle says what the diagnostic rests on, in one line.
func summarySubtitle(res *diagnostic.Result) string {
	var vintages []string
	for _, ind := range res.Indicators {
		if v := ind.VintageLabel; v != "" && !strings.Contains(strings.Join(vintages, "|"), v) {
			vintages = append(vintages, v)
		}
	}
	s := "Géographie : " + res.Geography.Vintage + ". Données : " + strings.Join(vintages, ", ") + "."
	if res.Method.Name != "" {
		s = "Indice : " + res.Method.Name + ". " + s
	}
	return s + " Détail des sources : feuille Sources ; méthode : feuille Méthode."
}

// readingNote tells how to read the scores.
func readingNote(res *diagnostic.Result) string {
	lv := view.Level(res, "epci")
	if lv == nil || lv.Scores == nil {
		return ""
	}
	s := "Lecture : plus le score est élevé, plus le territoire est fragile"
	if ref, ok := view.HundredLevel(res); ok {
		s += " ; un score de 100 correspond à " + referenceName(res, ref)
	}
	return s + ". Les classes vont de 1 (la moins fragile) à " + itoa(view.Classes(lv)) + " ; le rang 1 est le territoire le plus fragile de son niveau."
}

// writeKeyFigures writes the key figures table, with the missing indicators named below.
func writeKeyFigures(w *flow, res *diagnostic.Result) {
	k := view.BuildKeyFigures(res)
	w.line("Chiffres clés", "section")
	header := []string{"Indicateur", "Source et millésime"}
	for _, c := range k.Columns {
		header = append(header, c.Label())
	}
	w.header(header...)
	for _, r := range k.Rows {
		w.set(1, w.row, r.Label, "wrap")
		source := r.Source
		if r.Population {
			source = populationVintage(res)
		}
		w.set(2, w.row, source, "wrap")
		for i, v := range r.Values {
			switch {
			case math.IsNaN(v):
				w.set(3+i, w.row, view.Missing, "missing")
			case r.Of > 0:
				w.set(3+i, w.row, r.Format(i), "right")
			default:
				w.set(3+i, w.row, v, unitStyle(r.Unit))
			}
		}
		w.row++
	}
	var missing []string
	for _, m := range res.Missing {
		missing = append(missing, m.Label)
	}
	if len(missing) > 0 {
		w.para("Non disponibles dans les données (jamais comptés comme 0) : "+strings.Join(missing, " ; ")+".", "note")
	}
	w.para("n.d. : donnée non disponible. Une classe n'a de sens que parmi plusieurs territoires d'un même niveau.", "note")
	w.blank()
}

// writePriorities writes the head of the priority list of the mediation offer — the
// first fragileCount territories of each level; all of them are in the Priorités
// sheet — and how each level's territories spread over the quadrants.
func writePriorities(w *flow, res *diagnostic.Result, list []view.Priority) {
	w.line("Territoires prioritaires : fragilité élevée, offre faible", "section")
	// In the summary's columns (a wide first one for names): the indicators driving
	// each territory's fragility, long labels, are left to the Priorités sheet.
	w.header("Territoire", "Niveau", "Code", "Rang", "Population fragile", "Lieux", "Population fragile par lieu")
	for _, p := range view.TopPriorities(list, fragileCount) {
		perPlace, style := any(number(p.NeedPerPlace)), "thousands"
		if math.IsInf(p.NeedPerPlace, 1) {
			perPlace, style = "aucun lieu", "right"
		}
		w.cells([]any{p.Name, levelLabel(res, p.Level), p.Code, p.Rank, number(p.FragilePopulation), number(p.Places), perPlace},
			"", "", "", "int", "thousands", "int", style)
	}
	note := "Les " + itoa(fragileCount) + " premiers territoires de chaque niveau, classés par population fragile par lieu de médiation ; liste complète, " +
		"avec les deux indicateurs qui font la fragilité de chacun : feuille " + prioritySheet + " et fichiers priorites-<niveau>.csv."
	if res.Offer != nil {
		note += " Population fragile : " + res.Offer.FragilePopulation + ". Quadrants : " + view.QuadrantRule(res) + "."
	}
	w.para(note, "note")
	var spread []string
	for _, lv := range view.Studied(res) {
		if s := quadrantSummary(lv); s != "" {
			spread = append(spread, s)
		}
	}
	if len(spread) > 0 {
		w.para("Répartition des territoires — "+strings.Join(spread, ". ")+".", "note")
	}
	w.blank()
}

// writeMostFragile lists the communes of rank 1 to fragileCount.
func writeMostFragile(w *flow, res *diagnostic.Result, lv *diagnostic.Level) {
	parents := view.Parents(res, "epci")
	epciNames := map[string]string{}
	if epci := view.Level(res, "epci"); epci != nil {
		for _, r := range epci.Rows {
			epciNames[r.Code] = r.Name
		}
	}
	w.line("Les "+itoa(fragileCount)+" communes les plus fragiles", "section")
	header := []string{"Commune", "Code", "Rang", "Population", "Score global", "Classe"}
	if parents != nil {
		header = append(header, "EPCI")
	}
	w.header(header...)
	for _, i := range view.Ranking(lv)[:min(fragileCount, len(lv.Rows))] {
		if view.Rank(lv, i) == 0 {
			break
		}
		row := lv.Rows[i]
		cells := []any{row.Name, row.Code, view.Rank(lv, i), number(row.Population),
			number(view.Score(lv, i, composite.GlobalID)), classCell(view.Class(lv, i, composite.GlobalID))}
		if parents != nil {
			cells = append(cells, epciNames[parents[row.Code]])
		}
		w.cells(cells, "", "", "int", "thousands", "dec", "int", "pad")
	}
	w.para("Scores des communes calculés sur leurs propres indicateurs. Sources : "+indicatorSources(res)+".", "note")
	w.blank()
}

// indicatorSources names the sources and vintages of the indicators, once each.
func indicatorSources(res *diagnostic.Result) string {
	var out []string
	for _, ind := range res.Indicators {
		if s := view.SourceLabel(ind); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ; ")
}

// writeEPCIRanking writes the EPCI from the most fragile down, the references first,
// and two native charts drawn from these cells: the global score (references as
// bars of their own colour) and the score of each axis.
func writeEPCIRanking(w *flow, res *diagnostic.Result, lv *diagnostic.Level) {
	axes := view.Axes(lv)
	w.line("Classement des EPCI", "section")
	header := []string{"Territoire", "Code", "Rang", "Population", "Score global", "Score de référence", "Classe"}
	for _, a := range axes {
		header = append(header, "Score : "+a.Name)
	}
	ranks := rankIndex(lv)
	if ranks != nil {
		header = append(header, "Rang médian (Monte Carlo)", "Rang, 5e centile", "Rang, 95e centile")
	}
	headerRow := w.row
	w.header(header...)
	styles := []string{"", "", "int", "thousands", "dec", "dec", "int"}
	for range axes {
		styles = append(styles, "dec")
	}
	styles = append(styles, "dec", "dec", "dec")
	first := w.row
	if _, ok := view.HundredLevel(res); ok {
		for _, r := range view.References(res, lv) {
			if v := view.RefScore(res, r, composite.GlobalID); !math.IsNaN(v) {
				w.cells([]any{r.Label(), r.Code(), nil, number(r.Level.Rows[r.Row].Population), nil, v}, styles...)
			}
		}
	}
	firstEPCI := w.row
	for _, i := range view.Ranking(lv) {
		row := lv.Rows[i]
		cells := []any{row.Name, row.Code, classCell(view.Rank(lv, i)), number(row.Population),
			number(view.Score(lv, i, composite.GlobalID)), nil, classCell(view.Class(lv, i, composite.GlobalID))}
		for _, a := range axes {
			cells = append(cells, number(view.Score(lv, i, a.ID)))
		}
		if r := ranks[row.Code]; r != nil && r.Draws > 0 {
			cells = append(cells, r.MedianRank, r.P5, r.P95)
		} else if ranks != nil {
			cells = append(cells, nil, nil, nil)
		}
		w.cells(cells, styles...)
	}
	last := w.row - 1
	w.para("Scores des EPCI calculés à partir de leurs indicateurs agrégés ; le score de référence du département est celui de ses propres indicateurs agrégés. Sources : "+
		indicatorSources(res)+" ; géographie "+res.Geography.Vintage+".", "note")
	w.blank()
	sheet := "'" + summarySheet + "'!"
	ref := func(col, from, to int) string {
		return sheet + "$" + colName(col) + "$" + itoa(from) + ":$" + colName(col) + "$" + itoa(to)
	}
	title := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 12}}}}
	}
	overlap, gap, one := 100, uint(40), false
	height := uint(80 + 22*(last-first+1))
	ranking := &excelize.Chart{
		Type: excelize.Bar, Dimension: excelize.ChartDimension{Width: 900, Height: height},
		Title:  title("Score global de fragilité des EPCI" + hundredSuffix(res)),
		Legend: excelize.ChartLegend{Position: "bottom"}, ShowBlanksAs: "gap", Overlap: &overlap, GapWidth: &gap, VaryColors: &one,
		XAxis:    excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:    excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		PlotArea: excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"}},
		Series: []excelize.ChartSeries{
			{Name: sheet + "$E$" + itoa(headerRow), Categories: ref(1, first, last), Values: ref(5, first, last),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}}},
			{Name: sheet + "$F$" + itoa(headerRow), Categories: ref(1, first, last), Values: ref(6, first, last),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"ED7D31"}}},
		},
	}
	w.check(w.f.AddChart(summarySheet, cellName(1, w.row), ranking))
	w.row += int(height)/20 + 4
	if len(axes) == 0 {
		return
	}
	byAxis := &excelize.Chart{
		Type: excelize.Bar, Dimension: excelize.ChartDimension{Width: 900, Height: uint(80 + 30*(last-firstEPCI+1))},
		Title:  title("Scores par axe des EPCI" + hundredSuffix(res)),
		Legend: excelize.ChartLegend{Position: "bottom"}, ShowBlanksAs: "gap", VaryColors: &one,
		XAxis: excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
	}
	palette := []string{"5B9BD5", "A5A5A5", "FFC000", "70AD47"}
	for j := range axes {
		byAxis.Series = append(byAxis.Series, excelize.ChartSeries{
			Name: sheet + "$" + colName(8+j) + "$" + itoa(headerRow), Categories: ref(1, firstEPCI, last), Values: ref(8+j, firstEPCI, last),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{palette[j%len(palette)]}},
		})
	}
	w.check(w.f.AddChart(summarySheet, cellName(1, w.row), byAxis))
}

// axisFont writes chart axis labels dark enough to read on paper.
var axisFont = excelize.Font{Color: "262626", Size: 9}

// hundredSuffix reminds chart readers what 100 is.
func hundredSuffix(res *diagnostic.Result) string {
	if ref, ok := view.HundredLevel(res); ok {
		return " (100 = " + strings.TrimPrefix(referenceName(res, ref), "la ") + ")"
	}
	return ""
}
