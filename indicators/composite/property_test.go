package composite_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/aggregate"
	"github.com/diagnum/diagnum/indicators/composite/classify"
	"github.com/diagnum/diagnum/indicators/composite/internal/synth"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
	"github.com/diagnum/diagnum/indicators/composite/weights"
)

// variant is one method configuration the properties must hold for.
type variant struct {
	name string
	p    composite.Params
}

func variants(t testing.TB) []variant {
	def := func(m string) composite.Params {
		p, err := composite.DefaultParams(m)
		if err != nil {
			t.Fatal(err)
		}
		if p.Reference != "" {
			p.Reference = composite.RefFrance // the synthetic tables carry a France reference
		}
		return p
	}
	var out []variant
	kit := def(composite.MethodKit)
	out = append(out, variant{"kit", kit})
	out = append(out, variant{"map", def(composite.MethodMap)})
	out = append(out, variant{"rank", def(composite.MethodRank)})
	out = append(out, variant{"core", def(composite.MethodCore)})
	for _, n := range normalise.Methods() {
		for _, a := range aggregate.Methods() {
			if composite.CheckCombination(n, a) != nil {
				continue
			}
			p := def(composite.MethodDiagnum)
			p.Normalisation, p.Aggregation = n, a
			if n != normalise.Reference {
				p.Reference = ""
			}
			if n == normalise.Goalposts {
				p.Goalposts = goalposts()
			}
			if n == normalise.MinMax && a != aggregate.Arithmetic {
				p.Scale = &normalise.Scale{Low: 1, High: 100}
			}
			out = append(out, variant{fmt.Sprintf("diagnum %s %s", n, a), p})
		}
	}
	for _, w := range weights.Methods() {
		p := def(composite.MethodDiagnum)
		p.Weighting = w
		if w == weights.User {
			for i, ind := range composite.KitIndicators() {
				p.Weights = append(p.Weights, composite.IndicatorWeight{Indicator: ind.ID, Weight: float64(i + 1)})
			}
		}
		out = append(out, variant{"diagnum weights " + string(w), p})
	}
	for _, c := range classify.Methods() {
		p := def(composite.MethodDiagnum)
		p.Classification, p.Classes = c, 10
		out = append(out, variant{"diagnum classes " + string(c), p})
	}
	w := def(composite.MethodDiagnum)
	w.Winsorisation.Enabled = true
	w.Imputation = []composite.ImputationRule{{Indicator: composite.IDPoverty, Method: composite.ImputeGroupMedian}}
	return append(out, variant{"diagnum winsorised, imputed", w})
}

func goalposts() []normalise.Goalpost {
	hi := []float64{1, 1, 0.4, 40000, 0.4, 0.7, 0.002, 0.3, 0.3, 0.5, 0.6}
	var g []normalise.Goalpost
	for i, ind := range composite.KitIndicators() {
		g = append(g, normalise.Goalpost{Indicator: ind.ID, Low: 0, High: hi[i]})
	}
	return g
}

func run(t testing.TB, tb composite.Table, p composite.Params) *composite.Result {
	t.Helper()
	res, err := composite.Compute(tb, p)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// canonical encodes a result with territories sorted by code, for comparison.
func canonical(t testing.TB, res *composite.Result) []byte {
	t.Helper()
	c := *res
	c.Territories = slices.Clone(res.Territories)
	slices.SortFunc(c.Territories, func(a, b composite.TerritoryResult) int { return cmpString(a.Code, b.Code) })
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err) // NaN or ±Inf in a result would fail here
	}
	return b
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// permuted returns tb with its territories shuffled (Parent.Of following).
func permuted(tb composite.Table, seed uint64) composite.Table {
	rng := rand.New(rand.NewPCG(seed, 99))
	perm := rng.Perm(len(tb.Codes))
	out := tb
	out.Codes = make([]string, len(perm))
	out.Values = make([][]float64, len(perm))
	out.Parent.Of = make([]int, len(perm))
	for to, from := range perm {
		out.Codes[to] = tb.Codes[from]
		out.Values[to] = tb.Values[from]
		out.Parent.Of[to] = tb.Parent.Of[from]
	}
	return out
}

func TestScoresInvariantToTerritoryOrder(t *testing.T) {
	tb := synth.Table(300, 1, 0.05)
	for _, v := range variants(t) {
		want := canonical(t, run(t, tb, v.p))
		for seed := range uint64(3) {
			got := canonical(t, run(t, permuted(tb, seed), v.p))
			if !bytes.Equal(got, want) {
				t.Errorf("%s: result changes with the order of territories (permutation %d)", v.name, seed)
				break
			}
		}
	}
}

func TestScoresMonotoneInEachIndicator(t *testing.T) {
	tb := synth.Table(120, 2, 0)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, v := range variants(t) {
		base := run(t, tb, v.p)
		if v.p.Weighting == weights.PCA {
			// PCA weights are re-estimated from the data, so moving one value moves every
			// weight: the property holds for the weights once chosen, so freeze them.
			v.p.Weighting, v.p.Weights = weights.User, base.Weights
			base = run(t, tb, v.p)
		}
		g := len(base.Scores) - 1
		for trial := range 25 {
			k, i := rng.IntN(len(tb.Codes)), rng.IntN(len(tb.Indicators))
			ind := tb.Indicators[i]
			dir := float64(ind.Direction)
			if v.p.Method == composite.MethodMap {
				dir = 1 // the 2020 map computes every indicator, income too, as x/s
			}
			x := tb.Values[k][i]
			if x == 0 && dir < 0 {
				continue
			}
			moved := tb
			moved.Values = slices.Clone(tb.Values)
			moved.Values[k] = slices.Clone(tb.Values[k])
			moved.Values[k][i] = x * (1 + 0.3*dir*rng.Float64())
			if x == 0 {
				moved.Values[k][i] = 0.01
			}
			after := run(t, moved, v.p)
			before, now := base.Territories[k].Scores[g], after.Territories[k].Scores[g]
			if before.OK() && now.OK() && now.Value < before.Value-1e-12 {
				t.Errorf("%s trial %d: %s of %s made more fragile, global score fell %v → %v",
					v.name, trial, ind.ID, tb.Codes[k], before.Value, now.Value)
			}
			if before.OK() && !now.OK() {
				t.Errorf("%s: score lost: %s", v.name, now.Missing)
			}
		}
	}
}

func TestWeightsSumToOne(t *testing.T) {
	tb := synth.Table(200, 3, 0)
	for _, v := range variants(t) {
		res := run(t, tb, v.p)
		var sum float64
		for _, w := range res.Weights {
			if !(w.Weight >= 0) {
				t.Errorf("%s: weight %+v", v.name, w)
			}
			sum += w.Weight
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: weights sum to %v", v.name, sum)
		}
	}
}

// TestRunRepeatsFromItsParams replays every run from the Params it recorded, after a
// JSON round trip, and demands the same bytes.
func TestRunRepeatsFromItsParams(t *testing.T) {
	tb := synth.Table(150, 4, 0.1)
	for _, v := range variants(t) {
		res := run(t, tb, v.p)
		raw, err := json.Marshal(res.Params)
		if err != nil {
			t.Fatal(err)
		}
		var p composite.Params
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		again, _ := json.Marshal(p)
		if !bytes.Equal(raw, again) {
			t.Errorf("%s: params JSON not stable:\n%s\n%s", v.name, raw, again)
		}
		if !bytes.Equal(canonical(t, run(t, tb, p)), canonical(t, res)) {
			t.Errorf("%s: replaying the recorded params gives another result", v.name)
		}
	}
}

func TestMissingNeverSilent(t *testing.T) {
	tb := synth.Table(100, 5, 0.3)
	for _, v := range variants(t) {
		p := v.p
		if p.Method != composite.MethodMap {
			p.Imputation = []composite.ImputationRule{}
		}
		res := run(t, tb, p)
		canonical(t, res) // fails on NaN
		missing := 0
		for _, tr := range res.Territories {
			for s, sc := range tr.Scores {
				if !sc.OK() {
					missing++
					if sc.Missing == "" || tr.Classes[s] != 0 {
						t.Errorf("%s: %s score %d missing without reason or with a class", v.name, tr.Code, s)
					}
				}
			}
		}
		if p.Method != composite.MethodMap && missing == 0 {
			t.Errorf("%s: 30 %% of poverty rates missing and no score missing", v.name)
		}
	}
}
