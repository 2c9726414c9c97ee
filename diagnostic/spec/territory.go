package spec

import (
	"fmt"
	"strings"
)

// Territory levels, from the largest.
const (
	France      = "france"
	Region      = "region"
	Departement = "departement"
	EPCI        = "epci"
	Commune     = "commune"
)

// Territory is one territory a run is asked about. A code means nothing without its
// level (région 53 is not département 53), so the two always travel together.
type Territory struct {
	Level string // France, Region, Departement, EPCI or Commune
	Code  string // "" for France
}

// prefixes maps what a user may write before the colon to a level; the first of
// each level is what String writes.
var prefixes = []struct{ prefix, level string }{
	{"reg", Region}, {"region", Region},
	{"dep", Departement}, {"departement", Departement},
	{"epci", EPCI},
	{"com", Commune}, {"commune", Commune},
}

const territoryForms = "france, reg:CODE (e.g. reg:27), dep:CODE (e.g. dep:58), epci:SIREN (e.g. epci:245804406) or com:CODE (e.g. com:58194)"

// String writes the territory as ParseTerritory reads it: "dep:58", "france".
func (t Territory) String() string {
	if t.Level == France {
		return France
	}
	for _, p := range prefixes {
		if p.level == t.Level {
			return p.prefix + ":" + t.Code
		}
	}
	return t.Level + ":" + t.Code
}

// ParseTerritory reads a comma-separated list of territories such as
// "dep:58, epci:200067213". Codes are checked for their form (and the EPCI's SIREN
// for its check digit), not for their existence, which depends on the geography.
func ParseTerritory(s string) ([]Territory, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("no territory given: expected %s", territoryForms)
	}
	var out []Territory
	seen := map[Territory]bool{}
	for i, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return nil, fmt.Errorf("territory list %q: item %d is empty", s, i+1)
		}
		t, err := parseOne(item)
		if err != nil {
			return nil, err
		}
		if seen[t] {
			return nil, fmt.Errorf("territory %s is listed twice", t)
		}
		seen[t] = true
		out = append(out, t)
	}
	return out, nil
}

func parseOne(item string) (Territory, error) {
	prefix, code, found := strings.Cut(item, ":")
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	code = strings.ToUpper(strings.TrimSpace(code))
	if prefix == France {
		if found {
			return Territory{}, fmt.Errorf("territory %q: france takes no code", item)
		}
		return Territory{Level: France}, nil
	}
	if !found {
		return Territory{}, fmt.Errorf("territory %q: expected %s", item, territoryForms)
	}
	level := ""
	for _, p := range prefixes {
		if p.prefix == prefix {
			level = p.level
			break
		}
	}
	if level == "" {
		return Territory{}, fmt.Errorf("territory %q: unknown level %q (expected france, reg, dep, epci or com)", item, prefix)
	}
	t := Territory{Level: level, Code: code}
	if err := t.check(); err != nil {
		return Territory{}, fmt.Errorf("territory %q: %w", item, err)
	}
	return t, nil
}

// check says whether the code has the form of its level's codes.
func (t Territory) check() error {
	switch t.Level {
	case France:
		if t.Code != "" {
			return fmt.Errorf("france takes no code")
		}
		return nil
	case Region:
		if !regions[t.Code] {
			return fmt.Errorf("%q is not a région code (expected 01, 02, 03, 04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93 or 94, or a collectivité d'outre-mer 975, 977, 978, 984, 986-989)", t.Code)
		}
	case Departement:
		return checkDepartement(t.Code)
	case EPCI:
		if len(t.Code) != 9 || !digits(t.Code) {
			return fmt.Errorf("%q is not an EPCI SIREN (expected 9 digits, e.g. 245804406)", t.Code)
		}
		if !luhn(t.Code) {
			return fmt.Errorf("%q is not a valid SIREN: its check digit is wrong (a typo?)", t.Code)
		}
	case Commune:
		return checkCommune(t.Code)
	default:
		return fmt.Errorf("unknown level %q (expected france, region, departement, epci or commune)", t.Level)
	}
	return nil
}

// regions are the région codes of the COG since 2016, with the collectivités
// d'outre-mer that the COG lists beside them.
var regions = set("01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94",
	"975", "977", "978", "984", "986", "987", "988", "989")

// overseas are the three-character département codes: DROM and COM.
var overseas = set("971", "972", "973", "974", "975", "976", "977", "978", "984", "986", "987", "988", "989")

const departementForms = "01 to 95, 2A, 2B, 971 to 976, or 977, 978, 984, 986 to 989"

func checkDepartement(code string) error {
	switch {
	case code == "20":
		return fmt.Errorf("20 is no longer a département: use 2A (Corse-du-Sud) or 2B (Haute-Corse)")
	case len(code) == 1 && digits(code):
		return fmt.Errorf("%q is not a département code (did you mean 0%s?)", code, code)
	case len(code) == 2 && (code == "2A" || code == "2B" || digits(code) && code != "00" && code < "96"):
		return nil
	case overseas[code]:
		return nil
	}
	return fmt.Errorf("%q is not a département code (expected %s)", code, departementForms)
}

func checkCommune(code string) error {
	const form = "5 characters: the département then the commune, e.g. 58194, 2A004, 97101"
	if len(code) != 5 {
		return fmt.Errorf("%q is not a commune code (expected %s)", code, form)
	}
	dep, rest := code[:2], code[2:]
	if dep == "97" || dep == "98" {
		dep, rest = code[:3], code[3:]
	}
	if checkDepartement(dep) != nil || !digits(rest) {
		return fmt.Errorf("%q is not a commune code (expected %s)", code, form)
	}
	return nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// luhn checks a SIREN's last digit, which catches most mistyped digits.
func luhn(s string) bool {
	sum := 0
	for i := range len(s) {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func set(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}
