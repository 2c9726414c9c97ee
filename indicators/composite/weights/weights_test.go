package weights

import (
	"math"
	"testing"
)

func sum(w []float64) float64 {
	var s float64
	for _, v := range w {
		s += v
	}
	return s
}

func near(t *testing.T, name string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
			return
		}
	}
	if math.Abs(sum(got)-1) > 1e-12 {
		t.Errorf("%s sums to %v", name, sum(got))
	}
}

func TestByHand(t *testing.T) {
	near(t, "equal", Equal(4), []float64{0.25, 0.25, 0.25, 0.25})
	// three axes: the two indicators of axis 0 share a third
	near(t, "per axis", EqualPerAxis([]int{0, 0, 1, 2}), []float64{1.0 / 6, 1.0 / 6, 1.0 / 3, 1.0 / 3})
	w, err := Normalised([]float64{2, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "user", w, []float64{0.5, 0.25, 0.25})
	for _, bad := range [][]float64{{1, -1}, {0, 0}, {math.NaN(), 1}, {math.Inf(1), 1}} {
		if _, err := Normalised(bad); err == nil {
			t.Errorf("user weights %v accepted", bad)
		}
	}
}

// x1 and x2 correlate at 0.8, x3 is uncorrelated with both: the correlation matrix's
// first eigenvector is (1, 1, 0)/√2, eigenvalue 1.8, so the weights are ½, ½, 0.
func TestPCAByHand(t *testing.T) {
	cols := [][]float64{
		{-3, -1, 1, 3, math.NaN()},
		{-3, 1, -1, 3, 7},
		{1, -1, -1, 1, 2},
	}
	w, err := FromPCA(cols)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "pca", w, []float64{0.5, 0.5, 0})
	if _, err := FromPCA([][]float64{{1, 2, 3, 4}, {5, 5, 5, 5}}); err == nil {
		t.Error("PCA with a constant indicator accepted")
	}
	if _, err := FromPCA([][]float64{{1, 2}, {3, 4}}); err == nil {
		t.Error("PCA with 2 territories for 2 indicators accepted")
	}
}
