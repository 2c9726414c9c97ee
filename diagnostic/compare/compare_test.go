package compare

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/geo"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixtureComparison compares the two hand-made folders of testdata/fixture with the
// former codes of the embedded COG 2026.
func fixtureComparison(t *testing.T) *Comparison {
	t.Helper()
	old, err := Read(filepath.Join("testdata", "fixture", "old"))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := Read(filepath.Join("testdata", "fixture", "new"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(old, cur, Options{FormerCodes: g.FormerCodes(), FormerSource: g.Vintage})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func levelOf(t *testing.T, c *Comparison, id string) *Level {
	t.Helper()
	for i := range c.Levels {
		if c.Levels[i].ID == id {
			return &c.Levels[i]
		}
	}
	t.Fatalf("no level %s", id)
	return nil
}

func rowOf(t *testing.T, lv *Level, code string) Row {
	t.Helper()
	for _, r := range lv.Rows {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("level %s: no row %s", lv.ID, code)
	return Row{}
}

func column(t *testing.T, lv *Level, id string) int {
	t.Helper()
	i := slices.IndexFunc(lv.Columns, func(c Column) bool { return c.ID == id })
	if i < 0 {
		t.Fatalf("level %s: no column %s", lv.ID, id)
	}
	return i
}

// same compares floats exactly, NaN equal to NaN (a missing value).
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

var nan = math.NaN()

// close compares a computed ratio with one written as a constant expression, which
// Go evaluates exactly: they may differ in the last bit.
func close(a, b float64) bool { return same(a, b) || math.Abs(a-b) <= 1e-12*math.Abs(b) }

func TestFixtureCommunes(t *testing.T) {
	c := fixtureComparison(t)
	if c.Target != New {
		t.Fatalf("target %v, want the new run (COG 2026 is more recent than COG 2015)", c.Target)
	}
	lv := levelOf(t, c, "commune")
	var got []string
	for _, r := range lv.Rows {
		got = append(got, r.Code+":"+string(r.Status)+":"+strings.Join(r.OldCodes, "|")+":"+strings.Join(r.NewCodes, "|"))
	}
	want := []string{
		"01001:apparie:01001:01001",
		"01002:ancien_seulement:01002:",
		"01004:nouveau_seulement::01004",
		"01015:fusion:01015|01340:01015", // Saint-Bois absorbed by Arboys en Bugey
		"12218:code_modifie:12076:12218",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("rows\n got %q\nwant %q", got, want)
	}
	wantCols := []string{"population", "taux_chomage_15_64", "revenu_median", "non_couverture_thd", "score_global", "classe_global", "rang"}
	var cols []string
	for _, col := range lv.Columns {
		cols = append(cols, col.ID)
	}
	if !slices.Equal(cols, wantCols) {
		t.Fatalf("columns %q, want %q", cols, wantCols)
	}
	type cell struct{ old, new, change, rel float64 }
	tests := []struct {
		code, col string
		want      cell
	}{
		{"01001", "population", cell{767, 771, 4, 4.0 / 767 * 100}},
		{"01001", "taux_chomage_15_64", cell{8, 6, -2, -25}},
		{"01001", "revenu_median", cell{nan, 23970, nan, nan}},   // new run only
		{"01001", "non_couverture_thd", cell{90, nan, nan, nan}}, // old run only
		{"01001", "score_global", cell{110, 95, -15, -15.0 / 110 * 100}},
		{"01001", "classe_global", cell{3, 2, -1, -1.0 / 3 * 100}},
		{"01001", "rang", cell{4, 3, -1, -25}},
		// The merged commune: populations add up, rates and scores do not.
		{"01015", "population", cell{650, 647, -3, -3.0 / 650 * 100}},
		{"01015", "taux_chomage_15_64", cell{nan, 12.5, nan, nan}},
		{"01015", "score_global", cell{nan, 105, nan, nan}},
		{"01015", "rang", cell{nan, 2, nan, nan}},
		// The recoded commune is compared as one.
		{"12218", "population", cell{1600, 1520, -80, -5}},
		{"12218", "taux_chomage_15_64", cell{20, nan, nan, nan}},
		{"01002", "population", cell{236, nan, nan, nan}},
		{"01004", "population", cell{nan, 14204, nan, nan}},
	}
	for _, tt := range tests {
		r, i := rowOf(t, lv, tt.code), column(t, lv, tt.col)
		got := cell{r.Old[i], r.New[i], r.Change(i), r.RelativeChange(i)}
		if !same(got.old, tt.want.old) || !same(got.new, tt.want.new) || !same(got.change, tt.want.change) || !close(got.rel, tt.want.rel) {
			t.Errorf("%s %s: got %+v, want %+v", tt.code, tt.col, got, tt.want)
		}
	}
	if n := rowOf(t, lv, "01015").Name; n != "Arboys en Bugey" {
		t.Errorf("merged commune named %q, want the new run's name", n)
	}
	// Communes: other parameters (classification), reference values and class limits,
	// and different sets of communes ranked; the population differs by its year only.
	if a := rowOf(t, lv, "01001").Alerts; !slices.Equal(a, []string{AlertMethod, AlertReference, AlertClasses, AlertRank}) {
		t.Errorf("01001 alerts %q", a)
	}
}

func TestFixtureAboveCommunes(t *testing.T) {
	c := fixtureComparison(t)
	epci := levelOf(t, c, "epci")
	if len(epci.Rows) != 2 || epci.Rows[1].Status != OnlyOld {
		t.Fatalf("EPCI rows %+v: want Bugey Sud in both runs and the dissolved one in the old only", epci.Rows)
	}
	r := rowOf(t, epci, "200040350")
	i := column(t, epci, "taux_chomage_15_64")
	if r.Old[i] != 11 || r.New[i] != 11.8 || r.Change(i) != 0.8 {
		t.Errorf("Bugey Sud unemployment %v → %v (%v)", r.Old[i], r.New[i], r.Change(i))
	}
	// Same parameters and class limits at the EPCI level; other reference values, another
	// geography, a dissolved EPCI among the ranked and a coverage that moved.
	want := []string{AlertGeography, AlertReference, AlertRank, AlertCoverage + "taux_chomage_15_64"}
	if !slices.Equal(r.Alerts, want) {
		t.Errorf("Bugey Sud alerts %q, want %q", r.Alerts, want)
	}
	dep := rowOf(t, levelOf(t, c, "departement"), "01")
	if !slices.Equal(dep.Alerts, []string{AlertGeography}) {
		t.Errorf("Ain alerts %q: a level without scores has no method alert", dep.Alerts)
	}
	for _, lv := range c.Levels {
		if lv.ID == "region" {
			t.Error("région compared although the old run has none")
		}
	}
}

func TestFixtureDifferences(t *testing.T) {
	c := fixtureComparison(t)
	var got []string
	for _, d := range c.Differences {
		got = append(got, strings.Trim(d.Kind+" "+d.Level+" "+d.Subject, " "))
	}
	want := []string{
		"geography",
		"population_vintage",
		"inputs  census",
		"inputs  services",
		"indicator_vintage  taux_chomage_15_64",
		"indicator_only_old  non_couverture_thd",
		"indicator_only_new  revenu_median",
		"level  region",
		"method_params commune classification",
		"reference_values commune france:FR/non_couverture_thd",
		"reference_values commune france:FR/taux_chomage_15_64",
		"reference_values commune france:FR/revenu_median",
		"class_limits commune global",
		"reference_values epci france:FR/non_couverture_thd",
		"reference_values epci france:FR/taux_chomage_15_64",
		"reference_values epci france:FR/revenu_median",
	}
	if !slices.Equal(got, want) {
		t.Errorf("differences\n got %q\nwant %q", got, want)
	}
	for _, r := range c.References {
		if r.Frozen || r.SameValues || r.Message != "reference not frozen: scores of the two runs are relative to their own year's reference" {
			t.Errorf("reference status %+v", r)
		}
	}
}

func TestLevelsOption(t *testing.T) {
	c := fixtureComparison(t)
	c2, err := Compare(c.Old, c.New, Options{Levels: []string{"departement", "epci", "epci"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, lv := range c2.Levels {
		ids = append(ids, lv.ID)
	}
	if !slices.Equal(ids, []string{"epci", "departement"}) {
		t.Errorf("levels %q, want epci, departement in the runs' order", ids)
	}
	if _, err := Compare(c.Old, c.New, Options{Levels: []string{"region"}}); err == nil || !strings.Contains(err.Error(), `"region"`) {
		t.Errorf("a level of one run only: err = %v", err)
	}
}

func TestRelativeChange(t *testing.T) {
	tests := []struct{ old, new, want float64 }{
		{50, 75, 50},
		{-20, -10, 50}, // towards zero from below is a rise
		{0, 5, nan},    // no base
		{nan, 5, nan},
		{5, nan, nan},
	}
	for _, tt := range tests {
		r := Row{Old: []float64{tt.old}, New: []float64{tt.new}}
		if got := r.RelativeChange(0); !same(got, tt.want) {
			t.Errorf("RelativeChange(%v → %v) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestChangeRounding(t *testing.T) {
	tests := []struct{ old, new, want float64 }{
		{11, 11.8, 0.8}, // 11.8 − 11 is 0.8000000000000007 in binary
		{13.301164418426437, 13.301164418426437, 0},
		{0.1, 0.3, 0.2},
		{34841, 33279, -1562},
		{1e-9, 3e-9, 2e-9},
		{0, 5, 5},
	}
	for _, tt := range tests {
		r := Row{Old: []float64{tt.old}, New: []float64{tt.new}}
		if got := r.Change(0); got != tt.want {
			t.Errorf("Change(%v → %v) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestNewerGeography(t *testing.T) {
	run := func(v string) *Run { r := &Run{}; r.Resume.Geography.Vintage = v; return r }
	tests := []struct {
		old, new string
		want     Side
	}{
		{"COG 2022", "COG 2026", New},
		{"COG 2026", "COG 2022", Old},
		{"COG 2026", "COG 2026", New},
		{"COG 2026", "mon découpage", Old},
		{"", "", New},
	}
	for _, tt := range tests {
		if got := newer(run(tt.old), run(tt.new)); got != tt.want {
			t.Errorf("newer(%q, %q) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestFrozen(t *testing.T) {
	p := func(s string) json.RawMessage { return json.RawMessage(s) }
	tests := []struct {
		name           string
		old, new       string
		fixed, relates bool
	}{
		{"reference normalisation", `{"reference":"france","normalisation":"reference"}`, `{"reference":"france","normalisation":"reference"}`, false, false},
		{"kit points against the région", `{"method":"ifn-2020-kit","reference":"region"}`, `{"method":"ifn-2020-kit","reference":"region"}`, false, false},
		{"min-max", `{"reference":"france","normalisation":"min-max"}`, `{"reference":"france","normalisation":"min-max"}`, false, true},
		{"percentile ranks", `{"method":"ifn-core"}`, `{"method":"ifn-core"}`, false, true},
		{"same goalposts", `{"normalisation":"goalposts","goalposts":[{"indicator":"x","low":0,"high":1}]}`, `{"normalisation":"goalposts","goalposts":[{"indicator":"x","low":0,"high":1}]}`, true, false},
		{"other goalposts", `{"normalisation":"goalposts","goalposts":[{"indicator":"x","low":0,"high":1}]}`, `{"normalisation":"goalposts","goalposts":[{"indicator":"x","low":0,"high":2}]}`, false, true},
		{"frozen alike", `{"normalisation":"reference","frozen_reference":[1,2]}`, `{"normalisation":"reference","frozen_reference":[1,2]}`, true, false},
		{"frozen in one run", `{"normalisation":"reference"}`, `{"normalisation":"reference","frozen_reference":[1,2]}`, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var op, np params
			if err := json.Unmarshal(p(tt.old), &op); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(p(tt.new), &np); err != nil {
				t.Fatal(err)
			}
			fixed, relative, why := frozen(op, np, p(tt.old), p(tt.new))
			if fixed != tt.fixed || relative != tt.relates || why == "" {
				t.Errorf("frozen = %v, relative = %v (%q); want %v, %v", fixed, relative, why, tt.fixed, tt.relates)
			}
		})
	}
}

// TestGolden writes the fixture's comparison and compares every file with the
// reviewed ones of testdata/golden; `go test ./diagnostic/compare -update` rewrites
// them. Two writes must give byte-identical files.
func TestGolden(t *testing.T) {
	c := fixtureComparison(t)
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	var names []string
	for _, dir := range dirs {
		var err error
		if names, err = Write(c, dir); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"comparaison.json", "evolution-commune.csv", "evolution-departement.csv", "evolution-epci.csv", "evolution-france.csv", "evolution.html", "evolution.xlsx"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %q, want %q", names, want)
	}
	golden := filepath.Join("testdata", "golden")
	for _, name := range names {
		a, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two writes of the same comparison", name)
		}
		path := filepath.Join(golden, name)
		if *update {
			if err := os.MkdirAll(golden, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, a, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		g, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./diagnostic/compare -update to create it)", err)
		}
		if !bytes.Equal(a, g) {
			t.Errorf("%s differs from %s: review with `go test ./diagnostic/compare -update` and git diff", name, path)
		}
	}
}

func TestWriteReplacesOnlyItsOwnOutput(t *testing.T) {
	c := fixtureComparison(t)
	dir := filepath.Join(t.TempDir(), "evolution")
	if _, err := Write(c, dir); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "evolution-stale.csv")
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(c, dir); err != nil {
		t.Fatalf("replacing an earlier output: %v", err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a file of the earlier output survived: the folder was not replaced as a whole")
	}
	// A run's folder given as --out by mistake is left alone.
	run := filepath.Join(t.TempDir(), "run")
	if err := os.Mkdir(run, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(run, "resume.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write(c, run)
	if err == nil || !strings.Contains(err.Error(), "not an output of diagnum compare") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if entries, _ := os.ReadDir(run); len(entries) != 1 {
		t.Errorf("the refused folder was changed: %d entries", len(entries))
	}
	if entries, _ := os.ReadDir(filepath.Dir(run)); len(entries) != 1 {
		t.Errorf("a temporary folder was left beside it: %v", entries)
	}
}

// copyFixture copies one fixture folder to a temporary one a test may spoil.
func copyFixture(t *testing.T, which string) string {
	t.Helper()
	src := filepath.Join("testdata", "fixture", which)
	dst := filepath.Join(t.TempDir(), which)
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(dir string) error
		want  string
	}{
		{"no summary", func(d string) error { return os.Remove(filepath.Join(d, "resume.json")) },
			"is not an output folder of diagnum run: resume.json is missing"},
		{"summary not JSON", func(d string) error { return os.WriteFile(filepath.Join(d, "resume.json"), []byte("tool: x"), 0o644) },
			"resume.json: not a diagnum summary"},
		{"other tool", replace("resume.json", `"name": "diagnum"`, `"name": "autre"`), `not written by diagnum (tool.name is "autre")`},
		{"other format", replace("resume.json", `"format_version": 1`, `"format_version": 9`), "format_version 9, this diagnum reads versions 1 to 2"},
		{"table missing", func(d string) error { return os.Remove(filepath.Join(d, "indicateurs-epci.csv")) },
			"indicateurs-epci.csv is missing although resume.json lists level epci"},
		{"not a table", replace("indicateurs-epci.csv", "code,libelle,population", "siren,nom,population"),
			"indicateurs-epci.csv: the header must start with code,libelle,population"},
		{"indicator column missing", replace("indicateurs-commune.csv", "taux_chomage_15_64,", "chomage,"),
			"indicateurs-commune.csv: no column taux_chomage_15_64 although resume.json lists the indicator"},
		{"text in a number", replace("indicateurs-commune.csv", "767,8,", "767,huit,"),
			`indicateurs-commune.csv, line 2, column taux_chomage_15_64: expected a number, found "huit"`},
		{"code twice", replace("indicateurs-commune.csv", "01340,", "01015,"),
			"indicateurs-commune.csv, line 5: territory 01015 already on line 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t, "old")
			if err := tt.spoil(dir); err != nil {
				t.Fatal(err)
			}
			_, err := Read(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := Read(filepath.Join(t.TempDir(), "absent")); err == nil || !strings.Contains(err.Error(), "absent") {
		t.Errorf("absent folder: err = %v", err)
	}
	file := filepath.Join(t.TempDir(), "resume.json")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(file); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("a file: err = %v", err)
	}
}

// replace returns a spoiler replacing the first occurrence of old by new in a file.
func replace(name, old, new string) func(string) error {
	return func(dir string) error {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte(old)) {
			return os.ErrNotExist
		}
		return os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644)
	}
}

func TestMoversAndChanged(t *testing.T) {
	lv := levelOf(t, fixtureComparison(t), "commune")
	var got []string
	for _, r := range lv.Movers("population", 2) {
		got = append(got, r.Code)
	}
	// 12218 −80, 01001 +4, 01015 −3; 01002 and 01004 are in one run only.
	if !slices.Equal(got, []string{"12218", "01001"}) {
		t.Errorf("movers %q", got)
	}
	if m := lv.Movers("absent", 3); m != nil {
		t.Errorf("movers of an unknown column: %v", m)
	}
	tests := []struct {
		old, new []float64
		want     bool
	}{
		{[]float64{1, nan}, []float64{1, nan}, false},
		{[]float64{1, 2}, []float64{1, 3}, true},
		{[]float64{1, nan}, []float64{1, 2}, true}, // a value appeared
	}
	for _, tt := range tests {
		if got := (Row{Old: tt.old, New: tt.new}).Changed(); got != tt.want {
			t.Errorf("Changed(%v → %v) = %v", tt.old, tt.new, got)
		}
	}
}
