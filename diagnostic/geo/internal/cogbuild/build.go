package cogbuild

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Population sources, as written in the table and exposed by package geo.
const (
	SourceDGCL  = "DGCL"  // the commune's populationMunicipale among its EPCI's members
	SourceINSEE = "INSEE" // communes.json population, for communes outside any EPCI
	SourceNone  = "none"  // no figure at all
)

var (
	communeCode = regexp.MustCompile(`^(?:[0-9]{2}|2[AB])[0-9]{3}$`)
	sirenCode   = regexp.MustCompile(`^[0-9]{9}$`)
	epciTypes   = map[string]bool{"CC": true, "CA": true, "CU": true, "METRO": true, "MET69": true}
	zones       = map[string]bool{"metro": true, "drom": true, "com": true}
)

type region struct{ code, name, zone string }
type departement struct{ code, name, region, zone string }
type epci struct {
	code, name, typ string
	population      float64
}
type commune struct {
	code, name, departement, epci string
	population                    *float64
	source                        string
}
type arrondissement struct {
	code, name, commune string
	population          *float64
}
type former struct{ code, current string }

// table is the checked content of the embedded file, each slice sorted by code.
type table struct {
	regions         []region
	departements    []departement
	epcis           []epci
	communes        []commune
	arrondissements []arrondissement
	formers         []former
}

// checker accumulates every inconsistency so one run reports them all.
type checker []error

func (c *checker) fail(format string, args ...any) {
	*c = append(*c, fmt.Errorf(format, args...))
}

// text refuses names that would break the tab-separated layout.
func (c *checker) text(what, s string) {
	if s == "" || strings.ContainsAny(s, "\t\r\n") {
		c.fail("%s: name %q is empty or holds a tab or line break", what, s)
	}
}

// build checks in and returns its table; it fails on any ambiguity or dangling code.
func build(in Input) (*table, error) {
	var c checker
	t := &table{}

	regions := map[string]bool{}
	for _, r := range in.Regions {
		c.text("région "+r.Code, r.Name)
		if r.Code == "" || regions[r.Code] {
			c.fail("région %q is empty or listed twice", r.Code)
		}
		if !zones[r.Zone] {
			c.fail("région %s: unknown zone %q", r.Code, r.Zone)
		}
		regions[r.Code] = true
		t.regions = append(t.regions, region{r.Code, r.Name, r.Zone})
	}

	depRegion := map[string]string{}
	for _, d := range in.Departements {
		c.text("département "+d.Code, d.Name)
		if _, dup := depRegion[d.Code]; d.Code == "" || dup {
			c.fail("département %q is empty or listed twice", d.Code)
		}
		if !regions[d.Region] {
			c.fail("département %s: unknown région %q", d.Code, d.Region)
		}
		if !zones[d.Zone] {
			c.fail("département %s: unknown zone %q", d.Code, d.Zone)
		}
		depRegion[d.Code] = d.Region
		t.departements = append(t.departements, departement{d.Code, d.Name, d.Region, d.Zone})
	}

	current := map[string]*commune{}
	arms := map[string]bool{}
	formerOf := map[string]string{}
	var secondary []communeJSON // communes déléguées and associées
	for _, j := range in.Communes {
		switch j.Type {
		case "commune-actuelle":
			c.text("commune "+j.Code, j.Name)
			if !communeCode.MatchString(j.Code) || current[j.Code] != nil {
				c.fail("commune %q is not a commune code or is listed twice", j.Code)
			}
			reg, ok := depRegion[j.Departement]
			if !ok {
				c.fail("commune %s: unknown département %q", j.Code, j.Departement)
			} else if reg != j.Region {
				c.fail("commune %s: région %q but its département %s is in région %s", j.Code, j.Region, j.Departement, reg)
			}
			current[j.Code] = &commune{code: j.Code, name: j.Name, departement: j.Departement, population: j.Population}
			for _, f := range j.AnciensCodes {
				if prev, seen := formerOf[f]; seen && prev != j.Code {
					c.fail("former code %s maps to both %s and %s", f, prev, j.Code)
				}
				formerOf[f] = j.Code
			}
		case "arrondissement-municipal":
			c.text("arrondissement "+j.Code, j.Name)
			if !communeCode.MatchString(j.Code) || arms[j.Code] {
				c.fail("arrondissement %q is not a commune code or is listed twice", j.Code)
			}
			arms[j.Code] = true
			t.arrondissements = append(t.arrondissements, arrondissement{j.Code, j.Name, j.Commune, j.Population})
		case "commune-deleguee", "commune-associee":
			secondary = append(secondary, j)
		default:
			c.fail("commune %s: unknown type %q", j.Code, j.Type)
		}
	}
	for _, a := range t.arrondissements {
		if current[a.code] != nil {
			c.fail("arrondissement %s is also a current commune", a.code)
		}
		if current[a.commune] == nil {
			c.fail("arrondissement %s: parent %q is not a current commune", a.code, a.commune)
		}
	}
	for f, to := range formerOf {
		if current[f] != nil || arms[f] {
			c.fail("former code %s of %s is also a current commune or arrondissement", f, to)
		}
		t.formers = append(t.formers, former{f, to})
	}
	// Every commune déléguée or associée must resolve: its code is either today's
	// commune (the chef-lieu keeps the code) or a former code.
	for _, s := range secondary {
		if current[s.Code] == nil && formerOf[s.Code] == "" {
			c.fail("%s %s is neither a current commune nor in any anciensCodes", s.Type, s.Code)
		}
	}

	epcis := map[string]bool{}
	for _, e := range in.EPCIs {
		c.text("EPCI "+e.Code, e.Name)
		if !sirenCode.MatchString(e.Code) || epcis[e.Code] {
			c.fail("EPCI %q is not a SIREN or is listed twice", e.Code)
		}
		epcis[e.Code] = true
		if !epciTypes[e.Type] {
			c.fail("EPCI %s: unknown type %q", e.Code, e.Type)
		}
		if e.Population == nil {
			c.fail("EPCI %s has no populationMunicipale", e.Code)
			continue
		}
		sum := 0.0
		for _, m := range e.Members {
			k := current[m.Code]
			switch {
			case k == nil:
				c.fail("EPCI %s: member %q is not a current commune", e.Code, m.Code)
				continue
			case k.epci != "":
				c.fail("commune %s belongs to both EPCI %s and %s", m.Code, k.epci, e.Code)
			case m.Population == nil:
				c.fail("EPCI %s: member %s has no populationMunicipale", e.Code, m.Code)
				continue
			}
			k.epci, k.population, k.source = e.Code, m.Population, SourceDGCL
			sum += *m.Population
		}
		if sum != *e.Population {
			c.fail("EPCI %s: members sum to %v, populationMunicipale is %v", e.Code, sum, *e.Population)
		}
		t.epcis = append(t.epcis, epci{e.Code, e.Name, e.Type, *e.Population})
	}
	for _, k := range current {
		switch {
		case k.source != "":
		case k.population != nil:
			k.source = SourceINSEE
		default:
			k.source = SourceNone
		}
		t.communes = append(t.communes, *k)
	}

	if len(c) > 0 {
		return nil, errors.Join(c...)
	}
	t.sort()
	return t, nil
}

func (t *table) sort() {
	slices.SortFunc(t.regions, func(a, b region) int { return strings.Compare(a.code, b.code) })
	slices.SortFunc(t.departements, func(a, b departement) int { return strings.Compare(a.code, b.code) })
	slices.SortFunc(t.epcis, func(a, b epci) int { return strings.Compare(a.code, b.code) })
	slices.SortFunc(t.communes, func(a, b commune) int { return strings.Compare(a.code, b.code) })
	slices.SortFunc(t.arrondissements, func(a, b arrondissement) int { return strings.Compare(a.code, b.code) })
	slices.SortFunc(t.formers, func(a, b former) int { return strings.Compare(a.code, b.code) })
}
