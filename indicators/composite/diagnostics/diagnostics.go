// Package diagnostics tells whether a set of indicators makes a sound composite: how
// they correlate, what their principal components are, and which ones are constant,
// redundant, or pull against the other indicators of their axis.
//
// It works on directed values (each indicator multiplied by its direction, so that a
// positive correlation always means "fragile together"); Pearson correlations and the
// principal components are unchanged by any other linear rescaling.
package diagnostics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/diagnum/diagnum/indicators/composite/weights"
)

// Options holds the warning thresholds.
type Options struct {
	// Collinear: warn when |r| between two indicators is at least this (0.9 by default).
	Collinear float64 `json:"collinear"`
	// AgainstAxis: warn when an indicator's correlation with the mean of the other
	// standardised indicators of its axis is below this (0 by default: any negative
	// correlation means it pulls the axis the other way).
	AgainstAxis float64 `json:"against_axis"`
}

// DefaultOptions are the thresholds used when none are given.
var DefaultOptions = Options{Collinear: 0.9, AgainstAxis: 0}

// Input is the indicator table seen column by column.
type Input struct {
	IDs   []string    // indicator IDs
	Axis  []string    // axis of each indicator
	Group []string    // group of each indicator's axis ("" when none)
	Cols  [][]float64 // Cols[i][t]: directed value of indicator i for territory t, NaN = missing
}

// Report is the outcome; every slice follows the order of Input.IDs.
type Report struct {
	Indicators   []string      `json:"indicators"`
	Correlations []Correlation `json:"correlations"`
	PCA          PCA           `json:"pca"`
	Warnings     []Warning     `json:"warnings"`
}

// Correlation is the Pearson correlation of indicators A and B over the N territories
// where both are present. Missing says why R could not be computed (R is then 0).
type Correlation struct {
	A       string  `json:"a"`
	B       string  `json:"b"`
	R       float64 `json:"r"`
	N       int     `json:"n"`
	Missing string  `json:"missing,omitempty"`
}

// PCA is the principal component analysis of the standardised indicators over the N
// territories complete on all of them. Missing says why it could not be done.
type PCA struct {
	N          int         `json:"n"`
	Components []Component `json:"components,omitempty"`
	Missing    string      `json:"missing,omitempty"`
}

// Component is one principal component: its variance (eigenvalue of the correlation
// matrix), its share of the total variance, and the loadings, i.e. the correlation of
// each indicator with the component (eigenvector × √variance). The sign of a
// component is arbitrary; it is fixed so that its loadings sum to a positive number.
type Component struct {
	Variance float64   `json:"variance"`
	Share    float64   `json:"share"`
	Loadings []float64 `json:"loadings"`
}

// Warning kinds.
const (
	Constant    = "constant"
	Collinear   = "collinear"
	AgainstAxis = "against-axis"
)

// Warning flags one indicator (or pair); Value is the statistic that triggered it.
type Warning struct {
	Kind       string   `json:"kind"`
	Indicators []string `json:"indicators"`
	Value      float64  `json:"value"`
	Message    string   `json:"message"`
}

// Matrix returns the correlations as a square matrix in indicator order, with 1 on
// the diagonal and NaN where undefined (for display; NaN does not go to JSON).
func (r Report) Matrix() [][]float64 {
	p := len(r.Indicators)
	m := make([][]float64, p)
	for i := range m {
		m[i] = make([]float64, p)
		m[i][i] = 1
	}
	k := 0
	for i := range p {
		for j := i + 1; j < p; j++ {
			c := r.Correlations[k]
			v := c.R
			if c.Missing != "" {
				v = math.NaN()
			}
			m[i][j], m[j][i] = v, v
			k++
		}
	}
	return m
}

// Analyse computes the report.
func Analyse(in Input, opt Options) Report {
	p := len(in.IDs)
	rep := Report{Indicators: append([]string(nil), in.IDs...), Warnings: []Warning{}}
	constant := make([]bool, p)
	for i, c := range in.Cols {
		if isConstant(c) {
			constant[i] = true
			rep.Warnings = append(rep.Warnings, Warning{Kind: Constant, Indicators: []string{in.IDs[i]},
				Message: fmt.Sprintf("%s takes a single value: it cannot tell territories apart", in.IDs[i])})
		}
	}
	for i := range p {
		for j := i + 1; j < p; j++ {
			c := correlate(in.Cols[i], in.Cols[j])
			c.A, c.B = in.IDs[i], in.IDs[j]
			rep.Correlations = append(rep.Correlations, c)
			if c.Missing == "" && math.Abs(c.R) >= opt.Collinear {
				rep.Warnings = append(rep.Warnings, Warning{Kind: Collinear, Indicators: []string{c.A, c.B}, Value: c.R,
					Message: fmt.Sprintf("%s and %s are nearly collinear (r = %.3f): together they count the same thing twice", c.A, c.B, c.R)})
			}
		}
	}
	rep.Warnings = append(rep.Warnings, againstAxis(in, constant, opt)...)
	rep.PCA = principal(in.Cols)
	return rep
}

func isConstant(c []float64) bool {
	first, seen := math.NaN(), false
	for _, v := range c {
		if math.IsNaN(v) {
			continue
		}
		if seen && v != first {
			return false
		}
		first, seen = v, true
	}
	return true
}

// correlate is Pearson's r over the pairs where both values are present.
func correlate(a, b []float64) Correlation {
	x, y := make([]float64, 0, len(a)), make([]float64, 0, len(a))
	for t := range a {
		if !math.IsNaN(a[t]) && !math.IsNaN(b[t]) {
			x = append(x, a[t])
			y = append(y, b[t])
		}
	}
	c := Correlation{N: len(x)}
	if len(x) < 3 {
		c.Missing = fmt.Sprintf("only %d territories have both values", len(x))
		return c
	}
	_, sx := stat.MeanStdDev(x, nil)
	_, sy := stat.MeanStdDev(y, nil)
	if !(sx > 0) || !(sy > 0) {
		c.Missing = "an indicator is constant over these territories"
		return c
	}
	c.R = stat.Correlation(x, y, nil)
	return c
}

// againstAxis compares each indicator with the mean z-score of the other non-constant
// indicators of its axis; an indicator alone in its axis is compared with the rest of
// its group instead (the kit's GLOBAL ACCÈS or COMPÉTENCES), if any.
func againstAxis(in Input, constant []bool, opt Options) []Warning {
	var out []Warning
	z := make([][]float64, len(in.Cols))
	for i, c := range in.Cols {
		if !constant[i] {
			z[i] = zscores(c)
		}
	}
	for i := range in.Cols {
		if constant[i] {
			continue
		}
		label, peers := "axis "+in.Axis[i], siblings(in, constant, i, func(j int) bool { return in.Axis[j] == in.Axis[i] })
		if len(peers) == 0 && in.Group != nil && in.Group[i] != "" {
			label, peers = "group "+in.Group[i], siblings(in, constant, i, func(j int) bool { return in.Group[j] == in.Group[i] })
		}
		if len(peers) == 0 {
			continue
		}
		rest := make([]float64, len(in.Cols[i]))
		for _, j := range peers {
			for t, v := range z[j] {
				rest[t] += v
			}
		}
		c := correlate(in.Cols[i], rest)
		if c.Missing == "" && c.R < opt.AgainstAxis {
			out = append(out, Warning{Kind: AgainstAxis, Indicators: []string{in.IDs[i]}, Value: c.R,
				Message: fmt.Sprintf("%s pulls against the rest of %s (r = %.3f with the other indicators)", in.IDs[i], label, c.R)})
		}
	}
	return out
}

func siblings(in Input, constant []bool, i int, same func(j int) bool) []int {
	var out []int
	for j := range in.Cols {
		if j != i && !constant[j] && same(j) {
			out = append(out, j)
		}
	}
	return out
}

func zscores(c []float64) []float64 {
	var x []float64
	for _, v := range c {
		if !math.IsNaN(v) {
			x = append(x, v)
		}
	}
	mean, sd := stat.MeanStdDev(x, nil)
	z := make([]float64, len(c))
	for t, v := range c {
		z[t] = (v - mean) / sd // NaN stays NaN
	}
	return z
}

func principal(cols [][]float64) PCA {
	x, err := weights.Standardised(cols)
	if err != nil {
		return PCA{Missing: err.Error()}
	}
	n, p := x.Dims()
	var pc stat.PC
	if !pc.PrincipalComponents(x, nil) {
		return PCA{N: n, Missing: "principal component analysis did not converge"}
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	var total float64
	for _, v := range vars {
		total += v
	}
	out := PCA{N: n}
	for k, v := range vars {
		comp := Component{Variance: v, Share: v / total, Loadings: make([]float64, p)}
		var sum float64
		for i := range p {
			comp.Loadings[i] = vecs.At(i, k) * math.Sqrt(v)
			sum += comp.Loadings[i]
		}
		if sum < 0 {
			for i := range comp.Loadings {
				comp.Loadings[i] = -comp.Loadings[i]
			}
		}
		out.Components = append(out.Components, comp)
	}
	return out
}
