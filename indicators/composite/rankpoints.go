package composite

import (
	"github.com/diagnum/diagnum/indicators/composite/normalise"
)

// rankPoints is the 2021-2022 method: each indicator's mid-rank percentile among the
// territories of the table (oriented: 100 = most fragile) becomes −3…+3 points through
// Params.RankBins, and every score is the sum of its points × 10 / (3 × its number of
// indicators), hence −10…+10.
//
// Percentiles rather than quantile edges on raw values: with ties (most communes at
// 100 % 2G coverage), quantile edges all coincide and would give the whole tie +3;
// the mid-rank percentile gives a tie the middle of the positions it occupies.
// The position is among the territories passed: for the published "among all French
// communes", pass them all and keep the ones studied afterwards.
func (r *run) rankPoints() {
	for i, ind := range r.t.Indicators {
		pr := normalise.PercentileRanks(r.in.v[i], int(ind.Direction))
		for k, p := range pr {
			if why := r.inputProblem(i, k); why != "" {
				r.points.miss(i, k, why)
				continue
			}
			r.points.v[i][k] = RankPoints(p, r.p.RankBins)
		}
	}
	r.meanScores(func(sum float64, n int) float64 { return sum * 10 / float64(3*n) })
	r.weights = equalWeights(len(r.t.Indicators))
}

// RankPoints converts a fragility percentile into −3…+3 points: −3 below bins[0], then
// one more point at each edge reached (an edge belongs to the bin above it).
func RankPoints(percentile float64, bins []float64) float64 {
	pts := -3.0
	for _, b := range bins {
		if percentile >= b {
			pts++
		}
	}
	return pts
}
