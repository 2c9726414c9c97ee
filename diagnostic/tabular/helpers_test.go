package tabular

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/problem"
)

// sharedData returns <repo root>/../shared/data, skipping the test when the
// real public files are not there.
func sharedData(t testing.TB) string {
	t.Helper()
	dir := sharedDataIfPresent()
	if dir == "" {
		t.Skip("real public data not found at ../shared/data next to the repository: skipping the real-file test")
	}
	return dir
}

// sharedDataIfPresent returns <repo root>/../shared/data, or "" without it.
func sharedDataIfPresent() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	dir := filepath.Join(wd, "..", "..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// table is one table seen by collect, with copies of its records.
type table struct {
	Table
	Records []Record
}

// collect reads path and keeps every table and a copy of every record.
func collect(t testing.TB, path string, opt Options) ([]*table, error) {
	t.Helper()
	var out []*table
	err := Read(path, opt, func(tb *Table) (func(Record) error, error) {
		tt := &table{Table: *tb}
		out = append(out, tt)
		return func(r Record) error {
			if len(r.Cells) != len(tb.Columns) {
				t.Errorf("%s %s row %d: %d cells for %d columns", tb.Member, tb.Sheet, r.Row, len(r.Cells), len(tb.Columns))
			}
			tt.Records = append(tt.Records, Record{Row: r.Row, Cells: append([]string(nil), r.Cells...)})
			return nil
		}, nil
	})
	return out, err
}

// mustCollect is collect for inputs that must read without error.
func mustCollect(t testing.TB, path string, opt Options) []*table {
	t.Helper()
	tables, err := collect(t, path, opt)
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return tables
}

// wantProblem checks that err is a problem.Problem of severity Error with the
// given kind, located in file, whose message contains every fragment.
func wantProblem(t testing.TB, err error, kind, file string, fragments ...string) problem.Problem {
	t.Helper()
	var p problem.Problem
	if !errors.As(err, &p) {
		t.Fatalf("got error %v (%T), want a problem.Problem of kind %s", err, err, kind)
	}
	if p.Severity != problem.Error || p.Kind != kind || p.File != file {
		t.Fatalf("got %s problem kind %q file %q (%v), want error kind %q file %q", p.Severity, p.Kind, p.File, p, kind, file)
	}
	for _, f := range fragments {
		if !strings.Contains(p.Message, f) {
			t.Errorf("message %q lacks %q", p.Message, f)
		}
	}
	return p
}

// find returns the first record whose key cell is code.
func (tt *table) find(code string) (Record, bool) {
	for _, r := range tt.Records {
		if r.Cells[tt.Key] == code {
			return r, true
		}
	}
	return Record{}, false
}

// col returns the index of a column by name.
func (tt *table) col(t testing.TB, name string) int {
	t.Helper()
	for i, c := range tt.Columns {
		if c == name {
			return i
		}
	}
	t.Fatalf("no column %s in %v", name, tt.Columns)
	return -1
}

// isProblem reports whether err is a problem.Problem or problem.List, the
// only errors Read may return besides those of its callbacks.
func isProblem(err error) bool {
	var p problem.Problem
	var l problem.List
	return errors.As(err, &p) || errors.As(err, &l)
}
