package defaults

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/defaults/internal/extract"
	"github.com/diagnum/diagnum/internal/shareddata"
)

// sharedData returns ../shared/data seen from the module root, or skips the test
// when it is absent: the published files are not part of the repository.
func sharedData(t *testing.T) string {
	t.Helper()
	return shareddata.Dir(t)
}

// member returns the only member of an embedded archive.
func member(t *testing.T, name string) (Dataset, []byte) {
	t.Helper()
	archive, ds, err := Open(name)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(zr.File) != 1 || zr.File[0].Name != ds.File {
		t.Fatalf("%s: archive should hold exactly %s", name, ds.File)
	}
	f, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	content, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return ds, content
}

func TestExtractsUpToDate(t *testing.T) {
	src := sharedData(t)
	tmp := t.TempDir()
	results, err := extract.WriteAll(src, tmp)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range extract.Recipes {
		file := r.Name + ".zip"
		want, err := os.ReadFile(filepath.Join(tmp, file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("data", file))
		if err != nil {
			t.Errorf("data/%s is missing: run go generate ./diagnostic/defaults", file)
			continue
		}
		if bytes.Equal(got, want) {
			continue
		}
		_, content := member(t, r.Name)
		if bytes.Equal(content, results[i].CSV) {
			t.Errorf("data/%s holds the right table but is not the archive the generator writes (a new compressor?): run go generate ./diagnostic/defaults", file)
		} else {
			t.Errorf("data/%s is out of date: run go generate ./diagnostic/defaults", file)
		}
	}
}

func TestNoStrayArchive(t *testing.T) {
	entries, err := archives.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(Datasets()) {
		t.Errorf("data/ holds %d archives, the catalogue %d datasets", len(entries), len(Datasets()))
	}
	for _, e := range entries {
		if _, ok := Lookup(strings.TrimSuffix(e.Name(), ".zip")); !ok {
			t.Errorf("data/%s is embedded but is no dataset", e.Name())
		}
	}
}

func TestOriginalSHA256(t *testing.T) {
	src := sharedData(t)
	for _, ds := range Datasets() {
		r, _ := extract.Lookup(ds.Name)
		if filepath.Base(r.Source) != ds.Original {
			t.Errorf("%s: Original = %q, the recipe reads %s", ds.Name, ds.Original, r.Source)
		}
		raw, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(r.Source)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(raw)
		if got := hex.EncodeToString(sum[:]); got != ds.OriginalSHA256 {
			t.Errorf("%s: %s has SHA-256 %s, recorded %s", ds.Name, ds.Original, got, ds.OriginalSHA256)
		}
	}
}

func TestDatasets(t *testing.T) {
	seen := map[string]bool{}
	for _, ds := range Datasets() {
		for field, v := range map[string]string{
			"Name": ds.Name, "File": ds.File, "Producer": ds.Producer, "Title": ds.Title,
			"Vintage": ds.Vintage, "Licence": ds.Licence, "Original": ds.Original,
			"OriginalSHA256": ds.OriginalSHA256, "Note": ds.Note,
		} {
			if v == "" {
				t.Errorf("%s: %s is empty", ds.Name, field)
			}
		}
		if ds.Role != Census && ds.Role != Services && ds.Role != Places {
			t.Errorf("%s: role %q", ds.Name, ds.Role)
		}
		if seen[ds.Name] {
			t.Errorf("%s listed twice", ds.Name)
		}
		seen[ds.Name] = true
	}
	if _, _, err := Open("nope"); err == nil || !strings.Contains(err.Error(), "comparateur-2021") {
		t.Errorf("Open(unknown) = %v, want an error naming the datasets", err)
	}
	ds, _ := Lookup("comparateur-2021")
	const note = "extract of member base_cc_comparateur.CSV: columns CODGEO;P18_POP;P18_POP1564;P18_CHOM1564;P18_ACT1564;NBMENFISC19;MED19;TP6019 of all 35,010 rows"
	if !strings.HasPrefix(ds.Note, note) {
		t.Errorf("Note = %q, want it to start with %q", ds.Note, note)
	}
}

// table splits an extract into its lead lines, header and rows keyed by first field,
// checking that every line ends with eol.
func table(t *testing.T, name string, content []byte, lead int, eol string) (leads []string, header []string, rows map[string][]string, n int) {
	t.Helper()
	if !strings.HasSuffix(string(content), eol) {
		t.Fatalf("%s: does not end with %q", name, eol)
	}
	lines := strings.Split(strings.TrimSuffix(string(content), eol), eol)
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("%s: line %d has a stray line terminator", name, i+1)
		}
	}
	leads, lines = lines[:lead], lines[lead:]
	header = strings.Split(lines[0], ";")
	rows = map[string][]string{}
	for _, l := range lines[1:] {
		f := strings.Split(l, ";")
		if len(f) != len(header) {
			t.Fatalf("%s: %d fields in %q", name, len(f), l)
		}
		rows[f[0]] = f
	}
	return leads, header, rows, len(lines) - 1
}

func TestComparateur(t *testing.T) {
	ds, content := member(t, "comparateur-2021")
	_, header, rows, n := table(t, ds.Name, content, 0, "\r\n")
	if n != 35010 || len(rows) != 35010 {
		t.Errorf("%d rows, %d codes; want 35,010", n, len(rows))
	}
	if got := strings.Join(header, ";"); got != "CODGEO;P18_POP;P18_POP1564;P18_CHOM1564;P18_ACT1564;NBMENFISC19;MED19;TP6019" {
		t.Errorf("header %s", got)
	}
	for _, c := range []struct{ code, column, want string }{
		{"58194", "P18_POP", "33279"},
		{"58194", "P18_CHOM1564", "2674.83797972331"}, // fractional counts kept as written
		{"58194", "MED19", "19240"},
		{"58194", "TP6019", "23"},
		{"01001", "TP6019", ""}, // secret statistique: empty, not 0
		{"01001", "P18_POP1564", "465.16826181963"},
		{"2A004", "P18_POP", "70817"},
		{"97101", "MED19", ""},
		{"75056", "P18_POP", "2175601"}, // Paris as a whole...
		{"75101", "P18_POP", "16093"},   // ...and by arrondissement, as published
	} {
		row, ok := rows[c.code]
		if !ok {
			t.Errorf("no row %s", c.code)
			continue
		}
		if got := row[index(header, c.column)]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.code, c.column, got, c.want)
		}
	}
}

func TestARCEP(t *testing.T) {
	ds, content := member(t, "arcep-debit-2019-09")
	leads, header, rows, n := table(t, ds.Name, content, 1, "\n")
	if n != 35359 || len(rows) != 35359 {
		t.Errorf("%d rows, %d codes; want 35,359", n, len(rows))
	}
	if !strings.HasPrefix(leads[0], "Version beta : les données sont présentées") {
		t.Errorf("disclaimer not kept: %q", leads[0])
	}
	if got := strings.Join(header, ";"); got != "code_insee;nom_com;code_dep;code_reg;nbr;elig_thd30;elig_thd100;elig_thd1g;date" {
		t.Errorf("header %s", got)
	}
	for _, c := range []struct{ code, column, want string }{
		{"58194", "nom_com", "Nevers"},
		{"58194", "nbr", "26078"},
		{"58194", "elig_thd30", "308"},
		{"58194", "elig_thd100", "8107"},
		{"58194", "elig_thd1g", "9282"},
		{"38130", "nom_com", "La Côte-Saint-André"},
		{"38130", "elig_thd30", "59"},
		{"2A004", "code_dep", "2A"},
		{"97101", "code_reg", "01"},
		{"97101", "date", "2019-09-30"},
	} {
		row, ok := rows[c.code]
		if !ok {
			t.Errorf("no row %s", c.code)
			continue
		}
		if got := row[index(header, c.column)]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.code, c.column, got, c.want)
		}
	}
}

func index(header []string, column string) int {
	for i, h := range header {
		if h == column {
			return i
		}
	}
	panic("no column " + column)
}

func TestCatalogueRows(t *testing.T) {
	for _, c := range catalogue {
		r, _ := extract.Lookup(c.Name)
		_, content := member(t, c.Name)
		if r.Whole {
			// A whole file is the published one, byte for byte (its record count is
			// asserted by package places, which reads it).
			if sum := sha256.Sum256(content); hex.EncodeToString(sum[:]) != c.OriginalSHA256 {
				t.Errorf("%s: the embedded file is not the published one", c.Name)
			}
			continue
		}
		if got := bytes.Count(content, []byte("\n")) - r.Lead - 1; got != c.rows {
			t.Errorf("%s: %d rows, catalogue says %d", c.Name, got, c.rows)
		}
	}
}
