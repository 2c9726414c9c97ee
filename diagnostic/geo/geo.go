package geo

import (
	"cmp"
	"maps"
	"slices"
)

// Zones of départements and régions: the project's figures usually cover Metro and
// DROM only, since the census does not cover the COM.
const (
	Metro = "metro" // metropolitan France, Corsica included
	DROM  = "drom"  // overseas départements and régions (971-976)
	COM   = "com"   // overseas collectivités (975, 977, 978, 984, 986-989)
)

// Population sources of a commune, so a report can say where each figure comes from.
const (
	// PopulationDGCL: the commune's DGCL populationMunicipale among its EPCI's
	// members, so that EPCI populations are exactly the sums of their communes.
	PopulationDGCL = "DGCL"
	// PopulationINSEE: INSEE's population of the commune, used for communes outside
	// any EPCI (islands, COM) and for arrondissements municipaux.
	PopulationINSEE = "INSEE"
	// PopulationNone: no figure (Population is NaN).
	PopulationNone = "none"
)

// Commune is a commune of the vintage ("commune actuelle"); Paris, Lyon and
// Marseille appear as whole communes, their arrondissements separately.
type Commune struct {
	Code        string // 5-character COG code, e.g. "01001", "2A004", "97101"
	Name        string
	Departement string
	Region      string
	EPCI        string  // SIREN of its EPCI, "" when it belongs to none
	Population  float64 // NaN when unknown, never 0 for unknown
	// PopulationSource is one of PopulationDGCL, PopulationINSEE, PopulationNone.
	PopulationSource string
}

// ArrondissementMunicipal is one of the 45 arrondissements of Paris, Lyon and
// Marseille; inputs that use them must be rolled up into Commune.
type ArrondissementMunicipal struct {
	Code             string
	Name             string
	Commune          string  // parent commune: 75056, 69123 or 13055
	Population       float64 // NaN when unknown
	PopulationSource string  // PopulationINSEE or PopulationNone
}

// EPCI is an établissement public de coopération intercommunale à fiscalité propre.
type EPCI struct {
	Code string // 9-digit SIREN
	Name string
	// Type is CC, CA, CU, METRO or MET69 (Métropole de Lyon) as the DGCL names
	// them; a table d'appartenance gives METRO for every métropole.
	Type string
	// Population is the DGCL populationMunicipale, NaN when unknown; it equals the
	// sum of the members' Population in the embedded geography.
	Population float64
	Members    []string // commune codes, sorted
}

// Departement is a département (or, when Zone is COM, an overseas collectivité).
type Departement struct {
	Code   string // "01"…"95", "2A", "2B", "971"…
	Name   string
	Region string
	Zone   string // Metro, DROM or COM
}

// Region is a région (or, when Zone is COM, an overseas collectivité coded like its
// département).
type Region struct {
	Code string
	Name string
	Zone string // Metro, DROM or COM
}

// Geography is one vintage of the COG. It is read-only once built: accessors return
// copies, so callers may keep and modify what they get.
type Geography struct {
	Vintage string // e.g. "COG 2026"
	Source  string // producer and title of where it came from

	communes        index[Commune]
	arrondissements index[ArrondissementMunicipal]
	epcis           index[EPCI]
	departements    index[Departement]
	regions         index[Region]
	former          map[string]string // absorbed code → current commune
}

// index holds items sorted by code with a lookup by code.
type index[T any] struct {
	list []T
	at   map[string]int
}

func newIndex[T any](items []T, code func(T) string) index[T] {
	slices.SortFunc(items, func(a, b T) int { return cmp.Compare(code(a), code(b)) })
	at := make(map[string]int, len(items))
	for i, it := range items {
		at[code(it)] = i
	}
	return index[T]{items, at}
}

func (x index[T]) get(code string) (T, bool) {
	i, ok := x.at[code]
	if !ok {
		var zero T
		return zero, false
	}
	return x.list[i], true
}

// Communes returns every commune, sorted by code.
func (g *Geography) Communes() []Commune { return slices.Clone(g.communes.list) }

// Commune returns the commune of that exact code (see Resolve for other codes).
func (g *Geography) Commune(code string) (Commune, bool) { return g.communes.get(code) }

// Arrondissements returns the arrondissements municipaux, sorted by code.
func (g *Geography) Arrondissements() []ArrondissementMunicipal {
	return slices.Clone(g.arrondissements.list)
}

// Arrondissement returns the arrondissement municipal of that code.
func (g *Geography) Arrondissement(code string) (ArrondissementMunicipal, bool) {
	return g.arrondissements.get(code)
}

// EPCIs returns every EPCI, sorted by SIREN.
func (g *Geography) EPCIs() []EPCI {
	out := slices.Clone(g.epcis.list)
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
	}
	return out
}

// EPCI returns the EPCI of that SIREN.
func (g *Geography) EPCI(code string) (EPCI, bool) {
	e, ok := g.epcis.get(code)
	e.Members = slices.Clone(e.Members)
	return e, ok
}

// Departements returns every département, sorted by code.
func (g *Geography) Departements() []Departement { return slices.Clone(g.departements.list) }

// Departement returns the département of that code.
func (g *Geography) Departement(code string) (Departement, bool) {
	return g.departements.get(code)
}

// Regions returns every région, sorted by code.
func (g *Geography) Regions() []Region { return slices.Clone(g.regions.list) }

// Region returns the région of that code.
func (g *Geography) Region(code string) (Region, bool) { return g.regions.get(code) }

// FormerCodes returns the codes of communes absorbed since earlier vintages, mapped
// to the commune that holds them today; empty when the source does not say.
func (g *Geography) FormerCodes() map[string]string { return maps.Clone(g.former) }
