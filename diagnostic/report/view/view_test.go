package view

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
)

func TestLevels(t *testing.T) {
	res := fixture.Result()
	var ids []string
	for _, lv := range Studied(res) {
		ids = append(ids, lv.ID)
	}
	if !slices.Equal(ids, []string{"epci", "commune", "departement"}) {
		t.Errorf("studied levels %q", ids)
	}
	for _, tc := range []struct {
		level string
		want  []string
	}{
		{"commune", []string{"Nièvre (département)", "Bourgogne-Franche-Comté (région)", "France"}},
		{"epci", []string{"Nièvre (département)", "Bourgogne-Franche-Comté (région)", "France"}},
		{"departement", []string{"Bourgogne-Franche-Comté (région)", "France"}},
	} {
		var got []string
		for _, r := range References(res, Level(res, tc.level)) {
			got = append(got, r.Label())
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s references %q, want %q", tc.level, got, tc.want)
		}
	}
}

func TestScores(t *testing.T) {
	res := fixture.Result()
	communes := Level(res, "commune")
	var order []string
	for _, i := range Ranking(communes) {
		order = append(order, communes.Rows[i].Code)
	}
	// Rank 1 first; the commune without a rank last.
	if got := strings.Join(order, ","); got != "58062,58003,58194,58086,58195,58303" {
		t.Errorf("ranking %s", got)
	}
	if s := Score(communes, 5, "global"); !math.IsNaN(s) {
		t.Errorf("missing score = %v", s)
	}
	if c := Class(communes, 1, "global"); c != 3 {
		t.Errorf("class = %d", c)
	}
	if ref, ok := HundredLevel(res); !ok || ref != "france" {
		t.Errorf("HundredLevel = %q, %v", ref, ok)
	}
	refs := References(res, Level(res, "epci"))
	for i, want := range []float64{116.6, math.NaN(), 100} {
		got := RefScore(res, refs[i], "global")
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("%s: score %v, want %v", refs[i].Label(), got, want)
		}
	}
	// Without the reference normalisation, France has no score: nothing is made up.
	for i := range res.Levels {
		if s := res.Levels[i].Scores; s != nil {
			s.Params.Normalisation = "min-max"
		}
	}
	if _, ok := HundredLevel(res); ok {
		t.Error("min-max scores taken as measured against France")
	}
	if got := RefScore(res, refs[2], "global"); !math.IsNaN(got) {
		t.Errorf("France's min-max score = %v", got)
	}
}

func TestParents(t *testing.T) {
	res := fixture.Result()
	p := Parents(res, "epci")
	if p["58086"] != "200067890" || p["58195"] != "245804406" {
		t.Errorf("parents %v", p)
	}
	Level(res, "epci").Members = nil
	if Parents(res, "epci") != nil {
		t.Error("parents without members")
	}
}

func TestKeyFigures(t *testing.T) {
	k := BuildKeyFigures(fixture.Result())
	var cols []string
	for _, c := range k.Columns {
		cols = append(cols, c.Label())
	}
	if !slices.Equal(cols, []string{"Nièvre (département)", "Bourgogne-Franche-Comté (région)", "France"}) || !slices.Equal(k.Studied, []bool{true, false, false}) {
		t.Errorf("columns %q, studied %v", cols, k.Studied)
	}
	var rows []string
	for _, r := range k.Rows {
		var cells []string
		for i := range r.Values {
			cells = append(cells, r.Format(i))
		}
		rows = append(rows, r.Label+": "+strings.Join(cells, " | "))
	}
	want := []string{
		"Population: 202\u00a0299 | 2\u00a0803\u00a0977 | 68\u00a0017\u00a0078",
		"Score de fragilité global: 116,6 | n.d. | 100,0",
		// No class row: a level of one territory has no class.
		"Score de fragilité : accès aux interfaces numériques: 134,1 | n.d. | 100,0",
		"Score de fragilité : compétences administratives: 99,1 | n.d. | 100,0",
		"Taux de chômage des 15-64 ans (au sens du recensement): 13,3\u00a0% | 12,1\u00a0% | 13,4\u00a0%",
		"Revenu disponible médian par unité de consommation: 20\u00a0421\u00a0€ | 21\u00a0756\u00a0€ | 22\u00a0232\u00a0€",
		"Part des locaux non éligibles au très haut débit fixe (≥ 30 Mbit/s): 71,1\u00a0% | 57,6\u00a0% | 44,4\u00a0%",
		// The offer: places whole, per 10,000 inhabitants to a hundredth.
		"Lieux de médiation numérique: 3 | 325 | 5\u00a0241",
		"Lieux de médiation numérique pour 10 000 habitants: 0,15 | 1,16 | 0,77",
		"Population à plus de 10 km d'un lieu: 80\u00a0400 | 190\u00a0000 | 3\u00a0400\u00a0000",
		"Part de la population à plus de 10 km d'un lieu: 39,7\u00a0% | 6,8\u00a0% | 5,0\u00a0%",
		"Population à plus de 20 km d'un lieu: 30\u00a0100 | 21\u00a0000 | 410\u00a0000",
		"Part de la population à plus de 20 km d'un lieu: 14,9\u00a0% | 0,7\u00a0% | 0,6\u00a0%",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

func TestClassRanges(t *testing.T) {
	if got := strings.Join(ClassRanges([]float64{0, 43.66, 76.2, 270.8}), " "); got != "[0,0 ; 43,7[ [43,7 ; 76,2[ [76,2 ; 270,8]" {
		t.Errorf("ranges %s", got)
	}
}
