package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/places"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators/offer"
)

// locatedNames say in French how a place's commune was found.
var locatedNames = map[string]string{
	places.ByINSEE:         "code INSEE",
	places.ByINSEERepaired: "code INSEE (zéro initial rétabli)",
	places.ByPostalName:    "code postal et nom de commune",
	places.ByCoordinates:   "coordonnées (commune au centroïde le plus proche)",
}

// writePlacesSheet lists the places of mediation of the studied territory
// (Result.Offer.Places), with how its commune was found, its levers and the file
// rows it comes from; a note counts the lists' other places.
func writePlacesSheet(f *excelize.File, st *styles, res *diagnostic.Result) error {
	var list []places.Place
	if res.Offer != nil {
		list = res.Offer.Places
	}
	t := &table{sheet: placesSheet, landscape: true, n: len(list), cols: []column{
		{title: "Identifiant"}, {title: "Nom", style: "wrap", width: 40}, {title: "Adresse", style: "wrap", width: 36},
		{title: "Code postal"}, {title: "Code commune"}, {title: "Commune"},
		{title: "Latitude", style: "coord"}, {title: "Longitude", style: "coord"},
		{title: "Commune trouvée par", style: "wrap", width: 24}, {title: "Commune approchée"},
		{title: "Leviers de médiation", style: "wrap", width: 36}, {title: "Programmes", style: "wrap", width: 30},
		{title: "Itinérant"}, {title: "Heures d'ouverture par semaine", style: "dec"},
		{title: "Sources (fichier:ligne)", style: "wrap", width: 40},
	}}
	yes := func(b bool) any {
		if b {
			return "oui"
		}
		return nil
	}
	t.fill = func(i int, cells []any) {
		p := list[i]
		var levers []string
		for _, id := range p.Levers {
			if l, ok := offer.LeverByID(id); ok {
				levers = append(levers, l.Label())
			} else {
				levers = append(levers, id)
			}
		}
		located := locatedNames[p.Located]
		if located == "" {
			located = p.Located
		}
		copy(cells, []any{p.ID, p.Name, p.Address, p.PostalCode, p.Commune, p.CommuneName, number(p.Lat), number(p.Lon),
			located, yes(p.Approximate), strings.Join(levers, " ; "), strings.Join(p.Programmes, " ; "), yes(p.Itinerant),
			number(p.HoursPerWeek), strings.Join(p.Sources, "\n")})
	}
	if len(list) == 0 {
		t.notes = []string{"Aucun lieu de médiation numérique n'a été fourni pour ce diagnostic."}
	} else {
		var files []string
		for _, fs := range res.Offer.Files {
			files = append(files, fs.Path+" ("+count(fs.Records, "fiche", "fiches")+")")
		}
		t.notes = []string{
			"Listes lues : " + strings.Join(files, " ; ") + ". Un lieu présent dans plusieurs listes n'est compté qu'une fois (" +
				count(res.Offer.Merged, "fiche fusionnée", "fiches fusionnées") + ") ; " +
				count(res.Offer.Rejected, "fiche non localisée est", "fiches non localisées sont") + " dans la feuille Anomalies.",
		}
		if n := res.Offer.PlacesElsewhere; n > 0 {
			t.notes = append(t.notes, "Cette feuille liste les lieux du territoire étudié ; les "+view.Number(float64(n), 0)+
				" autres lieux des listes comptent là où ils sont (EPCI débordant le territoire, région, France) et comme lieu le plus proche des communes voisines.")
		}
	}
	return t.write(f, st)
}

// severityNames are the French names of the severities.
var severityNames = map[problem.Severity]string{problem.Error: "erreur", problem.Warning: "avertissement", problem.Note: "note"}

// writeProblemSheet lists every input rejected, corrected, mapped or left unmatched,
// with file and row, then every value the composite index imputed.
func writeProblemSheet(f *excelize.File, st *styles, res *diagnostic.Result) error {
	type imputed struct {
		level string
		row   int
	}
	var imps []imputed
	for _, lv := range res.Levels {
		if lv.Scores != nil {
			for i := range lv.Scores.Imputations {
				imps = append(imps, imputed{lv.ID, i})
			}
		}
	}
	n := len(res.Problems)
	t := &table{sheet: problemSheet, landscape: true, n: n + len(imps), cols: []column{
		{title: "Gravité"}, {title: "Type"}, {title: "Fichier"}, {title: "Membre de l'archive"}, {title: "Feuille"},
		{title: "Ligne", style: "int"}, {title: "Colonne"}, {title: "Territoire"}, {title: "Indicateur"}, {title: "Message", style: "wrap"},
	}}
	t.fill = func(i int, cells []any) {
		if i < n {
			p := res.Problems[i]
			copy(cells, []any{severityNames[p.Severity], p.Kind, p.File, p.Member, p.Sheet, classCell(p.Row), p.Column, nil, nil, p.Message})
			return
		}
		im := imps[i-n]
		lv := view.Level(res, im.level)
		imp := lv.Scores.Imputations[im.row]
		copy(cells, []any{severityNames[problem.Note], "imputation", nil, nil, nil, nil, nil,
			view.LevelName(lv.ID) + " " + imp.Territory, imp.Indicator, imp.Reason})
	}
	t.notes = []string{
		"Les messages décrivent chaque donnée d'entrée rejetée, corrigée, rattachée à une commune actuelle ou non rattachée, avec son fichier et sa ligne ; " +
			"les imputations sont les valeurs manquantes que la méthode de l'indice a remplacées (règles : feuille Méthode).",
	}
	return t.write(f, st)
}

// writeSourceSheet lists each input with its checksum, producer, vintage and licence,
// and the geography.
func writeSourceSheet(f *excelize.File, st *styles, res *diagnostic.Result) error {
	geo := true
	for _, in := range res.Inputs {
		if in.Role == "geography" {
			geo = false
		}
	}
	n := len(res.Inputs)
	t := &table{sheet: sourceSheet, landscape: true, n: n, cols: []column{
		{title: "Fichier", style: "wrap", width: 30}, {title: "Rôle"}, {title: "Producteur"}, {title: "Titre", style: "wrap", width: 40},
		{title: "Millésime", style: "wrap", width: 18}, {title: "Licence", style: "wrap", width: 22}, {title: "SHA-256"},
		{title: "Octets", style: "thousands"}, {title: "Tables lues", style: "wrap", width: 40}, {title: "Note", style: "wrap", width: 60},
	}}
	if geo {
		t.n++
	}
	t.fill = func(i int, cells []any) {
		if i == n {
			copy(cells, []any{"géographie intégrée à diagnum", "geography", nil, res.Geography.Source, res.Geography.Vintage,
				nil, nil, nil, nil, "Population : " + res.Geography.PopulationSource})
			return
		}
		in := res.Inputs[i]
		var tables []string
		for _, tb := range in.Tables {
			name := tb.Member
			if tb.Sheet != "" {
				name = strings.TrimPrefix(name+", feuille "+tb.Sheet, ", ")
			}
			tables = append(tables, name+" ("+view.Number(float64(tb.Rows), 0)+" lignes)")
		}
		copy(cells, []any{in.Path, in.Role, in.Producer, in.Title, in.Vintage, in.Licence, in.SHA256, in.Bytes,
			strings.Join(tables, " ; "), in.Note})
	}
	t.notes = []string{"Le SHA-256 identifie exactement le fichier lu : deux diagnostics aux mêmes empreintes ont lu les mêmes données."}
	return t.write(f, st)
}

// count writes n with the singular or plural phrase, French style (0 and 1 take the
// singular): "1 fiche", "2 845 fiches".
func count(n int, one, many string) string {
	if n <= 1 {
		return view.Number(float64(n), 0) + " " + one
	}
	return view.Number(float64(n), 0) + " " + many
}
