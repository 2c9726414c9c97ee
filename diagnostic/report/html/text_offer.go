package html

import (
	"math"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
)

// offerIntro introduces the part of the page on the mediation offer; "" without places.
func offerIntro(res *diagnostic.Result) string {
	if res.Offer == nil {
		return ""
	}
	return "Le besoin, la fragilité numérique, est mis en regard de l'offre de médiation numérique : les lieux où se faire aider (" +
		view.OfferSource(res) + "). Un territoire fragile où les lieux sont rares est prioritaire."
}

// offerLead are the summary's sentences on the offer: each studied territory's
// places, places per 10,000 inhabitants and share of the population far from a
// place, against the reference territory; then how many territories are priorities.
func offerLead(res *diagnostic.Result) []string {
	if res.Offer == nil {
		return nil
	}
	var out []string
	ref, hasRef := view.OfferReference(res)
	against := func(j int, unit string) string {
		if !hasRef {
			return ""
		}
		v := view.OfferValue(ref.Level, ref.Row, j)
		if math.IsNaN(v) {
			return ""
		}
		return " (" + ref.Name() + " : " + view.Value(v, unit) + ")"
	}
	places, per := view.OfferColumn(res, view.ColumnPlaces), view.OfferColumn(res, view.ColumnPerTenThousand)
	k := view.BuildKeyFigures(res)
	for c, col := range k.Columns {
		if !k.Studied[c] {
			continue
		}
		n := view.OfferValue(col.Level, col.Row, places)
		if math.IsNaN(n) {
			continue
		}
		s := "Offre de médiation numérique de " + col.Name() + " : " + placesText(n)
		if v := view.OfferValue(col.Level, col.Row, per); !math.IsNaN(v) {
			s += ", soit " + view.Number(v, 2) + " pour 10 000 habitants" + against(per, "lieux / 10 000 hab.")
		}
		for j, oc := range res.Offer.Columns {
			if strings.HasPrefix(oc.ID, "part_population_au_dela_") {
				if v := view.OfferValue(col.Level, col.Row, j); !math.IsNaN(v) {
					s += " ; " + lowerFirst(oc.Label) + " : " + view.Value(v, oc.Unit) + against(j, oc.Unit)
				}
				break // the nearest radius: the others are in the key figures
			}
		}
		out = append(out, s+".")
	}
	var counts []string
	for _, lv := range view.Studied(res) {
		if n := len(lv.Priorities); n > 0 {
			counts = append(counts, view.Number(float64(n), 0)+" "+levelNoun(lv.ID, n))
		}
	}
	if len(counts) > 0 {
		out = append(out, "Territoires prioritaires, à la fragilité élevée et à l'offre faible : "+strings.Join(counts, ", ")+
			" (liste dans la partie « Besoins et offre de médiation numérique »).")
	}
	return out
}

// levelNoun names n territories of a level: "commune", "communes", "EPCI".
func levelNoun(id string, n int) string {
	name := view.LevelName(id)
	if n > 1 && id != "epci" {
		name += "s"
	}
	return name
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
