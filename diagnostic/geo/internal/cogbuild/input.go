// Package cogbuild turns the JSON files of the npm package
// @etalab/decoupage-administratif into the compact table that package geo embeds,
// refusing any input whose codes are ambiguous.
//
// The table is gzip-compressed UTF-8 text, one record a line, fields separated by
// tabs, the first field naming the record:
//
//	#  comment (ignored)
//	V  vintage                       e.g. "COG 2026"
//	S  source                        producer and title of the data
//	R  code name zone                région (zone: metro, drom or com)
//	D  code name région zone         département
//	E  siren name type population    EPCI à fiscalité propre (DGCL populationMunicipale)
//	C  code name département epci population source
//	                                 commune actuelle; epci empty when none; source DGCL,
//	                                 INSEE or none; population empty when unknown
//	A  code name commune population  arrondissement municipal (INSEE population)
//	F  former current                code absorbed by a commune (anciensCodes)
//
// Records are written in that order, each kind sorted by code, and the gzip header
// carries no name nor time, so the same input always gives the same bytes.
package cogbuild

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Version is the npm version of @etalab/decoupage-administratif the table is built from.
const Version = "6.0.0"

// Vintage is the COG vintage of Version.
const Vintage = "COG 2026"

// Source is written into the table so users can tell where the figures come from.
const Source = "Etalab, @etalab/decoupage-administratif " + Version +
	" (INSEE, Code officiel géographique 2026; EPCI membership and populationMunicipale: DGCL)"

// Input holds the four JSON files as published.
type Input struct {
	Communes     []communeJSON
	EPCIs        []epciJSON
	Departements []departementJSON
	Regions      []regionJSON
}

type communeJSON struct {
	Code         string   `json:"code"`
	Name         string   `json:"nom"`
	Type         string   `json:"type"`
	Departement  string   `json:"departement"`
	Region       string   `json:"region"`
	Commune      string   `json:"commune"` // parent of an arrondissement municipal
	Population   *float64 `json:"population"`
	AnciensCodes []string `json:"anciensCodes"`
}

type epciJSON struct {
	Code       string   `json:"code"`
	Name       string   `json:"nom"`
	Type       string   `json:"type"`
	Population *float64 `json:"populationMunicipale"`
	Members    []struct {
		Code       string   `json:"code"`
		Population *float64 `json:"populationMunicipale"`
	} `json:"membres"`
}

type departementJSON struct {
	Code   string `json:"code"`
	Name   string `json:"nom"`
	Region string `json:"region"`
	Zone   string `json:"zone"`
}

type regionJSON struct {
	Code string `json:"code"`
	Name string `json:"nom"`
	Zone string `json:"zone"`
}

// FileName is the name of one of the package's JSON files as kept in the shared data,
// kind being communes, epci, departements or regions.
func FileName(kind string) string {
	return "decoupage-administratif-" + Version + "-" + kind + ".json.gz"
}

// Load reads the four gzip-compressed JSON files from dir.
func Load(dir string) (Input, error) {
	var in Input
	for kind, dst := range map[string]any{
		"communes":     &in.Communes,
		"epci":         &in.EPCIs,
		"departements": &in.Departements,
		"regions":      &in.Regions,
	} {
		if err := readJSON(filepath.Join(dir, FileName(kind)), dst); err != nil {
			return Input{}, err
		}
	}
	return in, nil
}

func readJSON(path string, dst any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := json.NewDecoder(zr).Decode(dst); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
