package html

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite/uncertainty"
)

// uncertaintyChart shows, for each EPCI, its rank and the interval its rank stays in
// over 90 % of the Monte Carlo draws (5th to 95th percentile, with the median), when
// the analysis was run: a box is drawn from the interval's ends, so nothing is computed.
func uncertaintyChart(res *diagnostic.Result) (*chart, error) {
	lv := view.Level(res, "epci")
	if lv == nil || lv.Ranks == nil || lv.Scores == nil {
		return nil, nil
	}
	byCode := map[string]uncertainty.TerritoryRanks{}
	for _, r := range lv.Ranks.Ranks {
		byCode[r.Code] = r
	}
	order := view.Ranking(lv)
	shown := order[:min(len(order), maxBars)]
	var names []string
	var boxes, points []item
	for _, i := range shown {
		row := lv.Rows[i]
		names = append(names, row.Name)
		r, ok := byCode[row.Code]
		tip := []string{row.Name + " (" + row.Code + ")", "Rang : " + rankText(float64(view.Rank(lv, i)), 0)}
		if !ok || r.Draws == 0 {
			boxes = append(boxes, item{Name: row.Name, Value: missing})
			points = append(points, item{Name: row.Name, Value: []any{value(float64(view.Rank(lv, i))), len(points)}, Tip: tip})
			continue
		}
		tip = append(tip, "Rang médian : "+rankText(r.MedianRank, 1),
			"90 % des tirages entre les rangs "+rankText(r.P5, 1)+" et "+rankText(r.P95, 1))
		boxes = append(boxes, item{Name: row.Name, Value: []any{r.P5, r.P5, r.MedianRank, r.P95, r.P95}, Tip: tip})
		points = append(points, item{Name: row.Name, Value: []any{value(float64(view.Rank(lv, i))), len(points)}, Tip: tip})
	}
	box := charts.NewBoxPlot()
	box.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fmtTip}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "1%", Right: "4%", Top: "40", Bottom: "10", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "rang", Min: 1, Max: len(lv.Rows), MinInterval: 1,
			AxisLabel: &opts.AxisLabel{Formatter: fmtNumber0}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	box.AddSeries("Intervalle 5-95 % (trait : rang médian)", nil,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#d6e4f0", BorderColor: colourDepartement}))
	box.MultiSeries[0].Data = boxes
	m, err := optionOf(box)
	if err != nil {
		return nil, err
	}
	m["series"] = append(m["series"].([]any), toAny(map[string]any{
		"type": "scatter", "name": "Rang avec les paramètres choisis", "data": points, "symbolSize": 9,
		"itemStyle": map[string]any{"color": colourTerritory},
	}))
	opt, err := encode(m)
	if err != nil {
		return nil, err
	}
	o := lv.Ranks.Options
	return &chart{ID: "chart-incertitude-rangs", Title: "Solidité du classement des EPCI", Height: 110 + 28*len(shown), Option: opt,
		Caption: []string{
			"Chaque boîte couvre les rangs occupés par l'EPCI dans 90 % de " + view.Number(float64(o.Draws), 0) +
				" calculs de l'indice où les choix de méthode varient (poids ± " + view.Percent(o.WeightSpread*100, 0) +
				", normalisation, agrégation) ; une boîte étroite signale un rang solide, une boîte large un rang qui dépend de ces choix.",
			"Rang 1 = le plus fragile. Détail : feuille Méthode du classeur.",
		}}, nil
}

// rankText writes a rank, missing when 0 or NaN.
func rankText(r float64, decimals int) string {
	if r == 0 {
		return view.Missing
	}
	return view.Number(r, decimals)
}
