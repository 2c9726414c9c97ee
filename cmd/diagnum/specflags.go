package main

import (
	"path/filepath"

	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/spf13/cobra"
)

// specOptions are the flags shared by run and validate: they build a spec, or
// override the one read with --spec.
type specOptions struct {
	specFile       string
	census         []string
	services       []string
	places         []string
	geography      string
	territory      string
	indicators     []string
	allowUnmatched bool
	// territoryRequired: a run on one's own files must say what territory it studies.
	territoryRequired bool
}

func (o *specOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.specFile, "spec", "", "read the run from a YAML `FILE` (see diagnum init); flags override it")
	f.StringSliceVar(&o.census, "census", nil, "census `FILE`s: INSEE tables in XLSX, CSV or zip (repeat or comma-separate)")
	f.StringSliceVar(&o.services, "services", nil, "service coverage `FILE`s, e.g. the ARCEP commune file")
	f.StringSliceVar(&o.places, "places", nil, "lists of digital-mediation places `FILE`s (national schema CSV/JSON/XLSX, France services, conseillers numériques)")
	f.StringVar(&o.geography, "geography", "", "INSEE table d'appartenance géographique `FILE` (XLSX or zip) instead of the embedded COG 2026")
	f.StringVar(&o.territory, "territory", "", "studied `TERRITORY`: france, reg:27, dep:58, epci:SIREN, com:58194, or a comma list")
	f.StringSliceVar(&o.indicators, "indicators", nil, "indicator `IDS` to compute (default: the whole catalogue, see diagnum indicators)")
	f.BoolVar(&o.allowUnmatched, "allow-unmatched", false, "leave out (and list) input rows whose code matches no commune, instead of failing")
}

// build returns the spec to run: the --spec file, or the embedded default when no
// input file is given, with the flags laid over it.
func (o *specOptions) build() (*spec.Spec, error) {
	var s *spec.Spec
	if o.specFile != "" {
		var err error
		if s, err = spec.Load(o.specFile); err != nil {
			return nil, err
		}
	} else {
		s = spec.Default()
		if (len(o.census) > 0 || len(o.services) > 0) && o.territory == "" {
			if o.territoryRequired {
				return nil, usagef("--territory is required with your own --census or --services files (e.g. --territory dep:58)")
			}
			s.Territory = []spec.Territory{{Level: spec.France}} // validate reads every row anyway
		}
	}
	// One's own census or services files replace all the embedded data; one's own
	// list of places alone is set against the embedded census and services.
	if len(o.census) > 0 || len(o.services) > 0 {
		s.Sources.Census = sourcesOf(s, o.census)
		s.Sources.Services = sourcesOf(s, o.services)
		s.Sources.Places = nil
	}
	if len(o.places) > 0 {
		s.Sources.Places = nil
		for _, src := range sourcesOf(s, o.places) {
			s.Sources.Places = append(s.Sources.Places, spec.PlaceSource{Path: src.Path})
		}
	}
	if o.geography != "" {
		s.Sources.Geography = fromWorkingDir(s, o.geography)
	}
	if o.territory != "" {
		t, err := spec.ParseTerritory(o.territory)
		if err != nil {
			return nil, usagef("--territory: %v", err)
		}
		s.Territory = t
	}
	if len(o.indicators) > 0 {
		s.Indicators = o.indicators
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// sourcesOf turns paths given on the command line into sources.
func sourcesOf(s *spec.Spec, paths []string) []spec.Source {
	out := make([]spec.Source, len(paths))
	for i, p := range paths {
		out[i] = spec.Source{Path: fromWorkingDir(s, p)}
	}
	return out
}

// fromWorkingDirAll applies fromWorkingDir to each path.
func fromWorkingDirAll(s *spec.Spec, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = fromWorkingDir(s, p)
	}
	return out
}

// fromWorkingDir keeps a command-line path relative to the working directory even
// when a spec file elsewhere would resolve it against its own folder.
func fromWorkingDir(s *spec.Spec, path string) string {
	if s.Dir == "" || filepath.IsAbs(path) {
		return path
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
