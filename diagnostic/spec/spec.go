// Package spec reads what a diagnostic run is asked to do — which territories,
// from which sources, which indicators, written where — from a YAML file or from
// flags, and checks it before anything is computed.
package spec

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/defaults"
)

// Spec is one diagnostic run. The yaml tags are the file's keys: adding a key is
// adding a field (the decoder and its error messages follow the tags).
type Spec struct {
	Territory  []Territory `yaml:"territory"`
	Sources    Sources     `yaml:"sources"`
	Indicators []string    `yaml:"indicators"` // catalogue ids; empty means all
	Method     Method      `yaml:"method"`
	Output     Output      `yaml:"output"`
	// Dir is the folder of the spec file; relative paths in the file are relative to
	// it, so a spec and its data can move together.
	Dir string `yaml:"-"`
}

// Sources are the input files.
type Sources struct {
	Census    []Source      `yaml:"census"`
	Services  []Source      `yaml:"services"`
	Places    []PlaceSource `yaml:"places"`
	Geography string        `yaml:"geography"` // optional
}

// Source is one input file and what the reports must say about where it comes from.
// In YAML it is either the path alone or a mapping of these keys.
type Source struct {
	Path     string `yaml:"path"` // a file, or EmbeddedPrefix + a dataset name
	Producer string `yaml:"producer"`
	Title    string `yaml:"title"`
	Vintage  string `yaml:"vintage"`
	Licence  string `yaml:"licence"`
}

// Method is the composite fragility index to compute and every choice it leaves
// open; an empty field takes the preset's default (see `diagnum methods`).
type Method struct {
	Name           string       `yaml:"name"`           // diagnum, ifn-2020-kit, ifn-2020-map, ifn-rank, ifn-core
	Reference      string       `yaml:"reference"`      // france, region, departement, epci
	Normalisation  string       `yaml:"normalisation"`  // diagnum: reference, min-max, z-score, percentile-rank
	Weighting      string       `yaml:"weighting"`      // diagnum: equal-axis, equal-indicator, user, pca
	Weights        []Weight     `yaml:"weights"`        // with weighting: user
	Aggregation    string       `yaml:"aggregation"`    // diagnum: arithmetic, geometric, harmonic
	Classification string       `yaml:"classification"` // equal-width, quantile, jenks
	Classes        int          `yaml:"classes"`        // number of classes; 0 = the preset's
	Imputation     []Imputation `yaml:"imputation"`     // where missing values may be filled
	// ReferenceValues freeze the reference (e.g. France of a first year, from its
	// indicateurs-france.csv), in the catalogue's units, so that the scores of
	// several years stand on one scale; empty: this run's reference territory.
	ReferenceValues []ReferenceValue `yaml:"reference_values"`
	Uncertainty     Uncertainty      `yaml:"uncertainty"` // Monte Carlo over the method's choices
}

// Weight is a user weight of one indicator.
type Weight struct {
	Indicator string  `yaml:"indicator"`
	Weight    float64 `yaml:"weight"`
}

// Imputation allows filling one indicator's missing values (or "*" for all).
type Imputation struct {
	Indicator string `yaml:"indicator"`
	Rule      string `yaml:"rule"` // parent, median, group-median
}

// ReferenceValue is the frozen reference value of one indicator of the catalogue.
type ReferenceValue struct {
	Indicator string  `yaml:"indicator"`
	Value     float64 `yaml:"value"`
}

// Uncertainty asks for a Monte Carlo analysis of the ranks; Draws 0 means none.
type Uncertainty struct {
	Draws        int     `yaml:"draws"`
	Seed         int     `yaml:"seed"`
	WeightSpread float64 `yaml:"weight_spread"`
}

// PlaceSource is a list of digital-mediation places. In YAML it is either the path
// alone or a mapping of these keys.
type PlaceSource struct {
	Path     string `yaml:"path"`
	Format   string `yaml:"format"` // empty: recognised from the columns
	Producer string `yaml:"producer"`
	Title    string `yaml:"title"`
	Vintage  string `yaml:"vintage"`
	Licence  string `yaml:"licence"`
	// Mapping reads any other list: which column holds each field of the national
	// schema (nom, code_insee, adresse, latitude, services…).
	Mapping []FieldColumn `yaml:"mapping"`
}

// FieldColumn maps one field of the national schema of places to a column.
type FieldColumn struct {
	Field  string `yaml:"field"`
	Column string `yaml:"column"`
}

// placePaths gives the lists of places as sources, for the checks every path shares.
func (s Sources) placePaths() []Source {
	out := make([]Source, len(s.Places))
	for i, p := range s.Places {
		out[i] = Source{Path: p.Path}
	}
	return out
}

// Output says where and in which formats results are written.
type Output struct {
	Dir     string   `yaml:"dir"`
	Formats []string `yaml:"formats"`
	// Contours are GeoJSON outlines of communes or EPCI, drawn as maps in the HTML
	// report; ECharts is a local copy of echarts.min.js, inlined so the page works
	// offline (without it the page loads ECharts from a CDN).
	Contours []string `yaml:"contours"`
	ECharts  string   `yaml:"echarts"`
}

// EmbeddedPrefix marks a source path naming data shipped in the binary
// (package defaults) rather than a file.
const EmbeddedPrefix = "embedded:"

// DefaultMethod is the composite index computed when the spec does not say.
const DefaultMethod = "diagnum"

// DefaultOutputDir is where results go when the spec does not say.
const DefaultOutputDir = "diagnostic-out"

// Formats lists the output formats, in the order they are written.
func Formats() []string { return []string{"csv", "xlsx", "json", "html"} }

// Embedded returns the dataset name of an "embedded:NAME" source.
func (s Source) Embedded() (name string, ok bool) {
	return strings.CutPrefix(s.Path, EmbeddedPrefix)
}

// Default is the run made when no spec is given: Nièvre, from the embedded data,
// every format.
func Default() *Spec {
	s := base()
	s.Territory = []Territory{{Level: Departement, Code: "58"}}
	return s
}

// base is what a spec file starts from: the embedded sources and the default output,
// but no territory, which a spec must always choose.
func base() *Spec {
	s := &Spec{Output: Output{Dir: DefaultOutputDir, Formats: Formats()}, Method: Method{Name: DefaultMethod,
		// The poverty rate is secret in small communes: like the 2020 kit, take the
		// département's, each imputed value being listed in the outputs.
		Imputation: []Imputation{{Indicator: "taux_pauvrete", Rule: "parent"}}}}
	for _, ds := range defaults.Datasets() {
		src := Source{Path: EmbeddedPrefix + ds.Name, Producer: ds.Producer, Title: ds.Title, Vintage: ds.Vintage, Licence: ds.Licence}
		switch ds.Role {
		case defaults.Census:
			s.Sources.Census = append(s.Sources.Census, src)
		case defaults.Services:
			s.Sources.Services = append(s.Sources.Services, src)
		case defaults.Places:
			s.Sources.Places = append(s.Sources.Places, PlaceSource{Path: src.Path, Producer: src.Producer, Title: src.Title, Vintage: src.Vintage, Licence: src.Licence})
		}
	}
	return s
}

// Resolve returns a path of the spec as the program must open it: relative paths
// are taken from the spec's folder; absolute and embedded ones are left alone.
func (s *Spec) Resolve(path string) string {
	if path == "" || s.Dir == "" || filepath.IsAbs(path) || strings.HasPrefix(path, EmbeddedPrefix) {
		return path
	}
	return filepath.Join(s.Dir, path)
}

// Validate checks what a spec built by hand or from flags may get wrong; Load and
// Parse call it. The error lists every mistake, each naming its key.
func (s *Spec) Validate() error { return s.validate().err() }

func (s *Spec) validate() errorList {
	var errs errorList
	add := func(key, format string, args ...any) {
		errs = append(errs, &Error{Key: key, Message: fmt.Sprintf(format, args...)})
	}
	if len(s.Territory) == 0 {
		add("territory", "at least one territory is needed, e.g. dep:58")
	}
	seenT := map[Territory]bool{}
	for i, t := range s.Territory {
		key := fmt.Sprintf("territory[%d]", i)
		if err := t.check(); err != nil {
			add(key, "%v", err)
		} else if seenT[t] {
			add(key, "%s is listed twice", t)
		}
		seenT[t] = true
	}
	for _, list := range []struct {
		role    string
		sources []Source
	}{{defaults.Census, s.Sources.Census}, {defaults.Services, s.Sources.Services}, {defaults.Places, s.Sources.placePaths()}} {
		for i, src := range list.sources {
			key := fmt.Sprintf("sources.%s[%d].path", list.role, i)
			if strings.TrimSpace(src.Path) == "" {
				add(key, "the path is empty")
				continue
			}
			if name, ok := src.Embedded(); ok {
				ds, found := defaults.Lookup(name)
				switch {
				case !found:
					add(key, "no embedded dataset %q (expected %s)", name, embeddedNames())
				case ds.Role != list.role:
					add(key, "embedded dataset %q is %s data, not %s", name, ds.Role, list.role)
				}
			}
		}
	}
	if s.Sources.Geography != "" && strings.TrimSpace(s.Sources.Geography) == "" {
		add("sources.geography", "the path is blank")
	}
	seenI := map[string]bool{}
	for i, id := range s.Indicators {
		key := fmt.Sprintf("indicators[%d]", i)
		switch {
		case strings.TrimSpace(id) == "":
			add(key, "empty indicator id")
		case seenI[id]:
			add(key, "indicator %q is listed twice", id)
		}
		seenI[id] = true
	}
	if strings.TrimSpace(s.Output.Dir) == "" {
		add("output.dir", "the output folder is empty")
	}
	if len(s.Output.Formats) == 0 {
		add("output.formats", "at least one format is needed (%s)", or(Formats()))
	}
	seenF := map[string]bool{}
	for i, f := range s.Output.Formats {
		key := fmt.Sprintf("output.formats[%d]", i)
		switch {
		case !slices.Contains(Formats(), f):
			add(key, "unknown format %q (expected %s)", f, or(Formats()))
		case seenF[f]:
			add(key, "format %q is listed twice", f)
		}
		seenF[f] = true
	}
	return errs
}

func embeddedNames() string {
	names := defaults.Names()
	for i, n := range names {
		names[i] = EmbeddedPrefix + n
	}
	return or(names)
}

// or writes a list as "a, b or c".
func or(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
