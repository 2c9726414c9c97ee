package normalise

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
)

var nan = math.NaN()

func close(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && math.Abs(got[i]-want[i]) > 1e-9) {
			t.Errorf("%s[%d] = %v, want %v", name, i, got[i], want[i])
		}
	}
}

func TestByHand(t *testing.T) {
	x := []float64{2, 4, 6, nan, 8}
	sd := math.Sqrt(20.0 / 3) // sample sd of 2, 4, 6, 8 around 5
	tests := []struct {
		name string
		got  []float64
		want []float64
	}{
		{"z +1", ZScores(x, 1), []float64{-3 / sd, -1 / sd, 1 / sd, nan, 3 / sd}},
		{"z -1", ZScores(x, -1), []float64{3 / sd, 1 / sd, -1 / sd, nan, -3 / sd}},
		{"z constant", ZScores([]float64{3, 3, nan}, 1), []float64{0, 0, nan}},
		{"min-max +1", MinMaxScale(x, 1, DefaultScale), []float64{0, 100.0 / 3, 200.0 / 3, nan, 100}},
		{"min-max -1", MinMaxScale(x, -1, DefaultScale), []float64{100, 200.0 / 3, 100.0 / 3, nan, 0}},
		{"min-max 1..100", MinMaxScale(x, 1, Scale{1, 100}), []float64{1, 34, 67, nan, 100}},
		{"min-max constant", MinMaxScale([]float64{3, 3}, 1, DefaultScale), []float64{50, 50}},
		{"percentile +1", PercentileRanks(x, 1), []float64{12.5, 37.5, 62.5, nan, 87.5}},
		{"percentile -1", PercentileRanks(x, -1), []float64{87.5, 62.5, 37.5, nan, 12.5}},
		// ties: 1, 1, 2 → (0 + 2/2)/3 and (2 + 1/2)/3
		{"percentile ties", PercentileRanks([]float64{1, 2, 1}, 1), []float64{100.0 / 3, 250.0 / 3, 100.0 / 3}},
		{"percentile ties -1", PercentileRanks([]float64{1, 2, 1}, -1), []float64{200.0 / 3, 50.0 / 3, 200.0 / 3}},
		{"reference +1", ToReference(x, 1, []float64{4, 4, 4, 4, 4}), []float64{50, 100, 150, nan, 200}},
		{"reference -1", ToReference(x, -1, []float64{4, 4, 4, 4, 4}), []float64{150, 100, 50, nan, 0}},
		{"reference per territory", ToReference(x, 1, []float64{1, 8, 0, 4, nan}), []float64{200, 50, nan, nan, nan}},
		{"goalposts +1", GoalpostScale([]float64{2, 4, -1, 12, nan}, 1, Goalpost{Low: 0, High: 10}, DefaultScale),
			[]float64{20, 40, 0, 100, nan}},
		{"goalposts -1", GoalpostScale([]float64{2, 4, -1, 12}, -1, Goalpost{Low: 0, High: 10}, DefaultScale),
			[]float64{80, 60, 100, 0}},
	}
	for _, tc := range tests {
		close(t, tc.name, tc.got, tc.want)
	}
}

func TestWinsoriseByHand(t *testing.T) {
	x := []float64{nan}
	for v := 1.0; v <= 19; v++ {
		x = append(x, v)
	}
	x = append(x, 1000) // one outlier: skew ≈ 4.5, kurtosis ≈ 20
	w := Winsorisation{Enabled: true, Skew: 2, Kurtosis: 3.5, MaxShare: 0.1}
	out, rep := Winsorise(x, w)
	if rep.High != 1 || rep.Low != 0 || rep.HighCap != 19 || rep.StillOutside {
		t.Fatalf("report %+v, want the 1000 lowered to 19 and nothing else", rep)
	}
	if out[20] != 19 || !math.IsNaN(out[0]) || out[1] != 1 || x[20] != 1000 {
		t.Errorf("winsorised %v (input must stay untouched)", out)
	}
	present := out[1:]
	if math.Abs(rep.Skew-stat.Skew(present, nil)) > 1e-9 || math.Abs(rep.Kurtosis-stat.ExKurtosis(present, nil)) > 1e-9 {
		t.Errorf("moments %v %v, gonum %v %v", rep.Skew, rep.Kurtosis, stat.Skew(present, nil), stat.ExKurtosis(present, nil))
	}
	// Capped at MaxShare: two outliers, one change allowed.
	x2 := append(append([]float64(nil), x[1:20]...), 1000, 2000)
	_, rep = Winsorise(x2, Winsorisation{Enabled: true, Skew: 2, Kurtosis: 3.5, MaxShare: 0.05})
	if rep.High != 1 || rep.HighCap != 1000 || !rep.StillOutside {
		t.Errorf("capped report %+v, want one change and still outside", rep)
	}
	// Disabled: nothing changes, moments still reported.
	out, rep = Winsorise(x, DefaultWinsorisation)
	if rep.High != 0 || out[20] != 1000 || !(rep.Skew > 2) {
		t.Errorf("disabled: %+v", rep)
	}
	// Left skew: the bottom is raised.
	neg := make([]float64, len(x2))
	for i, v := range x2 {
		neg[i] = -v
	}
	_, rep = Winsorise(neg, Winsorisation{Enabled: true, Skew: 2, Kurtosis: 3.5, MaxShare: 0.2})
	if rep.Low != 2 || rep.High != 0 || rep.LowCap != -19 {
		t.Errorf("left skew report %+v", rep)
	}
}

func TestRunningMomentsMatchGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		x := make([]float64, 10+trial*7)
		for i := range x {
			x[i] = 20000 + 5000*rng.ExpFloat64()
		}
		m := newMoments(x)
		if d := math.Abs(m.skew() - stat.Skew(x, nil)); d > 1e-9 {
			t.Errorf("skew differs by %g", d)
		}
		if d := math.Abs(m.exKurtosis() - stat.ExKurtosis(x, nil)); d > 1e-9 {
			t.Errorf("kurtosis differs by %g", d)
		}
	}
}
