package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// CDNURL and CDNIntegrity are the ECharts release a page loads from its CDN when no
// local copy is given (rapport.html here, evolution.html in package compare), pinned
// with its Subresource Integrity hash (that of dist/echarts.min.js in the npm package
// echarts@5.6.0, which the CDN serves unchanged), so a changed file is refused.
const (
	CDNURL       = "https://cdn.jsdelivr.net/npm/echarts@5.6.0/dist/echarts.min.js"
	CDNIntegrity = "sha384-pPi0zxBAoDu6+JXW/C68UZLvBUUtU+7zonhif43rqj7pxsGyqyqzcian2Rj37Rss"
)

// chart is one chart of the page: a stable ID (the same for the same Result, so two
// runs give the same bytes), its title and caption, and its ECharts option as JSON.
type chart struct {
	ID      string
	Title   string
	Caption []string // sources, vintages, how to read it
	Height  int      // pixels on screen
	Option  json.RawMessage
	// Legend lists colours and their meaning under the chart (classes of a score).
	Legend []legendItem
	// Choices offer other territories to draw (the radar): each is the data item
	// that replaces the first one of the first series, the others (the references)
	// staying; Chosen is the one the option draws at load.
	Choices     []choice
	Chosen      int
	ChoiceLabel string
}

type legendItem struct{ Colour, Label string }

type choice struct {
	Group, Label string
	Patch        json.RawMessage // the data item
}

// Formatters are named, not written in JavaScript: the page's script replaces each
// name by its function, so the options stay data (JSON) and can be checked as such.
const (
	fmtNumber0 = "fn:num0" // an axis value, French, no decimal
	fmtNumber1 = "fn:num1" // an axis value, French, one decimal
	fmtLabel1  = "fn:label1"
	fmtTip     = "fn:tip" // a tooltip: the item's "tip" lines, escaped
	fmtBox     = "fn:box" // the tooltip of a box ECharts drew from a boxplot transform
	// fmtCategory names the i-th group of a transform after the i-th category of the
	// chart's category axis, so the boxes land on their EPCI.
	fmtCategory = "fn:category"
)

// missing is how ECharts is told a value is missing: "-" leaves a gap, never a 0.
const missing = "-"

// value is v for a chart, or missing: no NaN may reach a chart.
func value(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return missing
	}
	return v
}

// item is a data item with its tooltip lines, already formatted in French.
type item struct {
	Name      string          `json:"name"`
	Value     any             `json:"value"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
	Tip       []string        `json:"tip,omitempty"`
}

// validated is a go-echarts chart: Validate fills what its options imply, JSON
// returns the option.
type validated interface {
	Validate()
	JSON() map[string]interface{}
}

// optionOf turns a go-echarts chart into a generic option, so that what go-echarts
// does not type (datasets, geoIndex, visualMap pieces by value) can be patched in.
func optionOf(c validated) (map[string]any, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // numbers keep their exact text
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	clean(m)
	return m, nil
}

// clean removes nulls, empty objects and empty lists go-echarts writes for options
// left unset, so that the options say only what was chosen.
func clean(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		for k, x := range v {
			if clean(x) {
				delete(v, k)
			}
		}
		return len(v) == 0
	case []any:
		for _, x := range v {
			clean(x)
		}
		return len(v) == 0
	}
	return false
}

// encode writes an option as JSON. json.Marshal escapes <, > and & in strings, so no
// name from an input can close the script element holding it; a NaN is an error.
func encode(m any) (json.RawMessage, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("chart option: %w", err)
	}
	return b, nil
}

// series returns the i-th series of a generic option.
func series(m map[string]any, i int) map[string]any {
	return m["series"].([]any)[i].(map[string]any)
}

// toAny turns typed data into its generic JSON form.
func toAny(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only this package's own item types reach here, NaN-free by value()
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		panic(err)
	}
	return out
}

// classColours returns k colours from pale yellow (class 1, least fragile) to dark red
// (class k, most fragile), interpolated in RGB so any number of classes gets its ramp.
func classColours(k int) []string {
	from := [3]float64{0xff, 0xf2, 0xb2}
	mid := [3]float64{0xf0, 0x7c, 0x3c}
	to := [3]float64{0x9e, 0x0d, 0x1a}
	out := make([]string, k)
	for c := range k {
		t := 0.5
		if k > 1 {
			t = float64(c) / float64(k-1)
		}
		a, b, u := from, mid, t*2
		if t > 0.5 {
			a, b, u = mid, to, (t-0.5)*2
		}
		var rgb [3]int
		for i := range rgb {
			rgb[i] = int(math.Round(a[i] + (b[i]-a[i])*u))
		}
		out[c] = fmt.Sprintf("#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
	}
	return out
}

// noClass is the colour of a territory without a class (missing score).
const noClass = "#c8c8c8"

// Colours of the reference marks.
const (
	colourDepartement = "#1f4e79"
	colourFrance      = "#2e7d32"
	colourTerritory   = "#c0392b"
)

// wrapLabel breaks a long label into lines of about width characters, for axis names.
func wrapLabel(s string, width int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			lines = append(lines, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}
