package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
	"github.com/diagnum/diagnum/internal/outdir"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var allNames = []string{
	"diagnostic.xlsx",
	"indicateurs-commune.csv",
	"indicateurs-departement.csv",
	"indicateurs-epci.csv",
	"indicateurs-france.csv",
	"indicateurs-region.csv",
	"rapport.html",
	"resume.json",
}

// writeAll writes every format of testResult into a fresh directory and returns it.
func writeAll(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	names, err := Write(testResult(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, allNames) {
		t.Fatalf("names = %q, want %q", names, allNames)
	}
	return dir
}

// listDir returns the sorted entry names of dir.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestGolden(t *testing.T) {
	dir := writeAll(t)
	for _, name := range allNames {
		if name == xlsxName || name == htmlName {
			continue // checked by reading them back: xlsx_test.go, and package html's golden options
		}
		t.Run(name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./diagnostic/report -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, golden, got, want)
			}
		})
	}
}

// TestCSVCells checks the properties the golden file could silently lose on -update.
func TestCSVCells(t *testing.T) {
	dir := writeAll(t)
	b, err := os.ReadFile(filepath.Join(dir, "indicateurs-commune.csv"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, bad := range []string{"\r", "\ufeff", "NaN", "e+"} {
		if strings.Contains(s, bad) {
			t.Errorf("commune CSV contains %q:\n%s", bad, s)
		}
	}
	for _, line := range []string{
		"code,libelle,population,taux_chomage_15_64,revenu_median,non_couverture_thd\n",
		"01001,L'Abergement-Clémenciat,776,9.523809523809524,22090,12.5\n",
		"2A004,Ajaccio,71361,14.2,,0\n", // missing revenue: empty cell
		"58194,Nevers,32990,20.125,19430.5,\n",
	} {
		if !strings.Contains(s, line) {
			t.Errorf("commune CSV lacks line %q:\n%s", line, s)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{776, "776"},
		{66732538, "66732538"},
		{9.523809523809524, "9.523809523809524"},
		{0.1, "0.1"},
		{1e-7, "0.0000001"},
		{nan, ""},
		{math.Copysign(0, -1), "0"},
	} {
		if got := formatNumber(tc.in); got != tc.want {
			t.Errorf("formatNumber(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJSONOutputsAndNulls(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	names, err := Write(testResult(), dir, []string{"json", "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(names, xlsxName) || !slices.Contains(names, jsonName) {
		t.Fatalf("names = %q", names)
	}
	b, err := os.ReadFile(filepath.Join(dir, jsonName))
	if err != nil {
		t.Fatal(err)
	}
	var r resume
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Outputs, names) {
		t.Errorf("outputs = %q, want %q", r.Outputs, names)
	}
	if !bytes.HasSuffix(b, []byte("}\n")) || bytes.Contains(b, []byte("NaN")) {
		t.Errorf("resume.json must end with a newline and hold no NaN")
	}
	// An empty Result still lists [] rather than null, so consumers need no nil checks.
	var buf bytes.Buffer
	if err := writeJSON(&buf, &diagnostic.Result{}, nil); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("null")) {
		t.Errorf("empty resume holds null:\n%s", buf.Bytes())
	}
}

func TestLevelSummary(t *testing.T) {
	res := testResult()
	got := buildResume(res, nil).Levels
	commune := got[0].Indicators
	if commune[1].Missing != 1 || commune[2].Missing != 1 || commune[0].Missing != 0 {
		t.Errorf("commune missing counts = %+v", commune)
	}
	epci := got[1].Indicators
	if epci[1].Approximated != 1 || epci[1].PartialCoverage != 1 || epci[2].PartialCoverage != 1 || epci[2].Approximated != 0 {
		t.Errorf("epci counts = %+v", epci)
	}
	if got[3].Territories != 1 || !got[3].Reference || got[0].Reference {
		t.Errorf("levels = %+v", got)
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		formats []string
		want    []string
		err     bool
	}{
		{formats: nil, want: allNames},
		{formats: []string{}, want: allNames},
		{formats: []string{"json"}, want: []string{"resume.json"}},
		{formats: []string{"XLSX", "json"}, want: []string{"diagnostic.xlsx", "resume.json"}},
		{formats: []string{"csv", "csv"}, want: allNames[1:6]},
		{formats: []string{"html"}, want: []string{"rapport.html"}},
		{formats: []string{"pdf"}, err: true},
	} {
		dir := filepath.Join(t.TempDir(), "out")
		names, err := Write(testResult(), dir, tc.formats)
		if tc.err {
			if err == nil {
				t.Errorf("%q: no error", tc.formats)
			}
			if _, serr := os.Stat(dir); !errors.Is(serr, os.ErrNotExist) {
				t.Errorf("%q: failed write created %s", tc.formats, dir)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.formats, err)
			continue
		}
		if !slices.Equal(names, tc.want) || !slices.Equal(listDir(t, dir), tc.want) {
			t.Errorf("%q: names %q, on disk %q, want %q", tc.formats, names, listDir(t, dir), tc.want)
		}
	}
}

func TestInvalidResult(t *testing.T) {
	for name, mutate := range map[string]func(*diagnostic.Result){
		"misaligned values": func(r *diagnostic.Result) { r.Levels[0].Rows[0].Values = r.Levels[0].Rows[0].Values[:1] },
		"duplicate level":   func(r *diagnostic.Result) { r.Levels[1].ID = "commune" },
		"path in level id":  func(r *diagnostic.Result) { r.Levels[1].ID = "../epci" },
	} {
		res := testResult()
		mutate(res)
		if _, err := Write(res, filepath.Join(t.TempDir(), "out"), nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	for name, mutate := range map[string]func(*diagnostic.Result){
		"offer row of another territory": func(r *diagnostic.Result) { r.Levels[0].OfferRows[1].Code = "58003" },
		"offer rows missing":             func(r *diagnostic.Result) { r.Levels[1].OfferRows = r.Levels[1].OfferRows[:1] },
		"offer values misaligned":        func(r *diagnostic.Result) { r.Offer.Columns = r.Offer.Columns[1:] },
		"quadrants misaligned":           func(r *diagnostic.Result) { r.Levels[0].Quadrants = r.Levels[0].Quadrants[:2] },
		"offer rows without offer":       func(r *diagnostic.Result) { r.Offer = nil },
	} {
		res := fixture.Result()
		mutate(res)
		if _, err := Write(res, filepath.Join(t.TempDir(), "out"), []string{"csv"}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := Write(nil, t.TempDir(), nil); err == nil {
		t.Error("nil result: no error")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := writeAll(t), writeAll(t)
	for _, name := range allNames {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestReplaceExisting(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stale.csv"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(testResult(), dir, nil); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir); !slices.Equal(got, allNames) {
		t.Errorf("dir holds %q, want %q", got, allNames)
	}
	if got := listDir(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("parent holds %q: temporary directories left behind", got)
	}
	// The output is an ordinary directory, not one with os.MkdirTemp's 0700.
	plain := filepath.Join(t.TempDir(), "plain")
	if err := os.Mkdir(plain, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err1 := os.Stat(dir)
	want, err2 := os.Stat(plain)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if got.Mode() != want.Mode() {
		t.Errorf("dir mode = %v, want %v", got.Mode(), want.Mode())
	}
}

// existing makes parent/out holding one file, and returns a check that both are
// exactly as made and that nothing else was left in parent.
func existing(t *testing.T) (dir string, unchanged func()) {
	t.Helper()
	parent := t.TempDir()
	dir = filepath.Join(parent, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(dir, "keep.csv")
	if err := os.WriteFile(keep, []byte("previous run"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, func() {
		t.Helper()
		if got := listDir(t, parent); !slices.Equal(got, []string{"out"}) {
			t.Errorf("parent holds %q, want only out", got)
		}
		if got := listDir(t, dir); !slices.Equal(got, []string{"keep.csv"}) {
			t.Errorf("dir holds %q, want only keep.csv", got)
		}
		if b, err := os.ReadFile(keep); err != nil || string(b) != "previous run" {
			t.Errorf("keep.csv = %q, %v", b, err)
		}
	}
}

func TestFailureLeavesExistingDir(t *testing.T) {
	t.Run("xlsx fails after the CSVs are written", func(t *testing.T) {
		dir, unchanged := existing(t)
		res := testResult()
		res.Levels[1].Label = "EPCI/bad" // "/" is not allowed in a sheet name
		if _, err := Write(res, dir, nil); err == nil {
			t.Fatal("no error")
		}
		unchanged()
	})
	t.Run("moving the old output aside fails", func(t *testing.T) {
		dir, unchanged := existing(t)
		failRename(t, 1)
		if _, err := Write(testResult(), dir, nil); err == nil {
			t.Fatal("no error")
		}
		unchanged()
	})
	t.Run("moving the new output in fails", func(t *testing.T) {
		dir, unchanged := existing(t)
		failRename(t, 2)
		if _, err := Write(testResult(), dir, nil); err == nil {
			t.Fatal("no error")
		}
		unchanged()
	})
	t.Run("parent is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Write(testResult(), filepath.Join(file, "out"), nil); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("dir is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "out")
		if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Write(testResult(), file, nil); err == nil {
			t.Fatal("no error")
		}
		if got := listDir(t, filepath.Dir(file)); !slices.Equal(got, []string{"out"}) {
			t.Errorf("parent holds %q", got)
		}
		if b, err := os.ReadFile(file); err != nil || string(b) != "x" {
			t.Errorf("file = %q, %v", b, err)
		}
	})
	t.Run("parent not writable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes into read-only directories")
		}
		dir, unchanged := existing(t)
		parent := filepath.Dir(dir)
		if err := os.Chmod(parent, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(parent, 0o755) })
		if _, err := Write(testResult(), dir, nil); err == nil {
			t.Fatal("no error")
		}
		unchanged()
	})
}

// failRename makes the nth call to outdir.Rename fail (the first moves the existing output
// aside, the second moves the new one in), and restores os.Rename after the test.
func failRename(t *testing.T, nth int) {
	t.Helper()
	calls := 0
	outdir.Rename = func(from, to string) error {
		calls++
		if calls == nth {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected failure")}
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { outdir.Rename = os.Rename })
}
