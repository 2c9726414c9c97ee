package aggregate

import (
	"errors"
	"math"
	"testing"
)

func TestByHand(t *testing.T) {
	tests := []struct {
		m    Method
		v, w []float64
		want float64
		err  error
	}{
		{Arithmetic, []float64{4, 16}, []float64{1, 1}, 10, nil},
		{Geometric, []float64{4, 16}, []float64{1, 1}, 8, nil},
		{Harmonic, []float64{4, 16}, []float64{1, 1}, 6.4, nil},            // 2 / (1/4 + 1/16)
		{Arithmetic, []float64{4, 16}, []float64{3, 1}, 7, nil},            // (12 + 16) / 4
		{Geometric, []float64{4, 16}, []float64{3, 1}, math.Sqrt(32), nil}, // 4^¾ · 16^¼ = 2^2.5
		{Harmonic, []float64{4, 16}, []float64{3, 1}, 64.0 / 13, nil},      // 4 / (3/4 + 1/16)
		{Arithmetic, []float64{4, math.NaN()}, []float64{1, 0}, 4, nil},    // weight 0: ignored even if missing
		{Geometric, []float64{0, 16}, []float64{1, 1}, 0, nil},
		{Arithmetic, []float64{4, math.NaN()}, []float64{1, 1}, math.NaN(), ErrMissing},
		{Geometric, []float64{-1, 16}, []float64{1, 1}, math.NaN(), ErrNegative},
		{Harmonic, []float64{0, 16}, []float64{1, 1}, math.NaN(), ErrNonPositive},
		{Arithmetic, []float64{4, 16}, []float64{0, 0}, math.NaN(), ErrNoWeight},
	}
	for _, tc := range tests {
		got, err := Mean(tc.m, tc.v, tc.w)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s %v %v: error %v, want %v", tc.m, tc.v, tc.w, err, tc.err)
			continue
		}
		if tc.err == nil && math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s %v %v = %v, want %v", tc.m, tc.v, tc.w, got, tc.want)
		}
	}
}

func TestOrderOfMeans(t *testing.T) {
	v, w := []float64{3, 50, 7, 90}, []float64{0.1, 0.2, 0.3, 0.4}
	a, _ := Mean(Arithmetic, v, w)
	g, _ := Mean(Geometric, v, w)
	h, _ := Mean(Harmonic, v, w)
	if !(a > g && g > h) {
		t.Errorf("arithmetic %v ≥ geometric %v ≥ harmonic %v does not hold", a, g, h)
	}
}
