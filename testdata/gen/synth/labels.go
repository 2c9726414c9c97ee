package synth

import (
	"fmt"
	"strings"
)

// Row 5 of an INSEE sheet holds a short French label per column. These are
// built from the variable name in INSEE's style ("Pop 15-29 ans en 2021
// (princ)"); they only need to be plausible and non-empty.

var stemLabels = map[string]string{
	"POP": "Pop", "H": "Pop Hommes", "F": "Pop Femmes", "POPH": "Pop Hommes", "POPF": "Pop Femmes",
	"SCOL": "Pop scolarisée", "HSCOL": "Hommes scolarisés", "FSCOL": "Femmes scolarisées",
	"NSCOL": "Pop non scolarisée", "HNSCOL": "Hommes non scolarisés", "FNSCOL": "Femmes non scolarisées",
	"ACT": "Actifs", "HACT": "Actifs Hommes", "FACT": "Actifs Femmes",
	"ACTOCC": "Actifs occupés", "HACTOCC": "Actifs occupés Hommes", "FACTOCC": "Actifs occupés Femmes",
	"CHOM": "Chômeurs", "HCHOM": "Chômeurs Hommes", "FCHOM": "Chômeurs Femmes",
	"INACT": "Inactifs", "ETUD": "Élèves, étudiants et stagiaires non rémunérés", "RETR": "Retraités ou préretraités",
	"AINACT": "Autres inactifs", "EMPLT": "Emplois au lieu de travail",
	"AGRILT": "Emplois agriculture", "INDUSLT": "Emplois industrie", "CONSTLT": "Emplois construction",
	"CTSLT": "Emplois commerce, transports, services divers", "APESASLT": "Emplois administration publique, enseignement, santé, action sociale",
	"MEN": "Ménages", "MENPSEUL": "Ménages d'une personne", "MENHSEUL": "Ménages hommes seuls", "MENFSEUL": "Ménages femmes seules",
	"MENSFAM": "Ménages autres sans famille", "MENFAM": "Ménages avec famille(s)", "MENCOUPSENF": "Ménages couple sans enfant",
	"MENCOUPAENF": "Ménages couple avec enfant(s)", "MENFAMMONO": "Ménages famille monoparentale",
	"PMEN": "Pop des ménages", "PHORMEN": "Pop hors ménages", "POPMEN": "Pop des ménages",
	"FAM": "Familles", "COUPAENF": "Couples avec enfant(s)", "FAMMONO": "Familles monoparentales",
	"HMONO": "Hommes seuls avec enfant(s)", "FMONO": "Femmes seules avec enfant(s)", "COUPSENF": "Couples sans enfant",
	"NE24F": "Familles avec enfant(s) de moins de 25 ans :",
}

var tailLabels = map[string]string{
	"CS1": "Agriculteurs exploitants", "CS2": "Artisans, commerçants, chefs d'entreprise", "CS3": "Cadres, professions intellectuelles supérieures",
	"CS4": "Professions intermédiaires", "CS5": "Employés", "CS6": "Ouvriers", "CS7": "Retraités", "CS8": "Autres sans activité professionnelle",
	"DIPLMIN": "sans diplôme ou CEP", "BEPC": "BEPC, brevet des collèges, DNB", "CAPBEP": "CAP-BEP ou équivalent",
	"BAC": "Bac, brevet professionnel ou équivalent", "SUP2": "diplôme de niveau Bac+2", "SUP34": "diplôme de niveau Bac+3 ou Bac+4",
	"SUP5": "diplôme de niveau Bac+5 ou plus", "PSEUL": "vivant seules", "COUPLE": "vivant en couple",
	"MARIEE": "mariées", "PACSEE": "pacsées", "CONCUB": "en concubinage ou union libre", "VEUFS": "veuves ou veufs",
	"DIVORCEE": "divorcées", "CELIBATAIRE": "célibataires", "FR": "Français", "ETR": "Étrangers", "IMM": "Immigrés",
	"SAL": "salariés", "FSAL": "salariées femmes", "NSAL": "non salariés", "FNSAL": "non salariées femmes",
	"SALTP": "salariés à temps partiel", "NSALTP": "non salariés à temps partiel",
	"AGRI": "Agriculture", "INDUS": "Industrie", "CONST": "Construction", "CTS": "Commerce, transports, services divers",
	"APESAS": "Administration publique, enseignement, santé, action sociale",
	"IRAN1":  "même logement 1 an auparavant", "IRAN2": "autre logement de la même commune", "IRAN3": "autre commune du département",
	"IRAN4": "autre département de la région", "IRAN5": "autre région de métropole", "IRAN6": "un DOM", "IRAN7": "hors de France",
	"IRAN2P": "ayant changé de logement", "IRAN3P": "ayant changé de commune",
}

// label returns the French label of a variable for a vintage.
func label(name string, vintage int) string {
	if len(name) < 5 || name[3] != '_' {
		return name
	}
	stem := name[4:]
	parts := strings.Split(stem, "_")
	head := parts[0]
	// Split "POP1529" into "POP" and the ages "1529".
	cut := len(head)
	for cut > 0 && (head[cut-1] >= '0' && head[cut-1] <= '9' || head[cut-1] == 'P' && cut >= 3 && head[cut-2] >= '0' && head[cut-2] <= '9') {
		cut--
	}
	letters, age := head[:cut], head[cut:]
	if letters == "" {
		letters, age = head, ""
	}
	var words []string
	if l, ok := stemLabels[letters]; ok {
		words = append(words, l)
	} else {
		words = append(words, letters)
	}
	if lo, hi, ok := ages(age); ok {
		switch {
		case hi == 0:
			words = append(words, fmt.Sprintf("%d ans ou plus", lo))
		default:
			words = append(words, fmt.Sprintf("%d-%d ans", lo, hi-1))
		}
	} else if age != "" {
		words = append(words, age)
	}
	for _, t := range parts[1:] {
		if l, ok := tailLabels[t]; ok {
			words = append(words, l)
		} else if t != "UNION" && t != "LIBRE" {
			words = append(words, t)
		}
	}
	exploit := "princ"
	if name[0] == 'C' {
		exploit = "compl"
	}
	return fmt.Sprintf("%s en %d (%s)", strings.Join(words, " "), vintage, exploit)
}
