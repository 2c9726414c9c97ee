package report

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// openWorkbook writes testResult and opens its workbook with excelize.
func openWorkbook(t *testing.T) (*excelize.File, string) {
	t.Helper()
	path := filepath.Join(writeAll(t), xlsxName)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, path
}

func TestXLSXSheetsAndHeaders(t *testing.T) {
	f, _ := openWorkbook(t)
	want := []string{"Communes", "EPCI", "Départements", "Régions", "France", "Indicateurs", "Sources", "Anomalies"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	for _, tc := range []struct{ sheet, cell, want string }{
		{"Communes", "A1", "Code"},
		{"Communes", "B1", "Libellé"},
		{"Communes", "C1", "Population"},
		{"Communes", "D1", "Taux de chômage des 15-64 ans (au sens du recensement) (%)"},
		{"Communes", "E1", "Revenu disponible médian par unité de consommation (€)"},
		{"France", "A2", "FR"},
		{"EPCI", "B2", `CA de Nevers, dite "Nevers Agglo"`},
		{"Indicateurs", "A1", "Identifiant"},
		{"Indicateurs", "D2", "P18_CHOM1564 / P18_ACT1564 × 100"},
		{"Indicateurs", "G4", "embedded:arcep"},
		{"Indicateurs", "A5", "part_15_29"},
		{"Indicateurs", "I5", "variables absentes des données : P{yy}_POP1529 ; P{yy}_POP"},
		{"Sources", "A1", "Fichier"},
		{"Sources", "G2", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
		{"Anomalies", "A1", "Gravité"},
		{"Anomalies", "A2", "warning"},
		{"Anomalies", "F2", "12"},
		{"Anomalies", "F3", ""}, // no row: no cell
		{"Anomalies", "H2", `code "99999" matches no commune & was dropped (<ignored>)`},
	} {
		got, err := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true})
		if err != nil || got != tc.want {
			t.Errorf("%s!%s = %q, %v; want %q", tc.sheet, tc.cell, got, err, tc.want)
		}
	}
}

func TestXLSXCells(t *testing.T) {
	f, path := openWorkbook(t)
	cells := sheetCells(t, path, "xl/worksheets/sheet1.xml") // Communes, the first sheet
	for _, tc := range []struct {
		ref, typ, value string
	}{
		{"A2", "inlineStr", "01001"}, // text: the leading zero stays
		{"A3", "inlineStr", "2A004"},
		{"C2", "", "776"},               // numbers carry no type
		{"D2", "", "9.523809523809524"}, // full precision; the format rounds the display
		{"F3", "", "0"},                 // a real zero is a number
		{"E4", "", "19430.5"},
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
	for _, ref := range []string{"E3", "F4"} { // missing values
		if c, ok := cells[ref]; ok {
			t.Errorf("%s: missing value written as %+v, want no cell", ref, c)
		}
	}
	// An empty note or reason is no cell, not an empty string (Indicateurs is sheet 6).
	for ref := range sheetCells(t, path, "xl/worksheets/sheet6.xml") {
		if ref == "H2" || ref == "I2" {
			t.Errorf("Indicateurs!%s: empty text written as a cell", ref)
		}
	}
	if typ, err := f.GetCellType("Communes", "A2"); err != nil || typ != excelize.CellTypeInlineString {
		t.Errorf("excelize reads A2 as type %v, %v", typ, err)
	}
	if v, err := f.GetCellValue("Communes", "D2"); err != nil || v != "9.5" {
		t.Errorf("D2 displays %q, %v; want 9.5", v, err)
	}
	if v, err := f.GetCellValue("France", "C2"); err != nil || v != "66,732,538" {
		t.Errorf("France population displays %q, %v; want 66,732,538", v, err)
	}
	if v, err := f.GetCellValue("Sources", "H2"); err != nil || v != "1,234,567" {
		t.Errorf("Sources bytes display %q, %v", v, err)
	}
}

func TestXLSXFormats(t *testing.T) {
	f, _ := openWorkbook(t)
	oneDecimal, thousands := "0.0", 3
	for _, tc := range []struct {
		cell   string
		custom *string
		numFmt int
	}{
		{"C2", nil, thousands}, // population
		{"D2", &oneDecimal, 0}, // %
		{"E2", nil, thousands}, // €
		{"F3", &oneDecimal, 0}, // %
	} {
		id, err := f.GetCellStyle("Communes", tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.custom != nil && (st.CustomNumFmt == nil || *st.CustomNumFmt != *tc.custom):
			t.Errorf("%s: custom format %v, want %q", tc.cell, st.CustomNumFmt, *tc.custom)
		case tc.custom == nil && st.NumFmt != tc.numFmt:
			t.Errorf("%s: format %d, want %d", tc.cell, st.NumFmt, tc.numFmt)
		}
	}
	id, err := f.GetCellStyle("Communes", "D1")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header is not bold: %+v, %v", st, err)
	}
}

func TestXLSXLayout(t *testing.T) {
	f, path := openWorkbook(t)
	for _, sheet := range f.GetSheetList() {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.XSplit != 0 {
			t.Errorf("%s: panes %+v, %v; want the header row frozen", sheet, p, err)
		}
	}
	if i, err := f.GetSheetIndex("Communes"); err != nil || f.GetActiveSheetIndex() != i {
		t.Errorf("active sheet is %d, want Communes (%d, %v)", f.GetActiveSheetIndex(), i, err)
	}
	if w, err := f.GetColWidth("Communes", "B"); err != nil || w != 36 {
		t.Errorf("Communes!B width = %v, %v", w, err)
	}
	ws := readSheet(t, path, "xl/worksheets/sheet1.xml")
	if strings.ReplaceAll(ws.AutoFilter.Ref, "$", "") != "A1:F4" { // excelize writes $A$1:$F$4
		t.Errorf("Communes autofilter = %q, want A1:F4", ws.AutoFilter.Ref)
	}
	names := f.GetDefinedName()
	filters := 0
	for _, n := range names {
		if n.Name == "_xlnm._FilterDatabase" {
			filters++
		}
	}
	if filters != len(f.GetSheetList()) {
		t.Errorf("%d filter ranges for %d sheets", filters, len(f.GetSheetList()))
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
