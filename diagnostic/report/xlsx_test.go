package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	stdhtml "html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
	"github.com/diagnum/diagnum/diagnostic/report/view"
)

var wantSheets = []string{"Synthèse", "EPCI", "Communes", "Départements", "Lieux", "Anomalies", "Méthode", "Sources"}

// openWorkbook writes testResult and opens its workbook with excelize.
func openWorkbook(t *testing.T) (*excelize.File, string) {
	t.Helper()
	return openXLSX(t, filepath.Join(writeAll(t), xlsxName))
}

func openXLSX(t *testing.T, path string) (*excelize.File, string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, path
}

// writeXLSXFile writes res's workbook alone and returns its path.
func writeXLSXFile(t *testing.T, res *diagnostic.Result) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := Write(res, dir, []string{"xlsx"}); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, xlsxName)
}

func TestXLSXSheetsAndHeaders(t *testing.T) {
	f, _ := openWorkbook(t)
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Fatalf("sheets = %q, want %q", got, wantSheets)
	}
	for _, tc := range []struct{ sheet, cell, want string }{
		{"Synthèse", "A1", "Diagnostic territorial de l'inclusion numérique — Nièvre"},
		{"Communes", "A1", "Code"},
		{"Communes", "B1", "Libellé"},
		{"Communes", "C1", "Population\nCOG 2026"},
		{"Communes", "D1", "Taux de chômage des 15-64 ans (au sens du recensement) (%)\nRP 2018"},
		{"Communes", "E1", "Revenu disponible médian par unité de consommation (€)\nFilosofi 2018"},
		// The département, the région and France on top, then the header again.
		{"Communes", "A2", "58"}, {"Communes", "B2", "Nièvre (département)"},
		{"Communes", "A3", "27"}, {"Communes", "B3", "Bourgogne-Franche-Comté (région)"},
		{"Communes", "A4", "FR"}, {"Communes", "B4", "France"},
		{"Communes", "A5", "Code"},
		{"Communes", "A6", "01001"},
		{"EPCI", "B6", `CA de Nevers, dite "Nevers Agglo"`},
		{"EPCI", "J1", "Score global de fragilité"},
		{"EPCI", "K1", "Classe (score global)"},
		{"EPCI", "L1", "Rang (1 = le plus fragile)"},
		{"Départements", "A2", "27"}, // a département's references are its région and France
		{"Départements", "A4", "Code"},
		{"Méthode", "A1", "Méthode du diagnostic"},
		{"Sources", "A1", "Fichier"},
		{"Sources", "G2", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
		{"Sources", "A4", "géographie intégrée à diagnum"},
		{"Anomalies", "A1", "Gravité"},
		{"Anomalies", "A2", "avertissement"},
		{"Anomalies", "F2", "12"},
		{"Anomalies", "F3", ""}, // no row: no cell
		{"Anomalies", "J2", `code "99999" matches no commune & was dropped (<ignored>)`},
		{"Lieux", "A1", "Identifiant"},
		{"Lieux", "A3", "Aucun lieu de médiation numérique n'a été fourni pour ce diagnostic."},
	} {
		got, err := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true})
		if err != nil || got != tc.want {
			t.Errorf("%s!%s = %q, %v; want %q", tc.sheet, tc.cell, got, err, tc.want)
		}
	}
}

func TestXLSXCells(t *testing.T) {
	f, path := openWorkbook(t)
	cells := sheetCells(t, path, sheetPart(t, f, "Communes"))
	for _, tc := range []struct {
		ref, typ, value string
	}{
		{"A6", "inlineStr", "01001"}, // text: the leading zero stays
		{"A7", "inlineStr", "2A004"},
		{"C6", "", "776"},               // numbers carry no type
		{"D6", "", "9.523809523809524"}, // full precision; the format rounds the display
		{"F7", "", "0"},                 // a real zero is a number
		{"E8", "", "19430.5"},
		{"C4", "", "66732538"}, // France, on top
	} {
		c, ok := cells[tc.ref]
		if !ok {
			t.Errorf("%s: no cell", tc.ref)
			continue
		}
		if c.T != tc.typ || c.value() != tc.value {
			t.Errorf("%s: type %q value %q, want type %q value %q", tc.ref, c.T, c.value(), tc.typ, tc.value)
		}
	}
	for _, ref := range []string{"E7", "F8"} { // missing values
		if c, ok := cells[ref]; ok {
			t.Errorf("%s: missing value written as %+v, want no cell", ref, c)
		}
	}
	for _, c := range cells {
		if strings.Contains(c.value(), "NaN") || strings.Contains(c.value(), "Inf") {
			t.Errorf("%s holds %q", c.R, c.value())
		}
	}
	// What a reader sees, through excelize's rendering of the number formats.
	for _, tc := range []struct{ sheet, cell, want string }{
		{"Communes", "D6", "9.5 %"},
		{"Communes", "E6", "22,090 €"},
		{"Communes", "C4", "66,732,538"},
		{"EPCI", "J6", "104.3"},
	} {
		if v, err := f.GetCellValue(tc.sheet, tc.cell); err != nil || v != tc.want {
			t.Errorf("%s!%s displays %q, %v; want %q", tc.sheet, tc.cell, v, err, tc.want)
		}
	}
}

// TestXLSXFormats checks the number formats: thousands, percentages (values are already
// in percent), euros, scores to a tenth, classes and ranks whole; all French.
func TestXLSXFormats(t *testing.T) {
	f, _ := openWorkbook(t)
	for _, tc := range []struct{ sheet, cell, want string }{
		{"Communes", "C6", fmtThousands}, // population
		{"Communes", "D6", fmtPercent},   // %
		{"Communes", "E6", fmtEuro},      // €
		{"Communes", "F7", fmtPercent},
		{"Communes", "C2", fmtThousands}, // a reference row
		{"EPCI", "H6", fmtPercent},       // coverage
		{"EPCI", "J6", fmtDecimal},       // score
		{"EPCI", "K6", fmtInteger},       // class
		{"EPCI", "L6", fmtInteger},       // rank
		{"Sources", "H2", fmtThousands},
	} {
		if got := numFmt(t, f, tc.sheet, tc.cell); got != tc.want {
			t.Errorf("%s!%s: format %q, want %q", tc.sheet, tc.cell, got, tc.want)
		}
	}
	for _, tc := range []struct {
		sheet, cell string
		bold        bool
		italic      bool
	}{
		{"Communes", "D1", true, false}, // header
		{"Communes", "A5", true, false}, // header again, over the filter
		{"Communes", "B2", false, true}, // reference row
	} {
		id, err := f.GetCellStyle(tc.sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || st.Font.Bold != tc.bold || st.Font.Italic != tc.italic {
			t.Errorf("%s!%s: font %+v, %v; want bold %v italic %v", tc.sheet, tc.cell, st.Font, err, tc.bold, tc.italic)
		}
	}
}

func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return fmt.Sprint(st.NumFmt)
	}
	return *st.CustomNumFmt
}

func TestXLSXLayout(t *testing.T) {
	f, path := openWorkbook(t)
	for _, tc := range []struct {
		sheet         string
		xSplit, ySplt int
		filter        string
	}{
		{"EPCI", 2, 5, "A5:L6"},
		{"Communes", 2, 5, "A5:F8"},
		{"Départements", 2, 4, "A4:I5"},
		{"Anomalies", 0, 1, "A1:J3"},
		{"Sources", 0, 1, "A1:J4"},
		{"Lieux", 0, 1, "A1:O2"},
	} {
		p, err := f.GetPanes(tc.sheet)
		if err != nil || !p.Freeze || p.YSplit != tc.ySplt || p.XSplit != tc.xSplit {
			t.Errorf("%s: panes %+v, %v; want frozen at %d rows, %d columns", tc.sheet, p, err, tc.ySplt, tc.xSplit)
		}
		ws := readSheet(t, path, sheetPart(t, f, tc.sheet))
		if got := strings.ReplaceAll(ws.AutoFilter.Ref, "$", ""); got != tc.filter {
			t.Errorf("%s: autofilter %q, want %q", tc.sheet, got, tc.filter)
		}
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet is %d, want Synthèse", f.GetActiveSheetIndex())
	}
	// Columns fit their content: the name column is wider than the code column.
	code, err1 := f.GetColWidth("Communes", "A")
	name, err2 := f.GetColWidth("Communes", "B")
	if err1 != nil || err2 != nil || !(name > code && code >= 8 && name <= 70) {
		t.Errorf("Communes widths: code %v, name %v (%v, %v)", code, name, err1, err2)
	}
	// A colour scale on the scores, over the territories only.
	cf, err := f.GetConditionalFormats("EPCI")
	if err != nil {
		t.Fatal(err)
	}
	if opts, ok := cf["J6:J6"]; !ok || len(cf) != 1 || len(opts) != 1 || opts[0].Type != "3_color_scale" {
		t.Errorf("EPCI conditional formats = %+v, want a colour scale on J6:J6", cf)
	}
	// Printing: landscape, fit to width, the header rows repeated.
	found := false
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == "Communes" && n.RefersTo == "'Communes'!$1:$5" {
			found = true
		}
	}
	if !found {
		t.Errorf("Communes: no print titles $1:$5 in %+v", f.GetDefinedName())
	}
}

// TestXLSXSummaryCharts checks the summary's native charts read their data from the
// summary's own cells.
func TestXLSXSummaryCharts(t *testing.T) {
	path := writeXLSXFile(t, fixture.Result())
	charts := chartRefs(t, path)
	if len(charts) != 2 {
		t.Fatalf("%d charts, want 2: %q", len(charts), charts)
	}
	for _, refs := range charts {
		for _, r := range refs {
			if !strings.HasPrefix(r, "'Synthèse'!$") {
				t.Errorf("chart reference %q is not on the summary sheet", r)
			}
		}
	}
}

// chartRefs lists, per chart part, the cell references of its series.
func chartRefs(t *testing.T, path string) map[string][]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	out := map[string][]string{}
	re := regexp.MustCompile(`<f>([^<]*)</f>`)
	for _, e := range z.File {
		if strings.HasPrefix(e.Name, "xl/charts/chart") {
			for _, m := range re.FindAllStringSubmatch(readEntry(t, e), -1) {
				out[e.Name] = append(out[e.Name], unescapeXML(m[1]))
			}
		}
	}
	return out
}

func unescapeXML(s string) string { return stdhtml.UnescapeString(s) }

// TestXLSXGolden compares every cell of the fixture's workbook — value, type, number
// format — and the charts' references with testdata/golden/diagnostic.xlsx.txt.
func TestXLSXGolden(t *testing.T) {
	path := writeXLSXFile(t, fixture.Result())
	got := extractWorkbook(t, path)
	golden := filepath.Join("testdata", "golden", "diagnostic.xlsx.txt")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./diagnostic/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("workbook cells differ from %s (review with -update and git diff):\n%s", golden, firstDiff(string(got), string(want)))
	}
}

// extractWorkbook writes one line per non-empty cell: sheet, cell, type, number
// format and value as stored; then each chart's references.
func extractWorkbook(t *testing.T, path string) []byte {
	t.Helper()
	f, _ := openXLSX(t, path)
	var b bytes.Buffer
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				cell := cellName(c+1, r+1)
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				kind := "text"
				if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
					kind = "number"
				}
				format := numFmt(t, f, sheet, cell)
				if format == "0" {
					format = "" // general
				}
				fmt.Fprintf(&b, "%s\t%s\t%s\t%q\n", cell, kind, format, v)
			}
		}
	}
	refs := chartRefs(t, path)
	names := make([]string, 0, len(refs))
	for n := range refs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(&b, "== %s\n%s\n", n, strings.Join(refs[n], "\n"))
	}
	return b.Bytes()
}

// firstDiff shows the first differing line of two texts.
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
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, a, b)
		}
	}
	return ""
}

// TestXLSXDeterministic writes the fixture's workbook, charts included, several times:
// excelize's map-ordered parts and content types must not reach the bytes.
func TestXLSXDeterministic(t *testing.T) {
	var first []byte
	for i := range 5 {
		var buf bytes.Buffer
		if err := writeXLSX(&buf, fixture.Result()); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
			continue
		}
		if !bytes.Equal(buf.Bytes(), first) {
			t.Fatalf("run %d differs from the first", i+1)
		}
	}
}

// TestXLSXNoClock checks what excelize could date: the document properties and the
// zip entries.
func TestXLSXNoClock(t *testing.T) {
	_, path := openWorkbook(t)
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var names []string
	for _, e := range z.File {
		names = append(names, e.Name)
		if e.ModifiedDate != 0 || e.ModifiedTime != 0 {
			t.Errorf("%s carries a modification time %v", e.Name, e.Modified)
		}
		if e.Name == "docProps/core.xml" {
			b := readEntry(t, e)
			if strings.Count(b, fixedDate) != 2 {
				t.Errorf("core.xml dates are not fixed:\n%s", b)
			}
		}
	}
	if !slices.IsSorted(names) || names[0] != "[Content_Types].xml" {
		t.Errorf("zip entries not in name order: %q", names)
	}
}

type xmlCell struct {
	R  string `xml:"r,attr"`
	T  string `xml:"t,attr"`
	V  string `xml:"v"`
	IS struct {
		T string `xml:"t"`
	} `xml:"is"`
}

func (c xmlCell) value() string {
	if c.T == "inlineStr" {
		return c.IS.T
	}
	return c.V
}

type xmlSheet struct {
	Rows []struct {
		Cells []xmlCell `xml:"c"`
	} `xml:"sheetData>row"`
	AutoFilter struct {
		Ref string `xml:"ref,attr"`
	} `xml:"autoFilter"`
}

// sheetPart returns the zip part of a sheet (sheets are numbered in creation order).
func sheetPart(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	i, err := f.GetSheetIndex(sheet)
	if err != nil || i < 0 {
		t.Fatalf("no sheet %s: %v", sheet, err)
	}
	return fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
}

// readSheet parses one worksheet part as stored, to see cell types excelize's API hides.
func readSheet(t *testing.T, path, part string) xmlSheet {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, e := range z.File {
		if e.Name == part {
			var ws xmlSheet
			if err := xml.Unmarshal([]byte(readEntry(t, e)), &ws); err != nil {
				t.Fatal(err)
			}
			return ws
		}
	}
	t.Fatalf("%s: no part %s", path, part)
	return xmlSheet{}
}

func sheetCells(t *testing.T, path, part string) map[string]xmlCell {
	t.Helper()
	cells := map[string]xmlCell{}
	for _, row := range readSheet(t, path, part).Rows {
		for _, c := range row.Cells {
			cells[c.R] = c
		}
	}
	return cells
}

func readEntry(t *testing.T, e *zip.File) string {
	t.Helper()
	r, err := e.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestXLSXPriorities writes the head of a priority list as the summary does: a
// territory without any place reads "aucun lieu", never a number.
func TestXLSXPriorities(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	w := newFlow(f, newStyles(f), "Sheet1", 7)
	res := fixture.Result()
	writePriorities(w, res, view.Priorities(res))
	if err := w.finish(); err != nil {
		t.Fatal(err)
	}
	for cell, want := range map[string]string{"A3": "CA de Nevers", "B3": "EPCI", "G3": "5090", "A4": "Alligny-en-Morvan",
		"B4": "Communes", "C4": "58003", "D4": "1", "E4": "28", "F4": "0", "G4": "aucun lieu"} {
		if got, _ := f.GetCellValue("Sheet1", cell, excelize.Options{RawCellValue: true}); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
}
