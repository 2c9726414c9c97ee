// Package classify cuts a score's range into classes (the kit's 1-5 "quintiles") and
// writes the class limits out, so a map legend can always be rebuilt from them.
//
// Limits are k+1 values: the minimum, the k−1 thresholds, the maximum. A value v is in
// class c (1-based) when limits[c−1] ≤ v < limits[c], the last class also holding the
// maximum: the rule of the 2020 kit's formulas. Equal values therefore always share a
// class, and a class can be empty when thresholds coincide.
package classify

import (
	"fmt"
	"math"
	"sort"
)

// Method names a classification; the strings are those of the spec and of Params.
type Method string

const (
	// EqualWidth: k intervals of equal width between the minimum and the maximum (the
	// 2020 kit: threshold j = min + j·(max − min)/k, computed in that order).
	EqualWidth Method = "equal-width"
	// Quantile: thresholds at the j/k quantiles (quintiles for k = 5, deciles for 10),
	// interpolated between order statistics as R's default type 7 and Excel's
	// PERCENTILE.INC do.
	Quantile Method = "quantile"
	// NaturalBreaks: Jenks natural breaks computed exactly: the k groups of consecutive
	// sorted values with the least total within-group sum of squares (Ckmeans, dynamic
	// programming); thresholds are the smallest value of classes 2…k.
	NaturalBreaks Method = "jenks"
)

// Methods lists every classification, in documentation order.
func Methods() []Method { return []Method{EqualWidth, Quantile, NaturalBreaks} }

// Valid reports whether m is a known method.
func (m Method) Valid() bool {
	for _, k := range Methods() {
		if m == k {
			return true
		}
	}
	return false
}

// Limits computes the class limits of the non-NaN values of v. With no value it returns
// nil; with fewer distinct values than k, natural breaks return fewer classes.
func Limits(m Method, v []float64, k int) ([]float64, error) {
	if k < 1 {
		return nil, fmt.Errorf("%d classes: need at least 1", k)
	}
	s := present(v)
	if len(s) == 0 {
		return nil, nil
	}
	sort.Float64s(s)
	switch m {
	case EqualWidth:
		return equalWidth(s, k), nil
	case Quantile:
		return quantiles(s, k), nil
	case NaturalBreaks:
		return ckmeans(s, k), nil
	}
	return nil, fmt.Errorf("unknown classification %q", m)
}

// Assign returns the 1-based class of v, or 0 when v is NaN or limits is empty.
func Assign(v float64, limits []float64) int {
	if math.IsNaN(v) || len(limits) < 2 {
		return 0
	}
	c := 1
	for j := 1; j < len(limits)-1; j++ {
		if v >= limits[j] {
			c = j + 1
		}
	}
	return c
}

func present(v []float64) []float64 {
	s := make([]float64, 0, len(v))
	for _, x := range v {
		if !math.IsNaN(x) {
			s = append(s, x)
		}
	}
	return s
}

// equalWidth reproduces the kit: écart = (max − min)/k, seuil j = min + écart·j.
func equalWidth(s []float64, k int) []float64 {
	lo, hi := s[0], s[len(s)-1]
	step := (hi - lo) / float64(k)
	lim := make([]float64, k+1)
	lim[0] = lo
	for j := 1; j < k; j++ {
		lim[j] = lo + step*float64(j)
	}
	lim[k] = hi
	return lim
}

func quantiles(s []float64, k int) []float64 {
	lim := make([]float64, k+1)
	for j := 0; j <= k; j++ {
		lim[j] = QuantileType7(s, float64(j)/float64(k))
	}
	return lim
}

// QuantileType7 is the p-quantile of sorted s interpolated as R's type 7:
// h = (n−1)p, value = s[⌊h⌋] + (h − ⌊h⌋)(s[⌊h⌋+1] − s[⌊h⌋]).
func QuantileType7(s []float64, p float64) float64 {
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return s[n-1]
	}
	if lo < 0 {
		return s[0]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}
