// Package aggregate combines a territory's normalised indicator values into one score
// with weights: the step where indicators may or may not compensate each other.
package aggregate

import (
	"errors"
	"fmt"
	"math"
)

// Method names an aggregation; the strings are those of the spec and of Params.
type Method string

const (
	// Arithmetic: Σ wᵢvᵢ / Σ wᵢ. Fully compensatory: a good value offsets a bad one.
	Arithmetic Method = "arithmetic"
	// Geometric: Π vᵢ^(wᵢ/Σw). Partly compensatory: a territory very fragile on one
	// indicator cannot hide it behind the others. Needs values ≥ 0; one 0 gives 0.
	Geometric Method = "geometric"
	// Harmonic: Σ wᵢ / Σ (wᵢ/vᵢ). Least compensatory of the three. Needs values > 0.
	Harmonic Method = "harmonic"
)

// Methods lists every aggregation, in documentation order.
func Methods() []Method { return []Method{Arithmetic, Geometric, Harmonic} }

// Valid reports whether m is a known method.
func (m Method) Valid() bool {
	for _, k := range Methods() {
		if m == k {
			return true
		}
	}
	return false
}

// Errors returned by Mean; callers turn them into a "missing" reason.
var (
	ErrNegative    = errors.New("a geometric mean needs values ≥ 0")
	ErrNonPositive = errors.New("a harmonic mean needs values > 0")
	ErrNoWeight    = errors.New("weights sum to 0")
	ErrMissing     = errors.New("a value is missing")
)

// Mean aggregates v with weights w (same length, w ≥ 0, not necessarily summing to 1:
// they are divided by their sum, so the same weights serve an axis and the whole).
// Values with weight 0 are ignored, even when missing. It allocates nothing.
func Mean(m Method, v, w []float64) (float64, error) {
	if len(v) != len(w) {
		panic(fmt.Sprintf("aggregate: %d values, %d weights", len(v), len(w)))
	}
	var sw float64
	for i, wi := range w {
		if wi == 0 {
			continue
		}
		if math.IsNaN(v[i]) {
			return math.NaN(), ErrMissing
		}
		sw += wi
	}
	if !(sw > 0) {
		return math.NaN(), ErrNoWeight
	}
	switch m {
	case Arithmetic:
		var s float64
		for i, wi := range w {
			if wi != 0 {
				s += wi * v[i]
			}
		}
		return s / sw, nil
	case Geometric:
		var s float64
		for i, wi := range w {
			if wi == 0 {
				continue
			}
			if v[i] < 0 {
				return math.NaN(), ErrNegative
			}
			if v[i] == 0 {
				return 0, nil
			}
			s += wi * math.Log(v[i])
		}
		return math.Exp(s / sw), nil
	case Harmonic:
		var s float64
		for i, wi := range w {
			if wi == 0 {
				continue
			}
			if !(v[i] > 0) {
				return math.NaN(), ErrNonPositive
			}
			s += wi / v[i]
		}
		return sw / s, nil
	}
	panic(fmt.Sprintf("aggregate: unknown method %q", m))
}
