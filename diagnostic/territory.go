package diagnostic

import (
	"fmt"
	"sort"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/diagnum/diagnum/indicators"
)

// levelNames are the French labels of the levels, in report order.
var levelNames = map[string]string{
	"commune":     "Communes",
	"epci":        "EPCI",
	"departement": "Départements",
	"region":      "Régions",
	"france":      "France",
}

// scope is the studied territory resolved against the geography.
type scope struct {
	info     []TerritoryInfo
	communes map[string]bool // studied communes
}

// resolveScope checks each asked territory exists and gathers its communes.
func resolveScope(g *geo.Geography, asked []spec.Territory) (*scope, error) {
	sc := &scope{communes: map[string]bool{}}
	for _, t := range asked {
		name, members, err := territoryMembers(g, t)
		if err != nil {
			return nil, err
		}
		sc.info = append(sc.info, TerritoryInfo{Spec: t.String(), Level: t.Level, Code: t.Code, Name: name})
		for _, c := range members {
			sc.communes[c] = true
		}
	}
	if len(sc.communes) == 0 {
		return nil, fmt.Errorf("the territory holds no commune of %s", g.Vintage)
	}
	return sc, nil
}

func territoryMembers(g *geo.Geography, t spec.Territory) (string, []string, error) {
	var members []string
	collect := func(keep func(geo.Commune) bool) {
		for _, c := range g.Communes() {
			if keep(c) {
				members = append(members, c.Code)
			}
		}
	}
	switch t.Level {
	case "france":
		collect(func(c geo.Commune) bool { return inFrance(g, c) })
		return "France", members, nil
	case "region":
		r, ok := g.Region(t.Code)
		if !ok {
			return "", nil, fmt.Errorf("territory %s: no région %s in %s", t, t.Code, g.Vintage)
		}
		collect(func(c geo.Commune) bool { return c.Region == t.Code })
		return r.Name, members, nil
	case "departement":
		d, ok := g.Departement(t.Code)
		if !ok {
			return "", nil, fmt.Errorf("territory %s: no département %s in %s", t, t.Code, g.Vintage)
		}
		collect(func(c geo.Commune) bool { return c.Departement == t.Code })
		return d.Name, members, nil
	case "epci":
		e, ok := g.EPCI(t.Code)
		if !ok {
			return "", nil, fmt.Errorf("territory %s: no EPCI with SIREN %s in %s", t, t.Code, g.Vintage)
		}
		return e.Name, e.Members, nil
	case "commune":
		c, ok := g.Commune(t.Code)
		if !ok {
			return "", nil, fmt.Errorf("territory %s: no commune %s in %s", t, t.Code, g.Vintage)
		}
		return c.Name, []string{c.Code}, nil
	}
	return "", nil, fmt.Errorf("territory %s: unknown level %q", t, t.Level)
}

// inFrance keeps the communes of the 101 départements (métropole and DROM), the field
// covered by the census; the collectivités d'outre-mer are outside it.
func inFrance(g *geo.Geography, c geo.Commune) bool {
	r, _ := g.Region(c.Region)
	return r.Zone != geo.COM
}

// levelPlan is one level's territories, before computation.
type levelPlan struct {
	id          string
	reference   bool
	territories []indicators.Territory
}

// levels builds, for each level, the territories to compute and the communes each
// is made of. EPCI, départements and régions are whole: an EPCI that crosses the
// studied département's border is computed over all its communes.
func levels(g *geo.Geography, sc *scope, index map[string]int) []levelPlan {
	type group struct {
		name    string
		members []int
	}
	groups := map[string]map[string]*group{"epci": {}, "departement": {}, "region": {}}
	var communes []indicators.Territory
	touched := map[string]map[string]bool{"epci": {}, "departement": {}, "region": {}}
	for _, c := range g.Communes() {
		if sc.communes[c.Code] {
			communes = append(communes, indicators.Territory{Code: c.Code, Name: c.Name, Members: []int{index[c.Code]}})
			touched["epci"][c.EPCI] = true
			touched["departement"][c.Departement] = true
			touched["region"][c.Region] = true
		}
	}
	add := func(level, code, name string, i int) {
		if code == "" || !touched[level][code] {
			return
		}
		gr := groups[level][code]
		if gr == nil {
			gr = &group{name: name}
			groups[level][code] = gr
		}
		gr.members = append(gr.members, i)
	}
	var france []int
	for _, c := range g.Communes() {
		i := index[c.Code]
		e, _ := g.EPCI(c.EPCI)
		d, _ := g.Departement(c.Departement)
		r, _ := g.Region(c.Region)
		add("epci", c.EPCI, e.Name, i)
		add("departement", c.Departement, d.Name, i)
		add("region", c.Region, r.Name, i)
		if inFrance(g, c) {
			france = append(france, i)
		}
	}
	sorted := func(level string) []indicators.Territory {
		codes := make([]string, 0, len(groups[level]))
		for code := range groups[level] {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		out := make([]indicators.Territory, len(codes))
		for i, code := range codes {
			out[i] = indicators.Territory{Code: code, Name: groups[level][code].name, Members: groups[level][code].members}
		}
		return out
	}
	return []levelPlan{
		{"commune", false, communes},
		{"epci", false, sorted("epci")},
		{"departement", false, sorted("departement")},
		{"region", true, sorted("region")},
		{"france", true, []indicators.Territory{{Code: "FR", Name: "France", Members: france}}},
	}
}
