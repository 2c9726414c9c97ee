package places

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/indicators/offer"
)

// consistencyDistance bounds, in metres, how far coordinates may be from the
// nearest commune of their postal code's département: farther, one of the two is
// wrong (a default geocode, a postal code of another place) and the place is not
// located by its coordinates.
const consistencyDistance = 20000

// locator finds communes by name and by position in a geography. Building it
// takes a tenth of a second, so one is kept per geography (a Geography is
// read-only).
type locator struct {
	g    *geo.Geography
	once sync.Once
	mu   sync.Mutex // guards byDep
	// communes with a centroid, and their points
	codes    []string
	deps     []string
	lat, lon []float64
	all      *offer.Index
	byDep    map[string]*offer.Index
	// names: département → normName → communes holding that name
	names map[string]map[string][]string
}

var locators sync.Map // *geo.Geography → *locator

func newLocator(g *geo.Geography) *locator {
	l, _ := locators.LoadOrStore(g, &locator{g: g})
	return l.(*locator)
}

func (l *locator) init() {
	l.once.Do(func() {
		l.byDep = map[string]*offer.Index{}
		l.names = map[string]map[string][]string{}
		for _, c := range l.g.Communes() {
			for _, n := range l.g.CommuneNames(c.Code) {
				byName := l.names[c.Departement]
				if byName == nil {
					byName = map[string][]string{}
					l.names[c.Departement] = byName
				}
				k := nameKey(n)
				if !slices.Contains(byName[k], c.Code) {
					byName[k] = append(byName[k], c.Code)
				}
			}
			if lat, lon, ok := l.g.Centroid(c.Code); ok {
				l.codes = append(l.codes, c.Code)
				l.deps = append(l.deps, c.Departement)
				l.lat = append(l.lat, lat)
				l.lon = append(l.lon, lon)
			}
		}
		l.all = offer.NewIndex(l.lat, l.lon, nil)
	})
}

func (l *locator) depIndex(dep string) *offer.Index {
	l.mu.Lock()
	defer l.mu.Unlock()
	if x, ok := l.byDep[dep]; ok {
		return x
	}
	x := offer.NewIndex(l.lat, l.lon, func(i int) bool { return l.deps[i] == dep })
	l.byDep[dep] = x
	return x
}

// postalDepartements returns the départements a postal code belongs to: those of
// the communes it serves, else those its first digits say (20 is both Corsicas,
// 97x and 98x overseas).
func (l *locator) postalDepartements(cp string) []string {
	var deps []string
	for _, code := range l.g.CommunesByPostalCode(cp) {
		if c, ok := l.g.Commune(code); ok && !slices.Contains(deps, c.Departement) {
			deps = append(deps, c.Departement)
		}
	}
	if len(deps) > 0 {
		slices.Sort(deps)
		return deps
	}
	switch {
	case strings.HasPrefix(cp, "20"):
		return []string{"2A", "2B"}
	case strings.HasPrefix(cp, "97"), strings.HasPrefix(cp, "98"):
		return []string{cp[:3]}
	}
	return []string{cp[:2]}
}

// locate sets the candidate's commune and how it was found, or returns why it
// cannot be located. The INSEE code, already resolved, wins; then the postal code
// with the commune name; then the coordinates.
func (l *locator) locate(c *candidate, insee string, repaired bool, f *fileState, a at) string {
	if insee != "" {
		c.code, c.located = insee, ByINSEE
		if repaired {
			c.located = ByINSEERepaired
		}
		return ""
	}
	l.init()
	var tried []string
	name, key := normName(c.commune), nameKey(c.commune)
	if c.postal != "" && name != "" {
		var match []string
		for _, code := range l.g.CommunesByPostalCode(c.postal) {
			for _, n := range l.g.CommuneNames(code) {
				if nameKey(n) == key && !slices.Contains(match, code) {
					match = append(match, code)
				}
			}
		}
		if len(match) == 1 {
			c.code, c.located = match[0], ByPostalName
			return ""
		}
		if len(match) == 0 {
			if code, full, ok := l.prefixMatch(c.postal, name); ok {
				c.code, c.located = code, ByPostalName
				f.add(problem.Note, "located-by-name", a, "", fmt.Sprintf("commune %q taken as %s (%s), the only commune of postal code %s whose name begins or is begun by it",
					clip(c.commune), code, full, c.postal))
				return ""
			}
		}
		var inDep []string
		deps := l.postalDepartements(c.postal)
		if len(match) == 0 {
			for _, d := range deps {
				inDep = append(inDep, l.names[d][key]...)
			}
		}
		switch {
		case len(inDep) == 1:
			c.code, c.located = inDep[0], ByPostalName
			why := fmt.Sprintf("postal code %s serves no commune named %q", c.postal, clip(c.commune))
			if len(l.g.CommunesByPostalCode(c.postal)) == 0 {
				why = fmt.Sprintf("postal code %s is none the geography knows (a CEDEX code?)", c.postal)
			}
			f.add(problem.Note, "located-by-name", a, "", fmt.Sprintf("%s; the only commune of that name in département %s is used: %s",
				why, strings.Join(deps, "/"), inDep[0]))
			return ""
		case len(match) > 1 || len(inDep) > 1:
			tried = append(tried, fmt.Sprintf("postal code %s and commune %q fit several communes (%s)", c.postal, clip(c.commune), strings.Join(append(match, inDep...), ", ")))
		default:
			tried = append(tried, fmt.Sprintf("no commune named %q has postal code %s or is in département %s", clip(c.commune), c.postal, strings.Join(deps, "/")))
		}
	}
	if math.IsNaN(c.lat) {
		switch {
		case len(tried) > 0:
		case c.postal == "" && name == "":
			tried = append(tried, "no code_insee, postal code, commune name nor coordinates")
		case c.postal == "":
			tried = append(tried, "no valid code_insee nor postal code, and no coordinates")
		default:
			tried = append(tried, "no valid code_insee nor commune name, and no coordinates")
		}
		return strings.Join(tried, "; ")
	}
	if l.all.Len() == 0 {
		return strings.Join(append(tried, fmt.Sprintf("the geography (%s) has no commune centroids, so coordinates cannot be used", l.g.Vintage)), "; ")
	}
	i, d := l.all.Nearest(c.lat, c.lon)
	if d > f.rd.opt.MaxDistance {
		return strings.Join(append(tried, fmt.Sprintf("coordinates %v, %v are %.0f km from the nearest commune centroid: outside the geography, or wrong", c.lat, c.lon, d/1000)), "; ")
	}
	if c.postal != "" {
		best, bestD, bestDep := -1, math.Inf(1), ""
		for _, dep := range l.postalDepartements(c.postal) {
			if j, dd := l.depIndex(dep).Nearest(c.lat, c.lon); j >= 0 && dd < bestD {
				best, bestD, bestDep = j, dd, dep
			}
		}
		if best >= 0 && bestD > consistencyDistance && l.deps[i] != bestDep {
			return strings.Join(append(tried, fmt.Sprintf("coordinates %v, %v are in département %s, %.0f km from département %s of postal code %s: one of them is wrong",
				c.lat, c.lon, l.deps[i], bestD/1000, bestDep, c.postal)), "; ")
		}
	}
	c.code, c.located, c.approx = l.codes[i], ByCoordinates, true
	f.add(problem.Note, "located-by-coordinates", a, "", fmt.Sprintf("located in %s, the commune whose centroid is nearest to %v, %v (%.1f km; approximate)%s",
		c.code, c.lat, c.lon, d/1000, reason(tried)))
	return ""
}

// prefixMatch finds the one commune of a postal code whose name (or one of its
// names) begins with the given name word for word, or begins it: "Chamonix" is
// Chamonix-Mont-Blanc, "Sciez-sur-Léman" is Sciez.
func (l *locator) prefixMatch(cp, name string) (code, full string, ok bool) {
	for _, cand := range l.g.CommunesByPostalCode(cp) {
		for _, n := range l.g.CommuneNames(cand) {
			k := normName(n)
			if strings.HasPrefix(k+" ", name+" ") || strings.HasPrefix(name+" ", k+" ") {
				if code != "" && code != cand {
					return "", "", false
				}
				code, full = cand, n
				break
			}
		}
	}
	return code, full, code != ""
}

func reason(tried []string) string {
	if len(tried) == 0 {
		return ""
	}
	return ": " + strings.Join(tried, "; ")
}
