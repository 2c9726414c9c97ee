package tabular

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// The bounds that keep memory flat whatever a workbook holds.

func TestSharedStringsBounded(t *testing.T) {
	r := io.MultiReader(strings.NewReader("<sst>"), &repeatReader{unit: []byte("<si/>"), n: maxSharedStrings + 1}, strings.NewReader("</sst>"))
	_, err := parseSharedStrings(r, 0)
	var tb tooBigError
	if !errors.As(err, &tb) || !strings.Contains(tb.Error(), "shared strings of the workbook") {
		t.Errorf("%d shared strings: got %v, want a size refusal", maxSharedStrings+1, err)
	}
}

func TestTokenBounded(t *testing.T) {
	sheet := io.MultiReader(strings.NewReader(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`),
		&repeatReader{unit: []byte("x"), n: scanMaxToken + 1}, strings.NewReader(`</t></is></c></row></sheetData></worksheet>`))
	_, _, err := newSheetRows(sheet, 0, nil, nil).next()
	if !errors.Is(err, errTooLarge) {
		t.Errorf("a %d MiB cell: got %v, want %v", scanMaxToken>>20, err, errTooLarge)
	}
	// A tag without end.
	tag := io.MultiReader(strings.NewReader(`<worksheet><sheetData><row r="1" x="`), &repeatReader{unit: []byte("y"), n: scanMaxToken + 1})
	if _, _, err := newSheetRows(tag, 0, nil, nil).next(); !errors.Is(err, errTooLarge) {
		t.Errorf("an endless tag: got %v, want %v", err, errTooLarge)
	}
}

// repeatReader yields unit n times.
type repeatReader struct {
	unit []byte
	n    int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.unit[r.off:])
		k += c
		r.off += c
		if r.off == len(r.unit) {
			r.off = 0
			r.n--
		}
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}
