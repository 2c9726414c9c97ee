package composite

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/diagnum/diagnum/indicators/composite/classify"
	"github.com/diagnum/diagnum/indicators/composite/diagnostics"
)

// Compute applies p's method to t. Configuration errors (unknown method, malformed
// table, parameters the method cannot use) are returned as an error; data problems
// (a missing value, a zero reference) make the affected points and scores missing,
// each with its reason, and never stop the run.
//
// Territories are processed in code order whatever their order in t, so every figure
// is identical for any permutation of the rows, to the last bit.
func Compute(t Table, p Params) (*Result, error) {
	r, err := prepare(t, p)
	if err != nil {
		return nil, err
	}
	switch r.p.Method {
	case MethodKit:
		r.kit()
	case MethodMap:
		r.mapVariant()
	case MethodRank:
		r.rankPoints()
	case MethodCore:
		r.core()
	case MethodDiagnum:
		if err := r.diagnum(); err != nil {
			return nil, err
		}
	}
	if r.p.Truncate {
		for _, row := range r.scores.v {
			for k, v := range row {
				row[k] = math.Trunc(v) // NaN stays NaN
			}
		}
	}
	return r.result()
}

// run is the state of one computation, territories in canonical (code) order.
type run struct {
	t       Table
	p       Params
	n       int
	order   []int // order[k] = row of t for canonical position k
	defs    []scoreDef
	in      grid // in.v[i][k]: indicator i after imputation (and winsorisation)
	points  grid // points[i][k]
	scores  grid // scores[s][k], s indexing defs
	weights []float64
	imputed []Imputation
	winsor  []Winsorised
}

func prepare(t Table, p Params) (*run, error) {
	if len(p.FrozenReference) > 0 {
		ref, err := frozenReference(t, p)
		if err != nil {
			return nil, err
		}
		t.Reference = ref
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	p, err := p.resolve(t)
	if err != nil {
		return nil, err
	}
	r := &run{t: t, p: p, n: len(t.Codes)}
	r.order = make([]int, r.n)
	for k := range r.order {
		r.order[k] = k
	}
	sort.Slice(r.order, func(a, b int) bool { return t.Codes[r.order[a]] < t.Codes[r.order[b]] })
	r.defs = buildDefs(t)
	r.in = newGrid(len(t.Indicators), r.n)
	for i := range t.Indicators {
		for k, row := range r.order {
			if v := t.Values[row][i]; math.IsNaN(v) {
				r.in.miss(i, k, "missing in the input")
			} else if math.IsInf(v, 0) {
				r.in.miss(i, k, "infinite in the input (a ratio over a zero count?)")
			} else {
				r.in.v[i][k] = v
			}
		}
	}
	r.impute()
	r.points = newGrid(len(t.Indicators), r.n)
	r.scores = newGrid(len(r.defs), r.n)
	return r, nil
}

// ref returns the reference value of indicator i for canonical territory k.
func (r *run) ref(k, i int) float64 { return r.t.Reference.Value(r.order[k], i) }

// refProblem says why reference value s cannot divide, or "" when it can.
func (r *run) refProblem(k, i int, s float64) string {
	if s > 0 && !math.IsInf(s, 1) {
		return ""
	}
	where := r.p.Reference
	if row := r.t.Reference.Row(r.order[k]); row >= 0 {
		where += " " + r.t.Reference.Codes[row]
	} else {
		return fmt.Sprintf("%s: no %s reference for this territory", r.t.Indicators[i].ID, r.p.Reference)
	}
	if math.IsNaN(s) {
		return fmt.Sprintf("%s: reference value of %s is missing", r.t.Indicators[i].ID, where)
	}
	return fmt.Sprintf("%s: reference value of %s is %g, cannot divide by it", r.t.Indicators[i].ID, where, s)
}

// inputProblem says why indicator i of territory k is missing, or "".
func (r *run) inputProblem(i, k int) string {
	if why := r.in.reason(i, k); why != "" {
		return r.t.Indicators[i].ID + ": " + why
	}
	return ""
}

// missingMembers lists why a score over members cannot be computed, or "".
func (r *run) missingMembers(members []int, k int) string {
	var why []string
	for _, i := range members {
		if w := r.points.reason(i, k); w != "" {
			why = append(why, w)
		}
	}
	return strings.Join(why, "; ")
}

// meanScores sets every score to f(sum of its members' points, their number), the
// rule of the map, rank and core methods (the map's global score excepted).
func (r *run) meanScores(f func(sum float64, n int) float64) {
	for s, d := range r.defs {
		for k := range r.n {
			if why := r.missingMembers(d.members, k); why != "" {
				r.scores.miss(s, k, why)
				continue
			}
			var sum float64
			for _, i := range d.members {
				sum += r.points.v[i][k]
			}
			r.scores.v[s][k] = f(sum, len(d.members))
		}
	}
}

func (r *run) result() (*Result, error) {
	t, p := r.t, r.p
	res := &Result{Method: p.Method, Level: t.Level, Params: p, Indicators: t.Indicators,
		Imputations: r.imputed, Winsorised: r.winsor}
	if res.Imputations == nil {
		res.Imputations = []Imputation{}
	}
	for _, d := range r.defs {
		res.Scores = append(res.Scores, d.info)
	}
	for i, ind := range t.Indicators {
		res.Weights = append(res.Weights, IndicatorWeight{Indicator: ind.ID, Weight: r.weights[i]})
	}
	if p.needsReference() {
		for row, code := range t.Reference.Codes {
			rv := ReferenceValues{Level: t.Reference.Level, Code: code}
			for _, v := range t.Reference.Values[row] {
				rv.Values = append(rv.Values, value(v, "unknown"))
			}
			res.References = append(res.References, rv)
		}
	}
	classes := make([][]int, len(r.defs))
	for s, d := range r.defs {
		lim, err := classify.Limits(p.Classification, r.scores.v[s], p.Classes)
		if err != nil {
			return nil, err
		}
		if lim == nil {
			lim = []float64{}
		}
		res.Limits = append(res.Limits, ClassLimits{Score: d.info.ID, Method: string(p.Classification), Limits: lim})
		classes[s] = make([]int, r.n)
		for k, v := range r.scores.v[s] {
			classes[s][k] = classify.Assign(v, lim)
		}
	}
	ranks := Ranks(r.scores.v[len(r.defs)-1])
	res.Territories = make([]TerritoryResult, r.n)
	for k, row := range r.order {
		tr := TerritoryResult{Code: t.Codes[row], Rank: ranks[k], Points: make([]Value, len(t.Indicators)),
			Scores: make([]Value, len(r.defs)), Classes: make([]int, len(r.defs))}
		for i := range t.Indicators {
			tr.Points[i] = r.points.value(i, k)
		}
		for s := range r.defs {
			tr.Scores[s] = r.scores.value(s, k)
			tr.Classes[s] = classes[s][k]
		}
		res.Territories[row] = tr
	}
	res.Diagnostics = r.diagnose()
	return res, nil
}

func (r *run) diagnose() diagnostics.Report {
	in := diagnostics.Input{Cols: r.points.v}
	axes := r.t.axes()
	for _, ind := range r.t.Indicators {
		in.IDs = append(in.IDs, ind.ID)
		in.Axis = append(in.Axis, ind.Axis)
		group := ""
		for _, a := range axes {
			if a.ID == ind.Axis {
				group = a.Group
			}
		}
		in.Group = append(in.Group, group)
	}
	return diagnostics.Analyse(in, r.p.Diagnostics)
}

// frozenReference turns the frozen values into the reference every territory is
// compared with; each indicator of the table needs one, and only those.
func frozenReference(t Table, p Params) (Related, error) {
	level := p.Reference
	if level == "" {
		level = t.Reference.Level
	}
	if level == "" {
		level = RefFrance
	}
	values := make([]float64, len(t.Indicators))
	given := make([]bool, len(t.Indicators))
	for _, fv := range p.FrozenReference {
		i := indexOf(t, fv.Indicator)
		if i < 0 {
			return Related{}, fmt.Errorf("frozen_reference: indicator %q is not one of the table's", fv.Indicator)
		}
		if given[i] {
			return Related{}, fmt.Errorf("frozen_reference: indicator %q is given twice", fv.Indicator)
		}
		values[i], given[i] = fv.Value, true
	}
	for i, ind := range t.Indicators {
		if !given[i] {
			return Related{}, fmt.Errorf("frozen_reference: no value for indicator %q (every indicator of the method needs one)", ind.ID)
		}
	}
	return Related{Level: level, Codes: []string{"frozen"}, Values: [][]float64{values}}, nil
}

// Ranks ranks scores from the highest (rank 1, most fragile) down; ties keep the order
// of the slice (callers pass territories in code order, so ties go by code); NaN gets 0.
func Ranks(scores []float64) []int {
	type entry struct {
		v float64
		k int
	}
	idx := make([]entry, 0, len(scores))
	for k, v := range scores {
		if !math.IsNaN(v) {
			idx = append(idx, entry{v, k})
		}
	}
	slices.SortFunc(idx, func(a, b entry) int { // a total order: same result as a stable sort
		switch {
		case a.v > b.v:
			return -1
		case a.v < b.v:
			return 1
		}
		return a.k - b.k
	})
	ranks := make([]int, len(scores))
	for pos, e := range idx {
		ranks[e.k] = pos + 1
	}
	return ranks
}

// grid is a table of numbers where a missing cell is NaN and carries a reason.
type grid struct {
	v   [][]float64
	why []map[int]string // only cells that are missing
}

func newGrid(rows, n int) grid {
	g := grid{v: make([][]float64, rows), why: make([]map[int]string, rows)}
	for i := range g.v {
		g.v[i] = make([]float64, n)
	}
	return g
}

func (g grid) miss(row, k int, reason string) {
	g.v[row][k] = math.NaN()
	if g.why[row] == nil {
		g.why[row] = map[int]string{}
	}
	g.why[row][k] = reason
}

func (g grid) set(row, k int, v float64) {
	g.v[row][k] = v
	delete(g.why[row], k)
}

func (g grid) reason(row, k int) string {
	if !math.IsNaN(g.v[row][k]) {
		return ""
	}
	if w := g.why[row][k]; w != "" {
		return w
	}
	return "not computable" // a NaN the code did not explain: never silent
}

func (g grid) value(row, k int) Value { return value(g.v[row][k], g.reason(row, k)) }

func value(v float64, why string) Value {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		if why == "" {
			why = "not computable"
		}
		return Value{Missing: why}
	}
	return Value{Value: v}
}
