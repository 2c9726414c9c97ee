package html

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixturePage builds the page of the fixture with its contours.
func fixturePage(t *testing.T) (*page, *diagnostic.Result) {
	t.Helper()
	res := fixture.Result()
	c, err := ParseContours("fixture.geojson", fixture.Contours())
	if err != nil {
		t.Fatal(err)
	}
	p, err := build(res, Options{Contours: c})
	if err != nil {
		t.Fatal(err)
	}
	return p, res
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./diagnostic/report/html -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (review with -update and git diff):\n%s", name, path, firstDiff(string(got), string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n got  " + a + "\n want " + b
		}
	}
	return ""
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestChartOptionsGolden compares each chart's option (and the choices of the
// radar) with testdata/golden/<chart id>.json: what ECharts is asked to draw, as data.
func TestChartOptionsGolden(t *testing.T) {
	p, _ := fixturePage(t)
	want := []string{"chart-classement-epci", "chart-incertitude-rangs", "chart-profil", "chart-besoin-offre-epci", "chart-besoin-offre-commune",
		"chart-leviers-epci", "chart-distribution-communes", "chart-carte-communes", "chart-carte-epci"}
	var ids []string
	for _, s := range p.Sections {
		for _, c := range s.Charts {
			ids = append(ids, c.ID)
			doc := map[string]any{"title": c.Title, "caption": c.Caption, "height": c.Height, "legend": c.Legend}
			var opt any
			if err := decodeInto(c.Option, &opt); err != nil {
				t.Fatal(err)
			}
			doc["option"] = opt
			var choices []any
			for _, ch := range c.Choices {
				var patch any
				if err := decodeInto(ch.Patch, &patch); err != nil {
					t.Fatal(err)
				}
				choices = append(choices, map[string]any{"group": ch.Group, "label": ch.Label, "item": patch})
			}
			if choices != nil {
				doc["choices"] = choices
			}
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false) // readable in review; escaping is checked in escape_test.go
			enc.SetIndent("", "  ")
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			golden(t, c.ID+".json", b.Bytes())
		}
	}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("charts %q, want %q", ids, want)
	}
}

// TestPageTextGolden compares the page's text — headings, paragraphs, tables,
// captions, as a reader sees them — with testdata/golden/page.txt.
func TestPageTextGolden(t *testing.T) {
	p, _ := fixturePage(t)
	var b bytes.Buffer
	if err := tmpl.Execute(&b, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "page.txt", []byte(visibleText(t, b.Bytes())))
}

// visibleText extracts the page's text, one block per line, table cells separated
// by " | ", leaving out scripts and style.
func visibleText(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	var line strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(line.String()), " "); s != "" {
			out.WriteString(s + "\n")
		}
		line.Reset()
	}
	block := map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "tr": true, "li": true, "caption": true,
		"dt": true, "figcaption": true, "span": true, "div": true, "option": true, "title": true}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == xhtml.TextNode {
			line.WriteString(n.Data)
		}
		if n.Type == xhtml.ElementNode && block[n.Data] {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if n.Type == xhtml.ElementNode && n.Data == "tr" && c.PrevSibling != nil {
				line.WriteString(" | ")
			}
			walk(c)
		}
		if n.Type == xhtml.ElementNode && (block[n.Data] || n.Data == "dd") {
			flush()
		}
	}
	walk(doc)
	flush()
	return out.String()
}
