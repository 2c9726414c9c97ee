package report

import (
	"math"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/diagnostics"
	"github.com/diagnum/diagnum/indicators/composite/uncertainty"
)

// methodJSON records the composite index in resume.json: the method, then per scored
// level every parameter used (so the run can be repeated exactly), the class limits,
// the weights, the reference values, what was imputed and the diagnostics. Scores
// themselves are in the CSV files.
type methodJSON struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Indicators []string          `json:"indicators"`
	Absent     []string          `json:"absent_indicators"`
	Levels     []methodLevelJSON `json:"levels"`
}

type methodLevelJSON struct {
	Level       string                      `json:"level"`
	Params      composite.Params            `json:"params"`
	Scores      []composite.ScoreInfo       `json:"scores"`
	Limits      []composite.ClassLimits     `json:"class_limits"`
	Weights     []composite.IndicatorWeight `json:"weights"`
	References  []composite.ReferenceValues `json:"references"`
	Imputations []composite.Imputation      `json:"imputations"`
	Winsorised  []composite.Winsorised      `json:"winsorised"`
	Diagnostics diagnostics.Report          `json:"diagnostics"`
	Uncertainty *uncertaintyJSON            `json:"uncertainty,omitempty"`
}

// uncertaintyJSON keeps the analysis' choices and variance shares; each territory's
// rank interval is in the CSV files.
type uncertaintyJSON struct {
	Options uncertainty.Options `json:"options"`
	Shares  []uncertainty.Share `json:"variance_shares"`
}

func buildMethod(res *diagnostic.Result) methodJSON {
	m := methodJSON{ID: res.Method.ID, Name: res.Method.Name, Indicators: nonNil(res.Method.Indicators),
		Absent: nonNil(res.Method.Absent), Levels: []methodLevelJSON{}}
	for _, lv := range res.Levels {
		s := lv.Scores
		if s == nil {
			continue
		}
		ml := methodLevelJSON{Level: lv.ID, Params: s.Params, Scores: s.Scores, Limits: s.Limits, Weights: s.Weights,
			References: s.References, Imputations: s.Imputations, Winsorised: s.Winsorised, Diagnostics: s.Diagnostics}
		if lv.Ranks != nil {
			ml.Uncertainty = &uncertaintyJSON{Options: lv.Ranks.Options, Shares: lv.Ranks.Shares}
		}
		m.Levels = append(m.Levels, ml)
	}
	return m
}

// scoreColumn is one column of scores in a level table: its CSV id, its French title
// and how to read it from a territory's results.
type scoreColumn struct {
	id, title string
	decimal   bool // shown with one decimal; classes and ranks are whole
	value     func(t composite.TerritoryResult, r *uncertainty.TerritoryRanks) float64
}

// scoreColumns lists a level's score columns: each score and its class, the rank,
// then the rank interval when the uncertainty was analysed.
func scoreColumns(lv *diagnostic.Level) []scoreColumn {
	if lv.Scores == nil {
		return nil
	}
	var cols []scoreColumn
	for i, s := range lv.Scores.Scores {
		cols = append(cols,
			scoreColumn{id: "score_" + s.ID, title: "Score " + s.Name, decimal: true, value: func(t composite.TerritoryResult, _ *uncertainty.TerritoryRanks) float64 {
				return present(t.Scores, i)
			}},
			scoreColumn{id: "classe_" + s.ID, title: "Classe " + s.Name, value: func(t composite.TerritoryResult, _ *uncertainty.TerritoryRanks) float64 {
				if i >= len(t.Classes) || t.Classes[i] == 0 {
					return math.NaN()
				}
				return float64(t.Classes[i])
			}})
	}
	cols = append(cols, scoreColumn{id: "rang", title: "Rang (1 = le plus fragile)", value: func(t composite.TerritoryResult, _ *uncertainty.TerritoryRanks) float64 {
		if t.Rank == 0 {
			return math.NaN()
		}
		return float64(t.Rank)
	}})
	if lv.Ranks != nil {
		cols = append(cols,
			scoreColumn{id: "rang_median", title: "Rang médian (Monte Carlo)", decimal: true, value: rankOf(func(r uncertainty.TerritoryRanks) float64 { return r.MedianRank })},
			scoreColumn{id: "rang_p5", title: "Rang, 5e centile", decimal: true, value: rankOf(func(r uncertainty.TerritoryRanks) float64 { return r.P5 })},
			scoreColumn{id: "rang_p95", title: "Rang, 95e centile", decimal: true, value: rankOf(func(r uncertainty.TerritoryRanks) float64 { return r.P95 })})
	}
	return cols
}

func rankOf(f func(uncertainty.TerritoryRanks) float64) func(composite.TerritoryResult, *uncertainty.TerritoryRanks) float64 {
	return func(_ composite.TerritoryResult, r *uncertainty.TerritoryRanks) float64 {
		if r == nil || r.Draws == 0 {
			return math.NaN()
		}
		return f(*r)
	}
}

func present(vs []composite.Value, i int) float64 {
	if i >= len(vs) || !vs[i].OK() {
		return math.NaN()
	}
	return vs[i].Value
}

// scoreRow returns the values of the score columns for row i of a level.
func scoreRow(lv *diagnostic.Level, cols []scoreColumn, i int, ranks map[string]*uncertainty.TerritoryRanks) []float64 {
	out := make([]float64, len(cols))
	t := lv.Scores.Territories[i]
	for j, c := range cols {
		out[j] = c.value(t, ranks[t.Code])
	}
	return out
}

// rankIndex finds each territory's rank interval by code.
func rankIndex(lv *diagnostic.Level) map[string]*uncertainty.TerritoryRanks {
	if lv.Ranks == nil {
		return nil
	}
	out := make(map[string]*uncertainty.TerritoryRanks, len(lv.Ranks.Ranks))
	for i := range lv.Ranks.Ranks {
		out[lv.Ranks.Ranks[i].Code] = &lv.Ranks.Ranks[i]
	}
	return out
}
