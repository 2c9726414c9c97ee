package html

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/offer"
)

// maxOfferPoints is the most communes the need × offer chart places: beyond, the
// points would hide one another (a département has a few hundred communes).
const maxOfferPoints = 800

// quadrantColours colour the quadrants: the priority one red, as the most fragile
// class is; the reference lines are green, as France's are on the ranking.
var quadrantColours = map[offer.Quadrant]string{
	offer.FragileUnderserved: colourTerritory,
	offer.FragileServed:      "#f0a04b",
	offer.SturdyUnderserved:  "#7f9cc0",
	offer.SturdyServed:       "#5aa469",
	offer.QuadrantUnknown:    noClass,
}

// needOfferChart plots each territory of a studied level — the EPCI, or the communes
// when there are not too many — by its offer (Level.OfferRows, places per 10,000
// inhabitants, across) and its need (global fragility score, up), one series per
// quadrant of Level.Quadrants, with the reference territory's values as the lines
// between quadrants and the priority quadrant shaded. Left out without an offer,
// scores or quadrants.
func needOfferChart(res *diagnostic.Result, level string) (*chart, error) {
	lv := view.Level(res, level)
	per := view.OfferColumn(res, view.ColumnPerTenThousand)
	if lv == nil || lv.Scores == nil || lv.Quadrants == nil || per < 0 || len(lv.Rows) == 0 ||
		(level == "commune" && len(lv.Rows) > maxOfferPoints) {
		return nil, nil
	}
	places := view.OfferColumn(res, view.ColumnPlaces)
	epci := level == "epci"
	unplacedText := map[bool][2]string{true: {"EPCI sans score ou sans population n'est pas placé.", "EPCI sans score ou sans population ne sont pas placés."},
		false: {"commune sans score ou sans population n'est pas placée.", "communes sans score ou sans population ne sont pas placées."}}[epci]
	groups := map[offer.Quadrant][]item{}
	unplaced, top := 0, math.Inf(-1)
	for i, row := range lv.Rows {
		x, y := view.OfferValue(lv, i, per), view.Score(lv, i, composite.GlobalID)
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) {
			unplaced++
			continue
		}
		top = math.Max(top, y)
		q := view.QuadrantOf(lv, i)
		label := view.QuadrantLabel(q)
		if label == "" {
			label = "non placé (référence inconnue)"
		}
		tip := []string{row.Name + " (" + row.Code + ")", "Quadrant : " + label,
			"Score global : " + view.Number(y, 1),
			"Lieux : " + view.Number(view.OfferValue(lv, i, places), 0) + " (" + view.Number(x, 2) + " pour 10 000 hab.)",
			"Population : " + view.Number(row.Population, 0) + " hab."}
		groups[q] = append(groups[q], item{Name: row.Name, Value: []any{x, y}, Tip: tip})
	}
	size := map[bool]int{true: 12, false: 7}[epci]
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fmtTip}),
		charts.WithGridOpts(opts.Grid{Left: "44", Right: "3%", Top: "60", Bottom: "44", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "lieux de médiation numérique pour 10 000 habitants", NameLocation: "middle", NameGap: 28, Min: 0,
			AxisLabel: &opts.AxisLabel{Formatter: fmtNumber1}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "score global de fragilité", NameLocation: "middle", NameGap: 40, Scale: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Formatter: fmtNumber0}}),
	)
	var shown []offer.Quadrant
	for _, q := range view.Quadrants {
		if len(groups[q]) == 0 {
			continue
		}
		label := view.QuadrantLabel(q)
		if label == "" {
			label = "non placé"
		}
		sc.AddSeries(label, nil, charts.WithItemStyleOpts(opts.ItemStyle{Color: quadrantColours[q], Opacity: opts.Float(0.85)}))
		shown = append(shown, q)
	}
	if len(shown) == 0 {
		return nil, nil
	}
	m, err := optionOf(sc)
	if err != nil {
		return nil, err
	}
	for k, q := range shown {
		s := series(m, k)
		s["data"] = toAny(groups[q])
		s["symbolSize"] = size
		if q == offer.FragileUnderserved {
			s["symbolSize"] = size + 2
			s["z"] = 3
			if epci {
				s["label"] = map[string]any{"show": true, "position": "right", "formatter": "{b}", "color": colourTerritory}
			}
		}
	}
	if marks := quadrantMarks(res, top); marks != nil {
		for k, v := range marks {
			series(m, 0)[k] = v
		}
	}
	opt, err := encode(m)
	if err != nil {
		return nil, err
	}
	c := &chart{ID: "chart-besoin-offre-" + level, Height: 460, Option: opt,
		Title: "Besoin et offre de médiation numérique " + map[bool]string{true: "des EPCI", false: "des communes"}[epci]}
	reading := "Chaque point est " + map[bool]string{true: "un EPCI", false: "une commune"}[epci] +
		" : en abscisse ses lieux de médiation numérique pour 10 000 habitants, en ordonnée son score global de fragilité. "
	switch fragility, places := view.QuadrantThresholds(res); {
	case !math.IsNaN(fragility) && !math.IsNaN(places):
		reading += "Lignes vertes : valeurs de référence ; zone rouge : fragilité élevée et offre faible."
	case !math.IsNaN(places):
		reading += "Ligne verte : offre de référence ; le seuil de fragilité n'est pas tracé."
	}
	c.Caption = []string{reading, "Quadrants : " + view.QuadrantRule(res) + ".",
		"Lieux : " + view.OfferSource(res) + ". Indice : " + res.Method.Name + " (" + sourcesLine(res) + ")."}
	if !epci {
		c.Caption = append(c.Caption, "Une commune sans lieu est à 0 ; une petite commune qui en a un part loin à droite : "+
			"à l'échelle de la commune, l'offre se lit aussi par la distance au lieu le plus proche (classeur, feuille Communes).")
	}
	if unplaced > 0 {
		c.Caption = append(c.Caption, plural(unplaced, unplacedText[0], unplacedText[1]))
	}
	return c, nil
}

// needOfferEPCI and needOfferCommunes are the need × offer charts of the EPCI and
// of the communes.
func needOfferEPCI(res *diagnostic.Result) (*chart, error)     { return needOfferChart(res, "epci") }
func needOfferCommunes(res *diagnostic.Result) (*chart, error) { return needOfferChart(res, "commune") }

// quadrantMarks are the lines at the reference territory's values and the shaded
// priority quadrant (less offer, more fragility, up to top, the highest score
// drawn), as series options; nil when the Result gives no threshold.
func quadrantMarks(res *diagnostic.Result, top float64) map[string]any {
	fragility, places := view.QuadrantThresholds(res)
	ref, ok := view.OfferReference(res)
	if !ok || math.IsNaN(places) {
		return nil
	}
	// The offer line's label starts at the line and runs right: the line is often
	// near the axis (few places per 10,000 inhabitants), where a centred label is cut.
	line := func(axis string, v float64, label, position, align string) any {
		return toAny(map[string]any{axis: v, "name": label,
			"lineStyle": map[string]any{"color": colourFrance, "type": "dashed", "width": 2},
			"label":     map[string]any{"formatter": "{b}", "position": position, "align": align, "color": colourFrance}})
	}
	lines := []any{line("xAxis", places, ref.Name()+" : "+view.Number(places, 2)+" lieu pour 10 000 hab.", "end", "left")}
	out := map[string]any{}
	if !math.IsNaN(fragility) {
		lines = append(lines, line("yAxis", fragility, ref.Name()+" : score "+view.Number(fragility, 0), "insideEndTop", "right"))
		if top > fragility {
			out["markArea"] = map[string]any{"silent": true, "itemStyle": map[string]any{"color": "rgba(192, 57, 43, 0.08)"},
				"data": []any{[]any{map[string]any{"coord": []any{0, fragility}}, map[string]any{"coord": []any{places, top}}}}}
		}
	}
	out["markLine"] = map[string]any{"symbol": []any{"none", "none"}, "silent": true, "data": lines}
	return out
}
