package html

import (
	"unicode"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/offer"
)

// leverColours tell the four levers of mediation apart.
var leverColours = [offer.NumLevers]string{"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1"}

// leverChart stacks, per EPCI, the places offering each of the four levers of
// mediation (Level.OfferRows, columns "lieux_<lever>" of offer.Levers), with the
// number of places as a mark: a place offering several levers counts in each bar,
// so a stack may pass the mark. The EPCI come in the order of the ranking, the most
// fragile first (by name without scores). Left out without lever columns.
func leverChart(res *diagnostic.Result) (*chart, error) {
	lv := view.Level(res, "epci")
	if lv == nil || len(lv.Rows) == 0 || len(lv.OfferRows) == 0 {
		return nil, nil
	}
	type leverColumn struct {
		lever  offer.Lever
		column int
	}
	var levers []leverColumn
	for _, l := range offer.Levers {
		if j := view.OfferColumn(res, "lieux_"+l.ID()); j >= 0 {
			levers = append(levers, leverColumn{l, j})
		}
	}
	if len(levers) == 0 {
		return nil, nil
	}
	order, orderText := view.Ranking(lv), "EPCI du plus fragile au moins fragile."
	if lv.Scores == nil {
		order, orderText = sortedByName(lv), "EPCI par ordre alphabétique."
	}
	order = order[:min(len(order), maxBars)]
	places := view.OfferColumn(res, view.ColumnPlaces)
	var names []string
	for _, i := range order {
		names = append(names, lv.Rows[i].Name)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fmtTip}),
		charts.WithGridOpts(opts.Grid{Left: "1%", Right: "6%", Top: "64", Bottom: "30", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "lieux", NameLocation: "end", MinInterval: 1,
			AxisLabel: &opts.AxisLabel{Formatter: fmtNumber0}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	for k, l := range levers {
		bar.AddSeries(upperFirst(l.lever.Label()), nil, charts.WithBarChartOpts(opts.BarChart{Stack: "leviers", BarCategoryGap: "35%"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: leverColours[k%len(leverColours)]}))
	}
	m, err := optionOf(bar)
	if err != nil {
		return nil, err
	}
	var totals []item
	for k, l := range levers {
		var data []item
		for _, i := range order {
			row := lv.Rows[i]
			n := view.OfferValue(lv, i, l.column)
			data = append(data, item{Name: row.Name, Value: value(n), Tip: []string{row.Name + " (" + row.Code + ")",
				upperFirst(l.lever.Label()) + " : " + placesText(n),
				"Lieux de l'EPCI : " + placesText(view.OfferValue(lv, i, places))}})
		}
		series(m, k)["data"] = toAny(data)
	}
	if places >= 0 {
		for p, i := range order {
			row := lv.Rows[i]
			n := view.OfferValue(lv, i, places)
			totals = append(totals, item{Name: row.Name, Value: []any{value(n), p}, Tip: []string{row.Name + " (" + row.Code + ")", "Lieux de médiation numérique : " + placesText(n)}})
		}
		m["series"] = append(m["series"].([]any), toAny(map[string]any{
			"type": "scatter", "name": "Nombre de lieux", "data": totals, "symbol": "diamond", "symbolSize": 11, "z": 3,
			"itemStyle": map[string]any{"color": "#1d2733"},
		}))
	}
	opt, err := encode(m)
	if err != nil {
		return nil, err
	}
	c := &chart{ID: "chart-leviers-epci", Title: "Lieux de médiation numérique par levier dans chaque EPCI",
		Height: 120 + 30*len(order), Option: opt, Caption: []string{
			"Chaque barre compte les lieux offrant un levier de la médiation numérique ; un lieu qui en offre plusieurs compte dans chacun, " +
				"si bien que la barre peut dépasser le nombre de lieux (losange). " + orderText,
			"Lieux : " + view.OfferSource(res) + " ; leviers d'après les services que déclare chaque lieu et ceux qu'assure son programme national.",
		}}
	if len(lv.Rows) > len(order) {
		c.Caption = append(c.Caption, "Les "+view.Number(float64(len(order)), 0)+" premiers EPCI sur "+view.Number(float64(len(lv.Rows)), 0)+".")
	}
	return c, nil
}

// placesText writes a number of places: "0 lieu", "1 lieu", "12 lieux", "n.d.".
func placesText(n float64) string {
	s := view.Number(n, 0)
	switch {
	case s == view.Missing:
		return s
	case n < 2:
		return s + " lieu"
	}
	return s + " lieux"
}

// upperFirst raises the first letter of a label used at the start of a line.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
