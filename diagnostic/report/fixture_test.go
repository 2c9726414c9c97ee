package report

import (
	"math"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/composite"
)

// The definitions are spelled out rather than looked up in the catalogue, so the golden
// files change only when the report format does.
var (
	chomage = indicators.Definition{
		ID: "taux_chomage_15_64", Label: "Taux de chômage des 15-64 ans (au sens du recensement)", Unit: "%",
		Kind: indicators.Ratio, Direction: indicators.HigherIsFragile, Scale: 100,
		Source: "INSEE, recensement de la population",
	}
	revenu = indicators.Definition{
		ID: "revenu_median", Label: "Revenu disponible médian par unité de consommation", Unit: "€",
		Kind: indicators.Level, Direction: indicators.LowerIsFragile, Scale: 1,
		Source: "INSEE, Filosofi",
		Note:   "Non additif : au-dessus de la commune, moyenne pondérée par la population (approximation).",
	}
	thd = indicators.Definition{
		ID: "non_couverture_thd", Label: "Part des locaux non éligibles au très haut débit fixe (≥ 30 Mbit/s)", Unit: "%",
		Kind: indicators.Complement, Direction: indicators.HigherIsFragile, Scale: 100,
		Source: "ARCEP, Ma connexion internet",
	}
	jeunes = indicators.Definition{
		ID: "part_15_29", Label: "Part des 15-29 ans", Unit: "%",
		Kind: indicators.Ratio, Direction: indicators.HigherIsFragile, Scale: 100,
		Source: "INSEE, recensement de la population",
	}
)

var nan = math.NaN()

// val is a complete value; approx a population-weighted mean over part of the territory.
func val(v float64) indicators.Value { return indicators.Value{Value: v, Coverage: 1} }
func missing() indicators.Value {
	return indicators.Value{Value: nan, Numerator: nan, Denominator: nan}
}
func approx(v, coverage float64) indicators.Value {
	return indicators.Value{Value: v, Coverage: coverage, Approx: true}
}

// testResult is a small run on the Nièvre with two communes from elsewhere: one with a
// leading zero (01001), one in Corsica (2A004).
func testResult() *diagnostic.Result {
	return &diagnostic.Result{
		Territory: []diagnostic.TerritoryInfo{{Spec: "dep:58", Level: "departement", Code: "58", Name: "Nièvre"}},
		Geography: diagnostic.GeographyInfo{Vintage: "COG 2026", Source: "INSEE, code officiel géographique", PopulationSource: "RP 2018, P18_POP"},
		Inputs: []diagnostic.Input{
			{
				Path: "data/base-cc-emploi-pop-active-2018.zip", Role: "census", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
				Bytes: 1234567, Producer: "INSEE", Title: "Emploi - population active en 2018", Vintage: "2018", Licence: "Licence Ouverte 2.0",
				Tables: []diagnostic.TableRead{{Member: "base-cc-emploi-pop-active-2018.CSV", HeaderRow: 1, Rows: 34965, Columns: []string{"P18_ACT1564", "P18_CHOM1564", "P18_POP"}}},
			},
			{
				Path: "data/filosofi.xlsx", Role: "census", SHA256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
				Bytes: 987, Producer: "INSEE", Title: "Filosofi", Vintage: "2018", Licence: "Licence Ouverte 2.0", Note: "secret statistique",
				Tables: []diagnostic.TableRead{{Sheet: "COM", HeaderRow: 6, Rows: 31000, Columns: []string{"MED18"}}},
			},
		},
		Indicators: []diagnostic.Indicator{
			{Resolved: indicators.Resolved{Definition: chomage, Vintage: "18", Numerator: []string{"P18_CHOM1564"}, Denominator: []string{"P18_ACT1564"}},
				VintageLabel: "RP 2018", Sources: []string{"data/base-cc-emploi-pop-active-2018.zip"}},
			{Resolved: indicators.Resolved{Definition: revenu, Vintage: "18", Numerator: []string{"MED18"}},
				VintageLabel: "Filosofi 2018", Sources: []string{"data/filosofi.xlsx"}},
			{Resolved: indicators.Resolved{Definition: thd, Numerator: []string{"elig_thd30"}, Denominator: []string{"nbr"}},
				VintageLabel: "ARCEP 30/09/2019", Sources: []string{"embedded:arcep"}},
		},
		Missing: []indicators.Missing{{Definition: jeunes, Reason: "variables absentes des données : P{yy}_POP1529 ; P{yy}_POP"}},
		Levels: []diagnostic.Level{
			{ID: "commune", Label: "Communes", Rows: []indicators.Row{
				{Code: "01001", Name: "L'Abergement-Clémenciat", Population: 776, Values: []indicators.Value{val(9.523809523809524), val(22090), val(12.5)}},
				{Code: "2A004", Name: "Ajaccio", Population: 71361, Values: []indicators.Value{val(14.2), missing(), val(0)}},
				{Code: "58194", Name: "Nevers", Population: 32990, Values: []indicators.Value{val(20.125), val(19430.5), missing()}},
			}},
			{ID: "epci", Label: "EPCI", Rows: []indicators.Row{
				{Code: "200071512", Name: `CA de Nevers, dite "Nevers Agglo"`, Population: 105127, Values: []indicators.Value{val(16.8), approx(19877.25, 0.68), {Value: 3.2, Coverage: 0.9}}},
			}, Scores: &composite.Result{
				Method: "diagnum", Level: "epci",
				Scores:      []composite.ScoreInfo{{ID: "global", Name: "global", Kind: composite.ScoreGlobal, Indicators: []string{"taux_chomage_15_64"}}},
				Territories: []composite.TerritoryResult{{Code: "200071512", Scores: []composite.Value{{Value: 104.25}}, Classes: []int{3}, Rank: 1}},
				Limits:      []composite.ClassLimits{{Score: "global", Method: "jenks", Limits: []float64{90, 100, 104.25, 104.25}}},
			}},
			{ID: "departement", Label: "Départements", Rows: []indicators.Row{
				{Code: "58", Name: "Nièvre", Population: 207182, Values: []indicators.Value{val(15.1), approx(20100, 0.95), val(7.75)}},
			}},
			{ID: "region", Label: "Régions", Reference: true, Rows: []indicators.Row{
				{Code: "27", Name: "Bourgogne-Franche-Comté", Population: 2807807, Values: []indicators.Value{val(12.4), approx(21050, 1), val(6)}},
			}},
			{ID: "france", Label: "France", Reference: true, Rows: []indicators.Row{
				{Code: "FR", Name: "France", Population: 66732538, Values: []indicators.Value{val(13.4), approx(21730, 0.99), val(2.5)}},
			}},
		},
		Matching: diagnostic.Matching{Rows: 35000, Current: 34900, Arrondissement: 45, ArrondissementDropped: 3, Former: 40, Repaired: 10, Unmatched: 2},
		Problems: problem.List{
			{Severity: problem.Warning, Kind: "unknown-code", File: "data/base-cc-emploi-pop-active-2018.zip", Member: "base-cc-emploi-pop-active-2018.CSV",
				Row: 12, Column: "CODGEO", Message: `code "99999" matches no commune & was dropped (<ignored>)`},
			{Severity: problem.Note, Kind: "repaired-code", File: "data/filosofi.xlsx", Sheet: "COM", Message: "10 codes had their leading zero restored"},
		},
	}
}
