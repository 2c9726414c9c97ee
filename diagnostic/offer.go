package diagnostic

import (
	"math"
	"slices"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/defaults"
	"github.com/diagnum/diagnum/diagnostic/ingest"
	"github.com/diagnum/diagnum/diagnostic/places"
	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/offer"
)

// Offer is the mediation offer of a run: the places read, the offer indicators
// (each level's OfferRows follow Columns) and how need was set against offer.
type Offer struct {
	Columns []offer.Column
	// Places are the places of the studied territory, each counted once; the lists'
	// other places (PlacesElsewhere) still count where they are, and as the nearest
	// place of a commune across a border.
	Places          []places.Place
	PlacesElsewhere int
	Files           []places.FileStats
	Merged          int
	Rejected        int
	// Fragility says what measures fragility in the quadrants and the priority list,
	// FragilePopulation what counts as the fragile population; Reference names the
	// territory whose values are the thresholds.
	Fragility         string
	FragilePopulation string
	Reference         string
}

// readPlaces reads the lists of places of the spec; their inputs join the run's.
func readPlaces(p *prepared, s *spec.Spec) error {
	var sources []places.Source
	for _, src := range s.Sources.Places {
		in := places.Source{Path: src.Path, Format: src.Format}
		if len(src.Mapping) > 0 {
			in.Mapping = map[string]string{}
			for _, m := range src.Mapping {
				in.Mapping[m.Field] = m.Column
			}
		}
		meta := Input{Path: src.Path, Role: "places", Producer: src.Producer, Title: src.Title, Vintage: src.Vintage, Licence: src.Licence}
		if name, ok := strings.CutPrefix(src.Path, spec.EmbeddedPrefix); ok {
			data, ds, err := defaults.OpenFile(name)
			if err != nil {
				return err
			}
			in.Data = data
			meta.Note = embeddedNote(ds)
		} else {
			in.Path = s.Resolve(src.Path)
			meta.Path = in.Path
		}
		sum, size, err := ingest.Checksum(ingest.Source{Path: in.Path, Data: in.Data})
		if err != nil {
			return err
		}
		meta.SHA256, meta.Bytes = sum, size
		sources = append(sources, in)
		p.placeInputs = append(p.placeInputs, meta)
	}
	if len(sources) == 0 {
		return nil
	}
	res, err := places.Read(p.geo, sources, places.Options{})
	p.places = res
	return err
}

// offerTable measures the offer per commune of the run's commune table.
func offerTable(p *prepared) *offer.Table {
	c := p.ingest.Communes
	oc := offer.Communes{Codes: c.Codes, Population: c.Population, Lat: make([]float64, len(c.Codes)), Lon: make([]float64, len(c.Codes))}
	for i, code := range c.Codes {
		oc.Lat[i], oc.Lon[i] = math.NaN(), math.NaN()
		if lat, lon, ok := p.geo.Centroid(code); ok {
			oc.Lat[i], oc.Lon[i] = lat, lon
		}
	}
	return offer.Compute(oc, p.places.Offer(p.geo), offer.Params{Programmes: p.places.Programmes()})
}

// addOffer computes the offer indicators of every level, then places each studied
// territory against the reference territory and ranks the priorities.
func addOffer(p *prepared, res *Result, computed map[string]territoryLevel, reference string) {
	if p.places == nil {
		return
	}
	t := offerTable(p)
	res.Offer = &Offer{Columns: t.Columns(), Files: p.places.Files,
		Merged: p.places.Merged, Rejected: p.places.Rejected, Reference: reference}
	for _, pl := range p.places.Places {
		if p.scope.communes[pl.Commune] {
			res.Offer.Places = append(res.Offer.Places, pl)
		} else {
			res.Offer.PlacesElsewhere++
		}
	}
	for i := range res.Levels {
		lv := &res.Levels[i]
		lv.OfferRows = t.Rows(computed[lv.ID].plan.territories)
	}
	fragile := fragilePopulation(res)
	res.Offer.FragilePopulation = fragile.label
	res.Offer.Fragility = "score global de l'indice " + res.Method.ID
	refLevel := levelByID(res, reference)
	if refLevel == nil || len(refLevel.Rows) == 0 {
		return
	}
	perTenThousand := slices.IndexFunc(res.Offer.Columns, func(c offer.Column) bool { return c.ID == "lieux_pour_10000_hab" })
	placesCol := slices.IndexFunc(res.Offer.Columns, func(c offer.Column) bool { return c.ID == "lieux_mediation" })
	drivers := offer.Drivers{}
	for _, ind := range res.Indicators {
		drivers.IDs = append(drivers.IDs, ind.ID)
		drivers.Directions = append(drivers.Directions, ind.Direction)
	}
	for i := range res.Levels {
		lv := &res.Levels[i]
		if lv.Reference || lv.Scores == nil {
			continue
		}
		ref := referenceFor(lv, refLevel, perTenThousand)
		drivers.Reference = rowValues(refLevel.Rows[0])
		needs := make([]offer.Need, len(lv.Rows))
		lv.Quadrants = make([]offer.Quadrant, len(lv.Rows))
		for k, row := range lv.Rows {
			needs[k] = offer.Need{Code: row.Code, Name: row.Name, Fragility: globalScore(lv, k),
				Offer: lv.OfferRows[k].Values[perTenThousand].Value, FragilePopulation: fragile.of(row),
				Places: lv.OfferRows[k].Values[placesCol].Value, Indicators: rowValues(row)}
			lv.Quadrants[k] = offer.QuadrantOf(needs[k], ref)
		}
		lv.Priorities = offer.Prioritize(needs, ref, drivers, false)
	}
}

// referenceFor gives the thresholds of the quadrants: the reference territory's
// offer, and its fragility score, which is 100 by construction when the method
// normalises by distance to that territory; otherwise the median score of the level.
//
// The reference territory is the first of its level: France, or the région of a
// study within one région (a study spanning régions is compared with the first).
func referenceFor(lv *Level, refLevel *Level, perTenThousand int) offer.Reference {
	row := refLevel.Rows[0]
	ref := offer.Reference{Code: row.Code, Name: row.Name, Fragility: 100, Offer: refLevel.OfferRows[0].Values[perTenThousand].Value}
	p := lv.Scores.Params
	if p.Method != composite.MethodKit && (p.Method != composite.MethodDiagnum || p.Normalisation != "reference") {
		var scores []float64
		for k := range lv.Rows {
			if s := globalScore(lv, k); !math.IsNaN(s) {
				scores = append(scores, s)
			}
		}
		slices.Sort(scores)
		ref.Fragility = math.NaN()
		if n := len(scores); n > 0 {
			ref.Fragility = (scores[(n-1)/2] + scores[n/2]) / 2
		}
	}
	return ref
}

func globalScore(lv *Level, k int) float64 {
	for i, s := range lv.Scores.Scores {
		if s.ID == composite.GlobalID {
			if v := lv.Scores.Territories[k].Scores[i]; v.OK() {
				return v.Value
			}
		}
	}
	return math.NaN()
}

func rowValues(row indicators.Row) []float64 {
	out := make([]float64, len(row.Values))
	for i, v := range row.Values {
		out[i] = v.Value
	}
	return out
}

func levelByID(res *Result, id string) *Level {
	for i := range res.Levels {
		if res.Levels[i].ID == id {
			return &res.Levels[i]
		}
	}
	return nil
}

// fragileCount says who counts as the fragile population of a territory.
type fragileCount struct {
	label string
	of    func(indicators.Row) float64
}

// fragilePopulation picks the fragile population the inputs allow, in this order:
// people aged 65+, non-students without diploma, unemployed 15-64 (counts, known in
// every commune), people below the poverty line (rate × population, an
// approximation, secret in small communes); else the population.
func fragilePopulation(res *Result) fragileCount {
	for _, c := range []struct{ id, label string }{
		{"part_65_plus", "personnes de 65 ans et plus"},
		{"part_peu_diplomes", "non-scolarisés de 15 ans et plus sans diplôme ou avec le BEPC au plus"},
		{"taux_chomage_15_64", "chômeurs de 15 à 64 ans"},
		{"taux_pauvrete", "personnes sous le seuil de pauvreté (taux × population, approximation)"},
	} {
		i := slices.IndexFunc(res.Indicators, func(ind Indicator) bool { return ind.ID == c.id })
		if i < 0 {
			continue
		}
		kind := res.Indicators[i].Kind
		return fragileCount{label: c.label, of: func(row indicators.Row) float64 {
			v := row.Values[i]
			if kind == indicators.Level {
				return v.Value / 100 * row.Population
			}
			return v.Numerator
		}}
	}
	return fragileCount{label: "population (aucun indicateur de fragilité n'est disponible)", of: func(row indicators.Row) float64 { return row.Population }}
}
