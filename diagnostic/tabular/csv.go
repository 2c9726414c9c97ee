package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

const (
	// sniffSize is the prefix on which the encoding is decided: large enough
	// to hold accented names in any real file, small enough to stay cheap.
	sniffSize = 64 << 10
	// maxHeaderLine bounds a line read while looking for the header, so a
	// file without newlines is not pulled into memory.
	maxHeaderLine = 1 << 20
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// separators are the CSV separators tried on the header line, in order of
// preference when several would do.
var separators = []byte{';', ',', '\t'}

// readCSV streams one CSV table: it decides the encoding on a prefix, skips
// the lines above the header (disclaimers), detects the separator on the
// header line and passes each record on.
func (rd *reader) readCSV(l loc, src io.Reader) error {
	br := bufio.NewReaderSize(src, sniffSize)
	prefix, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return readProblem(l, 0, err)
	}
	atEOF := err == io.EOF
	if len(prefix) == 0 {
		return l.problem("empty-file", 0, "", "file is empty; expected a table with a commune-code column")
	}
	enc := "UTF-8"
	lines := br
	switch {
	case bytes.HasPrefix(prefix, utf8BOM):
		enc = "UTF-8 with BOM"
		if _, err := br.Discard(len(utf8BOM)); err != nil {
			return readProblem(l, 0, err)
		}
	case bytes.HasPrefix(prefix, []byte{0xFF, 0xFE}), bytes.HasPrefix(prefix, []byte{0xFE, 0xFF}):
		return l.problem("bad-encoding", 1, "", "the file is UTF-16 (Excel \"Unicode text\"); expected UTF-8 or Windows-1252: save it as \"CSV UTF-8\"")
	case !validUTF8Prefix(prefix, atEOF):
		enc = "Windows-1252"
		raw := &utf8LineGuard{r: br, line: 1}
		lines = bufio.NewReaderSize(transform.NewReader(raw, charmap.Windows1252.NewDecoder()), sniffSize)
	}
	checkUTF8 := enc != "Windows-1252"

	// Find the header: the first line holding a key column.
	var (
		line      string
		sep       byte
		headerRow int
		blank     = true
	)
	for n := 1; n <= headerSearchRows; n++ {
		s, whole, eof, err := readLine(lines, maxHeaderLine)
		if err != nil {
			return readProblem(l, n, err)
		}
		if !whole {
			return l.problem("record-too-long", n, "", fmt.Sprintf("line %d is longer than %d MiB without a line end, before any header; expected a text table with a header line naming a commune-code column: is this the right file?", n, maxHeaderLine>>20))
		}
		if strings.TrimSpace(s) != "" {
			blank = false
			if c, ok := rd.sniffHeader(s); whole && ok {
				line, sep, headerRow = s, c, n
				break
			}
		}
		if eof {
			break
		}
	}
	if headerRow == 0 {
		if blank {
			return l.problem("empty-file", 0, "", "file is empty (blank lines only); expected a table with a commune-code column")
		}
		return rd.noKey(l, "lines")
	}

	cr := csv.NewReader(newRecordGuard(io.MultiReader(strings.NewReader(line), lines), headerRow))
	cr.Comma = rune(sep)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	off := headerRow - 1 // csv counts lines from the header line
	fieldName := func(i int) string { return "field " + strconv.Itoa(i) }

	rec, err := cr.Read()
	if err != nil {
		return csvProblem(l, off, headerRow, err)
	}
	if checkUTF8 {
		if err := invalidUTF8(l, cr, off, rec, nil); err != nil {
			return err
		}
	}
	cols, err := header(l, headerRow, rec, fieldName)
	if err != nil {
		return err
	}
	key := rd.keyIndex(cols)
	if key < 0 {
		return rd.noKey(l, "lines")
	}
	t := &Table{File: l.file, Member: l.member, Columns: cols, Key: key, HeaderRow: headerRow, Encoding: enc, Separator: string(sep)}
	fn, err := rd.begin(t)
	if err != nil || fn == nil {
		return err
	}
	last := headerRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvProblem(l, off, last, err)
		}
		row, _ := cr.FieldPos(0)
		row += off
		last = row
		if checkUTF8 {
			if err := invalidUTF8(l, cr, off, rec, cols); err != nil {
				return err
			}
		}
		if err := rd.emit(l, t, fn, row, rec, fieldName); err != nil {
			return err
		}
	}
}

// validUTF8Prefix reports whether p is valid UTF-8, ignoring a character cut
// in two by the end of the sniff window.
func validUTF8Prefix(p []byte, atEOF bool) bool {
	if !atEOF {
		for i := 1; i < utf8.UTFMax && i <= len(p); i++ {
			if utf8.RuneStart(p[len(p)-i]) {
				if !utf8.FullRune(p[len(p)-i:]) {
					p = p[:len(p)-i]
				}
				break
			}
		}
	}
	return utf8.Valid(p)
}

// readLine reads one line, newline included, of at most max bytes (whole is
// false, and the line left partly read, when it is longer); eof is true
// when the input ended.
func readLine(r *bufio.Reader, max int) (s string, whole, eof bool, err error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b)+len(chunk) > max {
			// Stop here rather than read on to a line end that may never come.
			return "", false, false, nil
		}
		b = append(b, chunk...)
		switch err {
		case nil:
			return string(b), true, false, nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			return string(b), true, true, nil
		default:
			return "", false, false, err
		}
	}
}

// sniffHeader reports whether line holds a key column for one of the
// separators, preferring the separator that yields the most fields.
func (rd *reader) sniffHeader(line string) (sep byte, ok bool) {
	line = strings.TrimRight(line, "\r\n")
	best := 0
	for _, c := range separators {
		fields := splitLine(line, c)
		if len(fields) > best && rd.keyIndex(fields) >= 0 {
			sep, best, ok = c, len(fields), true
		}
	}
	return sep, ok
}

// splitLine splits one line on sep, honouring double quotes well enough to
// recognise header names; encoding/csv does the real parsing afterwards.
func splitLine(line string, sep byte) []string {
	var fields []string
	start, quoted := 0, false
	for i := 0; i <= len(line); i++ {
		if i < len(line) {
			if line[i] == '"' {
				quoted = !quoted
			}
			if line[i] != sep || quoted {
				continue
			}
		}
		f := strings.TrimSpace(line[start:i])
		if len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
			f = strings.ReplaceAll(f[1:len(f)-1], `""`, `"`)
		}
		fields = append(fields, f)
		start = i + 1
	}
	return fields
}

// invalidUTF8 checks a record of a file judged UTF-8 on its prefix; cols names
// the columns (nil for the header itself).
func invalidUTF8(l loc, cr *csv.Reader, off int, rec, cols []string) error {
	for i, f := range rec {
		if utf8.ValidString(f) {
			continue
		}
		line, _ := cr.FieldPos(i)
		col := ""
		if i < len(cols) {
			col = cols[i]
		}
		return l.problem("bad-encoding", off+line, col, fmt.Sprintf("invalid UTF-8 in %q; the first %d KiB of the file are UTF-8, so the whole file is expected to be: re-save it as UTF-8", clip(strings.ToValidUTF8(f, "\uFFFD")), sniffSize>>10))
	}
	return nil
}

// csvProblem turns an error from encoding/csv into a located problem; off is
// the number of lines above the header, last the last line read.
func csvProblem(l loc, off, last int, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return readProblem(l, last, err)
	}
	if pe.Err != csv.ErrQuote && pe.Err != csv.ErrBareQuote && pe.Err != csv.ErrFieldCount {
		return readProblem(l, off+pe.Line, pe.Err)
	}
	var msg string
	switch pe.Err {
	case csv.ErrQuote:
		// Point at the line where the faulty record starts: the stray quote
		// is there, whereas the parser notices it lines later.
		msg = fmt.Sprintf("malformed CSV: a quoted field in this record is not closed properly (noticed on line %d, byte %d); expected a closing \" followed by the separator or the end of the line, with \"\" for a quote inside the field", off+pe.Line, pe.Column)
		return l.problem("bad-csv", off+pe.StartLine, "", msg)
	case csv.ErrBareQuote:
		msg = fmt.Sprintf("malformed CSV: a \" inside an unquoted field (byte %d); expected quotes only around a whole field, with \"\" for a quote inside it", pe.Column)
	default:
		msg = "malformed CSV: " + pe.Err.Error()
	}
	return l.problem("bad-csv", off+pe.Line, "", msg)
}

// readProblem explains an I/O error met while reading a table; row is the
// last line reached, 0 if none.
func readProblem(l loc, row int, err error) error {
	var long recordTooLong
	var mixed mixedEncoding
	switch {
	case errors.As(err, &long):
		return long.problem(l)
	case errors.As(err, &mixed):
		return mixed.problem(l)
	}
	var tb tooBigError
	if errors.As(err, &tb) || l.member != "" {
		return archiveProblem(l, row, "the data", err)
	}
	return l.problem("cannot-read", row, "", "reading failed ("+err.Error()+"); expected a readable file")
}
