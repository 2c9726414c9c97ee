package view

import "github.com/diagnum/diagnum/diagnostic"

// Hooks for the mediation offer. The Result now carries it (Result.Offer: the places
// and the offer columns; Level.OfferRows, Quadrants and Priorities), but its shape was
// still moving when the reports were written, so the reports read it only through the
// functions below, which return nothing yet: every writer then leaves out what would
// show it. Fill them from the Result only — writers compute nothing — and the workbook
// and the page pick the figures up without other change.

// OfferKeyFigures returns the key-figure rows of the offer, one value per column:
// from each column territory's Level.OfferRows, the Offer.Columns "lieux_pour_10000_hab"
// (unit "lieux / 10 000 hab.") and "part_population_au_dela_<r>km" (unit "%").
func OfferKeyFigures(res *diagnostic.Result, columns []Ref) []KeyRow { return nil }

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
	Drivers           []string
}

// Priorities returns the priority list of the studied levels, EPCI first, in the
// Result's order; nil while the hook is not filled (the reports then list the most
// fragile territories instead).
func Priorities(res *diagnostic.Result) []Priority { return nil }
