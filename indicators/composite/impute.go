package composite

import (
	"fmt"
	"math"
	"sort"

	"github.com/diagnum/diagnum/indicators/composite/classify"
)

// impute fills the missing values the rules allow, recording each one. Medians are
// taken over the values present in the input, never over imputed ones, so the order
// of the rules cannot feed an imputation into another.
func (r *run) impute() {
	t := r.t
	for i, ind := range t.Indicators {
		var rules []ImputationRule
		for _, rule := range r.p.Imputation {
			if rule.Indicator == "*" || rule.Indicator == ind.ID {
				rules = append(rules, rule)
			}
		}
		if len(rules) == 0 {
			continue
		}
		observed := append([]float64(nil), r.in.v[i]...) // before any imputation
		var median *float64
		groupMedian := map[int]float64{}
		for k := range r.n {
			if !math.IsNaN(r.in.v[i][k]) {
				continue
			}
			var tried []string
			for _, rule := range rules {
				imp, why := r.tryRule(rule, i, k, observed, &median, groupMedian)
				if why != "" {
					tried = append(tried, why)
					continue
				}
				r.in.set(i, k, imp.Value)
				r.imputed = append(r.imputed, imp)
				tried = nil
				break
			}
			if tried != nil {
				r.in.miss(i, k, "missing in the input, not imputed: "+joinReasons(tried))
			}
		}
	}
	sort.SliceStable(r.imputed, func(a, b int) bool { return r.imputed[a].Territory < r.imputed[b].Territory })
}

// tryRule returns the imputation rule gives for indicator i of territory k, or why it
// gives none.
func (r *run) tryRule(rule ImputationRule, i, k int, observed []float64, median **float64,
	groupMedian map[int]float64) (Imputation, string) {
	t := r.t
	row := r.order[k]
	imp := Imputation{Territory: t.Codes[row], Indicator: t.Indicators[i].ID, Method: rule.Method}
	parent := t.Parent.Row(row)
	switch rule.Method {
	case ImputeZero:
		imp.Reason = "missing value counted as 0, as the 2020 national map did"
		return imp, ""
	case ImputeParent:
		if parent < 0 {
			return imp, "no parent territory"
		}
		imp.Source = t.Parent.Codes[parent]
		imp.Value = t.Parent.Values[parent][i]
		if math.IsNaN(imp.Value) {
			return imp, fmt.Sprintf("the value of %s %s is missing too", t.Parent.Level, imp.Source)
		}
		imp.Reason = fmt.Sprintf("missing value (e.g. statistical secrecy) replaced by the value of %s %s", t.Parent.Level, imp.Source)
		return imp, ""
	case ImputeMedian:
		if *median == nil {
			m, _ := medianOf(observed, nil)
			*median = &m
		}
		imp.Value = **median
		if math.IsNaN(imp.Value) {
			return imp, "no territory has a value to take the median of"
		}
		imp.Reason = fmt.Sprintf("missing value replaced by the median of the territories with a value (%s)", t.Level)
		return imp, ""
	case ImputeGroupMedian:
		if parent < 0 {
			return imp, "no parent territory"
		}
		m, ok := groupMedian[parent]
		if !ok {
			m, _ = medianOf(observed, func(k int) bool { return t.Parent.Row(r.order[k]) == parent })
			groupMedian[parent] = m
		}
		imp.Source, imp.Value = t.Parent.Codes[parent], m
		if math.IsNaN(m) {
			return imp, fmt.Sprintf("no territory of %s %s has a value", t.Parent.Level, imp.Source)
		}
		imp.Reason = fmt.Sprintf("missing value replaced by the median of the territories of %s %s", t.Parent.Level, imp.Source)
		return imp, ""
	}
	return imp, "unknown imputation method " + rule.Method
}

// medianOf is the median of the non-NaN values of col kept by keep (all when nil).
func medianOf(col []float64, keep func(k int) bool) (float64, int) {
	var s []float64
	for k, v := range col {
		if !math.IsNaN(v) && (keep == nil || keep(k)) {
			s = append(s, v)
		}
	}
	sort.Float64s(s)
	return classify.QuantileType7(s, 0.5), len(s)
}

func joinReasons(r []string) string {
	out := ""
	for i, s := range r {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}
