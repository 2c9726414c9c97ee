package html

import (
	"math"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/offer"
)

// colourPlace marks the places of mediation on the maps: dark, with a white edge,
// to stand out on every class colour.
const colourPlace = "#1d2733"

// placesSeries returns the places of mediation of the mapped territory (those of
// Result.Offer.Places whose commune is among communes) that have coordinates, as a
// scatter series on the maps' geo component — value [longitude, latitude], tip
// lines from the place, escaped like every name (JSON, then the tooltip's escaping)
// — with the number drawn and the number left out for want of coordinates. Nil when
// no place is drawn.
func placesSeries(res *diagnostic.Result, communes map[string]bool) (map[string]any, int, int) {
	if res.Offer == nil {
		return nil, 0, 0
	}
	var data []item
	unlocated := 0
	for _, p := range res.Offer.Places {
		if !communes[p.Commune] {
			continue
		}
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || math.IsInf(p.Lat, 0) || math.IsInf(p.Lon, 0) {
			unlocated++
			continue
		}
		data = append(data, item{Name: p.Name, Value: []any{p.Lon, p.Lat}, Tip: placeTip(p.Name, p.Address, p.PostalCode, p.CommuneName,
			p.Levers, p.Programmes, p.Itinerant, p.HoursPerWeek)})
	}
	if len(data) == 0 {
		return nil, 0, unlocated
	}
	return map[string]any{"type": "scatter", "name": "Lieux de médiation numérique", "coordinateSystem": "geo", "geoIndex": 0,
		"data": toAny(data), "symbolSize": 8, "z": 4,
		"itemStyle": map[string]any{"color": colourPlace, "borderColor": "#ffffff", "borderWidth": 1}}, len(data), unlocated
}

// placeTip is a place's tooltip: name, address, levers, programmes, opening hours.
func placeTip(name, address, postal, commune string, levers, programmes []string, itinerant bool, hours float64) []string {
	tip := []string{name}
	if where := strings.TrimSpace(strings.Join(nonEmpty(address, strings.TrimSpace(postal+" "+commune)), ", ")); where != "" {
		tip = append(tip, where)
	}
	var labels []string
	for _, id := range levers {
		if l, ok := offer.LeverByID(id); ok {
			labels = append(labels, l.Label())
		}
	}
	if len(labels) > 0 {
		tip = append(tip, "Leviers : "+strings.Join(labels, ", "))
	}
	if len(programmes) > 0 {
		tip = append(tip, "Programme : "+strings.Join(programmes, ", "))
	}
	if itinerant {
		tip = append(tip, "Itinérant")
	}
	if !math.IsNaN(hours) {
		tip = append(tip, "Ouvert "+view.Number(hours, 1)+" h par semaine")
	}
	return tip
}

func nonEmpty(list ...string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
