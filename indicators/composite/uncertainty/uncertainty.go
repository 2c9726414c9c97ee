// Package uncertainty measures how much a territory's rank owes to the method's
// arbitrary choices: it redraws the weights (within a spread), the normalisation and
// the aggregation many times (Monte Carlo), and reports each territory's median rank
// and 5-95 % rank interval, and the share of the rank variance due to each choice.
//
// Runs are reproducible: the same table, parameters, options and seed give the same
// result to the last bit, whatever the number of workers.
package uncertainty

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/aggregate"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
)

// Options are the uncertainty analysis' choices; JSON keeps their order.
type Options struct {
	// Draws: number of Monte Carlo draws N (`--uncertainty N`). The variance shares
	// need N × (2 + number of varying choices) evaluations of the scores.
	Draws int `json:"draws"`
	// Seed of the random generator (PCG).
	Seed uint64 `json:"seed"`
	// WeightSpread: each nominal weight is multiplied by a factor drawn uniformly in
	// [1 − spread, 1 + spread], then all are rescaled to sum 1. 0 keeps them fixed.
	WeightSpread float64 `json:"weight_spread"`
	// Normalisations drawn from, with equal probability. Empty: the nominal one only.
	Normalisations []normalise.Method `json:"normalisations"`
	// Aggregations drawn from, with equal probability. Empty: the nominal one only.
	Aggregations []aggregate.Method `json:"aggregations"`
	// Workers evaluating draws in parallel; 0 = GOMAXPROCS. It does not change results.
	Workers int `json:"-"`
}

// DefaultOptions draws 1000 times with seed 1, weights ± 25 %, the reference, min-max
// and percentile-rank normalisations and arithmetic or geometric aggregation: the
// alternatives that all give non-negative values, so every pair is valid.
func DefaultOptions() Options {
	return Options{Draws: 1000, Seed: 1, WeightSpread: 0.25,
		Normalisations: []normalise.Method{normalise.Reference, normalise.MinMax, normalise.PercentileRank},
		Aggregations:   []aggregate.Method{aggregate.Arithmetic, aggregate.Geometric}}
}

// Choice names (Share.Choice).
const (
	ChoiceWeights       = "weights"
	ChoiceNormalisation = "normalisation"
	ChoiceAggregation   = "aggregation"
)

// Result of an analysis.
type Result struct {
	Options Options                     `json:"options"` // resolved
	Params  composite.Params            `json:"params"`  // the nominal parameters
	Level   string                      `json:"level"`
	Ranks   []TerritoryRanks            `json:"ranks"` // sorted by code
	Shares  []Share                     `json:"shares"`
	Weights []composite.IndicatorWeight `json:"nominal_weights"`
}

// TerritoryRanks summarises one territory's ranks over the draws (1 = most fragile).
type TerritoryRanks struct {
	Code        string  `json:"code"`
	NominalRank int     `json:"nominal_rank"` // 0: no nominal score
	MedianRank  float64 `json:"median_rank"`
	P5          float64 `json:"p5"`  // 5th percentile of the ranks (type 7)
	P95         float64 `json:"p95"` // 95th percentile
	// Draws in which the territory had a score (a geometric mean of a negative value,
	// for instance, leaves it unranked in that draw). Ranks are over those draws only.
	Draws int `json:"draws"`
}

// Share is the share of the rank variance due to one choice, pooled over territories
// (Σ over territories of the variance it explains / Σ of the rank variances).
// FirstOrder counts the choice alone (Saltelli 2010 estimator), Total also its
// interactions with the others (Jansen estimator). Being estimates, they can stray a
// little outside [0, 1] when N is small.
type Share struct {
	Choice     string  `json:"choice"`
	FirstOrder float64 `json:"first_order"`
	Total      float64 `json:"total"`
}

// Run performs the analysis for t under the diagnum method with nominal parameters p.
func Run(t composite.Table, p composite.Params, opt Options) (*Result, error) {
	sc, err := composite.NewScorer(t, p)
	if err != nil {
		return nil, err
	}
	nominal := sc.Params()
	opt, err = resolve(opt, nominal)
	if err != nil {
		return nil, err
	}
	for _, m := range opt.Normalisations {
		if err := sc.Prepare(m); err != nil {
			return nil, err
		}
	}
	a := newAnalysis(sc, opt)
	a.sample()
	a.evaluate()
	res := &Result{Options: opt, Params: nominal, Level: t.Level}
	for i, id := range sc.Indicators() {
		res.Weights = append(res.Weights, composite.IndicatorWeight{Indicator: id, Weight: a.w[i]})
	}
	nomScores := sc.Global(nominal.Normalisation, nominal.Aggregation, a.w, nil)
	res.Ranks = a.summarise(composite.Ranks(nomScores))
	res.Shares = a.shares()
	return res, nil
}

func resolve(opt Options, nominal composite.Params) (Options, error) {
	if opt.Draws < 2 {
		return opt, fmt.Errorf("uncertainty: %d draws, need at least 2", opt.Draws)
	}
	if !(opt.WeightSpread >= 0 && opt.WeightSpread < 1) {
		return opt, fmt.Errorf("uncertainty: weight spread %g, want 0 ≤ spread < 1", opt.WeightSpread)
	}
	if len(opt.Normalisations) == 0 {
		opt.Normalisations = []normalise.Method{nominal.Normalisation}
	}
	if len(opt.Aggregations) == 0 {
		opt.Aggregations = []aggregate.Method{nominal.Aggregation}
	}
	opt.Normalisations = slices.Clone(opt.Normalisations)
	opt.Aggregations = slices.Clone(opt.Aggregations)
	var errs []error
	for _, n := range opt.Normalisations {
		for _, a := range opt.Aggregations {
			if !a.Valid() {
				return opt, fmt.Errorf("uncertainty: aggregation %q", a)
			}
			if err := composite.CheckCombination(n, a); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	return opt, errors.Join(errs...)
}

// draw is one point of the Monte Carlo design.
type draw struct {
	factors []float64 // weight multipliers
	norm    int       // index into Options.Normalisations
	agg     int       // index into Options.Aggregations
}

// sample draws the two independent designs A and B of Saltelli's scheme, in one
// sequence from the seeded generator, before any evaluation.
func (a *analysis) sample() {
	rng := rand.New(rand.NewPCG(a.opt.Seed, 0x9e3779b97f4a7c15))
	u := distuv.Uniform{Min: 1 - a.opt.WeightSpread, Max: 1 + a.opt.WeightSpread, Src: rng}
	one := func() draw {
		d := draw{factors: make([]float64, len(a.w))}
		for i := range d.factors {
			d.factors[i] = 1
			if a.opt.WeightSpread > 0 {
				d.factors[i] = u.Rand()
			}
		}
		d.norm = rng.IntN(len(a.opt.Normalisations))
		d.agg = rng.IntN(len(a.opt.Aggregations))
		return d
	}
	a.A = make([]draw, a.opt.Draws)
	a.B = make([]draw, a.opt.Draws)
	for j := range a.A {
		a.A[j] = one()
		a.B[j] = one()
	}
}
