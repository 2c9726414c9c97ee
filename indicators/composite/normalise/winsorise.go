package normalise

import (
	"fmt"
	"math"
	"sort"
)

// Winsorisation says when and how far to pull in outliers before normalising, the
// OECD/JRC Handbook rule as COINr applies it: while an indicator's skewness is beyond
// ±Skew AND its excess kurtosis beyond Kurtosis, the most extreme value on the side
// of the skew is set to the next value, up to MaxShare of the territories.
type Winsorisation struct {
	Enabled  bool    `json:"enabled"`
	Skew     float64 `json:"skew"`      // absolute skewness threshold, 2 by default
	Kurtosis float64 `json:"kurtosis"`  // excess kurtosis threshold, 3.5 by default
	MaxShare float64 `json:"max_share"` // at most this share of values changed, 0.05 by default
}

// DefaultWinsorisation holds the Handbook's thresholds, disabled.
var DefaultWinsorisation = Winsorisation{Skew: 2, Kurtosis: 3.5, MaxShare: 0.05}

// Validate rejects thresholds that would never stop or never start.
func (w Winsorisation) Validate() error {
	if !w.Enabled {
		return nil
	}
	if !(w.Skew > 0) || !(w.Kurtosis > 0) || !(w.MaxShare > 0 && w.MaxShare < 0.5) {
		return fmt.Errorf("winsorisation needs skew > 0, kurtosis > 0 and 0 < max_share < 0.5, got %g, %g, %g",
			w.Skew, w.Kurtosis, w.MaxShare)
	}
	return nil
}

// WinsorReport says what winsorising one column did, so the change can be shown.
type WinsorReport struct {
	Low, High int // number of values raised at the bottom / lowered at the top
	// LowCap and HighCap are the values the changed points were set to (NaN when none).
	LowCap, HighCap float64
	// Skew and Kurtosis after treatment (sample skewness and excess kurtosis, the
	// definitions of gonum's stat.Skew and stat.ExKurtosis and of Excel's SKEW/KURT).
	Skew, Kurtosis float64
	// StillOutside: the thresholds were still exceeded when MaxShare was reached.
	StillOutside bool
}

// Winsorise returns a copy of x with outliers pulled in according to w.
// Moments are kept as running sums so the whole treatment costs one sort.
func Winsorise(x []float64, w Winsorisation) ([]float64, WinsorReport) {
	out := append([]float64(nil), x...)
	rep := WinsorReport{LowCap: math.NaN(), HighCap: math.NaN()}
	sorted := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			sorted = append(sorted, v)
		}
	}
	n := len(sorted)
	if n < 4 {
		rep.Skew, rep.Kurtosis = math.NaN(), math.NaN()
		return out, rep
	}
	sort.Float64s(sorted)
	m := newMoments(sorted)
	maxChanged := int(w.MaxShare * float64(n))
	kLow, kHigh := 0, 0 // points already set to sorted[kLow] / sorted[n-1-kHigh]
	for {
		rep.Skew, rep.Kurtosis = m.skew(), m.exKurtosis()
		if !w.Enabled || !(math.Abs(rep.Skew) > w.Skew && rep.Kurtosis > w.Kurtosis) {
			break
		}
		if kLow+kHigh >= maxChanged || kLow+kHigh+2 >= n {
			rep.StillOutside = true
			break
		}
		if rep.Skew > 0 {
			// kHigh+1 points sit at sorted[n-1-kHigh]; move them all to the next value.
			m.move(float64(kHigh+1), sorted[n-1-kHigh], sorted[n-2-kHigh])
			kHigh++
		} else {
			m.move(float64(kLow+1), sorted[kLow], sorted[kLow+1])
			kLow++
		}
	}
	if kHigh > 0 {
		rep.HighCap = sorted[n-1-kHigh]
	}
	if kLow > 0 {
		rep.LowCap = sorted[kLow]
	}
	for i, v := range out {
		switch {
		case math.IsNaN(v):
		case kHigh > 0 && v > rep.HighCap:
			out[i] = rep.HighCap
			rep.High++
		case kLow > 0 && v < rep.LowCap:
			out[i] = rep.LowCap
			rep.Low++
		}
	}
	return out, rep
}

// moments keeps Σ(v−c)^p for p = 1…4 around a fixed centre c (the first mean), which
// keeps the raw sums small enough not to cancel.
type moments struct {
	n, c           float64
	s1, s2, s3, s4 float64
}

func newMoments(v []float64) *moments {
	m := &moments{n: float64(len(v))}
	for _, x := range v {
		m.c += x
	}
	m.c /= m.n
	for _, x := range v {
		m.add(1, x)
	}
	return m
}

func (m *moments) add(k, x float64) {
	d := x - m.c
	m.s1 += k * d
	m.s2 += k * d * d
	m.s3 += k * d * d * d
	m.s4 += k * d * d * d * d
}

// move shifts k points from value a to value b.
func (m *moments) move(k, a, b float64) {
	m.add(-k, a)
	m.add(k, b)
}

// central returns the population central moments μ2, μ3, μ4.
func (m *moments) central() (mu2, mu3, mu4 float64) {
	n := m.n
	d := m.s1 / n
	r2, r3, r4 := m.s2/n, m.s3/n, m.s4/n
	mu2 = r2 - d*d
	mu3 = r3 - 3*d*r2 + 2*d*d*d
	mu4 = r4 - 4*d*r3 + 6*d*d*r2 - 3*d*d*d*d
	return
}

// skew is gonum's stat.Skew: Σz³·n/((n−1)(n−2)) with z scaled by the sample sd.
func (m *moments) skew() float64 {
	n := m.n
	mu2, mu3, _ := m.central()
	if !(mu2 > 0) {
		return 0
	}
	sd := math.Sqrt(mu2 * n / (n - 1))
	return n * mu3 / (sd * sd * sd) * (n / (n - 1)) / (n - 2)
}

// exKurtosis is gonum's stat.ExKurtosis (Excel's KURT).
func (m *moments) exKurtosis() float64 {
	n := m.n
	mu2, _, mu4 := m.central()
	if !(mu2 > 0) {
		return 0
	}
	v := mu2 * n / (n - 1)
	e := n * mu4 / (v * v)
	mul := ((n + 1) / (n - 1)) * (n / (n - 2)) / (n - 3)
	offset := 3 * ((n - 1) / (n - 2)) * ((n - 1) / (n - 3))
	return e*mul - offset
}
