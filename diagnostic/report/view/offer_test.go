package view

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
	"github.com/diagnum/diagnum/indicators/offer"
)

func TestOfferValue(t *testing.T) {
	res := fixture.Result()
	communes := Level(res, "commune")
	per := OfferColumn(res, ColumnPerTenThousand)
	if per != 1 || OfferColumn(res, "lieux_aidants_connect") != -1 {
		t.Fatalf("columns: %d", per)
	}
	if got := OfferValue(communes, 1, per); math.Abs(got-5.385029617662897) > 1e-12 {
		t.Errorf("Château-Chinon: %v places per 10,000", got)
	}
	// Out of range, a row of another territory, a level without offer: missing.
	communes.OfferRows[2].Code = "99999"
	for name, v := range map[string]float64{
		"column":        OfferValue(communes, 0, 99),
		"row":           OfferValue(communes, 99, 0),
		"misaligned":    OfferValue(communes, 2, 0),
		"without offer": OfferValue(Level(fixture.Result(), "commune"), 0, -1),
	} {
		if !math.IsNaN(v) {
			t.Errorf("%s: %v, want NaN", name, v)
		}
	}
	res.Offer = nil
	if OfferColumn(res, ColumnPlaces) != -1 || OfferKeyFigures(res, nil) != nil || Priorities(res) != nil {
		t.Error("offer figures without an offer")
	}
}

func TestQuadrants(t *testing.T) {
	res := fixture.Result()
	var got []string
	for _, c := range QuadrantCounts(Level(res, "commune")) {
		got = append(got, c.Quadrant.ID()+"="+Number(float64(c.Territories), 0))
	}
	if s := strings.Join(got, " "); s != "fragile-sous-dote=3 fragile-dote=1 peu-fragile-sous-dote=1 peu-fragile-dote=0 =1" {
		t.Errorf("commune quadrants: %s", s)
	}
	if QuadrantCounts(Level(res, "france")) != nil {
		t.Error("quadrants counted for a reference level")
	}
	if QuadrantLabel(offer.QuadrantUnknown) != "" || QuadrantLabel(offer.FragileUnderserved) != "fragilité élevée, offre faible" {
		t.Error("quadrant labels")
	}
	if r, ok := OfferReference(res); !ok || r.Name() != "France" {
		t.Errorf("reference %v, %v", r, ok)
	}
	res.Offer.Reference = "FR" // a territory's code works too
	if r, ok := OfferReference(res); !ok || r.Name() != "France" {
		t.Errorf("reference by code %v, %v", r, ok)
	}
}

func TestPriorities(t *testing.T) {
	list := Priorities(fixture.Result())
	var got []string
	for _, p := range list {
		got = append(got, p.Level+" "+Number(float64(p.Rank), 0)+" "+p.Code)
	}
	// EPCI first, then the communes, then the département.
	want := []string{"epci 1 245804406", "commune 1 58003", "commune 2 58086", "commune 3 58194", "departement 1 58"}
	if !slices.Equal(got, want) {
		t.Errorf("priorities %q, want %q", got, want)
	}
	first := list[1]
	if first.Quadrant != "fragilité élevée, offre faible" || !math.IsInf(first.NeedPerPlace, 1) || len(first.Factors) != 2 {
		t.Errorf("first commune %+v", first)
	}
	if d := first.Drivers[0]; d != "Part des locaux non éligibles au très haut débit fixe (≥ 30 Mbit/s) : 100,0\u00a0% (France : 44,4\u00a0%)" {
		t.Errorf("driver %q", d)
	}
	if d := first.Drivers[1]; d != "Revenu disponible médian par unité de consommation : 19\u00a0120\u00a0€ (France : 22\u00a0232\u00a0€)" {
		t.Errorf("driver %q", d)
	}
	var top []string
	for _, p := range TopPriorities(list, 2) {
		top = append(top, p.Code)
	}
	if strings.Join(top, ",") != "245804406,58003,58086,58" {
		t.Errorf("top 2 per level: %q", top)
	}
}

// TestQuadrantRule checks the thresholds the reports state: France's score and offer
// when scores are measured against France; else the offer only, the fragility
// threshold (the level's median score) not being in the Result.
func TestQuadrantRule(t *testing.T) {
	res := fixture.Result()
	if f, p := QuadrantThresholds(res); f != 100 || math.Abs(p-0.7705417748172011) > 1e-12 {
		t.Errorf("thresholds %v, %v", f, p)
	}
	if got := QuadrantRule(res); !strings.Contains(got, "(France : 100,0)") || !strings.Contains(got, "(France : 0,77)") {
		t.Errorf("rule %q", got)
	}
	for i := range res.Levels {
		if s := res.Levels[i].Scores; s != nil {
			s.Params.Normalisation = "min-max"
		}
	}
	if f, _ := QuadrantThresholds(res); !math.IsNaN(f) {
		t.Errorf("min-max fragility threshold %v", f)
	}
	if got := QuadrantRule(res); !strings.Contains(got, "la médiane des scores du niveau") || strings.Contains(got, "100,0") {
		t.Errorf("min-max rule %q", got)
	}
	res.Offer = nil
	if QuadrantRule(res) != "" {
		t.Error("a rule without an offer")
	}
}
