package tabular_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/tabular"
	"github.com/diagnum/diagnum/testdata/gen/synth"
)

// The bad-input corpus of testdata/bad: small files, committed, each with
// the exact error it must give (see testdata/bad/README.md). The large
// cases (a 2 GB file, a sheet of 1,048,576 rows) are generated at test
// time. `go test ./diagnostic/tabular -run TestBadCorpus -update-corpus`
// rewrites the committed files from the builders below.

var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/bad from the corpus builders")

const corpusDir = "../../testdata/bad"

// inseeSheet is a COM_2021 sheet in INSEE's layout (rows 1-4 metadata, row
// 5 labels, row 6 codes) followed by the given data rows, SYNTHETIC.
func inseeSheet(header []string, data string, tail string) rawSheet {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, meta := range []string{"Évolution et structure de la population en 2021", "France - Communes", "Géographie au 01/01/2026",
		"Source : Insee, RP2021 — SYNTHETIC test data of diagnum, not INSEE figures"} {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>`, i+1, i+1, meta)
	}
	for r, cells := range [][]string{labelsFor(header), header} {
		fmt.Fprintf(&b, `<row r="%d">`, r+5)
		for c, v := range cells {
			fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, col(c+1), r+5, v)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(data)
	b.WriteString(`</sheetData>` + tail + `</worksheet>`)
	return rawSheet{name: "COM_2021", xml: b.String(), whole: true}
}

func labelsFor(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = "Libellé " + h
	}
	return out
}

func col(n int) string { return string(synth.AppendColumn(nil, n)) }

// corpusFile is one file of testdata/bad: how to build it and the error it
// gives (kind "" when it must read without error).
type corpusFile struct {
	name  string
	build func(t testing.TB) []byte
	opt   tabular.Options
	want  problem.Problem // Kind, Sheet, Member, Row, Column checked
	frags []string        // fragments of the message
	check func(t *testing.T, tables []readTable)
}

// readTable is a table and its records as read.
type readTable struct {
	tabular.Table
	records []tabular.Record
}

var popHeader = []string{"CODGEO", "LIBGEO", "P21_POP", "P21_H65P", "P21_F65P"}

func corpus() []corpusFile {
	workbook := func(data, tail string) func(testing.TB) []byte {
		return func(t testing.TB) []byte { return rawWorkbook(t, nil, inseeSheet(popHeader, data, tail)) }
	}
	good := `<row r="7"><c r="A7" t="inlineStr"><is><t>58194</t></is></c><c r="B7" t="inlineStr"><is><t>Nevers</t></is></c><c r="C7"><v>33279</v></c><c r="D7"><v>4153.5</v></c><c r="E7"><v>5612.25</v></c></row>`
	return []corpusFile{
		{name: "truncated.xlsx", build: func(t testing.TB) []byte {
			b := rawWorkbook(t, nil, inseeSheet(popHeader, good, ""))
			return b[:len(b)*6/10]
		}, want: problem.Problem{Kind: "bad-archive"}, frags: []string{"looks truncated", "download it again"}},

		{name: "truncated.zip", build: func(t testing.TB) []byte {
			b := zipWith(t, "base-cc.csv", []byte("CODGEO;P21_POP\r\n"+strings.Repeat("58194;33279\r\n", 300)))
			return b[:len(b)/2]
		}, want: problem.Problem{Kind: "bad-archive"}, frags: []string{"looks truncated"}},

		{name: "bomb-declared.xlsx", build: declaredBomb,
			want: problem.Problem{Kind: "zip-bomb"}, frags: []string{"part xl/worksheets/sheet1.xml of the workbook inflates beyond 2 GiB; refusing (zip bomb guard)"}},

		{name: "bomb-overlap.zip", build: overlapBomb,
			want: problem.Problem{Kind: "zip-bomb"}, frags: []string{"members a.csv and b.csv share their compressed data", "zip bomb"}},

		// 17 MiB of zeros after a header: a 16 KiB file. Read with a 1 MiB
		// cap it is a bomb; read with the default cap, its one record is
		// too long to be a table row.
		{name: "bomb-17MiB.zip", build: func(t testing.TB) []byte {
			return zipWith(t, "data.csv", append([]byte("CODGEO;P21_POP\n"), bytes.Repeat([]byte("0"), 17<<20)...))
		}, opt: tabular.Options{MaxUncompressed: 1 << 20},
			want: problem.Problem{Kind: "zip-bomb", Member: "data.csv"}, frags: []string{"the member inflates beyond 1 MiB; refusing (zip bomb guard)"}},
		{name: "bomb-17MiB.zip",
			want: problem.Problem{Kind: "record-too-long", Member: "data.csv", Row: 2}, frags: []string{"more than 16 MiB without ending"}},

		{name: "rows-beyond-limit.xlsx", build: workbook(good+`<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>58001</t></is></c></row>`, ""),
			want: problem.Problem{Kind: "sheet-too-large", Sheet: "COM_2021", Row: 1048577}, frags: []string{"beyond the 1048576 rows of an Excel sheet"}},

		{name: "merged-header.xlsx", build: workbook(good, `<mergeCells count="2"><mergeCell ref="A1:E1"/><mergeCell ref="D6:E6"/></mergeCells>`),
			want: problem.Problem{Kind: "merged-cells", Sheet: "COM_2021", Row: 6, Column: "P21_H65P"}, frags: []string{"header cells D6:E6 are merged", "Unmerge"}},

		{name: "merged-data.xlsx", build: workbook(good+`<row r="8"><c r="A8" t="inlineStr"><is><t>58001</t></is></c><c r="C8"><v>132</v></c></row><row r="9"><c r="C9"><v>151</v></c></row>`,
			`<mergeCells count="1"><mergeCell ref="A8:A9"/></mergeCells>`),
			want: problem.Problem{Kind: "merged-cells", Sheet: "COM_2021", Row: 8, Column: "CODGEO"}, frags: []string{"data cells A8:A9 are merged", "read as empty"}},

		{name: "formula-no-value.xlsx", build: workbook(good+`<row r="8"><c r="A8" t="inlineStr"><is><t>58001</t></is></c><c r="C8"><f>D8+E8</f></c><c r="D8"><v>30</v></c><c r="E8"><v>40</v></c></row>`, ""),
			want: problem.Problem{Kind: "formula-without-value", Sheet: "COM_2021", Row: 8, Column: "P21_POP"}, frags: []string{"cell C8 holds a formula whose value was never calculated", "save it"}},

		{name: "formulas-cached.xlsx", build: workbook(good+`<row r="8"><c r="A8" t="str"><f>TEXT(58001,"00000")</f><v>58001</v></c><c r="C8"><f>D8+E8</f><v>70</v></c><c r="D8"><v>30</v></c><c r="E8"><f t="shared" ref="E8:E9" si="0">D8+10</f><v>40</v></c></row>`, ""),
			check: func(t *testing.T, tables []readTable) {
				r := tables[0].records[1]
				if r.Row != 8 || r.Cells[0] != "58001" || r.Cells[2] != "70" || r.Cells[4] != "40" {
					t.Errorf("formulas read as %d %q, want their cached values", r.Row, r.Cells)
				}
			}},

		{name: "date-code.xlsx", build: workbook(good+`<row r="8"><c r="A8" s="2"><v>36892</v></c><c r="C8"><v>132</v></c></row>`, ""),
			want: problem.Problem{Kind: "date-in-code-column", Sheet: "COM_2021", Row: 8, Column: "CODGEO"}, frags: []string{"01/01/2001, stored as the day number 36892", "format the column as Text"}},

		{name: "date-code-iso.xlsx", build: workbook(good+`<row r="8"><c r="A8" t="d"><v>2001-01-01T00:00:00</v></c><c r="C8"><v>132</v></c></row>`, ""),
			want: problem.Problem{Kind: "date-in-code-column", Sheet: "COM_2021", Row: 8, Column: "CODGEO"}, frags: []string{"(2001-01-01T00:00:00)"}},

		// A code stored as a number (leading zero lost, shown back by the
		// format 00000) is read as its number text; ingest restores the zero.
		{name: "number-code.xlsx", build: workbook(`<row r="7"><c r="A7" s="4"><v>1001</v></c><c r="B7" t="inlineStr"><is><t>L'Abergement-Clémenciat</t></is></c><c r="C7"><v>859</v></c></row>`, ""),
			check: func(t *testing.T, tables []readTable) {
				if r := tables[0].records[0]; r.Cells[0] != "1001" {
					t.Errorf("numeric code read as %q, want 1001", r.Cells[0])
				}
			}},

		// Missing-value markers are values, not errors: #N/A is an error
		// cell, s (secret) and nd (not available) are text; ingest reads
		// them as missing.
		{name: "markers.xlsx", build: workbook(good+`<row r="8"><c r="A8" t="inlineStr"><is><t>58001</t></is></c><c r="B8" t="inlineStr"><is><t>Achun</t></is></c><c r="C8" t="e"><f>NA()</f><v>#N/A</v></c><c r="D8" t="inlineStr"><is><t>s</t></is></c><c r="E8" t="inlineStr"><is><t>nd</t></is></c></row>`, ""),
			check: func(t *testing.T, tables []readTable) {
				r := tables[0].records[1]
				if got := strings.Join(r.Cells, "|"); got != "58001|Achun|#N/A|s|nd" {
					t.Errorf("markers read as %q", got)
				}
				for _, c := range r.Cells[2:] {
					if _, missing, err := tabular.ParseNumber(c); !missing || err != nil {
						t.Errorf("ParseNumber(%q) = missing %v, %v; want missing", c, missing, err)
					}
				}
			}},

		{name: "negative-count.csv", build: func(testing.TB) []byte {
			return []byte("CODGEO;P21_POP;P21_ACT1564;P21_CHOM1564\r\n58194;33279;14873.5;-12\r\n58001;132;61;4\r\n")
		}}, // read by tabular; the error is ingest's (diagnostic/ingest corpus test)

		{name: "duplicate-conflict.csv", build: func(testing.TB) []byte {
			return []byte("CODGEO;P21_POP;P21_ACT1564;P21_CHOM1564\r\n58194;33279;14873.5;1870.25\r\n58001;132;61;4\r\n58194;33280;14873.5;1870.25\r\n")
		}},

		{name: "mixed-utf8-then-1252.csv", build: func(testing.TB) []byte {
			var b strings.Builder
			b.WriteString("CODGEO;LIBGEO;P21_POP\n")
			for b.Len() < 70<<10 {
				b.WriteString("58194;Nevers é;33279\n")
			}
			b.WriteString("58001;Ach\xfbn;132\n")
			return []byte(b.String())
		}, want: problem.Problem{Kind: "bad-encoding", Row: 3260, Column: "LIBGEO"}, frags: []string{"invalid UTF-8", "re-save it as UTF-8"}},

		{name: "mixed-1252-then-utf8.csv", build: func(t testing.TB) []byte {
			head, err := charmap.Windows1252.NewEncoder().String("CODGEO;LIBGEO;P21_POP\r\n58194;Nevers;33279\r\n21153;Châtellenot;125\r\n")
			if err != nil {
				t.Fatal(err)
			}
			return []byte(head + "38130;La Côte-Saint-André;4890\r\n")
		}, want: problem.Problem{Kind: "bad-encoding", Row: 4}, frags: []string{"mixed encodings", "Windows-1252", "re-save it as UTF-8"}},

		{name: "utf16.csv", build: func(testing.TB) []byte {
			return []byte("\xFF\xFEC\x00O\x00D\x00G\x00E\x00O\x00\n\x00")
		}, want: problem.Problem{Kind: "bad-encoding", Row: 1}, frags: []string{"UTF-16"}},

		{name: "legacy.xls", build: func(testing.TB) []byte {
			return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
		}, want: problem.Problem{Kind: "legacy-xls"}, frags: []string{"save it as .xlsx"}},
	}
}

// zipWith is an archive of one deflated member.
func zipWith(t testing.TB, name string, data []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// declaredBomb is a tiny workbook whose sheet declares 3 GiB once inflated.
func declaredBomb(t testing.TB) []byte {
	good := rawWorkbook(t, nil, inseeSheet(popHeader, "", ""))
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		raw, err := zf.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		h := zf.FileHeader
		if zf.Name == "xl/worksheets/sheet1.xml" {
			h.UncompressedSize64 = 3 << 30
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		var data bytes.Buffer
		data.ReadFrom(raw)
		w.Write(data.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// overlapBomb is an archive whose two members point at the same compressed
// data, as overlapping zip bombs do (with thousands of members).
func overlapBomb(t testing.TB) []byte {
	data := []byte("CODGEO;P21_POP\n58194;33279\n")
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"a.csv", "b.csv"} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(len(data))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// Point b.csv's central directory entry at a.csv's local header.
	central := bytes.Index(b, []byte("PK\x01\x02"))
	second := central + 4 + bytes.Index(b[central+4:], []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(b[second+42:], 0)
	return b
}

func TestBadCorpus(t *testing.T) {
	if *updateCorpus {
		for _, c := range corpus() {
			if c.build == nil {
				continue
			}
			if err := os.WriteFile(filepath.Join(corpusDir, c.name), c.build(t), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, c := range corpus() {
		t.Run(fmt.Sprintf("%02d-%s", i, c.name), func(t *testing.T) {
			path := filepath.Join(corpusDir, c.name)
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("corpus file missing (run with -update-corpus): %v", err)
			}
			var tables []readTable
			err := tabular.Read(path, c.opt, func(tb *tabular.Table) (func(tabular.Record) error, error) {
				tables = append(tables, readTable{Table: *tb})
				rt := &tables[len(tables)-1]
				return func(r tabular.Record) error {
					rt.records = append(rt.records, tabular.Record{Row: r.Row, Cells: append([]string(nil), r.Cells...)})
					return nil
				}, nil
			})
			if c.want.Kind == "" {
				if err != nil {
					t.Fatalf("want no error, got %v", err)
				}
				if c.check != nil {
					c.check(t, tables)
				}
				return
			}
			expectProblem(t, err, path, c.want, c.frags...)
		})
	}
}

// expectProblem checks err is the located problem want (kind, file, member,
// sheet, row, column) with every fragment in its message.
func expectProblem(t *testing.T, err error, path string, want problem.Problem, frags ...string) {
	t.Helper()
	var p problem.Problem
	if !errors.As(err, &p) {
		t.Fatalf("got %v (%T), want a %s problem", err, err, want.Kind)
	}
	if p.Severity != problem.Error || p.Kind != want.Kind || p.File != path || p.Member != want.Member || p.Sheet != want.Sheet || p.Row != want.Row || p.Column != want.Column {
		t.Errorf("got %s %q at %q member %q sheet %q row %d column %q\n want error %q member %q sheet %q row %d column %q\n message: %s",
			p.Severity, p.Kind, p.File, p.Member, p.Sheet, p.Row, p.Column, want.Kind, want.Member, want.Sheet, want.Row, want.Column, p.Message)
	}
	for _, f := range frags {
		if !strings.Contains(p.Message, f) {
			t.Errorf("message %q lacks %q", p.Message, f)
		}
	}
}

// TestTwoGigabyteFile reads a 2 GiB file (sparse on disk: a header, then
// zeros, no line end) and must stop after one bounded record, having
// allocated far less than the file.
func TestTwoGigabyteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dump-2GiB.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("CODGEO;P21_POP\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 30); err != nil {
		t.Skipf("cannot make a 2 GiB sparse file here: %v", err)
	}
	f.Close()
	before := totalAlloc()
	err = tabular.Read(path, tabular.Options{}, func(*tabular.Table) (func(tabular.Record) error, error) {
		return func(tabular.Record) error { return nil }, nil
	})
	allocated := totalAlloc() - before
	expectProblem(t, err, path, problem.Problem{Kind: "record-too-long", Row: 2}, "more than 16 MiB without ending")
	// encoding/csv holds the record being read, and copies it once or
	// twice as it grows: a bounded multiple of the 16 MiB cap, not the file.
	if allocated > 256<<20 {
		t.Errorf("reading allocated %d MiB for a 2 GiB file; want a bounded read (< 256 MiB)", allocated>>20)
	}

	// Without any line end at all, the header search stops at 1 MiB.
	path = filepath.Join(t.TempDir(), "zeros-2GiB.bin")
	if f, err = os.Create(path); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 30); err != nil {
		t.Skipf("cannot make a 2 GiB sparse file here: %v", err)
	}
	f.Close()
	err = tabular.Read(path, tabular.Options{}, func(*tabular.Table) (func(tabular.Record) error, error) { return nil, nil })
	expectProblem(t, err, path, problem.Problem{Kind: "record-too-long", Row: 1}, "longer than 1 MiB without a line end")
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// TestMaxRowsSheet reads a sheet of exactly 1,048,576 rows, Excel's limit,
// in bounded memory (row 1,048,577 is refused: rows-beyond-limit.xlsx).
func TestMaxRowsSheet(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 1,048,576-row sheet (about 10 s)")
	}
	path := filepath.Join(t.TempDir(), "rows-1048576.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	wb := synth.NewWorkbook(f, flate.BestSpeed)
	s := wb.Sheet("COM_2021")
	s.Row(1)
	s.Text("CODGEO", synth.StyleDefault)
	s.Text("P21_POP", synth.StyleDefault)
	for r := 2; r <= 1<<20; r++ {
		s.Row(r)
		s.InlineText(fmt.Sprintf("%05d", 1000+r%90000), synth.StyleText)
		s.Number(float64(r%5000)+0.25, synth.StyleDefault)
	}
	if err := wb.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	runtime.GC()
	var peak uint64
	rows, last := 0, 0
	err = tabular.Read(path, tabular.Options{}, func(*tabular.Table) (func(tabular.Record) error, error) {
		return func(r tabular.Record) error {
			rows++
			last = r.Row
			if rows%(1<<16) == 0 {
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
			return nil
		}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows != 1<<20-1 || last != 1<<20 {
		t.Errorf("read %d records up to row %d, want %d up to row %d", rows, last, 1<<20-1, 1<<20)
	}
	if peak > 64<<20 {
		t.Errorf("heap in use reached %d MiB reading the sheet; want it flat (< 64 MiB)", peak>>20)
	}
	t.Logf("1,048,576 rows read, heap in use at most %d MiB", peak>>20)
}
