package places

import (
	"strings"
	"testing"
)

func TestParseOSMHours(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", 5*7.5 + 3.5},
		// a later rule overrides the earlier ones on its days
		{"Mo-Fr 09:00-12:00,13:30-17:30; Tu 09:00-12:00,14:30-17:30", 4*7 + 6},
		{"Mo-Fr 09:00-17:00; We off", 4 * 8},
		// a "," then weekdays adds a rule
		{"Mo 09:00-12:00, We 14:00-16:00", 3 + 2},
		{"Mo,We,Fr 10:00-11:00", 3},
		{"Sa-Mo 10:00-11:00", 3},
		{"24/7", 168},
		{"09:00-10:00", 7},
		{"Mo 22:00-02:00", 4},
		{"Mo 09:00-12:00,11:00-13:00", 4}, // overlapping spans count once
		{"Mo-Fr 09:00-12:00; PH off", 15},
		{"Mo 9:00-12:00 open", 3},
		{"Tu 14:00-24:00", 10},
	} {
		got, err := parseOSMHours(c.in)
		if err != nil || got != c.want {
			t.Errorf("%q: %v %v, want %v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "tous les jours", "Mo 09:00", "Mo 09:00-12:00-14:00", "Jan-Mar Mo 09:00-12:00",
		"Mo 09:00-12:00 || Tu 10:00-11:00", "Mo 25:00-26:00", "Mo 09:60-10:00", "Mo-", "Mo 09:00+", `Mo 09:00-10:00 "sur rendez-vous"`} {
		if got, err := parseOSMHours(in); err == nil {
			t.Errorf("%q: %v, want an error", in, got)
		}
	}
}

func TestParseDayHours(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"09:00 - 12:00 / 13:30 - 17:00", 390},
		{"13:30 - 17:00", 210},
		{"", 0},
		{"9h - 12h et 14h00 - 17h30", 390},
		{"08:00 - 10:00 / 09:00 - 11:00", 180},
	} {
		got, err := parseDayHours(c.in)
		if err != nil || got != c.want {
			t.Errorf("%q: %v %v, want %v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"matin", "09:00", "09:00 - ", "09:00 - 12:00 / midi"} {
		if _, err := parseDayHours(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestNormName(t *testing.T) {
	for in, want := range map[string]string{
		"Marseille 1er Arrondissement": "marseille 1",
		"MARSEILLE 1":                  "marseille 1",
		"Paris 10e":                    "paris 10",
		"L'Abergement-Clémenciat":      "abergement clemenciat",
		"ST ETIENNE":                   "saint etienne",
		"Ste-Foy":                      "sainte foy",
		"Annecy Cedex 03":              "annecy",
		"Œuilly":                       "oeuilly",
		"Les":                          "les",
	} {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
	if nameKey("Saint-Pierre-d'Oléron") != nameKey("Saint-Pierre dOléron") {
		t.Error("nameKey must ignore the apostrophe")
	}
	if normColumn(" Code postal ") != "code_postal" || normColumn("Complément d'adresse") != "complement_d_adresse" {
		t.Error("normColumn")
	}
}

func TestNormalizePostal(t *testing.T) {
	for in, want := range map[string]string{"58000": "58000 false", "1100": "01100 true", "1100.0": "01100 true",
		"01100": "01100 false", "380000": " false", "30252Cedex": " false", "": " false", "975": " false"} {
		cp, repaired, ok := normalizePostal(in)
		got := cp + " " + map[bool]string{true: "true", false: "false"}[repaired]
		if got != want || ok != (cp != "") {
			t.Errorf("%q: %q ok=%v, want %q", in, got, ok, want)
		}
	}
}

func TestSplitList(t *testing.T) {
	if got := strings.Join(splitList("A|B; C, D ,|"), "/"); got != "A/B/C/D" {
		t.Errorf("%q", got)
	}
}
