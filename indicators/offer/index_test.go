package offer

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomPoints draws n points in a box around metropolitan France (synthetic), with a
// few exact duplicates so ties are exercised.
func randomPoints(r *rand.Rand, n int) (lat, lon []float64) {
	lat, lon = make([]float64, n), make([]float64, n)
	for i := range n {
		if i > 10 && r.IntN(50) == 0 {
			j := r.IntN(i)
			lat[i], lon[i] = lat[j], lon[j]
			continue
		}
		lat[i] = 41.3 + r.Float64()*(51.1-41.3)
		lon[i] = -5.2 + r.Float64()*(9.6+5.2)
	}
	return lat, lon
}

func bruteNearest(lat, lon []float64, keep func(int) bool, qlat, qlon float64) (int, float64) {
	best, bestD := -1, math.Inf(1)
	for i := range lat {
		if keep != nil && !keep(i) {
			continue
		}
		if d := Haversine(qlat, qlon, lat[i], lon[i]); d < bestD {
			best, bestD = i, d
		}
	}
	return best, bestD
}

func TestNearestMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 17, 1000, 5000} {
		lat, lon := randomPoints(r, n)
		keep := func(i int) bool { return i%3 != 0 }
		for _, k := range []func(int) bool{nil, keep} {
			x := NewIndex(lat, lon, k)
			for q := range 500 {
				qlat, qlon := 40+r.Float64()*12, -6+r.Float64()*17
				if q%10 == 0 && n > 0 { // a query exactly on a point
					i := r.IntN(n)
					qlat, qlon = lat[i], lon[i]
				}
				gi, gd := x.Nearest(qlat, qlon)
				wi, wd := bruteNearest(lat, lon, k, qlat, qlon)
				if gi == -1 && wi == -1 {
					continue
				}
				// chord and haversine orders agree but for rounding: compare distances
				if math.Abs(gd-wd) > 1e-6 {
					t.Fatalf("n=%d query (%v, %v): index says %d at %v m, brute force %d at %v m", n, qlat, qlon, gi, gd, wi, wd)
				}
				if gi != wi && Haversine(qlat, qlon, lat[gi], lon[gi]) != wd {
					t.Fatalf("n=%d: tie broken to %d, want the lowest index %d", n, gi, wi)
				}
			}
		}
	}
}

func TestNearestTiesAndMissing(t *testing.T) {
	nan := math.NaN()
	lat := []float64{nan, 47, 47, 46}
	lon := []float64{3, 3, 3, nan}
	x := NewIndex(lat, lon, nil)
	if x.Len() != 2 {
		t.Errorf("indexed %d points, want 2 (NaN left out)", x.Len())
	}
	if i, d := x.Nearest(47, 3); i != 1 || d != 0 {
		t.Errorf("tie: %d at %v, want the lowest index 1 at 0", i, d)
	}
	if i, d := x.Nearest(nan, 3); i != -1 || !math.IsInf(d, 1) {
		t.Errorf("NaN query: %d %v", i, d)
	}
	if i, d := NewIndex(nil, nil, nil).Nearest(47, 3); i != -1 || !math.IsInf(d, 1) {
		t.Errorf("empty index: %d %v", i, d)
	}
}

func TestWithinMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	lat, lon := randomPoints(r, 3000)
	x := NewIndex(lat, lon, nil)
	for range 300 {
		i := r.IntN(len(lat))
		radius := []float64{0, 50, 5000, 30000}[r.IntN(4)]
		got := x.Within(lat[i], lon[i], radius)
		var want []int
		for j := range lat {
			if Haversine(lat[i], lon[i], lat[j], lon[j]) <= radius {
				want = append(want, j)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("within %v m of %d: %v, want %v", radius, i, got, want)
		}
	}
}

// BenchmarkNearest35000x20000 times the nearest-place search of the whole country:
// 35,000 commune points against 20,000 places (synthetic, uniform over metropolitan
// France), one op = every commune's query, the index built beforehand.
func BenchmarkNearest35000x20000(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	plat, plon := randomPoints(r, 20000)
	clat, clon := randomPoints(r, 35000)
	x := NewIndex(plat, plon, nil)
	b.ResetTimer()
	for b.Loop() {
		for i := range clat {
			x.Nearest(clat[i], clon[i])
		}
	}
}

// BenchmarkNewIndex20000 times building the index of 20,000 places.
func BenchmarkNewIndex20000(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	plat, plon := randomPoints(r, 20000)
	for b.Loop() {
		NewIndex(plat, plon, nil)
	}
}

// BenchmarkBruteForce1000x20000 is the naive search for comparison, on 1,000
// communes only: multiply by 35 for the country.
func BenchmarkBruteForce1000x20000(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	plat, plon := randomPoints(r, 20000)
	clat, clon := randomPoints(r, 1000)
	for b.Loop() {
		for i := range clat {
			bruteNearest(plat, plon, nil, clat[i], clon[i])
		}
	}
}

// BenchmarkCompute35000x20000 times Compute: counting 20,000 places in 35,000
// communes and the five nearest-place searches (all places and each lever) of every
// commune, indexes included.
func BenchmarkCompute35000x20000(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	plat, plon := randomPoints(r, 20000)
	clat, clon := randomPoints(r, 35000)
	c := Communes{Codes: make([]string, len(clat)), Population: make([]float64, len(clat)), Lat: clat, Lon: clon}
	for i := range c.Codes {
		c.Codes[i] = string(rune('A'+i%26)) + itoa5(i)
		c.Population[i] = 1000
	}
	places := make([]Place, len(plat))
	for k := range places {
		places[k] = Place{Commune: c.Codes[r.IntN(len(c.Codes))], Lat: plat[k], Lon: plon[k], HoursPerWeek: 20}
		places[k].Levers[r.IntN(int(NumLevers))] = true
	}
	for b.Loop() {
		Compute(c, places, Params{})
	}
}

func itoa5(i int) string {
	b := []byte("00000")
	for k := 4; k >= 0 && i > 0; k-- {
		b[k] = byte('0' + i%10)
		i /= 10
	}
	return string(b)
}
