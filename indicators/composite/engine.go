package composite

import (
	"fmt"
	"math"
	"strings"

	"github.com/diagnum/diagnum/indicators/composite/aggregate"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
	"github.com/diagnum/diagnum/indicators/composite/weights"
)

// diagnum is the project's own method: optional winsorisation, then each indicator
// normalised (direction applied), weighted and aggregated into every score. An axis or
// group score uses the global weights of its indicators, rescaled to sum to 1 within
// it, so with arithmetic aggregation and equal-axis weights the global score is the
// mean of the axis scores.
func (r *run) diagnum() error {
	r.winsorise()
	r.points = r.normalised(r.p.Normalisation)
	w, err := r.nominalWeights()
	if err != nil {
		return err
	}
	r.weights = w
	vals := make([]float64, len(w))
	sub := make([]float64, len(w))
	for s, d := range r.defs {
		clear(sub)
		for _, i := range d.members {
			sub[i] = w[i]
		}
		for k := range r.n {
			var why []string
			for i, wi := range sub {
				vals[i] = r.points.v[i][k]
				if wi > 0 && math.IsNaN(vals[i]) {
					why = append(why, r.points.reason(i, k))
				}
			}
			if why != nil {
				r.scores.miss(s, k, strings.Join(why, "; "))
				continue
			}
			v, err := aggregate.Mean(r.p.Aggregation, vals, sub)
			if err != nil {
				r.scores.miss(s, k, fmt.Sprintf("%s score: %v", d.info.ID, err))
				continue
			}
			r.scores.v[s][k] = v
		}
	}
	return nil
}

// winsorise treats every indicator column when Params.Winsorisation is enabled.
func (r *run) winsorise() {
	w := r.p.Winsorisation
	if w == nil || !w.Enabled {
		return
	}
	for i, ind := range r.t.Indicators {
		col, rep := normalise.Winsorise(r.in.v[i], *w)
		r.in.v[i] = col
		r.winsor = append(r.winsor, winsorised(ind.ID, rep))
	}
}

// normalised returns the indicator columns normalised by m, missing cells explained.
func (r *run) normalised(m normalise.Method) grid {
	g := newGrid(len(r.t.Indicators), r.n)
	scale := *r.p.Scale
	for i, ind := range r.t.Indicators {
		x, dir := r.in.v[i], int(ind.Direction)
		switch m {
		case normalise.ZScore:
			g.v[i] = normalise.ZScores(x, dir)
		case normalise.MinMax:
			g.v[i] = normalise.MinMaxScale(x, dir, scale)
		case normalise.PercentileRank:
			g.v[i] = normalise.PercentileRanks(x, dir)
		case normalise.Goalposts:
			gp, _ := goalpostOf(r.p.Goalposts, ind.ID)
			g.v[i] = normalise.GoalpostScale(x, dir, gp, scale)
		case normalise.Reference:
			ref := make([]float64, r.n)
			for k := range ref {
				ref[k] = r.ref(k, i)
			}
			g.v[i] = normalise.ToReference(x, dir, ref)
		}
		for k, v := range g.v[i] {
			if !math.IsNaN(v) {
				continue
			}
			why := r.inputProblem(i, k)
			if why == "" && m == normalise.Reference {
				why = r.refProblem(k, i, r.ref(k, i))
			}
			g.miss(i, k, why)
		}
	}
	return g
}

// nominalWeights computes the weights Params ask for; PCA uses the normalised points.
func (r *run) nominalWeights() ([]float64, error) {
	switch r.p.Weighting {
	case weights.EqualIndicator:
		return weights.Equal(len(r.t.Indicators)), nil
	case weights.EqualAxis:
		axisOf := make([]int, len(r.t.Indicators))
		for i, ind := range r.t.Indicators {
			for a, ax := range r.t.axes() {
				if ax.ID == ind.Axis {
					axisOf[i] = a
				}
			}
		}
		return weights.EqualPerAxis(axisOf), nil
	case weights.User:
		return userWeights(r.t, r.p.Weights)
	case weights.PCA:
		w, err := weights.FromPCA(r.points.v)
		if err != nil {
			return nil, fmt.Errorf("PCA weights: %w", err)
		}
		return w, nil
	}
	return nil, fmt.Errorf("weighting %q", r.p.Weighting)
}
