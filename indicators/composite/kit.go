package composite

import "fmt"

// kit reproduces the 2020 kit workbook, operation for operation, so that its cached
// results are matched to the last bits rather than approximately:
//
//	coefficient (sheet 1): coverage (1 − x)/s; rate ((x − s)/s) + 1;
//	                       income ((s − x)/s) + 1; public service
//	                       IF(2 − (((x − s)/s) + 1) < 0, 0, 2 − (((x − s)/s) + 1))
//	points (sheet 2):      coefficient × 100
//	sums (sheet 3):        axis = its points added left to right; group = its axes'
//	                       sums added; global = the groups' sums added
//	scores (sheet 4):      (sum × 100) / (number of indicators × 100)
//
// The classes (sheet 5) are the equal-width classes of package classify.
func (r *run) kit() {
	for i, ind := range r.t.Indicators {
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
			r.points.v[i][k] = kitCoefficient(ind.Kind, r.in.v[i][k], s) * 100
		}
	}
	sums := newGrid(len(r.defs), r.n)
	for s, d := range r.defs {
		for k := range r.n {
			if why := r.missingMembers(d.members, k); why != "" {
				r.scores.miss(s, k, why)
				sums.miss(s, k, why)
				continue
			}
			var sum float64
			if d.parts == nil {
				for _, i := range d.members {
					sum += r.points.v[i][k]
				}
			} else {
				for _, p := range d.parts {
					sum += sums.v[p][k]
				}
			}
			sums.v[s][k] = sum
			r.scores.v[s][k] = (sum * 100) / (float64(len(d.members)) * 100)
		}
	}
	r.weights = equalWeights(len(r.t.Indicators))
}

func kitCoefficient(kind Kind, x, s float64) float64 {
	switch kind {
	case Coverage:
		return (1 - x) / s
	case Rate:
		return ((x - s) / s) + 1
	case Income:
		return ((s - x) / s) + 1
	case PublicService:
		if c := 2 - (((x - s) / s) + 1); c >= 0 {
			return c
		}
		return 0
	}
	panic(fmt.Sprintf("composite: kit kind %q", kind)) // Params.check rejects it first
}

func equalWeights(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / float64(n)
	}
	return w
}
