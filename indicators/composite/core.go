package composite

import "github.com/diagnum/diagnum/indicators/composite/normalise"

// core is the index published since 2023 on its 5 core indicators, whose exact
// transformation is not published. diagnum's choice: each indicator's mid-rank
// percentile among the territories of the table (oriented: 100 = most fragile), and
// each score = 1 + 9 × (mean percentile)/100, on 1…10 with 10 the highest risk. It is
// monotone in every indicator, insensitive to units and outliers, and reads simply:
// 5.5 is the middle territory on average. Deciles are the default classes.
func (r *run) core() {
	for i, ind := range r.t.Indicators {
		pr := normalise.PercentileRanks(r.in.v[i], int(ind.Direction))
		for k, p := range pr {
			if why := r.inputProblem(i, k); why != "" {
				r.points.miss(i, k, why)
				continue
			}
			r.points.v[i][k] = p
		}
	}
	r.meanScores(func(sum float64, n int) float64 { return 1 + 9*(sum/float64(n))/100 })
	r.weights = equalWeights(len(r.t.Indicators))
}
