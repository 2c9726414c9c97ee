package composite

import (
	"github.com/diagnum/diagnum/indicators/composite/diagnostics"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
)

// Value is a number that may be missing. A missing value never hides as NaN: Missing
// says why (Value is then 0), so results always encode to JSON.
type Value struct {
	Value   float64 `json:"value"`
	Missing string  `json:"missing,omitempty"`
}

// OK reports whether the value is present.
func (v Value) OK() bool { return v.Missing == "" }

// Score kinds (ScoreInfo.Kind).
const (
	ScoreAxis   = "axis"
	ScoreGroup  = "group"
	ScoreGlobal = "global"
)

// GlobalID is the ID of the global score.
const GlobalID = "global"

// ScoreInfo describes one score column of the result.
type ScoreInfo struct {
	ID         string   `json:"id"`
	Name       string   `json:"name,omitempty"`
	Kind       string   `json:"kind"`       // axis, group, global
	Indicators []string `json:"indicators"` // the indicators it is computed from
}

// Result is the output of Compute.
type Result struct {
	Method string `json:"method"`
	// Level of the territories scored (commune, epci, departement...): each level's
	// scores come from its own aggregated indicators, never from averaged scores.
	Level  string `json:"level"`
	Params Params `json:"params"` // resolved: every default filled in
	// Indicators, in table order; TerritoryResult.Points follows it.
	Indicators []Indicator `json:"indicators"`
	// Scores, in report order (kit: the workbook's 7 columns); TerritoryResult.Scores
	// and Classes follow it, and so does Limits.
	Scores []ScoreInfo `json:"scores"`
	// Territories in the order of Table.Codes.
	Territories []TerritoryResult `json:"territories"`
	// Limits of the classes of each score.
	Limits []ClassLimits `json:"limits"`
	// Weights: each indicator's effective weight in the global score; they sum to 1.
	Weights []IndicatorWeight `json:"weights"`
	// References: the reference values used, per reference territory.
	References []ReferenceValues `json:"references,omitempty"`
	// Imputations: every value filled in, sorted by territory then indicator.
	Imputations []Imputation `json:"imputations"`
	// Winsorised: what winsorisation changed, per indicator (diagnum only).
	Winsorised []Winsorised `json:"winsorised,omitempty"`
	// Diagnostics of the indicators' points as they enter the scores.
	Diagnostics diagnostics.Report `json:"diagnostics"`
}

// TerritoryResult holds one territory's figures.
type TerritoryResult struct {
	Code string `json:"code"`
	// Points: each indicator's points (kit, map, rank), percentile (core) or normalised
	// value (diagnum), oriented so that higher is more fragile (except the map's income).
	Points []Value `json:"points"`
	// Scores, one per Result.Scores.
	Scores []Value `json:"scores"`
	// Classes, 1…k, one per Result.Scores; 0 when the score is missing.
	Classes []int `json:"classes"`
	// Rank on the global score: 1 = most fragile; ties go to the smaller code first;
	// 0 when the global score is missing.
	Rank int `json:"rank"`
}

// ClassLimits are the k+1 limits of one score's classes (see package classify): a
// score s is in class c when Limits[c−1] ≤ s < Limits[c], the last class closed.
type ClassLimits struct {
	Score  string    `json:"score"`
	Method string    `json:"method"`
	Limits []float64 `json:"limits"`
}

// ReferenceValues are the values of one reference territory.
type ReferenceValues struct {
	Level  string  `json:"level"`
	Code   string  `json:"code"`
	Values []Value `json:"values"` // one per indicator
}

// Imputation records one filled value.
type Imputation struct {
	Territory string  `json:"territory"`
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	Method    string  `json:"method"`           // parent, median, group-median, zero
	Source    string  `json:"source,omitempty"` // the parent's code, when relevant
	Reason    string  `json:"reason"`
}

// Winsorised records what winsorisation did to one indicator.
type Winsorised struct {
	Indicator string `json:"indicator"`
	Low       int    `json:"low"`  // values raised to LowCap
	High      int    `json:"high"` // values lowered to HighCap
	LowCap    Value  `json:"low_cap"`
	HighCap   Value  `json:"high_cap"`
	// Skew and Kurtosis after treatment; StillOutside when the thresholds were still
	// exceeded after changing the maximum share of values.
	Skew         Value `json:"skew"`
	Kurtosis     Value `json:"kurtosis"`
	StillOutside bool  `json:"still_outside"`
}

func winsorised(id string, r normalise.WinsorReport) Winsorised {
	return Winsorised{Indicator: id, Low: r.Low, High: r.High,
		LowCap: value(r.LowCap, "no value raised"), HighCap: value(r.HighCap, "no value lowered"),
		Skew: value(r.Skew, "fewer than 4 values"), Kurtosis: value(r.Kurtosis, "fewer than 4 values"),
		StillOutside: r.StillOutside}
}
