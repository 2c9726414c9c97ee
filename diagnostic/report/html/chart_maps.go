package html

import (
	"encoding/json"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/composite"
)

// geoData is an outline collection the page registers with ECharts before drawing maps.
type geoData struct {
	Name string
	JSON json.RawMessage
}

// mapChart colours the territories of a level by the class of their global score,
// when contours hold some of them, with the places of mediation as points. The map is
// a geo component so that the points can be drawn over it.
func mapChart(res *diagnostic.Result, contours *Contours, level, id, title string) (*chart, *geoData, error) {
	lv := view.Level(res, level)
	if contours.Len() == 0 || lv == nil || lv.Scores == nil {
		return nil, nil, nil
	}
	codes := make([]string, len(lv.Rows))
	for i, r := range lv.Rows {
		codes[i] = r.Code
	}
	geo, found, files, err := contours.collection(codes)
	if err != nil || geo == nil {
		return nil, nil, err
	}
	mapName := "diagnum-" + level
	k := view.Classes(lv)
	var data []item
	for i, r := range lv.Rows {
		class := any(missing)
		if c := view.Class(lv, i, composite.GlobalID); c > 0 {
			class = c
		}
		data = append(data, item{Name: r.Code, Value: class, Tip: territoryTip(lv, i)})
	}
	var pieces []any
	for _, l := range classLegend(lv, composite.GlobalID)[:k] {
		pieces = append(pieces, map[string]any{"value": len(pieces) + 1, "label": l.Label, "color": l.Colour})
	}
	m := charts.NewMap()
	m.RegisterMapType(mapName)
	m.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fmtTip}),
	)
	m.AddSeries("Classe du score global", nil)
	o, err := optionOf(m)
	if err != nil {
		return nil, nil, err
	}
	o["geo"] = map[string]any{"map": mapName, "nameProperty": "code", "roam": true,
		"itemStyle": map[string]any{"areaColor": noClass, "borderColor": "#ffffff", "borderWidth": 0.6},
		"emphasis":  map[string]any{"label": map[string]any{"show": false}, "itemStyle": map[string]any{"areaColor": "#ffd54f"}},
		"select":    map[string]any{"disabled": true}, "top": 10, "bottom": 10}
	o["visualMap"] = map[string]any{"type": "piecewise", "show": false, "seriesIndex": 0, "pieces": pieces}
	s := series(o, 0)
	delete(s, "map")
	s["geoIndex"] = 0
	s["data"] = toAny(data)
	points, drawn, unlocated := placesSeries(res, mappedCommunes(res, lv))
	if points != nil {
		o["series"] = append(o["series"].([]any), points)
	}
	opt, err := encode(o)
	if err != nil {
		return nil, nil, err
	}
	caption := []string{"Couleur : classe du score global de fragilité (" + classMethod(lv) + ") ; en gris, score non disponible. Indice : " + res.Method.Name + " (" + sourcesLine(res) + ").",
		"Contours : " + strings.Join(files, ", ") + "."}
	if n := len(lv.Rows) - len(found); n > 0 {
		caption = append(caption, plural(n, "territoire du diagnostic n'a pas de contour dans ces fichiers et n'apparaît pas sur la carte",
			"territoires du diagnostic n'ont pas de contour dans ces fichiers et n'apparaissent pas sur la carte")+
			" (code absent : commune fusionnée ou créée depuis la date des contours).")
	}
	legend := classLegend(lv, composite.GlobalID)
	if drawn > 0 {
		legend = append(legend, legendItem{Colour: colourPlace, Label: "lieu de médiation numérique"})
		s := "Points : " + plural(drawn, "lieu de médiation numérique du territoire étudié, placé à ses coordonnées",
			"lieux de médiation numérique du territoire étudié, placés à leurs coordonnées") + " (" + view.OfferSource(res) + ")"
		if unlocated > 0 {
			s += " ; " + plural(unlocated, "lieu sans coordonnées n'est pas placé", "lieux sans coordonnées ne sont pas placés")
		}
		caption = append(caption, s+".")
	}
	return &chart{ID: id, Title: title, Height: 600, Option: opt, Caption: caption, Legend: legend},
		&geoData{Name: mapName, JSON: geo}, nil
}

// mappedCommunes are the communes a map of lv covers, whose places it shows: the
// level's own rows for communes, else the members of its territories (all of them,
// an EPCI spanning two départements included); the studied communes when the
// Result does not give members.
func mappedCommunes(res *diagnostic.Result, lv *diagnostic.Level) map[string]bool {
	out := map[string]bool{}
	if lv.ID != "commune" && len(lv.Members) == len(lv.Rows) {
		for _, members := range lv.Members {
			for _, c := range members {
				out[c] = true
			}
		}
		return out
	}
	if lv.ID != "commune" {
		lv = view.Level(res, "commune")
	}
	if lv != nil {
		for _, r := range lv.Rows {
			out[r.Code] = true
		}
	}
	return out
}
