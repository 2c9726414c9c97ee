package geo

import (
	"math"
	"strconv"
	"strings"
)

// finish cross-checks the rows read and builds the geography.
func (a *appartenance) finish() (*Geography, error) {
	for _, s := range []string{sheetCOM, sheetARM, sheetZones} {
		if a.sheets[s] == 0 {
			a.fail(where{}, "", "missing-sheet", "no sheet %s; expected INSEE's table d'appartenance with sheets COM, ARM and Zones_supra_communales", s)
		}
	}
	if err := a.probs.Err(); err != nil {
		return nil, err
	}
	p := parts{
		vintage: a.vintage(),
		source:  "INSEE, table d'appartenance géographique des communes (" + a.name + "); no populations, no former codes",
	}
	counts := map[string]map[string]int{"EPCI": {}, "DEP": {}, "REG": {}}
	depRegion, epciType := map[string]comRow{}, map[string]comRow{}
	communes := map[string]int{} // code → row
	for _, c := range a.communes {
		if code, repaired, ok := NormalizeCode(c.code); !ok || repaired || code != c.code {
			a.fail(c.where, "CODGEO", "bad-code", "%q is not a commune code; expected 5 characters such as 01001 or 2A004", c.code)
			continue
		}
		if row, dup := communes[c.code]; dup {
			a.fail(c.where, "CODGEO", "duplicate-code", "commune %s is already listed on row %d", c.code, row)
			continue
		}
		communes[c.code] = c.row
		if c.name == "" {
			a.fail(c.where, "LIBGEO", "missing-name", "commune %s has no name; expected its LIBGEO", c.code)
		}
		a.checkKnown(c, "DEP", c.dep)
		a.checkKnown(c, "REG", c.reg)
		if first, seen := depRegion[c.dep]; !seen {
			depRegion[c.dep] = c
		} else if first.reg != c.reg {
			a.fail(c.where, "REG", "inconsistent-region", "région %s, but département %s is in région %s on row %d", c.reg, c.dep, first.reg, first.row)
		}
		epci := c.epci
		switch {
		case epci == noEPCI:
			epci = ""
			if c.nature != "ZZ" {
				a.fail(c.where, "NATURE_EPCI", "bad-code", "NATURE_EPCI %q for a commune outside any EPCI; expected ZZ", c.nature)
			}
		case epciNature[c.nature] == "":
			a.fail(c.where, "NATURE_EPCI", "bad-code", "NATURE_EPCI %q; expected CC, CA, CU or ME", c.nature)
		default:
			a.checkKnown(c, "EPCI", epci)
			if first, seen := epciType[epci]; !seen {
				epciType[epci] = c
			} else if first.nature != c.nature {
				a.fail(c.where, "NATURE_EPCI", "inconsistent-nature", "EPCI %s is %s here but %s on row %d", epci, c.nature, first.nature, first.row)
			}
		}
		counts["DEP"][c.dep]++
		counts["REG"][c.reg]++
		counts["EPCI"][epci]++
		p.communes = append(p.communes, Commune{
			Code: c.code, Name: c.name, Departement: c.dep, Region: c.reg, EPCI: epci,
			Population: math.NaN(), PopulationSource: PopulationNone,
		})
	}
	arms := map[string]int{} // code → row
	for _, r := range a.arms {
		if code, repaired, ok := NormalizeCode(r.code); !ok || repaired || code != r.code {
			a.fail(r.where, "CODGEO", "bad-code", "%q is not an arrondissement code; expected 5 digits such as 75101", r.code)
			continue
		}
		if row, dup := arms[r.code]; dup {
			a.fail(r.where, "CODGEO", "duplicate-code", "arrondissement %s is already listed on row %d", r.code, row)
			continue
		}
		arms[r.code] = r.row
		if r.name == "" {
			a.fail(r.where, "LIBGEO", "missing-name", "arrondissement %s has no name; expected its LIBGEO", r.code)
		}
		if _, ok := communes[r.parent]; !ok {
			a.fail(r.where, "COM", "unknown-code", "parent commune %q is not in sheet COM", r.parent)
		}
		p.arrondissements = append(p.arrondissements, ArrondissementMunicipal{
			Code: r.code, Name: r.name, Commune: r.parent, Population: math.NaN(), PopulationSource: PopulationNone,
		})
	}
	for level, zones := range a.zones {
		for code, z := range zones {
			if n := counts[level][code]; n != z.count {
				a.fail(z.where, "NB_COM", "count-mismatch", "%s %s has NB_COM %d but sheet COM lists %d of its communes", level, code, z.count, n)
			}
			switch level {
			case "REG":
				p.regions = append(p.regions, Region{Code: code, Name: z.name, Zone: regionZone(code)})
			case "DEP":
				p.departements = append(p.departements, Departement{Code: code, Name: z.name, Region: depRegion[code].reg, Zone: departementZone(code)})
			case "EPCI":
				p.epcis = append(p.epcis, EPCI{Code: code, Name: z.name, Type: epciNature[epciType[code].nature], Population: math.NaN()})
			}
		}
	}
	if err := a.probs.Err(); err != nil {
		a.probs.Sort()
		return nil, a.probs
	}
	return assemble(p)
}

// checkKnown reports a commune row whose territory is not named in
// Zones_supra_communales.
func (a *appartenance) checkKnown(c comRow, level, code string) {
	if _, ok := a.zones[level][code]; !ok {
		a.fail(c.where, level, "unknown-code", "unknown %s %q; expected a code listed under NIVGEO %s in sheet %s", level, code, level, sheetZones)
	}
}

// vintage reads the year from INSEE's file name.
func (a *appartenance) vintage() string {
	if m := appartenanceYear.FindStringSubmatch(a.name); m != nil {
		return "COG 20" + m[2]
	}
	return "COG (year unknown)"
}

// departementZone classifies a département code.
func departementZone(code string) string {
	switch {
	case len(code) == 3 && code >= "971" && code <= "976" && code != "975":
		return DROM
	case len(code) == 3:
		return COM
	}
	return Metro
}

// regionZone classifies a région code: 01-06 overseas régions, 3-digit COM.
func regionZone(code string) string {
	switch {
	case len(code) == 3:
		return COM
	case code < "10":
		return DROM
	}
	return Metro
}

func parseCount(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(s, ".0"))
	if err == nil && n < 0 {
		err = strconv.ErrRange
	}
	return n, err
}

func isSIREN(s string) bool { return len(s) == 9 && digits(s) }
