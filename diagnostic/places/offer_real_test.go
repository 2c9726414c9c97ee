package places

import (
	"math"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/offer"
)

// nationalCommunes is the commune table of the embedded COG with its centroids.
func nationalCommunes(g *geo.Geography) offer.Communes {
	var c offer.Communes
	for _, k := range g.Communes() {
		lat, lon, ok := g.Centroid(k.Code)
		if !ok {
			lat, lon = math.NaN(), math.NaN()
		}
		c.Codes = append(c.Codes, k.Code)
		c.Population = append(c.Population, k.Population)
		c.Lat = append(c.Lat, lat)
		c.Lon = append(c.Lon, lon)
	}
	return c
}

// TestRealOfferNievre measures the offer of France Services and Conseillers
// numériques places in Nièvre, the way the run will: places counted in their
// commune, distances to the nearest place of the whole country.
func TestRealOfferNievre(t *testing.T) {
	g := embedded(t)
	r := read(t, false, site(t, "france-services-20240801.csv"), site(t, "lieux-cnfs-2022.json"))
	c := nationalCommunes(g)
	tb := offer.Compute(c, r.Offer(g), offer.Params{Programmes: r.Programmes()})
	if len(tb.Unplaced) != 0 {
		t.Errorf("%d places in no commune", len(tb.Unplaced))
	}
	var dep indicators.Territory
	dep.Code = "58"
	want := 0.0
	for i, code := range c.Codes {
		if k, _ := g.Commune(code); k.Departement == "58" {
			dep.Members = append(dep.Members, i)
			want += tb.Places[i]
		}
	}
	if len(dep.Members) != 309 {
		t.Fatalf("%d communes in Nièvre", len(dep.Members))
	}
	row := tb.Rows([]indicators.Territory{dep})[0]
	cols := tb.Columns()
	val := map[string]indicators.Value{}
	for i, col := range cols {
		val[col.ID] = row.Values[i]
	}
	places := val["lieux_mediation"].Value
	if places != want || places < 20 || places > 80 {
		t.Errorf("Nièvre: %v places, want %v (20-80)", places, want)
	}
	per := val["lieux_pour_10000_hab"]
	if math.Abs(per.Value-places/row.Population*10000) > 1e-9 || per.Denominator != row.Population {
		t.Errorf("per 10,000: %+v, population %v", per, row.Population)
	}
	d := val["distance_lieu_km"]
	if !d.Approx || d.Coverage != 1 || d.Value < 3 || d.Value > 15 {
		t.Errorf("mean distance %+v", d)
	}
	far := val["population_au_dela_10km"]
	if far.Value <= 0 || far.Value >= row.Population || val["population_au_dela_20km"].Value > far.Value {
		t.Errorf("beyond 10 km %+v, 20 km %+v", far, val["population_au_dela_20km"])
	}
	t.Logf("Nièvre: %v places (%.2f per 10,000), mean distance %.1f km, %v inhabitants beyond 10 km, %v beyond 20 km",
		places, per.Value, d.Value, far.Value, val["population_au_dela_20km"].Value)
}

// BenchmarkRealOffer times the national offer computation on the real lists: the
// 34,969 communes of the COG 2026 against the 5,242 places of France Services and
// Conseillers numériques.
func BenchmarkRealOffer(b *testing.B) {
	g := embedded(b)
	r := read(b, false, site(b, "france-services-20240801.csv"), site(b, "lieux-cnfs-2022.json"))
	c := nationalCommunes(g)
	places := r.Offer(g)
	for b.Loop() {
		offer.Compute(c, places, offer.Params{})
	}
}
