// Package view selects, orders and labels what the reports show of a
// diagnostic.Result — the studied levels, the reference rows above them, the key
// figures, the rankings — and writes numbers the French way. It computes no figure:
// every number it returns is read from the Result, so the workbook and the HTML page
// cannot disagree.
package view

import (
	"cmp"
	"math"
	"slices"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
)

// singular names one territory of each level, for labels such as "Nièvre (département)".
var singular = map[string]string{
	"commune": "commune", "epci": "EPCI", "departement": "département", "region": "région", "france": "pays",
}

// LevelName is the singular French name of a level ("département").
func LevelName(id string) string {
	if s, ok := singular[id]; ok {
		return s
	}
	return id
}

// Level returns the level with this ID, or nil.
func Level(res *diagnostic.Result, id string) *diagnostic.Level {
	for i := range res.Levels {
		if res.Levels[i].ID == id {
			return &res.Levels[i]
		}
	}
	return nil
}

// sheetOrder puts the EPCI first: they are what an elected official compares first,
// then the communes inside them, then the département.
var sheetOrder = []string{"epci", "commune", "departement"}

// Studied lists the studied (non-reference) levels, EPCI first, then communes and
// départements, then any other in Result order.
func Studied(res *diagnostic.Result) []*diagnostic.Level {
	var out []*diagnostic.Level
	for _, id := range sheetOrder {
		if lv := Level(res, id); lv != nil && !lv.Reference {
			out = append(out, lv)
		}
	}
	for i := range res.Levels {
		lv := &res.Levels[i]
		if !lv.Reference && !slices.Contains(sheetOrder, lv.ID) {
			out = append(out, lv)
		}
	}
	return out
}

// Ref is one territory shown for comparison: a row of some level.
type Ref struct {
	Level *diagnostic.Level
	Row   int
}

// Code and Name of the referenced territory.
func (r Ref) Code() string { return r.Level.Rows[r.Row].Code }
func (r Ref) Name() string { return r.Level.Rows[r.Row].Name }

// Label names the territory with its level: "Nièvre (département)", "France".
func (r Ref) Label() string {
	if r.Level.ID == "france" {
		return r.Name()
	}
	return r.Name() + " (" + LevelName(r.Level.ID) + ")"
}

// References lists the rows shown above lv's territories for comparison: its
// département(s), région(s) and France — the levels after lv in the Result that are
// references or départements.
func References(res *diagnostic.Result, lv *diagnostic.Level) []Ref {
	var out []Ref
	after := false
	for i := range res.Levels {
		l := &res.Levels[i]
		if l == lv || l.ID == lv.ID {
			after = true
			continue
		}
		if !after || !(l.Reference || l.ID == "departement") {
			continue
		}
		for r := range l.Rows {
			out = append(out, Ref{Level: l, Row: r})
		}
	}
	return out
}

// Params returns the composite parameters of the first scored level, and false when
// no level was scored.
func Params(res *diagnostic.Result) (composite.Params, bool) {
	for _, lv := range res.Levels {
		if lv.Scores != nil {
			return lv.Scores.Params, true
		}
	}
	return composite.Params{}, false
}

// HundredLevel returns the level whose territory scores exactly 100, and true, when
// the method measures every territory as a distance to it (the diagnum method's
// reference normalisation: 100·x/s, or 100·(2 − x/s), is 100 when x = s, on every
// indicator, so on every axis and globally whatever the weights and the mean). Scores
// of every level are then on one scale, and comparable.
func HundredLevel(res *diagnostic.Result) (string, bool) {
	p, ok := Params(res)
	if !ok || p.Method != composite.MethodDiagnum || p.Normalisation != normalise.Reference || p.Reference == "" {
		return "", false
	}
	return p.Reference, true
}

// Result returns the composite result of row i of lv, and false when lv was not scored.
func Result(lv *diagnostic.Level, i int) (composite.TerritoryResult, bool) {
	if lv.Scores == nil || i >= len(lv.Scores.Territories) || lv.Scores.Territories[i].Code != lv.Rows[i].Code {
		return composite.TerritoryResult{}, false
	}
	return lv.Scores.Territories[i], true
}

// ScoreIndex returns the position of a score in lv's results, or -1.
func ScoreIndex(lv *diagnostic.Level, id string) int {
	if lv.Scores == nil {
		return -1
	}
	return slices.IndexFunc(lv.Scores.Scores, func(s composite.ScoreInfo) bool { return s.ID == id })
}

// Score returns score id of row i of lv, NaN when missing or not computed.
func Score(lv *diagnostic.Level, i int, id string) float64 {
	t, ok := Result(lv, i)
	j := ScoreIndex(lv, id)
	if !ok || j < 0 {
		return math.NaN()
	}
	return present(t.Scores, j)
}

// Class returns the class (1…k) of score id for row i of lv, 0 when none.
func Class(lv *diagnostic.Level, i int, id string) int {
	t, ok := Result(lv, i)
	j := ScoreIndex(lv, id)
	if !ok || j < 0 || j >= len(t.Classes) {
		return 0
	}
	return t.Classes[j]
}

// Classes is the number of classes of lv's scores, 0 when not scored.
func Classes(lv *diagnostic.Level) int {
	if lv.Scores == nil {
		return 0
	}
	return lv.Scores.Params.Classes
}

// RefScore returns score id of a reference territory, as far as the Result knows it:
// its own level's result when that level was scored, 100 when it is the territory
// the method measures against (HundredLevel), NaN otherwise.
func RefScore(res *diagnostic.Result, r Ref, id string) float64 {
	if r.Level.Scores != nil {
		return Score(r.Level, r.Row, id)
	}
	if lv, ok := HundredLevel(res); ok && lv == r.Level.ID {
		return 100
	}
	return math.NaN()
}

// RefPoint returns the normalised value of indicator id for a reference territory,
// as RefScore does for scores.
func RefPoint(res *diagnostic.Result, r Ref, id string) float64 {
	if r.Level.Scores != nil {
		return Point(r.Level, r.Row, id)
	}
	if lv, ok := HundredLevel(res); ok && lv == r.Level.ID {
		return 100
	}
	return math.NaN()
}

// Point returns the normalised value of indicator id for row i of lv (as it entered
// the scores), NaN when missing.
func Point(lv *diagnostic.Level, i int, id string) float64 {
	t, ok := Result(lv, i)
	if !ok {
		return math.NaN()
	}
	j := slices.IndexFunc(lv.Scores.Indicators, func(ind composite.Indicator) bool { return ind.ID == id })
	if j < 0 {
		return math.NaN()
	}
	return present(t.Points, j)
}

func present(vs []composite.Value, i int) float64 {
	if i < 0 || i >= len(vs) || !vs[i].OK() {
		return math.NaN()
	}
	return vs[i].Value
}

// Ranking returns the row indices of lv from the most fragile (rank 1) down; rows
// without a rank come last, by code.
func Ranking(lv *diagnostic.Level) []int {
	idx := make([]int, len(lv.Rows))
	for i := range idx {
		idx[i] = i
	}
	rank := func(i int) int {
		if t, ok := Result(lv, i); ok && t.Rank > 0 {
			return t.Rank
		}
		return math.MaxInt
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(lv.Rows[a].Code, lv.Rows[b].Code))
	})
	return idx
}

// Rank returns the rank of row i of lv, 0 when none.
func Rank(lv *diagnostic.Level, i int) int {
	t, _ := Result(lv, i)
	return t.Rank
}

// Parents maps each commune code to the code of the territory of level parent it
// belongs to, from that level's Members; nil when the Result does not say.
func Parents(res *diagnostic.Result, parent string) map[string]string {
	lv := Level(res, parent)
	if lv == nil || len(lv.Members) != len(lv.Rows) {
		return nil
	}
	out := map[string]string{}
	for i, members := range lv.Members {
		for _, c := range members {
			if _, ok := out[c]; !ok {
				out[c] = lv.Rows[i].Code
			}
		}
	}
	return out
}

// ScoreInfos returns the scores of lv, the global one last as composite orders them.
func ScoreInfos(lv *diagnostic.Level) []composite.ScoreInfo {
	if lv.Scores == nil {
		return nil
	}
	return lv.Scores.Scores
}

// Axes returns the scores of lv that are axes (not groups, not the global score).
func Axes(lv *diagnostic.Level) []composite.ScoreInfo {
	var out []composite.ScoreInfo
	for _, s := range ScoreInfos(lv) {
		if s.Kind == composite.ScoreAxis {
			out = append(out, s)
		}
	}
	return out
}
