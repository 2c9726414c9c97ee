package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestCSVWindows1252Disclaimer(t *testing.T) {
	path := writeFile(t, "arcep-1252.csv", arcepWindows1252(t))
	tables := mustCollect(t, path, Options{})
	if len(tables) != 1 {
		t.Fatalf("got %d tables", len(tables))
	}
	tb := tables[0]
	if tb.Encoding != "Windows-1252" || tb.Separator != ";" || tb.HeaderRow != 2 || tb.Key != 0 || len(tb.Columns) != 15 {
		t.Errorf("encoding %q separator %q header row %d key %d columns %d", tb.Encoding, tb.Separator, tb.HeaderRow, tb.Key, len(tb.Columns))
	}
	if len(tb.Records) != 5 {
		t.Fatalf("got %d records", len(tb.Records))
	}
	r := tb.Records[1]
	if r.Row != 4 || r.Cells[1] != "La Côte-Saint-André" || r.Cells[14] != "2,45" {
		t.Errorf("record %d %q", r.Row, r.Cells)
	}
	if v, missing, err := ParseNumber(r.Cells[14]); v != 2.45 || missing || err != nil {
		t.Errorf("ParseNumber(%q) = %v %v %v", r.Cells[14], v, missing, err)
	}
	if r := tb.Records[4]; r.Row != 7 || r.Cells[1] != "Grand'Rivière" {
		t.Errorf("last record %d %q", r.Row, r.Cells)
	}
}

func TestCSVEncodingsAndSeparators(t *testing.T) {
	for _, tc := range []struct {
		name, data, enc, sep string
	}{
		{"utf8-bom-comma", "\xEF\xBB\xBFCODGEO,LIBGEO\n58194,Nevers\n", "UTF-8 with BOM", ","},
		{"tab-crlf", "code_insee\tnom\r\n58194\tNevers\r\n", "UTF-8", "\t"},
		{"quoted-header", "\"insee_com\";\"nom\"\n\"58194\";\"Nevers\"\n", "UTF-8", ";"},
		{"latin1", "DEPCOM;nom\n58194;N\xe8vers\n", "Windows-1252", ";"},
		{"no-final-newline", "COM;nom\n58194;Nevers", "UTF-8", ";"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := mustCollect(t, writeFile(t, "t.csv", []byte(tc.data)), Options{})[0]
			if tb.Encoding != tc.enc || tb.Separator != tc.sep || tb.Key != 0 || len(tb.Records) != 1 {
				t.Fatalf("encoding %q separator %q key %d records %d", tb.Encoding, tb.Separator, tb.Key, len(tb.Records))
			}
			if r := tb.Records[0]; r.Row != 2 || r.Cells[0] != "58194" || !strings.HasPrefix(r.Cells[1], "N") || !strings.HasSuffix(r.Cells[1], "vers") {
				t.Errorf("record %d %q", r.Row, r.Cells)
			}
		})
	}
}

func TestCSVQuotedFieldsAndRows(t *testing.T) {
	data := "Source : synthetic\r\n" +
		"Notes;with;a \"quote\" in the disclaimer\r\n" +
		"CODGEO;LIBGEO;NOTE;P18_POP\r\n" +
		"58194;Nevers;\"a;b\";33279\r\n" +
		"58001;\"Achun\";\"line one\r\nline \"\"two\"\"\r\nline three\";132\r\n" +
		"58002;Alligny-Cosne\r\n" + // short row: padded
		";;;\r\n" + // blank row: dropped
		"58003;Alligny-en-Morvan;;587;;\r\n" + // empty trailing cells: accepted
		"\r\n\r\n"
	tb := mustCollect(t, writeFile(t, "q.csv", []byte(data)), Options{})[0]
	if tb.HeaderRow != 3 {
		t.Errorf("header row %d", tb.HeaderRow)
	}
	want := []Record{
		{4, []string{"58194", "Nevers", "a;b", "33279"}},
		{5, []string{"58001", "Achun", "line one\nline \"two\"\nline three", "132"}},
		{8, []string{"58002", "Alligny-Cosne", "", ""}},
		{10, []string{"58003", "Alligny-en-Morvan", "", "587"}},
	}
	if !reflect.DeepEqual(tb.Records, want) {
		t.Errorf("records\n got %+v\nwant %+v", tb.Records, want)
	}
}

func TestCSVKeyChoice(t *testing.T) {
	// COM and CODGEO both present: CODGEO is listed first in DefaultKeyColumns.
	tb := mustCollect(t, writeFile(t, "k.csv", []byte("COM;codgeo ;x\n1;2;3\n")), Options{})[0]
	if tb.Key != 1 || tb.Columns[1] != "codgeo" {
		t.Errorf("key %d columns %q", tb.Key, tb.Columns)
	}
	tb = mustCollect(t, writeFile(t, "k.csv", []byte("id,Commune\n1,58194\n")), Options{KeyColumns: []string{"commune"}})[0]
	if tb.Key != 1 || tb.Records[0].Cells[1] != "58194" {
		t.Errorf("key %d", tb.Key)
	}
}

func TestCSVInvalidUTF8AfterPrefix(t *testing.T) {
	var b strings.Builder
	b.WriteString("CODGEO;LIBGEO\n")
	line := 1
	for b.Len() < sniffSize+100 {
		b.WriteString("58194;Nevers é\n")
		line++
	}
	b.WriteString("58001;Ach\xfbn\n")
	line++
	path := writeFile(t, "late.csv", []byte(b.String()))
	p := wantProblem(t, Read(path, Options{}, keepAll), "bad-encoding", path, "invalid UTF-8", "Ach\uFFFDn")
	if p.Row != line || p.Column != "LIBGEO" {
		t.Errorf("problem at row %d column %q, want row %d LIBGEO", p.Row, p.Column, line)
	}
}

func TestCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		name, data, kind string
		row              int
		fragments        []string
	}{
		{"empty", "", "empty-file", 0, []string{"file is empty"}},
		{"blank", "\r\n\n  \n", "empty-file", 0, []string{"file is empty"}},
		{"bom-only", "\xEF\xBB\xBF", "empty-file", 0, []string{"file is empty"}},
		{"no-key", "a;b\n1;2\n", "no-key-column", 0, []string{"no commune-code column in the first 20 lines", "CODGEO", "code_insee", "insee_com"}},
		{"key-too-low", strings.Repeat("x\n", 20) + "CODGEO\n1\n", "no-key-column", 0, nil},
		{"duplicate", "CODGEO;P18_POP;LIBGEO;P18_POP\n", "duplicate-column", 1, []string{`"P18_POP"`, "field 2 and field 4"}},
		{"long-row", "x\nCODGEO;P18_POP\n58194;1\n58001;2;3\n", "row-too-long", 4, []string{`"3"`, "field 3", "header on row 2", "at most 2"}},
		{"bad-quote", "CODGEO;LIBGEO\n58194;\"Nevers\n58001;x\n", "bad-csv", 2, []string{"noticed on line 3", "closing"}},
		{"bare-quote", "CODGEO;LIBGEO\n58194;Ne\"vers\n", "bad-csv", 2, []string{"unquoted field"}},
		{"utf16", "\xFF\xFEC\x00O\x00D\x00", "bad-encoding", 1, []string{"UTF-16"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "e.csv", []byte(tc.data))
			p := wantProblem(t, Read(path, Options{}, keepAll), tc.kind, path, tc.fragments...)
			if p.Row != tc.row {
				t.Errorf("row %d, want %d (%v)", p.Row, tc.row, p)
			}
		})
	}
	path := writeFile(t, "d.csv", []byte("CODGEO;P18_POP;P18_POP\n"))
	p := wantProblem(t, Read(path, Options{}, keepAll), "duplicate-column", path)
	if p.Column != "P18_POP" {
		t.Errorf("duplicate column %q", p.Column)
	}
}

func TestOpenErrors(t *testing.T) {
	wantProblem(t, Read("/nonexistent/t.csv", Options{}, keepAll), "cannot-open", "/nonexistent/t.csv", "cannot open")
	path := writeFile(t, "old.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"))
	wantProblem(t, Read(path, Options{}, keepAll), "legacy-xls", path, "save it as .xlsx")
	path = writeFile(t, "fake.xlsx", []byte("CODGEO;x\n1;2\n"))
	wantProblem(t, Read(path, Options{}, keepAll), "bad-archive", path, "not a valid XLSX/zip")
}

func TestCallbacks(t *testing.T) {
	path := writeFile(t, "c.csv", []byte("CODGEO;x\n1;2\n3;4\n"))
	if err := Read(path, Options{}, skipAll); err != nil {
		t.Errorf("skipping: %v", err)
	}
	stop := errors.New("caller stops")
	err := Read(path, Options{}, func(*Table) (func(Record) error, error) { return nil, stop })
	if err != stop {
		t.Errorf("visit error: got %v", err)
	}
	n := 0
	err = Read(path, Options{}, func(*Table) (func(Record) error, error) {
		return func(Record) error { n++; return stop }, nil
	})
	if err != stop || n != 1 {
		t.Errorf("record error: got %v after %d records", err, n)
	}
}

func TestXLSXINSEELayout(t *testing.T) {
	data := inseeWorkbook(t)
	check := func(t *testing.T, tables []*table, member string) {
		if len(tables) != 2 || tables[0].Sheet != "COM_2018" || tables[1].Sheet != "ARM_2018" {
			t.Fatalf("got %d tables", len(tables))
		}
		com, arm := tables[0], tables[1]
		for _, tb := range tables {
			if tb.Member != member || tb.HeaderRow != 6 || tb.Key != 0 || tb.Encoding != "" || tb.Separator != "" ||
				!reflect.DeepEqual(tb.Columns, []string{"CODGEO", "LIBGEO", "P18_POP", "MED18"}) ||
				!reflect.DeepEqual(tb.Labels, []string{"Code géographique", "Libellé géographique", "Population en 2018", "Médiane du niveau vie"}) {
				t.Errorf("%s: member %q header %d key %d columns %q labels %q", tb.Sheet, tb.Member, tb.HeaderRow, tb.Key, tb.Columns, tb.Labels)
			}
		}
		want := []Record{
			{7, []string{"01001", "L'Abergement-Clémenciat", "776", "22570.5"}},
			{8, []string{"58194", "Nevers", "33279", "s"}},
			{11, []string{"97617", "Tsingoni", "13934", ""}},
		}
		if !reflect.DeepEqual(com.Records, want) {
			t.Errorf("COM_2018 records\n got %+v\nwant %+v", com.Records, want)
		}
		if want := []Record{{7, []string{"13201", "Marseille 1er Arrondissement", "40919", "12500"}}}; !reflect.DeepEqual(arm.Records, want) {
			t.Errorf("ARM_2018 records %+v", arm.Records)
		}
	}
	t.Run("file", func(t *testing.T) {
		check(t, mustCollect(t, writeFile(t, "base-cc.xlsx", data), Options{}), "")
	})
	t.Run("zip", func(t *testing.T) {
		var skipped []string
		zipped := zipOf(t,
			member{"doc/", nil},
			member{"LISEZMOI.txt", []byte("Ce fichier contient...\n")},
			member{"base-cc.XLSX", data},
			member{"notice.pdf", []byte("%PDF-1.4")},
			member{"__MACOSX/._base-cc.XLSX", []byte{0, 5, 22, 7}},
		)
		tables := mustCollect(t, writeFile(t, "base-cc.zip", zipped), Options{Skipped: func(m, reason string) {
			skipped = append(skipped, m+": "+reason)
		}})
		check(t, tables, "base-cc.XLSX")
		want := []string{
			"LISEZMOI.txt: no commune-code column in the first 20 lines; expected a header cell named one of CODGEO, code_insee, insee_com, code_commune_insee, DEPCOM, COM, code_commune, codeinsee (case-insensitive)",
			"notice.pdf: not a CSV, TXT or XLSX file",
			"__MACOSX/._base-cc.XLSX: macOS metadata, not a table",
		}
		if !reflect.DeepEqual(skipped, want) {
			t.Errorf("skipped\n got %q\nwant %q", skipped, want)
		}
	})
}

func TestXLSXSheetSelection(t *testing.T) {
	// Filosofi-like workbook: no COM sheet, so every sheet with a key is read.
	data := workbook(t, map[string][][]any{
		"Notes":    {{"Filosofi 2019"}, {"Source : Insee"}},
		"ENSEMBLE": {{"Titre"}, {"CODGEO", "LIBGEO", "MED19"}, {"58194", "Nevers", 19240}},
		"Vide":     {},
	}, "Notes", "ENSEMBLE", "Vide")
	path := writeFile(t, "filo.xlsx", data)
	tables := mustCollect(t, path, Options{})
	if len(tables) != 1 || tables[0].Sheet != "ENSEMBLE" || tables[0].HeaderRow != 2 || tables[0].Labels != nil {
		t.Fatalf("got %d tables", len(tables))
	}
	if r := tables[0].Records; len(r) != 1 || r[0].Row != 3 || r[0].Cells[2] != "19240" {
		t.Errorf("records %+v", r)
	}
	// An explicitly selected sheet without a key column is an error.
	p := wantProblem(t, Read(path, Options{Sheet: func(s string) bool { return s == "Notes" }}, keepAll), "no-key-column", path, "first 20 rows")
	if p.Sheet != "Notes" {
		t.Errorf("sheet %q", p.Sheet)
	}
	wantProblem(t, Read(path, Options{Sheet: func(string) bool { return false }}, keepAll), "no-sheet", path, "Notes, ENSEMBLE, Vide")

	// No sheet with a key column at all.
	path = writeFile(t, "nokey.xlsx", workbook(t, map[string][][]any{"Feuil1": {{"a", "b"}, {1, 2}}}, "Feuil1"))
	wantProblem(t, Read(path, Options{}, keepAll), "no-key-column", path, "no sheet has a commune-code column", "CODGEO")
}

func TestXLSXErrors(t *testing.T) {
	data := inseeWorkbook(t)
	path := writeFile(t, "cut.xlsx", data[:len(data)/2])
	wantProblem(t, Read(path, Options{}, keepAll), "bad-archive", path, "looks truncated", "not a valid XLSX/zip")

	// The whole workbook inflates beyond a tiny cap.
	path = writeFile(t, "big.xlsx", data)
	wantProblem(t, Read(path, Options{MaxUncompressed: 1000}, keepAll), "zip-bomb", path, "inflates beyond 1000 bytes; refusing (zip bomb guard)")

	long := workbook(t, map[string][][]any{"COM": {{"CODGEO", "P18_POP"}, {"58194", 1, nil, "oops"}}}, "COM")
	path = writeFile(t, "long.xlsx", long)
	p := wantProblem(t, Read(path, Options{}, keepAll), "row-too-long", path, "column D", `"oops"`)
	if p.Sheet != "COM" || p.Row != 2 {
		t.Errorf("located at %s", p.Where())
	}
	dup := workbook(t, map[string][][]any{"COM": {{"CODGEO", "X", "X"}}}, "COM")
	path = writeFile(t, "dup.xlsx", dup)
	wantProblem(t, Read(path, Options{}, keepAll), "duplicate-column", path, "column B and column C")
}

func TestZipErrors(t *testing.T) {
	csv := []byte("CODGEO;P18_POP\n" + strings.Repeat("58194;33279\n", 200))
	zipped := zipOf(t, member{"a.csv", csv})

	path := writeFile(t, "cut.zip", zipped[:len(zipped)/2])
	wantProblem(t, Read(path, Options{}, keepAll), "bad-archive", path, "looks truncated")

	// Declared size beyond the cap.
	path = writeFile(t, "bomb.zip", zipped)
	p := wantProblem(t, Read(path, Options{MaxUncompressed: 1 << 10}, keepAll), "zip-bomb", path, "the member inflates beyond 1 KiB; refusing (zip bomb guard)")
	if p.Member != "a.csv" {
		t.Errorf("member %q", p.Member)
	}

	// A member that lies about its size: it declares 20 bytes and inflates
	// to 2,415. archive/zip refuses to inflate past the declared size.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	raw := deflate(t, csv)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "liar.csv", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(csv), CompressedSize64: uint64(len(raw)), UncompressedSize64: 20})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	zw.Close()
	path = writeFile(t, "liar.zip", buf.Bytes())
	p = wantProblem(t, Read(path, Options{}, keepAll), "bad-archive", path, "not a valid XLSX/zip")
	if p.Member != "liar.csv" {
		t.Errorf("member %q", p.Member)
	}

	// Corrupt deflate data in a member.
	corrupt := append([]byte(nil), zipped...)
	for i := 60; i < 90; i++ {
		corrupt[i] ^= 0x55
	}
	path = writeFile(t, "corrupt.zip", corrupt)
	p = wantProblem(t, Read(path, Options{}, keepAll), "bad-archive", path)
	if p.Member != "a.csv" {
		t.Errorf("member %q (%v)", p.Member, p)
	}

	// No table in the archive.
	path = writeFile(t, "none.zip", zipOf(t, member{"meta.csv", []byte("COD_VAR;LIB_VAR\n")}, member{"empty.csv", nil}))
	var skipped []string
	wantProblem(t, Read(path, Options{Skipped: func(m, _ string) { skipped = append(skipped, m) }}, keepAll),
		"no-key-column", path, "no member of the archive", "skipped: meta.csv (no commune-code column", "empty.csv (file is empty")
	if !reflect.DeepEqual(skipped, []string{"meta.csv", "empty.csv"}) {
		t.Errorf("skipped %q", skipped)
	}
	path = writeFile(t, "void.zip", zipOf(t))
	wantProblem(t, Read(path, Options{}, keepAll), "no-key-column", path, "the archive holds no file")

	// A member with a bad row is an error, located in the member.
	path = writeFile(t, "long.zip", zipOf(t, member{"t.csv", []byte("CODGEO\n1\n2;3\n")}))
	p = wantProblem(t, Read(path, Options{}, keepAll), "row-too-long", path)
	if p.Member != "t.csv" || p.Row != 3 {
		t.Errorf("located at %s", p.Where())
	}
}

// deflate compresses data with the zip package's deflater.
func deflate(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("x")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	raw.ReadFrom(rc)
	return raw.Bytes()
}

// keepAll reads every record and discards it.
func keepAll(*Table) (func(Record) error, error) {
	return func(Record) error { return nil }, nil
}

// skipAll skips every table.
func skipAll(*Table) (func(Record) error, error) { return nil, nil }

func TestDefaultSheet(t *testing.T) {
	for name, want := range map[string]bool{
		"COM": true, "ARM": true, "com": true, "COM_2018": true, "ARM_2020": true, "COM_2014": true, " COM ": true,
		"ENSEMBLE": false, "Zones_supra_communales": false, "Variables": false, "COM_18": false, "COMMUNES": false, "ARM_2018_bis": false,
	} {
		if got := DefaultSheet(name); got != want {
			t.Errorf("DefaultSheet(%q) = %v", name, got)
		}
	}
}

func TestLimitReader(t *testing.T) {
	// archive/zip already refuses to inflate past a member's declared size,
	// so this guard is tested on its own.
	for _, tc := range []struct {
		size  int
		isBig bool
	}{{999, false}, {1000, false}, {1001, true}} {
		lr := &limitReader{r: strings.NewReader(strings.Repeat("x", tc.size)), n: 1000, limit: 1000}
		_, err := io.ReadAll(lr)
		var tb tooBigError
		if errors.As(err, &tb) != tc.isBig {
			t.Errorf("%d bytes through a 1000-byte limit: %v", tc.size, err)
		}
	}
}
