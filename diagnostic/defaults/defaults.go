// Package defaults holds the real data shipped inside the diagnum binary, so that
// `diagnum run` works with no file at all: national extracts of the published INSEE
// and ARCEP tables, narrowed to the columns the indicators need and otherwise left
// exactly as published.
package defaults

import (
	"archive/zip"
	"bytes"
	"embed"
	"fmt"
	"io"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/defaults/internal/extract"
)

// The archives are cut from ../shared/data by internal/genextract; they are committed
// so that building diagnum never needs the published files.
//
//go:generate go run ./internal/genextract -src ../../../shared/data -out data
//go:embed data/*.zip
var archives embed.FS

// Roles a dataset can play in a spec's sources.
const (
	Census   = "census"
	Services = "services"
	Places   = "places"
)

// Dataset describes one embedded extract and where it comes from, for the reports'
// source notes and for checking it against the published file.
type Dataset struct {
	Name           string // what a spec calls it: "embedded:" + Name
	File           string // the CSV inside the archive, named as in the original
	Producer       string
	Title          string
	Vintage        string
	Licence        string
	Original       string // file name of the published file
	OriginalSHA256 string // of the published file, hex
	Note           string // what was kept of the original
	Role           string // Census, Services or Places
}

const etalab = "Licence Ouverte / Open Licence 2.0 (etalab-2.0)"

// catalogue is in spec order: census first. Each entry's Name matches a recipe of
// internal/extract; rows is checked against the archive by the tests.
var catalogue = []struct {
	Dataset
	rows int
}{
	{Dataset{
		Name:           "comparateur-2021",
		Producer:       "INSEE",
		Title:          "Comparateur de territoires (recensement 2018, Filosofi 2019)",
		Vintage:        "RP 2018, Filosofi 2019, géographie au 1er janvier 2021",
		Licence:        etalab,
		Original:       "base_cc_comparateur_csv.zip",
		OriginalSHA256: "311caa145141e60a7e61297a2e6038a2acba6d85b3a7763320b058076d2be9dc",
		Role:           Census,
	}, 35010},
	{Dataset{
		Name:           "arcep-debit-2019-09",
		Producer:       "ARCEP",
		Title:          "Ma connexion internet : éligibilité des locaux aux débits fixes par commune (version bêta)",
		Vintage:        "30 septembre 2019, géographie 2019",
		Licence:        etalab,
		Original:       "commune-debit-beta-2019-09-30.csv",
		OriginalSHA256: "3bd6e65f4bf23458e98c346f4906c3ac38c98a5b0758b9cfca3e05f9aeba63e6",
		Role:           Services,
	}, 35359},
	{Dataset{
		Name:           "france-services-2024-08",
		Producer:       "ANCT",
		Title:          "Liste des France services",
		Vintage:        "1er août 2024",
		Licence:        etalab,
		Original:       "france-services-20240801.csv",
		OriginalSHA256: "6eabcb0792c8681af513e65560a7dea08e15d3e72b070a14ca1fed032164efad",
		Role:           Places,
	}, 2845},
	{Dataset{
		Name:           "lieux-cnfs-2022",
		Producer:       "ANCT, programme Conseillers numériques France Services",
		Title:          "Lieux d'activité des conseillers numériques (cartographie)",
		Vintage:        "2022",
		Licence:        etalab,
		Original:       "lieux-cnfs-2022.json",
		OriginalSHA256: "04abdd6d56764e5ece6d065f4f24a07346a1f53b16176cdd8e18d9ec3a40b355",
		Role:           Places,
	}, 2733},
}

// Datasets lists the embedded datasets, census first.
func Datasets() []Dataset {
	out := make([]Dataset, len(catalogue))
	for i, c := range catalogue {
		out[i] = describe(c.Dataset, c.rows)
	}
	return out
}

// describe completes an entry from its recipe, so the columns are written once.
func describe(ds Dataset, rows int) Dataset {
	r, ok := extract.Lookup(ds.Name)
	if !ok {
		panic("defaults: no recipe for " + ds.Name)
	}
	ds.File = r.File
	if r.Whole {
		ds.Note = fmt.Sprintf("the published file, unchanged (%s records)", thousands(rows))
		return ds
	}
	from := ""
	if r.Member != "" {
		from = " of member " + r.Member
	}
	lead := ""
	if r.Lead > 0 {
		lead = fmt.Sprintf(", with the %d line(s) before the header", r.Lead)
	}
	ds.Note = fmt.Sprintf("extract%s: columns %s of all %s rows%s; values, separator and line endings as published",
		from, strings.Join(r.Columns, string(r.Sep)), thousands(rows), lead)
	return ds
}

// thousands writes 35010 as "35,010", as the notes are read by people.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Lookup returns the description of an embedded dataset.
func Lookup(name string) (Dataset, bool) {
	for _, c := range catalogue {
		if c.Name == name {
			return describe(c.Dataset, c.rows), true
		}
	}
	return Dataset{}, false
}

// Open returns the zip archive of an embedded dataset (a fresh copy: the caller may
// keep or change it) and its description.
func Open(name string) (data []byte, ds Dataset, err error) {
	ds, ok := Lookup(name)
	if !ok {
		return nil, Dataset{}, fmt.Errorf("no embedded dataset %q (expected %s)", name, strings.Join(Names(), " or "))
	}
	data, err = archives.ReadFile("data/" + name + ".zip")
	if err != nil {
		return nil, Dataset{}, err
	}
	return data, ds, nil
}

// OpenFile returns the content of an embedded dataset's file, unzipped: what the
// published file holds (or the extract of it), for readers that take bytes.
func OpenFile(name string) (data []byte, ds Dataset, err error) {
	archive, ds, err := Open(name)
	if err != nil {
		return nil, ds, err
	}
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return nil, ds, err
	}
	f, err := zr.Open(ds.File)
	if err != nil {
		return nil, ds, err
	}
	defer f.Close()
	data, err = io.ReadAll(f)
	return data, ds, err
}

// Names lists the embedded datasets' names, census first.
func Names() []string {
	names := make([]string, len(catalogue))
	for i, c := range catalogue {
		names[i] = c.Name
	}
	return names
}
