package ingest

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/internal/shareddata"
)

func sharedData(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

func embedded(t testing.TB) *geo.Geography {
	t.Helper()
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func options() Options {
	var levels []indicators.Definition
	for _, d := range indicators.Catalogue() {
		if d.Kind == indicators.Level {
			levels = append(levels, d)
		}
	}
	return Options{Need: indicators.Needed(indicators.Catalogue()), NonAdditive: indicators.Needed(levels)}
}

func column(t *testing.T, r *Result, col, code string) float64 {
	t.Helper()
	vals := r.Communes.Columns[col]
	if vals == nil {
		t.Fatalf("no column %s", col)
	}
	for i, c := range r.Communes.Codes {
		if c == code {
			return vals[i]
		}
	}
	t.Fatalf("no commune %s", code)
	return 0
}

// writeFile writes a synthetic fixture; every fixture below mirrors the layout of the
// real INSEE CSV distribution (";", CODGEO first) and is labelled synthetic.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestComparateurAndARCEP(t *testing.T) {
	data := sharedData(t)
	g := embedded(t)
	comparateur := filepath.Join(data, "insee", "base_cc_comparateur_csv.zip")
	arcep := filepath.Join(data, "arcep", "commune-debit-beta-2019-09-30.csv")
	r, err := Load(g, []Source{{Path: comparateur, Role: "census"}, {Path: arcep, Role: "services"}}, options())
	if err != nil {
		t.Fatal(err)
	}
	m := r.Matching
	if m.Rows != 35010+35359 {
		t.Errorf("rows read %d, want %d", m.Rows, 35010+35359)
	}
	// The comparateur has Paris, Lyon, Marseille whole and as 45 arrondissements.
	if m.ArrondissementDropped != 45 {
		t.Errorf("arrondissement rows dropped %d, want 45", m.ArrondissementDropped)
	}
	if m.Unmatched != 0 || m.Former != 102+493 {
		t.Errorf("matching %+v", m)
	}
	// Paris counts once: its own row, not the sum of its own row and its arrondissements.
	if got := column(t, r, "P18_POP", "75056"); got != 2175601 {
		t.Errorf("Paris P18_POP = %v, want 2175601", got)
	}
	if got := column(t, r, "P18_POP", "58194"); got != 33279 {
		t.Errorf("Nevers P18_POP = %v", got)
	}
	if got := column(t, r, "MED19", "58194"); got != 19240 {
		t.Errorf("Nevers MED19 = %v", got)
	}
	// Secret statistique stays missing, never 0.
	if got := column(t, r, "TP6019", "01001"); !math.IsNaN(got) {
		t.Errorf("01001 TP6019 = %v, want missing", got)
	}
	if r.Files[0].Producer != "INSEE" || r.Files[0].Vintage != "Filosofi 2019, RP 2013, RP 2018" {
		t.Errorf("comparateur recognised as %q %q", r.Files[0].Producer, r.Files[0].Vintage)
	}
	if r.Files[1].Producer != "ARCEP" || r.Files[1].Vintage != "2019-09-30" {
		t.Errorf("ARCEP recognised as %q %q", r.Files[1].Producer, r.Files[1].Vintage)
	}
	if len(r.Files[0].Tables) != 1 || r.Files[0].Tables[0].Member != "base_cc_comparateur.CSV" || r.Files[0].Tables[0].Rows != 35010 {
		t.Errorf("tables %+v", r.Files[0].Tables)
	}
}

// A commune nouvelle: 01015 Arboys en Bugey absorbed 01340 (COG anciensCodes);
// the older geography's two rows are summed into today's commune.
func TestFormerCommunesSummed(t *testing.T) {
	g := embedded(t)
	path := writeFile(t, "synthetic-merge.csv", "CODGEO;P18_POP;P18_ACT1564;MED19\r\n01015;100;40;20000\r\n01340;50;20;21000\r\n1001;10;5;19000\r\n")
	r, err := Load(g, []Source{{Path: path}}, options())
	if err != nil {
		t.Fatal(err)
	}
	if got := column(t, r, "P18_POP", "01015"); got != 150 {
		t.Errorf("P18_POP 01015 = %v, want 150", got)
	}
	if got := column(t, r, "MED19", "01015"); !math.IsNaN(got) {
		t.Errorf("a median of merged communes must be left missing, got %v", got)
	}
	if got := column(t, r, "P18_POP", "01001"); got != 10 {
		t.Errorf("repaired code: P18_POP 01001 = %v", got)
	}
	if r.Matching.Former != 1 || r.Matching.Repaired != 1 {
		t.Errorf("matching %+v", r.Matching)
	}
	kinds := map[string]bool{}
	for _, p := range r.Problems {
		kinds[p.Kind] = true
	}
	for _, k := range []string{"former-code", "repaired-code", "non-additive-merge"} {
		if !kinds[k] {
			t.Errorf("no %s problem reported: %v", k, r.Problems)
		}
	}
}

// Arrondissements alone (no whole-commune row) are summed into their commune.
func TestArrondissementsRolledUp(t *testing.T) {
	g := embedded(t)
	path := writeFile(t, "synthetic-arm.csv", "CODGEO;P18_POP\n69381;10\n69382;20\n")
	r, err := Load(g, []Source{{Path: path}}, options())
	if err != nil {
		t.Fatal(err)
	}
	if got := column(t, r, "P18_POP", "69123"); got != 30 {
		t.Errorf("Lyon = %v, want 30", got)
	}
	if r.Matching.Arrondissement != 2 || r.Matching.ArrondissementDropped != 0 {
		t.Errorf("matching %+v", r.Matching)
	}
}

// Two files providing the same variable for the same commune with different values:
// the first is kept and the conflict reported.
func TestJoinConflicts(t *testing.T) {
	g := embedded(t)
	a := writeFile(t, "synthetic-a.csv", "CODGEO;P18_POP;P18_ACT1564\n58194;100;40\n58001;7;3\n")
	b := writeFile(t, "synthetic-b.csv", "CODGEO,P18_POP,P18_CHOM1564\n58194,101,4\n58002,9,1\n")
	r, err := Load(g, []Source{{Path: a}, {Path: b}}, options())
	if err != nil {
		t.Fatal(err)
	}
	if got := column(t, r, "P18_POP", "58194"); got != 100 {
		t.Errorf("P18_POP = %v, want the first file's 100", got)
	}
	if got := column(t, r, "P18_POP", "58002"); got != 9 {
		t.Errorf("P18_POP 58002 = %v, want 9 from the second file", got)
	}
	if got := column(t, r, "P18_CHOM1564", "58194"); got != 4 {
		t.Errorf("joined column = %v", got)
	}
	found := false
	for _, p := range r.Problems {
		found = found || p.Kind == "conflicting-values" && p.Column == "P18_POP" && p.File == b
	}
	if !found {
		t.Errorf("conflict not reported: %v", r.Problems)
	}
	if got := r.Provenance["P18_POP"]; len(got) != 2 {
		t.Errorf("provenance %v", got)
	}
}

// Each bad input gives a precise error: file, row, column and what was expected.
func TestBadInputs(t *testing.T) {
	g := embedded(t)
	tests := []struct {
		name, content string
		kind          string
		row           int
		column        string
		fragment      string
	}{
		{"text in a count", "CODGEO;P18_POP\n58194;abc\n", "not-a-number", 2, "P18_POP", `expected a number, found "abc"`},
		{"duplicate commune", "CODGEO;P18_POP\n58194;1\n58001;2\n58194;3\n", "duplicate-code", 4, "CODGEO", "rows 2 and 4"},
		{"unknown code", "CODGEO;P18_POP\n58999;1\n", "unknown-code", 2, "CODGEO", "--allow-unmatched"},
		{"not a code", "CODGEO;P18_POP\nNièvre;1\n", "bad-code", 2, "CODGEO", "is not a commune code"},
		{"wrong header", "commune;population\n58194;1\n", "no-key-column", 0, "", "CODGEO"},
		{"empty file", "", "empty-file", 0, "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "synthetic.csv", tt.content)
			_, err := Load(g, []Source{{Path: path}}, options())
			list, ok := err.(problem.List)
			if !ok || len(list) == 0 {
				t.Fatalf("want a problem list, got %v", err)
			}
			p := list[0]
			if p.Kind != tt.kind || p.Row != tt.row || p.Column != tt.column || p.File != path || !strings.Contains(p.Message, tt.fragment) {
				t.Errorf("got %+v", p)
			}
		})
	}
}

func TestUnmatchedAllowedIsListed(t *testing.T) {
	g := embedded(t)
	path := writeFile(t, "synthetic.csv", "CODGEO;P18_POP\n58999;1\n58194;2\n")
	opt := options()
	opt.AllowUnmatched = true
	r, err := Load(g, []Source{{Path: path}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r.Matching.Unmatched != 1 || len(r.Problems) != 1 || r.Problems[0].Severity != problem.Warning || r.Problems[0].Row != 2 {
		t.Errorf("matching %+v problems %v", r.Matching, r.Problems)
	}
}

func BenchmarkLoadComparateurAndARCEP(b *testing.B) {
	data := sharedData(b)
	g := embedded(b)
	sources := []Source{
		{Path: filepath.Join(data, "insee", "base_cc_comparateur_csv.zip")},
		{Path: filepath.Join(data, "arcep", "commune-debit-beta-2019-09-30.csv")},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(g, sources, options()); err != nil {
			b.Fatal(err)
		}
	}
}
