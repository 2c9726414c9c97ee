package geo

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/xuri/excelize/v2"
)

func TestReadAppartenance2022(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: parses a 27 MB sheet")
	}
	path := filepath.Join(sharedData(t, "insee"), "table-appartenance-geo-communes-22.zip")
	g, err := ReadAppartenance(path)
	if err != nil {
		t.Fatal(err)
	}
	if g.Vintage != "COG 2022" || !strings.Contains(g.Source, "INSEE") || !strings.Contains(g.Source, "no populations") {
		t.Errorf("Vintage %q, Source %q", g.Vintage, g.Source)
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"communes", len(g.Communes()), 34955},
		{"arrondissements", len(g.Arrondissements()), 45},
		{"EPCI", len(g.EPCIs()), 1255},
		{"départements", len(g.Departements()), 101},
		{"régions", len(g.Regions()), 18},
		{"former codes", len(g.FormerCodes()), 0},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	for _, c := range g.Communes() {
		if !math.IsNaN(c.Population) || c.PopulationSource != PopulationNone {
			t.Fatalf("%s: population %v from %q, want NaN from %q", c.Code, c.Population, c.PopulationSource, PopulationNone)
		}
	}

	nevers, _ := g.Commune("58194")
	want := Commune{Code: "58194", Name: "Nevers", Departement: "58", Region: "27", EPCI: "245804406", PopulationSource: PopulationNone}
	nevers.Population = 0
	if nevers != want {
		t.Errorf("Nevers: %+v, want %+v", nevers, want)
	}
	if e, _ := g.EPCI("245804406"); e.Type != "CA" || e.Name != "CA de Nevers" || !math.IsNaN(e.Population) {
		t.Errorf("CA de Nevers: %+v", e)
	}
	if e, _ := g.EPCI("200046977"); e.Type != "METRO" || e.Name != "Métropole de Lyon" || len(e.Members) != 59 {
		t.Errorf("Métropole de Lyon: %s %q, %d members", e.Type, e.Name, len(e.Members))
	}
	if c, _ := g.Commune("22016"); c.EPCI != "" || c.Name != "Île-de-Bréhat" {
		t.Errorf("Île-de-Bréhat: %+v", c)
	}
	if c, _ := g.Commune("2A004"); c.Departement != "2A" || c.Region != "94" {
		t.Errorf("Ajaccio: %+v", c)
	}
	if d, _ := g.Departement("976"); d.Name != "Mayotte" || d.Region != "06" || d.Zone != DROM {
		t.Errorf("Mayotte: %+v", d)
	}
	if r, _ := g.Region("27"); r.Name != "Bourgogne-Franche-Comté" || r.Zone != Metro {
		t.Errorf("région 27: %+v", r)
	}

	nievre, epcis := 0, map[string]bool{}
	for _, c := range g.Communes() {
		if c.Departement == "58" {
			nievre++
			epcis[c.EPCI] = true
		}
	}
	if nievre != 309 || len(epcis) != 13 {
		t.Errorf("Nièvre: %d communes in %d EPCI, want 309 in 13", nievre, len(epcis))
	}

	for code, want := range map[string]Resolution{
		"75101": {Arrondissement, "75056"},
		"13055": {Current, "13055"},
		"01340": {}, // merged before 2022, and the table lists no former codes
		"99999": {},
	} {
		if got := g.Resolve(code); got != want {
			t.Errorf("Resolve(%s) = %+v, want %+v", code, got, want)
		}
	}
}

// writeWorkbook writes a workbook laid out like INSEE's (4 metadata rows, labels,
// codes, data from row 7); rows maps a sheet to its codes row then data rows.
func writeWorkbook(t *testing.T, name string, rows map[string][][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, sheet := range []string{sheetCOM, sheetARM, sheetZones} {
		data, ok := rows[sheet]
		if !ok {
			continue
		}
		if first {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		labels := make([]string, len(data[0]))
		for i := range labels {
			labels[i] = "Libellé " + strings.ToLower(data[0][i])
		}
		for i, line := range append([][]string{{"Liste"}, {"France"}, {"Mise en ligne"}, {"@Insee"}, labels}, data...) {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			values := make([]any, len(line))
			for j, v := range line {
				values[j] = v
			}
			if err := f.SetSheetRow(sheet, cell, &values); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// smallWorkbook returns fresh rows each time, so a test may change them.
func smallWorkbook() map[string][][]string {
	return map[string][][]string{
		sheetCOM: {{"CODGEO", "LIBGEO", "DEP", "REG", "EPCI", "NATURE_EPCI", "ARR"},
			{"58194", "Nevers", "58", "27", "245804406", "CA", "583"},
			{"58086", "Coulanges-lès-Nevers", "58", "27", "245804406", "CA", "583"},
			{"75056", "Paris", "75", "11", "200054781", "ME", "751"},
			{"22016", "Île-de-Bréhat", "22", "53", noEPCI, "ZZ", "224"},
		},
		sheetARM: {{"CODGEO", "LIBGEO", "DEP", "COM"}, {"75101", "Paris 1er Arrondissement", "75", "75056"}},
		sheetZones: {{"NIVGEO", "CODGEO", "LIBGEO", "NB_COM"},
			{"ARR", "583", "Nevers", "1"},
			{"DEP", "22", "Côtes-d'Armor", "1"},
			{"DEP", "58", "Nièvre", "2"},
			{"DEP", "75", "Paris", "1"},
			{"EPCI", "200054781", "Métropole du Grand Paris", "1"},
			{"EPCI", "245804406", "CA de Nevers", "2"},
			{"EPCI", noEPCI, "Sans objet", "1"},
			{"REG", "11", "Île-de-France", "1"},
			{"REG", "27", "Bourgogne-Franche-Comté", "2"},
			{"REG", "53", "Bretagne", "1"},
		},
	}
}

func TestReadAppartenanceSmall(t *testing.T) {
	g, err := ReadAppartenance(writeWorkbook(t, "table-appartenance-geo-communes-2024.xlsx", smallWorkbook()))
	if err != nil {
		t.Fatal(err)
	}
	if g.Vintage != "COG 2024" || len(g.Communes()) != 4 || len(g.EPCIs()) != 2 {
		t.Errorf("%s: %d communes, %d EPCI", g.Vintage, len(g.Communes()), len(g.EPCIs()))
	}
	if e, _ := g.EPCI("245804406"); len(e.Members) != 2 || e.Members[0] != "58086" || e.Members[1] != "58194" {
		t.Errorf("CA de Nevers members %v", e.Members)
	}
	if r := g.Resolve("75101"); r != (Resolution{Arrondissement, "75056"}) {
		t.Errorf("Resolve(75101) = %+v", r)
	}
}

func TestReadAppartenanceProblems(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(w map[string][][]string)
		want   problem.Problem
	}{
		{"unknown DEP", func(w map[string][][]string) { w[sheetCOM][1][2] = "59" },
			problem.Problem{Kind: "unknown-code", Sheet: sheetCOM, Row: 7, Column: "DEP"}},
		{"unknown EPCI", func(w map[string][][]string) { w[sheetCOM][2][4] = "200000000" },
			problem.Problem{Kind: "unknown-code", Sheet: sheetCOM, Row: 8, Column: "EPCI"}},
		{"lost leading zero", func(w map[string][][]string) {
			w[sheetCOM] = append(w[sheetCOM], []string{"1001", "L'Abergement", "22", "53", noEPCI, "ZZ", "224"})
		}, problem.Problem{Kind: "bad-code", Sheet: sheetCOM, Row: 11, Column: "CODGEO"}},
		{"duplicate commune", func(w map[string][][]string) { w[sheetCOM][2][0] = "58194" },
			problem.Problem{Kind: "duplicate-code", Sheet: sheetCOM, Row: 8, Column: "CODGEO"}},
		{"nature", func(w map[string][][]string) { w[sheetCOM][2][5] = "CC" },
			problem.Problem{Kind: "inconsistent-nature", Sheet: sheetCOM, Row: 8, Column: "NATURE_EPCI"}},
		{"région of a département", func(w map[string][][]string) { w[sheetCOM][2][3] = "11" },
			problem.Problem{Kind: "inconsistent-region", Sheet: sheetCOM, Row: 8, Column: "REG"}},
		{"NB_COM", func(w map[string][][]string) { w[sheetZones][3][3] = "3" },
			problem.Problem{Kind: "count-mismatch", Sheet: sheetZones, Row: 9, Column: "NB_COM"}},
		{"ARM parent", func(w map[string][][]string) { w[sheetARM][1][3] = "75000" },
			problem.Problem{Kind: "unknown-code", Sheet: sheetARM, Row: 7, Column: "COM"}},
		{"duplicate arrondissement", func(w map[string][][]string) {
			w[sheetARM] = append(w[sheetARM], w[sheetARM][1])
		}, problem.Problem{Kind: "duplicate-code", Sheet: sheetARM, Row: 8, Column: "CODGEO"}},
		{"missing column", func(w map[string][][]string) { w[sheetCOM][0][5] = "NATURE" },
			problem.Problem{Kind: "missing-column", Sheet: sheetCOM, Row: 6}},
		{"missing sheet", func(w map[string][][]string) { delete(w, sheetZones) },
			problem.Problem{Kind: "missing-sheet"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := smallWorkbook()
			c.change(w)
			path := writeWorkbook(t, "t.xlsx", w)
			_, err := ReadAppartenance(path)
			if err == nil {
				t.Fatal("accepted")
			}
			var found []problem.Problem
			var list problem.List
			var one problem.Problem
			switch {
			case errors.As(err, &list):
				found = list
			case errors.As(err, &one):
				found = []problem.Problem{one}
			default:
				t.Fatalf("error %T %v is not located", err, err)
			}
			for _, p := range found {
				if p.Kind == c.want.Kind && p.Sheet == c.want.Sheet && p.Row == c.want.Row &&
					p.Column == c.want.Column && p.File == path && p.Severity == problem.Error && p.Message != "" {
					return
				}
			}
			t.Errorf("problems %v; want %+v", err, c.want)
		})
	}
}
