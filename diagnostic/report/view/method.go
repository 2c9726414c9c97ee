package view

import (
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
)

// Param is one parameter of the method, named and valued in French.
type Param struct{ Name, Value string }

// MethodDescription is the French paragraph presenting the method run.
func MethodDescription(res *diagnostic.Result) string {
	for _, p := range composite.Presets() {
		if p.ID == res.Method.ID {
			return p.Description
		}
	}
	return ""
}

// French names of the method's choices.
var (
	normalisationNames = map[normalise.Method]string{
		normalise.Reference:      "distance au territoire de référence × 100 : 100·x/s, ou 100·(2 − x/s) quand une valeur basse est fragile (revenu) ; 100 = comme la référence",
		normalise.MinMax:         "min-max : du moins fragile (bas de l'échelle) au plus fragile (haut de l'échelle)",
		normalise.ZScore:         "score z : écart à la moyenne en écarts types",
		normalise.PercentileRank: "rang centile : part des territoires moins fragiles",
		normalise.Goalposts:      "bornes fixes : position entre deux valeurs fixées d'avance",
	}
	weightingNames = map[string]string{
		"equal-axis": "poids égaux par axe, partagés également entre les indicateurs de l'axe", "equal-indicator": "poids égaux par indicateur",
		"user": "poids fixés par l'utilisateur", "pca": "poids tirés de la première composante principale",
	}
	aggregationNames = map[string]string{
		"arithmetic": "moyenne arithmétique pondérée", "geometric": "moyenne géométrique pondérée", "harmonic": "moyenne harmonique pondérée",
	}
	classificationNames = map[string]string{
		"jenks": "seuils naturels exacts (Jenks)", "quantile": "quantiles (effectifs égaux)", "equal-width": "intervalles de même largeur",
	}
	imputationNames = map[string]string{
		composite.ImputeParent: "valeur du territoire englobant", composite.ImputeMedian: "médiane des territoires du niveau",
		composite.ImputeGroupMedian: "médiane des territoires du même territoire englobant", composite.ImputeZero: "zéro",
	}
)

func or(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// MethodParams lists the method's parameters as run, in French.
func MethodParams(res *diagnostic.Result) []Param {
	p, ok := Params(res)
	if !ok {
		return nil
	}
	out := []Param{{"Méthode", res.Method.Name + " (" + res.Method.ID + ")"}}
	if p.Reference != "" {
		ref := LevelName(p.Reference)
		if lv := Level(res, p.Reference); lv != nil && len(lv.Rows) == 1 {
			ref = lv.Rows[0].Name
		}
		out = append(out, Param{"Territoire de référence", ref})
	}
	if p.Normalisation != "" {
		name, ok := normalisationNames[p.Normalisation]
		if !ok {
			name = string(p.Normalisation)
		}
		out = append(out, Param{"Normalisation", name})
	}
	if w := p.Winsorisation; w != nil {
		v := "non"
		if w.Enabled {
			v = "oui : au plus " + Percent(w.MaxShare*100, 0) + " des valeurs écrêtées, tant que l'asymétrie dépasse " +
				Number(w.Skew, 1) + " et l'aplatissement " + Number(w.Kurtosis, 1)
		}
		out = append(out, Param{"Écrêtement des valeurs extrêmes", v})
	}
	if p.Weighting != "" {
		out = append(out, Param{"Pondération", or(weightingNames, string(p.Weighting))})
	}
	if p.Aggregation != "" {
		out = append(out, Param{"Agrégation", or(aggregationNames, string(p.Aggregation))})
	}
	out = append(out, Param{"Classes", Number(float64(p.Classes), 0) + " classes, " + or(classificationNames, string(p.Classification)) +
		", calculées parmi les territoires de chaque niveau"})
	var rules []string
	for _, r := range p.Imputation {
		id := r.Indicator
		if id == "*" {
			id = "tous les indicateurs"
		}
		rules = append(rules, id+" : "+or(imputationNames, r.Method))
	}
	if len(rules) == 0 {
		rules = []string{"aucune : une valeur manquante reste manquante"}
	}
	out = append(out, Param{"Valeurs manquantes remplacées", strings.Join(rules, " ; ")})
	if len(res.Method.Absent) > 0 {
		out = append(out, Param{"Indicateurs de la méthode absents des données", strings.Join(res.Method.Absent, ", ")})
	}
	for _, lv := range res.Levels {
		if lv.Ranks != nil {
			o := lv.Ranks.Options
			out = append(out, Param{"Incertitude (Monte Carlo)", Number(float64(o.Draws), 0) + " tirages (graine " +
				Number(float64(o.Seed), 0) + ") : poids ± " + Percent(o.WeightSpread*100, 0) + ", normalisations " +
				joinNames(o.Normalisations, shortNormalisations) + ", agrégations " + joinNames(o.Aggregations, shortAggregations)})
			break
		}
	}
	return out
}

// Short French names of the choices the uncertainty analysis draws from.
var (
	shortNormalisations = map[string]string{"reference": "distance à la référence", "min-max": "min-max", "z-score": "score z",
		"percentile-rank": "rang centile", "goalposts": "bornes fixes"}
	shortAggregations = map[string]string{"arithmetic": "arithmétique", "geometric": "géométrique", "harmonic": "harmonique"}
)

func joinNames[S ~string](list []S, names map[string]string) string {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = or(names, string(v))
	}
	return strings.Join(s, ", ")
}

// Weights returns each indicator's effective weight in the global score, by ID.
func Weights(res *diagnostic.Result) map[string]float64 {
	out := map[string]float64{}
	if lv := scoredLevel(res); lv != nil {
		for _, w := range lv.Scores.Weights {
			out[w.Indicator] = w.Weight
		}
	}
	return out
}

// AxisName returns the name of the axis an indicator enters, "" when none.
func AxisName(res *diagnostic.Result, id string) string {
	lv := scoredLevel(res)
	if lv == nil {
		return ""
	}
	for _, s := range lv.Scores.Scores {
		if s.Kind == composite.ScoreAxis {
			for _, ind := range s.Indicators {
				if ind == id {
					return s.Name
				}
			}
		}
	}
	return ""
}

// Direction says in French which way an indicator points to fragility.
func Direction(d indicators.Direction) string {
	if d == indicators.LowerIsFragile {
		return "plus bas = plus fragile"
	}
	return "plus haut = plus fragile"
}

// ClassRanges writes the limits of k classes as "[a ; b[" (the last closed).
func ClassRanges(limits []float64) []string {
	var out []string
	for c := 1; c < len(limits); c++ {
		closing := "["
		if c == len(limits)-1 {
			closing = "]"
		}
		out = append(out, "["+Number(limits[c-1], 1)+" ; "+Number(limits[c], 1)+closing)
	}
	return out
}
