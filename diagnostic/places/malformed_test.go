package places

import (
	"fmt"
	"strings"
	"testing"
)

// TestMalformedList reads testdata/malformed-1.0.2.csv (synthetic): every problem of
// every row comes back from one read, located by row and column.
//
//	row 2  located by code_insee; an unknown service and an unknown programme
//	row 3  code_insee and code_postal with their leading zero lost
//	row 4  code_insee and latitude invalid: located by postal code and name
//	row 5  the id of row 3 again, a 6-digit postal code: located by coordinates
//	row 6  nothing to locate it, no id, no name: rejected
//	row 7  coordinates in the Atlantic: rejected
//	row 8  itinerance and horaires invalid, a latitude without longitude
//	row 9  a default geocode 97 km from its postal code's département: rejected
func TestMalformedList(t *testing.T) {
	r := read(t, false, Source{Path: "testdata/malformed-1.0.2.csv"})
	var got []string
	for _, p := range r.Problems {
		got = append(got, fmt.Sprintf("%d %s %s %s", p.Row, p.Column, p.Severity, p.Kind))
	}
	want := []string{
		"2 dispositif_programmes_nationaux warning unknown-programme",
		"2 services warning unknown-service",
		"3 code_insee note repaired-code",
		"3 code_postal note repaired-postal-code",
		"4 code_insee warning invalid-field",
		"4 latitude warning invalid-field",
		"5  note located-by-coordinates",
		"5 code_postal warning invalid-field",
		"5 id warning duplicate-id",
		"6  warning rejected",
		"6 id warning missing-field",
		"6 nom warning missing-field",
		"7  warning rejected",
		"8 horaires warning invalid-field",
		"8 itinerance warning invalid-field",
		"8 longitude warning invalid-field",
		"9  warning rejected",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range []struct {
		row  int
		kind string
		text string
	}{
		{2, "unknown-service", `"Cours de cuisine" is not a service`},
		{3, "repaired-code", `code "1053" read as 01053`},
		{4, "invalid-field", `code_insee "ABCDE" is not a commune code`},
		{5, "duplicate-id", `already given to the record of row 3`},
		{6, "rejected", "no code_insee, postal code, commune name nor coordinates"},
		{7, "rejected", "1198 km from the nearest commune centroid"},
		{9, "rejected", "in département 07, 97 km from département 01 of postal code 01960"},
	} {
		found := false
		for _, p := range r.Problems {
			if p.Row == c.row && p.Kind == c.kind && strings.Contains(p.Message, c.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("row %d: no %s saying %q", c.row, c.kind, c.text)
		}
	}
	f := r.Files[0]
	if f.Records != 8 || f.Rejected != 3 || len(r.Places) != 5 || f.Located[ByINSEE] != 2 || f.Located[ByINSEERepaired] != 1 ||
		f.Located[ByPostalName] != 1 || f.Located[ByCoordinates] != 1 || f.Repaired != 2 {
		t.Errorf("stats %+v, %d places", f, len(r.Places))
	}
	if p := placeByID(r, "s-1"); p == nil || p.HoursPerWeek != 15 || strings.Join(p.Levers, ",") != "demarches" || strings.Join(p.Programmes, ",") != FranceServices {
		t.Errorf("s-1: %+v", p)
	}
	for _, p := range r.Places {
		if p.ID == "s-2" && p.Located == ByCoordinates && (!p.Approximate || p.Commune != "51454") {
			t.Errorf("row 5: %+v", p)
		}
	}
}

// TestMalformedJSON reads testdata/malformed.json (synthetic): the objects before the
// syntax error count, and the error says where it is.
func TestMalformedJSON(t *testing.T) {
	r := read(t, true, Source{Path: "testdata/malformed.json"})
	var got []string
	for _, p := range r.Problems {
		got = append(got, fmt.Sprintf("%d %s %s %s", p.Row, p.Column, p.Severity, p.Kind))
	}
	want := "2 latitude warning invalid-field\n3  warning rejected\n4  error bad-json"
	if strings.Join(got, "\n") != want {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	last := r.Problems[len(r.Problems)-1]
	if !strings.Contains(last.Message, "in object 4 of the array, at line 5, column 30") {
		t.Errorf("message %q", last.Message)
	}
	if !strings.HasPrefix(r.Problems[0].Message, "object 2 of the array: ") {
		t.Errorf("a JSON row must say it counts objects: %q", r.Problems[0].Message)
	}
	if len(r.Places) != 2 || r.Files[0].Format != Schema01 {
		t.Errorf("%d places, format %s", len(r.Places), r.Files[0].Format)
	}
	if p := placeByID(r, "j-1"); p == nil || strings.Join(p.Programmes, ",") != ConseillersNumeriques+",APTIC" || strings.Join(p.Levers, ",") != "equipement,competences" {
		t.Errorf("j-1: %+v", p)
	}
}

func TestFileErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		src  Source
		kind string
		text string
	}{
		{"not a list", Source{Path: "x.csv", Data: []byte("code_insee;P18_POP\n58194;33000\n")}, "not-a-places-list", "none of a known list of places"},
		{"no header", Source{Path: "x.csv", Data: []byte("a;b\n1;2\n")}, "no-key-column", "no header of a list of places"},
		{"unclosed quote", Source{Path: "x.csv", Data: []byte("id,nom,code_insee\n1,\"Mairie,58194\n2,Poste,58194\n")}, "bad-csv", "quoted field"},
		{"JSON object", Source{Path: "x.json", Data: []byte(`{"id": 1}`)}, "not-a-places-list", "expected an array of objects"},
		{"JSON after the array", Source{Path: "x.json", Data: []byte(`[{"id":"1","code_insee":"58194"}] []`)}, "bad-json", "after the array"},
		{"truncated JSON", Source{Path: "x.json", Data: []byte(`[{"id":"1","code_insee":"58194"},`)}, "bad-json", "truncated"},
		{"unknown format", Source{Path: "x.csv", Format: "geojson", Data: []byte("id\n")}, "unknown-format", "unknown format"},
		{"bad mapping", Source{Path: "x.csv", Mapping: map[string]string{"ville": "Ville"}, Data: []byte("Ville\n")}, "bad-mapping", "unknown fields ville"},
		{"mapping of an absent column", Source{Path: "x.csv", Mapping: map[string]string{"code_insee": "INSEE", "nom": "Name"}, Data: []byte("INSEE;Nom\n58194;A\n")}, "bad-mapping", "Name (for nom)"},
		{"missing file", Source{Path: "testdata/absent.csv"}, "cannot-open", "cannot open"},
		{"no locating column", Source{Path: "x.csv", Format: Schema102, Data: []byte("id,nom\n1,A\n")}, "not-a-places-list", "no column locates a place"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Read(embedded(t), []Source{c.src}, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			errs := r.Problems.Errors()
			if len(errs) != 1 || errs[0].Kind != c.kind || !strings.Contains(errs[0].Message, c.text) {
				t.Errorf("problems %v, want one %s saying %q", r.Problems, c.kind, c.text)
			}
		})
	}
}
