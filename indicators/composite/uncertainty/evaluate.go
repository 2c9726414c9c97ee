package uncertainty

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/classify"
)

// analysis holds one run. Every accumulator is a sum of integer ranks kept in int64,
// so the order in which workers add them cannot change a single bit of the result.
type analysis struct {
	sc     *composite.Scorer
	opt    Options
	w      []float64 // nominal weights
	n      int
	A, B   []draw
	groups []string // the choices that vary
	ranksA [][]int32

	mu  sync.Mutex
	acc *sums
}

// sums are, per territory, over the draws where every evaluation ranked it.
type sums struct {
	count        []int64
	sum, sumSq   []int64   // of the ranks in A and B
	first, total [][]int64 // per varying choice: Σ fB(fAB − fA), Σ (fA − fAB)²
}

func newSums(n, g int) *sums {
	s := &sums{count: make([]int64, n), sum: make([]int64, n), sumSq: make([]int64, n),
		first: make([][]int64, g), total: make([][]int64, g)}
	for i := range g {
		s.first[i], s.total[i] = make([]int64, n), make([]int64, n)
	}
	return s
}

func (s *sums) add(o *sums) {
	addTo := func(dst, src []int64) {
		for i, v := range src {
			dst[i] += v
		}
	}
	addTo(s.count, o.count)
	addTo(s.sum, o.sum)
	addTo(s.sumSq, o.sumSq)
	for g := range s.first {
		addTo(s.first[g], o.first[g])
		addTo(s.total[g], o.total[g])
	}
}

func newAnalysis(sc *composite.Scorer, opt Options) *analysis {
	a := &analysis{sc: sc, opt: opt, w: sc.Weights(), n: len(sc.Codes())}
	if opt.WeightSpread > 0 {
		a.groups = append(a.groups, ChoiceWeights)
	}
	if len(opt.Normalisations) > 1 {
		a.groups = append(a.groups, ChoiceNormalisation)
	}
	if len(opt.Aggregations) > 1 {
		a.groups = append(a.groups, ChoiceAggregation)
	}
	a.acc = newSums(a.n, len(a.groups))
	return a
}

// mix returns draw A with the choice g taken from B (Saltelli's A_B matrices).
func mix(a, b draw, g string) draw {
	switch g {
	case ChoiceWeights:
		a.factors = b.factors
	case ChoiceNormalisation:
		a.norm = b.norm
	case ChoiceAggregation:
		a.agg = b.agg
	}
	return a
}

// evaluate runs every draw on opt.Workers goroutines.
func (a *analysis) evaluate() {
	a.ranksA = make([][]int32, len(a.A))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range a.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := newSums(a.n, len(a.groups))
			ev := a.newEvaluator()
			for {
				j := int(next.Add(1)) - 1
				if j >= len(a.A) {
					break
				}
				a.one(j, ev, local)
			}
			a.mu.Lock()
			a.acc.add(local)
			a.mu.Unlock()
		}()
	}
	wg.Wait()
}

type evaluator struct {
	w      []float64
	scores []float64
}

func (a *analysis) newEvaluator() *evaluator {
	return &evaluator{w: make([]float64, len(a.w)), scores: make([]float64, a.n)}
}

// ranks evaluates draw d: the global score of every territory, then its rank.
func (a *analysis) ranks(d draw, ev *evaluator) []int {
	for i, f := range d.factors {
		ev.w[i] = a.w[i] * f
	}
	a.sc.Global(a.opt.Normalisations[d.norm], a.opt.Aggregations[d.agg], ev.w, ev.scores)
	return composite.Ranks(ev.scores)
}

func (a *analysis) one(j int, ev *evaluator, s *sums) {
	fA := a.ranks(a.A[j], ev)
	fB := a.ranks(a.B[j], ev)
	row := make([]int32, a.n)
	for t, r := range fA {
		row[t] = int32(r)
	}
	a.ranksA[j] = row
	fAB := make([][]int, len(a.groups))
	for g, name := range a.groups {
		fAB[g] = a.ranks(mix(a.A[j], a.B[j], name), ev)
	}
	for t := range a.n {
		ok := fA[t] > 0 && fB[t] > 0
		for g := range fAB {
			ok = ok && fAB[g][t] > 0
		}
		if !ok {
			continue
		}
		ra, rb := int64(fA[t]), int64(fB[t])
		s.count[t]++
		s.sum[t] += ra + rb
		s.sumSq[t] += ra*ra + rb*rb
		for g := range fAB {
			rab := int64(fAB[g][t])
			s.first[g][t] += rb * (rab - ra)
			s.total[g][t] += (ra - rab) * (ra - rab)
		}
	}
}

// summarise gives each territory its rank distribution over the draws of design A.
func (a *analysis) summarise(nominal []int) []TerritoryRanks {
	codes := a.sc.Codes()
	out := make([]TerritoryRanks, a.n)
	col := make([]float64, 0, len(a.ranksA))
	for t := range a.n {
		col = col[:0]
		for _, row := range a.ranksA {
			if row[t] > 0 {
				col = append(col, float64(row[t]))
			}
		}
		slices.Sort(col)
		out[t] = TerritoryRanks{Code: codes[t], NominalRank: nominal[t], Draws: len(col),
			MedianRank: classify.QuantileType7(col, 0.5),
			P5:         classify.QuantileType7(col, 0.05),
			P95:        classify.QuantileType7(col, 0.95)}
		if len(col) == 0 { // never ranked: zeros, not NaN, and Draws says why
			out[t].MedianRank, out[t].P5, out[t].P95 = 0, 0, 0
		}
	}
	return out
}

// shares pools the per-territory variance decompositions.
func (a *analysis) shares() []Share {
	var totalVar float64
	first := make([]float64, len(a.groups))
	total := make([]float64, len(a.groups))
	s := a.acc
	for t := range a.n {
		c := float64(s.count[t])
		if c == 0 {
			continue
		}
		m := 2 * c
		mean := float64(s.sum[t]) / m
		totalVar += float64(s.sumSq[t])/m - mean*mean
		for g := range a.groups {
			first[g] += float64(s.first[g][t]) / c
			total[g] += float64(s.total[g][t]) / (2 * c)
		}
	}
	out := []Share{}
	for _, name := range []string{ChoiceWeights, ChoiceNormalisation, ChoiceAggregation} {
		sh := Share{Choice: name}
		for g, gname := range a.groups {
			if gname == name && totalVar > 0 {
				sh.FirstOrder, sh.Total = first[g]/totalVar, total[g]/totalVar
			}
		}
		out = append(out, sh)
	}
	return out
}
