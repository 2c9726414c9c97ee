package offer

import (
	"cmp"
	"math"
	"slices"
)

// Index finds the nearest of a set of points exactly. Points are placed on the unit
// sphere as 3-D vectors, where the straight-line (chord) distance grows with the
// great-circle distance, and kept in a k-d tree: a query visits the cells that may
// hold a closer point than the best found so far and no others, so the answer is
// the true nearest point, not an approximation, with no trouble at the poles or
// the antimeridian. Building is O(n log² n), a query about O(log n).
type Index struct {
	nodes []node // the tree, implicit: node (lo+hi)/2 of [lo, hi) splits it
	lat   []float64
	lon   []float64
}

type node struct {
	v    [3]float64
	id   int32 // index of the point in the slices given to NewIndex
	axis uint8
}

// NewIndex indexes the points (lat[i], lon[i]) in WGS84 degrees for which keep(i) is
// true (every point when keep is nil). Points with a NaN or infinite coordinate are
// left out. The index keeps lat and lon: do not modify them afterwards.
func NewIndex(lat, lon []float64, keep func(i int) bool) *Index {
	x := &Index{lat: lat, lon: lon}
	for i := range lat {
		if (keep != nil && !keep(i)) || !finite(lat[i]) || !finite(lon[i]) {
			continue
		}
		x.nodes = append(x.nodes, node{v: unit(lat[i], lon[i]), id: int32(i)})
	}
	x.build(0, len(x.nodes))
	return x
}

// Len is the number of points indexed.
func (x *Index) Len() int { return len(x.nodes) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func unit(lat, lon float64) [3]float64 {
	φ, λ := lat*degree, lon*degree
	return [3]float64{math.Cos(φ) * math.Cos(λ), math.Cos(φ) * math.Sin(λ), math.Sin(φ)}
}

// build splits [lo, hi) on its widest axis at the median, recursively.
func (x *Index) build(lo, hi int) {
	if hi-lo <= 1 {
		return
	}
	var min, max [3]float64
	for a := range 3 {
		min[a], max[a] = math.Inf(1), math.Inf(-1)
	}
	for _, n := range x.nodes[lo:hi] {
		for a := range 3 {
			min[a] = math.Min(min[a], n.v[a])
			max[a] = math.Max(max[a], n.v[a])
		}
	}
	axis := 0
	for a := 1; a < 3; a++ {
		if max[a]-min[a] > max[axis]-min[axis] {
			axis = a
		}
	}
	slices.SortFunc(x.nodes[lo:hi], func(a, b node) int {
		if c := cmp.Compare(a.v[axis], b.v[axis]); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	mid := (lo + hi) / 2
	x.nodes[mid].axis = uint8(axis)
	x.build(lo, mid)
	x.build(mid+1, hi)
}

// Nearest returns the index (into the slices given to NewIndex) of the point nearest
// to (lat, lon) and its distance in metres (Haversine); the lowest index among
// points at the same distance. It returns -1 and +Inf when the index is empty or the
// query is not a finite point.
func (x *Index) Nearest(lat, lon float64) (index int, metres float64) {
	if len(x.nodes) == 0 || !finite(lat) || !finite(lon) {
		return -1, math.Inf(1)
	}
	s := search{q: unit(lat, lon), best: math.Inf(1), id: -1}
	x.nearest(&s, 0, len(x.nodes))
	return int(s.id), Haversine(lat, lon, x.lat[s.id], x.lon[s.id])
}

type search struct {
	q    [3]float64
	best float64 // squared chord distance of the best point so far
	id   int32
}

func (x *Index) nearest(s *search, lo, hi int) {
	for hi > lo {
		mid := (lo + hi) / 2
		n := &x.nodes[mid]
		d := dist2(s.q, n.v)
		if d < s.best || (d == s.best && n.id < s.id) {
			s.best, s.id = d, n.id
		}
		if hi-lo == 1 {
			return
		}
		diff := s.q[n.axis] - n.v[n.axis]
		nearLo, nearHi, farLo, farHi := lo, mid, mid+1, hi
		if diff > 0 {
			nearLo, nearHi, farLo, farHi = mid+1, hi, lo, mid
		}
		x.nearest(s, nearLo, nearHi)
		// The far side can hold a closer point (or an equally close one with a
		// lower index) only if the splitting plane is within the best distance.
		if diff*diff > s.best {
			return
		}
		lo, hi = farLo, farHi
	}
}

func dist2(a, b [3]float64) float64 {
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return dx*dx + dy*dy + dz*dz
}

// Within returns the indices of the points at most metres away from (lat, lon)
// (Haversine), sorted.
func (x *Index) Within(lat, lon, metres float64) []int {
	if len(x.nodes) == 0 || !finite(lat) || !finite(lon) || !(metres >= 0) {
		return nil
	}
	// chord of the arc, with a margin for rounding: the Haversine check decides
	c := 2 * math.Sin(math.Min(metres/EarthRadius, math.Pi)/2)
	var out []int
	x.within(unit(lat, lon), c*c*(1+1e-9)+1e-15, 0, len(x.nodes), func(id int32) {
		if Haversine(lat, lon, x.lat[id], x.lon[id]) <= metres {
			out = append(out, int(id))
		}
	})
	slices.Sort(out)
	return out
}

func (x *Index) within(q [3]float64, r2 float64, lo, hi int, found func(int32)) {
	for hi > lo {
		mid := (lo + hi) / 2
		n := &x.nodes[mid]
		if dist2(q, n.v) <= r2 {
			found(n.id)
		}
		diff := q[n.axis] - n.v[n.axis]
		if diff <= 0 || diff*diff <= r2 {
			x.within(q, r2, lo, mid, found)
		}
		if diff < 0 && diff*diff > r2 {
			return
		}
		lo = mid + 1
	}
}
