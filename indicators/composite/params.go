package composite

import (
	"fmt"
	"slices"

	"github.com/diagnum/diagnum/indicators/composite/aggregate"
	"github.com/diagnum/diagnum/indicators/composite/classify"
	"github.com/diagnum/diagnum/indicators/composite/diagnostics"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
	"github.com/diagnum/diagnum/indicators/composite/weights"
)

// Reference territory levels (Params.Reference, Related.Level).
const (
	RefFrance      = "france"
	RefRegion      = "region"
	RefDepartement = "departement"
	RefEPCI        = "epci"
)

// Imputation methods (ImputationRule.Method).
const (
	// ImputeParent: the parent territory's value (Table.Parent), e.g. the
	// département's poverty rate for a commune under statistical secrecy (the kit).
	ImputeParent = "parent"
	// ImputeMedian: the median of the territories of the table that have a value.
	ImputeMedian = "median"
	// ImputeGroupMedian: the median among the territories sharing the same parent.
	ImputeGroupMedian = "group-median"
	// ImputeZero: 0, what the 2020 map did with every missing value.
	ImputeZero = "zero"
)

// ImputationRule allows one imputation. Values are imputed only where a rule allows
// it; the first rule that yields a value wins; anything left is missing.
type ImputationRule struct {
	Indicator string `json:"indicator"` // indicator ID, or "*" for all
	Method    string `json:"method"`    // parent, median, group-median, zero
}

// IndicatorValue is a value of one indicator.
type IndicatorValue struct {
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
}

// IndicatorWeight is the weight of one indicator.
type IndicatorWeight struct {
	Indicator string  `json:"indicator"`
	Weight    float64 `json:"weight"`
}

// Params are every choice of a run. JSON keeps field order, so a saved Params is
// stable and Compute(table, result.Params) repeats a run exactly. Fields a preset
// fixes (normalisation, weighting, aggregation) must be left empty for presets.
type Params struct {
	// Method: a preset ID (Presets), "diagnum" by default.
	Method string `json:"method"`
	// Reference: level of the reference territory Table.Reference holds (france,
	// region, departement, epci). Checked against Table.Reference.Level. Empty for
	// methods that use none.
	Reference string `json:"reference,omitempty"`
	// FrozenReference: reference values fixed in advance (e.g. France of a first
	// year), one per indicator, used instead of Table.Reference so that the scores of
	// several years stand on one scale. Empty: the table's reference territory.
	FrozenReference []IndicatorValue `json:"frozen_reference,omitempty"`
	// Imputation: where missing values may be filled, and how.
	Imputation []ImputationRule `json:"imputation"`
	// Normalisation (diagnum only): reference, min-max, z-score, percentile-rank, goalposts.
	Normalisation normalise.Method `json:"normalisation,omitempty"`
	// Scale of min-max and goalposts (diagnum only), 0…100 by default.
	Scale *normalise.Scale `json:"scale,omitempty"`
	// Goalposts per indicator, required with the goalposts normalisation.
	Goalposts []normalise.Goalpost `json:"goalposts,omitempty"`
	// Winsorisation of outliers before normalising (diagnum only), off by default.
	Winsorisation *normalise.Winsorisation `json:"winsorisation,omitempty"`
	// Weighting (diagnum only): equal-axis, equal-indicator, user, pca.
	Weighting weights.Method `json:"weighting,omitempty"`
	// Weights: the user weights, one per indicator, with Weighting "user".
	Weights []IndicatorWeight `json:"weights,omitempty"`
	// Aggregation (diagnum only): arithmetic, geometric, harmonic.
	Aggregation aggregate.Method `json:"aggregation,omitempty"`
	// Classification of every score: equal-width, quantile, jenks.
	Classification classify.Method `json:"classification"`
	// Classes: number of classes (5 for quintiles, 10 for deciles).
	Classes int `json:"classes"`
	// RankBins (ifn-rank only): the six percentile edges between −3…+3 points.
	RankBins []float64 `json:"rank_bins,omitempty"`
	// Truncate scores toward zero to integers, as the 2020 map displayed them.
	Truncate bool `json:"truncate"`
	// Diagnostics thresholds; the zero value means diagnostics.DefaultOptions.
	Diagnostics diagnostics.Options `json:"diagnostics"`
}

// DefaultRankBins are the ifn-rank edges (percentiles of the fragility position):
// below 10 → −3, 10-20 → −2, 20-40 → −1, 40-60 → 0, 60-80 → +1, 80-90 → +2, from 90 → +3.
var DefaultRankBins = []float64{10, 20, 40, 60, 80, 90}

// DefaultParams returns the preset's parameters, or an error for an unknown method.
func DefaultParams(method string) (Params, error) {
	p := Params{Method: method, Imputation: []ImputationRule{}, Diagnostics: diagnostics.DefaultOptions,
		Classification: classify.EqualWidth, Classes: 5}
	switch method {
	case MethodKit:
		p.Reference = RefRegion
		p.Imputation = []ImputationRule{{Indicator: IDPoverty, Method: ImputeParent}}
	case MethodMap:
		p.Reference = RefDepartement
		p.Imputation = []ImputationRule{{Indicator: "*", Method: ImputeZero}}
		p.Truncate = true
	case MethodRank:
		p.RankBins = slices.Clone(DefaultRankBins)
		p.Classification = classify.Quantile
	case MethodCore:
		p.Classification, p.Classes = classify.Quantile, 10
	case MethodDiagnum:
		p.Reference = RefFrance
		p.Normalisation = normalise.Reference
		s := normalise.DefaultScale
		p.Scale = &s
		w := normalise.DefaultWinsorisation
		p.Winsorisation = &w
		p.Weighting = weights.EqualAxis
		p.Aggregation = aggregate.Arithmetic
		p.Classification = classify.NaturalBreaks
	default:
		return Params{}, fmt.Errorf("unknown method %q (known: %s)", method, methodList())
	}
	return p, nil
}

// resolve fills what p leaves empty from the preset's defaults and checks p against t.
func (p Params) resolve(t Table) (Params, error) {
	if p.Method == "" {
		p.Method = MethodDiagnum
	}
	def, err := DefaultParams(p.Method)
	if err != nil {
		return p, err
	}
	if p.Imputation == nil {
		p.Imputation = def.Imputation
	}
	if p.Classification == "" {
		p.Classification = def.Classification
	}
	if p.Classes == 0 {
		p.Classes = def.Classes
	}
	if p.Diagnostics == (diagnostics.Options{}) {
		p.Diagnostics = def.Diagnostics
	}
	if p.Method == MethodRank && p.RankBins == nil {
		p.RankBins = def.RankBins
	}
	if p.Method == MethodDiagnum {
		if p.Normalisation == "" {
			p.Normalisation = def.Normalisation
		}
		if p.Scale == nil {
			p.Scale = def.Scale
		}
		if p.Winsorisation == nil {
			p.Winsorisation = def.Winsorisation
		}
		if p.Weighting == "" {
			p.Weighting = def.Weighting
		}
		if p.Aggregation == "" {
			p.Aggregation = def.Aggregation
		}
	}
	if p.Reference == "" && p.needsReference() {
		p.Reference = def.Reference
	}
	return p, p.check(t)
}

// needsReference reports whether the method divides by reference values.
func (p Params) needsReference() bool {
	switch p.Method {
	case MethodKit, MethodMap:
		return true
	case MethodDiagnum:
		return p.Normalisation == normalise.Reference
	}
	return false
}

func (p Params) check(t Table) error {
	if p.Method != MethodDiagnum {
		if p.Normalisation != "" || p.Weighting != "" || p.Aggregation != "" || p.Scale != nil ||
			p.Winsorisation != nil || p.Goalposts != nil || p.Weights != nil {
			return fmt.Errorf("method %s fixes its normalisation, weights and aggregation: leave them empty", p.Method)
		}
	}
	if p.Method != MethodRank && p.RankBins != nil {
		return fmt.Errorf("rank_bins apply to %s only", MethodRank)
	}
	if err := p.checkReference(t); err != nil {
		return err
	}
	if err := p.checkImputation(t); err != nil {
		return err
	}
	if !p.Classification.Valid() || p.Classes < 1 {
		return fmt.Errorf("classification %q with %d classes: want equal-width, quantile or jenks and at least 1 class",
			p.Classification, p.Classes)
	}
	if p.Method == MethodRank {
		if len(p.RankBins) != 6 || !slices.IsSorted(p.RankBins) || p.RankBins[0] <= 0 || p.RankBins[5] >= 100 {
			return fmt.Errorf("rank_bins %v: want 6 increasing percentiles strictly between 0 and 100", p.RankBins)
		}
	}
	if p.Method == MethodKit {
		for _, ind := range t.Indicators {
			switch ind.Kind {
			case Rate, Coverage, Income, PublicService:
			default:
				return fmt.Errorf("method %s: indicator %s has kind %q, want rate, coverage, income or public-service",
					MethodKit, ind.ID, ind.Kind)
			}
		}
	}
	if p.Method == MethodDiagnum {
		return p.checkDiagnum(t)
	}
	return nil
}

func (p Params) checkReference(t Table) error {
	if !p.needsReference() {
		return nil
	}
	switch p.Reference {
	case RefFrance, RefRegion, RefDepartement, RefEPCI:
	default:
		return fmt.Errorf("reference %q: want france, region, departement or epci", p.Reference)
	}
	if len(t.Reference.Values) == 0 {
		return fmt.Errorf("method %s needs the reference territory's values (Table.Reference)", p.Method)
	}
	if t.Reference.Level != p.Reference {
		return fmt.Errorf("params ask for a %s reference but the table holds %q values", p.Reference, t.Reference.Level)
	}
	return nil
}

func (p Params) checkImputation(t Table) error {
	for _, r := range p.Imputation {
		if r.Indicator != "*" && indexOf(t, r.Indicator) < 0 {
			return fmt.Errorf("imputation rule names unknown indicator %q", r.Indicator)
		}
		// A rule without parent values is not an error: it only matters where a value is
		// missing, and there the reason says no parent value was available.
		switch r.Method {
		case ImputeParent, ImputeGroupMedian:
		case ImputeMedian, ImputeZero:
		default:
			return fmt.Errorf("imputation method %q: want parent, median, group-median or zero", r.Method)
		}
	}
	return nil
}

func (p Params) checkDiagnum(t Table) error {
	if !p.Normalisation.Valid() {
		return fmt.Errorf("normalisation %q: want one of %v", p.Normalisation, normalise.Methods())
	}
	if err := p.Scale.Validate(); err != nil {
		return err
	}
	if err := p.Winsorisation.Validate(); err != nil {
		return err
	}
	if !p.Weighting.Valid() {
		return fmt.Errorf("weighting %q: want one of %v", p.Weighting, weights.Methods())
	}
	if !p.Aggregation.Valid() {
		return fmt.Errorf("aggregation %q: want one of %v", p.Aggregation, aggregate.Methods())
	}
	if err := CheckCombination(p.Normalisation, p.Aggregation); err != nil {
		return err
	}
	if p.Normalisation == normalise.Goalposts {
		for _, ind := range t.Indicators {
			g, ok := goalpostOf(p.Goalposts, ind.ID)
			if !ok {
				return fmt.Errorf("goalposts normalisation: no goalposts for indicator %s", ind.ID)
			}
			if !(g.High > g.Low) {
				return fmt.Errorf("goalposts of %s: want low < high, got %g, %g", ind.ID, g.Low, g.High)
			}
		}
	}
	if (p.Weighting == weights.User) != (p.Weights != nil) {
		return fmt.Errorf("weights are given exactly when weighting is %q", weights.User)
	}
	if p.Weighting == weights.User {
		if _, err := userWeights(t, p.Weights); err != nil {
			return err
		}
	}
	return nil
}

// CheckCombination rejects a normalisation whose values can be negative with an
// aggregation that needs them positive (z-scores with a geometric mean).
func CheckCombination(n normalise.Method, a aggregate.Method) error {
	if n.Signed() && a != aggregate.Arithmetic {
		return fmt.Errorf("%s values are negative for half the territories: %s aggregation needs non-negative values", n, a)
	}
	return nil
}

func goalpostOf(gs []normalise.Goalpost, id string) (normalise.Goalpost, bool) {
	for _, g := range gs {
		if g.Indicator == id {
			return g, true
		}
	}
	return normalise.Goalpost{}, false
}

func indexOf(t Table, id string) int {
	for i, ind := range t.Indicators {
		if ind.ID == id {
			return i
		}
	}
	return -1
}

// userWeights orders the user weights as the indicators and divides them by their sum.
func userWeights(t Table, given []IndicatorWeight) ([]float64, error) {
	w := make([]float64, len(t.Indicators))
	seen := make([]bool, len(w))
	for _, g := range given {
		i := indexOf(t, g.Indicator)
		if i < 0 || seen[i] {
			return nil, fmt.Errorf("user weight for %q: unknown or repeated indicator", g.Indicator)
		}
		seen[i] = true
		w[i] = g.Weight
	}
	for i, ok := range seen {
		if !ok {
			return nil, fmt.Errorf("no user weight for indicator %s", t.Indicators[i].ID)
		}
	}
	return weights.Normalised(w)
}
