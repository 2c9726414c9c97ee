package tabular

import (
	"archive/zip"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xmlInMemory is the largest sheet or shared-string part excelize keeps in
// memory; bigger ones spill to temporary files.
const xmlInMemory = 16 << 20

// readXLSX streams the selected sheets of the workbook at path; zr is the
// same file opened as a zip, used to check the declared sizes of its parts
// before excelize inflates them.
func (rd *reader) readXLSX(l loc, path string, zr *zip.Reader) error {
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
	xf, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:      true, // codes stay text, numbers stay raw
		UnzipSizeLimit:    rd.limit,
		UnzipXMLSizeLimit: min(rd.limit, xmlInMemory),
	})
	if err != nil {
		if xf != nil {
			xf.Close()
		}
		return archiveProblem(l, 0, "the workbook", err)
	}
	defer xf.Close()

	sheets := xf.GetSheetList()
	choose, strict := rd.opt.Sheet, true
	if choose == nil {
		choose = DefaultSheet
		strict = false
		for _, s := range sheets {
			if DefaultSheet(s) {
				strict = true
				break
			}
		}
	}
	var selected []string
	for _, s := range sheets {
		if !strict || choose(s) {
			selected = append(selected, s)
		}
	}
	if len(selected) == 0 {
		return l.problem("no-sheet", 0, "", fmt.Sprintf("no sheet of the workbook is selected; its sheets are %s", strings.Join(sheets, ", ")))
	}
	found := 0
	for _, s := range selected {
		ok, err := rd.readSheet(loc{file: l.file, member: l.member, sheet: s}, xf, strict)
		if err != nil {
			return err
		}
		if ok {
			found++
		}
	}
	if found == 0 {
		return l.problem("no-key-column", 0, "", fmt.Sprintf("no sheet has a commune-code column in its first %d rows (sheets %s); expected a header cell named one of %s (case-insensitive)", headerSearchRows, strings.Join(sheets, ", "), rd.keyList()))
	}
	return nil
}

// readSheet streams one sheet; it reports whether the sheet is a table. A
// sheet without a key column is an error when strict, ignored otherwise.
func (rd *reader) readSheet(l loc, xf *excelize.File, strict bool) (bool, error) {
	rows, err := xf.Rows(l.sheet)
	if err != nil {
		return false, archiveProblem(l, 0, "the sheet", err)
	}
	defer rows.Close()

	// Each call of Next moves one sheet row down, missing rows included, so
	// counting calls gives the row number.
	var prev, cells []string
	row, headerRow := 0, 0
	for row < headerSearchRows && rows.Next() {
		row++
		if cells, err = rows.Columns(); err != nil {
			return false, archiveProblem(l, row, "the sheet", err)
		}
		if rd.keyIndex(cells) >= 0 {
			headerRow = row
			break
		}
		prev = cells
	}
	if headerRow == 0 {
		if err := rows.Error(); err != nil {
			return false, archiveProblem(l, row, "the sheet", err)
		}
		if strict {
			return false, rd.noKey(l, "rows")
		}
		return false, nil
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
	for rows.Next() {
		row++
		if cells, err = rows.Columns(); err != nil {
			return true, archiveProblem(l, row, "the sheet", err)
		}
		if err := rd.emit(l, t, fn, row, cells, columnName); err != nil {
			return true, err
		}
	}
	if err := rows.Error(); err != nil {
		return true, archiveProblem(l, row, "the sheet", err)
	}
	return true, nil
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
	name, err := excelize.ColumnNumberToName(i)
	if err != nil {
		return fmt.Sprintf("column %d", i)
	}
	return "column " + name
}
