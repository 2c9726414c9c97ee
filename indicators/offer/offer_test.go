package offer

import (
	"math"
	"slices"
	"testing"

	"github.com/diagnum/diagnum/indicators"
)

// Synthetic: three communes on a meridian, 0.1° of latitude (11.1 km) apart, and a
// fourth without a point; a place of an unknown commune 0.05° north of the third.
func synthetic() (Communes, []Place) {
	nan := math.NaN()
	c := Communes{
		Codes:      []string{"58001", "58002", "58003", "58004"},
		Population: []float64{1000, 3000, 6000, 500},
		Lat:        []float64{47.0, 47.1, 47.2, nan},
		Lon:        []float64{3.0, 3.0, 3.0, nan},
	}
	places := []Place{
		{Commune: "58001", Lat: 47.0, Lon: 3.0, Levers: [NumLevers]bool{Procedures: true, Equipment: true}, Programmes: []string{"France Services"}, HoursPerWeek: 30},
		{Commune: "58001", Lat: 47.0, Lon: 3.0, Levers: [NumLevers]bool{Skills: true}, Programmes: []string{"Conseillers numériques", "Conseillers numériques"}, Itinerant: true, HoursPerWeek: nan},
		{Commune: "58004", Lat: nan, Lon: nan, Levers: [NumLevers]bool{Skills: true}, HoursPerWeek: 10},
		{Commune: "99999", Lat: 47.25, Lon: 3.0, Levers: [NumLevers]bool{Services: true}},
	}
	return c, places
}

const tenth = EarthRadius * math.Pi / 1800 // 0.1° of a great circle, metres

func TestCompute(t *testing.T) {
	c, places := synthetic()
	tb := Compute(c, places, Params{})
	if !slices.Equal(tb.Programmes, []string{"Conseillers numériques", "France Services"}) {
		t.Errorf("programmes %v", tb.Programmes)
	}
	eq := func(name string, got, want []float64) {
		t.Helper()
		for i := range want {
			if !(got[i] == want[i] || math.IsNaN(got[i]) && math.IsNaN(want[i]) || math.Abs(got[i]-want[i]) < 1e-6) {
				t.Errorf("%s: %v, want %v", name, got, want)
				return
			}
		}
	}
	nan := math.NaN()
	eq("places", tb.Places, []float64{2, 0, 0, 1})
	eq("skills", tb.ByLever[Skills], []float64{1, 0, 0, 1})
	eq("services", tb.ByLever[Services], []float64{0, 0, 0, 0})
	eq("conseillers (counted once per place)", tb.ByProgramme[0], []float64{1, 0, 0, 0})
	eq("itinerant", tb.Itinerant, []float64{1, 0, 0, 0})
	eq("hours known", tb.HoursKnown, []float64{1, 0, 0, 1})
	eq("hours", tb.Hours, []float64{30, 0, 0, 10})
	// the place of 99999 counts in no commune but is 58003's nearest place
	eq("nearest", tb.Nearest, []float64{0, tenth, tenth / 2, nan})
	eq("nearest services", tb.NearestLever[Services], []float64{2.5 * tenth, 1.5 * tenth, tenth / 2, nan})
	eq("nearest procedures", tb.NearestLever[Procedures], []float64{0, tenth, 2 * tenth, nan})
	if !slices.Equal(tb.Unplaced, []int{3}) || !slices.Equal(tb.NearestPlace, []int{0, 0, 3, -1}) {
		t.Errorf("unplaced %v, nearest place %v", tb.Unplaced, tb.NearestPlace)
	}
}

func TestRows(t *testing.T) {
	c, places := synthetic()
	tb := Compute(c, places, Params{Radii: []float64{5000, 15000}})
	cols := tb.Columns()
	at := map[string]int{}
	for i, col := range cols {
		at[col.ID] = i
	}
	for _, id := range []string{"lieux_mediation", "lieux_pour_10000_hab", "lieux_equipement", "lieux_demarches", "lieux_competences",
		"lieux_services", "lieux_conseillers_numeriques", "lieux_france_services", "lieux_itinerants", "lieux_horaires_connus",
		"heures_ouverture_hebdo", "distance_lieu_km", "distance_lieu_services_km", "population_au_dela_5km",
		"part_population_au_dela_15km"} {
		if _, ok := at[id]; !ok {
			t.Errorf("no column %s among %v", id, cols)
		}
	}
	rows := tb.Rows([]indicators.Territory{
		{Code: "58001", Members: []int{0}},
		{Code: "58004", Members: []int{3}},
		{Code: "EPCI", Members: []int{0, 1, 2, 3}},
	})
	for _, r := range rows {
		if len(r.Values) != len(cols) {
			t.Fatalf("%s: %d values for %d columns", r.Code, len(r.Values), len(cols))
		}
	}
	v := func(row int, id string) indicators.Value { return rows[row].Values[at[id]] }
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-9 }

	if got := v(0, "lieux_pour_10000_hab"); got.Value != 20 || got.Numerator != 2 || got.Denominator != 1000 {
		t.Errorf("commune per 10,000: %+v", got)
	}
	if got := v(0, "distance_lieu_km"); got.Value != 0 || got.Approx || got.Coverage != 1 {
		t.Errorf("commune distance: %+v", got)
	}
	if got := v(1, "distance_lieu_km"); !math.IsNaN(got.Value) || got.Coverage != 0 {
		t.Errorf("commune without a point: %+v", got)
	}
	// EPCI: 3 places, 10,500 inhabitants; distances weighted over the 10,000 with a point
	if got := v(2, "lieux_mediation"); got.Value != 3 {
		t.Errorf("EPCI places: %+v", got)
	}
	if got := v(2, "lieux_pour_10000_hab"); !near(got.Value, 3/10500.0*10000) {
		t.Errorf("EPCI per 10,000: %+v", got)
	}
	wantKm := (1000*0 + 3000*tenth + 6000*tenth/2) / 10000 / 1000
	if got := v(2, "distance_lieu_km"); !near(got.Value, wantKm) || !got.Approx || !near(got.Coverage, 10000/10500.0) {
		t.Errorf("EPCI distance: %+v, want %v km, approximate, coverage 10000/10500", got, wantKm)
	}
	// 58002 and 58003 are 11.1 and 5.6 km from a place: beyond 5 km, not beyond 15 km
	if got := v(2, "population_au_dela_5km"); got.Value != 9000 || !near(got.Coverage, 10000/10500.0) {
		t.Errorf("EPCI beyond 5 km: %+v", got)
	}
	if got := v(2, "part_population_au_dela_5km"); !near(got.Value, 90) || got.Numerator != 9000 || got.Denominator != 10000 {
		t.Errorf("EPCI share beyond 5 km: %+v", got)
	}
	if got := v(2, "population_au_dela_15km"); got.Value != 0 {
		t.Errorf("EPCI beyond 15 km: %+v", got)
	}
	if got := v(2, "heures_ouverture_hebdo"); got.Value != 40 {
		t.Errorf("EPCI hours: %+v", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Point d'accès numérique CAF":       "point_d_acces_numerique_caf",
		"France Services":                   "france_services",
		"Relais numérique (Emmaüs Connect)": "relais_numerique_emmaus_connect",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLevers(t *testing.T) {
	for _, l := range Levers {
		if got, ok := LeverByID(l.ID()); !ok || got != l || l.Label() == "?" {
			t.Errorf("lever %d: id %q label %q", l, l.ID(), l.Label())
		}
	}
	if _, ok := LeverByID("x"); ok {
		t.Error("unknown id found")
	}
}
