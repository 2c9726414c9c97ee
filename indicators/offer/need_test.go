package offer

import (
	"math"
	"testing"

	"github.com/diagnum/diagnum/indicators"
)

func TestQuadrant(t *testing.T) {
	ref := Reference{Fragility: 100, Offer: 2}
	for _, c := range []struct {
		fragility, offer float64
		want             Quadrant
	}{
		{120, 1, FragileUnderserved},
		{120, 2, FragileServed}, // at the reference offer: served
		{100, 1, SturdyUnderserved},
		{80, 3, SturdyServed},
		{math.NaN(), 1, QuadrantUnknown},
	} {
		if got := QuadrantOf(Need{Fragility: c.fragility, Offer: c.offer}, ref); got != c.want {
			t.Errorf("%v, %v: %s, want %s", c.fragility, c.offer, got.ID(), c.want.ID())
		}
	}
	if QuadrantOf(Need{Fragility: 1, Offer: 1}, Reference{Fragility: math.NaN(), Offer: 1}) != QuadrantUnknown {
		t.Error("missing reference")
	}
}

func TestNeedPerPlace(t *testing.T) {
	if NeedPerPlace(500, 2) != 250 || !math.IsInf(NeedPerPlace(500, 0), 1) || !math.IsNaN(NeedPerPlace(0, 0)) || !math.IsNaN(NeedPerPlace(math.NaN(), 1)) {
		t.Error("need per place")
	}
}

func TestDrive(t *testing.T) {
	d := Drivers{
		IDs:        []string{"part_65_plus", "revenu_median", "part_peu_diplomes", "taux_pauvrete"},
		Directions: []indicators.Direction{indicators.HigherIsFragile, indicators.LowerIsFragile, indicators.HigherIsFragile, indicators.HigherIsFragile},
		Reference:  []float64{20, 22000, 30, 0},
	}
	// ratios 1.5, 22000/20000 = 1.1, 1.5 (tie: IDs order), reference 0 skipped
	got := d.Drive([]float64{30, 20000, 45, 12}, 2)
	if len(got) != 2 || got[0].ID != "part_65_plus" || got[1].ID != "part_peu_diplomes" || got[0].Ratio != 1.5 {
		t.Errorf("drivers %+v", got)
	}
	got = d.Drive([]float64{10, 11000, math.NaN(), 12}, 2)
	if len(got) != 2 || got[0].ID != "revenu_median" || got[0].Ratio != 2 || got[1].ID != "part_65_plus" || got[1].Ratio != 0.5 {
		t.Errorf("drivers %+v", got)
	}
}

func TestPrioritize(t *testing.T) {
	ref := Reference{Fragility: 100, Offer: 2}
	d := Drivers{IDs: []string{"a", "b", "c"}, Directions: []indicators.Direction{1, 1, -1}, Reference: []float64{10, 10, 10}}
	needs := []Need{
		{Code: "B", Fragility: 130, Offer: 1, FragilePopulation: 900, Places: 3, Indicators: []float64{12, 30, 5}},
		{Code: "A", Fragility: 110, Offer: 1, FragilePopulation: 600, Places: 2, Indicators: []float64{11, 9, 10}},
		{Code: "C", Fragility: 150, Offer: 0, FragilePopulation: 400, Places: 0},
		{Code: "D", Fragility: 150, Offer: 0, FragilePopulation: 800, Places: 0},
		{Code: "E", Fragility: 90, Offer: 1, FragilePopulation: 5000, Places: 1},  // not fragile
		{Code: "F", Fragility: 150, Offer: 5, FragilePopulation: 5000, Places: 1}, // served
	}
	got := Prioritize(needs, ref, d, false)
	order := ""
	for _, p := range got {
		order += p.Code
	}
	// no place first (more fragile population first), then 300 per place: A and B tie, by code
	if order != "DCAB" || got[0].Rank != 1 || got[3].Rank != 4 {
		t.Fatalf("order %q: %+v", order, got)
	}
	if got[3].Code != "B" || len(got[3].Drivers) != 2 || got[3].Drivers[0].ID != "b" || got[3].Drivers[1].ID != "c" {
		t.Errorf("drivers of B: %+v", got[3].Drivers)
	}
	// all quadrants: E and F (5,000 per place, by code) come before A and B
	if all := Prioritize(needs, ref, d, true); len(all) != 6 || all[2].Code != "E" || all[3].Code != "F" || all[3].Quadrant != FragileServed {
		t.Errorf("all: %+v", all)
	}
}
