package composite

import "strings"

// Method (preset) IDs: `method:` in the spec, `--method` on the command line.
const (
	MethodKit     = "ifn-2020-kit"
	MethodMap     = "ifn-2020-map"
	MethodRank    = "ifn-rank"
	MethodCore    = "ifn-core"
	MethodDiagnum = "diagnum"
)

// PresetInfo presents one method for `diagnum methods`.
type PresetInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name"`        // French name
	Description string `json:"description"` // French paragraph
	Default     bool   `json:"default"`
}

// Presets lists the methods, the default (diagnum) first.
func Presets() []PresetInfo {
	return []PresetInfo{
		{ID: MethodDiagnum, Default: true, Name: "Méthode diagnum (par défaut)",
			Description: "La méthode documentée du projet. Chaque indicateur est orienté (plus haut = plus fragile), " +
				"puis normalisé au choix : distance au territoire de référence ×100 (France par défaut, ou la région, " +
				"le département, l'EPCI), min-max, score z, rang centile ou bornes fixes ; les valeurs extrêmes peuvent être " +
				"écrêtées (winsorisation). Les poids sont égaux par axe par défaut, ou égaux par indicateur, fixés par " +
				"l'utilisateur ou tirés de la première composante principale ; l'agrégation est arithmétique, géométrique " +
				"ou harmonique. Chaque axe et le score global sont calculés, classés (seuils naturels exacts par défaut, " +
				"quantiles ou intervalles égaux) et tous les paramètres sont enregistrés pour refaire le calcul à l'identique."},
		{ID: MethodKit, Name: "Kit IFN 2020 (ANSA / La MedNum)",
			Description: "Le calcul exact du classeur du kit de 2020 : onze indicateurs en quatre axes, des points par " +
				"rapport à un territoire de référence (la région) : x/s pour les taux, (1 − x)/s pour les couvertures, " +
				"2 − x/s pour le revenu médian, max(0, 2 − x/s) pour les services publics, ×100. Les sept scores (quatre " +
				"axes, GLOBAL ACCÈS, GLOBAL COMPÉTENCES, SCORE GLOBAL) sont des moyennes de points ; les classes 1 à 5 sont " +
				"cinq intervalles de même largeur entre le minimum et le maximum des territoires étudiés. Le taux de " +
				"pauvreté manquant (secret statistique) est remplacé par celui du département. Vérifié au milliardième " +
				"près sur le classeur SICOVAL."},
		{ID: MethodMap, Name: "Carte nationale IFN 2020 (IRIS)",
			Description: "La variante de la carte nationale de 2020, pour comparaison seulement : six indicateurs " +
				"(ménages d'une personne, familles monoparentales, 15-29 ans, 65 ans et plus, peu diplômés, revenu " +
				"médian), tous en x/s ×100, y compris le revenu (non inversé), les valeurs manquantes comptées 0, " +
				"SCORE GLOBAL = moyenne de GLOBAL ACCÈS et GLOBAL COMPÉTENCES, scores affichés tronqués. La référence " +
				"est le département, l'EPCI ou la région."},
		{ID: MethodRank, Name: "Points IFN 2021-2022",
			Description: "La méthode par points de 2021-2022 : chaque indicateur donne de −3 à +3 points selon la " +
				"position du territoire parmi toutes les communes (rang centile, la médiane vaut 0, les 10 % les plus " +
				"fragiles +3) ; la somme est ramenée entre −10 et +10. Les seuils intermédiaires n'ont pas été publiés : " +
				"diagnum prend les déciles 10, 20, 40, 60, 80 et 90. Pour reproduire la position nationale, il faut " +
				"calculer sur toutes les communes de France puis filtrer."},
		{ID: MethodCore, Name: "Indice IFN actuel (5 indicateurs)",
			Description: "L'indice publié depuis 2023 sur cinq indicateurs cœur (non-couverture THD, non-couverture 4G, " +
				"65 ans et plus, peu diplômés, pauvreté), noté de 1 à 10 (10 = risque le plus élevé). La transformation " +
				"exacte n'étant pas publiée, diagnum prend le rang centile de chaque indicateur parmi les territoires " +
				"calculés et note 1 + 9 × (moyenne des rangs centiles)/100 ; les classes sont des déciles."},
	}
}

func methodList() string {
	var ids []string
	for _, p := range Presets() {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ", ")
}
