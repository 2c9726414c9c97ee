// Package synth builds synthetic, seeded indicator tables shaped like the kit's
// (eleven indicators, four axes, two groups, a reference row), for property tests and
// benchmarks that need more territories than any real fixture holds.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/diagnum/diagnum/indicators/composite"
)

// Table returns n communes with plausible kit indicators drawn from a seeded
// generator, a common France reference (the column means) and, every missing share
// > 0, that share of poverty rates missing with a parent (one per 50 communes).
func Table(n int, seed uint64, missing float64) composite.Table {
	rng := rand.New(rand.NewPCG(seed, 7))
	t := composite.Table{Level: "commune", Indicators: composite.KitIndicators(),
		Axes: composite.KitAxes(), Groups: composite.KitGroups()}
	p := len(t.Indicators)
	sum := make([]float64, p)
	nParents := (n + 49) / 50
	t.Parent = composite.Related{Level: composite.RefDepartement, Of: make([]int, n)}
	for d := range nParents {
		t.Parent.Codes = append(t.Parent.Codes, fmt.Sprintf("D%03d", d))
		row := make([]float64, p)
		for i := range row {
			row[i] = math.NaN()
		}
		row[2] = 0.10 + 0.08*rng.Float64()
		t.Parent.Values = append(t.Parent.Values, row)
	}
	for k := range n {
		t.Codes = append(t.Codes, fmt.Sprintf("%05d", 1000+k*7%99991))
		common := rng.NormFloat64() // a latent fragility shared by the indicators
		share := func(mean, sd float64) float64 {
			return math.Min(1, math.Max(0, mean+sd*(0.6*common+0.8*rng.NormFloat64())))
		}
		row := []float64{
			math.Min(1, 0.9+0.1*rng.Float64()),                       // fixed coverage
			math.Min(1, 0.95+0.06*rng.Float64()),                     // 2G coverage
			share(0.13, 0.04),                                        // poverty
			math.Max(9000, 21000-3000*common+2500*rng.NormFloat64()), // income
			share(0.12, 0.05),                                        // single-parent
			share(0.30, 0.08),                                        // one person
			math.Max(0, 0.0004+0.0003*rng.NormFloat64()),             // public services / inhabitant
			share(0.10, 0.03),                                        // unemployed
			share(0.15, 0.03),                                        // 15-29
			share(0.22, 0.06),                                        // 65+
			share(0.25, 0.07),                                        // low education
		}
		t.Parent.Of[k] = k / 50
		if missing > 0 && rng.Float64() < missing {
			row[2] = math.NaN()
		}
		for i, v := range row {
			if !math.IsNaN(v) {
				sum[i] += v
			}
		}
		t.Values = append(t.Values, row)
	}
	ref := make([]float64, p)
	for i := range ref {
		ref[i] = sum[i] / float64(n)
	}
	t.Reference = composite.Related{Level: composite.RefFrance, Codes: []string{"FR"}, Values: [][]float64{ref}}
	return t
}
