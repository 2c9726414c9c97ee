package ingest

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/problem"
)

// The bad-input corpus of testdata/bad seen from ingest: the checks on
// values (negative counts, duplicates, missing-value markers) and the
// reader's errors reaching Load with their location. The files are
// SYNTHETIC, in INSEE's layouts; testdata/bad/README.md lists them.

const corpusDir = "../../testdata/bad"

// loadOne loads one input and returns the result and the first error.
func loadOne(t *testing.T, path string) (*Result, *problem.Problem) {
	t.Helper()
	r, err := Load(embedded(t), []Source{{Path: path, Role: "census"}}, options())
	if err == nil {
		return r, nil
	}
	list, ok := err.(problem.List)
	if !ok || len(list) == 0 {
		t.Fatalf("want a problem list, got %v", err)
	}
	return r, &list[0]
}

func TestCorpusErrors(t *testing.T) {
	for _, tc := range []struct {
		file, kind, sheet string
		row               int
		column, fragment  string
	}{
		{"negative-count.csv", "negative-count", "", 2, "P21_CHOM1564", `a count cannot be negative, found "-12"`},
		{"duplicate-conflict.csv", "duplicate-code", "", 4, "CODGEO", "commune 58194 appears twice (rows 2 and 4), with different values in the columns used"},
		{"date-code.xlsx", "date-in-code-column", "COM_2021", 8, "CODGEO", "the commune code is a date (01/01/2001"},
		{"formula-no-value.xlsx", "formula-without-value", "COM_2021", 8, "P21_POP", "cell C8 holds a formula"},
		{"merged-header.xlsx", "merged-cells", "COM_2021", 6, "P21_H65P", "header cells D6:E6 are merged"},
		{"bomb-declared.xlsx", "zip-bomb", "", 0, "", "inflates beyond 2 GiB"},
		{"truncated.xlsx", "bad-archive", "", 0, "", "looks truncated"},
		{"mixed-1252-then-utf8.csv", "bad-encoding", "", 4, "", "mixed encodings"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(corpusDir, tc.file)
			_, p := loadOne(t, path)
			if p == nil {
				t.Fatal("no error")
			}
			if p.Kind != tc.kind || p.File != path || p.Sheet != tc.sheet || p.Row != tc.row || p.Column != tc.column || !strings.Contains(p.Message, tc.fragment) {
				t.Errorf("got %+v\nwant kind %s sheet %q row %d column %q with %q", *p, tc.kind, tc.sheet, tc.row, tc.column, tc.fragment)
			}
		})
	}
}

// A duplicate row identical to the first is still an error, but says so.
func TestDuplicateSameValues(t *testing.T) {
	path := writeFile(t, "synthetic-dup.csv", "CODGEO;P21_POP\r\n58194;33279\r\n58194;33279.0\r\n")
	_, p := loadOne(t, path)
	if p == nil || p.Kind != "duplicate-code" || !strings.Contains(p.Message, "with the same values") {
		t.Errorf("got %+v", p)
	}
}

// Only counts are checked for sign: a median or a rate (non-additive
// columns) may be negative without error (a negative income median is
// possible in Filosofi), and so may a column that feeds no indicator.
func TestNegativeNonCount(t *testing.T) {
	path := writeFile(t, "synthetic-neg.csv", "CODGEO;P21_POP;MED21;OTHER\r\n58194;33279;-5;-7\r\n")
	r, p := loadOne(t, path)
	if p != nil {
		t.Fatalf("unexpected error %+v", *p)
	}
	if got := column(t, r, "MED21", "58194"); got != -5 {
		t.Errorf("MED21 = %v", got)
	}
}

// #N/A, s and nd are missing values, never 0 and never an error.
func TestCorpusMarkers(t *testing.T) {
	r, p := loadOne(t, filepath.Join(corpusDir, "markers.xlsx"))
	if p != nil {
		t.Fatalf("unexpected error %+v", *p)
	}
	for _, col := range []string{"P21_POP", "P21_H65P", "P21_F65P"} {
		if got := column(t, r, col, "58001"); !math.IsNaN(got) {
			t.Errorf("58001 %s = %v, want missing", col, got)
		}
	}
	if got := column(t, r, "P21_POP", "58194"); got != 33279 {
		t.Errorf("58194 P21_POP = %v", got)
	}
	if got := column(t, r, "P21_H65P", "58194"); got != 4153.5 {
		t.Errorf("58194 P21_H65P = %v", got)
	}
}

// Cached formula results are read; a code stored as a number gets its
// leading zero back, with a note.
func TestCorpusGoodWorkbooks(t *testing.T) {
	r, p := loadOne(t, filepath.Join(corpusDir, "formulas-cached.xlsx"))
	if p != nil {
		t.Fatalf("unexpected error %+v", *p)
	}
	if got := column(t, r, "P21_POP", "58001"); got != 70 {
		t.Errorf("58001 P21_POP = %v, want the cached 70", got)
	}
	r, p = loadOne(t, filepath.Join(corpusDir, "number-code.xlsx"))
	if p != nil {
		t.Fatalf("unexpected error %+v", *p)
	}
	if got := column(t, r, "P21_POP", "01001"); got != 859 || r.Matching.Repaired != 1 {
		t.Errorf("01001 P21_POP = %v, repaired %d", got, r.Matching.Repaired)
	}
}
