package synth

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Styles of the cells a Workbook writes; the indices are those of the
// cellXfs of its styles.xml.
const (
	StyleDefault = 0 // General
	StyleText    = 1 // "@": codes stay text when typed over
	StyleTitle   = 2 // bold, for the title rows
	StyleDate    = 3 // built-in format 14 (a short date), the trap of a code typed as a date
)

// zipTime dates every member, so two runs give the same bytes.
var zipTime = time.Date(2024, 6, 27, 12, 0, 0, 0, time.UTC)

// Workbook writes an XLSX file as Excel lays it out (shared strings, cell
// references on every row and cell), streaming each sheet to the archive
// so a sheet of any size costs the memory of one row; only the shared
// strings are held until Close. Sheets are written one after the other.
type Workbook struct {
	zw     *zip.Writer
	sheets []string
	sst    map[string]int
	list   []string
	cur    *Sheet
	err    error
}

// NewWorkbook starts a workbook written to w; level is a compress/flate
// level (flate.BestSpeed is several times faster than Excel's default,
// flate.DefaultCompression closest to Excel's files).
func NewWorkbook(w io.Writer, level int) *Workbook {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, level)
	})
	return &Workbook{zw: zw, sst: map[string]int{}}
}

// Sheet ends the current sheet, if any, and starts a new one.
func (wb *Workbook) Sheet(name string) *Sheet {
	wb.endSheet()
	wb.sheets = append(wb.sheets, name)
	s := &Sheet{wb: wb, name: name}
	if wb.err == nil {
		var w io.Writer
		w, wb.err = wb.create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(wb.sheets)))
		s.bw = bufio.NewWriterSize(w, 256<<10)
		s.raw(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="12.75"/><sheetData>`)
	}
	wb.cur = s
	return s
}

func (wb *Workbook) create(name string) (io.Writer, error) {
	return wb.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
}

func (wb *Workbook) endSheet() {
	s := wb.cur
	if s == nil {
		return
	}
	wb.cur = nil
	s.EndRow()
	s.raw(`</sheetData>`)
	if len(s.merges) > 0 {
		s.raw(fmt.Sprintf(`<mergeCells count="%d">`, len(s.merges)))
		for _, m := range s.merges {
			s.raw(`<mergeCell ref="` + m + `"/>`)
		}
		s.raw(`</mergeCells>`)
	}
	s.raw(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if wb.err == nil {
		wb.err = s.bw.Flush()
	}
}

// Close ends the last sheet and writes the shared strings, styles and the
// workbook parts.
func (wb *Workbook) Close() error {
	wb.endSheet()
	if len(wb.sheets) == 0 && wb.err == nil {
		wb.err = errors.New("synth: a workbook needs at least one sheet")
	}
	var b strings.Builder
	part := func(name, content string) {
		if wb.err != nil {
			return
		}
		var w io.Writer
		if w, wb.err = wb.create(name); wb.err == nil {
			_, wb.err = io.WriteString(w, content)
		}
	}
	b.WriteString(xmlHeader + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="` + strconv.Itoa(len(wb.list)) + `" uniqueCount="` + strconv.Itoa(len(wb.list)) + `">`)
	for _, s := range wb.list {
		b.WriteString(`<si><t`)
		if s != strings.TrimSpace(s) {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteString(`>`)
		b.WriteString(escape(s))
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	part("xl/sharedStrings.xml", b.String())
	part("xl/styles.xml", stylesXML)

	b.Reset()
	b.WriteString(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192"/></bookViews><sheets>`)
	for i, name := range wb.sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escape(name), i+1, i+1)
	}
	b.WriteString(`</sheets><calcPr calcId="191029"/></workbook>`)
	part("xl/workbook.xml", b.String())

	b.Reset()
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range wb.sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	n := len(wb.sheets)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, n+2)
	b.WriteString(`</Relationships>`)
	part("xl/_rels/workbook.xml.rels", b.String())

	part("_rels/.rels", xmlHeader+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)

	b.Reset()
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	for i := range wb.sheets {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
	}
	b.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	part("[Content_Types].xml", b.String())
	if err := wb.zw.Close(); wb.err == nil {
		wb.err = err
	}
	return wb.err
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"

// stylesXML declares the four styles of the Style constants.
const stylesXML = xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="10"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="10"/><name val="Arial"/><family val="2"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// Sheet receives the rows of one worksheet, in increasing order.
type Sheet struct {
	wb     *Workbook
	name   string
	bw     *bufio.Writer
	row    int    // current row number, 0 before the first
	col    int    // cells written in the current row
	buf    []byte // scratch for one cell
	merges []string
	open   bool
}

func (s *Sheet) raw(x string) {
	if s.wb.err == nil && s.bw != nil {
		_, s.wb.err = s.bw.WriteString(x)
	}
}

func (s *Sheet) write(b []byte) {
	if s.wb.err == nil && s.bw != nil {
		_, s.wb.err = s.bw.Write(b)
	}
}

// Row starts row number n (1-based, greater than the previous one), ending
// the previous row; rows not started are absent from the file, as Excel
// leaves empty rows out.
func (s *Sheet) Row(n int) {
	if n <= s.row {
		if s.wb.err == nil {
			s.wb.err = fmt.Errorf("synth: row %d after row %d in sheet %s", n, s.row, s.name)
		}
		return
	}
	s.EndRow()
	s.row, s.col, s.open = n, 0, true
	s.buf = append(s.buf[:0], `<row r="`...)
	s.buf = strconv.AppendInt(s.buf, int64(n), 10)
	s.buf = append(s.buf, `">`...)
	s.write(s.buf)
}

// EndRow closes the current row (Row and the workbook's Close do it too).
func (s *Sheet) EndRow() {
	if s.open {
		s.raw(`</row>`)
		s.open = false
	}
}

// Skip leaves the next n cells of the row empty (absent from the XML).
func (s *Sheet) Skip(n int) { s.col += n }

func (s *Sheet) cellStart(style int, typ string) {
	s.col++
	s.buf = append(s.buf[:0], `<c r="`...)
	s.buf = AppendColumn(s.buf, s.col)
	s.buf = strconv.AppendInt(s.buf, int64(s.row), 10)
	s.buf = append(s.buf, '"')
	if style != 0 {
		s.buf = append(s.buf, ` s="`...)
		s.buf = strconv.AppendInt(s.buf, int64(style), 10)
		s.buf = append(s.buf, '"')
	}
	if typ != "" {
		s.buf = append(s.buf, ` t="`...)
		s.buf = append(s.buf, typ...)
		s.buf = append(s.buf, '"')
	}
	s.buf = append(s.buf, '>')
}

// Text writes a text cell through the shared strings table, as Excel does.
func (s *Sheet) Text(v string, style int) {
	i, ok := s.wb.sst[v]
	if !ok {
		i = len(s.wb.list)
		s.wb.sst[v] = i
		s.wb.list = append(s.wb.list, v)
	}
	s.cellStart(style, "s")
	s.buf = append(s.buf, `<v>`...)
	s.buf = strconv.AppendInt(s.buf, int64(i), 10)
	s.buf = append(s.buf, `</v></c>`...)
	s.write(s.buf)
}

// InlineText writes a text cell held in the sheet itself (t="inlineStr"),
// as some exporters do instead of shared strings.
func (s *Sheet) InlineText(v string, style int) {
	s.cellStart(style, "inlineStr")
	s.buf = append(s.buf, `<is><t>`...)
	s.buf = append(s.buf, escape(v)...)
	s.buf = append(s.buf, `</t></is></c>`...)
	s.write(s.buf)
}

// Number writes a numeric cell in the shortest form that reads back as v.
func (s *Sheet) Number(v float64, style int) {
	s.cellStart(style, "")
	s.buf = append(s.buf, `<v>`...)
	s.buf = AppendNumber(s.buf, v)
	s.buf = append(s.buf, `</v></c>`...)
	s.write(s.buf)
}

// Raw writes a cell of type typ ("", "n", "e", "b", "str", "d") with the
// given formula (none when empty) and cached value; hasValue false leaves
// the <v> element out, as a formula never calculated.
func (s *Sheet) Raw(typ, formula, value string, hasValue bool, style int) {
	s.cellStart(style, typ)
	if formula != "" {
		s.buf = append(s.buf, `<f>`...)
		s.buf = append(s.buf, escape(formula)...)
		s.buf = append(s.buf, `</f>`...)
	}
	if hasValue {
		s.buf = append(s.buf, `<v>`...)
		s.buf = append(s.buf, escape(value)...)
		s.buf = append(s.buf, `</v>`...)
	}
	s.buf = append(s.buf, `</c>`...)
	s.write(s.buf)
}

// Merge records a merged range such as "B6:C6", written after the data.
func (s *Sheet) Merge(ref string) { s.merges = append(s.merges, ref) }

// AppendNumber appends v the way spreadsheets store numbers: the shortest
// decimal that reads back as v, without exponent for ordinary magnitudes.
func AppendNumber(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	if a := math.Abs(v); a >= 1e-4 && a < 1e15 {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	return strconv.AppendFloat(b, v, 'E', -1, 64)
}

// AppendColumn appends the letters of 1-based column n (1 → A, 27 → AA).
func AppendColumn(b []byte, n int) []byte {
	var tmp [4]byte
	i := len(tmp)
	for n > 0 {
		n--
		i--
		tmp[i] = byte('A' + n%26)
		n /= 26
	}
	return append(b, tmp[i:]...)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escape(s string) string { return xmlEscaper.Replace(s) }
