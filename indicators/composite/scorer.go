package composite

import (
	"fmt"
	"math"

	"github.com/diagnum/diagnum/indicators/composite/aggregate"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
)

// Scorer recomputes the diagnum method's global score under variants of its
// normalisation, aggregation and weights, for Monte Carlo analyses (package
// uncertainty). Validation, imputation and winsorisation are done once, each
// normalisation once (Prepare); Global then costs one weighted mean per territory.
type Scorer struct {
	r     *run
	w     []float64
	cache map[normalise.Method][][]float64
}

// NewScorer prepares t for the diagnum method with parameters p (Method must be
// diagnum or empty), and computes the nominal weights.
func NewScorer(t Table, p Params) (*Scorer, error) {
	if p.Method == "" {
		p.Method = MethodDiagnum
	}
	if p.Method != MethodDiagnum {
		return nil, fmt.Errorf("uncertainty analysis varies the %s method's choices; %s fixes them", MethodDiagnum, p.Method)
	}
	r, err := prepare(t, p)
	if err != nil {
		return nil, err
	}
	r.winsorise()
	r.points = r.normalised(r.p.Normalisation)
	w, err := r.nominalWeights()
	if err != nil {
		return nil, err
	}
	s := &Scorer{r: r, w: w, cache: map[normalise.Method][][]float64{r.p.Normalisation: r.points.v}}
	return s, nil
}

// Params returns the resolved nominal parameters.
func (s *Scorer) Params() Params { return s.r.p }

// Codes returns the territory codes in the order of Global's scores (sorted codes).
func (s *Scorer) Codes() []string {
	out := make([]string, s.r.n)
	for k, row := range s.r.order {
		out[k] = s.r.t.Codes[row]
	}
	return out
}

// Indicators returns the indicator IDs, in the order of the weights.
func (s *Scorer) Indicators() []string { return idsOf(s.r.t, s.r.defs[len(s.r.defs)-1].members) }

// Weights returns a copy of the nominal weights (one per indicator, summing to 1).
func (s *Scorer) Weights() []float64 { return append([]float64(nil), s.w...) }

// Prepare normalises with m and keeps the result. Call it for every normalisation
// before calling Global concurrently; Prepare itself is not safe for concurrent use.
func (s *Scorer) Prepare(m normalise.Method) error {
	if !m.Valid() {
		return fmt.Errorf("normalisation %q", m)
	}
	if m == normalise.Goalposts {
		for _, ind := range s.r.t.Indicators {
			if _, ok := goalpostOf(s.r.p.Goalposts, ind.ID); !ok {
				return fmt.Errorf("goalposts normalisation: no goalposts for indicator %s", ind.ID)
			}
		}
	}
	if m == normalise.Reference {
		if len(s.r.t.Reference.Values) == 0 {
			return fmt.Errorf("the reference normalisation needs the reference territory's values")
		}
	}
	if _, ok := s.cache[m]; !ok {
		s.cache[m] = s.r.normalised(m).v
	}
	return nil
}

// Global writes into dst (allocated when nil) the global score of every territory in
// Codes order under normalisation m (prepared), aggregation a and weights w (one per
// indicator, ≥ 0; divided by their sum). A territory whose score cannot be computed
// gets NaN. Safe for concurrent use once every m used is prepared.
func (s *Scorer) Global(m normalise.Method, a aggregate.Method, w []float64, dst []float64) []float64 {
	cols, ok := s.cache[m]
	if !ok {
		panic(fmt.Sprintf("composite: Scorer.Global with unprepared normalisation %q", m))
	}
	if dst == nil {
		dst = make([]float64, s.r.n)
	}
	vals := make([]float64, len(cols))
	for k := range s.r.n {
		for i, c := range cols {
			vals[i] = c[k]
		}
		v, err := aggregate.Mean(a, vals, w)
		if err != nil {
			v = math.NaN()
		}
		dst[k] = v
	}
	return dst
}
