// Package compare sets two outputs of diagnum run side by side — two vintages of the
// same diagnostic — and says how every indicator, score, class and rank of every
// territory changed, after bringing both runs to the same geography, and what makes
// the two runs not comparable (another method, reference, geography, inputs).
//
// It reads only the output folders (tables and resume.json): the counts behind the
// rates are not there, so a rate of communes merged since the older run cannot be
// re-computed; such communes are compared on their population only, and flagged.
package compare

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Options are a comparison's choices.
type Options struct {
	// Levels to compare (commune, epci, departement, region, france); empty means
	// every level both runs have.
	Levels []string
	// FormerCodes maps the codes of communes absorbed since earlier vintages to the
	// commune holding them today (geo.Geography.FormerCodes of the most recent COG
	// known); nil joins communes by code only.
	FormerCodes map[string]string
	// FormerSource says where FormerCodes come from, for comparaison.json.
	FormerSource string
}

// ColumnKind says how a compared column changes.
type ColumnKind int

const (
	// Quantity: population, indicator or score; absolute and relative change.
	Quantity ColumnKind = iota
	// Class: a class number; its change only.
	Class
	// Rank: a rank (1 = most fragile); its change only.
	Rank
)

// Column is one compared column of a level: a column of the run tables.
type Column struct {
	ID   string // as in the tables: population, an indicator id, score_…, classe_…, rang
	Kind ColumnKind
}

// Alerts on a row of the evolution tables: why its evolution is not, or not only,
// the territory's own change.
const (
	// AlertGeography: the runs used different COG vintages; above the commune each
	// run's EPCI, départements and régions have that vintage's perimeter.
	AlertGeography = "geographie"
	// AlertPerimeter: a commune code common to both runs whose group of communes the
	// runs cut differently: it may not cover the same ground.
	AlertPerimeter = "perimetre"
	// AlertPopulation: the populations come from different sources (not merely
	// different years of one source).
	AlertPopulation = "population"
	// AlertMethod: the composite index or its parameters differ at this level.
	AlertMethod = "methode"
	// AlertReference: the reference values differ and were not frozen: the scores'
	// evolution includes the reference's own.
	AlertReference = "reference"
	// AlertClasses: the class limits differ: a class may change with the limits alone.
	AlertClasses = "classes"
	// AlertRank: the ranked territories differ: the two ranks are among different sets.
	AlertRank = "rang"
	// AlertCoverage prefixes an indicator id whose value rests on a different share
	// of the population in the two runs ("couverture:taux_pauvrete").
	AlertCoverage = "couverture:"
)

// Comparison is the evolution between two runs.
type Comparison struct {
	Old, New *Run
	// Target is the run whose geography the comparison uses: the one of the more
	// recent COG (the new run when they are the same or cannot be dated).
	Target      Side
	Options     Options
	Differences []Difference
	References  []ReferenceStatus
	Levels      []Level
}

// Level is the evolution of one level's territories.
type Level struct {
	ID, Label string
	Columns   []Column
	Rows      []Row
}

// Row is one territory in the target geography, with its values in each run.
type Row struct {
	Code, Name string
	// OldCodes and NewCodes are the codes of each run joined in this row: several
	// for a merge, none for a territory of one run only.
	OldCodes, NewCodes []string
	Status             Status
	Alerts             []string
	// Old and New follow Level.Columns; NaN when missing, or not comparable (the
	// rates of merged communes).
	Old, New []float64
}

// Change returns new − old of column i, NaN when either is missing. For a rate in
// %, it is in percentage points. It is rounded to the 15 significant digits the
// values carry, so that 11.8 − 11 reads 0.8, not 0.8000000000000007.
func (r Row) Change(i int) float64 {
	o, n := r.Old[i], r.New[i]
	return roundAt(n-o, max(math.Abs(o), math.Abs(n)))
}

// RelativeChange returns (new − old) / |old| × 100 of column i, NaN when either is
// missing or old is 0.
func (r Row) RelativeChange(i int) float64 {
	if r.Old[i] == 0 {
		return math.NaN()
	}
	return r.Change(i) / math.Abs(r.Old[i]) * 100
}

// Changed reports whether any value of the row differs between the runs, a value
// present in one run only included.
func (r Row) Changed() bool {
	for i := range r.Old {
		o, n := r.Old[i], r.New[i]
		if o != n && !(math.IsNaN(o) && math.IsNaN(n)) {
			return true
		}
	}
	return false
}

// Column returns the index of a column of the level, -1 when it has none.
func (lv *Level) Column(id string) int {
	return slices.IndexFunc(lv.Columns, func(c Column) bool { return c.ID == id })
}

// Movers returns at most n rows with the largest absolute change of a column, largest
// first, ties by code; rows without a change in both runs are left out. For charts of
// the largest movers.
func (lv *Level) Movers(column string, n int) []Row {
	i := lv.Column(column)
	if i < 0 || n <= 0 {
		return nil
	}
	var out []Row
	for _, r := range lv.Rows {
		if !math.IsNaN(r.Change(i)) {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Row) int {
		if c := cmp.Compare(math.Abs(b.Change(i)), math.Abs(a.Change(i))); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
	return out[:min(n, len(out))]
}

// roundAt rounds v, a difference of numbers up to scale, to the 15 significant
// digits of scale: digits below are the noise of binary floating point.
func roundAt(v, scale float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) || scale == 0 {
		return v
	}
	decimals := 15 - int(math.Ceil(math.Log10(scale)))
	if decimals < 0 {
		decimals = 0
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', decimals, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// ErrLevel is returned by Compare for a level asked that is not in both runs.
var ErrLevel = errors.New("level not in both runs")

// Compare sets the new run against the old one.
func Compare(old, new *Run, opt Options) (*Comparison, error) {
	c := &Comparison{Old: old, New: new, Target: newer(old, new), Options: opt}
	levels, err := c.levels()
	if err != nil {
		return nil, err
	}
	c.Differences = differences(old, new)
	c.References = referenceStatuses(old, new)
	for _, id := range levels {
		c.Levels = append(c.Levels, c.level(id))
	}
	return c, nil
}

// levels returns the levels to compare, in the new run's order.
func (c *Comparison) levels() ([]string, error) {
	var both []string
	for _, lv := range c.New.Resume.Levels {
		if c.Old.Table(lv.ID) != nil {
			both = append(both, lv.ID)
		}
	}
	if len(c.Options.Levels) == 0 {
		return both, nil
	}
	var out []string
	for _, id := range c.Options.Levels {
		if !slices.Contains(both, id) {
			return nil, fmt.Errorf("%w: %q (they share: %s)", ErrLevel, id, strings.Join(both, ", "))
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return slices.Index(both, a) - slices.Index(both, b) })
	return out, nil
}

var yearRe = regexp.MustCompile(`\b(19|20)\d\d\b`)

// vintageYear reads the year of a COG vintage ("COG 2026"), 0 when there is none.
func vintageYear(v string) int {
	m := yearRe.FindAllString(v, -1)
	if len(m) == 0 {
		return 0
	}
	y, _ := strconv.Atoi(m[len(m)-1])
	return y
}

// newer picks the run of the more recent COG: merges go one way only, so the older
// run's communes can be brought to the newer geography, not the reverse.
func newer(old, new *Run) Side {
	if vintageYear(old.Resume.Geography.Vintage) > vintageYear(new.Resume.Geography.Vintage) {
		return Old
	}
	return New
}

// columns lists the compared columns of a level: population, the indicators, each
// score with its class, the rank; those of one run only included (empty on the other
// side).
func columns(old, new *Table, oldRun, newRun *Run) []Column {
	cols := []Column{{ID: "population", Kind: Quantity}}
	seen := map[string]bool{"population": true}
	add := func(id string, k ColumnKind) {
		if !seen[id] && (old.Has(id) || new.Has(id)) {
			seen[id] = true
			cols = append(cols, Column{ID: id, Kind: k})
		}
	}
	for _, r := range []*Run{newRun, oldRun} {
		for _, ind := range r.Resume.Indicators {
			add(ind.ID, Quantity)
		}
	}
	for _, t := range []*Table{new, old} {
		for _, col := range t.Columns {
			if id, ok := strings.CutPrefix(col, "score_"); ok {
				add(col, Quantity)
				add("classe_"+id, Class)
			}
		}
	}
	add("rang", Rank)
	return cols
}

// level compares one level's tables.
func (c *Comparison) level(id string) Level {
	ot, nt := c.Old.Table(id), c.New.Table(id)
	lv := Level{ID: id, Label: label(c.New, id), Columns: columns(ot, nt, c.Old, c.New)}
	var former map[string]string
	if id == "commune" {
		former = c.Options.FormerCodes
	}
	pairs := harmonise(codes(ot), codes(nt), former, c.Target)
	alerts := c.levelAlerts(id, pairs)
	for _, p := range pairs {
		row := Row{Code: p.code, Status: p.status, Old: make([]float64, len(lv.Columns)), New: make([]float64, len(lv.Columns))}
		for _, i := range p.old {
			row.OldCodes = append(row.OldCodes, ot.Rows[i].Code)
		}
		for _, i := range p.new {
			row.NewCodes = append(row.NewCodes, nt.Rows[i].Code)
		}
		row.Name = name(ot, nt, p, c.Target)
		fill(row.Old, lv.Columns, ot, p.old)
		fill(row.New, lv.Columns, nt, p.new)
		row.Alerts = rowAlerts(alerts, p, ot, nt, c.New, c.Old)
		lv.Rows = append(lv.Rows, row)
	}
	return lv
}

func label(r *Run, id string) string {
	for _, lv := range r.Resume.Levels {
		if lv.ID == id {
			return lv.Label
		}
	}
	return id
}

func codes(t *Table) []string {
	out := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.Code
	}
	return out
}

// name is the territory's name in the target run, else in the other one.
func name(ot, nt *Table, p pair, target Side) string {
	if (target == New || len(p.old) == 0) && len(p.new) > 0 {
		return nt.Rows[p.new[0]].Name
	}
	return ot.Rows[p.old[0]].Name
}

// fill sets one side's values of a row from the run rows joined in it: the row's
// own values for one row; for several (a merge), the summed population and nothing
// else, since rates, scores, classes and ranks of parts do not add up.
func fill(dst []float64, cols []Column, t *Table, rows []int) {
	for i, col := range cols {
		switch {
		case len(rows) == 1:
			dst[i] = t.Value(t.Rows[rows[0]], col.ID)
		case len(rows) > 1 && col.ID == "population":
			sum := 0.0
			for _, r := range rows {
				sum += t.Value(t.Rows[r], col.ID)
			}
			dst[i] = sum
		default:
			dst[i] = math.NaN()
		}
	}
}

// levelAlerts are the alerts every row of a level carries, from what differs between
// the runs.
func (c *Comparison) levelAlerts(id string, pairs []pair) map[string]bool {
	a := map[string]bool{}
	og, ng := c.Old.Resume.Geography, c.New.Resume.Geography
	if og.Vintage != ng.Vintage && id != "commune" {
		a[AlertGeography] = true
	}
	if og.PopulationSource != ng.PopulationSource && !populationVintageOnly(og.PopulationSource, ng.PopulationSource) {
		a[AlertPopulation] = true
	}
	om, nm := methodLevel(c.Old, id), methodLevel(c.New, id)
	if om == nil && nm == nil {
		return a // not scored: no score, class or rank
	}
	if om == nil || nm == nil || c.Old.Resume.Method.ID != c.New.Resume.Method.ID || !sameJSON(om.Params, nm.Params) {
		a[AlertMethod] = true
	}
	for _, rs := range c.References {
		if rs.Level == id && rs.shifts {
			a[AlertReference] = true
		}
	}
	if om != nil && nm != nil && !sameLimits(om.Limits, nm.Limits) {
		a[AlertClasses] = true
	}
	for _, p := range pairs {
		if p.status != Matched && p.status != Recoded || p.perimeter {
			a[AlertRank] = true
		}
	}
	return a
}

// rowAlerts adds to the level's alerts those of the row: a changed perimeter, a
// harmonised commune, and every indicator whose coverage differs.
func rowAlerts(level map[string]bool, p pair, ot, nt *Table, newRun, oldRun *Run) []string {
	var out []string
	for _, k := range []string{AlertGeography, AlertPerimeter, AlertPopulation, AlertMethod, AlertReference, AlertClasses, AlertRank} {
		switch {
		case level[k]:
			out = append(out, k)
		case k == AlertPerimeter && p.perimeter:
			out = append(out, k)
		}
	}
	if len(p.old) == 1 && len(p.new) == 1 {
		seen := map[string]bool{}
		for _, r := range []*Run{newRun, oldRun} {
			for _, ind := range r.Resume.Indicators {
				col := ind.ID + "_couverture"
				if seen[col] || !ot.Has(col) || !nt.Has(col) {
					continue
				}
				seen[col] = true
				o, n := ot.Value(ot.Rows[p.old[0]], col), nt.Value(nt.Rows[p.new[0]], col)
				if !math.IsNaN(o) && !math.IsNaN(n) && o != n {
					out = append(out, AlertCoverage+ind.ID)
				}
			}
		}
	}
	return out
}

func methodLevel(r *Run, level string) *MethodLevel {
	for i := range r.Resume.Method.Levels {
		if r.Resume.Method.Levels[i].Level == level {
			return &r.Resume.Method.Levels[i]
		}
	}
	return nil
}

func sameLimits(a, b []ClassLimits) bool {
	return slices.EqualFunc(a, b, func(x, y ClassLimits) bool {
		return x.Score == y.Score && slices.Equal(x.Limits, y.Limits)
	})
}
