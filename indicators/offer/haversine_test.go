package offer

import (
	"math"
	"testing"
)

// TestHaversineNeversParis checks the formula against a case worked by hand.
//
// Nevers town hall (46.98779 N, 3.15919 E) to Notre-Dame de Paris (48.85296 N,
// 2.34998 E):
//
//	φ1 = 46.98779° = 0.8200916 rad, φ2 = 48.85296° = 0.8526450 rad
//	Δφ = 0.0325534 rad, Δλ = −0.80921° = −0.0141234 rad
//	sin²(Δφ/2) = 0.0162760² = 2.64907e-4
//	cos φ1 · cos φ2 · sin²(Δλ/2) = 0.6821542 × 0.6579937 × 0.0070616² = 2.23828e-5
//	h = 2.87290e-4, √h = 0.0169496, asin √h = 0.0169504 rad
//	d = 2 × 6,371,008.8 m × 0.0169504 = 215,983 m
//
// about 216 km, as a map's ruler says (the road is 236 km).
func TestHaversineNeversParis(t *testing.T) {
	d := Haversine(46.98779, 3.15919, 48.85296, 2.34998)
	if math.Abs(d-215983) > 1 {
		t.Errorf("Nevers–Paris: %.1f m, want 215,983 ± 1 m", d)
	}
	if back := Haversine(48.85296, 2.34998, 46.98779, 3.15919); back != d {
		t.Errorf("not symmetric: %v and %v", d, back)
	}
}

func TestHaversineExact(t *testing.T) {
	for _, c := range []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"same point", 46.98779, 3.15919, 46.98779, 3.15919, 0},
		{"one degree of meridian", 45, 3, 46, 3, EarthRadius * math.Pi / 180},
		{"one degree of equator", 0, 179.5, 0, -179.5, EarthRadius * math.Pi / 180},
		{"antipodes", 45, 0, -45, 180, EarthRadius * math.Pi},
		{"pole to pole", 90, 0, -90, 0, EarthRadius * math.Pi},
	} {
		if got := Haversine(c.lat1, c.lon1, c.lat2, c.lon2); math.Abs(got-c.want) > 1e-6 {
			t.Errorf("%s: %.9f m, want %.9f m", c.name, got, c.want)
		}
	}
}
