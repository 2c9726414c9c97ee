package diagnostic

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/uncertainty"
)

// scoredLevels are the levels the composite index is computed at, each from its own
// aggregated indicators (never from averaged commune scores).
var scoredLevels = []string{"commune", "epci", "departement"}

// MethodInfo says which composite index was computed, from which indicators.
type MethodInfo struct {
	ID   string // preset ID: diagnum, ifn-2020-kit...
	Name string // French name
	// Indicators are the method's indicators the inputs provide; Absent those they
	// do not, the scores being computed without them.
	Indicators []string
	Absent     []string
}

// kitAxes places each catalogue indicator in the axis the 2020 kit gives it, so
// every method reports the same four axes.
var kitAxes = map[string]string{
	"non_couverture_thd":           composite.AxisInterfaces,
	"taux_pauvrete":                composite.AxisInterfaces,
	"revenu_median":                composite.AxisInterfaces,
	"part_familles_monoparentales": composite.AxisInformation,
	"part_menages_une_personne":    composite.AxisInformation,
	"taux_chomage_15_64":           composite.AxisAdministrative,
	"part_15_29":                   composite.AxisAdministrative,
	"part_65_plus":                 composite.AxisDigital,
	"part_peu_diplomes":            composite.AxisDigital,
}

// column is where a method's indicator comes from among the computed ones: the index
// into Result.Indicators and how to turn the value into what the method expects.
type column struct {
	ind     composite.Indicator
	from    int
	source  string // the catalogue indicator it comes from
	convert func(v float64) float64
}

// methodColumns matches the method's indicators with the computed ones. Shares enter
// as fractions, as in the kit workbook.
func methodColumns(method string, computed []Indicator) (cols []column, absent []string) {
	at := map[string]int{}
	for i, ind := range computed {
		at[ind.ID] = i
	}
	fraction := func(unit string) func(float64) float64 {
		if unit == "%" {
			return func(v float64) float64 { return v / 100 }
		}
		return func(v float64) float64 { return v }
	}
	var wanted []composite.Indicator
	switch method {
	case composite.MethodKit:
		wanted = composite.KitIndicators()
	case composite.MethodMap:
		wanted = composite.MapIndicators()
	case composite.MethodCore:
		wanted = composite.CoreIndicators()
	default:
		for _, ind := range computed {
			dir := composite.HigherIsFragile
			if ind.Direction == indicators.LowerIsFragile {
				dir = composite.LowerIsFragile
			}
			wanted = append(wanted, composite.Indicator{ID: ind.ID, Name: ind.Label, Axis: kitAxes[ind.ID], Direction: dir, Kind: composite.Rate})
		}
	}
	for _, w := range wanted {
		if i, ok := at[w.ID]; ok {
			cols = append(cols, column{ind: w, from: i, source: w.ID, convert: fraction(computed[i].Unit)})
			continue
		}
		// The kit scores fixed broadband COVERAGE; the catalogue has its complement.
		if i, ok := at["non_couverture_thd"]; ok && w.ID == composite.IDFixedCoverage {
			cols = append(cols, column{ind: w, from: i, source: "non_couverture_thd", convert: func(v float64) float64 { return 1 - v/100 }})
			continue
		}
		absent = append(absent, w.ID)
	}
	return cols, absent
}

// axesOf keeps the method's axes (and groups) that hold at least one indicator.
func axesOf(method string, cols []column) ([]composite.Axis, []composite.Group) {
	var axes []composite.Axis
	var groups []composite.Group
	switch method {
	case composite.MethodCore:
		axes = composite.CoreAxes()
	default:
		axes, groups = composite.KitAxes(), composite.KitGroups()
	}
	if method != composite.MethodKit && method != composite.MethodMap {
		groups = nil
	}
	used := map[string]bool{}
	for _, c := range cols {
		used[c.ind.Axis] = true
	}
	var keptAxes []composite.Axis
	usedGroups := map[string]bool{}
	for _, a := range axes {
		if used[a.ID] {
			if groups == nil {
				a.Group = ""
			}
			keptAxes = append(keptAxes, a)
			usedGroups[a.Group] = true
		}
	}
	var keptGroups []composite.Group
	for _, g := range groups {
		if usedGroups[g.ID] {
			keptGroups = append(keptGroups, g)
		}
	}
	return keptAxes, keptGroups
}

// params lays the spec's choices over the preset's defaults.
func params(m spec.Method, cols []column) (composite.Params, error) {
	p, err := composite.DefaultParams(m.Name)
	if err != nil {
		return p, err
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&p.Reference, m.Reference)
	set((*string)(&p.Normalisation), m.Normalisation)
	set((*string)(&p.Weighting), m.Weighting)
	set((*string)(&p.Aggregation), m.Aggregation)
	set((*string)(&p.Classification), m.Classification)
	if m.Classes > 0 {
		p.Classes = m.Classes
	}
	for _, w := range m.Weights {
		p.Weights = append(p.Weights, composite.IndicatorWeight{Indicator: w.Indicator, Weight: w.Weight})
	}
	// The spec's rules come after the preset's own (the 2020 map counts every missing
	// value as 0: that stays first, so the published method is kept).
	// A rule for an indicator the inputs do not provide has nothing to fill.
	present := func(id string) bool {
		return id == "*" || slices.ContainsFunc(cols, func(c column) bool { return c.ind.ID == id })
	}
	for _, im := range m.Imputation {
		rule := composite.ImputationRule{Indicator: im.Indicator, Method: im.Rule}
		if present(im.Indicator) && !slices.Contains(p.Imputation, rule) {
			p.Imputation = append(p.Imputation, rule)
		}
	}
	frozen, err := frozenValues(m.ReferenceValues, cols)
	p.FrozenReference = frozen
	return p, err
}

// frozenValues turns the spec's frozen reference, in the catalogue's units, into the
// method's values (shares as fractions, the kit's coverage from non-coverage).
func frozenValues(given []spec.ReferenceValue, cols []column) ([]composite.IndicatorValue, error) {
	if len(given) == 0 {
		return nil, nil
	}
	value := map[string]float64{}
	for _, rv := range given {
		value[rv.Indicator] = rv.Value
	}
	var out []composite.IndicatorValue
	for _, c := range cols {
		v, ok := value[c.source]
		if !ok {
			return nil, fmt.Errorf("method.reference_values: no value for %s, an indicator of the method (one per indicator, in the catalogue's units)", c.source)
		}
		out = append(out, composite.IndicatorValue{Indicator: c.ind.ID, Value: c.convert(v)})
	}
	return out, nil
}

// territoryLevel is one level's territories and computed rows, studied or not.
type territoryLevel struct {
	plan levelPlan
	rows []indicators.Row
}

// scorer computes the composite index for the studied levels of a result.
type scorer struct {
	g       *geo.Geography
	res     *Result
	method  spec.Method
	params  composite.Params
	cols    []column
	axes    []composite.Axis
	groups  []composite.Group
	levels  map[string]territoryLevel // every level as computed for the run
	france  map[string]territoryLevel // every level over all of France (rank methods)
	c       *indicators.Communes
	problem func(problem.Problem)
}

func (s *scorer) run() error {
	for li := range s.res.Levels {
		lv := &s.res.Levels[li]
		if !slices.Contains(scoredLevels, lv.ID) {
			continue
		}
		compared := s.levels[lv.ID]
		if s.params.Method == composite.MethodRank || s.params.Method == composite.MethodCore {
			compared = s.france[lv.ID] // positions are among all of France's territories
		}
		table := s.table(lv.ID, compared)
		r, err := composite.Compute(table, s.params)
		if err != nil {
			return fmt.Errorf("method %s, level %s: %w", s.params.Method, lv.ID, err)
		}
		lv.Scores = keep(r, lv.Rows)
		if s.method.Uncertainty.Draws > 0 {
			opt := uncertainty.DefaultOptions()
			opt.Draws = s.method.Uncertainty.Draws
			if s.method.Uncertainty.Seed != 0 {
				opt.Seed = uint64(s.method.Uncertainty.Seed)
			}
			if s.method.Uncertainty.WeightSpread > 0 {
				opt.WeightSpread = s.method.Uncertainty.WeightSpread
			}
			u, err := uncertainty.Run(table, r.Params, opt)
			if err != nil {
				return fmt.Errorf("uncertainty, level %s: %w", lv.ID, err)
			}
			lv.Ranks = u
		}
	}
	return nil
}

// keep restricts a result to the studied territories, in the order of rows.
func keep(r *composite.Result, rows []indicators.Row) *composite.Result {
	at := map[string]composite.TerritoryResult{}
	for _, t := range r.Territories {
		at[t.Code] = t
	}
	out := *r
	out.Territories = make([]composite.TerritoryResult, 0, len(rows))
	for _, row := range rows {
		out.Territories = append(out.Territories, at[row.Code])
	}
	return &out
}

// table builds the composite input of one level: values as fractions, the reference
// territory of each territory, and its parent for imputation.
func (s *scorer) table(level string, tl territoryLevel) composite.Table {
	t := composite.Table{Level: level, Axes: s.axes, Groups: s.groups}
	for _, c := range s.cols {
		t.Indicators = append(t.Indicators, c.ind)
	}
	for _, row := range tl.rows {
		t.Codes = append(t.Codes, row.Code)
		t.Values = append(t.Values, s.values(row))
	}
	if s.params.Reference != "" {
		t.Reference = s.related(s.params.Reference, tl)
	}
	parent := map[string]string{"commune": "departement", "epci": "departement", "departement": "region"}[level]
	t.Parent = s.related(parent, tl)
	return t
}

func (s *scorer) values(row indicators.Row) []float64 {
	out := make([]float64, len(s.cols))
	for i, c := range s.cols {
		out[i] = math.NaN()
		if v := row.Values[c.from]; !v.Missing() {
			out[i] = c.convert(v.Value)
		}
	}
	return out
}

// related gives each territory of tl the territory of level it mostly lies in (by
// population: an EPCI may cross a border) and that territory's values.
func (s *scorer) related(level string, tl territoryLevel) composite.Related {
	rel := composite.Related{Level: level}
	rows := s.levels[level].rows
	if level == "france" {
		rows = s.levels["france"].rows
	}
	at := map[string]int{}
	for i, row := range rows {
		rel.Codes = append(rel.Codes, row.Code)
		rel.Values = append(rel.Values, s.values(row))
		at[row.Code] = i
	}
	if level == "france" {
		return rel
	}
	rel.Of = make([]int, len(tl.plan.territories))
	for i, terr := range tl.plan.territories {
		rel.Of[i] = -1
		if j, ok := at[s.containing(level, terr.Members)]; ok {
			rel.Of[i] = j
		}
	}
	return rel
}

// containing returns the code of the territory of level holding most of the
// population of these communes (the smaller code on a tie).
func (s *scorer) containing(level string, members []int) string {
	pop := map[string]float64{}
	for _, m := range members {
		c, _ := s.g.Commune(s.c.Codes[m])
		code := map[string]string{"region": c.Region, "departement": c.Departement, "epci": c.EPCI}[level]
		w := s.c.Population[m]
		if math.IsNaN(w) {
			w = 0
		}
		pop[code] += w
	}
	best, bestPop := "", -1.0
	for code, p := range pop {
		if p > bestPop || p == bestPop && code < best {
			best, bestPop = code, p
		}
	}
	return best
}

// methodInfo describes the method for the reports, and warns when the inputs lack
// some of its indicators.
func methodInfo(id string, cols []column, absent []string) (MethodInfo, *problem.Problem) {
	info := MethodInfo{ID: id, Absent: absent}
	for _, p := range composite.Presets() {
		if p.ID == id {
			info.Name = p.Name
		}
	}
	for _, c := range cols {
		info.Indicators = append(info.Indicators, c.ind.ID)
	}
	if len(absent) == 0 {
		return info, nil
	}
	return info, &problem.Problem{Severity: problem.Warning, Kind: "method-incomplete",
		Message: fmt.Sprintf("method %s: the inputs lack %d of its indicators (%s); its scores are computed from the %d others and are not the published method's",
			id, len(absent), strings.Join(absent, ", "), len(cols))}
}
