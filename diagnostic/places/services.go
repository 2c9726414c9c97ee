package places

import (
	"strings"

	"github.com/diagnum/diagnum/indicators/offer"
)

// serviceLevers maps every value of the `services` field of the national schema,
// v1.0.2 and the 0.1 dialect, onto the four levers of digital mediation. Keys are in
// normText form. Each service belongs to one lever:
//
//	lever        v1.0.2                                        0.1 dialect
//	equipment    Accès internet et matériel informatique      Accéder à une connexion internet
//	             Acquisition de matériel informatique à        Accéder à du matériel
//	             prix solidaire                                S'équiper en matériel informatique
//	procedures   Aide aux démarches administratives           Réaliser des démarches administratives
//	                                                           avec un accompagnement
//	                                                           Devenir autonome dans les démarches
//	                                                           administratives
//	                                                           Accompagner les démarches de santé
//	skills       Maîtrise des outils numériques du quotidien  Prendre en main un smartphone ou une tablette
//	             Utilisation sécurisée du numérique           Prendre en main un ordinateur
//	             Compréhension du monde numérique             Utiliser le numérique au quotidien
//	                                                           Approfondir ma culture numérique
//	                                                           Promouvoir la citoyenneté numérique
//	services     Insertion professionnelle via le numérique   Favoriser mon insertion professionnelle
//	             Parentalité et éducation avec le numérique   Soutenir la parentalité et l'éducation
//	             Loisirs et créations numériques               avec le numérique
//	                                                           Créer et développer mon entreprise
//	                                                           Créer avec le numérique
//
// Becoming autonomous in administrative procedures is learning, but learning a
// procedure: it goes with procedures, as health procedures do. Citizenship and the
// understanding of the digital world are skills; employment, parenting, leisure and
// business creation are services put to a purpose.
var serviceLevers = func() map[string]offer.Lever {
	m := map[string]offer.Lever{}
	for lever, values := range map[offer.Lever][]string{
		offer.Equipment: {
			"Accès internet et matériel informatique",
			"Acquisition de matériel informatique à prix solidaire",
			"Accéder à une connexion internet",
			"Accéder à du matériel",
			"S'équiper en matériel informatique",
		},
		offer.Procedures: {
			"Aide aux démarches administratives",
			"Réaliser des démarches administratives avec un accompagnement",
			"Devenir autonome dans les démarches administratives",
			"Accompagner les démarches de santé",
		},
		offer.Skills: {
			"Maîtrise des outils numériques du quotidien",
			"Utilisation sécurisée du numérique",
			"Compréhension du monde numérique",
			"Prendre en main un smartphone ou une tablette",
			"Prendre en main un ordinateur",
			"Utiliser le numérique au quotidien",
			"Approfondir ma culture numérique",
			"Promouvoir la citoyenneté numérique",
		},
		offer.Services: {
			"Insertion professionnelle via le numérique",
			"Parentalité et éducation avec le numérique",
			"Loisirs et créations numériques",
			"Favoriser mon insertion professionnelle",
			"Soutenir la parentalité et l'éducation avec le numérique",
			"Créer et développer mon entreprise",
			"Créer avec le numérique",
		},
	} {
		for _, v := range values {
			m[normText(v)] = lever
		}
	}
	return m
}()

// Programme names, as schema v1.0.2 spells them where it lists them.
const (
	FranceServices        = "France Services"
	ConseillersNumeriques = "Conseillers numériques"
	AidantsConnect        = "Aidants Connect"
)

// Programmes lists the national programmes places can belong to, in report order:
// the values of `dispositif_programmes_nationaux` of schema v1.0.2, then the labels
// of the 0.1 dialect that have no equivalent there.
var Programmes = []string{
	FranceServices,
	ConseillersNumeriques,
	AidantsConnect,
	"Point d'accès numérique CAF",
	"Bibliothèques numérique de référence",
	"Certification PIX",
	"Emmaüs Connect",
	"Relais numérique (Emmaüs Connect)",
	"Grande école du numérique",
	"La Croix Rouge",
	"Promeneurs du net",
	"APTIC",
	"Fabriques de Territoire",
	"Relais Pôle emploi",
	"French Tech",
	"Campus connecté",
}

// programmeNames maps programme values (normText form) to Programmes: the v1.0.2
// values themselves, and the `labels_nationaux` of the 0.1 dialect ("CNFS" are the
// Conseillers numériques, both CAF labels the CAF's digital access points).
var programmeNames = func() map[string]string {
	m := map[string]string{}
	for _, p := range Programmes {
		m[normText(p)] = p
	}
	for alias, p := range map[string]string{
		"CNFS":                 ConseillersNumeriques,
		"Conseiller numérique": ConseillersNumeriques,
		"Conseillers numériques France Services": ConseillersNumeriques,
		"Point relais CAF":                       "Point d'accès numérique CAF",
		"Point numérique CAF":                    "Point d'accès numérique CAF",
		"Grandes écoles du numérique":            "Grande école du numérique",
		"Relais pôle emploi":                     "Relais Pôle emploi",
		"France services":                        FranceServices,
	} {
		m[normText(alias)] = p
	}
	return m
}()

// splitList splits a multi-valued field: `|` in v1.0.2, `;` in the 0.1 dialect, `, `
// in the Conseillers numériques exports. No value of the schemas' lists holds any of
// these characters.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ';' || r == ',' }) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
