package uncertainty

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/aggregate"
	"github.com/diagnum/diagnum/indicators/composite/internal/synth"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
)

func params(t testing.TB) composite.Params {
	p, err := composite.DefaultParams(composite.MethodDiagnum)
	if err != nil {
		t.Fatal(err)
	}
	p.Imputation = []composite.ImputationRule{{Indicator: composite.IDPoverty, Method: composite.ImputeParent}}
	return p
}

func analyse(t testing.TB, tb composite.Table, opt Options) *Result {
	t.Helper()
	res, err := Run(tb, params(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func encode(t testing.TB, r *Result) []byte {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReproducible(t *testing.T) {
	tb := synth.Table(200, 1, 0.02)
	opt := DefaultOptions()
	opt.Draws = 200
	opt.Workers = 1
	one := encode(t, analyse(t, tb, opt))
	opt.Workers = 8
	if !bytes.Equal(encode(t, analyse(t, tb, opt)), one) {
		t.Fatal("the number of workers changes the result")
	}
	if !bytes.Equal(encode(t, analyse(t, tb, opt)), one) {
		t.Fatal("same seed, different result")
	}
	opt.Seed = 2
	if bytes.Equal(encode(t, analyse(t, tb, opt)), one) {
		t.Fatal("another seed gives the very same result")
	}
}

func TestNothingVariesNothingMoves(t *testing.T) {
	tb := synth.Table(100, 2, 0)
	res := analyse(t, tb, Options{Draws: 20, Seed: 3})
	for _, r := range res.Ranks {
		n := float64(r.NominalRank)
		if r.MedianRank != n || r.P5 != n || r.P95 != n || r.Draws != 20 {
			t.Fatalf("%+v: with nothing drawn every rank is the nominal one", r)
		}
	}
	for _, s := range res.Shares {
		if s.FirstOrder != 0 || s.Total != 0 {
			t.Errorf("share %+v with nothing varying", s)
		}
	}
}

func TestSharesOfOneChoice(t *testing.T) {
	tb := synth.Table(150, 3, 0)
	// Only the normalisation varies: it explains all the rank variance.
	res := analyse(t, tb, Options{Draws: 300, Seed: 4,
		Normalisations: []normalise.Method{normalise.Reference, normalise.PercentileRank}})
	for _, s := range res.Shares {
		switch s.Choice {
		case ChoiceNormalisation:
			if math.Abs(s.FirstOrder-1) > 0.1 || math.Abs(s.Total-1) > 0.1 {
				t.Errorf("normalisation alone: %+v, want both ≈ 1", s)
			}
		default:
			if s.FirstOrder != 0 || s.Total != 0 {
				t.Errorf("%+v does not vary", s)
			}
		}
	}
	// Everything varies: shares are in a sensible range and ranks spread.
	res = analyse(t, tb, Options{Draws: 300, Seed: 4, WeightSpread: 0.5,
		Normalisations: []normalise.Method{normalise.Reference, normalise.MinMax, normalise.PercentileRank},
		Aggregations:   []aggregate.Method{aggregate.Arithmetic, aggregate.Geometric}})
	for _, s := range res.Shares {
		if !(s.FirstOrder > -0.1 && s.FirstOrder <= s.Total+0.1 && s.Total < 1.1 && s.Total > 0) {
			t.Errorf("share %+v", s)
		}
	}
	spread := 0
	for _, r := range res.Ranks {
		if !(r.P5 <= r.MedianRank && r.MedianRank <= r.P95) {
			t.Errorf("%+v: P5 ≤ median ≤ P95 fails", r)
		}
		if r.P95 > r.P5 {
			spread++
		}
	}
	if spread == 0 {
		t.Error("no territory's rank moves under every choice varying")
	}
}

func TestRejected(t *testing.T) {
	tb := synth.Table(50, 1, 0)
	bad := []Options{
		{Draws: 1},
		{Draws: 10, WeightSpread: 1},
		{Draws: 10, Normalisations: []normalise.Method{normalise.ZScore}, Aggregations: []aggregate.Method{aggregate.Geometric}},
		{Draws: 10, Normalisations: []normalise.Method{"nope"}},
		{Draws: 10, Aggregations: []aggregate.Method{"nope"}},
	}
	for _, o := range bad {
		if _, err := Run(tb, params(t), o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	kit, _ := composite.DefaultParams(composite.MethodKit)
	if _, err := Run(tb, kit, DefaultOptions()); err == nil {
		t.Error("uncertainty over the fixed kit method accepted")
	}
}

// BenchmarkMonteCarlo1000x1300: N = 1000 draws on 1,300 territories (an EPCI-level
// run for France), default options: 1000 × (2 + 3) score evaluations.
func BenchmarkMonteCarlo1000x1300(b *testing.B) {
	tb := synth.Table(1300, 1, 0.01)
	p := params(b)
	opt := DefaultOptions()
	for b.Loop() {
		if _, err := Run(tb, p, opt); err != nil {
			b.Fatal(err)
		}
	}
}
