package diagnostic

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/diagnum/diagnum/internal/shareddata"
)

func sharedData(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

func realSpec(t testing.TB, territory string) *spec.Spec {
	data := sharedData(t)
	terr, err := spec.ParseTerritory(territory)
	if err != nil {
		t.Fatal(err)
	}
	s := spec.Default()
	s.Territory = terr
	s.Sources.Census = []spec.Source{{Path: filepath.Join(data, "insee", "base_cc_comparateur_csv.zip")}}
	s.Sources.Services = []spec.Source{{Path: filepath.Join(data, "arcep", "commune-debit-beta-2019-09-30.csv")}}
	return s
}

func level(t *testing.T, res *Result, id string) Level {
	t.Helper()
	for _, l := range res.Levels {
		if l.ID == id {
			return l
		}
	}
	t.Fatalf("no level %s", id)
	return Level{}
}

func indicatorIndex(t *testing.T, res *Result, id string) int {
	t.Helper()
	for i, ind := range res.Indicators {
		if ind.ID == id {
			return i
		}
	}
	t.Fatalf("indicator %s not computed", id)
	return -1
}

// On all of France: every EPCI's population summed from its communes equals the DGCL
// populationMunicipale of the EPCI file, and rates are Σ numerators / Σ denominators.
func TestFranceFromRealFiles(t *testing.T) {
	res, err := Run(realSpec(t, "france"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	epci := level(t, res, "epci")
	if len(epci.Rows) != 1255 {
		t.Errorf("%d EPCI, want 1255", len(epci.Rows))
	}
	for _, row := range epci.Rows {
		e, _ := g.EPCI(row.Code)
		if row.Population != e.Population {
			t.Errorf("EPCI %s: population %v from communes, DGCL says %v", row.Code, row.Population, e.Population)
		}
	}
	inFrance := 0
	for _, c := range g.Communes() {
		if r, _ := g.Region(c.Region); r.Zone != geo.COM {
			inFrance++
		}
	}
	if n := len(level(t, res, "commune").Rows); n != inFrance {
		t.Errorf("%d communes studied, want the %d of the métropole and DROM", n, inFrance)
	}
	unemployment := indicatorIndex(t, res, "taux_chomage_15_64")
	// The département of Nièvre: its rate is the ratio of its communes' summed counts.
	var num, den float64
	communes := level(t, res, "commune")
	for _, row := range communes.Rows {
		c, _ := g.Commune(row.Code)
		if c.Departement == "58" {
			v := row.Values[unemployment]
			num += v.Numerator
			den += v.Denominator
		}
	}
	for _, row := range level(t, res, "departement").Rows {
		if row.Code != "58" {
			continue
		}
		v := row.Values[unemployment]
		if math.Abs(v.Value-num/den*100) > 1e-9 || v.Numerator != num {
			t.Errorf("Nièvre unemployment %v, want %v from summed counts", v.Value, num/den*100)
		}
	}
	if res.Matching.Unmatched != 0 || res.Matching.ArrondissementDropped != 45 {
		t.Errorf("matching %+v", res.Matching)
	}
}

// The studied territory takes whole EPCI even across a département border, and the
// references are its région and France.
func TestScopeAndReferences(t *testing.T) {
	res, err := Run(spec.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(level(t, res, "commune").Rows); n != 309 {
		t.Errorf("%d communes in Nièvre, want 309", n)
	}
	if n := len(level(t, res, "epci").Rows); n != 13 {
		t.Errorf("%d EPCI, want 13", n)
	}
	reg := level(t, res, "region")
	if len(reg.Rows) != 1 || reg.Rows[0].Code != "27" || !reg.Reference {
		t.Errorf("région %+v", reg.Rows)
	}
	if fr := level(t, res, "france"); len(fr.Rows) != 1 || !fr.Reference {
		t.Errorf("France %+v", fr.Rows)
	}
	// CA Moulins Communauté (Allier) has one Nièvre commune: it is computed whole.
	for _, row := range level(t, res, "epci").Rows {
		if row.Code == "200071140" && row.Population < 60000 {
			t.Errorf("Moulins Communauté computed on part of its communes: population %v", row.Population)
		}
	}
	if len(res.Missing) != 5 || len(res.Indicators) != 4 {
		t.Errorf("indicators %d, missing %d", len(res.Indicators), len(res.Missing))
	}
	for _, ind := range res.Indicators {
		if ind.VintageLabel == "" || len(ind.Sources) == 0 {
			t.Errorf("%s has no vintage or source: %+v", ind.ID, ind)
		}
	}
}

func TestUnknownTerritoryAndIndicator(t *testing.T) {
	s := spec.Default()
	s.Territory = []spec.Territory{{Level: spec.Commune, Code: "58999"}}
	if _, err := Run(s, Options{}); err == nil || err.Error() != "territory com:58999: no commune 58999 in COG 2026" {
		t.Errorf("got %v", err)
	}
	s = spec.Default()
	s.Indicators = []string{"part_des_robots"}
	if _, err := Run(s, Options{}); err == nil {
		t.Error("an unknown indicator must be an error")
	}
}

func BenchmarkRunRealFiles(b *testing.B) {
	s := realSpec(b, "dep:58")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// The default run measures the offer of the embedded France services and
// conseillers numériques lists, and sets it against the need.
func TestDefaultOffer(t *testing.T) {
	res, err := Run(spec.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Offer == nil {
		t.Fatal("no offer in the default run")
	}
	dep := level(t, res, "departement")
	col := func(id string) int {
		for i, c := range res.Offer.Columns {
			if c.ID == id {
				return i
			}
		}
		t.Fatalf("no offer column %s", id)
		return -1
	}
	places := dep.OfferRows[0].Values[col("lieux_mediation")].Value
	perTenThousand := dep.OfferRows[0].Values[col("lieux_pour_10000_hab")].Value
	if places != 48 || math.Abs(perTenThousand-places/dep.Rows[0].Population*10000) > 1e-9 {
		t.Errorf("Nièvre: %v places, %v per 10,000", places, perTenThousand)
	}
	epci := level(t, res, "epci")
	if len(epci.Quadrants) != len(epci.Rows) || len(epci.OfferRows) != len(epci.Rows) {
		t.Fatalf("quadrants %d, offer rows %d, rows %d", len(epci.Quadrants), len(epci.OfferRows), len(epci.Rows))
	}
	for _, p := range epci.Priorities {
		if p.Quadrant.ID() != "fragile-sous-dote" || len(p.Drivers) == 0 {
			t.Errorf("priority %+v", p)
		}
	}
	t.Logf("%d EPCI priorities, %d commune priorities; fragile population: %s", len(epci.Priorities), len(level(t, res, "commune").Priorities), res.Offer.FragilePopulation)
}
