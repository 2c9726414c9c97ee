package places

import (
	"math"
	"path/filepath"
	"slices"
	"testing"
)

// Tests on the real lists of ../shared/data/sites; counts are those of the files as
// published.

func site(t testing.TB, name string) Source {
	t.Helper()
	return Source{Path: filepath.Join(sharedData(t, "sites"), name)}
}

func placeByID(r *Result, id string) *Place {
	for i := range r.Places {
		if r.Places[i].ID == id {
			return &r.Places[i]
		}
	}
	return nil
}

func TestRealFranceServices2024(t *testing.T) {
	src := site(t, "france-services-20240801.csv")
	r := read(t, false, src)
	f := r.Files[0]
	if f.Format != FranceServicesList || f.Records != 2845 || f.Located[ByINSEE] != 2845 || f.Rejected != 0 || len(r.Places) != 2845 {
		t.Fatalf("stats %+v, %d places; want 2,845 France Services located by code_insee", f, len(r.Places))
	}
	// three codes of communes merged since the list was made
	if k := kinds(r); k["note former-code"] != 3 || len(r.Problems) != 3 {
		t.Errorf("problems %v", k)
	}
	itinerant, hours := 0, 0
	for _, p := range r.Places {
		if p.Itinerant {
			itinerant++
		}
		if !math.IsNaN(p.HoursPerWeek) {
			hours++
		}
		if !slices.Equal(p.Programmes, []string{FranceServices}) || !slices.Equal(p.Levers, []string{"equipement", "demarches"}) {
			t.Fatalf("place %s: programmes %v, levers %v", p.ID, p.Programmes, p.Levers)
		}
	}
	// 134 Bus_équivalent and 29 Itinérante; 48 places give no hours on any day
	if itinerant != 163 || hours != 2797 {
		t.Errorf("%d itinerant, %d with hours; want 163 and 2,797", itinerant, hours)
	}
	// Mon 13:30-17:00, Tue-Thu 09:00-12:00 + 13:30-17:00, Fri 09:00-12:00 + 13:30-16:00
	if p := placeByID(r, "1"); p == nil || p.HoursPerWeek != 3.5+3*6.5+5.5 || p.Commune != "01033" {
		t.Errorf("place 1: %+v", p)
	}
	// quoted fields with line breaks: the record's first line locates it
	if p := placeByID(r, "2632"); p == nil || p.Address != "27 Avenue Robert Schuman" || p.Sources[0] != src.Path+":2264" {
		t.Errorf("place 2632: %+v", p)
	}
}

func TestRealCNFSLieux(t *testing.T) {
	r := read(t, false, site(t, "lieux-cnfs-2022.json"))
	f := r.Files[0]
	// no INSEE code: 2,704 by postal code and name (46 of them through a note: a
	// CEDEX code, a shortened name…), 28 by coordinates, 1 rejected (name "Mairie",
	// postal code of Dordogne, coordinates in Loir-et-Cher)
	if f.Format != CNFSLieux || f.Records != 2733 || f.Located[ByPostalName] != 2704 || f.Located[ByCoordinates] != 28 || f.Rejected != 1 {
		t.Fatalf("stats %+v", f)
	}
	k := kinds(r)
	if k["note located-by-name"] != 46 || k["note located-by-coordinates"] != 28 || k["warning rejected"] != 1 || k["warning invalid-field"] != 47 {
		t.Errorf("problems %v", k)
	}
	progs := map[string]int{}
	for _, p := range r.Places {
		for _, prog := range p.Programmes {
			progs[prog]++
		}
	}
	// labels_nationaux: CNFS everywhere, France Services on 659, Aidants Connect on 172
	if progs[ConseillersNumeriques] != 2732 || progs[FranceServices] != 659 || progs[AidantsConnect] != 172 {
		t.Errorf("programmes %v", progs)
	}
	// MARSEILLE 11, 13011: the arrondissement's name under its postal code
	if p := placeByID(r, "62592a1d05457b0790816e6c"); p == nil || p.Commune != "13055" || p.Located != ByPostalName {
		t.Errorf("Marseille 11: %+v", p)
	}
}

func TestRealCNFSStructures(t *testing.T) {
	r := read(t, false, site(t, "conseillers-numeriques-structures-2022.json"))
	f := r.Files[0]
	// code_postal is a JSON number: 112 lost their leading zero; 7 structures have
	// no INSEE code, "0" for a name and the default geocode of Nas (Ardèche)
	if f.Format != CNFSStructures || f.Records != 1450 || f.Located[ByINSEE] != 1443 || f.Rejected != 7 || f.Repaired != 112 {
		t.Fatalf("stats %+v", f)
	}
	k := kinds(r)
	if k["note repaired-postal-code"] != 112 || k["warning rejected"] != 7 || k["note former-code"] != 2 {
		t.Errorf("problems %v", k)
	}
	if p := placeByID(r, "1"); p == nil || p.PostalCode != "01100" || p.Commune != "01283" || !slices.Equal(p.Levers, []string{"competences"}) {
		t.Errorf("structure 1: %+v", p)
	}
	fs := 0
	for _, p := range r.Places {
		if slices.Contains(p.Programmes, FranceServices) {
			fs++
		}
	}
	if fs != 312 { // every structure flagged france_services "oui" is located
		t.Errorf("%d structures flagged France Services", fs)
	}
}

func TestRealHinaura(t *testing.T) {
	r := read(t, false, site(t, "hinaura-schema-0.1.json"))
	f := r.Files[0]
	// no INSEE code: 685 by postal code and commune name, 2 by coordinates
	if f.Format != Schema01 || f.Records != 687 || f.Located[ByPostalName] != 685 || f.Located[ByCoordinates] != 2 || f.Rejected != 0 {
		t.Fatalf("stats %+v", f)
	}
	if k := kinds(r); k["note located-by-name"] != 18 || k["warning unknown-service"] != 0 {
		t.Errorf("problems %v", k)
	}
	if p := placeByID(r, "0"); p == nil || p.Commune != "74001" || !slices.Equal(p.Levers, []string{"equipement", "demarches"}) || p.HoursPerWeek != 27 {
		t.Errorf("place 0: %+v", p)
	}
}

func TestRealValidExample(t *testing.T) {
	r := read(t, false, site(t, "exemple-valide-1.0.2.csv"))
	// valid by the schema, but its coordinates are in Aix-en-Provence, its INSEE code
	// and postal code in Reims
	if len(r.Problems) != 1 || r.Problems[0].Kind != "inconsistent-coordinates" || len(r.Places) != 1 {
		t.Fatalf("%d places, problems %v", len(r.Places), r.Problems)
	}
	p := r.Places[0]
	if !math.IsNaN(p.Lat) || !math.IsNaN(p.Lon) {
		t.Errorf("coordinates kept: %v, %v", p.Lat, p.Lon)
	}
	if p.ID != "structure-1" || p.Commune != "51454" || p.Located != ByINSEE || !p.Itinerant ||
		p.HoursPerWeek != 5*7.5+3.5 || !slices.Equal(p.Levers, []string{"competences", "services"}) ||
		!slices.Equal(p.Programmes, []string{ConseillersNumeriques, AidantsConnect, "La Croix Rouge"}) ||
		p.Address != "12 BIS RUE DE LECLERCQ, Le patio du bois de l'Aulne" {
		t.Errorf("%+v", p)
	}
}

// TestRealMerge reads France Services and the Conseillers numériques places together:
// a place of both lists (within 50 m, or same name and address) counts once.
func TestRealMerge(t *testing.T) {
	r := read(t, false, site(t, "france-services-20240801.csv"), site(t, "lieux-cnfs-2022.json"))
	if r.Merged != 334 || len(r.Places) != 2845+2732-334 || r.Files[1].Merged != 334 || r.Files[0].Merged != 0 {
		t.Fatalf("merged %d, %d places, files %+v", r.Merged, len(r.Places), r.Files)
	}
	both := 0
	for _, p := range r.Places {
		if slices.Contains(p.Programmes, FranceServices) && slices.Contains(p.Programmes, ConseillersNumeriques) && len(p.Sources) == 2 {
			both++
		}
	}
	if both != 334 || kinds(r)["note merged"] != 334 {
		t.Errorf("%d places of both lists, %d merge notes", both, kinds(r)["note merged"])
	}
	// all four real lists
	r = read(t, false, site(t, "france-services-20240801.csv"), site(t, "lieux-cnfs-2022.json"),
		site(t, "conseillers-numeriques-structures-2022.json"), site(t, "hinaura-schema-0.1.json"))
	if r.Merged != 955 || len(r.Places) != 6752 || r.Rejected != 8 {
		t.Errorf("four lists: merged %d, %d places, %d rejected", r.Merged, len(r.Places), r.Rejected)
	}
	for _, p := range r.Places {
		seen := map[string]bool{}
		for _, s := range p.Sources {
			seen[s] = true
		}
		if len(seen) != len(p.Sources) {
			t.Fatalf("place %s lists a record twice: %v", p.ID, p.Sources)
		}
	}
}

// TestRealDeterministic reads the lists twice: the same places and problems come out.
func TestRealDeterministic(t *testing.T) {
	srcs := []Source{site(t, "lieux-cnfs-2022.json"), site(t, "hinaura-schema-0.1.json")}
	a, b := read(t, false, srcs...), read(t, false, srcs...)
	if len(a.Places) != len(b.Places) || len(a.Problems) != len(b.Problems) {
		t.Fatal("two reads differ")
	}
	for i := range a.Places {
		if a.Places[i].Sources[0] != b.Places[i].Sources[0] || a.Places[i].Commune != b.Places[i].Commune {
			t.Fatalf("place %d differs", i)
		}
	}
	for i := range a.Problems {
		if a.Problems[i] != b.Problems[i] {
			t.Fatalf("problem %d differs: %v / %v", i, a.Problems[i], b.Problems[i])
		}
	}
}
