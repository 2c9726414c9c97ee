package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	reporthtml "github.com/diagnum/diagnum/diagnostic/report/html"
)

// HTMLName is the page of the evolutions, for people.
const HTMLName = "evolution.html"

// moversShown is how many territories a chart of the largest movers shows.
const moversShown = 10

type htmlPage struct {
	Old, New       htmlRun
	Reference      string
	References     []ReferenceStatus
	Differences    []Difference
	Levels         []htmlLevel
	Src, Integrity string
	// Inline is a local copy of ECharts written into the page, so it works offline.
	Inline          template.JS
	ChangeExplained string
}

type htmlRun struct{ Dir, Vintage string }

type htmlLevel struct {
	ID, Label string
	Counts    string
	Charts    []htmlChart
}

type htmlChart struct {
	ID, Title, Caption string
	Height             int
	Empty              bool
	Option             template.JS // JSON: json.Marshal escapes <, > and &
}

// writeHTML writes evolution.html: what differs between the runs, whether the
// reference was frozen, then per level (EPCI, départements, communes) one bar chart
// of the largest movers of each indicator and score.
func writeHTML(w io.Writer, c *Comparison, echartsJS []byte) error {
	if len(echartsJS) > 0 {
		if err := reporthtml.CheckECharts(echartsJS); err != nil {
			return err
		}
	}
	if bytes.Contains(bytes.ToLower(echartsJS), []byte("</script")) {
		return fmt.Errorf("the ECharts file holds \"</script\": it cannot be inlined in the page")
	}
	p := htmlPage{
		Old:         htmlRun{c.Old.Dir, c.Old.Resume.Geography.Vintage},
		New:         htmlRun{c.New.Dir, c.New.Resume.Geography.Vintage},
		Reference:   referenceNote(c),
		References:  c.References,
		Differences: c.Differences,
		Src:         reporthtml.CDNURL,
		Integrity:   reporthtml.CDNIntegrity,
		Inline:      template.JS(echartsJS),
	}
	for _, lv := range peopleOrder(c.Levels) {
		if lv.ID != "epci" && lv.ID != "departement" && lv.ID != "commune" {
			continue
		}
		hl := htmlLevel{ID: lv.ID, Label: lv.Label, Counts: statusCounts(lv)}
		for _, col := range lv.Columns {
			if col.Kind != Quantity {
				continue
			}
			ch, err := moversChart(c, lv, col)
			if err != nil {
				return fmt.Errorf("%s, %s: %w", lv.ID, col.ID, err)
			}
			hl.Charts = append(hl.Charts, ch)
		}
		p.Levels = append(p.Levels, hl)
	}
	return pageTemplate.Execute(w, p)
}

// statusCounts says in French how the level's territories were matched.
func statusCounts(lv *Level) string {
	counts := map[Status]int{}
	for _, r := range lv.Rows {
		counts[r.Status]++
	}
	var parts []string
	for _, s := range []Status{Matched, Recoded, Merged, OnlyOld, OnlyNew, NotHarmonised} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], statusLabel(s)))
		}
	}
	noun := "territoires"
	if len(lv.Rows) == 1 {
		noun = "territoire"
	}
	return fmt.Sprintf("%d %s : %s.", len(lv.Rows), noun, strings.Join(parts, ", "))
}

// moversChart is the horizontal bars of the largest changes of one column: in points
// for a rate in %, in the column's unit otherwise, the relative change in the label.
func moversChart(c *Comparison, lv *Level, col Column) (htmlChart, error) {
	info := c.describeColumn(lv.ID, col)
	i := lv.Column(col.ID)
	movers := lv.Movers(col.ID, moversShown)
	unit := info.Unit
	if unit == "%" {
		unit = "pt"
	}
	ch := htmlChart{
		ID:     "evo-" + lv.ID + "-" + strings.ReplaceAll(col.ID, "_", "-"),
		Title:  info.Label,
		Height: 60 + 30*len(movers),
	}
	ch.Caption = fmt.Sprintf("Les %d plus fortes évolutions (nouveau − ancien", len(movers))
	if len(movers) == 1 {
		ch.Caption = "La seule évolution mesurable (nouveau − ancien"
	}
	if unit != "" {
		ch.Caption += ", en " + unit
	}
	ch.Caption += ") ; les territoires sans valeur dans l'un des runs n'y figurent pas."
	if len(movers) == 0 {
		ch.Empty = true
		ch.Caption = "Aucune évolution mesurable : la valeur manque dans l'un des runs pour tous les territoires."
		return ch, nil
	}
	dec := decimals(col, info.Unit)
	var names []string
	var data []any
	for _, r := range movers {
		v := r.Change(i)
		label := frenchNumber(v, dec, true)
		if unit != "" {
			label += "\u00a0" + unit
		}
		if rel := r.RelativeChange(i); info.Unit != "%" && !math.IsNaN(rel) && !math.IsInf(rel, 0) {
			label += " (" + frenchNumber(rel, 1, true) + "\u00a0%)"
		}
		names = append(names, r.Name+" ("+r.Code+")")
		colour := "#c0504d" // up
		if v < 0 {
			colour = "#4f81bd"
		}
		data = append(data, map[string]any{
			"value":     chartValue(v),
			"itemStyle": map[string]any{"color": colour},
			"label":     map[string]any{"formatter": escapeFormatter(label)},
		})
	}
	option := map[string]any{
		"animation": false,
		"grid":      map[string]any{"left": "1%", "right": "18%", "top": 10, "bottom": 30, "containLabel": true},
		"tooltip":   map[string]any{"trigger": "item"},
		"xAxis":     map[string]any{"type": "value", "name": unit},
		"yAxis": map[string]any{"type": "category", "data": names, "inverse": true,
			"axisLabel": map[string]any{"interval": 0}},
		"series": []any{map[string]any{"type": "bar", "name": info.Label, "data": data,
			"label": map[string]any{"show": true, "position": "right"}}},
	}
	b, err := json.Marshal(option)
	if err != nil {
		return ch, err
	}
	ch.Option = template.JS(b)
	return ch, nil
}

// chartValue is v for a chart, or "-", which ECharts draws as missing: no NaN may
// reach a chart.
func chartValue(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return v
}

// escapeFormatter keeps a label text literal in an ECharts formatter template.
func escapeFormatter(s string) string {
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Évolution du diagnostic territorial de l'inclusion numérique</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{color:#1f4e79;border-bottom:1px solid #ccc;margin-top:2.5rem}h3{font-size:1.05rem;margin-bottom:.2rem}
.caption,.note{color:#595959;font-size:.9rem}.chart{width:100%}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
</style>
</head>
<body>
<h1>Évolution du diagnostic territorial de l'inclusion numérique</h1>
<p>Ancien diagnostic : <code>{{.Old.Dir}}</code> ({{.Old.Vintage}}) ; nouveau : <code>{{.New.Dir}}</code> ({{.New.Vintage}}).</p>
<section id="differences">
<h2>Ce qui diffère entre les deux diagnostics</h2>
<p><strong>{{.Reference}}</strong></p>
{{- if .References}}
<ul>{{range .References}}
<li>{{.Level}} : {{if .Frozen}}référence figée{{else}}référence non figée{{end}} ({{.Normalisation}}{{if .Reference}}, {{.Reference}}{{end}}) — {{.Message}}</li>{{end}}
</ul>
{{- end}}
{{- if .Differences}}
<table>
<thead><tr><th>Différence</th><th>Niveau</th><th>Objet</th><th>Ancien</th><th>Nouveau</th><th>Portée</th></tr></thead>
<tbody>{{range .Differences}}
<tr><td>{{.Kind}}</td><td>{{.Level}}</td><td>{{.Subject}}</td><td>{{.Old}}</td><td>{{.New}}</td><td>{{.Meaning}}</td></tr>{{end}}
</tbody>
</table>
{{- else}}
<p>Les deux diagnostics ont la même géographie, les mêmes sources et la même méthode.</p>
{{- end}}
</section>
{{- range .Levels}}
<section id="niveau-{{.ID}}">
<h2>{{.Label}} : plus fortes évolutions</h2>
<p class="note">{{.Counts}}</p>
{{- range .Charts}}
<h3>{{.Title}}</h3>
<p class="caption">{{.Caption}}</p>
{{- if not .Empty}}
<div class="chart" id="{{.ID}}" style="height:{{.Height}}px"></div>
<script type="application/json" id="{{.ID}}-option">{{.Option}}</script>
{{- end}}
{{- end}}
</section>
{{- end}}
{{if .Inline}}<script>{{.Inline}}</script>{{else}}<script src="{{.Src}}" integrity="{{.Integrity}}" crossorigin="anonymous"></script>{{end}}
<script>
document.querySelectorAll('div.chart').forEach(function (div) {
  if (typeof echarts === 'undefined') { div.textContent = 'Graphique indisponible : ECharts n\'a pas pu être chargé.'; div.style.height = 'auto'; return; }
  var option = JSON.parse(document.getElementById(div.id + '-option').textContent);
  echarts.init(div, null, { renderer: 'canvas' }).setOption(option);
});
</script>
</body>
</html>
`))
