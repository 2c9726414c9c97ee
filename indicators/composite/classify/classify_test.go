package classify

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestByHand(t *testing.T) {
	v := []float64{10, 1, math.NaN(), 3, 2, 4}
	tests := []struct {
		m       Method
		k       int
		limits  []float64
		classes []int
	}{
		// width (10 − 1)/3 = 3: thresholds 4 and 7
		{EqualWidth, 3, []float64{1, 4, 7, 10}, []int{3, 1, 0, 1, 1, 2}},
		// type 7 on 1 2 3 4 10: h = 4p → 2, 3, 4
		{Quantile, 4, []float64{1, 2, 3, 4, 10}, []int{4, 1, 0, 3, 2, 4}},
		// best 2 groups: {1, 2, 3, 4} and {10}
		{NaturalBreaks, 2, []float64{1, 10, 10}, []int{2, 1, 0, 1, 1, 1}},
	}
	for _, tc := range tests {
		lim, err := Limits(tc.m, v, tc.k)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(lim, tc.limits) {
			t.Errorf("%s limits %v, want %v", tc.m, lim, tc.limits)
		}
		for i, x := range v {
			if c := Assign(x, lim); c != tc.classes[i] {
				t.Errorf("%s: %v in class %d, want %d", tc.m, x, c, tc.classes[i])
			}
		}
	}
	lim, _ := Limits(NaturalBreaks, []float64{30, 1, 2, 3, 10, 11, 12}, 3)
	if !slices.Equal(lim, []float64{1, 10, 30, 30}) {
		t.Errorf("ckmeans limits %v, want [1 10 30 30]", lim)
	}
	lim, _ = Limits(NaturalBreaks, []float64{5, 5, 7}, 5) // two distinct values: two classes
	if !slices.Equal(lim, []float64{5, 7, 7}) {
		t.Errorf("ckmeans with 2 distinct values: %v", lim)
	}
	if lim, _ := Limits(Quantile, []float64{math.NaN()}, 5); lim != nil {
		t.Errorf("no value: limits %v", lim)
	}
}

// TestCkmeansIsOptimal compares the dynamic programme with every possible partition.
func TestCkmeansIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 2 + rng.IntN(11)
		k := 1 + rng.IntN(4)
		s := make([]float64, n)
		for i := range s {
			s[i] = math.Round(rng.NormFloat64()*10) / 2 // ties happen
		}
		slices.Sort(s)
		lim := ckmeans(s, k)
		got := cost(s, lim)
		best := bruteForce(s, min(k, distinct(s)))
		if got > best+1e-9 {
			t.Fatalf("trial %d: %v into %d: cost %v, optimum %v (limits %v)", trial, s, k, got, best, lim)
		}
	}
}

func distinct(s []float64) int {
	return len(slices.Compact(slices.Clone(s)))
}

func cost(s, lim []float64) float64 {
	groups := map[int][]float64{}
	for _, v := range s {
		c := Assign(v, lim)
		groups[c] = append(groups[c], v)
	}
	var total float64
	for _, g := range groups {
		var m float64
		for _, v := range g {
			m += v
		}
		m /= float64(len(g))
		for _, v := range g {
			total += (v - m) * (v - m)
		}
	}
	return total
}

// bruteForce tries every way to cut sorted s into k non-empty runs.
func bruteForce(s []float64, k int) float64 {
	best := math.Inf(1)
	var rec func(start, left int, acc float64)
	rec = func(start, left int, acc float64) {
		if left == 1 {
			best = math.Min(best, acc+sse(s[start:]))
			return
		}
		for end := start + 1; end <= len(s)-left+1; end++ {
			rec(end, left-1, acc+sse(s[start:end]))
		}
	}
	rec(0, k, 0)
	return best
}

func sse(g []float64) float64 {
	var m, t float64
	for _, v := range g {
		m += v
	}
	m /= float64(len(g))
	for _, v := range g {
		t += (v - m) * (v - m)
	}
	return t
}

func BenchmarkCkmeans35000x10(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, 35000)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	for b.Loop() {
		if _, err := Limits(NaturalBreaks, v, 10); err != nil {
			b.Fatal(err)
		}
	}
}
