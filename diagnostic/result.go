package diagnostic

import (
	"github.com/diagnum/diagnum/diagnostic/ingest"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/uncertainty"
	"github.com/diagnum/diagnum/indicators/offer"
)

// Result is everything a run established: the one value every report writer reads.
// Writers format it; they compute nothing new.
type Result struct {
	// Territory is the studied territory as asked ("dep:58") and named.
	Territory []TerritoryInfo
	// Geography says which communes, EPCI, départements and régions were used.
	Geography GeographyInfo
	// Inputs lists every file read, with checksum and provenance.
	Inputs []Input
	// Indicators are the catalogue entries the inputs could provide, in catalogue order;
	// every Row.Values of every level is aligned with it.
	Indicators []Indicator
	// Missing are the catalogue entries the inputs could not provide, with the reason.
	Missing []indicators.Missing
	// Levels holds, in order, communes, EPCI and départements of the studied territory,
	// then the région(s) and France as references.
	Levels []Level
	// Method is the composite fragility index computed; each studied level's Scores
	// hold its results.
	Method MethodInfo
	// Offer is the mediation offer, nil when no list of places was given; each
	// level's OfferRows, Quadrants and Priorities hold its figures.
	Offer *Offer
	// Matching counts how input codes were matched to today's communes.
	Matching Matching
	// Problems lists every warning and note: what was corrected, dropped, rolled up or
	// left missing, with file and row. Errors never reach a Result: they fail the run.
	Problems problem.List
}

// TerritoryInfo is one part of the studied territory.
type TerritoryInfo struct {
	Spec  string // as asked: "dep:58"
	Level string // "france", "region", "departement", "epci", "commune"
	Code  string
	Name  string
}

// GeographyInfo says where the territorial structure came from.
type GeographyInfo struct {
	Vintage          string // "COG 2026"
	Source           string
	PopulationSource string // where the population column comes from
}

// Input is one file read (or one dataset embedded in the binary).
type Input struct {
	Path     string // as the user gave it, or "embedded:NAME"
	Role     string // "census", "services", "geography"
	SHA256   string
	Bytes    int64
	Producer string
	Title    string
	Vintage  string
	Licence  string
	Note     string
	Tables   []TableRead
}

// TableRead is one sheet or archive member read from an input.
type TableRead = ingest.TableRead

// Indicator is a resolved catalogue entry with the provenance of its variables.
type Indicator struct {
	indicators.Resolved
	// VintageLabel dates the figure for people: "RP 2018", "Filosofi 2019", "ARCEP 30/09/2019".
	VintageLabel string
	// Sources are the paths of the inputs its variables were read from.
	Sources []string
}

// Level is one territory level's table.
type Level struct {
	ID        string // "commune", "epci", "departement", "region", "france"
	Label     string // French: "Communes", "EPCI", "Départements", "Régions", "France"
	Reference bool   // région and France: shown for comparison, not studied
	Rows      []indicators.Row
	// Members are, row by row, the codes of the communes each territory is made of
	// (all of them, studied or not); nil for communes, or when not filled. Reports use
	// them to show how commune figures spread within each EPCI.
	Members [][]string
	// Scores is the composite index of this level's territories, computed from the
	// level's own aggregated indicators, its Territories aligned with Rows; nil for
	// the reference levels.
	Scores *composite.Result
	// Ranks is the Monte Carlo analysis of the ranks, when asked; nil otherwise.
	Ranks *uncertainty.Result
	// OfferRows are the offer indicators of each territory (Offer.Columns), aligned
	// with Rows; nil without places.
	OfferRows []indicators.Row
	// Quadrants place each studied territory on the need × offer plane against the
	// reference territory, aligned with Rows; nil for reference levels.
	Quadrants []offer.Quadrant
	// Priorities are the fragile and under-served territories of the level, most in
	// need first.
	Priorities []offer.Priority
}

// Matching counts the input codes by how they were matched to today's communes.
type Matching = ingest.Matching
