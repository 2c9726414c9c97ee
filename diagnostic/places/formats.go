package places

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/diagnum/diagnum/indicators/offer"
)

// Formats of lists of places, as Source.Format names them.
const (
	Schema102          = "schema-1.0.2"    // national schema of lieux de médiation numérique v1.0.2
	Schema01           = "schema-0.1"      // its older 0.1 dialect
	FranceServicesList = "france-services" // ANCT list of France Services (2024 names, or the French labels of earlier exports)
	CNFSLieux          = "cnfs-lieux"      // Conseillers numériques places (cartography export)
	CNFSStructures     = "cnfs-structures" // Conseillers numériques host structures
	Mapping            = "mapping"         // any list, columns named by Source.Mapping
)

// Fields a list can give, named as in schema v1.0.2; Source.Mapping maps them to a
// list's columns. The days are France Services' opening hours, one column a day.
const (
	fID           = "id"
	fName         = "nom"
	fAddress      = "adresse"
	fAddress2     = "complement_adresse"
	fPostal       = "code_postal"
	fCommune      = "commune"
	fINSEE        = "code_insee"
	fLat          = "latitude"
	fLon          = "longitude"
	fServices     = "services"
	fProgrammes   = "dispositif_programmes_nationaux"
	fItinerance   = "itinerance"
	fHours        = "horaires"
	fFormat       = "format"          // France Services: Fixe, Bus_équivalent, Itinérante…
	fFSFlag       = "france_services" // Conseillers numériques structures: "oui" when also a France Services
	fDayPrefix    = "jour_"
	fDayMonday    = fDayPrefix + "lundi"
	fDayTuesday   = fDayPrefix + "mardi"
	fDayWednesday = fDayPrefix + "mercredi"
	fDayThursday  = fDayPrefix + "jeudi"
	fDayFriday    = fDayPrefix + "vendredi"
	fDaySaturday  = fDayPrefix + "samedi"
	fDaySunday    = fDayPrefix + "dimanche"
)

var days = []string{fDayMonday, fDayTuesday, fDayWednesday, fDayThursday, fDayFriday, fDaySaturday, fDaySunday}

// MappingFields are the fields Source.Mapping may name, schema v1.0.2's names.
var MappingFields = []string{"id", "nom", "adresse", "complement_adresse", "code_postal", "commune", "code_insee",
	"latitude", "longitude", "services", "dispositif_programmes_nationaux", "itinerance", "horaires"}

// format says how to read one kind of list.
type format struct {
	name string
	// columns lists, per field, the accepted column names in normColumn form, the
	// first found winning.
	columns map[string][]string
	// programmes and levers every place of the list has, whatever its columns say.
	programmes []string
	levers     []offer.Lever
}

var schemaColumns = map[string][]string{
	fID:         {"id"},
	fName:       {"nom"},
	fAddress:    {"adresse"},
	fAddress2:   {"complement_adresse"},
	fPostal:     {"code_postal"},
	fCommune:    {"commune"},
	fINSEE:      {"code_insee"},
	fLat:        {"latitude"},
	fLon:        {"longitude"},
	fServices:   {"services"},
	fProgrammes: {"dispositif_programmes_nationaux", "labels_nationaux"},
	fItinerance: {"itinerance"},
	fHours:      {"horaires"},
}

// franceServicesColumns accepts the 2024 column names (id_fs, lib_fs, h_lundi…) and
// the French labels of the earlier exports (Nom, Code postal, Lundi…).
var franceServicesColumns = map[string][]string{
	fID:           {"id_fs", "id", "identifiant"},
	fName:         {"lib_fs", "nom_fs", "nom_france_services", "nom_de_la_france_services", "nom"},
	fAddress:      {"adresse", "adresse_postale"},
	fAddress2:     {"complement_adresse", "complement_d_adresse"},
	fPostal:       {"code_postal", "cp"},
	fCommune:      {"lib_com", "commune", "nom_commune", "ville"},
	fINSEE:        {"insee_com", "code_insee", "code_commune", "code_insee_commune"},
	fLat:          {"latitude", "lat"},
	fLon:          {"longitude", "lon", "lng"},
	fFormat:       {"format_fs", "format", "type_de_structure"},
	fDayMonday:    {"h_lundi", "lundi", "horaires_lundi"},
	fDayTuesday:   {"h_mardi", "mardi", "horaires_mardi"},
	fDayWednesday: {"h_mercredi", "mercredi", "horaires_mercredi"},
	fDayThursday:  {"h_jeudi", "jeudi", "horaires_jeudi"},
	fDayFriday:    {"h_vendredi", "vendredi", "horaires_vendredi"},
	fDaySaturday:  {"h_samedi", "samedi", "horaires_samedi"},
	fDaySunday:    {"h_dimanche", "dimanche", "horaires_dimanche"},
}

// cnfsStructureColumns: the structures export names its commune name commune_insee.
var cnfsStructureColumns = map[string][]string{
	fID:      {"id"},
	fName:    {"raison_sociale"},
	fAddress: {"adresse"},
	fPostal:  {"code_postal", "code_postal_bis"},
	fCommune: {"commune_insee", "commune"},
	fINSEE:   {"insee_com", "code_insee"},
	fLat:     {"latitude"},
	fLon:     {"longitude"},
	fFSFlag:  {"france_services"},
}

var formats = map[string]*format{
	Schema102: {name: Schema102, columns: schemaColumns},
	Schema01:  {name: Schema01, columns: schemaColumns},
	CNFSLieux: {name: CNFSLieux, columns: schemaColumns, programmes: []string{ConseillersNumeriques}},
	// France Services help with administrative procedures and must give free access
	// to computers and the internet (charte nationale France Services).
	FranceServicesList: {name: FranceServicesList, columns: franceServicesColumns, programmes: []string{FranceServices},
		levers: []offer.Lever{offer.Equipment, offer.Procedures}},
	// A conseiller numérique's mission is to train people in digital skills.
	CNFSStructures: {name: CNFSStructures, columns: cnfsStructureColumns, programmes: []string{ConseillersNumeriques},
		levers: []offer.Lever{offer.Skills}},
}

// FormatNames lists the formats Source.Format accepts.
func FormatNames() []string {
	return []string{Schema102, Schema01, FranceServicesList, CNFSLieux, CNFSStructures, Mapping}
}

// headerKeys are column names tabular looks for to find the header row: one of
// them is in the header of every list diagnum knows.
var headerKeys = []string{"id", "id_fs", "lib_fs", "nom", "Nom", "code_postal", "Code postal", "code_insee",
	"Code INSEE", "insee_com", "commune", "Commune", "latitude", "Latitude", "raison_sociale", "adresse", "Adresse"}

// detect names the format of a list from its column names (or its objects' keys),
// in normColumn form.
func detect(cols map[string]bool) (string, error) {
	any := func(names ...string) bool {
		for _, n := range names {
			if cols[n] {
				return true
			}
		}
		return false
	}
	switch {
	case any("lib_fs", "id_fs", "format_fs", "h_lundi", "nom_fs", "nom_france_services"),
		cols["lundi"] && (cols["code_postal"] || cols["code_insee"] || cols["insee_com"]):
		return FranceServicesList, nil
	case any("nb_cnfs") || (cols["raison_sociale"] && cols["siret"]):
		return CNFSStructures, nil
	case cols["conditions_access"]:
		return CNFSLieux, nil
	case any("labels_nationaux", "publics_accueillis", "conditions_acces", "cle_ban", "labels_autres", "accessibilite"):
		return Schema01, nil
	case any("dispositif_programmes_nationaux", "itinerance", "courriels", "frais_a_charge", "modalites_acces",
		"publics_specifiquement_adresses", "prise_en_charge_specifique", "formations_labels", "fiche_acces_libre"):
		return Schema102, nil
	case (cols["id"] || cols["nom"]) && (cols["code_postal"] || cols["code_insee"] || cols["latitude"] && cols["longitude"]):
		return Schema102, nil
	}
	return "", fmt.Errorf("the columns (%s) are none of a known list of places; expected the national schema "+
		"(id, nom, commune, code_postal, adresse…), a France Services list (id_fs, lib_fs, insee_com…), a "+
		"Conseillers numériques export, or a column mapping in the spec", listColumns(cols))
}

func listColumns(cols map[string]bool) string {
	names := make([]string, 0, len(cols))
	for c := range cols {
		names = append(names, c)
	}
	sort.Strings(names)
	if len(names) > 12 {
		names = append(names[:12], "…")
	}
	return strings.Join(names, ", ")
}

// mappingFormat builds the format of a mapping: field → column name, or "=value" for
// a value every place gets (e.g. "dispositif_programmes_nationaux": "=France Services").
func mappingFormat(m map[string]string) (*format, map[string]string, error) {
	f := &format{name: Mapping, columns: map[string][]string{}}
	constants := map[string]string{}
	var bad []string
	for field, col := range m {
		if !slices.Contains(MappingFields, field) {
			bad = append(bad, field)
			continue
		}
		if v, ok := strings.CutPrefix(col, "="); ok {
			constants[field] = v
			continue
		}
		f.columns[field] = []string{normColumn(col)}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return nil, nil, fmt.Errorf("mapping names unknown fields %s; expected fields among %s", strings.Join(bad, ", "), strings.Join(MappingFields, ", "))
	}
	return f, constants, nil
}
