package report

import (
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/offer"
)

// prioritySheet lists the priority territories of every studied level.
const prioritySheet = "Priorités"

// offerLevelColumns are a level sheet's offer columns, after the indicators: each
// offer figure for the territories and the reference rows (so a territory reads
// against its département and France), then, for a studied level, its quadrant.
func offerLevelColumns(res *diagnostic.Result, lv *diagnostic.Level) []levelColumn {
	if res.Offer == nil {
		return nil
	}
	var cols []levelColumn
	for j, c := range res.Offer.Columns {
		cols = append(cols, levelColumn{column: column{title: offerTitle(c), style: unitStyle(c.Unit)},
			value: func(i int) any { return number(view.OfferValue(lv, i, j)) },
			ref:   func(r view.Ref) any { return number(view.OfferValue(r.Level, r.Row, j)) }})
	}
	if withQuadrant(res, lv) {
		cols = append(cols, levelColumn{column: column{title: "Quadrant fragilité × offre"},
			value: func(i int) any { return view.QuadrantLabel(view.QuadrantOf(lv, i)) }})
	}
	return cols
}

// offerTitle is an offer column's header: its label, with its unit when the label
// does not already say it.
func offerTitle(c offer.Column) string {
	switch c.Unit {
	case "", "lieux", "lieux / 10 000 hab.", "hab.":
		return c.Label
	}
	return c.Label + " (" + c.Unit + ")"
}

// offerNotes are the lines under a level's table about the offer: where the places
// come from, how distances are measured, how a quadrant is read.
func offerNotes(res *diagnostic.Result, lv *diagnostic.Level) []string {
	if res.Offer == nil {
		return nil
	}
	notes := []string{"Offre de médiation numérique : " + view.OfferSource(res) +
		" ; un lieu présent dans plusieurs listes n'est compté qu'une fois (liste des lieux : feuille Lieux). " +
		"Les lieux pour 10 000 habitants sont recalculés à chaque niveau ; la distance va du centroïde de chaque commune au lieu le plus proche, " +
		"à vol d'oiseau, et au-dessus de la commune elle est une moyenne pondérée par la population (approximation)."}
	if withQuadrant(res, lv) {
		notes = append(notes, "Quadrant : "+view.QuadrantRule(res)+" ; vide : territoire non placé (score ou population non disponibles). "+
			"Territoires prioritaires : feuille "+prioritySheet+".")
	}
	return notes
}

// writePrioritySheet lists the fragile and under-served territories of every studied
// level, most in need first, with the two indicators driving their fragility
// against the reference territory.
func writePrioritySheet(f *excelize.File, st *styles, res *diagnostic.Result) error {
	list := view.Priorities(res)
	refName := "référence"
	if r, ok := view.OfferReference(res); ok {
		refName = r.Name()
	}
	t := &table{sheet: prioritySheet, frozenCols: 4, landscape: true, n: len(list), cols: []column{
		{title: "Niveau"}, {title: "Rang", style: "int"}, {title: "Code", style: "pad"}, {title: "Territoire"}, {title: "Quadrant"},
		{title: "Population fragile : " + res.Offer.FragilePopulation, style: "thousands"}, {title: "Lieux", style: "thousands"},
		{title: "Population fragile par lieu", style: "thousands"},
		{title: "Facteur 1", style: "wrap-pad", width: 36}, {title: "Valeur 1"}, {title: refName + ", facteur 1"},
		{title: "Facteur 2", style: "wrap-pad", width: 36}, {title: "Valeur 2"}, {title: refName + ", facteur 2"},
	}}
	t.fill = func(i int, cells []any) {
		p := list[i]
		perPlace := number(p.NeedPerPlace)
		if math.IsInf(p.NeedPerPlace, 1) {
			perPlace = styledCell{"aucun lieu", "right"}
		}
		copy(cells, []any{levelLabel(res, p.Level), p.Rank, p.Code, p.Name, p.Quadrant, number(p.FragilePopulation), number(p.Places), perPlace})
		for k, d := range p.Factors[:min(len(p.Factors), priorityDrivers)] {
			style := unitStyle(d.Unit)
			cells[8+3*k], cells[9+3*k], cells[10+3*k] = d.Label, styledCell{number(d.Value), style}, styledCell{number(d.Reference), style}
		}
	}
	t.notes = []string{
		"Territoires prioritaires : ceux qui cumulent fragilité élevée et offre faible (" + view.QuadrantRule(res) + "), " +
			"classés par population fragile par lieu de médiation, du plus au moins en besoin ; « aucun lieu » : population fragile sans aucun lieu dans le territoire, classés en tête par population fragile.",
		"Population fragile : " + res.Offer.FragilePopulation + ". Facteurs : les deux indicateurs sur lesquels le territoire s'écarte le plus de " + refName +
			" dans le sens de la fragilité, avec la valeur de " + refName + ".",
	}
	if len(list) == 0 {
		t.notes = append([]string{"Aucun territoire étudié ne cumule fragilité élevée et offre faible."}, t.notes...)
	}
	return t.write(f, st)
}

// quadrantSummary says in French how a studied level's territories spread over the
// quadrants: "EPCI : 1 fragilité élevée, offre faible ; 11 fragilité élevée, offre
// élevée ; …"; "" when the level was not placed.
func quadrantSummary(lv *diagnostic.Level) string {
	var parts []string
	for _, c := range view.QuadrantCounts(lv) {
		if c.Territories == 0 {
			continue
		}
		label := c.Quadrant.Label()
		if c.Quadrant == offer.QuadrantUnknown {
			label = "non placé"
			if c.Territories > 1 {
				label = "non placés"
			}
		}
		parts = append(parts, view.Number(float64(c.Territories), 0)+" "+label)
	}
	if len(parts) == 0 {
		return ""
	}
	return lv.Label + " : " + strings.Join(parts, " ; ")
}

// levelLabel is a level's French label ("Communes"), as its sheet is named.
func levelLabel(res *diagnostic.Result, id string) string {
	if lv := view.Level(res, id); lv != nil {
		return lv.Label
	}
	return id
}
