package geo

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// parts is what a source yields before it is indexed and cross-checked.
type parts struct {
	vintage, source string
	communes        []Commune
	arrondissements []ArrondissementMunicipal
	epcis           []EPCI // Members are filled from communes
	departements    []Departement
	regions         []Region
	former          map[string]string
}

// assemble indexes p, fills EPCI members and refuses any code that is duplicated or
// points nowhere, whatever the source.
func assemble(p parts) (*Geography, error) {
	g := &Geography{
		Vintage:         p.vintage,
		Source:          p.source,
		communes:        newIndex(p.communes, func(c Commune) string { return c.Code }),
		arrondissements: newIndex(p.arrondissements, func(a ArrondissementMunicipal) string { return a.Code }),
		epcis:           newIndex(p.epcis, func(e EPCI) string { return e.Code }),
		departements:    newIndex(p.departements, func(d Departement) string { return d.Code }),
		regions:         newIndex(p.regions, func(r Region) string { return r.Code }),
		former:          p.former,
	}
	if g.former == nil {
		g.former = map[string]string{}
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	for what, n := range map[string][2]int{
		"commune":        {len(g.communes.list), len(g.communes.at)},
		"arrondissement": {len(g.arrondissements.list), len(g.arrondissements.at)},
		"EPCI":           {len(g.epcis.list), len(g.epcis.at)},
		"département":    {len(g.departements.list), len(g.departements.at)},
		"région":         {len(g.regions.list), len(g.regions.at)},
	} {
		if n[0] != n[1] {
			fail("%d %s codes are listed twice", n[0]-n[1], what)
		}
	}
	for _, d := range g.departements.list {
		if _, ok := g.regions.get(d.Region); !ok {
			fail("département %s: unknown région %q", d.Code, d.Region)
		}
	}
	for i, c := range g.communes.list {
		d, ok := g.departements.get(c.Departement)
		if !ok {
			fail("commune %s: unknown département %q", c.Code, c.Departement)
		} else if c.Region != d.Region {
			fail("commune %s: région %q, but its département %s is in région %s", c.Code, c.Region, d.Code, d.Region)
		}
		if c.EPCI == "" {
			continue
		}
		j, ok := g.epcis.at[c.EPCI]
		if !ok {
			fail("commune %s: unknown EPCI %q", c.Code, c.EPCI)
			continue
		}
		g.epcis.list[j].Members = append(g.epcis.list[j].Members, g.communes.list[i].Code)
	}
	for _, e := range g.epcis.list {
		if len(e.Members) == 0 {
			fail("EPCI %s has no member commune", e.Code)
		}
	}
	for _, a := range g.arrondissements.list {
		if _, ok := g.communes.get(a.Commune); !ok {
			fail("arrondissement %s: unknown commune %q", a.Code, a.Commune)
		}
		if _, ok := g.communes.get(a.Code); ok {
			fail("arrondissement %s is also a commune", a.Code)
		}
	}
	for from, to := range g.former {
		if _, ok := g.communes.get(to); !ok {
			fail("former code %s: unknown commune %q", from, to)
		}
		_, isCommune := g.communes.get(from)
		_, isArm := g.arrondissements.get(from)
		if isCommune || isArm {
			fail("former code %s is also a current code", from)
		}
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return cmp.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}
	return g, nil
}
