package geo

import (
	"math"
	"testing"
)

func embeddedGeo(t *testing.T) *Geography {
	t.Helper()
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestEmbeddedCounts(t *testing.T) {
	g := embeddedGeo(t)
	if g.Vintage != "COG 2026" || g.Source == "" {
		t.Errorf("Vintage %q, Source %q", g.Vintage, g.Source)
	}
	depZones := map[string]int{}
	for _, d := range g.Departements() {
		depZones[d.Zone]++
	}
	regZones := map[string]int{}
	for _, r := range g.Regions() {
		regZones[r.Zone]++
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"communes", len(g.Communes()), 34969},
		{"arrondissements", len(g.Arrondissements()), 45},
		{"EPCI", len(g.EPCIs()), 1255},
		{"former codes", len(g.FormerCodes()), 4240},
		{"départements metro+DROM", depZones[Metro] + depZones[DROM], 101},
		{"départements DROM", depZones[DROM], 5},
		{"COM", depZones[COM], 8},
		{"régions metro+DROM", regZones[Metro] + regZones[DROM], 18},
		{"régions COM", regZones[COM], 8},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
}

func TestEmbeddedEPCIPopulationIsSumOfCommunes(t *testing.T) {
	g := embeddedGeo(t)
	for _, e := range g.EPCIs() {
		sum := 0.0
		for _, code := range e.Members {
			c, ok := g.Commune(code)
			if !ok {
				t.Fatalf("EPCI %s: member %s is not a commune", e.Code, code)
			}
			if c.EPCI != e.Code || c.PopulationSource != PopulationDGCL {
				t.Errorf("commune %s: EPCI %q source %q, want %s %s", code, c.EPCI, c.PopulationSource, e.Code, PopulationDGCL)
			}
			sum += c.Population
		}
		if sum != e.Population {
			t.Errorf("EPCI %s %s: communes sum to %v, DGCL populationMunicipale %v", e.Code, e.Name, sum, e.Population)
		}
	}
}

func TestEmbeddedCommunesOutsideEPCI(t *testing.T) {
	g := embeddedGeo(t)
	var outside, missing []string
	for _, c := range g.Communes() {
		if c.EPCI != "" {
			continue
		}
		outside = append(outside, c.Code)
		switch {
		case math.IsNaN(c.Population):
			missing = append(missing, c.Code)
			if c.PopulationSource != PopulationNone {
				t.Errorf("%s: no population but source %q", c.Code, c.PopulationSource)
			}
		case c.PopulationSource != PopulationINSEE || c.Population <= 0:
			t.Errorf("%s: population %v from %q, want a positive INSEE figure", c.Code, c.Population, c.PopulationSource)
		}
	}
	if len(outside) != 98 {
		t.Errorf("%d communes outside any EPCI, want 98", len(outside))
	}
	for _, code := range []string{"22016", "29083", "29155", "85113"} {
		if c, _ := g.Commune(code); c.EPCI != "" || c.PopulationSource != PopulationINSEE {
			t.Errorf("island commune %s: %+v", code, c)
		}
	}
	want := []string{"98411", "98412", "98413", "98414", "98415", "98901"}
	if len(missing) != len(want) {
		t.Fatalf("communes without population: %v, want %v", missing, want)
	}
	for i := range want {
		if missing[i] != want[i] {
			t.Errorf("communes without population: %v, want %v", missing, want)
		}
	}
}

func TestEmbeddedNievre(t *testing.T) {
	g := embeddedGeo(t)
	communes, epcis := 0, map[string]bool{}
	for _, c := range g.Communes() {
		if c.Departement == "58" {
			communes++
			epcis[c.EPCI] = true
			if c.Region != "27" {
				t.Errorf("%s: région %s, want 27", c.Code, c.Region)
			}
		}
	}
	if communes != 309 || len(epcis) != 13 || epcis[""] {
		t.Errorf("Nièvre: %d communes in %d EPCI (%v), want 309 in 13", communes, len(epcis), epcis)
	}
	nevers, _ := g.Commune("58194")
	if nevers.Name != "Nevers" || nevers.EPCI != "245804406" {
		t.Errorf("Nevers: %+v", nevers)
	}
	ca, _ := g.EPCI("245804406")
	if ca.Name != "CA de Nevers" || ca.Type != "CA" || ca.Population != 67408 {
		t.Errorf("CA de Nevers: %+v", ca)
	}
	d, _ := g.Departement("58")
	r, _ := g.Region(d.Region)
	if d.Name != "Nièvre" || r.Name != "Bourgogne-Franche-Comté" || d.Zone != Metro {
		t.Errorf("Nièvre: %+v in %+v", d, r)
	}
}

func TestEmbeddedArrondissements(t *testing.T) {
	g := embeddedGeo(t)
	parents := map[string]int{}
	for _, a := range g.Arrondissements() {
		parents[a.Commune]++
		if a.PopulationSource != PopulationINSEE || !(a.Population > 0) {
			t.Errorf("%s: population %v from %q", a.Code, a.Population, a.PopulationSource)
		}
	}
	if parents["75056"] != 20 || parents["69123"] != 9 || parents["13055"] != 16 || len(parents) != 3 {
		t.Errorf("arrondissements per commune: %v", parents)
	}
}

func TestResolve(t *testing.T) {
	g := embeddedGeo(t)
	for _, c := range []struct {
		code string
		want Resolution
	}{
		{"75101", Resolution{Arrondissement, "75056"}},
		{"69381", Resolution{Arrondissement, "69123"}},
		{"13216", Resolution{Arrondissement, "13055"}},
		{"75056", Resolution{Current, "75056"}},
		{"01340", Resolution{Former, "01015"}},
		{"01015", Resolution{Current, "01015"}}, // commune déléguée chef-lieu keeps the code
		{"60455", Resolution{Former, "60054"}},  // anciensCodes wins over the déléguée's chefLieu 60694
		{"2A004", Resolution{Current, "2A004"}},
		{"97101", Resolution{Current, "97101"}},
		{"99999", Resolution{}},
		{"2a004", Resolution{}}, // Resolve does not normalise
		{"", Resolution{}},
	} {
		if got := g.Resolve(c.code); got != c.want {
			t.Errorf("Resolve(%q) = %v %q, want %v %q", c.code, got.Kind, got.Commune, c.want.Kind, c.want.Commune)
		}
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	g := embeddedGeo(t)
	g.Communes()[0].Name = "changed"
	g.EPCIs()[0].Members[0] = "changed"
	e, _ := g.EPCI(g.EPCIs()[0].Code)
	e.Members[0] = "changed"
	g.FormerCodes()["01340"] = "changed"
	if g.Communes()[0].Name == "changed" || g.EPCIs()[0].Members[0] == "changed" || g.Resolve("01340").Commune != "01015" {
		t.Error("a caller modified the shared geography")
	}
}

func TestParseTableRejects(t *testing.T) {
	for _, data := range []string{
		"X\tfoo\n",
		"R\t11\tÎle-de-France\n",
		"R\t11\tÎle-de-France\tmetro\nD\t75\tParis\t11\tmetro\nC\t75056\tParis\t75\t\tlots\tINSEE\n",
		"R\t11\tÎle-de-France\tmetro\nD\t75\tParis\t12\tmetro\n",
		"R\t11\tÎle-de-France\tmetro\nD\t75\tParis\t11\tmetro\nC\t75056\tParis\t75\t123456789\t1\tDGCL\n",
		"R\t11\tÎle-de-France\tmetro\nD\t75\tParis\t11\tmetro\nC\t75056\tParis\t75\t\t1\tINSEE\nF\t75056\t75056\n",
	} {
		if _, err := parseTable(gz(t, data)); err == nil {
			t.Errorf("parseTable(%q) accepted", data)
		}
	}
}
