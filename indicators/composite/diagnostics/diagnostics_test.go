package diagnostics

import (
	"math"
	"testing"
)

func TestPCAByHand(t *testing.T) {
	// r(x1, x2) = 16/20 = 0.8; x3 uncorrelated with both. Eigenvalues 1.8, 1, 0.2.
	in := Input{IDs: []string{"x1", "x2", "x3"}, Axis: []string{"a", "a", "b"},
		Cols: [][]float64{{-3, -1, 1, 3}, {-3, 1, -1, 3}, {1, -1, -1, 1}}}
	rep := Analyse(in, DefaultOptions)
	if rep.PCA.Missing != "" || rep.PCA.N != 4 {
		t.Fatalf("PCA %+v", rep.PCA)
	}
	c := rep.PCA.Components
	wantVar := []float64{1.8, 1, 0.2}
	for k, v := range wantVar {
		if math.Abs(c[k].Variance-v) > 1e-9 || math.Abs(c[k].Share-v/3) > 1e-9 {
			t.Errorf("component %d: variance %v share %v, want %v and %v", k+1, c[k].Variance, c[k].Share, v, v/3)
		}
	}
	load := math.Sqrt(0.9) // (1/√2)·√1.8
	want := []float64{load, load, 0}
	for i, w := range want {
		if math.Abs(c[0].Loadings[i]-w) > 1e-9 {
			t.Errorf("loadings %v, want %v", c[0].Loadings, want)
		}
	}
	m := rep.Matrix()
	if math.Abs(m[0][1]-0.8) > 1e-12 || math.Abs(m[0][2]) > 1e-12 || m[2][2] != 1 {
		t.Errorf("correlation matrix %v", m)
	}
	if len(rep.Warnings) != 0 {
		t.Errorf("warnings %v", rep.Warnings)
	}
}

func TestWarnings(t *testing.T) {
	in := Input{
		IDs:   []string{"x1", "twice", "const", "against", "alone"},
		Axis:  []string{"a", "a", "a", "a", "b"},
		Group: []string{"g", "g", "g", "g", "g"},
		Cols: [][]float64{
			{1, 2, 3, 4, 5},
			{3, 5, 7, 9, 11.5}, // almost 2·x1 + 1
			{7, 7, 7, 7, 7},
			{5, 3, 4, 2, 1},   // falls when the others rise
			{9, 7, 8, 6, 5.5}, // alone in axis b: compared with group g, against it too
		},
	}
	rep := Analyse(in, DefaultOptions)
	got := map[string]bool{}
	for _, w := range rep.Warnings {
		key := w.Kind
		for _, id := range w.Indicators {
			key += " " + id
		}
		got[key] = true
	}
	for _, want := range []string{"constant const", "collinear x1 twice", "against-axis against", "against-axis alone"} {
		if !got[want] {
			t.Errorf("missing warning %q in %v", want, rep.Warnings)
		}
	}
	if got["against-axis x1"] {
		t.Errorf("x1 flagged against its axis: %v", rep.Warnings)
	}
	if rep.PCA.Missing == "" {
		t.Error("PCA over a constant indicator should be reported missing")
	}
	for _, c := range rep.Correlations {
		if (c.A == "const" || c.B == "const") && c.Missing == "" {
			t.Errorf("correlation with a constant: %+v", c)
		}
	}
}
