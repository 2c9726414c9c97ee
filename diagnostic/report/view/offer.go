package view

import (
	"math"
	"slices"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/indicators/offer"
)

// The mediation offer as the reports show it. Every accessor reads the Result
// defensively — an offer row missing, shorter than the columns or of another
// territory reads as missing, never as another territory's figure — so a change in
// how the pipeline fills the offer shows as gaps, not as wrong numbers.

// Offer column IDs the reports single out.
const (
	ColumnPlaces         = "lieux_mediation"
	ColumnPerTenThousand = "lieux_pour_10000_hab"
	columnBeyond         = "population_au_dela_"
	columnBeyondShare    = "part_population_au_dela_"
)

// OfferColumn returns the position of offer column id in Result.Offer.Columns, -1
// when the Result has no offer or no such column.
func OfferColumn(res *diagnostic.Result, id string) int {
	if res.Offer == nil {
		return -1
	}
	return slices.IndexFunc(res.Offer.Columns, func(c offer.Column) bool { return c.ID == id })
}

// OfferValue returns offer column j of row i of lv, NaN when the level has no offer
// figure there.
func OfferValue(lv *diagnostic.Level, i, j int) float64 {
	if i < 0 || j < 0 || i >= len(lv.OfferRows) || i >= len(lv.Rows) || lv.OfferRows[i].Code != lv.Rows[i].Code ||
		j >= len(lv.OfferRows[i].Values) {
		return math.NaN()
	}
	return lv.OfferRows[i].Values[j].Value
}

// QuadrantOf returns the quadrant of row i of lv, offer.QuadrantUnknown when the
// level was not placed.
func QuadrantOf(lv *diagnostic.Level, i int) offer.Quadrant {
	if i < 0 || i >= len(lv.Quadrants) || len(lv.Quadrants) != len(lv.Rows) {
		return offer.QuadrantUnknown
	}
	return lv.Quadrants[i]
}

// QuadrantLabel is the French label of a quadrant, "" when unknown: a blank reads
// as "not available" in every table of the reports.
func QuadrantLabel(q offer.Quadrant) string {
	if q == offer.QuadrantUnknown {
		return ""
	}
	return q.Label()
}

// Quadrants lists the quadrants in report order: the priority one first, unknown last.
var Quadrants = []offer.Quadrant{offer.FragileUnderserved, offer.FragileServed, offer.SturdyUnderserved, offer.SturdyServed, offer.QuadrantUnknown}

// QuadrantCount is how many territories of a level fall in one quadrant.
type QuadrantCount struct {
	Quadrant    offer.Quadrant
	Territories int
}

// QuadrantCounts counts a level's territories per quadrant, in the order of
// Quadrants (every quadrant listed, even empty); nil when the level was not placed.
func QuadrantCounts(lv *diagnostic.Level) []QuadrantCount {
	if lv.Quadrants == nil {
		return nil
	}
	out := make([]QuadrantCount, len(Quadrants))
	for k, q := range Quadrants {
		out[k].Quadrant = q
	}
	for i := range lv.Rows {
		q := QuadrantOf(lv, i)
		out[slices.Index(Quadrants, q)].Territories++
	}
	return out
}

// OfferReference returns the territory whose values are the thresholds of the
// quadrants and the priority list (Offer.Reference: a level, whose first territory
// it is, or a territory's code), and false when the Result does not say.
func OfferReference(res *diagnostic.Result) (Ref, bool) {
	if res.Offer == nil || res.Offer.Reference == "" {
		return Ref{}, false
	}
	if lv := Level(res, res.Offer.Reference); lv != nil && len(lv.Rows) > 0 {
		return Ref{Level: lv, Row: 0}, true
	}
	for i := range res.Levels {
		lv := &res.Levels[i]
		for r, row := range lv.Rows {
			if lv.Reference && row.Code == res.Offer.Reference {
				return Ref{Level: lv, Row: r}, true
			}
		}
	}
	return Ref{}, false
}

// OfferSource names the lists of places for a caption: "Liste des France services,
// 1er août 2024 ; …", each list once.
func OfferSource(res *diagnostic.Result) string {
	var out []string
	for _, in := range res.Inputs {
		if in.Role != "places" {
			continue
		}
		s := in.Title
		if s == "" {
			s = in.Path
		}
		if in.Vintage != "" {
			s += ", " + in.Vintage
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 && res.Offer != nil {
		for _, f := range res.Offer.Files {
			out = append(out, f.Path)
		}
	}
	return strings.Join(out, " ; ")
}

// OfferKeyFigures returns the key-figure rows of the offer, one value per column,
// from each column territory's Level.OfferRows: the places, the places per 10,000
// inhabitants, and the population beyond each radius with its share (in the order
// of Offer.Columns). The reference territory is one of the columns (France), so each
// figure reads against it. Nil without an offer.
func OfferKeyFigures(res *diagnostic.Result, columns []Ref) []KeyRow {
	if res.Offer == nil {
		return nil
	}
	source := OfferSource(res)
	var out []KeyRow
	for j, c := range res.Offer.Columns {
		if c.ID != ColumnPlaces && c.ID != ColumnPerTenThousand &&
			!strings.HasPrefix(c.ID, columnBeyond) && !strings.HasPrefix(c.ID, columnBeyondShare) {
			continue
		}
		r := KeyRow{Label: c.Label, Unit: c.Unit, Source: source}
		if len(out) > 0 {
			r.Source = "idem" // the same lists: named once, not six times
		}
		for _, col := range columns {
			r.Values = append(r.Values, OfferValue(col.Level, col.Row, j))
		}
		out = append(out, r)
	}
	return out
}

// Priority is one territory of the priority list, as the reports show it: read from
// Level.Priorities (offer.Priority), its quadrant and drivers in French.
type Priority struct {
	Level             string // level ID
	Rank              int    // 1 = most in need
	Code, Name        string
	Quadrant          string // offer.Quadrant.Label()
	FragilePopulation float64
	Places            float64
	NeedPerPlace      float64 // +Inf without any place: shown "aucun lieu"
	// Drivers describe the (at most two) indicators driving its fragility, each
	// with its value and the reference territory's: "Taux de chômage … : 15,1 %
	// (France : 13,4 %)".
	Drivers []string
	// Factors are the same drivers as figures, for tables of numbers.
	Factors []Factor
}

// Factor is one indicator driving a priority territory's fragility.
type Factor struct {
	ID, Label, Unit  string
	Value, Reference float64
}

// Priorities returns the priority list of the studied levels, EPCI first (the
// order of Studied), each level's list in its own order (most in need first).
func Priorities(res *diagnostic.Result) []Priority {
	if res.Offer == nil {
		return nil
	}
	refName := "référence"
	if r, ok := OfferReference(res); ok {
		refName = r.Name()
	}
	var out []Priority
	for _, lv := range Studied(res) {
		for _, p := range lv.Priorities {
			pr := Priority{Level: lv.ID, Rank: p.Rank, Code: p.Code, Name: p.Name, Quadrant: QuadrantLabel(p.Quadrant),
				FragilePopulation: p.FragilePopulation, Places: p.Places, NeedPerPlace: p.NeedPerPlace}
			for _, d := range p.Drivers {
				f := Factor{ID: d.ID, Label: d.ID, Value: d.Value, Reference: d.Reference}
				if k := slices.IndexFunc(res.Indicators, func(ind diagnostic.Indicator) bool { return ind.ID == d.ID }); k >= 0 {
					f.Label, f.Unit = res.Indicators[k].Label, res.Indicators[k].Unit
				}
				pr.Factors = append(pr.Factors, f)
				pr.Drivers = append(pr.Drivers, f.Label+" : "+Value(f.Value, f.Unit)+" ("+refName+" : "+Value(f.Reference, f.Unit)+")")
			}
			out = append(out, pr)
		}
	}
	return out
}

// TopPriorities keeps the first n territories of each level of a priority list, for
// a summary; the full lists are in the workbook's sheet and the CSV files.
func TopPriorities(list []Priority, n int) []Priority {
	var out []Priority
	count := map[string]int{}
	for _, p := range list {
		if count[p.Level] < n {
			out = append(out, p)
		}
		count[p.Level]++
	}
	return out
}

// QuadrantThresholds returns the values a level's territories were compared with to
// place them in quadrants, as far as the Result tells them: the reference
// territory's places per 10,000 inhabitants, and its global score when every level's
// scores are measured against it (HundredLevel: 100). The fragility threshold is NaN
// otherwise (the pipeline then takes the median score of the level, which the
// Result does not hold); both are NaN without an offer reference.
func QuadrantThresholds(res *diagnostic.Result) (fragility, offerValue float64) {
	fragility, offerValue = math.NaN(), math.NaN()
	ref, ok := OfferReference(res)
	if !ok {
		return
	}
	offerValue = OfferValue(ref.Level, ref.Row, OfferColumn(res, ColumnPerTenThousand))
	if lv, ok := HundredLevel(res); ok && lv == ref.Level.ID {
		fragility = 100
	}
	return
}

// QuadrantRule says in French how a territory is placed in a quadrant, with the
// thresholds the Result gives: "« fragilité élevée » quand le score global … dépasse
// la valeur de référence (France : 100,0), « offre faible » quand …"; "" without an
// offer.
func QuadrantRule(res *diagnostic.Result) string {
	if res.Offer == nil {
		return ""
	}
	name := "référence"
	if r, ok := OfferReference(res); ok {
		name = r.Name()
	}
	fragility, places := QuadrantThresholds(res)
	s := "« fragilité élevée » quand le " + res.Offer.Fragility + " dépasse "
	if math.IsNaN(fragility) {
		s += "la médiane des scores du niveau"
	} else {
		s += "la valeur de référence (" + name + " : " + Number(fragility, 1) + ")"
	}
	return s + ", « offre faible » quand ses lieux pour 10 000 habitants sont en dessous de la valeur de référence (" +
		name + " : " + Number(places, 2) + ")"
}
