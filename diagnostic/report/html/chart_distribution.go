package html

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite"
)

// distributionChart shows how the global scores of the communes spread within each
// EPCI: a box per EPCI (quartiles and extremes, drawn by ECharts' own boxplot
// transform from the scores) with every commune as a point. It needs the EPCI's
// members (Level.Members); without them it is left out.
func distributionChart(res *diagnostic.Result) (*chart, error) {
	epci, communes := view.Level(res, "epci"), view.Level(res, "commune")
	parents := view.Parents(res, "epci")
	if epci == nil || communes == nil || communes.Scores == nil || parents == nil {
		return nil, nil
	}
	order := view.Ranking(epci)
	if epci.Scores == nil {
		order = sortedByName(epci)
	}
	order = order[:min(len(order), maxBars)]
	position := map[string]int{}
	var names []string
	for p, i := range order {
		position[epci.Rows[i].Code] = p
		names = append(names, epci.Rows[i].Name)
	}
	groups := make([][]any, len(order))
	var points []item
	missingScores := 0
	for i, row := range communes.Rows {
		p, ok := position[parents[row.Code]]
		if !ok {
			continue
		}
		s := view.Score(communes, i, composite.GlobalID)
		if math.IsNaN(s) {
			missingScores++
			continue
		}
		groups[p] = append(groups[p], s)
		points = append(points, item{Name: row.Name, Value: []any{s, p}, Tip: territoryTip(communes, i)})
	}
	for p := range groups {
		if groups[p] == nil {
			groups[p] = []any{}
		}
	}
	box := charts.NewBoxPlot()
	box.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fmtTip}),
		charts.WithGridOpts(opts.Grid{Left: "1%", Right: "6%", Top: "56", Bottom: "30", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "score global des communes", NameLocation: "end",
			AxisLabel: &opts.AxisLabel{Formatter: fmtNumber0}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	box.AddSeries("Communes de l'EPCI (boîte : quartiles ; traits : minimum et maximum)", nil,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#e8eef6", BorderColor: colourDepartement}))
	m, err := optionOf(box)
	if err != nil {
		return nil, err
	}
	// The groups are the raw scores; ECharts' boxplot transform draws the quartiles.
	m["dataset"] = []any{
		map[string]any{"source": groups},
		map[string]any{"fromDatasetIndex": 0, "transform": map[string]any{"type": "boxplot",
			"config": map[string]any{"boundIQR": "none", "itemNameFormatter": fmtCategory}}},
	}
	s0 := series(m, 0)
	delete(s0, "data")
	s0["datasetIndex"] = 1
	s0["tooltip"] = map[string]any{"formatter": fmtBox}
	scatter := map[string]any{"type": "scatter", "name": "Commune", "data": toAny(points), "symbolSize": 6,
		"itemStyle": map[string]any{"color": colourTerritory, "opacity": 0.55}}
	if lines := referenceLines(res, communes, composite.GlobalID); len(lines) > 0 {
		scatter["markLine"] = map[string]any{"symbol": []any{"none", "none"}, "silent": true, "data": lines}
	}
	m["series"] = append(m["series"].([]any), scatter)
	opt, err := encode(m)
	if err != nil {
		return nil, err
	}
	caption := []string{"Chaque point est une commune ; la boîte va du premier au troisième quartile des scores des communes de l'EPCI, le trait central est la médiane, les moustaches vont du minimum au maximum.",
		"Scores des communes : indice calculé sur les indicateurs de chaque commune (" + sourcesLine(res) + ")."}
	if missingScores > 0 {
		caption = append(caption, plural(missingScores, "commune sans score n'est pas représentée.", "communes sans score ne sont pas représentées."))
	}
	return &chart{ID: "chart-distribution-communes", Title: "Répartition des scores des communes dans chaque EPCI",
		Height: 100 + 34*len(order), Option: opt, Caption: caption}, nil
}
