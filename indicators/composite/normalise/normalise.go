// Package normalise puts indicators measured in different units (shares, euros,
// places per inhabitant) on one scale on which a higher value always means a more
// fragile territory, so that they can be weighted and aggregated.
//
// Every function takes one indicator column (one value per territory, NaN for a
// missing value) and its direction (+1: higher is more fragile, −1: lower is more
// fragile) and returns a new column; NaN inputs stay NaN. Statistics over a column
// (mean, minimum, ranks) are computed in the order of the slice: callers that need
// results independent of the order of territories pass columns in a canonical order.
package normalise

import (
	"fmt"
	"math"
	"sort"
)

// Method names a normalisation. The strings are those of the spec and of Params.
type Method string

const (
	// ZScore: (x − mean) / standard deviation, sign flipped for direction −1. The
	// standard deviation is the sample one (n − 1), as in R and COINr.
	ZScore Method = "z-score"
	// MinMax: (x − min) / (max − min) mapped onto a scale [lo, hi], reversed for
	// direction −1, so the most fragile territory gets hi and the least fragile lo.
	MinMax Method = "min-max"
	// PercentileRank: the share of territories less fragile than this one, counting
	// ties as half, ×100 (mid-rank percentile), in (0, 100).
	PercentileRank Method = "percentile-rank"
	// Reference: distance to a reference territory ×100: 100·x/s for direction +1,
	// 100·(2 − x/s) for direction −1 (the mirror image around 100 the 2020 kit uses
	// for income), so 100 always means "as fragile as the reference".
	Reference Method = "reference"
	// Goalposts: (x − low) / (high − low) clamped to [0, 1] and mapped onto [lo, hi],
	// reversed for direction −1; low and high are fixed in advance (indicator units),
	// so scores are comparable from one run to the next.
	Goalposts Method = "goalposts"
)

// Methods lists every normalisation, in documentation order.
func Methods() []Method {
	return []Method{Reference, MinMax, ZScore, PercentileRank, Goalposts}
}

// Valid reports whether m is a known method.
func (m Method) Valid() bool {
	for _, k := range Methods() {
		if m == k {
			return true
		}
	}
	return false
}

// Signed reports whether the method can produce negative values, which a geometric or
// harmonic mean cannot take.
func (m Method) Signed() bool { return m == ZScore }

// Scale is the target interval of MinMax and Goalposts.
type Scale struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// DefaultScale is 0…100, the scale of the kit's points.
var DefaultScale = Scale{Low: 0, High: 100}

// Validate rejects an empty or reversed scale.
func (s Scale) Validate() error {
	if !(s.High > s.Low) || math.IsInf(s.Low, 0) || math.IsInf(s.High, 0) {
		return fmt.Errorf("scale [%g, %g] must have low < high, both finite", s.Low, s.High)
	}
	return nil
}

func checkDir(dir int) {
	if dir != 1 && dir != -1 {
		panic(fmt.Sprintf("normalise: direction %d, want +1 or -1", dir))
	}
}

// ZScores standardises x. A column with fewer than two values, or constant, carries no
// information: every present value gets 0 (the diagnostics report the constant column).
func ZScores(x []float64, dir int) []float64 {
	checkDir(dir)
	var n, sum float64
	for _, v := range x {
		if !math.IsNaN(v) {
			n++
			sum += v
		}
	}
	out := make([]float64, len(x))
	mean := sum / n
	var ss float64
	for _, v := range x {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	sd := math.Sqrt(ss / (n - 1))
	for i, v := range x {
		switch {
		case math.IsNaN(v):
			out[i] = math.NaN()
		case n < 2 || !(sd > 0):
			out[i] = 0
		default:
			out[i] = float64(dir) * (v - mean) / sd
		}
	}
	return out
}

// MinMaxScale maps x linearly onto s. A constant column gets the middle of the scale.
func MinMaxScale(x []float64, dir int, s Scale) []float64 {
	checkDir(dir)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range x {
		if !math.IsNaN(v) {
			lo = math.Min(lo, v)
			hi = math.Max(hi, v)
		}
	}
	out := make([]float64, len(x))
	for i, v := range x {
		switch {
		case math.IsNaN(v):
			out[i] = math.NaN()
		case !(hi > lo):
			out[i] = (s.Low + s.High) / 2
		default:
			f := (v - lo) / (hi - lo)
			if dir < 0 {
				f = (hi - v) / (hi - lo)
			}
			out[i] = s.Low + f*(s.High-s.Low)
		}
	}
	return out
}

// PercentileRanks gives each value its mid-rank percentile: 100·(number of strictly
// less fragile values + half the number of equal values) / n. Ties share one value,
// the result never reaches 0 or 100, and reversing the direction gives 100 − p.
func PercentileRanks(x []float64, dir int) []float64 {
	checkDir(dir)
	idx := make([]int, 0, len(x))
	for i, v := range x {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	out := make([]float64, len(x))
	for i, v := range x {
		if math.IsNaN(v) {
			out[i] = math.NaN()
		}
	}
	n := float64(len(idx))
	for start := 0; start < len(idx); {
		end := start + 1
		for end < len(idx) && x[idx[end]] == x[idx[start]] {
			end++
		}
		less, eq := float64(start), float64(end-start)
		p := 100 * (less + eq/2) / n
		if dir < 0 {
			p = 100 * ((n - less - eq) + eq/2) / n
		}
		for _, i := range idx[start:end] {
			out[i] = p
		}
		start = end
	}
	return out
}

// ToReference divides each value by its territory's reference value ref[i] (one
// reference per territory, so each commune can be compared with its own département).
// A missing, zero, negative or infinite reference gives NaN; callers report why.
func ToReference(x []float64, dir int, ref []float64) []float64 {
	checkDir(dir)
	if len(ref) != len(x) {
		panic("normalise: len(ref) != len(x)")
	}
	out := make([]float64, len(x))
	for i, v := range x {
		s := ref[i]
		if math.IsNaN(v) || !ValidReference(s) {
			out[i] = math.NaN()
			continue
		}
		if dir > 0 {
			out[i] = 100 * v / s
		} else {
			out[i] = 100 * (2 - v/s)
		}
	}
	return out
}

// ValidReference reports whether s can divide: finite and strictly positive.
func ValidReference(s float64) bool { return s > 0 && !math.IsInf(s, 1) }

// Goalpost fixes, in the indicator's own unit, the values mapped to the ends of the
// scale: Low is the least fragile value for direction +1 (the most fragile for −1).
type Goalpost struct {
	Indicator string  `json:"indicator"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
}

// GoalpostScale maps x onto s through the goalposts g, clamping values beyond them.
func GoalpostScale(x []float64, dir int, g Goalpost, s Scale) []float64 {
	checkDir(dir)
	out := make([]float64, len(x))
	for i, v := range x {
		if math.IsNaN(v) {
			out[i] = math.NaN()
			continue
		}
		f := (v - g.Low) / (g.High - g.Low)
		if dir < 0 {
			f = 1 - f
		}
		f = math.Max(0, math.Min(1, f))
		out[i] = s.Low + f*(s.High-s.Low)
	}
	return out
}
