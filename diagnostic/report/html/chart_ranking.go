package html

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite"
)

// maxBars is the most territories a bar chart shows; beyond, the most fragile ones.
const maxBars = 40

// rankingChart ranks the EPCI by global score, coloured by class, with the
// département and the reference (France) as vertical lines when scores of every level
// share one scale.
func rankingChart(res *diagnostic.Result) (*chart, error) {
	lv := view.Level(res, "epci")
	if lv == nil || lv.Scores == nil || len(lv.Rows) == 0 {
		return nil, nil
	}
	order := view.Ranking(lv)
	shown := order[:min(len(order), maxBars)]
	colours := classColours(view.Classes(lv))
	var names []string
	var items []item
	for _, i := range shown {
		row := lv.Rows[i]
		score := view.Score(lv, i, composite.GlobalID)
		name := row.Name
		if math.IsNaN(score) {
			name += " (n.d.)"
		}
		names = append(names, name)
		colour := noClass
		if c := view.Class(lv, i, composite.GlobalID); c > 0 && c <= len(colours) {
			colour = colours[c-1]
		}
		items = append(items, item{Name: name, Value: value(score), ItemStyle: &opts.ItemStyle{Color: colour},
			Tip: territoryTip(lv, i)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fmtTip}),
		charts.WithGridOpts(opts.Grid{Left: "1%", Right: "8%", Top: "36", Bottom: "30", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "score global", NameLocation: "end",
			AxisLabel: &opts.AxisLabel{Formatter: fmtNumber0}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	bar.AddSeries("Score global", nil,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: fmtLabel1}),
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}))
	bar.MultiSeries[0].Data = items
	m, err := optionOf(bar)
	if err != nil {
		return nil, err
	}
	if lines := referenceLines(res, lv, composite.GlobalID); len(lines) > 0 {
		series(m, 0)["markLine"] = map[string]any{"symbol": []any{"none", "none"}, "silent": true, "data": lines}
	}
	opt, err := encode(m)
	if err != nil {
		return nil, err
	}
	c := &chart{ID: "chart-classement-epci", Title: "Classement des EPCI par score de fragilité",
		Height: 90 + 28*len(shown), Option: opt, Legend: classLegend(lv, composite.GlobalID)}
	c.Caption = append(c.Caption, scoreCaption(res, lv)...)
	if len(order) > len(shown) {
		c.Caption = append(c.Caption, "Les "+view.Number(float64(len(shown)), 0)+" EPCI les plus fragiles sur "+view.Number(float64(len(order)), 0)+".")
	}
	return c, nil
}

// referenceLines are the vertical marks of the département(s) and of the reference
// territory on a score axis, drawn only when scores of every level share one scale.
// Their labels sit above the plot, each on the outer side of its line, so that two
// close lines do not write over each other.
func referenceLines(res *diagnostic.Result, lv *diagnostic.Level, score string) []any {
	if _, ok := view.HundredLevel(res); !ok {
		return nil
	}
	type mark struct {
		label, colour string
		v             float64
	}
	var marks []mark
	for _, r := range view.References(res, lv) {
		v := view.RefScore(res, r, score)
		if math.IsNaN(v) {
			continue
		}
		colour := colourDepartement
		if r.Level.Reference {
			colour = colourFrance
		}
		marks = append(marks, mark{r.Label() + " : " + view.Number(v, 1), colour, v})
	}
	lowest, highest := math.Inf(1), math.Inf(-1)
	for _, m := range marks {
		lowest, highest = math.Min(lowest, m.v), math.Max(highest, m.v)
	}
	var lines []any
	for _, m := range marks {
		align := "center"
		switch {
		case len(marks) > 1 && m.v == lowest:
			align = "right"
		case len(marks) > 1 && m.v == highest:
			align = "left"
		}
		lines = append(lines, toAny(map[string]any{
			"name": m.label, "xAxis": m.v,
			"lineStyle": map[string]any{"color": m.colour, "type": "dashed", "width": 2},
			// With the category axis inverted, the line starts at the top of the plot.
			"label": map[string]any{"formatter": "{b}", "position": "start", "align": align, "color": m.colour, "distance": 6},
		}))
	}
	return lines
}

// territoryTip is the tooltip of a scored territory: name, score, class, rank,
// population.
func territoryTip(lv *diagnostic.Level, i int) []string {
	row := lv.Rows[i]
	tip := []string{row.Name + " (" + row.Code + ")",
		"Score global : " + view.Number(view.Score(lv, i, composite.GlobalID), 1)}
	if c := view.Class(lv, i, composite.GlobalID); c > 0 {
		tip = append(tip, "Classe "+view.Number(float64(c), 0)+" sur "+view.Number(float64(view.Classes(lv)), 0))
	}
	if r := view.Rank(lv, i); r > 0 {
		tip = append(tip, "Rang "+view.Number(float64(r), 0)+" sur "+view.Number(float64(len(lv.Rows)), 0))
	}
	return append(tip, "Population : "+view.Number(row.Population, 0)+" hab.")
}

// classLegend lists the class colours of a score with their limits.
func classLegend(lv *diagnostic.Level, score string) []legendItem {
	k := view.Classes(lv)
	colours := classColours(k)
	var limits []float64
	for _, l := range lv.Scores.Limits {
		if l.Score == score {
			limits = l.Limits
		}
	}
	ranges := view.ClassRanges(limits)
	var out []legendItem
	for c := range k {
		label := "classe " + view.Number(float64(c+1), 0)
		if c < len(ranges) {
			label += " : " + ranges[c]
		}
		out = append(out, legendItem{Colour: colours[c], Label: label})
	}
	return append(out, legendItem{Colour: noClass, Label: "non disponible"})
}

// scoreCaption says how to read a level's scores and where they come from.
func scoreCaption(res *diagnostic.Result, lv *diagnostic.Level) []string {
	s := "Plus le score est élevé, plus le territoire est fragile"
	if ref, ok := view.HundredLevel(res); ok {
		s += " ; 100 = " + referenceName(res, ref) + " (ligne verte), le département en bleu"
	}
	return []string{s + ". Classes de 1 (la moins fragile) à " + view.Number(float64(view.Classes(lv)), 0) + ", " + classMethod(lv) + ".",
		"Indice : " + res.Method.Name + ", calculé sur les indicateurs agrégés de chaque " + view.LevelName(lv.ID) + " (" + sourcesLine(res) + ")."}
}

// classMethod names how the classes were drawn.
func classMethod(lv *diagnostic.Level) string {
	switch lv.Scores.Params.Classification {
	case "jenks":
		return "seuils naturels"
	case "quantile":
		return "quantiles"
	case "equal-width":
		return "intervalles égaux"
	}
	return string(lv.Scores.Params.Classification)
}

// referenceName names the territory the scores are measured against.
func referenceName(res *diagnostic.Result, level string) string {
	if lv := view.Level(res, level); lv != nil && len(lv.Rows) == 1 {
		return lv.Rows[0].Name
	}
	return view.LevelName(level)
}
