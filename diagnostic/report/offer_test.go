package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
)

// offerNames are the CSV and JSON files of the fixture, which has places: a priority
// list per studied level beside the indicator files.
var offerNames = []string{
	"indicateurs-commune.csv",
	"indicateurs-departement.csv",
	"indicateurs-epci.csv",
	"indicateurs-france.csv",
	"indicateurs-region.csv",
	"priorites-commune.csv",
	"priorites-departement.csv",
	"priorites-epci.csv",
	"resume.json",
}

// writeOffer writes the fixture's CSV and JSON files into a fresh directory.
func writeOffer(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	names, err := Write(fixture.Result(), dir, []string{"csv", "json"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, offerNames) {
		t.Fatalf("names = %q, want %q", names, offerNames)
	}
	return dir
}

// TestOfferGolden compares the fixture's CSV and JSON files, offer included, with
// testdata/golden/offre.
func TestOfferGolden(t *testing.T) {
	dir := writeOffer(t)
	for _, name := range offerNames {
		t.Run(name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", "offre", name)
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
				t.Errorf("%s differs from %s:\n%s", name, golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

// TestOfferCSV checks what the golden files could silently lose on -update: where
// the offer columns sit, the quadrant of the studied levels only, an unknown
// quadrant and an infinite need per place as empty cells.
func TestOfferCSV(t *testing.T) {
	dir := writeOffer(t)
	read := func(name string) []string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"\r", "NaN", "Inf", "e+"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
	offer := "lieux_mediation,lieux_pour_10000_hab,lieux_equipement,lieux_demarches,lieux_competences,lieux_services," +
		"lieux_france_services,lieux_itinerants,distance_lieu_km,population_au_dela_10km,part_population_au_dela_10km," +
		"population_au_dela_20km,part_population_au_dela_20km"
	for name, want := range map[string]string{
		"indicateurs-commune.csv": "code,libelle,population,taux_chomage_15_64,revenu_median,non_couverture_thd," + offer +
			",quadrant,score_acces_interfaces,classe_acces_interfaces",
		"indicateurs-epci.csv": "code,libelle,population,taux_chomage_15_64,revenu_median,non_couverture_thd," +
			"taux_chomage_15_64_couverture,revenu_median_couverture,non_couverture_thd_couverture," + offer + ",quadrant,score_",
		"indicateurs-france.csv": "code,libelle,population,taux_chomage_15_64,revenu_median,non_couverture_thd," +
			"taux_chomage_15_64_couverture,revenu_median_couverture,non_couverture_thd_couverture," + offer + "\n",
	} {
		if got := strings.Join(read(name), "\n") + "\n"; !strings.HasPrefix(got, want) {
			t.Errorf("%s header:\n%s\nwant it to start with\n%s", name, strings.SplitN(got, "\n", 2)[0], want)
		}
	}
	communes := read("indicateurs-commune.csv")
	for _, tc := range []struct{ code, cells string }{
		{"58086", ",0,0,0,0,0,0,0,0,,,,,,fragile-sous-dote,"}, // no distance: empty cells
		{"58303", ",9327,100,,87.15,"},                        // unknown quadrant: empty
	} {
		i := slices.IndexFunc(communes, func(l string) bool { return strings.HasPrefix(l, tc.code+",") })
		if i < 0 || !strings.Contains(communes[i], tc.cells) {
			t.Errorf("commune %s: %q lacks %q", tc.code, communes[i], tc.cells)
		}
	}
	priorities := read("priorites-commune.csv")
	want := []string{
		"rang,code,libelle,quadrant,population_fragile,lieux,population_fragile_par_lieu,facteur_1,valeur_1,reference_1,facteur_2,valeur_2,reference_2",
		"1,58003,Alligny-en-Morvan,fragile-sous-dote,28,0,,non_couverture_thd,100,44.4,revenu_median,19120,22232",
		`2,58086,"<script>alert(""commune"")</script>",fragile-sous-dote,5,0,,non_couverture_thd,88,44.4,,,`,
		"3,58194,Nevers,fragile-sous-dote,1650.5,1,1650.5,taux_chomage_15_64,20.125,13.4,revenu_median,19430.5,22232",
	}
	if !slices.Equal(priorities, want) {
		t.Errorf("priorites-commune.csv:\n%s\nwant:\n%s", strings.Join(priorities, "\n"), strings.Join(want, "\n"))
	}
}

// TestOfferJSON checks the offer section: absent without places, complete with them,
// never null.
func TestOfferJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, testResult(), nil); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(`"offer"`)) || !bytes.Contains(buf.Bytes(), []byte(`"format_version": 2`)) {
		t.Error("a run without places has an offer section, or the format version is not 2")
	}
	res := fixture.Result()
	res.Offer.Files[0].Located = nil
	r := buildResume(res, nil)
	o := r.Offer
	if o == nil || o.Places != 3 || o.PlacesElsewhere != 5238 || o.Merged != 1 || o.Rejected != 1 || len(o.Files) != 2 || len(o.Columns) != 13 {
		t.Fatalf("offer %+v", o)
	}
	if o.Reference != (offerReferenceJSON{Level: "france", Code: "FR", Name: "France"}) {
		t.Errorf("reference %+v", o.Reference)
	}
	var levels []string
	for _, l := range o.Levels {
		levels = append(levels, l.Level+":"+strconv.Itoa(l.Priorities)+":"+strconv.Itoa(len(l.Quadrants)))
	}
	if strings.Join(levels, " ") != "commune:3:5 epci:1:5 departement:1:5" {
		t.Errorf("levels %q", levels)
	}
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("null")) || !bytes.Contains(b, []byte(`"located":{}`)) {
		t.Errorf("the offer section holds null: %s", b)
	}
}

// TestOfferWorkbook checks the offer in the workbook: the priority sheet before the
// places, the offer columns of the level sheets in French with their formats, the
// reference rows' offer, the quadrant in French (blank when unknown).
func TestOfferWorkbook(t *testing.T) {
	f, _ := openXLSX(t, writeXLSXFile(t, fixture.Result()))
	want := slices.Insert(slices.Clone(wantSheets), slices.Index(wantSheets, placesSheet), prioritySheet)
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for _, tc := range []struct{ sheet, cell, want string }{
		{"EPCI", "J1", "Lieux de médiation numérique"},
		{"EPCI", "K1", "Lieux de médiation numérique pour 10 000 habitants"},
		{"EPCI", "R1", "Distance au lieu le plus proche (km)"},
		{"EPCI", "W1", "Quadrant fragilité × offre"},
		{"EPCI", "X1", "Score global de fragilité"},
		{"EPCI", "J4", "5241"}, // France, on top
		{"EPCI", "W4", ""},     // no quadrant for a reference
		{"EPCI", "W6", "fragilité élevée, offre élevée"},
		{"EPCI", "W7", "fragilité élevée, offre faible"},
		{"Communes", "U11", ""}, // 58303: not placed, blank
		{"Communes", "U1", "Quadrant fragilité × offre"},
		{"Communes", "B11", "Varennes-Vauzelles"},
		{prioritySheet, "A3", "Communes"},
		{prioritySheet, "H3", "aucun lieu"},
		{prioritySheet, "H5", "1650.5"},
	} {
		if got, err := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true}); err != nil || got != tc.want {
			t.Errorf("%s!%s = %q, %v; want %q", tc.sheet, tc.cell, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ sheet, cell, want string }{
		{"EPCI", "J6", fmtThousands},
		{"EPCI", "K6", fmtDecimal2},
		{"EPCI", "K4", fmtDecimal2},
		{"EPCI", "R6", fmtDecimal},
		{"EPCI", "T6", fmtPercent},
		{prioritySheet, "J3", fmtPercent}, // each driver in its unit
		{prioritySheet, "M3", fmtEuro},
	} {
		if got := numFmt(t, f, tc.sheet, tc.cell); got != tc.want {
			t.Errorf("%s!%s: format %q, want %q", tc.sheet, tc.cell, got, tc.want)
		}
	}
	if v, _ := f.GetCellValue("EPCI", "K6"); v != "0.83" {
		t.Errorf("EPCI!K6 displays %q", v)
	}
	// So many columns print on two pages across, code and name repeated on each.
	layout, err := f.GetPageLayout("EPCI")
	if err != nil || layout.FitToWidth == nil || *layout.FitToWidth != 2 {
		t.Errorf("EPCI page layout %+v, %v: want 2 pages wide", layout, err)
	}
	found := false
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == "EPCI" {
			found = n.RefersTo == "'EPCI'!$A:$B,'EPCI'!$1:$5"
		}
	}
	if !found {
		t.Errorf("EPCI: print titles are not columns A:B and rows 1:5: %+v", f.GetDefinedName())
	}
}
