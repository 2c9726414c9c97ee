package html

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
)

func writeFixture(t *testing.T, opt Options) []byte {
	t.Helper()
	if opt.Contours == nil {
		c, err := ParseContours("fixture.geojson", fixture.Contours())
		if err != nil {
			t.Fatal(err)
		}
		opt.Contours = c
	}
	var b bytes.Buffer
	if err := Write(&b, fixture.Result(), opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEscaping checks that names from the inputs (a commune named <script>…, an
// EPCI holding <b>, a file named with & and <) never become markup: the parsed page
// holds only the elements the template writes, and the names as text.
func TestEscaping(t *testing.T) {
	page := writeFixture(t, Options{})
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	var text strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "b", "img", "iframe", "object":
				t.Errorf("element <%s> in the page: a name was parsed as HTML", n.Data)
			case "script":
				typ, src := "", ""
				for _, a := range n.Attr {
					switch a.Key {
					case "type":
						typ = a.Val
					case "src":
						src = a.Val
					}
				}
				scripts = append(scripts, typ+" "+src)
				return
			}
		}
		if n.Type == xhtml.TextNode {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	// 9 chart options, the radar's choices, 2 outline collections, ECharts, the page script.
	want := strings.Repeat("application/json \n", 12) + " " + CDNURL + "\n \n"
	if got := strings.Join(scripts, "\n") + "\n"; got != want {
		t.Errorf("script elements:\n%s\nwant:\n%s", got, want)
	}
	for _, name := range []string{fixture.HostileCommune, fixture.HostileEPCI, "data/arcep & <débit>.csv"} {
		if !strings.Contains(text.String(), name) {
			t.Errorf("%q does not show as text", name)
		}
	}
	// In the JSON the page script reads, "<" is escaped: no name can close a script.
	if bytes.Contains(page, []byte(`alert("commune")</script>`)) || bytes.Contains(page, []byte("<b>")) {
		t.Error("a raw name reached the page")
	}
	if !bytes.Contains(page, []byte(`\u003cscript\u003ealert(\"commune\")\u003c/script\u003e`)) {
		t.Error("the hostile name is not in the chart data as escaped JSON")
	}
	// A place's name reaches the maps' points and their tooltips the same way.
	if bytes.Contains(page, []byte(`alert("lieu")</script>`)) || !bytes.Contains(page, []byte(`\u003cscript\u003ealert(\"lieu\")\u003c/script\u003e`)) {
		t.Error("the hostile place name is not in the map data as escaped JSON")
	}
}

// TestNoNaN checks that missing values reach the charts as "-" (ECharts leaves a
// gap) or are left out, never as NaN or a number.
func TestNoNaN(t *testing.T) {
	p, _ := fixturePage(t)
	found := false
	for _, s := range p.Sections {
		for _, c := range s.Charts {
			data := [][]byte{c.Option}
			for _, ch := range c.Choices {
				data = append(data, ch.Patch)
				if c.ID == "chart-profil" && bytes.Contains(ch.Patch, []byte(`"-"`)) {
					found = true
				}
			}
			for _, d := range data {
				for _, bad := range []string{"NaN", "Infinity", "null"} {
					if i := bytes.Index(d, []byte(bad)); i >= 0 {
						t.Errorf("%s holds %s: …%s…", c.ID, bad, d[max(0, i-80):min(len(d), i+40)])
					}
				}
			}
		}
	}
	if !found {
		t.Error(`the radar of a territory with a missing value holds no "-"`)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := writeFixture(t, Options{}), writeFixture(t, Options{})
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same Result differ")
	}
}

// TestECharts checks where the page gets ECharts from: inlined, beside it, or the CDN
// with its integrity hash.
func TestECharts(t *testing.T) {
	js := []byte(`/* echarts */ var echarts = {registerMap: function () {}};`)
	inline := writeFixture(t, Options{EChartsJS: js})
	if !bytes.Contains(inline, []byte("<script>"+string(js)+"</script>")) || bytes.Contains(inline, []byte(CDNURL)) {
		t.Error("ECharts is not inlined")
	}
	beside := writeFixture(t, Options{EChartsSrc: "echarts.min.js"})
	if !bytes.Contains(beside, []byte(`<script src="echarts.min.js"></script>`)) {
		t.Error("ECharts is not loaded from beside the page")
	}
	cdn := writeFixture(t, Options{})
	if got := scriptAttrs(t, cdn); got != CDNURL+" "+CDNIntegrity+" anonymous" {
		t.Errorf("ECharts is not loaded from the CDN with its integrity: %q", got)
	}
	for _, tc := range []struct {
		js         string
		ok, inline bool
	}{
		{"var echarts; registerMap", true, true},
		{"var echarts; registerMap; s = '</script>'", true, false},
		{"var echarts; registerMap; s = '<!--'", true, false},
		{"console.log('hello')", false, true},
	} {
		if got := CheckECharts([]byte(tc.js)) == nil; got != tc.ok {
			t.Errorf("CheckECharts(%q) ok = %v", tc.js, got)
		}
		if got := Inlinable([]byte(tc.js)); got != tc.inline {
			t.Errorf("Inlinable(%q) = %v", tc.js, got)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, fixture.Result(), Options{EChartsJS: []byte("var x = '</SCRIPT>'; echarts registerMap")}); err == nil {
		t.Error("a script that cannot be inlined was inlined")
	}
}

// TestWithoutOptional checks the page of a Result with no scores, no members and no
// contours: the charts that need them are left out, the rest is there.
func TestWithoutOptional(t *testing.T) {
	res := fixture.Result()
	for i := range res.Levels {
		res.Levels[i].Members = nil
		res.Levels[i].Ranks = nil
	}
	p, err := build(res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range p.Sections {
		for _, c := range s.Charts {
			ids = append(ids, c.ID)
		}
	}
	if got := strings.Join(ids, ","); got != "chart-classement-epci,chart-profil,chart-besoin-offre-epci,chart-besoin-offre-commune,chart-leviers-epci" {
		t.Errorf("charts = %s", got)
	}
	for i := range res.Levels {
		res.Levels[i].Scores = nil
	}
	var b bytes.Buffer
	if err := Write(&b, res, Options{}); err != nil {
		t.Fatal(err)
	}
	// Without scores, only the places per lever, which need none, are drawn.
	if n := bytes.Count(b.Bytes(), []byte(`class="chart"`)); n != 1 || !bytes.Contains(b.Bytes(), []byte(`id="chart-leviers-epci"`)) {
		t.Errorf("%d charts drawn without scores", n)
	}
	res.Offer = nil
	for i := range res.Levels {
		res.Levels[i].OfferRows, res.Levels[i].Quadrants, res.Levels[i].Priorities = nil, nil, nil
	}
	b.Reset()
	if err := Write(&b, res, Options{}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte(`class="chart"`)) || bytes.Contains(b.Bytes(), []byte(`id="offre"`)) {
		t.Error("charts or an offer section without scores nor places")
	}
}

// scriptAttrs returns the src, integrity and crossorigin of the page's script
// element that has a src.
func scriptAttrs(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "script" {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			if attrs["src"] != "" {
				out = attrs["src"] + " " + attrs["integrity"] + " " + attrs["crossorigin"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestOtherMethod checks the page of a method whose scores are not measured against
// France: no reference lines, no made-up France score, and still a page.
func TestOtherMethod(t *testing.T) {
	res := fixture.Result()
	for i := range res.Levels {
		if s := res.Levels[i].Scores; s != nil {
			s.Params.Normalisation = "min-max"
		}
	}
	p, err := build(res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Sections {
		for _, c := range s.Charts {
			if strings.HasPrefix(c.ID, "chart-besoin-offre-") {
				// France's offer stays a threshold; its score does not.
				var o struct {
					Series []struct {
						MarkLine *struct{ Data []map[string]any } `json:"markLine"`
						MarkArea any                              `json:"markArea"`
					} `json:"series"`
				}
				if err := json.Unmarshal(c.Option, &o); err != nil {
					t.Fatal(err)
				}
				var axes []string
				for _, s := range o.Series {
					if s.MarkArea != nil {
						t.Errorf("%s shades a quadrant the scores do not support", c.ID)
					}
					if s.MarkLine != nil {
						for _, d := range s.MarkLine.Data {
							for k := range d {
								if strings.HasSuffix(k, "Axis") {
									axes = append(axes, k)
								}
							}
						}
					}
				}
				if strings.Join(axes, ",") != "xAxis" {
					t.Errorf("%s: thresholds on %q, want the offer's only (xAxis)", c.ID, axes)
				}
				continue
			}
			if bytes.Contains(c.Option, []byte("markLine")) || bytes.Contains(c.Option, []byte("France")) {
				t.Errorf("%s draws references the scores do not support", c.ID)
			}
		}
	}
}
