package html

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// Contours are territory outlines read from GeoJSON (WGS84 longitude/latitude), by
// territory code: commune (INSEE code), EPCI (SIREN), département... The page draws
// the studied territories whose code it finds.
type Contours struct {
	features map[string]contour
}

type contour struct {
	name   string
	file   string
	kind   string          // "Polygon" or "MultiPolygon"
	coords json.RawMessage // as read; rounded when written
}

// codeKeys are the feature properties that may hold a territory's code, in the order
// they are tried: IGN, INSEE, data.gouv.fr and the shared Nièvre files use these.
var codeKeys = []string{"code", "insee", "code_insee", "INSEE_COM", "codgeo", "CODGEO", "SIREN_EPCI", "siren", "code_epci", "CODE_EPCI", "INSEE_DEP", "INSEE_REG"}

// nameKeys are the properties that may hold its name.
var nameKeys = []string{"nom", "NOM", "name", "libelle", "NOM_COM", "NOM_EPCI", "nom_com", "LIBGEO"}

// ReadContours reads GeoJSON FeatureCollection files and indexes their Polygon and
// MultiPolygon features by code. A code found twice is an error naming both files.
func ReadContours(paths ...string) (*Contours, error) {
	c := &Contours{features: map[string]contour{}}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("contours: %w", err)
		}
		if err := c.add(filepath.Base(path), data); err != nil {
			return nil, fmt.Errorf("contours: %s: %w", path, err)
		}
	}
	return c, nil
}

// ParseContours reads one GeoJSON FeatureCollection given as bytes; name stands for
// its file in messages and captions.
func ParseContours(name string, data []byte) (*Contours, error) {
	c := &Contours{features: map[string]contour{}}
	if err := c.add(name, data); err != nil {
		return nil, fmt.Errorf("contours: %s: %w", name, err)
	}
	return c, nil
}

// Len is the number of outlines.
func (c *Contours) Len() int {
	if c == nil {
		return 0
	}
	return len(c.features)
}

func (c *Contours) add(file string, data []byte) error {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return fmt.Errorf("not GeoJSON: %w", err)
	}
	if fc.Type != "FeatureCollection" {
		return fmt.Errorf("want a GeoJSON FeatureCollection, found type %q", fc.Type)
	}
	for i, f := range fc.Features {
		code := property(f.Properties, codeKeys)
		if code == "" {
			return fmt.Errorf("feature %d: no code (properties tried: %v)", i+1, codeKeys)
		}
		if f.Geometry == nil {
			continue // a feature without geometry has nothing to draw
		}
		if f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon" {
			return fmt.Errorf("feature %d (%s): geometry %q, want Polygon or MultiPolygon", i+1, code, f.Geometry.Type)
		}
		if err := checkCoordinates(f.Geometry.Coordinates); err != nil {
			return fmt.Errorf("feature %d (%s): %w", i+1, code, err)
		}
		if prev, ok := c.features[code]; ok {
			return fmt.Errorf("feature %d: code %s already read from %s", i+1, code, prev.file)
		}
		c.features[code] = contour{name: property(f.Properties, nameKeys), file: file, kind: f.Geometry.Type, coords: f.Geometry.Coordinates}
	}
	return nil
}

// property returns the first of keys the properties hold, as text; a number (a code
// whose leading zero a tool may have dropped) is written without decimals.
func property(props map[string]any, keys []string) string {
	for _, k := range keys {
		switch v := props[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case float64:
			if v == math.Trunc(v) {
				return strconv.FormatFloat(v, 'f', 0, 64)
			}
		}
	}
	return ""
}

// checkCoordinates rejects positions that are not longitude/latitude degrees (a file
// in Lambert-93 metres, say), which ECharts would draw as nonsense.
func checkCoordinates(raw json.RawMessage) error {
	var walk func(v any) error
	walk = func(v any) error {
		list, ok := v.([]any)
		if !ok {
			return errors.New("coordinates are not arrays")
		}
		if len(list) >= 2 {
			if lon, ok := list[0].(float64); ok {
				lat, _ := list[1].(float64)
				if math.Abs(lon) > 180 || math.Abs(lat) > 90 {
					return fmt.Errorf("position [%g, %g] is not WGS84 longitude/latitude", lon, lat)
				}
				return nil
			}
		}
		for _, x := range list {
			if err := walk(x); err != nil {
				return err
			}
		}
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	return walk(v)
}

// collection writes the outlines of these codes, in this order, as a GeoJSON
// FeatureCollection for echarts.registerMap: properties code and name, positions
// rounded to 5 decimals (about a metre), which halves the page. Returns the codes
// found and the files they came from.
func (c *Contours) collection(codes []string) (json.RawMessage, []string, []string, error) {
	type geometry struct {
		Type        string `json:"type"`
		Coordinates any    `json:"coordinates"`
	}
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   geometry          `json:"geometry"`
	}
	var out []feature
	var found, files []string
	for _, code := range codes {
		f, ok := c.features[code]
		if !ok {
			continue
		}
		var v any
		if err := json.Unmarshal(f.coords, &v); err != nil {
			return nil, nil, nil, err
		}
		out = append(out, feature{Type: "Feature", Properties: map[string]string{"code": code, "name": f.name},
			Geometry: geometry{Type: f.kind, Coordinates: round(v)}})
		found = append(found, code)
		if !slices.Contains(files, f.file) {
			files = append(files, f.file)
		}
	}
	if len(out) == 0 {
		return nil, nil, nil, nil
	}
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": out})
	return b, found, files, err
}

// round rounds every number of nested coordinate arrays to 5 decimals.
func round(v any) any {
	switch v := v.(type) {
	case float64:
		return math.Round(v*1e5) / 1e5
	case []any:
		for i := range v {
			v[i] = round(v[i])
		}
	}
	return v
}
