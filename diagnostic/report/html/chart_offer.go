package html

import "github.com/diagnum/diagnum/diagnostic"

// Hooks for the mediation offer: the functions below are where the page draws it.
// Each returns nothing yet and the page leaves the chart out. Fill them from the
// Result's offer part only (Result.Offer, Level.OfferRows, Quadrants, Priorities):
// writers compute nothing.

// needOfferChart will plot each territory's need (global fragility score) against
// its offer (Level.OfferRows, column "lieux_pour_10000_hab"), coloured by the
// quadrant of Level.Quadrants, with the reference territory's values as the lines
// between quadrants (Offer.Reference), the priority quadrant highlighted.
func needOfferChart(res *diagnostic.Result) (*chart, error) { return nil, nil }

// leverChart will stack, per EPCI, the places offering each of the four levers of
// mediation (Level.OfferRows, columns "lieux_<lever>" of offer.Levers).
func leverChart(res *diagnostic.Result) (*chart, error) { return nil, nil }

// placesSeries will return the places (Result.Offer.Places with coordinates) as a
// scatter series on the maps' geo component: coordinateSystem "geo", value
// [longitude, latitude], name and tip lines from the place. Their names are escaped
// like every name: they go through JSON and the tooltip's escaping.
func placesSeries(res *diagnostic.Result) []any { return nil }
