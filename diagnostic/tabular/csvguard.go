package tabular

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// maxRecordBytes bounds one CSV record (all its lines, for a quoted field
// spanning several): real records are a few KiB, and encoding/csv holds a
// whole record in memory, so a file without line ends (a binary file, a
// 2 GB dump, a quote never closed) must be stopped early.
const maxRecordBytes = 16 << 20

// recordTooLong is returned by recordGuard; line is where the record starts.
type recordTooLong struct{ line int }

func (e recordTooLong) Error() string {
	return fmt.Sprintf("a record starting on line %d is longer than %d MiB", e.line, maxRecordBytes>>20)
}

func (e recordTooLong) problem(l loc) error {
	return l.problem("record-too-long", e.line, "", fmt.Sprintf(
		"the record starting on this line runs for more than %d MiB without ending (no line end, or a quote never closed); expected a text table with one record per line: is this the right file, and is every quoted field closed?", maxRecordBytes>>20))
}

// recordGuard passes a CSV stream through, failing once a record exceeds
// maxRecordBytes. A line end outside quotes ends a record; quotes are
// counted, which is exact for the RFC 4180 quoting encoding/csv accepts.
type recordGuard struct {
	r      io.Reader
	line   int  // line of the current position, 1-based
	start  int  // line where the current record starts
	n      int  // bytes of the current record so far
	quoted bool // inside a quoted field
}

func newRecordGuard(r io.Reader, firstLine int) *recordGuard {
	return &recordGuard{r: r, line: firstLine, start: firstLine}
}

func (g *recordGuard) Read(p []byte) (int, error) {
	k, err := g.r.Read(p)
	for i := 0; i < k; i++ {
		switch p[i] {
		case '"':
			g.quoted = !g.quoted
		case '\n':
			g.line++
			if !g.quoted {
				g.n, g.start = 0, g.line
				continue
			}
		}
		g.n++
		if g.n > maxRecordBytes {
			return i, recordTooLong{line: g.start}
		}
	}
	return k, err
}

// mixedEncoding is returned by utf8LineGuard.
type mixedEncoding struct{ line int }

func (e mixedEncoding) Error() string {
	return fmt.Sprintf("line %d is UTF-8 in a Windows-1252 file", e.line)
}

func (e mixedEncoding) problem(l loc) error {
	return l.problem("bad-encoding", e.line, "", fmt.Sprintf(
		"mixed encodings: this line is UTF-8 while the first %d KiB of the file are Windows-1252 (accents would come out as Ã©); expected one encoding for the whole file: re-save it as UTF-8", sniffSize>>10))
}

// utf8LineGuard watches the raw bytes of a file judged Windows-1252 and
// fails on a line whose accented characters all form valid UTF-8, the sign
// of UTF-8 text pasted into a Windows-1252 file (or the reverse): in
// genuine Windows-1252 French text an accented letter is followed by a
// plain letter, which is never valid UTF-8.
type utf8LineGuard struct {
	r       io.Reader
	line    int
	high    bool // the line has a byte >= 0x80
	invalid bool // the line is not valid UTF-8
	pending []byte
}

func (g *utf8LineGuard) Read(p []byte) (int, error) {
	k, err := g.r.Read(p)
	start := 0
	for i := 0; i < k; i++ {
		c := p[i]
		if c >= 0x80 {
			g.high = true
		}
		if c != '\n' {
			continue
		}
		g.check(p[start:i])
		if g.high && !g.invalid {
			return i, mixedEncoding{line: g.line}
		}
		g.line++
		g.high, g.invalid, g.pending = false, false, g.pending[:0]
		start = i + 1
	}
	g.check(p[start:k])
	if err == io.EOF && g.high && !g.invalid && len(g.pending) == 0 {
		return k, mixedEncoding{line: g.line}
	}
	return k, err
}

// check validates a piece of the current line, carrying an incomplete
// character over to the next piece.
func (g *utf8LineGuard) check(b []byte) {
	if g.invalid {
		return
	}
	if len(g.pending) > 0 {
		b = append(g.pending, b...)
		g.pending = g.pending[:0]
	}
	// Keep a possibly incomplete last character for the next piece.
	cut := len(b)
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				cut = len(b) - i
			}
			break
		}
	}
	if !utf8.Valid(b[:cut]) {
		g.invalid = true
		return
	}
	g.pending = append(g.pending, b[cut:]...)
}
