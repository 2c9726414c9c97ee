package spec

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseTerritory(t *testing.T) {
	dep58 := Territory{Departement, "58"}
	for _, tc := range []struct {
		in   string
		want []Territory
	}{
		{"france", []Territory{{Level: France}}},
		{" FRANCE ", []Territory{{Level: France}}},
		{"dep:58", []Territory{dep58}},
		{" dep : 58 ", []Territory{dep58}},
		{"departement:58", []Territory{dep58}},
		{"dep:58,epci:200067213", []Territory{dep58, {EPCI, "200067213"}}},
		{"dep:58 , com:58194,reg:27, france", []Territory{dep58, {Commune, "58194"}, {Region, "27"}, {Level: France}}},
		{"reg:27", []Territory{{Region, "27"}}},
		{"region:06", []Territory{{Region, "06"}}},
		{"reg:975", []Territory{{Region, "975"}}},
		{"dep:01", []Territory{{Departement, "01"}}},
		{"dep:95", []Territory{{Departement, "95"}}},
		{"dep:2a", []Territory{{Departement, "2A"}}},
		{"DEP:2B", []Territory{{Departement, "2B"}}},
		{"dep:971", []Territory{{Departement, "971"}}},
		{"dep:976", []Territory{{Departement, "976"}}},
		{"dep:977", []Territory{{Departement, "977"}}},
		{"dep:988", []Territory{{Departement, "988"}}},
		{"epci:200046977", []Territory{{EPCI, "200046977"}}},
		{"com:58194", []Territory{{Commune, "58194"}}},
		{"commune:2a004", []Territory{{Commune, "2A004"}}},
		{"com:97101", []Territory{{Commune, "97101"}}},
		{"com:75101", []Territory{{Commune, "75101"}}}, // an arrondissement municipal
	} {
		got, err := ParseTerritory(tc.in)
		if err != nil {
			t.Errorf("ParseTerritory(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseTerritory(%q) = %v, want %v", tc.in, got, tc.want)
		}
		for _, ter := range got {
			back, err := ParseTerritory(ter.String())
			if err != nil || len(back) != 1 || back[0] != ter {
				t.Errorf("%#v: String() = %q does not read back (%v, %v)", ter, ter.String(), back, err)
			}
		}
	}
}

func TestParseTerritoryErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "no territory given: expected france, reg:CODE"},
		{"  ", "no territory given"},
		{"58", `territory "58": expected france, reg:CODE (e.g. reg:27), dep:CODE (e.g. dep:58)`},
		{"nievre", `territory "nievre": expected`},
		{"depp:58", `unknown level "depp" (expected france, reg, dep, epci or com)`},
		{"france:1", "france takes no code"},
		{"dep:", `"" is not a département code (expected 01 to 95, 2A, 2B, 971 to 976`},
		{"dep:20", "20 is no longer a département: use 2A (Corse-du-Sud) or 2B (Haute-Corse)"},
		{"dep:5", `"5" is not a département code (did you mean 05?)`},
		{"dep:00", `"00" is not a département code`},
		{"dep:96", `"96" is not a département code`},
		{"dep:970", `"970" is not a département code`},
		{"dep:985", `"985" is not a département code`},
		{"dep:2C", `"2C" is not a département code`},
		{"reg:99", `"99" is not a région code (expected 01, 02, 03, 04, 06, 11`},
		{"reg:58", `"58" is not a région code`},
		{"epci:12345", `"12345" is not an EPCI SIREN (expected 9 digits, e.g. 245804406)`},
		{"epci:2000672130", "not an EPCI SIREN"},
		{"epci:20006721A", "not an EPCI SIREN"},
		{"epci:200067214", `"200067214" is not a valid SIREN: its check digit is wrong`},
		{"com:5819", `"5819" is not a commune code (expected 5 characters`},
		{"com:20004", "not a commune code"},
		{"com:96001", "not a commune code"},
		{"com:58A94", "not a commune code"},
		{"com:97901", "not a commune code"},
		{"dep:58,,com:58194", `territory list "dep:58,,com:58194": item 2 is empty`},
		{"dep:58,", "item 2 is empty"},
		{"dep:58,DEP:58", "territory dep:58 is listed twice"},
	} {
		got, err := ParseTerritory(tc.in)
		if err == nil {
			t.Errorf("ParseTerritory(%q) = %v, want an error", tc.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseTerritory(%q): %q, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestLuhnOnRealSIRENs(t *testing.T) {
	// Real EPCI SIRENs (CA de Nevers, CC Les Bertranges, CC Loire et Allier, Métropole
	// de Lyon) pass; the same with the last digit changed fail.
	for _, siren := range []string{"245804406", "200068088", "245801063", "200046977"} {
		if !luhn(siren) {
			t.Errorf("luhn(%s) = false", siren)
		}
		bad := siren[:8] + string('0'+(siren[8]-'0'+1)%10)
		if luhn(bad) {
			t.Errorf("luhn(%s) = true", bad)
		}
	}
}
