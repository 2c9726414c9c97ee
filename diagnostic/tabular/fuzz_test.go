package tabular

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
