package offer

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/diagnum/diagnum/indicators"
)

// Place is one mediation place as the offer counts it.
type Place struct {
	Commune string // today's commune code
	// Lat and Lon locate the place (WGS84 degrees) for distances; NaN when unknown:
	// the place then counts in its commune but is no one's nearest place.
	Lat, Lon   float64
	Levers     [NumLevers]bool
	Programmes []string // national programmes, e.g. "France Services"
	Itinerant  bool     // a bus or a team that moves, as opposed to a fixed place
	// HoursPerWeek is the opening time per week, NaN when unknown.
	HoursPerWeek float64
}

// Communes is the commune table the offer is measured on, slices aligned with Codes.
type Communes struct {
	Codes      []string
	Population []float64 // NaN when unknown
	// Lat and Lon are the point standing for each commune, NaN when unknown.
	Lat, Lon []float64
}

// DefaultRadii are the distances (metres) beyond which the population is counted
// when Params.Radii is nil: 10 and 20 km.
var DefaultRadii = []float64{10000, 20000}

// Params tunes Compute.
type Params struct {
	// Radii are the distances in metres beyond which the population is counted;
	// nil means DefaultRadii.
	Radii []float64
	// Programmes are the programmes counted, in column order; nil means every
	// programme of the places, sorted.
	Programmes []string
}

// Table is the offer per commune, every slice aligned with Communes.Codes.
type Table struct {
	Communes   Communes
	Radii      []float64
	Programmes []string

	Places      []float64
	ByLever     [NumLevers][]float64
	ByProgramme [][]float64 // aligned with Programmes
	Itinerant   []float64
	HoursKnown  []float64 // places whose opening hours are known
	Hours       []float64 // their opening hours per week, summed
	// Nearest is the distance in metres from the commune's point to the nearest
	// place (any commune's), NaN when the commune has no point or there is no place.
	Nearest      []float64
	NearestLever [NumLevers][]float64
	// NearestPlace is the index of the nearest place, -1 when none.
	NearestPlace []int

	// Unplaced lists the places whose commune is not in the table: they count in no
	// commune (they may still be someone's nearest place).
	Unplaced []int
}

// Compute counts the places of each commune and measures the distance from each
// commune to the nearest place, overall and per lever. Every place with coordinates
// is a candidate nearest place, whatever its commune, so communes near a border find
// their nearest place across it when the list covers it; itinerant places count
// where they are based.
func Compute(c Communes, places []Place, p Params) *Table {
	n := len(c.Codes)
	t := &Table{Communes: c, Radii: p.Radii, Programmes: p.Programmes}
	if t.Radii == nil {
		t.Radii = DefaultRadii
	}
	if t.Programmes == nil {
		seen := map[string]bool{}
		for _, pl := range places {
			for _, prog := range pl.Programmes {
				if !seen[prog] {
					seen[prog] = true
					t.Programmes = append(t.Programmes, prog)
				}
			}
		}
		slices.Sort(t.Programmes)
	}
	zeros := func() []float64 { return make([]float64, n) }
	t.Places, t.Itinerant, t.HoursKnown, t.Hours = zeros(), zeros(), zeros(), zeros()
	for l := range t.ByLever {
		t.ByLever[l] = zeros()
	}
	t.ByProgramme = make([][]float64, len(t.Programmes))
	progIndex := map[string]int{}
	for i, prog := range t.Programmes {
		t.ByProgramme[i] = zeros()
		progIndex[prog] = i
	}
	row := make(map[string]int, n)
	for i, code := range c.Codes {
		row[code] = i
	}
	for k, pl := range places {
		i, ok := row[pl.Commune]
		if !ok {
			t.Unplaced = append(t.Unplaced, k)
			continue
		}
		t.Places[i]++
		for l, has := range pl.Levers {
			if has {
				t.ByLever[l][i]++
			}
		}
		for _, prog := range dedup(pl.Programmes) {
			if j, ok := progIndex[prog]; ok {
				t.ByProgramme[j][i]++
			}
		}
		if pl.Itinerant {
			t.Itinerant[i]++
		}
		if finite(pl.HoursPerWeek) {
			t.HoursKnown[i]++
			t.Hours[i] += pl.HoursPerWeek
		}
	}

	lat, lon := make([]float64, len(places)), make([]float64, len(places))
	for k, pl := range places {
		lat[k], lon[k] = pl.Lat, pl.Lon
	}
	all := NewIndex(lat, lon, nil)
	var byLever [NumLevers]*Index
	for l := range byLever {
		byLever[l] = NewIndex(lat, lon, func(k int) bool { return places[k].Levers[l] })
	}
	t.Nearest, t.NearestPlace = make([]float64, n), make([]int, n)
	for l := range t.NearestLever {
		t.NearestLever[l] = make([]float64, n)
	}
	for i := range c.Codes {
		k, d := all.Nearest(c.Lat[i], c.Lon[i])
		t.NearestPlace[i], t.Nearest[i] = k, orNaN(d)
		for l, x := range byLever {
			_, d := x.Nearest(c.Lat[i], c.Lon[i])
			t.NearestLever[l][i] = orNaN(d)
		}
	}
	return t
}

func orNaN(d float64) float64 {
	if math.IsInf(d, 1) {
		return math.NaN()
	}
	return d
}

func dedup(s []string) []string {
	if len(s) < 2 {
		return s
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// Column describes one offer indicator of Rows.
type Column struct {
	ID    string
	Label string // French, as shown in reports
	Unit  string // "lieux", "‰"…
	// Note says how the value is computed above the commune, in French.
	Note string
}

// Columns describes the values of Rows, in order: places, places per 10,000
// inhabitants, places per lever, per programme, itinerant places, places with known
// opening hours and their weekly hours, distance to the nearest place and to the
// nearest place per lever, population beyond each radius and its share.
func (t *Table) Columns() []Column {
	cols := []Column{
		{ID: "lieux_mediation", Label: "Lieux de médiation numérique", Unit: "lieux"},
		{ID: "lieux_pour_10000_hab", Label: "Lieux de médiation numérique pour 10 000 habitants", Unit: "lieux / 10 000 hab.",
			Note: "nombre de lieux / population × 10 000, recalculé à chaque niveau"},
	}
	for _, l := range Levers {
		cols = append(cols, Column{ID: "lieux_" + l.ID(), Label: "Lieux offrant : " + l.Label(), Unit: "lieux"})
	}
	for _, prog := range t.Programmes {
		cols = append(cols, Column{ID: "lieux_" + Slug(prog), Label: "Lieux du programme " + prog, Unit: "lieux"})
	}
	cols = append(cols,
		Column{ID: "lieux_itinerants", Label: "Lieux itinérants", Unit: "lieux"},
		Column{ID: "lieux_horaires_connus", Label: "Lieux dont les horaires sont connus", Unit: "lieux"},
		Column{ID: "heures_ouverture_hebdo", Label: "Heures d'ouverture par semaine (lieux aux horaires connus)", Unit: "h"},
	)
	distNote := "distance du centroïde de la commune au lieu le plus proche (à vol d'oiseau); au-dessus de la commune, moyenne pondérée par la population (approximation)"
	cols = append(cols, Column{ID: "distance_lieu_km", Label: "Distance au lieu le plus proche", Unit: "km", Note: distNote})
	for _, l := range Levers {
		cols = append(cols, Column{ID: "distance_lieu_" + l.ID() + "_km", Label: "Distance au lieu le plus proche offrant : " + l.Label(), Unit: "km", Note: distNote})
	}
	for _, r := range t.Radii {
		km := formatKm(r)
		cols = append(cols,
			Column{ID: "population_au_dela_" + km + "km", Label: "Population à plus de " + km + " km d'un lieu", Unit: "hab.",
				Note: "population des communes dont le centroïde est à plus de " + km + " km du lieu le plus proche"},
			Column{ID: "part_population_au_dela_" + km + "km", Label: "Part de la population à plus de " + km + " km d'un lieu", Unit: "%",
				Note: "population à plus de " + km + " km / population des communes situées × 100"})
	}
	return cols
}

func formatKm(metres float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(metres/1000, 'f', -1, 64), ".", "_")
}

// Slug turns a programme name into a column-name part: lower case, no accents, runs
// of other characters as one underscore ("Point d'accès numérique CAF" →
// "point_d_acces_numerique_caf").
func Slug(s string) string {
	var b strings.Builder
	under := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		case r >= 0x300 && r <= 0x36f: // combining accents
		default:
			under = true
		}
	}
	return b.String()
}

// Rows computes the values of Columns for each territory from its member communes
// (indices into the table): counts are summed; places per 10,000 inhabitants is
// re-computed from the summed places and population; the population beyond a radius
// is summed over the members with a point, and its share is taken of their
// population; the distance is, above a single commune, the mean of the members'
// distances weighted by their population, flagged Approx. Coverage is 1 for counts
// and, for distances, the share of the population whose commune has a point.
func (t *Table) Rows(territories []indicators.Territory) []indicators.Row {
	rows := make([]indicators.Row, len(territories))
	for k, terr := range territories {
		pop := sumPopulation(t.Communes.Population, terr.Members)
		var v []indicators.Value
		count := func(col []float64) {
			s := 0.0
			for _, m := range terr.Members {
				s += col[m]
			}
			v = append(v, indicators.Value{Value: s, Numerator: s, Denominator: math.NaN(), Coverage: 1})
		}
		count(t.Places)
		places := v[0].Value
		per := indicators.Value{Value: math.NaN(), Numerator: places, Denominator: pop, Coverage: 1}
		if pop > 0 {
			per.Value = places / pop * 10000
		}
		v = append(v, per)
		for l := range t.ByLever {
			count(t.ByLever[l])
		}
		for j := range t.ByProgramme {
			count(t.ByProgramme[j])
		}
		count(t.Itinerant)
		count(t.HoursKnown)
		count(t.Hours)
		v = append(v, t.distance(t.Nearest, terr.Members))
		for l := range t.NearestLever {
			v = append(v, t.distance(t.NearestLever[l], terr.Members))
		}
		for _, r := range t.Radii {
			beyond, share := t.beyond(r, terr.Members)
			v = append(v, beyond, share)
		}
		rows[k] = indicators.Row{Code: terr.Code, Name: terr.Name, Population: pop, Values: v}
	}
	return rows
}

func sumPopulation(pop []float64, members []int) float64 {
	if len(members) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, m := range members {
		s += pop[m] // NaN when any is unknown, as indicators does
	}
	return s
}

func weight(pop float64) float64 {
	if math.IsNaN(pop) {
		return 0
	}
	return pop
}

// distance is the members' population-weighted mean distance, in km.
func (t *Table) distance(d []float64, members []int) indicators.Value {
	v := indicators.Value{Value: math.NaN(), Numerator: math.NaN(), Denominator: math.NaN()}
	if len(members) == 1 {
		m := members[0]
		if finite(d[m]) {
			v.Value, v.Numerator, v.Denominator, v.Coverage = d[m]/1000, d[m]/1000, weight(t.Communes.Population[m]), 1
		}
		return v
	}
	var sum, w, total float64
	with := 0
	for _, m := range members {
		p := weight(t.Communes.Population[m])
		total += p
		if !finite(d[m]) || p == 0 {
			continue
		}
		sum += d[m] / 1000 * p
		w += p
		with++
	}
	if with == 0 {
		return v
	}
	v.Value, v.Numerator, v.Denominator, v.Approx = sum/w, sum, w, with > 1
	v.Coverage = w / total
	return v
}

// beyond sums the population of the members farther than r from any place, among
// those whose distance is known, and its share of their population (%).
func (t *Table) beyond(r float64, members []int) (indicators.Value, indicators.Value) {
	var far, known, total float64
	with := 0
	for _, m := range members {
		p := weight(t.Communes.Population[m])
		total += p
		if !finite(t.Nearest[m]) {
			continue
		}
		with++
		known += p
		if t.Nearest[m] > r {
			far += p
		}
	}
	nan := math.NaN()
	if with == 0 {
		return indicators.Value{Value: nan, Numerator: nan, Denominator: nan},
			indicators.Value{Value: nan, Numerator: nan, Denominator: nan}
	}
	cov := 1.0
	if total > 0 {
		cov = known / total
	}
	share := indicators.Value{Value: nan, Numerator: far, Denominator: known, Coverage: cov}
	if known > 0 {
		share.Value = far / known * 100
	}
	return indicators.Value{Value: far, Numerator: far, Denominator: nan, Coverage: cov}, share
}
