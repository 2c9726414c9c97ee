package places

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExcelWindows1252 reads testdata/france-services-excel-1252.csv: real France
// Services rows saved by a French Excel (Windows-1252, ";", decimal commas, leading
// zeros lost).
func TestExcelWindows1252(t *testing.T) {
	r := read(t, false, Source{Path: "testdata/france-services-excel-1252.csv"})
	f := r.Files[0]
	if f.Format != FranceServicesList || f.Records != 13 || f.Located[ByINSEERepaired] != 12 || f.Located[ByINSEE] != 1 || f.Repaired != 24 {
		t.Fatalf("stats %+v", f)
	}
	if k := kinds(r); k["note repaired-code"] != 12 || k["note repaired-postal-code"] != 12 || len(r.Problems) != 24 {
		t.Errorf("problems %v", k)
	}
	p := placeByID(r, "1")
	if p == nil || p.Name != "France services de Valserhône" || p.Commune != "01033" || p.PostalCode != "01200" ||
		p.Lat != 46.1060711578546 || p.Lon != 5.8260084241619 || p.HoursPerWeek != 28.5 {
		t.Errorf("place 1: %+v", p)
	}
	if p := placeByID(r, "426"); p == nil || p.Sources[0] != "testdata/france-services-excel-1252.csv:14" || p.Commune != "72176" {
		t.Errorf("place 426 (a comment with line breaks on row 13): %+v", p)
	}

	t.Run("same places as the original file", func(t *testing.T) {
		orig := read(t, false, site(t, "france-services-20240801.csv"))
		for _, p := range r.Places {
			o := placeByID(orig, p.ID)
			if o == nil || o.Name != p.Name || o.Commune != p.Commune || o.Lat != p.Lat || o.Lon != p.Lon || o.HoursPerWeek != p.HoursPerWeek || o.Itinerant != p.Itinerant {
				t.Errorf("place %s: %+v, in the original %+v", p.ID, p, o)
			}
		}
	})
}

// readCSVFixture returns the cells of a testdata CSV.
func readCSVFixture(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// comparable strips what differs between two copies of a list: the file name.
func comparable(r *Result, rowShift int) (places []Place, problems []string) {
	for _, p := range r.Places {
		p.Sources = nil
		places = append(places, p)
	}
	for _, p := range r.Problems {
		msg := p.Message
		if i := strings.Index(msg, "of the array: "); i >= 0 {
			msg = msg[i+len("of the array: "):]
		}
		if rowShift != 0 {
			var n int
			if i := strings.Index(msg, "object "); i >= 0 {
				if _, err := fmt.Sscanf(msg[i:], "object %d of the array", &n); err == nil {
					msg = strings.Replace(msg, fmt.Sprintf("object %d of the array", n), fmt.Sprintf("the record of row %d", n+rowShift), 1)
				}
			}
		}
		problems = append(problems, fmt.Sprintf("%d %s %s %s %s", p.Row+rowShift, p.Column, p.Severity, p.Kind, msg))
	}
	return places, problems
}

func samePlaces(t *testing.T, a, b []Place) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d places, want %d", len(a), len(b))
	}
	for i := range a {
		x, y := a[i], b[i]
		// NaN != NaN: compare the rest
		if math.IsNaN(x.Lat) != math.IsNaN(y.Lat) || math.IsNaN(x.HoursPerWeek) != math.IsNaN(y.HoursPerWeek) {
			t.Errorf("place %d: %+v, want %+v", i, x, y)
			continue
		}
		x.Lat, x.Lon, x.HoursPerWeek, y.Lat, y.Lon, y.HoursPerWeek = 0, 0, 0, 0, 0, 0
		if !reflect.DeepEqual(x, y) {
			t.Errorf("place %d: %+v, want %+v", i, x, y)
		}
	}
}

// TestXLSXAndJSON writes the synthetic malformed list as XLSX and as a JSON array:
// both read as the CSV does (JSON rows count objects, one less than CSV lines).
func TestXLSXAndJSON(t *testing.T) {
	rows := readCSVFixture(t, "malformed-1.0.2.csv")
	want := read(t, false, Source{Path: "testdata/malformed-1.0.2.csv"})
	wantPlaces, wantProblems := comparable(want, 0)
	dir := t.TempDir()

	x := excelize.NewFile()
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			x.SetCellStr("Sheet1", cell, v)
		}
	}
	xlsx := filepath.Join(dir, "lieux.xlsx")
	if err := x.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	got := read(t, false, Source{Path: xlsx})
	places, problems := comparable(got, 0)
	samePlaces(t, places, wantPlaces)
	if strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("XLSX problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
	}

	var objects []map[string]string
	for _, row := range rows[1:] {
		o := map[string]string{}
		for j, v := range row {
			if v != "" {
				o[rows[0][j]] = v
			}
		}
		objects = append(objects, o)
	}
	data, err := json.MarshalIndent(objects, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = read(t, false, Source{Path: "lieux.json", Data: data})
	places, problems = comparable(got, 1)
	samePlaces(t, places, wantPlaces)
	if strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("JSON problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
	}
}

// TestMapping reads a list of another layout (synthetic) through a column mapping.
func TestMapping(t *testing.T) {
	data := "Lieu;Ville;CP;Lat;Lon;Offre\n" +
		"Mairie annexe;Nevers;58000;;;Aide aux démarches administratives\n" +
		"Bus numérique;;;47.0;3.5;Accès internet et matériel informatique|Cuisine\n"
	r := read(t, false, Source{Path: "autre.csv", Data: []byte(data), Mapping: map[string]string{
		"nom": "Lieu", "commune": "Ville", "code_postal": "CP", "latitude": "Lat", "longitude": "Lon",
		"services": "Offre", "dispositif_programmes_nationaux": "=Aidants Connect", "itinerance": "=Fixe",
	}})
	if f := r.Files[0]; f.Format != Mapping || f.Records != 2 || f.Located[ByPostalName] != 1 || f.Located[ByCoordinates] != 1 {
		t.Fatalf("stats %+v", f)
	}
	if k := kinds(r); k["warning unknown-service"] != 1 || k["warning missing-field"] != 0 {
		t.Errorf("problems %v", r.Problems)
	}
	for _, p := range r.Places {
		if strings.Join(p.Programmes, ",") != AidantsConnect || len(p.Levers) != 1 {
			t.Errorf("%+v", p)
		}
	}
}

// TestFranceServicesFrenchLabels reads a France Services list with the French
// column labels of the exports before 2024 (synthetic rows).
func TestFranceServicesFrenchLabels(t *testing.T) {
	data := "Nom;Adresse;Code postal;Commune;Code INSEE;Latitude;Longitude;Lundi;Mardi;Mercredi;Jeudi;Vendredi;Samedi;Format\n" +
		"France services de Prémery;Place de l'Hôtel de ville;58700;Prémery;58218;47,17;3,33;9h00 - 12h00;09:00 - 12:00 / 14:00 - 17:00;;;;;Itinérante\n"
	r := read(t, false, Source{Path: "fs-2022.csv", Data: []byte(data)})
	if len(r.Places) != 1 || r.Files[0].Format != FranceServicesList || len(r.Problems) != 0 {
		t.Fatalf("%+v %v", r.Files, r.Problems)
	}
	if p := r.Places[0]; p.Commune != "58218" || p.HoursPerWeek != 9 || !p.Itinerant || p.Lat != 47.17 {
		t.Errorf("%+v", p)
	}
}
