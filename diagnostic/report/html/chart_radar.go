package html

import (
	"math"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite"
)

// maxChoices bounds the territories offered in a list: beyond, communes are left out
// (the page would weigh megabytes).
const maxChoices = 1500

// spoke is one axis of the radar: a score of the index, or an indicator's normalised
// value when the index has fewer than three axes (a radar needs three).
type spoke struct {
	id, name string
	score    bool
}

// radarSpokes chooses the radar's spokes from a scored level.
func radarSpokes(lv *diagnostic.Level) []spoke {
	var out []spoke
	for _, a := range view.Axes(lv) {
		out = append(out, spoke{id: a.ID, name: a.Name, score: true})
	}
	if len(out) >= 3 {
		return out
	}
	out = nil
	for _, ind := range lv.Scores.Indicators {
		out = append(out, spoke{id: ind.ID, name: ind.Name})
	}
	return out
}

// profileChart draws a territory's fragility profile against its département and the
// reference: by default the studied EPCI or commune, else the most fragile EPCI; a
// list offers every EPCI and commune.
func profileChart(res *diagnostic.Result) (*chart, error) {
	epci, communes := view.Level(res, "epci"), view.Level(res, "commune")
	base := epci
	if base == nil || base.Scores == nil {
		base = communes
	}
	if base == nil || base.Scores == nil || len(base.Rows) == 0 {
		return nil, nil
	}
	spokes := radarSpokes(base)
	if len(spokes) < 3 {
		return nil, nil
	}
	// The territories to compare with: each département row, and the reference.
	var fixed []any
	var refNames []string
	if _, ok := view.HundredLevel(res); ok {
		for _, r := range view.References(res, base) {
			values := make([]any, len(spokes))
			known := false
			for j, s := range spokes {
				v := view.RefPoint(res, r, s.id)
				if s.score {
					v = view.RefScore(res, r, s.id)
				}
				values[j] = value(v)
				known = known || !math.IsNaN(v)
			}
			if !known {
				continue
			}
			colour := colourDepartement
			if r.Level.Reference {
				colour = colourFrance
			}
			refNames = append(refNames, r.Label())
			fixed = append(fixed, toAny(map[string]any{"name": r.Label(), "value": values,
				"lineStyle": map[string]any{"color": colour, "type": "dashed", "width": 2},
				"itemStyle": map[string]any{"color": colour}, "tip": profileTip(r.Label(), spokes, values)}))
		}
	}
	var choices []choice
	first := -1
	add := func(group string, lv *diagnostic.Level, i int) error {
		if lv == nil || lv.Scores == nil {
			return nil
		}
		row := lv.Rows[i]
		values := make([]any, len(spokes))
		for j, s := range spokes {
			if s.score {
				values[j] = value(view.Score(lv, i, s.id))
			} else {
				values[j] = value(view.Point(lv, i, s.id))
			}
		}
		label := row.Name + " (" + view.LevelName(lv.ID) + " " + row.Code + ")"
		// Only the territory's own item: the page adds the fixed references after it.
		data, err := encode(map[string]any{"name": label, "value": values, "tip": profileTip(label, spokes, values)})
		if err != nil {
			return err
		}
		choices = append(choices, choice{Group: group, Label: row.Name + " (" + row.Code + ")", Patch: data})
		return nil
	}
	chosen, chosenLevel := defaultProfile(res, epci, communes)
	for _, g := range []struct {
		name string
		lv   *diagnostic.Level
	}{{"EPCI", epci}, {"Communes", communes}} {
		if g.lv == nil || g.lv.Scores == nil || len(radarSpokesOf(g.lv, spokes)) != len(spokes) ||
			(g.lv.ID == "commune" && len(g.lv.Rows) > maxChoices) {
			continue
		}
		for _, i := range sortedByName(g.lv) {
			if g.lv == chosenLevel && i == chosen {
				first = len(choices)
			}
			if err := add(g.name, g.lv, i); err != nil {
				return nil, err
			}
		}
	}
	if first < 0 || len(choices) == 0 {
		return nil, nil
	}
	var indicators []*opts.Indicator
	for _, s := range spokes {
		indicators = append(indicators, &opts.Indicator{Name: wrapLabel(s.name, 28)})
	}
	radar := charts.NewRadar()
	radar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fmtTip}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: indicators, Shape: "polygon", SplitNumber: 4,
			Center: []string{"50%", "50%"}, AxisName: &opts.AxisName{Color: "#333", FontSize: 12}}),
	)
	radar.AddSeries("Profil", nil)
	m, err := optionOf(radar)
	if err != nil {
		return nil, err
	}
	var item map[string]any
	if err := decodeInto(choices[first].Patch, &item); err != nil {
		return nil, err
	}
	s0 := series(m, 0)
	s0["data"] = append([]any{item}, fixed...)
	// The chosen territory's style is the series' own, so a new choice keeps it.
	s0["lineStyle"] = map[string]any{"color": colourTerritory, "width": 3}
	s0["itemStyle"] = map[string]any{"color": colourTerritory}
	s0["areaStyle"] = map[string]any{"color": "rgba(192,57,43,0.15)"}
	legend := []any{item["name"]}
	for _, n := range refNames {
		legend = append(legend, n)
	}
	m["legend"].(map[string]any)["data"] = legend
	m["radar"].(map[string]any)["radius"] = "62%"
	opt, err := encode(m)
	if err != nil {
		return nil, err
	}
	what := "un axe de l'indice (son score)"
	if !spokes[0].score {
		what = "un indicateur de l'indice, normalisé (l'indice n'a que " + plural(len(view.Axes(base)), "axe calculable", "axes calculables") + ")"
	}
	caption := []string{"Chaque branche est " + what + " ; plus le point est loin du centre, plus le territoire est fragile sur ce point."}
	if ref, ok := view.HundredLevel(res); ok {
		caption = append(caption, "100 = "+referenceName(res, ref)+" (en vert) ; le département en bleu.")
	}
	caption = append(caption, "Sources : "+sourcesLine(res)+".")
	return &chart{ID: "chart-profil", Title: "Profil de fragilité d'un territoire", Height: 520, Option: opt,
		Caption: caption, Choices: choices, Chosen: first, ChoiceLabel: "Territoire :"}, nil
}

// radarSpokesOf returns the spokes lv can draw (all of them when scored by the same method).
func radarSpokesOf(lv *diagnostic.Level, spokes []spoke) []spoke {
	var out []spoke
	for _, s := range spokes {
		if (s.score && view.ScoreIndex(lv, s.id) >= 0) || (!s.score && slices.ContainsFunc(lv.Scores.Indicators, func(ind composite.Indicator) bool { return ind.ID == s.id })) {
			out = append(out, s)
		}
	}
	return out
}

// defaultProfile picks the territory drawn at load: the studied EPCI or commune if
// the territory is one, else the most fragile EPCI.
func defaultProfile(res *diagnostic.Result, epci, communes *diagnostic.Level) (int, *diagnostic.Level) {
	for _, t := range res.Territory {
		for _, lv := range []*diagnostic.Level{epci, communes} {
			if lv != nil && lv.ID == t.Level && lv.Scores != nil {
				for i, row := range lv.Rows {
					if row.Code == t.Code {
						return i, lv
					}
				}
			}
		}
	}
	for _, lv := range []*diagnostic.Level{epci, communes} {
		if lv != nil && lv.Scores != nil && len(lv.Rows) > 0 {
			return view.Ranking(lv)[0], lv
		}
	}
	return -1, nil
}

// sortedByName lists the rows of lv in alphabetical order, for the choice list.
func sortedByName(lv *diagnostic.Level) []int {
	idx := make([]int, len(lv.Rows))
	for i := range idx {
		idx[i] = i
	}
	order := nameOrder()
	slices.SortStableFunc(idx, func(a, b int) int { return order(lv.Rows[a].Name, lv.Rows[b].Name) })
	return idx
}

// profileTip lists a territory's values on each spoke.
func profileTip(label string, spokes []spoke, values []any) []string {
	tip := []string{label}
	for j, s := range spokes {
		v, _ := values[j].(float64)
		text := view.Missing
		if values[j] != missing {
			text = view.Number(v, 1)
		}
		tip = append(tip, s.name+" : "+text)
	}
	return tip
}
