package compare

import (
	"bytes"
	"math"
	"strings"
	"testing"

	reporthtml "github.com/diagnum/diagnum/diagnostic/report/html"
	"github.com/xuri/excelize/v2"
)

// TestXLSX reads evolution.xlsx back: one sheet, French headers, codes as text,
// numbers as numbers, the header frozen, EPCI first; two writes give the same bytes.
func TestXLSX(t *testing.T) {
	c := fixtureComparison(t)
	var a, b bytes.Buffer
	if err := writeXLSX(&a, c); err != nil {
		t.Fatal(err)
	}
	if err := writeXLSX(&b, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same comparison differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != evolutionSheet {
		t.Fatalf("sheets %q, want [%s]", got, evolutionSheet)
	}
	rows, err := f.GetRows(evolutionSheet)
	if err != nil {
		t.Fatal(err)
	}
	if rows[3][0] != "EPCI" {
		t.Errorf("first block %q, want EPCI", rows[3][0])
	}
	h := strings.Join(rows[4], "|")
	for _, want := range []string{"Code|Libellé|Statut|Population — ancien|Population — nouveau|Population — évolution|Population — évolution (%)|",
		"Taux de chômage des 15-64 ans — évolution (points)", "Score global — ancien", "Classe — Score global — nouveau", "Rang — évolution", "|Alertes"} {
		if !strings.Contains(h, want) {
			t.Errorf("header %q lacks %q", h, want)
		}
	}
	var blocks []string
	for _, r := range rows {
		if len(r) == 1 && (r[0] == "EPCI" || r[0] == "Départements" || r[0] == "Communes") {
			blocks = append(blocks, r[0])
		}
	}
	if strings.Join(blocks, ",") != "EPCI,Départements,Communes" {
		t.Errorf("blocks %q", blocks)
	}
	// The first EPCI row: code as text, population as a number.
	if typ, _ := f.GetCellType(evolutionSheet, "A6"); typ == excelize.CellTypeNumber {
		t.Error("A6: a code is written as a number")
	}
	if v, _ := f.GetCellValue(evolutionSheet, "A6"); v != "200040350" {
		t.Errorf("A6 = %q", v)
	}
	if v, _ := f.GetCellValue(evolutionSheet, "D6", excelize.Options{RawCellValue: true}); v != "33000" {
		t.Errorf("D6 = %q, want the raw number 33000", v)
	}
	if typ, _ := f.GetCellType(evolutionSheet, "D6"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("D6 has type %v, want a number", typ)
	}
	p, err := f.GetPanes(evolutionSheet)
	if err != nil || !p.Freeze || p.YSplit != 5 || p.XSplit != 2 {
		t.Errorf("panes %+v, %v: want the header and the codes frozen", p, err)
	}
}

// TestHTML checks the page: a name from an input is escaped, chart IDs are stable,
// no NaN reaches a chart, and what differed between the runs is said.
func TestHTML(t *testing.T) {
	c := fixtureComparison(t)
	for i := range c.Levels {
		if c.Levels[i].ID == "epci" {
			c.Levels[i].Rows[0].Name = "<script>alert(1)</script>"
		}
	}
	var buf bytes.Buffer
	if err := writeHTML(&buf, c, nil); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "<script>alert(1)") {
		t.Error("a territory's name reaches the page unescaped")
	}
	if !strings.Contains(page, `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Error("the escaped name is not in the chart's data")
	}
	for _, want := range []string{`id="evo-epci-taux-chomage-15-64"`, `id="evo-epci-score-global"`, `id="evo-commune-population"`,
		"Ce qui diffère entre les deux diagnostics", "référence non figée", `lang="fr"`, reporthtml.CDNURL} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, "NaN") {
		t.Error("NaN in the page")
	}
	if strings.Index(page, `id="niveau-epci"`) > strings.Index(page, `id="niveau-commune"`) {
		t.Error("communes come before EPCI")
	}
}

func TestFrenchNumber(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		dec    int
		signed bool
		want   string
	}{
		{1086, 0, true, "+1\u202f086"}, {-0.8, 1, true, "−0,8"}, {0, 1, true, "0,0"}, {-0.01, 1, true, "0,0"},
		{1234567.25, 2, false, "1\u202f234\u202f567,25"}, {math.NaN(), 1, true, "n.d."},
	} {
		if got := frenchNumber(tc.v, tc.dec, tc.signed); got != tc.want {
			t.Errorf("frenchNumber(%v, %d, %v) = %q, want %q", tc.v, tc.dec, tc.signed, got, tc.want)
		}
	}
}
