package places

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// schemaEnum returns the values a field of a schema file allows, read from its
// pattern "(?:(?:^|\|)(A|B|C))+$".
func schemaEnum(t *testing.T, file, field string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedData(t, "sites"), file))
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Fields []struct {
			Name        string `json:"name"`
			Constraints struct {
				Pattern string `json:"pattern"`
			} `json:"constraints"`
		} `json:"fields"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	inner := regexp.MustCompile(`^\(\?:\(\?:\^\|[^)]*\)\((.*)\)\)\+\$$`)
	for _, f := range schema.Fields {
		if f.Name != field {
			continue
		}
		m := inner.FindStringSubmatch(f.Constraints.Pattern)
		if m == nil {
			t.Fatalf("%s %s: pattern %q", file, field, f.Constraints.Pattern)
		}
		var out []string
		for _, v := range strings.Split(m[1], "|") {
			out = append(out, strings.ReplaceAll(v, `\`, ""))
		}
		return out
	}
	t.Fatalf("%s: no field %s", file, field)
	return nil
}

// TestEveryServiceHasALever checks the table against the schemas' own lists.
func TestEveryServiceHasALever(t *testing.T) {
	seen := 0
	for file, field := range map[string]string{
		"schema-lieux-mediation-numerique-1.0.2.json": "services",
		"schema-lieux-mediation-numerique-0.1.0.json": "services",
	} {
		values := schemaEnum(t, file, field)
		for _, v := range values {
			if _, ok := serviceLevers[normText(v)]; !ok {
				t.Errorf("%s: service %q has no lever", file, v)
			}
		}
		seen += len(values)
	}
	if seen != 9+15 || len(serviceLevers) != seen {
		t.Errorf("%d services in the schemas, %d in the table", seen, len(serviceLevers))
	}
}

func TestEveryProgrammeIsKnown(t *testing.T) {
	for file, field := range map[string]string{
		"schema-lieux-mediation-numerique-1.0.2.json": "dispositif_programmes_nationaux",
		"schema-lieux-mediation-numerique-0.1.0.json": "labels_nationaux",
	} {
		for _, v := range schemaEnum(t, file, field) {
			if _, ok := programmeNames[normText(v)]; !ok {
				t.Errorf("%s: programme %q unknown", file, v)
			}
		}
	}
}
