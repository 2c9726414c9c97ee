// Package indicators holds the catalogue of fragility indicators and computes them from
// counts: per commune, then re-computed from the summed counts of each territory level.
// It is pure: tables in, tables out, no I/O.
package indicators

// Kind says how an indicator is built from its variables, and so how it aggregates.
type Kind int

const (
	// Ratio is Σ numerator / Σ denominator × scale: additive, exact at every level.
	Ratio Kind = iota
	// Complement is (1 − Σ numerator / Σ denominator) × scale: additive, exact at every level.
	Complement
	// Level is a value published per commune that cannot be re-computed from counts
	// (a median, a rate published without its base). Above the commune it is
	// approximated by a population-weighted mean, and flagged.
	Level
)

// Additive reports whether the indicator is re-computed exactly from summed counts.
func (k Kind) Additive() bool { return k != Level }

// Direction says which way an indicator points to fragility.
type Direction int

const (
	// HigherIsFragile: the larger the value, the more fragile the population.
	HigherIsFragile Direction = 1
	// LowerIsFragile: the smaller the value, the more fragile (e.g. income).
	LowerIsFragile Direction = -1
)

// Sum is one way to obtain a quantity: the sum of variables, each written with "{yy}"
// standing for the two-digit vintage (P{yy}_POP → P18_POP). Vintages outside
// [MinVintage, MaxVintage] (two digits; 0 = unbounded) do not use this sum.
type Sum struct {
	Terms      []string
	MinVintage int
	MaxVintage int
}

// Definition is one entry of the catalogue.
type Definition struct {
	ID        string
	Label     string // French, as shown in reports
	Unit      string // "%", "€"
	Kind      Kind
	Direction Direction
	// Numerator and Denominator list the accepted ways of obtaining each quantity, the
	// preferred first. Level indicators have a Numerator (the value) and no Denominator.
	Numerator   []Sum
	Denominator []Sum
	Scale       float64
	Source      string // producer and dataset, in French
	Note        string // caveat shown with the indicator, in French
}

// Catalogue returns the base indicators of the field (METHODS.md), in report order.
func Catalogue() []Definition {
	pop := []Sum{{Terms: []string{"P{yy}_POP"}}}
	return []Definition{
		{
			ID: "part_65_plus", Label: "Part des 65 ans et plus", Unit: "%",
			Kind: Ratio, Direction: HigherIsFragile, Scale: 100,
			Numerator: []Sum{
				{Terms: []string{"P{yy}_POP65P"}},
				{Terms: []string{"P{yy}_H65P", "P{yy}_F65P"}},
				{Terms: []string{"P{yy}_POP6579", "P{yy}_POP80P"}},
			},
			Denominator: pop,
			Source:      "INSEE, recensement de la population",
		},
		{
			ID: "part_15_29", Label: "Part des 15-29 ans", Unit: "%",
			Kind: Ratio, Direction: HigherIsFragile, Scale: 100,
			Numerator:   []Sum{{Terms: []string{"P{yy}_POP1529"}}},
			Denominator: pop,
			Source:      "INSEE, recensement de la population",
		},
		{
			ID: "part_peu_diplomes", Label: "Part des non-scolarisés de 15 ans et plus sans diplôme ou avec le BEPC au plus", Unit: "%",
			Kind: Ratio, Direction: HigherIsFragile, Scale: 100,
			Numerator: []Sum{
				// From RP 2017 the BEPC is counted apart; before, DIPLMIN already included it.
				{Terms: []string{"P{yy}_NSCOL15P_DIPLMIN", "P{yy}_NSCOL15P_BEPC"}, MinVintage: 17},
				{Terms: []string{"P{yy}_NSCOL15P_DIPLMIN"}, MaxVintage: 16},
			},
			Denominator: []Sum{{Terms: []string{"P{yy}_NSCOL15P"}}},
			Source:      "INSEE, recensement de la population",
		},
		{
			ID: "part_menages_une_personne", Label: "Part des ménages d'une personne", Unit: "%",
			Kind: Ratio, Direction: HigherIsFragile, Scale: 100,
			Numerator:   []Sum{{Terms: []string{"C{yy}_MENPSEUL"}}},
			Denominator: []Sum{{Terms: []string{"C{yy}_MEN"}}},
			Source:      "INSEE, recensement de la population",
		},
		{
			ID: "part_familles_monoparentales", Label: "Part des familles monoparentales", Unit: "%",
			Kind: Ratio, Direction: HigherIsFragile, Scale: 100,
			Numerator:   []Sum{{Terms: []string{"C{yy}_FAMMONO"}}},
			Denominator: []Sum{{Terms: []string{"C{yy}_FAM"}}},
			Source:      "INSEE, recensement de la population",
		},
		{
			ID: "taux_chomage_15_64", Label: "Taux de chômage des 15-64 ans (au sens du recensement)", Unit: "%",
			Kind: Ratio, Direction: HigherIsFragile, Scale: 100,
			Numerator: []Sum{
				{Terms: []string{"P{yy}_CHOM1564"}},
				{Terms: []string{"P{yy}_CHOMEUR1564"}},
			},
			Denominator: []Sum{{Terms: []string{"P{yy}_ACT1564"}}},
			Source:      "INSEE, recensement de la population",
		},
		{
			ID: "taux_pauvrete", Label: "Taux de pauvreté (seuil à 60 % du revenu médian)", Unit: "%",
			Kind: Level, Direction: HigherIsFragile, Scale: 1,
			Numerator: []Sum{{Terms: []string{"TP60{yy}"}}},
			Source:    "INSEE, Filosofi",
			Note:      "Non additif : au-dessus de la commune, moyenne pondérée par la population des communes où il est publié (approximation). Soumis au secret statistique dans les petites communes.",
		},
		{
			ID: "revenu_median", Label: "Revenu disponible médian par unité de consommation", Unit: "€",
			Kind: Level, Direction: LowerIsFragile, Scale: 1,
			Numerator: []Sum{
				{Terms: []string{"MED{yy}"}},
				{Terms: []string{"Q2{yy}"}},
			},
			Source: "INSEE, Filosofi",
			Note:   "Non additif : au-dessus de la commune, moyenne des médianes communales pondérée par la population (approximation, ce n'est pas une médiane).",
		},
		{
			ID: "non_couverture_thd", Label: "Part des locaux non éligibles au très haut débit fixe (≥ 30 Mbit/s)", Unit: "%",
			Kind: Complement, Direction: HigherIsFragile, Scale: 100,
			// ARCEP's elig_* columns are exclusive speed brackets that add up to nbr
			// (checked on all 35,359 communes of the 2019 file): ≥ 30 Mbit/s is the
			// sum of the three top brackets, not elig_thd30 alone (30-100 Mbit/s).
			Numerator:   []Sum{{Terms: []string{"elig_thd30", "elig_thd100", "elig_thd1g"}}},
			Denominator: []Sum{{Terms: []string{"nbr"}}},
			Source:      "ARCEP, Ma connexion internet",
			Note:        "Les colonnes elig_* de l'ARCEP sont des tranches exclusives de débit maximal (leur somme avec inel_hd vaut nbr) : l'éligibilité à 30 Mbit/s et plus additionne elig_thd30, elig_thd100 et elig_thd1g.",
		},
	}
}

// Lookup returns the catalogue definition with this id.
func Lookup(id string) (Definition, bool) {
	for _, d := range Catalogue() {
		if d.ID == id {
			return d, true
		}
	}
	return Definition{}, false
}
