package composite

// mapVariant is the 2020 national IRIS map: every indicator as x/s × 100 (income not
// inverted), axis and group scores the mean of their points, and the global score the
// mean of the group scores (GLOBAL ACCÈS + GLOBAL COMPÉTENCES) / 2, or of all points
// when the table has no groups. Missing values were counted as 0: that is the preset's
// "zero" imputation rule, so each one is listed.
func (r *run) mapVariant() {
	for i := range r.t.Indicators {
		for k := range r.n {
			if why := r.inputProblem(i, k); why != "" {
				r.points.miss(i, k, why)
				continue
			}
			s := r.ref(k, i)
			if why := r.refProblem(k, i, s); why != "" {
				r.points.miss(i, k, why)
				continue
			}
			r.points.v[i][k] = r.in.v[i][k] / s * 100
		}
	}
	r.meanScores(func(sum float64, n int) float64 { return sum / float64(n) })
	global := len(r.defs) - 1
	parts := r.defs[global].parts
	r.weights = make([]float64, len(r.t.Indicators))
	if len(r.t.Groups) == 0 {
		r.weights = equalWeights(len(r.t.Indicators))
		return
	}
	for _, p := range parts {
		for _, i := range r.defs[p].members {
			r.weights[i] = 1 / float64(len(parts)) / float64(len(r.defs[p].members))
		}
	}
	for k := range r.n {
		var sum float64
		var why string
		for _, p := range parts {
			if w := r.scores.reason(p, k); w != "" {
				why = w
				break
			}
			sum += r.scores.v[p][k]
		}
		if why != "" {
			r.scores.miss(global, k, why)
			continue
		}
		r.scores.set(global, k, sum/float64(len(parts)))
	}
}
