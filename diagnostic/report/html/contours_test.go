package html

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseContours(t *testing.T) {
	c, err := ParseContours("f.geojson", []byte(`{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"INSEE_COM":"58194","nom":"Nevers"},"geometry":{"type":"Polygon","coordinates":[[[3.123456789,47.0],[3.2,47.0],[3.2,47.1],[3.123456789,47.0]]]}},
		{"type":"Feature","properties":{"code":1001},"geometry":{"type":"MultiPolygon","coordinates":[[[[5.0,46.1],[5.1,46.1],[5.1,46.2],[5.0,46.1]]]]}},
		{"type":"Feature","properties":{"code":"58999"},"geometry":null}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 2 {
		t.Fatalf("%d outlines, want 2", c.Len())
	}
	geo, found, files, err := c.collection([]string{"58194", "1001", "58000"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(found, ",") != "58194,1001" || strings.Join(files, ",") != "f.geojson" {
		t.Errorf("found %q in %q", found, files)
	}
	for _, want := range []string{`"code":"58194","name":"Nevers"`, `[3.12346,47]`, `"type":"MultiPolygon"`} {
		if !strings.Contains(string(geo), want) {
			t.Errorf("collection lacks %s:\n%s", want, geo)
		}
	}
}

func TestParseContoursErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":           `{`,
		"not a collection":   `{"type":"Feature"}`,
		"no code":            `{"type":"FeatureCollection","features":[{"properties":{"nom":"x"},"geometry":{"type":"Polygon","coordinates":[]}}]}`,
		"point":              `{"type":"FeatureCollection","features":[{"properties":{"code":"1"},"geometry":{"type":"Point","coordinates":[3,47]}}]}`,
		"Lambert-93 metres":  `{"type":"FeatureCollection","features":[{"properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":[[[700000,6600000],[700100,6600000],[700000,6600100],[700000,6600000]]]}}]}`,
		"code twice":         `{"type":"FeatureCollection","features":[{"properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":[[[3,47],[3.1,47],[3,47.1],[3,47]]]}},{"properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":[[[3,47],[3.1,47],[3,47.1],[3,47]]]}}]}`,
		"coordinates string": `{"type":"FeatureCollection","features":[{"properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":"x"}}]}`,
	} {
		if _, err := ParseContours(name, []byte(data)); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
}

func TestReadContoursTwoFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "communes.geojson")
	b := filepath.Join(dir, "epci.geojson")
	feature := func(key, code string) string {
		return `{"type":"FeatureCollection","features":[{"properties":{"` + key + `":"` + code + `"},"geometry":{"type":"Polygon","coordinates":[[[3,47],[3.1,47],[3,47.1],[3,47]]]}}]}`
	}
	if err := os.WriteFile(a, []byte(feature("code", "58194")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte(feature("SIREN_EPCI", "245804406")), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := ReadContours(a, b)
	if err != nil || c.Len() != 2 {
		t.Fatalf("%v, %d outlines", err, c.Len())
	}
	if err := os.WriteFile(b, []byte(feature("code", "58194")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadContours(a, b); err == nil || !strings.Contains(err.Error(), "communes.geojson") {
		t.Errorf("a code in two files: %v", err)
	}
	if _, err := ReadContours(filepath.Join(dir, "missing.geojson")); err == nil {
		t.Error("a missing file: no error")
	}
}

// TestSharedContours reads the Nièvre outlines of the shared data when present.
func TestSharedContours(t *testing.T) {
	paths := []string{filepath.Join(contoursDir, "communes-58-nievre-2018.geojson"), filepath.Join(contoursDir, "epci-58-nievre.geojson")}
	if _, err := os.Stat(paths[0]); err != nil {
		t.Skipf("no shared data (%v)", err)
	}
	c, err := ReadContours(paths...)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 309+13 {
		t.Errorf("%d outlines, want 309 communes and 13 EPCI", c.Len())
	}
}
