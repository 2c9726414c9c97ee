package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkTables is the visit callback of the fuzz targets: it checks what Read
// promises about every table and record.
func checkTables(t *testing.T) func(tb *Table) (func(Record) error, error) {
	return func(tb *Table) (func(Record) error, error) {
		if tb.Key < 0 || tb.Key >= len(tb.Columns) || tb.HeaderRow < 1 {
			t.Fatalf("table key %d of %d columns, header row %d", tb.Key, len(tb.Columns), tb.HeaderRow)
		}
		if tb.Labels != nil && len(tb.Labels) != len(tb.Columns) {
			t.Fatalf("%d labels for %d columns", len(tb.Labels), len(tb.Columns))
		}
		last := tb.HeaderRow
		return func(r Record) error {
			if len(r.Cells) != len(tb.Columns) {
				t.Fatalf("row %d: %d cells for %d columns", r.Row, len(r.Cells), len(tb.Columns))
			}
			if r.Row <= last {
				t.Fatalf("row %d after row %d", r.Row, last)
			}
			last = r.Row
			return nil
		}, nil
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add(arcepWindows1252(f))
	f.Add([]byte(strings.Join(arcepRows, "\n")))
	f.Add([]byte("CODGEO;LIBGEO;NOTE\r\n58001;\"Achun\";\"a\r\nb \"\"c\"\"\"\r\n58002;x\r\n\r\n"))
	f.Add([]byte("\xEF\xBB\xBFcode_insee,nom\n58194,Nevers,extra\n"))
	f.Add([]byte("insee_com\tx\tx\n1\t2\n"))
	f.Add([]byte("CODGEO;LIBGEO\n58194;\"Nevers\n"))
	f.Add([]byte(""))
	f.Add([]byte("\xFF\xFE"))
	if dir := sharedDataIfPresent(); dir != "" {
		for _, name := range []string{"insee/sample-base-cc-emploi-pop-active-2016-COM.CSV"} {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rd := newReader("fuzz.csv", Options{}, checkTables(t))
		if err := rd.readCSV(rd.loc, bytes.NewReader(data)); err != nil && !isProblem(err) {
			t.Fatalf("error %v (%T) is not a problem", err, err)
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	book := inseeWorkbook(f)
	sheet := zipPart(f, book, "xl/worksheets/sheet1.xml")
	f.Add(book, sheet)
	f.Add(book[:len(book)/2], []byte(`<worksheet><sheetData><row r="6"><c t="inlineStr"><is><t>CODGEO</t></is></c></row><row r="7"><c r="B7" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`))
	f.Add(zipOf(f, member{"a.csv", []byte("CODGEO\n1\n")}, member{"b.xlsx", book[:100]}), []byte(`<worksheet><sheetData><row r="3"><c r="A3" t="s"><v>7</v></c></row><row r="2"/></sheetData></worksheet>`))
	f.Add(workbook(f, map[string][][]any{"COM": {{"CODGEO", "P18_POP"}, {"58194", 1, nil, "oops"}}}, "COM"), []byte(`<worksheet><sheetData><row r="9999999"><c r="XFE1" t="s"><v>-1</v></c></row></sheetData></worksheet>`))
	// The bad-input corpus, each file with the template's sheet.
	if paths, err := filepath.Glob("../../testdata/bad/*.xlsx"); err == nil {
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data, sheet)
			}
		}
	}
	f.Fuzz(func(t *testing.T, file, sheetXML []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(path, file, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Read(path, Options{MaxUncompressed: 1 << 20}, checkTables(t)); err != nil && !isProblem(err) {
			t.Fatalf("file: error %v (%T) is not a problem", err, err)
		}
		// The same template workbook with the fuzzed sheet, so mutations reach
		// the sheet XML instead of stopping at a zip checksum.
		path = filepath.Join(dir, "sheet.xlsx")
		if err := os.WriteFile(path, replacePart(t, book, "xl/worksheets/sheet1.xml", sheetXML), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Read(path, Options{MaxUncompressed: 1 << 20}, checkTables(t)); err != nil && !isProblem(err) {
			t.Fatalf("sheet: error %v (%T) is not a problem", err, err)
		}
	})
}

// zipPart returns one part of a zip archive.
func zipPart(t testing.TB, archive []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// replacePart returns a copy of a zip archive with one part's content replaced.
func replacePart(t testing.TB, archive []byte, name string, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	var members []member
	for _, zf := range zr.File {
		content := data
		if zf.Name != name {
			content = zipPart(t, archive, zf.Name)
		}
		members = append(members, member{zf.Name, content})
	}
	return zipOf(t, members...)
}

// FuzzSheetRows feeds arbitrary sheet and shared-strings XML straight to the
// row reader (no zip, so mutations reach the scanner quickly): it must
// never panic, keep rows increasing and within Excel's limits, and fail
// only with the errors it documents.
func FuzzSheetRows(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t><r><t>y</t></r></is></c></row><row><c><v>1.5</v></c><c t="e"><f>NA()</f><v>#N/A</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`),
		[]byte(`<sst><si><t>CODGEO</t></si><si><r><t>a</t></r><rPh><t>b</t></rPh></si><si/></sst>`))
	f.Add([]byte(`<x:worksheet xmlns:x="u"><x:sheetData><x:row r="3"><x:c r="C3" s="2"><x:v>44197</x:v></x:c></x:row></x:sheetData></x:worksheet>`), []byte(`<sst><si><t>_x000D__x005F_x0041_</t></si></sst>`))
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="B2" t="str"><f>"a"</f></c></row><row r="1"/></sheetData></worksheet>`), []byte(`<sst><si><t>&amp;&#233;<![CDATA[<x>]]></t></si></sst>`))
	f.Add([]byte("<worksheet><sheetData><row r='1'>\n<c r=\"A1\"\tt='s'><v>9</v></c><!-- c --><c r=\"XFD1\"><v>1</v></c></row><row r=\"1048577\"/></sheetData></worksheet>"), []byte(`<sst></sst>`))
	f.Fuzz(func(t *testing.T, sheetXML, sstXML []byte) {
		sst, err := parseSharedStrings(bytes.NewReader(sstXML), 0)
		if err != nil {
			if !errors.Is(err, errXML) && !errors.Is(err, errTooLarge) {
				t.Fatalf("shared strings: unexpected error %v (%T)", err, err)
			}
			sst = nil
		}
		sr := newSheetRows(bytes.NewReader(sheetXML), int64(len(sheetXML)), sst, []bool{false, false, true})
		sr.watch = 0
		last := 0
		for {
			row, cells, err := sr.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var se *sheetError
				if !errors.As(err, &se) && !errors.Is(err, errXML) && !errors.Is(err, errTooLarge) {
					t.Fatalf("unexpected error %v (%T)", err, err)
				}
				return
			}
			if row <= last || row > maxSheetRows || len(cells) > maxSheetCols {
				t.Fatalf("row %d after %d with %d cells", row, last, len(cells))
			}
			for _, c := range cells {
				if !utf8.ValidString(c) {
					t.Fatalf("row %d: invalid UTF-8 %q", row, c)
				}
			}
			last = row
		}
	})
}
