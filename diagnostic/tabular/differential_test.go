package tabular_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/tabular"
	"github.com/diagnum/diagnum/testdata/gen/synth"
)

// The differential test: on every XLSX file the tests have, real or built,
// the specialised sheet reader must give exactly the rows excelize's Rows
// gives with RawCellValue (row numbers, cell strings), excelize being the
// reference diagnum used before. Rows without any value and trailing empty
// cells are left out on both sides: excelize keeps some (a formula cell
// whose cached value is empty), which no caller can tell from absent ones.

// sheetRowsOf is one sheet's rows: row number → cells.
type sheetRowsOf map[int][]string

func normalise(cells []string) []string {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return append([]string(nil), cells[:n]...)
}

// excelizeRows reads every worksheet with excelize's streaming Rows.
func excelizeRows(t *testing.T, path string) map[string]sheetRowsOf {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("excelize cannot open %s: %v", path, err)
	}
	defer f.Close()
	out := map[string]sheetRowsOf{}
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			continue // a chart sheet
		}
		got := sheetRowsOf{}
		for n := 1; rows.Next(); n++ {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("excelize: %s sheet %s row %d: %v", path, name, n, err)
			}
			if c := normalise(cells); len(c) > 0 {
				got[n] = c
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("excelize: %s sheet %s: %v", path, name, err)
		}
		out[name] = got
	}
	return out
}

// ourRows reads every worksheet with the specialised reader.
func ourRows(t *testing.T, path string) map[string]sheetRowsOf {
	t.Helper()
	out := map[string]sheetRowsOf{}
	err := tabular.RawRows(path, func(sheet string, row int, cells []string) error {
		if out[sheet] == nil {
			out[sheet] = sheetRowsOf{}
		}
		if c := normalise(cells); len(c) > 0 {
			out[sheet][row] = c
		}
		return nil
	})
	if err != nil {
		t.Fatalf("tabular: %s: %v", path, err)
	}
	return out
}

// differ compares both readers on one file and reports the first
// differences; it returns the number of rows compared.
func differ(t *testing.T, path string) int {
	t.Helper()
	want, got := excelizeRows(t, path), ourRows(t, path)
	rows := 0
	for sheet, w := range want {
		g := got[sheet]
		if g == nil {
			g = sheetRowsOf{}
		}
		rows += len(w)
		if len(g) != len(w) {
			t.Errorf("%s sheet %s: %d rows with values, excelize %d", filepath.Base(path), sheet, len(g), len(w))
		}
		shown := 0
		for n, wc := range w {
			if gc := g[n]; !reflect.DeepEqual(gc, wc) && shown < 5 {
				shown++
				t.Errorf("%s sheet %s row %d:\n got  %q\n want %q", filepath.Base(path), sheet, n, gc, wc)
			}
		}
		for n, gc := range g {
			if _, ok := w[n]; !ok && shown < 5 {
				shown++
				t.Errorf("%s sheet %s row %d: got %q, excelize has no such row", filepath.Base(path), sheet, n, gc)
			}
		}
	}
	for sheet := range got {
		if _, ok := want[sheet]; !ok {
			t.Errorf("%s: sheet %s read, excelize does not list it", filepath.Base(path), sheet)
		}
	}
	return rows
}

// rawVariants are hand-built sheets in the layouts other writers than Excel
// produce, each a corner of SpreadsheetML.
func rawVariants(t *testing.T) map[string][]byte {
	sst := []string{
		si("CODGEO"), si("P21_POP"), si("58194"), si("Nevers &amp; co"),
		`<si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text </t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>`,
		`<si><t>line_x000D_break</t></si>`, `<si><t>_x005F_x0041_ literal</t></si>`, `<si/>`, `<si><t></t></si>`,
		`<si><t xml:space="preserve">  spaced  </t></si>`, si("ARM"),
	}
	return map[string][]byte{
		"no-references": rawWorkbook(t, sst, rawSheet{name: "COM", xml: `<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>` +
			`<row><c t="s"><v>2</v></c><c><v>33279</v></c></row><row><c r="B3"><v>7</v></c><c><v>8</v></c><c r="E3"><v>9</v></c></row>`}),
		"prefixed": rawWorkbook(t, sst, rawSheet{name: "COM", whole: true, xml: `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>P21_POP</x:t></x:is></x:c></x:row>` +
			`<x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2"><x:v>1.5</x:v></x:c></x:row></x:sheetData></x:worksheet>`}),
		"cell-types": rawWorkbook(t, sst, rawSheet{name: "COM", xml: `<row r="1" spans="1:12"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>4</v></c><c r="D2" t="s"><v>5</v></c><c r="E2" t="s"><v>6</v></c><c r="F2" t="s"><v>7</v></c><c r="G2" t="s"><v>8</v></c><c r="H2" t="s"><v>9</v></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>58001</t></is></c><c r="B3" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r><rPh><t>no</t></rPh></is></c><c r="C3" t="str"><f>A3&amp;"x"</f><v>58001x</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><f>NA()</f><v>#N/A</v></c><c r="F3" t="d"><v>2021-01-01T00:00:00</v></c><c r="G3" t="n"><v>7.1428571428571425E-2</v></c><c r="H3"><v>-12.5</v></c><c r="I3" s="2"><v>44197</v></c><c r="J3" s="4"><v>1001</v></c></row>` +
			`<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4"><v/></c><c r="C4"><v></v></c><c r="D4" s="1"/><c r="E4" t="str"><f>""</f><v></v></c><c r="F4"><v>5</v></c></row>` +
			`<row r="5"><c r="A5" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#233;&#x41; &quot;q&quot; &apos;</t></is></c><c r="B5" t="inlineStr"><is><t><![CDATA[<raw> & text]]></t></is></c><!-- a comment --><c r="C5" t="inlineStr"><is><t>crlf` + "\r\n" + `line</t></is></c><c r="D5" t="inlineStr"><is><t>_x0041__x005F_</t></is></c></row>` +
			`<row r="6"><c r="A6" t="s" s="1"><v> 10 </v></c><c r="B6"><f t="shared" ref="B6:B8" si="0">F4*2</f><v>10</v></c></row>` +
			`<row r="7"><c r="A7" t="s"><v>2</v></c><c r="B7"><f t="shared" si="0"/><v>12</v></c></row>` +
			`<row r="8"/>` +
			`<row r="1000" customHeight="1" ht="12.75"><c r="XFD1000"><v>1</v></c></row>`},
			rawSheet{name: "Vide", xml: ``}),
		"whitespace-and-quotes": rawWorkbook(t, sst, rawSheet{name: "COM", xml: "<row r=\"1\"><c r=\"A1\"\n\tt=\"s\"><v>0</v></c><c\tr='B1' t='s' ><v>1</v></c></row>\n" +
			"<row r='2'>\r\n  <c r=\"A2\" t = \"s\" s=\"1\">\n<v>2</v>\n</c>\n  <c r=\"B2\"\ns=\"2\"><v>44197</v></c><c r=\"C2\" t=\"inlineStr\"><is>\n<t>x &gt; y</t>\n</is></c></row>"}),
		"sparse-and-merged": rawWorkbook(t, sst, rawSheet{name: "COM", whole: true, xml: `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C9"/><cols><col min="1" max="3" width="12"/></cols><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>Titre fusionné</t></is></c></row><row r="5"><c r="A5" t="s"><v>0</v></c><c r="C5" t="s"><v>1</v></c></row><row r="9"><c r="C9"><v>3</v></c></row></sheetData>` +
			`<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`}),
	}
}

// excelizeWorkbooks are written by excelize itself, cell by cell and with
// its stream writer.
func excelizeWorkbooks(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "COM_2021"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Évolution et structure de la population en 2021 (SYNTHETIC)"},
		{"CODGEO", "LIBGEO", "P21_POP", "MED21", "FLAG", "DATE"},
		{"01001", "L'Abergement-Clémenciat", 776, 22570.5, true, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2A004", "Ajaccio <&>", 1.25e4, -3.5, false, nil},
		{"58194", "  espaces  ", 353.730434782608, "s", nil, "#N/A"},
		{"97617", "ligne\r\nsuivante", 0, 1e-7, nil, nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("COM_2021", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellRichText("COM_2021", "G3", []excelize.RichTextRun{{Text: "riche "}, {Text: "texte", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("COM_2021", "H3", "C3*2"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("COM_2021", "H3", 1552); err != nil { // the cached value
		t.Fatal(err)
	}
	if err := f.MergeCell("COM_2021", "A1", "F1"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Stream"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Stream")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 200; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r*3) // sparse rows
		row := []any{fmt.Sprintf("%05d", 1000+r), fmt.Sprintf("commune n°%d", r), float64(r) / 7, r%2 == 0}
		if r%17 == 0 {
			row = []any{fmt.Sprintf("%05d", 1000+r), nil, nil, "fin"}
		}
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out["excelize-cells-and-stream"] = buf.Bytes()
	return out
}

func TestDifferentialExcelize(t *testing.T) {
	files := map[string]string{}
	for name, data := range rawVariants(t) {
		files[name] = save(t, name+".xlsx", data)
	}
	for name, data := range excelizeWorkbooks(t) {
		files[name] = save(t, name+".xlsx", data)
	}
	// SYNTHETIC tables of Nièvre and Paris (arrondissements), commune and IRIS level.
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d, err := synth.New(g, synth.Options{Departements: []string{"58", "75"}, Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths, err := d.Generate(dir, synth.Tables(), synth.XLSX, synth.IRISXLS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		files[filepath.Base(p)] = p
	}
	// Real files, when present.
	if data := sharedDataDir(); data != "" {
		files["ifn-kit"] = filepath.Join(data, "ifn-kit", "ifn-kit-2020-sicoval.xlsx")
		files["table-appartenance"] = unzipMember(t, filepath.Join(data, "insee", "table-appartenance-geo-communes-22.zip"), "table-appartenance-geo-communes-22.xlsx")
	} else {
		t.Log("real public data not found at ../shared/data: the differential test runs on built files only")
	}
	total := 0
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			n := differ(t, path)
			if n == 0 {
				t.Errorf("no row compared")
			}
			total += n
		})
	}
	t.Logf("%d files, %d rows identical to excelize's", len(files), total)
}

// sharedDataDir returns <repo root>/../shared/data, or "" without it.
func sharedDataDir() string {
	dir := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// unzipMember extracts one member of an archive to a temporary file.
func unzipMember(t *testing.T, archive, member string) string {
	t.Helper()
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open(member)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return save(t, member, data)
}

// TestRealIFNKit reads the real IFN kit workbook (formulas, merged titles,
// a header on row 4 or 5) as tables, the cached results of its formulas
// included.
func TestRealIFNKit(t *testing.T) {
	data := sharedDataDir()
	if data == "" {
		t.Skip("real public data not found at ../shared/data next to the repository: skipping the real-file test")
	}
	path := filepath.Join(data, "ifn-kit", "ifn-kit-2020-sicoval.xlsx")
	var sheets []string
	records := map[string][][]string{}
	err := tabular.Read(path, tabular.Options{}, func(tb *tabular.Table) (func(tabular.Record) error, error) {
		sheets = append(sheets, fmt.Sprintf("%s@%d", tb.Sheet, tb.HeaderRow))
		return func(r tabular.Record) error {
			records[tb.Sheet] = append(records[tb.Sheet], append([]string(nil), r.Cells...))
			return nil
		}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "Base de données type@5 0.Base de données@4 1.Coefficient multiplicateur@4 2.Points@4 3.Score@4 4.Score base 100@4 5.Quintiles@4"
	if got := strings.Join(sheets, " "); got != want {
		t.Errorf("tables %s\nwant %s", got, want)
	}
	// 3.Score is all formulas: the cached values are read.
	if r := records["3.Score"][0]; r[0] != "Ayguesvives" || r[1] != "31004" || r[12] != "723.97018482544183" {
		t.Errorf("first 3.Score record %q", r)
	}
}
