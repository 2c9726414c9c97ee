package indicators

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func has(cols ...string) func(string) bool {
	set := map[string]bool{}
	for _, c := range cols {
		set[strings.ToUpper(c)] = true
	}
	return func(u string) bool { return set[u] }
}

func TestResolvePicksVintageAndAlias(t *testing.T) {
	tests := []struct {
		name    string
		id      string
		columns []string
		vintage string
		num     []string
		den     []string
	}{
		{"65+ from sexes", "part_65_plus", []string{"P18_POP", "P18_H65P", "P18_F65P"}, "18", []string{"P18_H65P", "P18_F65P"}, []string{"P18_POP"}},
		{"latest complete vintage", "part_15_29", []string{"P13_POP", "P13_POP1529", "P18_POP", "P18_POP1529", "P21_POP"}, "18", []string{"P18_POP1529"}, []string{"P18_POP"}},
		{"2019 unemployment alias", "taux_chomage_15_64", []string{"P19_CHOMEUR1564", "P19_ACT1564"}, "19", []string{"P19_CHOMEUR1564"}, []string{"P19_ACT1564"}},
		{"BEPC added from RP 2017", "part_peu_diplomes", []string{"P17_NSCOL15P", "P17_NSCOL15P_DIPLMIN", "P17_NSCOL15P_BEPC"}, "17", []string{"P17_NSCOL15P_DIPLMIN", "P17_NSCOL15P_BEPC"}, []string{"P17_NSCOL15P"}},
		{"DIPLMIN alone before 2017", "part_peu_diplomes", []string{"P16_NSCOL15P", "P16_NSCOL15P_DIPLMIN"}, "16", []string{"P16_NSCOL15P_DIPLMIN"}, []string{"P16_NSCOL15P"}},
		{"Filosofi suffix vintage", "revenu_median", []string{"MED19"}, "19", []string{"MED19"}, nil},
		{"ARCEP columns, any case", "non_couverture_thd", []string{"ELIG_THD30", "ELIG_THD100", "ELIG_THD1G", "NBR"}, "", []string{"elig_thd30", "elig_thd100", "elig_thd1g"}, []string{"nbr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := Lookup(tt.id)
			got, missing := Resolve([]Definition{d}, has(tt.columns...))
			if len(got) != 1 {
				t.Fatalf("not resolved: %v", missing)
			}
			r := got[0]
			if r.Vintage != tt.vintage || !reflect.DeepEqual(r.Numerator, tt.num) || !reflect.DeepEqual(r.Denominator, tt.den) {
				t.Errorf("got vintage %q num %v den %v", r.Vintage, r.Numerator, r.Denominator)
			}
		})
	}
}

func TestResolveRefusesMixedVintagesAndNamesMissing(t *testing.T) {
	d, _ := Lookup("part_15_29")
	got, missing := Resolve([]Definition{d}, has("P18_POP1529", "P17_POP"))
	if len(got) != 0 || len(missing) != 1 {
		t.Fatalf("got %v, missing %v", got, missing)
	}
	if !strings.Contains(missing[0].Reason, "P{yy}_POP1529") {
		t.Errorf("reason does not name the variables: %q", missing[0].Reason)
	}
}

func TestFormula(t *testing.T) {
	d, _ := Lookup("part_65_plus")
	r := Resolved{Definition: d, Numerator: []string{"P18_H65P", "P18_F65P"}, Denominator: []string{"P18_POP"}}
	if got, want := r.Formula(), "(P18_H65P + P18_F65P) / P18_POP × 100"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	d, _ = Lookup("non_couverture_thd")
	r = Resolved{Definition: d, Numerator: []string{"elig_thd30", "elig_thd100", "elig_thd1g"}, Denominator: []string{"nbr"}}
	if got, want := r.Formula(), "(1 − (elig_thd30 + elig_thd100 + elig_thd1g) / nbr) × 100"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNeeded(t *testing.T) {
	need := Needed(Catalogue())
	for col, want := range map[string]bool{
		"P18_POP": true, "p21_pop1529": true, "C17_MENPSEUL": true, "TP6019": true, "MED19": true,
		"elig_thd30": true, "ELIG_THD1G": true, "NBR": true, "elig_hd8": false, "P18_POP_X": false, "LIBGEO": false, "P1_POP": false, "SUPERF": false,
	} {
		if got := need(col); got != want {
			t.Errorf("Needed(%q) = %v, want %v", col, got, want)
		}
	}
}

// Three communes; the rates at group level come from summed counts, never from a mean of rates.
func TestComputeSumsCounts(t *testing.T) {
	nan := math.NaN()
	c := &Communes{
		Codes:      []string{"A", "B", "C"},
		Population: []float64{100, 900, 50},
		Columns: map[string][]float64{
			"P18_CHOM1564": {10, 45, nan},
			"P18_ACT1564":  {50, 450, 20},
			"MED19":        {20000, 30000, nan},
			"ELIG_THD30":   {0, 50, 10},
			"ELIG_THD100":  {0, 30, 0},
			"ELIG_THD1G":   {0, 10, 0},
			"NBR":          {0, 100, 10},
		},
	}
	var defs []Definition
	for _, id := range []string{"taux_chomage_15_64", "revenu_median", "non_couverture_thd"} {
		d, _ := Lookup(id)
		defs = append(defs, d)
	}
	res, missing := Resolve(defs, func(u string) bool { _, ok := c.Columns[u]; return ok })
	if len(missing) != 0 {
		t.Fatal(missing)
	}
	rows := Compute(c, res, []Territory{{Code: "A", Members: []int{0}}, {Code: "G", Members: []int{0, 1, 2}}})
	a, g := rows[0], rows[1]
	// Commune A: 10/50 = 20 %; zero premises: no coverage rate.
	if a.Values[0].Value != 20 || !a.Values[2].Missing() || a.Values[1].Value != 20000 || a.Values[1].Approx {
		t.Errorf("commune A: %+v", a.Values)
	}
	// Group: (10+45)/(50+450) = 11 % (the mean of rates would be 15 %); C lacks data: coverage 1000/1050.
	if v := g.Values[0]; math.Abs(v.Value-11) > 1e-12 || v.Numerator != 55 || v.Denominator != 500 || math.Abs(v.Coverage-1000.0/1050) > 1e-12 {
		t.Errorf("group unemployment: %+v", v)
	}
	// Median income: population-weighted mean (20000×100+30000×900)/1000 = 29000, flagged.
	if v := g.Values[1]; v.Value != 29000 || !v.Approx {
		t.Errorf("group income: %+v", v)
	}
	// Coverage: 1 − 100/110.
	if v := g.Values[2]; math.Abs(v.Value-(1-100.0/110)*100) > 1e-12 || v.Coverage != 1 {
		t.Errorf("group THD: %+v", v)
	}
	if g.Population != 1050 {
		t.Errorf("group population %v", g.Population)
	}
}

func TestComputeMissingIsNeverZero(t *testing.T) {
	nan := math.NaN()
	c := &Communes{Codes: []string{"A"}, Population: []float64{nan}, Columns: map[string][]float64{"TP6019": {nan}}}
	d, _ := Lookup("taux_pauvrete")
	res, _ := Resolve([]Definition{d}, func(u string) bool { return u == "TP6019" })
	rows := Compute(c, res, []Territory{{Code: "A", Members: []int{0}}})
	if !rows[0].Values[0].Missing() || rows[0].Values[0].Coverage != 0 || !math.IsNaN(rows[0].Population) {
		t.Errorf("got %+v", rows[0])
	}
}

func TestCatalogueIDsUniqueAndComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Catalogue() {
		if seen[d.ID] || d.Label == "" || d.Unit == "" || d.Source == "" || len(d.Numerator) == 0 || d.Scale == 0 {
			t.Errorf("bad definition %+v", d)
		}
		seen[d.ID] = true
		if d.Kind != Level && len(d.Denominator) == 0 {
			t.Errorf("%s: a ratio needs a denominator", d.ID)
		}
	}
}

func TestInconsistencies(t *testing.T) {
	c := &Communes{
		Codes:      []string{"A", "B"},
		Population: []float64{1, 1},
		Columns: map[string][]float64{
			"P18_CHOM1564": {10, 60},
			"P18_ACT1564":  {50, 50},
			"MED19":        {1, 2},
		},
	}
	res, _ := Resolve(Catalogue(), func(u string) bool { return c.Columns[u] != nil })
	got := Inconsistencies(c, res)
	if len(got) != 1 || got[0].Commune != "B" || got[0].Indicator != "taux_chomage_15_64" || got[0].Numerator != 60 {
		t.Errorf("got %+v", got)
	}
}
