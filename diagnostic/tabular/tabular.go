// Package tabular reads commune-keyed tables as INSEE, ARCEP and others
// publish them: XLSX workbooks, CSV files, and zip archives holding either.
//
// It knows formats, not meaning. It finds the header (the first row holding a
// commune-code column), streams the data rows as raw strings and locates every
// problem precisely; deciding which columns matter and what the values mean is
// left to the caller. ParseNumber is exported for callers that need the
// French/INSEE number conventions.
//
// XLSX sheets are read by a specialised streaming reader (sheet.go,
// xmlscan.go) rather than excelize, which took seconds per national sheet:
// only the parts of the sheets read are inflated, on a second goroutine for
// large sheets; shared strings are decoded once into one string; each row
// costs one allocation. It gives the cells excelize's Rows gives with
// RawCellValue (a differential test checks it), and refuses what it cannot
// read faithfully. Memory stays flat whatever the size of a file: records
// are streamed, and every buffer, record and part is bounded.
package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/diagnum/diagnum/diagnostic/problem"
)

// DefaultMaxUncompressed is the zip-bomb guard used when Options.MaxUncompressed
// is 0: no real commune table comes near 2 GiB once inflated.
const DefaultMaxUncompressed int64 = 2 << 30

// headerSearchRows bounds how far down a table the header is looked for, so a
// file that is not a commune table is rejected without being read in full.
const headerSearchRows = 20

// DefaultKeyColumns are the commune-code column names used by the public
// sources diagnum reads (INSEE, ARCEP, ANCT, La Poste, data.gouv exports);
// they are matched case-insensitively after trimming. When a header holds
// several of them, the one listed first wins (an INSEE ARM sheet has both
// CODGEO, the arrondissement, and COM, its parent commune).
var DefaultKeyColumns = []string{
	"CODGEO",
	"code_insee",
	"insee_com",
	"code_commune_insee",
	"DEPCOM",
	"COM",
	"code_commune",
	"codeinsee",
}

// defaultSheetName matches the sheet names INSEE gives to commune tables.
var defaultSheetName = regexp.MustCompile(`(?i)^(COM|ARM)(_[0-9]{4})?$`)

// DefaultSheet reports whether an XLSX sheet is one INSEE uses for commune
// tables (COM, ARM, COM_YYYY, ARM_YYYY, any case), so the metadata and
// documentation sheets of its workbooks are not mistaken for data.
func DefaultSheet(name string) bool { return defaultSheetName.MatchString(strings.TrimSpace(name)) }

// Options tunes Read; the zero value reads every format diagnum knows.
type Options struct {
	// KeyColumns lists accepted names of the commune-code column, matched
	// case-insensitively after trimming, earlier names preferred; nil means
	// DefaultKeyColumns.
	KeyColumns []string
	// Sheet selects XLSX sheets to read; a selected sheet without a key column
	// is an error. Nil means DefaultSheet, or, when a workbook has no sheet
	// DefaultSheet accepts, every sheet that has a key column in its first
	// 20 rows.
	Sheet func(name string) bool
	// MaxUncompressed caps the bytes inflated from one zip member, from the
	// tables of an archive together, and from all the parts of one XLSX
	// together, so a zip bomb is refused instead of filling memory or disk;
	// 0 means DefaultMaxUncompressed.
	MaxUncompressed int64
	// Skipped, when set, is told about each zip member Read did not read (not
	// a CSV/TXT/XLSX file, or no key column in its first 20 rows), so the
	// caller can report it; reason is a short English sentence.
	Skipped func(member, reason string)
}

// Table describes one table found in the input, so the caller can choose its
// columns and locate what it reports.
type Table struct {
	File   string // path as given to Read
	Member string // name inside a zip archive, "" if none
	Sheet  string // XLSX sheet, "" for CSV
	// Columns are the header cells, trimmed; trailing empty header cells are
	// dropped.
	Columns []string
	// Labels is the row just above the header when it has as many non-empty
	// cells as the header (the French labels of INSEE XLSX row 5), padded to
	// len(Columns); nil otherwise, and always nil for CSV.
	Labels []string
	// Key is the index in Columns of the commune-code column.
	Key int
	// HeaderRow is the 1-based line (CSV) or sheet row (XLSX) of the header.
	HeaderRow int
	// Encoding is "UTF-8", "UTF-8 with BOM" or "Windows-1252" (CSV only).
	Encoding string
	// Separator is ";", "," or "\t" (CSV only).
	Separator string
}

// Record is one data row of a table.
type Record struct {
	// Row is the 1-based line where the record starts (CSV) or the sheet row
	// number (XLSX).
	Row int
	// Cells holds the raw cell strings, len(Cells) == len(Table.Columns); a
	// short row is padded with "". The slice is reused for the next record:
	// copy what must outlive the call.
	Cells []string
}

// Read calls visit once per table found in path: the CSV file itself, each
// selected sheet of an XLSX workbook, each CSV/TXT/XLSX member of a zip
// archive (the file's own format is sniffed from its content; zip members
// are chosen by extension). visit returns the function to call for each data
// record, or nil to skip that table. Rows whose cells are all blank are not
// passed on.
//
// An error returned by either callback stops reading and is returned
// unchanged. Every other error is a problem.Problem of severity Error
// locating the fault, of Kind cannot-open, cannot-read, empty-file,
// no-key-column, no-sheet, duplicate-column, row-too-long, bad-csv,
// bad-encoding (also: UTF-8 and Windows-1252 mixed in one file),
// record-too-long (a CSV record beyond 16 MiB: no line end, or a quote
// never closed), bad-archive (truncated or corrupt zip/XLSX), zip-bomb,
// legacy-xls, and for XLSX sheet-too-large (beyond 1,048,576 rows or
// column XFD), merged-cells (merged ranges in the header or the data),
// formula-without-value (a formula never calculated) or
// date-in-code-column (a commune code stored as a date). Some faults are
// only known at the end of a sheet (merged ranges are listed after the
// data), so records may have been passed before Read fails: a caller must
// discard what it got from a Read that returned an error.
func Read(path string, opt Options, visit func(t *Table) (func(r Record) error, error)) error {
	rd := newReader(path, opt, visit)
	f, err := os.Open(path)
	if err != nil {
		return rd.loc.problem("cannot-open", 0, "", "cannot open the file ("+unwrapPathError(err)+"); expected a readable CSV, XLSX or zip file")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return rd.loc.problem("cannot-open", 0, "", "cannot read the file ("+err.Error()+")")
	}
	return rd.read(f, st.Size())
}

// ReadBytes reads a file held in memory (data shipped in the binary) exactly as
// Read reads one on disk; name stands for its path in tables and problems.
func ReadBytes(name string, data []byte, opt Options, visit func(t *Table) (func(r Record) error, error)) error {
	return newReader(name, opt, visit).read(bytes.NewReader(data), int64(len(data)))
}

// read sniffs the format from the first bytes and hands the content to its reader.
func (rd *reader) read(r io.ReaderAt, size int64) error {
	var magic [8]byte
	n, err := r.ReadAt(magic[:], 0)
	if err != nil && err != io.EOF {
		return rd.loc.problem("cannot-open", 0, "", "cannot read the file ("+err.Error()+")")
	}
	if n == 0 {
		return rd.loc.problem("empty-file", 0, "", "file is empty; expected a table with a commune-code column")
	}
	ext := strings.ToLower(filepath.Ext(rd.loc.file))
	switch {
	case bytes.HasPrefix(magic[:n], []byte("PK")):
		return rd.readZipFile(r, size)
	case bytes.HasPrefix(magic[:n], oleMagic):
		return rd.loc.problem("legacy-xls", 0, "", "this is a legacy Excel 97-2003 (.xls) or encrypted workbook; expected .xlsx: open it in a spreadsheet and save it as .xlsx or CSV")
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".zip":
		return rd.loc.problem("bad-archive", 0, "", "not a valid XLSX/zip file: it does not start with the zip signature (truncated, or another format with a misleading extension?)")
	}
	return rd.readCSV(rd.loc, io.NewSectionReader(r, 0, size))
}

// oleMagic starts the OLE2 container of legacy .xls and encrypted workbooks.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// reader carries what every format reader needs for one call of Read.
type reader struct {
	loc    loc
	keys   []string
	limit  int64
	opt    Options
	visit  func(t *Table) (func(r Record) error, error)
	tables int      // tables handed to visit so far
	pad    []string // reused buffer for padding short rows
}

func newReader(path string, opt Options, visit func(t *Table) (func(r Record) error, error)) *reader {
	rd := &reader{loc: loc{file: path}, keys: opt.KeyColumns, limit: opt.MaxUncompressed, opt: opt, visit: visit}
	if rd.keys == nil {
		rd.keys = DefaultKeyColumns
	}
	if rd.limit <= 0 {
		rd.limit = DefaultMaxUncompressed
	}
	return rd
}

// keyIndex returns the index of the commune-code column among cells, the
// earliest-listed accepted name winning, or -1.
func (rd *reader) keyIndex(cells []string) int {
	best, bestPrio := -1, len(rd.keys)
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		for p, k := range rd.keys[:bestPrio] {
			if strings.EqualFold(c, strings.TrimSpace(k)) {
				best, bestPrio = i, p
				break
			}
		}
	}
	return best
}

// keyList formats the accepted key names for error messages.
func (rd *reader) keyList() string { return strings.Join(rd.keys, ", ") }

// noKey builds the problem for a table without a commune-code column.
func (rd *reader) noKey(l loc, what string) problem.Problem {
	return l.problem("no-key-column", 0, "", fmt.Sprintf("no commune-code column in the first %d %s; expected a header cell named one of %s (case-insensitive)", headerSearchRows, what, rd.keyList()))
}

// header trims the header cells, drops trailing empty ones and rejects
// duplicated names; colName formats a 1-based position for messages.
func header(l loc, row int, cells []string, colName func(int) string) ([]string, error) {
	cols := make([]string, len(cells))
	for i, c := range cells {
		cols[i] = strings.TrimSpace(c)
	}
	for len(cols) > 0 && cols[len(cols)-1] == "" {
		cols = cols[:len(cols)-1]
	}
	seen := make(map[string]int, len(cols))
	for i, c := range cols {
		if c == "" {
			continue
		}
		if j, dup := seen[c]; dup {
			return nil, l.problem("duplicate-column", row, c, fmt.Sprintf("column name %q appears twice in the header, at %s and %s; expected each column name once", c, colName(j+1), colName(i+1)))
		}
		seen[c] = i
	}
	return cols, nil
}

// begin hands a new table to visit and returns its record callback.
func (rd *reader) begin(t *Table) (func(Record) error, error) {
	rd.tables++
	return rd.visit(t)
}

// emit passes one data row to fn after checking its width against the header:
// blank rows are dropped, short rows padded, long rows refused unless the
// extra cells are empty. colName formats a 1-based position for messages.
func (rd *reader) emit(l loc, t *Table, fn func(Record) error, row int, cells []string, colName func(int) string) error {
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank {
		return nil
	}
	width := len(t.Columns)
	switch {
	case len(cells) > width:
		for i := width; i < len(cells); i++ {
			if strings.TrimSpace(cells[i]) != "" {
				return l.problem("row-too-long", row, "", fmt.Sprintf("row has a value (%q) at %s, beyond the %d columns of the header on row %d; expected at most %d cells", clip(cells[i]), colName(i+1), width, t.HeaderRow, width))
			}
		}
		cells = cells[:width]
	case len(cells) < width:
		rd.pad = append(rd.pad[:0], cells...)
		for len(rd.pad) < width {
			rd.pad = append(rd.pad, "")
		}
		cells = rd.pad
	}
	return fn(Record{Row: row, Cells: cells})
}

// clip shortens a cell quoted in a message so a runaway field does not flood it.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// loc is where a problem is: the file, and the zip member and sheet if any.
type loc struct{ file, member, sheet string }

func (l loc) problem(kind string, row int, column, msg string) problem.Problem {
	return problem.Problem{Severity: problem.Error, Kind: kind, File: l.file, Member: l.member, Sheet: l.sheet, Row: row, Column: column, Message: msg}
}

// archiveProblem explains an error met while inflating or parsing a zip
// container (a zip archive or an XLSX workbook).
func archiveProblem(l loc, row int, what string, err error) problem.Problem {
	var tb tooBigError
	switch {
	case errors.As(err, &tb):
		return tb.problem(l)
	case errors.Is(err, zip.ErrChecksum):
		return l.problem("bad-archive", row, "", what+" is corrupt (checksum mismatch); expected an intact archive: download it again")
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm):
		return l.problem("bad-archive", row, "", what+" looks truncated or is not a valid XLSX/zip ("+err.Error()+"); expected an intact archive: download it again")
	}
	return l.problem("bad-archive", row, "", what+" could not be read, it looks truncated or corrupt ("+err.Error()+")")
}

func unwrapPathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
