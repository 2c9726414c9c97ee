package spec

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Template returns the spec file that `diagnum init` writes: the default run with
// every key present and explained. The comments are in French, for the analysts who
// edit it; the keys stay in English. Parsed back, it gives Default().
func Template() []byte {
	def := Default()
	var b bytes.Buffer
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	line("# Diagnostic d'inclusion numérique : ce que `diagnum run` doit calculer.")
	line("#")
	line("# Les clés sont en anglais, les commentaires en français. Une clé absente garde")
	line("# la valeur écrite ici, sauf territory, obligatoire ; une clé inconnue est une")
	line("# erreur, pour qu'une faute de frappe ne passe pas inaperçue.")
	line("# Un chemin relatif part du dossier de ce fichier. « embedded:NOM » désigne une")
	line("# donnée livrée avec diagnum : extraits nationaux des fichiers publiés par")
	line("# l'INSEE et l'ARCEP, sans autre changement que les colonnes retenues.")
	line("")
	line("# Territoire(s) étudié(s), séparés par des virgules :")
	line("#   france           la France entière")
	line("#   reg:27           une région (code INSEE)")
	line("#   dep:58           un département (01 à 95, 2A, 2B, 971 à 976)")
	line("#   epci:245804406   un EPCI à fiscalité propre (son SIREN, 9 chiffres)")
	line("#   com:58194        une commune (code INSEE, et non code postal)")
	line("# Exemple : territory: dep:58,epci:245804406")
	line("territory: %s", quote(territoryList(def.Territory)))
	line("")
	line("sources:")
	line("  # Recensement et revenus : tableaux de l'INSEE (XLSX, CSV ou zip), en liste.")
	line("  # Une source s'écrit soit par son seul chemin :")
	line("  #   - donnees/base-cc-evol-struct-pop-2018.zip")
	line("  # soit avec sa provenance (path, producer, title, vintage, licence), que les")
	line("  # rapports citent, comme ci-dessous. Sans la clé census, les données")
	line("  # intégrées ci-dessous sont utilisées ; census: [] n'en retient aucune.")
	writeSources(&b, "census", def.Sources.Census)
	line("  # Services : couverture internet fixe (ARCEP), lieux de médiation numérique…")
	line("  # Même forme et même règle que census.")
	writeSources(&b, "services", def.Sources.Services)
	line("  # Lieux de médiation numérique : schéma national (1.0.2 ou 0.1) en CSV, JSON")
	line("  # ou XLSX, listes France services, conseillers numériques ; le format est")
	line("  # reconnu aux colonnes (format: pour le forcer). Toute autre liste se lit")
	line("  # en disant quelle colonne porte chaque champ du schéma national :")
	line("  #   - path: donnees/mes-lieux.csv")
	line("  #     format: mapping")
	line("  #     mapping:")
	line("  #       - field: nom")
	line("  #         column: Nom du lieu")
	line("  #       - field: code_insee")
	line("  #         column: Code commune")
	writePlaces(&b, def.Sources.Places)
	line("  # Géographie : table d'appartenance géographique des communes de l'INSEE")
	line("  # (XLSX ou zip), facultative ; à défaut, diagnum utilise celle qu'il intègre.")
	line("  # geography: donnees/table-appartenance-geo-communes-22.zip")
	line("")
	line("# Indicateurs à calculer (identifiants du catalogue) ; liste vide : tous.")
	line("indicators: %s", flow(def.Indicators))
	line("")
	line("# Indice composite de fragilité numérique (voir `diagnum methods`). Une clé")
	line("# absente prend la valeur par défaut de la méthode choisie.")
	line("method:")
	line("  # diagnum (par défaut), ifn-2020-kit, ifn-2020-map, ifn-rank ou ifn-core.")
	line("  name: %s", quote(def.Method.Name))
	line("  # Territoire de référence : france, region, departement ou epci.")
	line("  # reference: france")
	line("  # Méthode diagnum seulement : normalisation (reference, min-max, z-score,")
	line("  # percentile-rank), pondération (equal-axis, equal-indicator, user, pca),")
	line("  # poids par indicateur (avec weighting: user), agrégation (arithmetic,")
	line("  # geometric, harmonic).")
	line("  # normalisation: reference")
	line("  # weighting: user")
	line("  # weights:")
	line("  #   - indicator: taux_pauvrete")
	line("  #     weight: 2")
	line("  # aggregation: arithmetic")
	line("  # Classes : equal-width (kit), quantile ou jenks (seuils naturels), et leur nombre.")
	line("  # classification: jenks")
	line("  # classes: 5")
	line("  # Valeurs manquantes remplaçables, par indicateur (ou * pour tous) :")
	line("  # parent (valeur du département), median ou group-median ; chaque valeur")
	line("  # remplacée est listée dans les résultats. Les règles propres à une méthode")
	line("  # publiée (le kit prend le taux de pauvreté du département) s'appliquent en plus.")
	line("  imputation:")
	for _, im := range def.Method.Imputation {
		line("    - indicator: %s", quote(im.Indicator))
		line("      rule: %s", quote(im.Rule))
	}
	line("  # Référence figée, pour comparer les scores d'une année à l'autre : les valeurs")
	line("  # du territoire de référence d'une première année (son fichier")
	line("  # indicateurs-france.csv), dans les unités du catalogue, une par indicateur.")
	line("  # reference_values:")
	line("  #   - indicator: taux_chomage_15_64")
	line("  #     value: 13.43")
	line("  # Incertitude : tirages de Monte Carlo sur les poids (± weight_spread), la")
	line("  # normalisation et l'agrégation ; draws: 0 n'en fait pas.")
	line("  # uncertainty:")
	line("  #   draws: 1000")
	line("  #   seed: 1")
	line("  #   weight_spread: 0.25")
	line("")
	line("output:")
	line("  # Dossier des résultats (relatif au dossier de ce fichier).")
	line("  dir: %s", quote(def.Output.Dir))
	line("  # Formats à produire, parmi %s.", strings.Join(Formats(), ", "))
	line("  formats: %s", flow(def.Output.Formats))
	line("  # Cartes du rapport HTML : contours GeoJSON (WGS84) des communes ou des EPCI,")
	line("  # le code dans une propriété code, INSEE_COM, codgeo ou SIREN_EPCI.")
	line("  # contours: [donnees/communes.geojson, donnees/epci.geojson]")
	line("  # Copie locale d'ECharts 5 (dist/echarts.min.js du paquet npm echarts),")
	line("  # incluse dans la page pour la lire hors ligne ; sinon chargée depuis un CDN.")
	line("  # echarts: outils/echarts.min.js")
	return b.Bytes()
}

func writeSources(b *bytes.Buffer, key string, sources []Source) {
	if len(sources) == 0 {
		fmt.Fprintf(b, "  %s: []\n", key)
		return
	}
	fmt.Fprintf(b, "  %s:\n", key)
	for _, s := range sources {
		fmt.Fprintf(b, "    - path: %s\n", quote(s.Path))
		for _, f := range []struct{ key, value string }{
			{"producer", s.Producer}, {"title", s.Title}, {"vintage", s.Vintage}, {"licence", s.Licence},
		} {
			fmt.Fprintf(b, "      %s: %s\n", f.key, quote(f.value))
		}
	}
}

func writePlaces(b *bytes.Buffer, places []PlaceSource) {
	if len(places) == 0 {
		fmt.Fprintf(b, "  places: []\n")
		return
	}
	fmt.Fprintf(b, "  places:\n")
	for _, p := range places {
		fmt.Fprintf(b, "    - path: %s\n", quote(p.Path))
		for _, f := range []struct{ key, value string }{
			{"producer", p.Producer}, {"title", p.Title}, {"vintage", p.Vintage}, {"licence", p.Licence},
		} {
			fmt.Fprintf(b, "      %s: %s\n", f.key, quote(f.value))
		}
	}
}

func territoryList(ts []Territory) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ",")
}

// quote writes a string as a YAML scalar, quoted only when YAML needs it.
func quote(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		panic(err) // a string always marshals
	}
	return strings.TrimSuffix(string(out), "\n")
}

// flow writes a list on one line: [a, b].
func flow(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = quote(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
