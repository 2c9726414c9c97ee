// Package html writes rapport.html: the diagnostic as one page, in French, that an
// elected official can read on a laptop or print — a summary and key figures, charts
// (ECharts, options built with go-echarts), maps when contours are given, the method
// and the sources. It formats a diagnostic.Result; it computes nothing.
//
// The page is deterministic (stable chart IDs, no clock) and escapes every name
// coming from an input: text goes through html/template, chart options through JSON
// (which escapes "<") and the tooltips through the page script's own escaping.
package html

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
)

// Options are what the page needs beyond the Result.
type Options struct {
	// Contours are the outlines drawn as maps; nil or empty: no map.
	Contours *Contours
	// EChartsJS is a local copy of ECharts 5 (dist/echarts.min.js of the npm package
	// echarts), inlined so the page works offline; nil: the page loads ECharts from
	// its CDN, or from EChartsSrc.
	EChartsJS []byte
	// EChartsSrc, when set, is the address the page loads ECharts from instead (a file
	// written beside it, when EChartsJS cannot be inlined).
	EChartsSrc string
}

// Inlinable reports whether a script can be inlined in a <script> element: it must
// not hold a sequence the HTML parser would take for the element's end.
func Inlinable(js []byte) bool {
	low := bytes.ToLower(js)
	return !bytes.Contains(low, []byte("</script")) && !bytes.Contains(low, []byte("<!--"))
}

// CheckECharts rejects a file given as ECharts that cannot be it, before anything is
// written: the page would otherwise show no chart, silently.
func CheckECharts(js []byte) error {
	if !bytes.Contains(js, []byte("echarts")) || !bytes.Contains(js, []byte("registerMap")) {
		return errors.New("the ECharts file does not look like ECharts (want dist/echarts.min.js of the npm package echarts 5)")
	}
	return nil
}

//go:embed page.tmpl
var pageTemplate string

//go:embed page.css
var pageCSS string

//go:embed page.js
var pageJS string

var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	// index0 is list[i], or the zero value when i is out of range.
	"index0": func(list []bool, i int) bool { return i < len(list) && list[i] },
}).Parse(pageTemplate))

// page is what the template shows.
type page struct {
	Title     string
	Territory string
	Lead      []string
	Meta      string
	Key       table
	Missing   []string
	Sections  []section
	Method    methodView
	Sources   table
	Anomalies table
	Geo       []geoData
	// ECharts: inlined (Script), or loaded from Src with Integrity.
	Script     template.JS
	Src        string
	Integrity  string
	PageScript template.JS
	Style      template.CSS
}

// section is a part of the page: charts and tables under one heading.
type section struct {
	ID, Title string
	Intro     string
	Charts    []*chart
	Tables    []*table
}

type methodView struct {
	Approach, Name, Description string
	Params                      []view.Param
	Tables                      []table
}

// Write writes rapport.html for res.
func Write(w io.Writer, res *diagnostic.Result, opt Options) error {
	p, err := build(res, opt)
	if err != nil {
		return err
	}
	return tmpl.Execute(w, p)
}

func build(res *diagnostic.Result, opt Options) (*page, error) {
	names := territoryNames(res)
	p := &page{
		Title:     "Diagnostic territorial de l'inclusion numérique — " + names,
		Territory: names,
		Lead:      lead(res),
		Meta:      meta(res),
		Key:       keyTable(res),
		Sources:   sourceTable(res),
		Anomalies: anomalyTable(res),
		Method: methodView{Approach: approach, Name: res.Method.Name, Description: view.MethodDescription(res),
			Params: view.MethodParams(res), Tables: methodTables(res)},
		PageScript: template.JS(pageJS),
		Style:      template.CSS(pageCSS),
	}
	for _, m := range res.Missing {
		p.Missing = append(p.Missing, m.Label)
	}
	switch {
	case len(opt.EChartsJS) > 0:
		if err := CheckECharts(opt.EChartsJS); err != nil {
			return nil, err
		}
		if !Inlinable(opt.EChartsJS) {
			return nil, errors.New("the ECharts file cannot be inlined (it holds </script or <!--): write it beside the page")
		}
		p.Script = template.JS(opt.EChartsJS)
	case opt.EChartsSrc != "":
		p.Src = opt.EChartsSrc
	default:
		p.Src, p.Integrity = CDNURL, CDNIntegrity
	}
	var err error
	if p.Sections, p.Geo, err = sections(res, opt); err != nil {
		return nil, err
	}
	return p, nil
}

// sections lays out the page's charts and tables, leaving out what the Result cannot
// show (no uncertainty analysis, no contours, no offer).
func sections(res *diagnostic.Result, opt Options) ([]section, []geoData, error) {
	var out []section
	var geos []geoData
	var err error
	one := func(f func(*diagnostic.Result) (*chart, error)) *chart {
		if err != nil {
			return nil
		}
		var c *chart
		c, err = f(res)
		return c
	}
	fragility := section{ID: "fragilite", Title: "La fragilité numérique des territoires",
		Intro: "L'indice de fragilité numérique combine des indicateurs sociaux et d'équipement : il repère où une part importante de la population risque d'être éloignée du numérique."}
	fragility.Charts = nonNil(one(rankingChart), one(uncertaintyChart), one(profileChart))
	fragility.Tables = tables(epciTable(res))
	offer := section{ID: "offre", Title: "Besoins et offre de médiation numérique", Intro: offerIntro(res)}
	offer.Charts = nonNil(one(needOfferEPCI), one(needOfferCommunes), one(leverChart))
	offer.Tables = tables(priorityTable(res))
	communes := section{ID: "communes", Title: "Les communes"}
	communes.Charts = nonNil(one(distributionChart))
	communes.Tables = tables(fragileCommunes(res, 15))
	maps := section{ID: "cartes", Title: "Cartes"}
	for _, m := range []struct{ level, id, title string }{
		{"commune", "chart-carte-communes", "Score de fragilité des communes"},
		{"epci", "chart-carte-epci", "Score de fragilité des EPCI"},
	} {
		if err != nil {
			break
		}
		var c *chart
		var g *geoData
		c, g, err = mapChart(res, opt.Contours, m.level, m.id, m.title)
		if c != nil {
			maps.Charts = append(maps.Charts, c)
			geos = append(geos, *g)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	for _, s := range []section{fragility, offer, communes, maps} {
		if len(s.Charts)+len(s.Tables) > 0 {
			out = append(out, s)
		}
	}
	return out, geos, nil
}

func nonNil(cs ...*chart) []*chart {
	var out []*chart
	for _, c := range cs {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

func tables(ts ...*table) []*table {
	var out []*table
	for _, t := range ts {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

// approach explains in French how every figure is obtained.
const approach = "Les indicateurs sont calculés pour chaque commune à partir des fichiers publics listés plus bas, puis pour chaque EPCI, " +
	"le département, la région et la France à partir des effectifs sommés de leurs communes : un taux n'est jamais une moyenne de taux. " +
	"Un indicateur publié sans ses effectifs (revenu médian, taux de pauvreté) est, au-dessus de la commune, une moyenne pondérée par la population " +
	"(approximation signalée dans le classeur). L'indice de fragilité combine les indicateurs en scores par axe et en un score global ; chaque niveau " +
	"est calculé à partir de ses propres indicateurs agrégés, jamais en moyennant des scores de communes."

func territoryNames(res *diagnostic.Result) string {
	var names []string
	for _, t := range res.Territory {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

// meta says in one line what the diagnostic rests on.
func meta(res *diagnostic.Result) string {
	s := "Géographie " + res.Geography.Vintage + " ; données : " + sourcesLine(res)
	if res.Method.Name != "" {
		s += " ; indice : " + res.Method.Name
	}
	return s + "."
}

// lead is the summary's sentences, each read from the Result.
func lead(res *diagnostic.Result) []string {
	var out []string
	var parts []string
	for _, t := range res.Territory {
		parts = append(parts, t.Name+" ("+view.LevelName(t.Level)+" "+t.Code+")")
	}
	s := "Ce diagnostic porte sur " + strings.Join(parts, ", ")
	var counts []string
	for _, id := range []string{"commune", "epci"} {
		if lv := view.Level(res, id); lv != nil {
			counts = append(counts, view.Number(float64(len(lv.Rows)), 0)+" "+map[string]string{"commune": "communes", "epci": "EPCI"}[id])
		}
	}
	if len(counts) > 0 {
		s += " : " + strings.Join(counts, " et ")
	}
	out = append(out, s+".")
	k := view.BuildKeyFigures(res)
	for c, col := range k.Columns {
		if !k.Studied[c] {
			continue
		}
		for _, r := range k.Rows {
			if r.Label == "Score de fragilité global" && !math.IsNaN(r.Values[c]) {
				s := "Score global de fragilité de " + col.Name() + " : " + r.Format(c)
				if ref, ok := view.HundredLevel(res); ok {
					s += " (" + referenceName(res, ref) + " = 100 ; au-dessus de 100, plus fragile)"
				}
				out = append(out, s+".")
			}
		}
	}
	for _, id := range []string{"epci", "commune"} {
		lv := view.Level(res, id)
		if lv == nil || lv.Scores == nil || len(lv.Rows) < 2 {
			continue
		}
		order := view.Ranking(lv)
		top := order[0]
		last := -1
		for _, i := range order {
			if view.Rank(lv, i) > 0 {
				last = i
			}
		}
		if view.Rank(lv, top) == 0 || last < 0 {
			continue
		}
		what := map[string][2]string{"epci": {"EPCI le plus fragile", "le moins fragile"}, "commune": {"Commune la plus fragile", "la moins fragile"}}[id]
		out = append(out, fmt.Sprintf("%s : %s (score %s) ; %s : %s (score %s).", what[0], lv.Rows[top].Name,
			view.Number(view.Score(lv, top, "global"), 1), what[1], lv.Rows[last].Name, view.Number(view.Score(lv, last, "global"), 1)))
	}
	out = append(out, offerLead(res)...)
	if n := len(res.Missing); n > 0 {
		absent := plural(n, "manque dans les données (voir la partie Méthode) : l'indice est calculé sans lui, jamais en le comptant 0.",
			"manquent dans les données (voir la partie Méthode) : l'indice est calculé sans eux, jamais en les comptant 0.")
		out = append(out, plural(len(res.Indicators), "indicateur a pu être calculé", "indicateurs ont pu être calculés")+" ; "+absent)
	}
	return out
}

// Template helpers: the options and choices as JSON for the page script.
func (c *chart) OptionJS() template.JS { return template.JS(c.Option) }

// ChoicesJS returns the choices' data items as a JSON array.
func (c *chart) ChoicesJS() template.JS {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, ch := range c.Choices {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(ch.Patch)
	}
	b.WriteByte(']')
	return template.JS(b.String())
}

// Groups returns the choices by group, in order, for <optgroup>.
func (c *chart) Groups() []choiceGroup {
	var out []choiceGroup
	for i, ch := range c.Choices {
		if len(out) == 0 || out[len(out)-1].Name != ch.Group {
			out = append(out, choiceGroup{Name: ch.Group})
		}
		g := &out[len(out)-1]
		g.Items = append(g.Items, indexedChoice{Index: i, Label: ch.Label, Selected: i == c.Chosen})
	}
	return out
}

type choiceGroup struct {
	Name  string
	Items []indexedChoice
}

type indexedChoice struct {
	Index    int
	Label    string
	Selected bool
}

// JS returns the outline collection as JSON for the page script.
func (g geoData) JS() template.JS { return template.JS(g.JSON) }
