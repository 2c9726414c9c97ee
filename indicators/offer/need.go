package offer

import (
	"cmp"
	"math"
	"slices"

	"github.com/diagnum/diagnum/indicators"
)

// Need is one territory's fragility and offer, as Quadrant and Prioritize read them.
type Need struct {
	Code, Name string
	// Fragility says how fragile the territory is, higher meaning more fragile: a
	// composite score or a rate, the same measure for every territory and the
	// reference.
	Fragility float64
	// Offer says how well served it is, higher meaning better served, e.g. places per
	// 10,000 inhabitants.
	Offer float64
	// FragilePopulation is the number of people the fragility concerns, e.g. the
	// population aged 65+ or without diploma (a count, or population × a share).
	FragilePopulation float64
	// Places is the number of places of the territory.
	Places float64
	// Indicators are the territory's indicator values, aligned with Drivers.IDs, from
	// which the two that drive its fragility are chosen; nil when not asked.
	Indicators []float64
}

// Quadrant places a territory on the need/offer plane against a reference territory.
type Quadrant int

// The quadrants. A territory exactly at the reference value counts as not fragile,
// and as served: only a strict excess of fragility or lack of offer marks it.
const (
	// QuadrantUnknown: the fragility, the offer or a reference value is missing.
	QuadrantUnknown Quadrant = iota
	// FragileUnderserved: more fragile and less served than the reference: the
	// territories to look at first.
	FragileUnderserved
	// FragileServed: more fragile than the reference, at least as well served.
	FragileServed
	// SturdyUnderserved: not more fragile, less served.
	SturdyUnderserved
	// SturdyServed: not more fragile, at least as well served.
	SturdyServed
)

// ID names the quadrant in outputs.
func (q Quadrant) ID() string {
	switch q {
	case FragileUnderserved:
		return "fragile-sous-dote"
	case FragileServed:
		return "fragile-dote"
	case SturdyUnderserved:
		return "peu-fragile-sous-dote"
	case SturdyServed:
		return "peu-fragile-dote"
	}
	return ""
}

// Label describes the quadrant in French.
func (q Quadrant) Label() string {
	switch q {
	case FragileUnderserved:
		return "fragilité élevée, offre faible"
	case FragileServed:
		return "fragilité élevée, offre élevée"
	case SturdyUnderserved:
		return "fragilité faible, offre faible"
	case SturdyServed:
		return "fragilité faible, offre élevée"
	}
	return "inconnu"
}

// Reference is the territory whose values are the thresholds of the quadrants
// (typically the région or France, computed the same way as the territories).
type Reference struct {
	Code, Name string
	Fragility  float64
	Offer      float64
}

// QuadrantOf places n against the reference: fragility high when n.Fragility >
// ref.Fragility, offer low when n.Offer < ref.Offer.
func QuadrantOf(n Need, ref Reference) Quadrant {
	if !finite(n.Fragility) || !finite(n.Offer) || !finite(ref.Fragility) || !finite(ref.Offer) {
		return QuadrantUnknown
	}
	fragile, under := n.Fragility > ref.Fragility, n.Offer < ref.Offer
	switch {
	case fragile && under:
		return FragileUnderserved
	case fragile:
		return FragileServed
	case under:
		return SturdyUnderserved
	}
	return SturdyServed
}

// NeedPerPlace is the fragile population per place; +Inf when there is fragile
// population and no place, NaN when either is unknown or both are zero.
func NeedPerPlace(fragile, places float64) float64 {
	switch {
	case !finite(fragile) || !finite(places) || places < 0 || fragile < 0:
		return math.NaN()
	case places == 0 && fragile == 0:
		return math.NaN()
	case places == 0:
		return math.Inf(1)
	}
	return fragile / places
}

// Drivers describes the indicators among which the two driving each territory's
// fragility are chosen.
type Drivers struct {
	IDs        []string
	Directions []indicators.Direction // aligned with IDs
	Reference  []float64              // the reference territory's values, aligned with IDs
}

// Driver is one indicator driving a territory's fragility.
type Driver struct {
	ID        string
	Value     float64
	Reference float64
	// Ratio is how far the value is from the reference in the fragile direction:
	// value / reference when higher is more fragile, reference / value when lower is;
	// above 1 the territory is more fragile than the reference on this indicator.
	Ratio float64
}

// Drive returns, largest ratio first, the (at most) n indicators whose ratio to the
// reference in the fragile direction is highest, ties broken by the order of IDs.
// Indicators whose value or reference is missing, zero or negative are skipped: no
// ratio says how far they are.
func (d Drivers) Drive(values []float64, n int) []Driver {
	var out []Driver
	for i, id := range d.IDs {
		if i >= len(values) || i >= len(d.Reference) || i >= len(d.Directions) {
			break
		}
		v, ref := values[i], d.Reference[i]
		if !finite(v) || !finite(ref) || v <= 0 || ref <= 0 {
			continue
		}
		r := v / ref
		if d.Directions[i] == indicators.LowerIsFragile {
			r = ref / v
		}
		out = append(out, Driver{ID: id, Value: v, Reference: ref, Ratio: r})
	}
	slices.SortStableFunc(out, func(a, b Driver) int { return cmp.Compare(b.Ratio, a.Ratio) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Priority is one territory of the ranked list.
type Priority struct {
	Rank int // 1 = most in need
	Code string
	Name string
	Quadrant
	FragilePopulation float64
	Places            float64
	// NeedPerPlace is FragilePopulation / Places, +Inf without any place.
	NeedPerPlace float64
	// Drivers are the two indicators that drive its fragility most (fewer when fewer
	// are known).
	Drivers []Driver
}

// Prioritize ranks territories by fragile population per place, the territories
// with fragile population and no place first (by fragile population), ties broken
// by code. Only the territories of the FragileUnderserved quadrant are listed, unless
// all is true; territories whose need per place is unknown are never listed.
func Prioritize(needs []Need, ref Reference, d Drivers, all bool) []Priority {
	var out []Priority
	for _, n := range needs {
		q := QuadrantOf(n, ref)
		if !all && q != FragileUnderserved {
			continue
		}
		npp := NeedPerPlace(n.FragilePopulation, n.Places)
		if math.IsNaN(npp) {
			continue
		}
		p := Priority{Code: n.Code, Name: n.Name, Quadrant: q, FragilePopulation: n.FragilePopulation, Places: n.Places, NeedPerPlace: npp}
		if n.Indicators != nil {
			p.Drivers = d.Drive(n.Indicators, 2)
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Priority) int {
		if c := cmp.Compare(b.NeedPerPlace, a.NeedPerPlace); c != 0 {
			return c
		}
		if math.IsInf(a.NeedPerPlace, 1) {
			if c := cmp.Compare(b.FragilePopulation, a.FragilePopulation); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Code, b.Code)
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}
