package offer

import "math"

// EarthRadius is the mean radius of the Earth in metres, (2a + b) / 3 of the WGS84
// ellipsoid (IUGG). On the sphere, distances in France are within 0.5 % of the
// ellipsoidal ones, far below what a commune centroid stands for.
const EarthRadius = 6371008.8

const degree = math.Pi / 180

// Haversine returns the great-circle distance in metres between two points given in
// WGS84 degrees, by the haversine formula, accurate for small distances too
// (the cosine formula loses digits below a few metres).
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	φ1, φ2 := lat1*degree, lat2*degree
	dφ, dλ := φ2-φ1, (lon2-lon1)*degree
	s1, s2 := math.Sin(dφ/2), math.Sin(dλ/2)
	h := s1*s1 + math.Cos(φ1)*math.Cos(φ2)*s2*s2
	return 2 * EarthRadius * math.Asin(math.Sqrt(math.Min(1, h)))
}
