package compare_test

import (
	"archive/zip"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/compare"
	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/report"
	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/diagnum/diagnum/internal/shareddata"
)

// sharedData returns <repo root>/../shared/data, skipping the test when it is absent.
func sharedData(t *testing.T) string {
	t.Helper()
	return shareddata.Dir(t)
}

// comparateur reads the INSEE comparateur de territoires as published: header and
// rows, values as text.
func comparateur(t *testing.T, data string) ([]string, [][]string) {
	t.Helper()
	zr, err := zip.OpenReader(filepath.Join(data, "insee", "base_cc_comparateur_csv.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("base_cc_comparateur.CSV")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[0], rows[1:]
}

// cut writes the columns of the comparateur named into a CSV of the same layout.
func cut(t *testing.T, header []string, rows [][]string, cols []string, path string) {
	t.Helper()
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = -1
		for j, h := range header {
			if h == c {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			t.Fatalf("the comparateur has no column %s", c)
		}
	}
	var b strings.Builder
	b.WriteString(strings.Join(cols, ";") + "\r\n")
	for _, r := range rows {
		for i, j := range idx {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(r[j])
		}
		b.WriteString("\r\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// column returns one column of the comparateur by commune code, as numbers.
func columnByCode(t *testing.T, header []string, rows [][]string, col string) map[string]float64 {
	t.Helper()
	j := -1
	for i, h := range header {
		if h == col {
			j = i
		}
	}
	out := map[string]float64{}
	for _, r := range rows {
		if r[j] == "" {
			continue
		}
		v, err := strconv.ParseFloat(r[j], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[r[0]] = v
	}
	return out
}

// runTo runs diagnum on s and writes its tables and summary into dir.
func runTo(t *testing.T, s *spec.Spec, dir string) {
	t.Helper()
	res, err := diagnostic.Run(s, diagnostic.Options{AllowUnmatched: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Write(res, dir, []string{"csv", "json"}); err != nil {
		t.Fatal(err)
	}
}

func newSpec(t *testing.T, territory string, census []string, geography string) *spec.Spec {
	t.Helper()
	s := spec.Default()
	terr, err := spec.ParseTerritory(territory)
	if err != nil {
		t.Fatal(err)
	}
	s.Territory = terr
	s.Sources.Census, s.Sources.Services = nil, nil
	for _, p := range census {
		s.Sources.Census = append(s.Sources.Census, spec.Source{Path: p})
	}
	s.Sources.Geography = geography
	return s
}

func compareDirs(t *testing.T, oldDir, newDir string) *compare.Comparison {
	t.Helper()
	old, err := compare.Read(oldDir)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := compare.Read(newDir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	c, err := compare.Compare(old, cur, compare.Options{FormerCodes: g.FormerCodes(), FormerSource: g.Vintage})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func level(t *testing.T, c *compare.Comparison, id string) *compare.Level {
	t.Helper()
	for i := range c.Levels {
		if c.Levels[i].ID == id {
			return &c.Levels[i]
		}
	}
	t.Fatalf("no level %s", id)
	return nil
}

func col(t *testing.T, lv *compare.Level, id string) int {
	t.Helper()
	for i, c := range lv.Columns {
		if c.ID == id {
			return i
		}
	}
	t.Fatalf("level %s: no column %s", lv.ID, id)
	return -1
}

func row(t *testing.T, lv *compare.Level, code string) compare.Row {
	t.Helper()
	for _, r := range lv.Rows {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("level %s: no row %s", lv.ID, code)
	return compare.Row{}
}

// The comparateur holds two census years of population (P13_POP, P18_POP) and one of
// everything else. Two runs of Nièvre in the COG 2022, whose census files differ by
// that column only, give the real evolution of population from 2013 to 2018, and
// must show no evolution of anything else: same unemployment counts, so the same
// rates, scores, classes and ranks, and no alert.
func TestRealCensusYears(t *testing.T) {
	data := sharedData(t)
	header, rows := comparateur(t, data)
	dir := t.TempDir()
	oldCSV, newCSV := filepath.Join(dir, "rp2013.csv"), filepath.Join(dir, "rp2018.csv")
	cut(t, header, rows, []string{"CODGEO", "P13_POP", "P18_CHOM1564", "P18_ACT1564"}, oldCSV)
	cut(t, header, rows, []string{"CODGEO", "P18_POP", "P18_CHOM1564", "P18_ACT1564"}, newCSV)
	cog22 := filepath.Join(data, "insee", "table-appartenance-geo-communes-22.zip")
	oldDir, newDir := filepath.Join(dir, "old"), filepath.Join(dir, "new")
	runTo(t, newSpec(t, "dep:58", []string{oldCSV}, cog22), oldDir)
	runTo(t, newSpec(t, "dep:58", []string{newCSV}, cog22), newDir)
	c := compareDirs(t, oldDir, newDir)

	var kinds []string
	for _, d := range c.Differences {
		kinds = append(kinds, d.Kind+" "+d.Subject)
	}
	if strings.Join(kinds, ", ") != "population_vintage , inputs census" {
		t.Errorf("differences %q, want the population's year and the census file only", kinds)
	}
	for _, r := range c.References {
		if r.Frozen || !r.SameValues {
			t.Errorf("level %s: reference %+v, want not frozen but the same values", r.Level, r)
		}
	}

	p13, p18 := columnByCode(t, header, rows, "P13_POP"), columnByCode(t, header, rows, "P18_POP")
	communes := level(t, c, "commune")
	if len(communes.Rows) != 309 {
		t.Fatalf("%d communes, want Nièvre's 309", len(communes.Rows))
	}
	pop := col(t, communes, "population")
	for _, r := range communes.Rows {
		if r.Status != compare.Matched {
			t.Errorf("commune %s: %s, want the same code in both runs", r.Code, r.Status)
		}
		if r.Old[pop] != p13[r.Code] || r.New[pop] != p18[r.Code] || r.Change(pop) != p18[r.Code]-p13[r.Code] {
			t.Errorf("commune %s: population %v → %v (%v), want P13_POP %v → P18_POP %v", r.Code, r.Old[pop], r.New[pop], r.Change(pop), p13[r.Code], p18[r.Code])
		}
	}
	nevers := row(t, communes, "58194")
	if nevers.Old[pop] != 34841 || nevers.New[pop] != 33279 || nevers.Change(pop) != -1562 ||
		math.Abs(nevers.RelativeChange(pop)-(-4.483223788065784)) > 1e-12 {
		t.Errorf("Nevers population %v → %v, %v (%v %%), want 34841 → 33279, −1562 (−4.48 %%)",
			nevers.Old[pop], nevers.New[pop], nevers.Change(pop), nevers.RelativeChange(pop))
	}

	// The EPCI's evolution is its communes' summed (COG 2022 perimeter).
	g22, err := geo.ReadAppartenance(cog22)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := g22.EPCI("245804406")
	var sum13, sum18 float64
	for _, m := range e.Members {
		sum13, sum18 = sum13+p13[m], sum18+p18[m]
	}
	agglo := row(t, level(t, c, "epci"), "245804406")
	if agglo.Old[0] != sum13 || agglo.New[0] != sum18 || sum13 != 68142 || sum18 != 65707 {
		t.Errorf("CA de Nevers population %v → %v, want Σ P13_POP %v → Σ P18_POP %v", agglo.Old[0], agglo.New[0], sum13, sum18)
	}

	for _, lv := range c.Levels {
		for _, r := range lv.Rows {
			for i, cl := range lv.Columns {
				if cl.ID == "population" {
					continue
				}
				if ch := r.Change(i); ch != 0 {
					t.Errorf("%s %s, %s: changed by %v although only the population's year differs", lv.ID, r.Code, cl.ID, ch)
				}
			}
			if len(r.Alerts) > 0 {
				t.Errorf("%s %s: alerts %q, want none", lv.ID, r.Code, r.Alerts)
			}
		}
	}
}

// Between the COG 2022 and the COG 2026, Culoz (01138) absorbed Béon (01039) and Haut
// Valromey (01187) absorbed Ruffieu (01330). The same comparateur run in each
// geography must harmonise them: merged, compared on their population only, every
// other commune of Ain compared as it is, with no change of its figures.
func TestRealCommuneNouvelle(t *testing.T) {
	data := sharedData(t)
	header, rows := comparateur(t, data)
	census := filepath.Join(data, "insee", "base_cc_comparateur_csv.zip")
	dir := t.TempDir()
	oldDir, newDir := filepath.Join(dir, "cog2022"), filepath.Join(dir, "cog2026")
	runTo(t, newSpec(t, "dep:01", []string{census}, filepath.Join(data, "insee", "table-appartenance-geo-communes-22.zip")), oldDir)
	runTo(t, newSpec(t, "dep:01", []string{census}, ""), newDir)
	c := compareDirs(t, oldDir, newDir)
	if c.Target != compare.New {
		t.Fatalf("target %v, want the COG 2026 run", c.Target)
	}
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	p18 := columnByCode(t, header, rows, "P18_POP")
	communes := level(t, c, "commune")
	pop, chom := col(t, communes, "population"), col(t, communes, "taux_chomage_15_64")
	merged := map[string]string{"01138": "01039|01138", "01187": "01187|01330"}
	matched := 0
	for _, r := range communes.Rows {
		if want, ok := merged[r.Code]; ok {
			parts := strings.Split(want, "|")
			com, _ := g.Commune(r.Code)
			if r.Status != compare.Merged || strings.Join(r.OldCodes, "|") != want ||
				r.Old[pop] != p18[parts[0]]+p18[parts[1]] || r.New[pop] != com.Population ||
				!math.IsNaN(r.Old[chom]) || math.IsNaN(r.New[chom]) {
				t.Errorf("commune nouvelle %s: %+v; want merged from %s, population Σ P18_POP %v → DGCL %v, the old rate not comparable",
					r.Code, r, want, p18[parts[0]]+p18[parts[1]], com.Population)
			}
			continue
		}
		if r.Status != compare.Matched {
			t.Errorf("commune %s: %s", r.Code, r.Status)
			continue
		}
		matched++
		for i, cl := range communes.Columns {
			if !strings.HasPrefix(cl.ID, "score_") && cl.ID != "population" && cl.Kind == compare.Quantity {
				if ch := r.Change(i); ch != 0 && !(math.IsNaN(r.Old[i]) && math.IsNaN(r.New[i])) {
					t.Errorf("commune %s, %s: %v → %v from the same data", r.Code, cl.ID, r.Old[i], r.New[i])
				}
			}
		}
	}
	if matched != 389 {
		t.Errorf("%d communes matched, want 389 (391 communes in COG 2026, 2 of them merged)", matched)
	}
	kinds := map[string]bool{}
	for _, d := range c.Differences {
		kinds[d.Kind] = true
	}
	for _, k := range []string{"geography", "population_source"} {
		if !kinds[k] {
			t.Errorf("no %s difference in %+v", k, c.Differences)
		}
	}
	for _, r := range level(t, c, "epci").Rows {
		if r.Alerts[0] != compare.AlertGeography {
			t.Errorf("EPCI %s: alerts %q, want the geography first (each run has its own perimeter)", r.Code, r.Alerts)
		}
	}
	out := filepath.Join(dir, "evolution")
	if _, err := compare.Write(c, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "evolution-commune.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\n01187,Haut Valromey,fusion,01187|01330,01187,827,777,-50,") {
		t.Errorf("evolution-commune.csv lacks the merged Haut Valromey row")
	}
}
