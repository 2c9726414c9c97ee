package tabular

import (
	"archive/zip"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// readXLSX streams the selected sheets of a workbook. Only the parts of the
// sheets read are inflated, each once, straight into the row scanner; the
// shared strings are decoded once for all sheets.
func (rd *reader) readXLSX(l loc, zr *zip.Reader) error {
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if zf.UncompressedSize64 > uint64(rd.limit) {
			return tooBigError{what: "part " + zf.Name + " of the workbook", limit: rd.limit}.problem(l)
		}
		if total > uint64(rd.limit) {
			return tooBigError{what: "the workbook", limit: rd.limit}.problem(l)
		}
	}
	wb, err := openWorkbook(zr, rd.limit)
	if err != nil {
		return archiveProblem(l, 0, "the workbook", err)
	}
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	choose, strict := rd.opt.Sheet, true
	if choose == nil {
		choose = DefaultSheet
		strict = false
		for _, s := range names {
			if DefaultSheet(s) {
				strict = true
				break
			}
		}
	}
	var selected []sheetPart
	for _, s := range wb.sheets {
		if !strict || choose(s.name) {
			selected = append(selected, s)
		}
	}
	if len(selected) == 0 {
		return l.problem("no-sheet", 0, "", fmt.Sprintf("no sheet of the workbook is selected; its sheets are %s", strings.Join(names, ", ")))
	}
	var sst []string
	var dates []bool
	loaded := false
	found := 0
	for _, s := range selected {
		sl := loc{file: l.file, member: l.member, sheet: s.name}
		if s.part != "" && !loaded {
			loaded = true
			if sst, err = wb.sharedStrings(); err != nil {
				return archiveProblem(l, 0, "the shared strings of the workbook", err)
			}
			if dates, err = wb.dateStyles(); err != nil {
				return archiveProblem(l, 0, "the styles of the workbook", err)
			}
		}
		ok, err := rd.readSheet(sl, wb, s, sst, dates, strict)
		if err != nil {
			return err
		}
		if ok {
			found++
		}
	}
	if found == 0 {
		return l.problem("no-key-column", 0, "", fmt.Sprintf("no sheet has a commune-code column in its first %d rows (sheets %s); expected a header cell named one of %s (case-insensitive)", headerSearchRows, strings.Join(names, ", "), rd.keyList()))
	}
	return nil
}

// readSheet streams one sheet; it reports whether the sheet is a table. A
// sheet without a key column is an error when strict, ignored otherwise.
func (rd *reader) readSheet(l loc, wb *xlsxBook, s sheetPart, sst []string, dates []bool, strict bool) (bool, error) {
	noKey := func() (bool, error) {
		if strict {
			return false, rd.noKey(l, "rows")
		}
		return false, nil
	}
	if s.part == "" {
		return noKey() // a chart sheet: no cells
	}
	rc, err := wb.open(s.part)
	if err != nil {
		return false, archiveProblem(l, 0, "the sheet", err)
	}
	defer rc.Close()
	var src io.Reader = rc
	size := wb.size(s.part)
	if size > aheadMinPart {
		ahead := readAhead(rc)
		defer ahead.Close()
		src = ahead
	}
	sr := newSheetRows(src, size, sst, dates)

	var (
		prev      []string
		prevRow   int
		cells     []string
		row       int
		headerRow int
	)
	for {
		row, cells, err = sr.next()
		if err == io.EOF || err == nil && row > headerSearchRows {
			return noKey()
		}
		if err != nil {
			return false, sheetProblem(l, nil, sr.row, err)
		}
		if rd.keyIndex(cells) >= 0 {
			headerRow = row
			break
		}
		prev, prevRow = append(prev[:0], cells...), row
	}
	if prevRow != headerRow-1 {
		prev = nil
	}
	cols, err := header(l, headerRow, cells, columnName)
	if err != nil {
		return false, err
	}
	t := &Table{File: l.file, Member: l.member, Sheet: l.sheet, Columns: cols, Labels: labels(prev, cols), Key: rd.keyIndex(cols), HeaderRow: headerRow}
	fn, err := rd.begin(t)
	if err != nil || fn == nil {
		return true, err
	}
	sr.watch = t.Key
	for {
		row, cells, err = sr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return true, sheetProblem(l, t, sr.row, err)
		}
		if sr.kind == kindDate {
			return true, dateInCode(l, t, row, cells[t.Key])
		}
		if err := rd.emit(l, t, fn, row, cells, columnName); err != nil {
			return true, err
		}
	}
	return true, mergedCells(l, t, sr.merges)
}

// sheetProblem locates an error met while reading a sheet; t is nil before
// the header is known.
func sheetProblem(l loc, t *Table, row int, err error) error {
	se, ok := errorsAsSheet(err)
	if !ok {
		return archiveProblem(l, row, "the sheet", err)
	}
	col := ""
	if t != nil && se.col >= 1 && se.col <= len(t.Columns) {
		col = t.Columns[se.col-1]
	}
	return l.problem(se.kind, se.row, col, se.msg)
}

// dateInCode refuses a commune code stored as a date: read as a number it
// would be a day count such as 36892, which may even be a real code.
func dateInCode(l loc, t *Table, row int, raw string) error {
	shown := raw
	if v, err := strconv.ParseFloat(raw, 64); err == nil && v > 0 && v < 2958466 {
		day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(v))
		shown = fmt.Sprintf("%s, stored as the day number %s", day.Format("02/01/2006"), raw)
	}
	return l.problem("date-in-code-column", row, t.Columns[t.Key], fmt.Sprintf(
		"the commune code is a date (%s): a spreadsheet turned the code into a date; expected the code as text: format the column as Text and type the code again (e.g. 01001)", shown))
}

// mergedCells refuses merged ranges in the header or the data: only the
// first cell of a range holds its value, so the others would read as empty
// columns or missing values. Merges above the header (titles) are fine.
func mergedCells(l loc, t *Table, merges []cellRange) error {
	var bad []cellRange
	for _, m := range merges {
		if m.r2 >= t.HeaderRow && (m.r1 != m.r2 || m.c1 != m.c2) {
			bad = append(bad, m)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Slice(bad, func(i, j int) bool {
		if bad[i].r1 != bad[j].r1 {
			return bad[i].r1 < bad[j].r1
		}
		return bad[i].c1 < bad[j].c1
	})
	m := bad[0]
	col := ""
	if m.c1 <= len(t.Columns) {
		col = t.Columns[m.c1-1]
	}
	what := "data cells"
	if m.r1 <= t.HeaderRow {
		what = "header cells"
	}
	more := ""
	if len(bad) > 1 {
		more = fmt.Sprintf(" (and %d more merged ranges)", len(bad)-1)
	}
	return l.problem("merged-cells", max(m.r1, t.HeaderRow), col, fmt.Sprintf(
		"%s %s are merged%s: only the first cell of a merged range holds a value, the others read as empty; expected one value per cell: unmerge them (Excel: Home › Merge & Center › Unmerge Cells) and fill every cell, one variable name per column",
		what, m, more))
}

// labels returns the row above the header as labels when it has as many
// non-empty cells as the header, nil otherwise.
func labels(prev, cols []string) []string {
	nonEmpty := func(cells []string) int {
		n := 0
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				n++
			}
		}
		return n
	}
	if n := nonEmpty(prev); n == 0 || n != nonEmpty(cols) {
		return nil
	}
	out := make([]string, len(cols))
	for i := range out {
		if i < len(prev) {
			out[i] = strings.TrimSpace(prev[i])
		}
	}
	return out
}

// columnName formats a 1-based column position the way a spreadsheet shows it.
func columnName(i int) string {
	if i < 1 || i > maxSheetCols {
		return fmt.Sprintf("column %d", i)
	}
	return "column " + string(appendColumnLetters(nil, i))
}
