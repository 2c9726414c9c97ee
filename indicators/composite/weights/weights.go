// Package weights decides how much each indicator counts in a composite score, and
// returns weights that are non-negative and sum to 1.
package weights

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Method names a weighting; the strings are those of the spec and of Params.
type Method string

const (
	// EqualIndicator: every indicator weighs 1/n (the 2020 kit's global score).
	EqualIndicator Method = "equal-indicator"
	// EqualAxis: every axis weighs 1/A, shared equally among its indicators, so an
	// axis with many indicators does not dominate.
	EqualAxis Method = "equal-axis"
	// User: weights given in the spec, divided by their sum.
	User Method = "user"
	// PCA: squared loadings of the first principal component of the standardised
	// indicators: the weights that best summarise their common variation.
	PCA Method = "pca"
)

// Methods lists every weighting, in documentation order.
func Methods() []Method { return []Method{EqualAxis, EqualIndicator, User, PCA} }

// Valid reports whether m is a known method.
func (m Method) Valid() bool {
	for _, k := range Methods() {
		if m == k {
			return true
		}
	}
	return false
}

// Equal returns n weights of 1/n.
func Equal(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / float64(n)
	}
	return w
}

// EqualPerAxis gives each of the axes present in axisOf (axisOf[i] = axis of indicator
// i, any integer label) the same weight, shared equally by its indicators.
func EqualPerAxis(axisOf []int) []float64 {
	count := map[int]int{}
	for _, a := range axisOf {
		count[a]++
	}
	w := make([]float64, len(axisOf))
	for i, a := range axisOf {
		w[i] = 1 / float64(len(count)) / float64(count[a])
	}
	return w
}

// Normalised divides user weights by their sum; they must be finite and ≥ 0, not all 0.
func Normalised(user []float64) ([]float64, error) {
	var s float64
	for i, v := range user {
		if !(v >= 0) || math.IsInf(v, 1) {
			return nil, fmt.Errorf("weight %d is %g: weights must be finite and ≥ 0", i+1, v)
		}
		s += v
	}
	if !(s > 0) {
		return nil, errors.New("weights sum to 0")
	}
	w := make([]float64, len(user))
	for i, v := range user {
		w[i] = v / s
	}
	return w, nil
}

// FromPCA derives weights from the first principal component of the indicator columns
// (cols[i] = values of indicator i, NaN = missing; only territories complete on every
// indicator are used). Columns are standardised first, so the analysis is that of the
// correlation matrix and units do not matter. The first component's unit eigenvector
// u gives wᵢ = uᵢ², which sum to 1. It fails with fewer complete territories than
// indicators + 1, or when a column is constant.
func FromPCA(cols [][]float64) ([]float64, error) {
	x, err := Standardised(cols)
	if err != nil {
		return nil, err
	}
	var pc stat.PC
	if !pc.PrincipalComponents(x, nil) {
		return nil, errors.New("principal component analysis did not converge")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	w := make([]float64, len(cols))
	var s float64
	for i := range w {
		u := vecs.At(i, 0)
		w[i] = u * u
		s += w[i]
	}
	for i := range w { // already 1 up to rounding; make it exact to the last bit possible
		w[i] /= s
	}
	return w, nil
}

// Standardised returns the complete rows of cols as an n×p matrix of z-scores
// (sample standard deviation).
func Standardised(cols [][]float64) (*mat.Dense, error) {
	p := len(cols)
	if p == 0 {
		return nil, errors.New("no indicator")
	}
	var rows []int
	for t := range cols[0] {
		ok := true
		for _, c := range cols {
			if math.IsNaN(c[t]) {
				ok = false
				break
			}
		}
		if ok {
			rows = append(rows, t)
		}
	}
	if len(rows) < p+1 {
		return nil, fmt.Errorf("%d territories complete on every indicator, need at least %d", len(rows), p+1)
	}
	x := mat.NewDense(len(rows), p, nil)
	col := make([]float64, len(rows))
	for j, c := range cols {
		for r, t := range rows {
			col[r] = c[t]
		}
		mean, sd := stat.MeanStdDev(col, nil)
		if !(sd > 0) {
			return nil, fmt.Errorf("indicator %d is constant", j+1)
		}
		for r := range rows {
			x.Set(r, j, (col[r]-mean)/sd)
		}
	}
	return x, nil
}
