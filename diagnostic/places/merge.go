package places

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/indicators/offer"
)

// pair is two candidates of different lists that may be one place.
type pair struct {
	i, j   int
	byName bool    // same name and address in the same commune
	dist   float64 // metres between their coordinates, 0 when byName
}

// merge counts once the places found in several lists: same name and address in
// the same commune, or coordinates within Options.MergeDistance. Records of one list
// are never merged together (two places of a list are two places, however close),
// so a merged place holds at most one record of each list. Pairs are taken the
// closest first, same name and address before any distance, so a record joins its
// nearest match. The merged place takes its fields from its earliest record (lists
// in the order given, then rows), its commune from the record located most surely,
// and the union of the levers and programmes of all.
func (rd *reader) merge() ([]Place, int) {
	cs := rd.cands
	var pairs []pair
	byKey := map[string][]int{}
	for i, c := range cs {
		if c.name == "" || c.address == "" {
			continue
		}
		k := normText(c.name) + "\x00" + normText(c.address) + "\x00" + c.code
		byKey[k] = append(byKey[k], i)
	}
	for _, group := range byKey {
		for x, i := range group {
			for _, j := range group[x+1:] {
				if cs[i].file != cs[j].file {
					pairs = append(pairs, pair{i: i, j: j, byName: true})
				}
			}
		}
	}
	lat, lon := make([]float64, len(cs)), make([]float64, len(cs))
	for i, c := range cs {
		lat[i], lon[i] = c.lat, c.lon
	}
	x := offer.NewIndex(lat, lon, nil)
	for i, c := range cs {
		if math.IsNaN(c.lat) {
			continue
		}
		for _, j := range x.Within(c.lat, c.lon, rd.opt.MergeDistance) {
			if j > i && cs[j].file != c.file {
				pairs = append(pairs, pair{i: i, j: j, dist: offer.Haversine(c.lat, c.lon, cs[j].lat, cs[j].lon)})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		switch {
		case a.byName != b.byName:
			if a.byName {
				return -1
			}
			return 1
		case a.dist != b.dist:
			return cmp.Compare(a.dist, b.dist)
		case a.i != b.i:
			return cmp.Compare(a.i, b.i)
		}
		return cmp.Compare(a.j, b.j)
	})

	root := make([]int, len(cs))
	files := make([]map[int]bool, len(cs))
	for i, c := range cs {
		root[i] = i
		files[i] = map[int]bool{c.file: true}
	}
	find := func(i int) int {
		for root[i] != i {
			root[i] = root[root[i]]
			i = root[i]
		}
		return i
	}
	merged := 0
	for _, p := range pairs {
		ri, rj := find(p.i), find(p.j)
		if ri == rj {
			continue
		}
		clash := false
		for f := range files[rj] {
			if files[ri][f] {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		if rj < ri {
			ri, rj = rj, ri
		}
		root[rj] = ri
		for f := range files[rj] {
			files[ri][f] = true
		}
		merged++
		// report on the record that joins an earlier one
		early, late := cs[p.i], cs[p.j]
		if p.j < p.i {
			early, late = late, early
		}
		why := "same name and address"
		if !p.byName {
			why = fmt.Sprintf("%.0f m apart", p.dist)
		}
		f := rd.files[late.file]
		f.add(problem.Note, "merged", late.at, "", fmt.Sprintf("same place as %s (%s): counted once", early.where, why))
	}

	members := map[int][]int{}
	var roots []int
	for i := range cs {
		r := find(i)
		if r == i {
			roots = append(roots, i)
		} else {
			cs[i].mergedInto = r
		}
		members[r] = append(members[r], i)
	}
	rank := map[string]int{ByINSEE: 0, ByINSEERepaired: 1, ByPostalName: 2, ByCoordinates: 3}
	places := make([]Place, 0, len(roots))
	for _, r := range roots {
		first := cs[r]
		p := Place{ID: first.id, Name: first.name, Address: first.address, PostalCode: first.postal, CommuneName: first.commune,
			Lat: math.NaN(), Lon: math.NaN(), Itinerant: first.itinerant, HoursPerWeek: math.NaN()}
		best := first
		var levers [offer.NumLevers]bool
		var progs [][]string
		for _, m := range members[r] {
			c := cs[m]
			if rank[c.located] < rank[best.located] {
				best = c
			}
			if math.IsNaN(p.Lat) && !math.IsNaN(c.lat) {
				p.Lat, p.Lon = c.lat, c.lon
			}
			if math.IsNaN(p.HoursPerWeek) && !math.IsNaN(c.hours) {
				p.HoursPerWeek = c.hours
			}
			for l, has := range c.levers {
				levers[l] = levers[l] || has
			}
			progs = append(progs, c.programmes)
			p.Sources = append(p.Sources, c.where)
		}
		p.Commune, p.Located, p.Approximate = best.code, best.located, best.approx
		p.Levers = leverIDs(levers)
		p.Programmes = programmeUnion(progs...)
		places = append(places, p)
	}
	slices.SortFunc(places, func(a, b Place) int {
		return cmp.Or(cmp.Compare(a.Commune, b.Commune), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Sources[0], b.Sources[0]))
	})
	return places, merged
}
