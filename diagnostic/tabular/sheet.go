package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// Excel's limits: a sheet has at most 1,048,576 rows and 16,384 columns
// (XFD). Anything beyond is not a workbook Excel wrote, nor could read.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
	// maxRowBytes bounds the text of one row held in memory.
	maxRowBytes = 64 << 20
	// maxMerges bounds the merged ranges remembered for the checks.
	maxMerges = 1 << 16
)

// cellKind is what a cell holds, as far as the checks on the commune-code
// column care.
type cellKind uint8

const (
	kindEmpty cellKind = iota
	kindText
	kindNumber
	kindDate // a number shown as a date, or an ISO 8601 date cell
	kindBool
	kindError // #N/A, #DIV/0!…
)

// sheetError is a fault of the sheet's content located at a cell; the
// caller names the column from the header when it can.
type sheetError struct {
	kind     string
	row, col int // 1-based; col 0 when the fault is about the row
	msg      string
}

func (e *sheetError) Error() string { return e.msg }

// cellRange is a merged range, 1-based and inclusive.
type cellRange struct{ r1, c1, r2, c2 int }

func (m cellRange) String() string {
	return cellRef(m.r1, m.c1) + ":" + cellRef(m.r2, m.c2)
}

// cellRef formats a cell reference such as "B7".
func cellRef(row, col int) string {
	return string(appendColumnLetters(nil, col)) + strconv.Itoa(row)
}

// sheetRows streams the rows of one worksheet part, giving each as raw cell
// strings the way excelize's Rows with RawCellValue does: shared strings
// resolved, inline strings joined, numbers, booleans (1/0), errors (#N/A)
// and ISO dates as stored, the cached value of a formula. Unlike excelize it
// refuses what it cannot read faithfully (a formula without a cached value,
// a reference to a missing shared string, rows or cells out of order) and
// reports the merged ranges, found after the data.
type sheetRows struct {
	sc    *xmlScanner
	sst   []string
	dates []bool // style index → number format is a date

	started, ended bool
	row            int // number of the row just read
	cells          []string
	spans          []cellSpan
	buf            []byte   // texts of the row's non-shared cells
	watch          int      // 0-based column whose kind is reported, -1 for none
	kind           cellKind // kind of the watched cell in the current row
	merges         []cellRange
	tag            xmlTag
}

// cellSpan is one stored cell of the row: its text is buf[start:end] or
// the shared string sst.
type cellSpan struct {
	col        int
	start, end int
	sst        int // -1 when the text is in buf
}

func newSheetRows(r io.Reader, size int64, sst []string, dates []bool) *sheetRows {
	return &sheetRows{sc: newXMLScanner(r, size), sst: sst, dates: dates, watch: -1}
}

// next reads the next row present in the sheet; it returns io.EOF after the
// last one, once the whole part (merged ranges included) has been read.
func (sr *sheetRows) next() (row int, cells []string, err error) {
	sc, t := sr.sc, &sr.tag
	if !sr.started {
		sr.started = true
		for {
			if !sc.next(t) {
				if err := sc.err; err != nil {
					return 0, nil, err
				}
				return 0, nil, io.EOF // no sheetData: an empty sheet
			}
			if string(t.name) == "sheetData" && !t.close {
				if t.empty {
					sr.ended = true
					return 0, nil, sr.tail()
				}
				break
			}
		}
	}
	if sr.ended {
		return 0, nil, io.EOF
	}
	for sc.next(t) {
		switch {
		case string(t.name) == "row" && !t.close:
			return sr.readRow(t.attrs, t.empty)
		case string(t.name) == "sheetData" && t.close:
			sr.ended = true
			return 0, nil, sr.tail()
		case !t.close && !t.empty:
			if err := sc.skipElement(t.name); err != nil {
				return 0, nil, err
			}
		}
	}
	return 0, nil, sc.failure("the sheet ends before </sheetData>")
}

// tail reads what follows the rows, keeping the merged ranges, and returns
// io.EOF when the part ends cleanly.
func (sr *sheetRows) tail() error {
	sc, t := sr.sc, &sr.tag
	for sc.next(t) {
		if string(t.name) != "mergeCell" || t.close || len(sr.merges) >= maxMerges {
			continue
		}
		ref, _ := attr(t.attrs, "ref")
		if m, ok := parseRange(ref); ok {
			sr.merges = append(sr.merges, m)
		}
	}
	if sc.err != nil {
		return sc.err
	}
	return io.EOF
}

func (sr *sheetRows) readRow(attrs []byte, empty bool) (int, []string, error) {
	n := sr.row + 1
	if v, ok := attr(attrs, "r"); ok {
		r, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || r < 1 {
			return 0, nil, &sheetError{kind: "bad-archive", row: sr.row + 1, msg: fmt.Sprintf("a row is numbered %q; expected a positive row number: the file is corrupt", clip(string(v)))}
		}
		n = r
	}
	if n <= sr.row {
		return 0, nil, &sheetError{kind: "bad-archive", row: n, msg: fmt.Sprintf("row %d comes after row %d; expected rows in increasing order: the file is corrupt", n, sr.row)}
	}
	if n > maxSheetRows {
		return 0, nil, &sheetError{kind: "sheet-too-large", row: n, msg: fmt.Sprintf("the sheet has a row %d, beyond the %d rows of an Excel sheet; expected at most %d rows: the file was not written by a spreadsheet, or is corrupt", n, maxSheetRows, maxSheetRows)}
	}
	sr.row = n
	sr.buf, sr.spans, sr.kind = sr.buf[:0], sr.spans[:0], kindEmpty
	if !empty {
		if err := sr.readCells(); err != nil {
			return 0, nil, err
		}
	}
	// One string holds the row's texts; cells are slices of it or shared strings.
	whole := string(sr.buf)
	if !utf8.ValidString(whole) {
		return 0, nil, &sheetError{kind: "bad-encoding", row: n, msg: "the row holds text that is not valid UTF-8; expected UTF-8 as in every XLSX file: the file is corrupt"}
	}
	sr.cells = sr.cells[:0]
	for _, sp := range sr.spans {
		for len(sr.cells) < sp.col-1 {
			sr.cells = append(sr.cells, "")
		}
		if sp.sst >= 0 {
			sr.cells = append(sr.cells, sr.sst[sp.sst])
		} else {
			sr.cells = append(sr.cells, whole[sp.start:sp.end])
		}
	}
	return n, sr.cells, nil
}

// readCells reads the cells of the current row up to </row>.
func (sr *sheetRows) readCells() error {
	sc, t := sr.sc, &sr.tag
	col := 0
	for {
		// The fast path reads a plain cell tag in one pass; the general
		// path, any tag.
		ref, typ, style, empty, fast := sc.cellTag()
		if !fast {
			if !sc.next(t) {
				break
			}
			if string(t.name) != "c" {
				if err := sr.otherTag(); err != nil {
					return err
				}
				if string(t.name) == "row" && t.close {
					return nil
				}
				continue
			}
			if t.close {
				continue
			}
			var ok bool
			if ref, typ, style, ok = cellAttrs(t.attrs); !ok {
				return &sheetError{kind: "bad-archive", row: sr.row, msg: fmt.Sprintf("a cell of row %d has malformed attributes %q: the file is corrupt", sr.row, clip(string(t.attrs)))}
			}
			empty = t.empty
		}
		{
			c := col + 1
			if ref != nil {
				var good bool
				if c, good = refColumn(ref); !good {
					return &sheetError{kind: "bad-archive", row: sr.row, msg: fmt.Sprintf("a cell of row %d has the reference %q; expected a cell reference such as B%d: the file is corrupt", sr.row, clip(string(ref)), sr.row)}
				}
			}
			if c <= col {
				return &sheetError{kind: "bad-archive", row: sr.row, col: c, msg: fmt.Sprintf("cell %s comes after cell %s; expected cells in increasing column order: the file is corrupt", cellRef(sr.row, c), cellRef(sr.row, col))}
			}
			if c > maxSheetCols {
				return &sheetError{kind: "sheet-too-large", row: sr.row, msg: fmt.Sprintf("row %d has a cell in column %d, beyond the %d columns (XFD) of an Excel sheet: the file is corrupt", sr.row, c, maxSheetCols)}
			}
			col = c
			if empty {
				continue // a styled empty cell
			}
			if err := sr.readCell(c, typ, style); err != nil {
				return err
			}
			if len(sr.buf) > maxRowBytes {
				return &sheetError{kind: "sheet-too-large", row: sr.row, msg: fmt.Sprintf("row %d holds more than %d MiB of text; expected a table row", sr.row, maxRowBytes>>20)}
			}
		}
	}
	return sc.failure(fmt.Sprintf("the sheet ends inside row %d", sr.row))
}

// otherTag handles a tag other than <c> met inside a row, just read: the
// end of the row is fine, a new row is an error, anything else is skipped.
func (sr *sheetRows) otherTag() error {
	t := &sr.tag
	switch {
	case string(t.name) == "row" && t.close:
		return nil
	case string(t.name) == "row":
		return &sheetError{kind: "bad-archive", row: sr.row, msg: fmt.Sprintf("row %d is not closed before the next row starts: the file is corrupt", sr.row)}
	case !t.close && !t.empty:
		return sr.sc.skipElement(t.name)
	}
	return nil
}

// cellAttrs reads the attributes of a <c> tag in one pass: its reference
// (nil if absent), type and style (-1 if absent).
func cellAttrs(attrs []byte) (ref, typ []byte, style int, ok bool) {
	style = -1
	i := 0
	for {
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i == len(attrs) {
			return ref, typ, style, true
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && !isSpace(attrs[i]) {
			i++
		}
		key := attrs[start:i]
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i+1 >= len(attrs) || attrs[i] != '=' {
			return nil, nil, -1, false
		}
		i++
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || attrs[i] != '"' && attrs[i] != '\'' {
			return nil, nil, -1, false
		}
		q := attrs[i]
		i++
		vs := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		if i >= len(attrs) {
			return nil, nil, -1, false
		}
		v := attrs[vs:i]
		i++
		if len(key) == 1 {
			switch key[0] {
			case 'r':
				ref = v
			case 't':
				typ = v
			case 's':
				n := 0
				for _, d := range v {
					if d < '0' || d > '9' || n > 1<<24 {
						n = -1
						break
					}
					n = n*10 + int(d-'0')
				}
				style = n
			}
		}
	}
}

// readCell reads one <c> element after its start tag.
func (sr *sheetRows) readCell(col int, typ []byte, style int) error {
	sc, t := sr.sc, &sr.tag
	c := cellRead{col: col, style: style, start: len(sr.buf)}
	c.typ = typeName(typ)
	if c.typ == "" || c.typ == "n" || c.typ == "s" || c.typ == "str" || c.typ == "e" {
		// Fast path for the common <v>text</v></c>.
		if v, ok := sc.simpleValue(); ok {
			c.hasV = true
			c.v[0] = len(sr.buf)
			sr.buf = append(sr.buf, v...)
			c.v[1] = len(sr.buf)
			return sr.store(&c)
		}
	}
	var err error
	for sc.next(t) {
		switch string(t.name) {
		case "v":
			if t.close {
				continue
			}
			c.hasV = true
			c.v = [2]int{len(sr.buf), len(sr.buf)}
			if !t.empty {
				if sr.buf, err = sc.text(sr.buf); err != nil {
					return err
				}
				c.v[1] = len(sr.buf)
			}
		case "f":
			if t.close {
				continue
			}
			c.hasF = true
			if !t.empty {
				if err := sc.skipElement(t.name); err != nil {
					return err
				}
			}
		case "is":
			if t.close {
				continue
			}
			c.hasIS = true
			c.is = [2]int{len(sr.buf), len(sr.buf)}
			if !t.empty {
				if err := sr.readInline(); err != nil {
					return err
				}
				c.is[1] = len(sr.buf)
			}
		case "c":
			if !t.close {
				return &sheetError{kind: "bad-archive", row: sr.row, col: col, msg: fmt.Sprintf("cell %s is not closed before the next cell: the file is corrupt", cellRef(sr.row, col))}
			}
			return sr.store(&c)
		default:
			if !t.close && !t.empty {
				if err := sc.skipElement(t.name); err != nil {
					return err
				}
			}
		}
	}
	return sc.failure("the sheet ends inside cell " + cellRef(sr.row, col))
}

// typeName returns the cell type as one of the constant strings, so it can
// be kept without allocating.
func typeName(t []byte) string {
	switch string(t) {
	case "":
		return ""
	case "n":
		return "n"
	case "s":
		return "s"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "e":
		return "e"
	case "d":
		return "d"
	}
	return "?"
}

// cellRead is what was read of one cell; v and is are the spans of buf
// holding the texts of <v> and <is>.
type cellRead struct {
	col, style        int
	typ               string
	hasV, hasF, hasIS bool
	start             int
	v, is             [2]int
}

// readInline reads an inline string (<is>) after its start tag, appending
// its text to buf: the plain text and the runs, not the phonetic hints.
func (sr *sheetRows) readInline() error {
	sc, t := sr.sc, &sr.tag
	from := len(sr.buf)
	for sc.next(t) {
		switch string(t.name) {
		case "is":
			if t.close {
				sr.buf = unescapeXString(sr.buf, from)
				return nil
			}
		case "t":
			if !t.close && !t.empty {
				var err error
				if sr.buf, err = sc.text(sr.buf); err != nil {
					return err
				}
			}
		case "rPh":
			if !t.close && !t.empty {
				if err := sc.skipElement(t.name); err != nil {
					return err
				}
			}
		}
	}
	return sc.failure("the sheet ends inside an inline string")
}

// store records the cell's value, leaving in buf only its text.
func (sr *sheetRows) store(c *cellRead) error {
	if c.hasF && !c.hasV {
		sr.buf = sr.buf[:c.start]
		return &sheetError{kind: "formula-without-value", row: sr.row, col: c.col, msg: fmt.Sprintf("cell %s holds a formula whose value was never calculated (the file was written by a program, not saved by a spreadsheet); expected values: open the file in a spreadsheet and save it, or paste the cells as values", cellRef(sr.row, c.col))}
	}
	kind, text := kindNumber, c.v
	switch c.typ {
	case "s":
		v := bytes.TrimSpace(sr.buf[c.v[0]:c.v[1]])
		sr.buf = sr.buf[:c.start]
		if len(v) == 0 {
			return nil
		}
		i, err := strconv.Atoi(string(v))
		if err != nil || i < 0 || i >= len(sr.sst) {
			return &sheetError{kind: "bad-archive", row: sr.row, col: c.col, msg: fmt.Sprintf("cell %s refers to shared string %q but the workbook has %d; expected an intact workbook: the file is corrupt", cellRef(sr.row, c.col), clip(string(v)), len(sr.sst))}
		}
		if sr.sst[i] == "" {
			return nil
		}
		if c.col-1 == sr.watch {
			sr.kind = kindText
		}
		sr.spans = append(sr.spans, cellSpan{col: c.col, sst: i})
		return nil
	case "inlineStr":
		kind = kindText
		if c.hasIS {
			text = c.is
		}
	case "str":
		kind = kindText
	case "b":
		kind = kindBool
	case "e":
		kind = kindError
	case "d":
		kind = kindDate
	default:
		if c.style >= 0 && c.style < len(sr.dates) && sr.dates[c.style] {
			kind = kindDate
		}
	}
	n := text[1] - text[0]
	if text[0] != c.start {
		copy(sr.buf[c.start:], sr.buf[text[0]:text[1]])
	}
	sr.buf = sr.buf[:c.start+n]
	if n == 0 {
		return nil
	}
	if c.col-1 == sr.watch {
		sr.kind = kind
	}
	sr.spans = append(sr.spans, cellSpan{col: c.col, start: c.start, end: c.start + n, sst: -1})
	return nil
}

// refColumn reads the column of a cell reference ("AB12" → 28); the row
// digits are not checked against the row, as Excel does not either.
func refColumn(ref []byte) (int, bool) {
	ref = bytes.TrimSpace(ref)
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > maxSheetCols*26 {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for _, d := range ref[i:] {
		if d < '0' || d > '9' {
			return 0, false
		}
	}
	return col, true
}

// parseRange reads "B6:C6" (or a single cell "B6") into a range.
func parseRange(ref []byte) (cellRange, bool) {
	a, b, found := bytes.Cut(bytes.TrimSpace(ref), []byte(":"))
	if !found {
		b = a
	}
	r1, c1, ok1 := parseCell(a)
	r2, c2, ok2 := parseCell(b)
	if !ok1 || !ok2 {
		return cellRange{}, false
	}
	return cellRange{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}, true
}

func parseCell(ref []byte) (row, col int, ok bool) {
	ref = bytes.ReplaceAll(ref, []byte("$"), nil)
	col, ok = refColumn(ref)
	if !ok {
		return 0, 0, false
	}
	i := bytes.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	row, err := strconv.Atoi(string(ref[i:]))
	return row, col, err == nil && row > 0
}

// appendColumnLetters appends the letters of 1-based column n (28 → AB).
func appendColumnLetters(b []byte, n int) []byte {
	var tmp [8]byte
	i := len(tmp)
	for n > 0 && i > 0 {
		n--
		i--
		tmp[i] = byte('A' + n%26)
		n /= 26
	}
	return append(b, tmp[i:]...)
}

// unescapeXString decodes, in b[from:], the _xHHHH_ escapes Excel writes
// for characters XML cannot hold (_x000D_ is a carriage return, _x005F_ a
// literal underscore, so _x005F_x0041_ is the text "_x0041_").
func unescapeXString(b []byte, from int) []byte {
	s := b[from:]
	if bytes.Index(s, []byte("_x")) < 0 {
		return b
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			v, _ := strconv.ParseUint(string(s[i+2:i+6]), 16, 16)
			r := rune(v)
			switch {
			case r == '_':
				out = append(out, '_')
			case r >= 0xD800 && r <= 0xDBFF && i+14 <= len(s) && s[i+7] == '_' && s[i+8] == 'x' && s[i+13] == '_' && isHex4(s[i+9:i+13]):
				lo, _ := strconv.ParseUint(string(s[i+9:i+13]), 16, 16)
				if lo >= 0xDC00 && lo <= 0xDFFF {
					out = utf8.AppendRune(out, 0x10000+(r-0xD800)<<10+rune(lo)-0xDC00)
					i += 14
					continue
				}
				out = append(out, s[i:i+7]...)
			case r >= 0xD800 && r <= 0xDFFF:
				out = append(out, s[i:i+7]...)
			default:
				out = utf8.AppendRune(out, r)
			}
			i += 7
			continue
		}
		out = append(out, s[i])
		i++
	}
	return append(b[:from], out...)
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// errorsAsSheet unwraps a sheetError.
func errorsAsSheet(err error) (*sheetError, bool) {
	var se *sheetError
	ok := errors.As(err, &se)
	return se, ok
}
