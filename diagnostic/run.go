package diagnostic

import (
	"fmt"
	"math"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/defaults"
	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/ingest"
	"github.com/diagnum/diagnum/diagnostic/places"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/composite"
)

// maxListed caps the problems of one kind listed for the whole run.
const maxListed = 50

// capped keeps the first max problems of each file and kind, and says how many more
// there were: national lists of places hold thousands of notes.
func capped(list problem.List, max int) problem.List {
	type key struct{ file, kind string }
	count := map[key]int{}
	var out problem.List
	for _, p := range list {
		k := key{p.File, p.Kind}
		count[k]++
		if count[k] <= max {
			out = append(out, p)
		}
	}
	for _, p := range list {
		k := key{p.File, p.Kind}
		if n := count[k]; n > max {
			out = append(out, problem.Problem{Severity: p.Severity, Kind: p.Kind, File: p.File,
				Message: fmt.Sprintf("%d problems of this kind in all; only the first %d are listed", n, max)})
			count[k] = 0
		}
	}
	return out
}

// Options are the run's choices that are not part of the spec.
type Options struct {
	// AllowUnmatched leaves out (and lists) input rows whose code matches no commune
	// instead of failing.
	AllowUnmatched bool
	// Stage, when set, is told each step as it starts (of Stages), for a progress
	// display.
	Stage func(step int, name string)
	// listAll lists every problem of every row (Validate), not the first of each kind.
	listAll bool
}

// Stages are the steps of Run, in order, as Options.Stage is told them.
var Stages = []string{"géographie", "lecture des données", "indicateurs", "indice composite", "offre de médiation"}

func (o Options) stage(step int) {
	if o.Stage != nil {
		o.Stage(step, Stages[step])
	}
}

// prepared is what Run and Validate share: the geography, the scope, the catalogue
// subset and the ingested inputs.
type prepared struct {
	geo     *geo.Geography
	geoFile *Input // the geography file read, when not the embedded COG
	scope   *scope
	defs    []indicators.Definition
	sources []ingest.Source
	meta    []spec.Source // per source: what the user or the embedded dataset says of it
	notes   []string      // per source: how an embedded dataset was made from its original
	ingest  *ingest.Result
	// places are the lists of places read, nil when none was given.
	places      *places.Result
	placeInputs []Input
}

// Validate reads every input and reports every problem found, computing nothing.
// The error is non-nil when the inputs cannot be used (the problems say why).
func Validate(s *spec.Spec, opt Options) (problem.List, error) {
	opt.listAll = true
	p, err := prepare(s, opt)
	if p == nil || p.ingest == nil {
		return nil, err
	}
	problems := p.ingest.Problems
	if p.places != nil {
		problems = append(problems, p.places.Problems...)
		problems.Sort()
	}
	return problems, err
}

// Run computes the diagnostic asked by s.
func Run(s *spec.Spec, opt Options) (*Result, error) {
	p, err := prepare(s, opt)
	if err != nil {
		return nil, err
	}
	return compute(p, s.Method, opt)
}

func prepare(s *spec.Spec, opt Options) (*prepared, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	s.CompleteEmbedded()
	p := &prepared{}
	var err error
	opt.stage(0)
	if s.Sources.Geography != "" {
		path := s.Resolve(s.Sources.Geography)
		if p.geo, err = geo.ReadAppartenance(path); err != nil {
			return nil, err
		}
		sum, size, err := ingest.Checksum(ingest.Source{Path: path})
		if err != nil {
			return nil, err
		}
		p.geoFile = &Input{Path: path, Role: "geography", SHA256: sum, Bytes: size, Producer: "INSEE", Title: p.geo.Source, Vintage: p.geo.Vintage}
	} else {
		p.geo, err = geo.Embedded()
	}
	if err != nil {
		return nil, err
	}
	if p.scope, err = resolveScope(p.geo, s.Territory); err != nil {
		return nil, err
	}
	if p.defs, err = selectIndicators(s.Indicators); err != nil {
		return nil, err
	}
	for _, group := range []struct {
		role string
		list []spec.Source
	}{{"census", s.Sources.Census}, {"services", s.Sources.Services}} {
		for _, src := range group.list {
			in := ingest.Source{Path: src.Path, Role: group.role}
			note := ""
			if name, ok := strings.CutPrefix(src.Path, spec.EmbeddedPrefix); ok {
				data, ds, err := defaults.Open(name)
				if err != nil {
					return nil, err
				}
				in.Data = data
				note = embeddedNote(ds)
			} else {
				in.Path = s.Resolve(src.Path)
				src.Path = in.Path
			}
			p.sources = append(p.sources, in)
			p.meta = append(p.meta, src)
			p.notes = append(p.notes, note)
		}
	}
	if len(p.sources) == 0 {
		return nil, fmt.Errorf("no input: give census or services files (--census, --services, or sources: in the spec)")
	}
	opt.stage(1)
	p.ingest, err = ingest.Load(p.geo, p.sources, ingest.Options{
		Need:           indicators.Needed(p.defs),
		NonAdditive:    indicators.Needed(levelDefs(p.defs)),
		AllowUnmatched: opt.AllowUnmatched,
		ListAll:        opt.listAll,
	})
	if perr := readPlaces(p, s); perr != nil && err == nil {
		err = perr
	}
	return p, err
}

func levelDefs(defs []indicators.Definition) []indicators.Definition {
	var out []indicators.Definition
	for _, d := range defs {
		if d.Kind == indicators.Level {
			out = append(out, d)
		}
	}
	return out
}

// embeddedNote says how an embedded dataset was made from its published original.
func embeddedNote(ds defaults.Dataset) string {
	return fmt.Sprintf("%s (original: %s, SHA-256 %s)", ds.Note, ds.Original, ds.OriginalSHA256)
}

func selectIndicators(ids []string) ([]indicators.Definition, error) {
	all := indicators.Catalogue()
	if len(ids) == 0 {
		return all, nil
	}
	var out []indicators.Definition
	for _, id := range ids {
		d, ok := indicators.Lookup(id)
		if !ok {
			known := make([]string, len(all))
			for i, d := range all {
				known[i] = d.ID
			}
			return nil, fmt.Errorf("unknown indicator %q (known: %s; see `diagnum indicators`)", id, strings.Join(known, ", "))
		}
		out = append(out, d)
	}
	return out, nil
}

func compute(p *prepared, method spec.Method, opt Options) (*Result, error) {
	opt.stage(2)
	in := p.ingest
	c := in.Communes
	resolved, missing := indicators.Resolve(p.defs, func(upper string) bool { return c.Columns[upper] != nil })
	popSource := populationSource(p.geo)
	if popSource == "" {
		popSource = censusPopulation(c)
	}
	res := &Result{
		Territory: p.scope.info,
		Geography: GeographyInfo{Vintage: p.geo.Vintage, Source: p.geo.Source, PopulationSource: popSource},
		Missing:   missing,
		Matching:  in.Matching,
		Problems:  in.Problems,
	}
	fileMeta := map[string]spec.Source{}
	for i, f := range in.Files {
		m := p.meta[i]
		fileMeta[f.Source.Path] = m
		in := input(f, m)
		in.Note = p.notes[i]
		res.Inputs = append(res.Inputs, in)
	}
	if p.geoFile != nil {
		res.Inputs = append(res.Inputs, *p.geoFile)
	}
	res.Inputs = append(res.Inputs, p.placeInputs...)
	if p.places != nil {
		res.Problems = append(res.Problems, capped(p.places.Problems, maxListed)...)
	}
	for i, bad := range indicators.Inconsistencies(c, resolved) {
		if i == maxListed {
			res.Problems.Add(problem.Problem{Severity: problem.Warning, Kind: "part-exceeds-whole",
				Message: fmt.Sprintf("more communes have a part larger than its whole; only the first %d are listed", maxListed)})
			break
		}
		res.Problems.Add(problem.Problem{Severity: problem.Warning, Kind: "part-exceeds-whole",
			Message: fmt.Sprintf("commune %s, %s: numerator %g exceeds denominator %g (the inputs contradict each other; the value, above 100 %%, is kept and should be checked)",
				bad.Commune, bad.Indicator, bad.Numerator, bad.Denominator)})
	}
	for _, r := range resolved {
		res.Indicators = append(res.Indicators, Indicator{Resolved: r, VintageLabel: vintageLabel(r, in, fileMeta), Sources: sources(r, in)})
	}
	index := indexOf(c)
	computed := map[string]territoryLevel{}
	for _, lp := range levels(p.geo, p.scope, index) {
		rows := indicators.Compute(c, resolved, lp.territories)
		computed[lp.id] = territoryLevel{plan: lp, rows: rows}
		res.Levels = append(res.Levels, Level{ID: lp.id, Label: levelNames[lp.id], Reference: lp.reference, Rows: rows,
			Members: memberCodes(lp, c)})
	}
	opt.stage(3)
	reference, err := scoreLevels(p, res, method, computed)
	if err != nil {
		return nil, err
	}
	opt.stage(4)
	addOffer(p, res, computed, reference)
	res.Problems.Sort()
	return res, nil
}

// memberCodes lists the communes of each territory above the commune.
func memberCodes(lp levelPlan, c *indicators.Communes) [][]string {
	if lp.id == "commune" {
		return nil
	}
	out := make([][]string, len(lp.territories))
	for i, t := range lp.territories {
		for _, m := range t.Members {
			out[i] = append(out[i], c.Codes[m])
		}
	}
	return out
}

// scoreLevels computes the composite index asked by method at the studied levels,
// and returns the level of its reference territory (France when it has none).
func scoreLevels(p *prepared, res *Result, method spec.Method, computed map[string]territoryLevel) (string, error) {
	cols, absent := methodColumns(method.Name, res.Indicators)
	params, err := params(method, cols)
	if err != nil {
		return "", err
	}
	reference := params.Reference
	if reference == "" {
		reference = composite.RefFrance
	}
	info, warn := methodInfo(method.Name, cols, absent)
	res.Method = info
	if warn != nil {
		res.Problems.Add(*warn)
	}
	if len(cols) == 0 {
		return "", fmt.Errorf("method %s: none of its indicators can be computed from the inputs (missing: %s)", method.Name, strings.Join(absent, ", "))
	}
	axes, groups := axesOf(method.Name, cols)
	sc := &scorer{g: p.geo, res: res, method: method, params: params, cols: cols, axes: axes, groups: groups,
		levels: computed, c: p.ingest.Communes}
	if params.Method == composite.MethodRank || params.Method == composite.MethodCore {
		sc.france = map[string]territoryLevel{}
		all := &scope{communes: map[string]bool{}}
		for _, c := range p.geo.Communes() {
			if inFrance(p.geo, c) {
				all.communes[c.Code] = true
			}
		}
		for _, lp := range levels(p.geo, all, indexOf(p.ingest.Communes)) {
			sc.france[lp.id] = territoryLevel{plan: lp, rows: indicators.Compute(p.ingest.Communes, resolvedOf(res), lp.territories)}
		}
	}
	return reference, sc.run()
}

func indexOf(c *indicators.Communes) map[string]int {
	index := make(map[string]int, len(c.Codes))
	for i, code := range c.Codes {
		index[code] = i
	}
	return index
}

func resolvedOf(res *Result) []indicators.Resolved {
	out := make([]indicators.Resolved, len(res.Indicators))
	for i, ind := range res.Indicators {
		out[i] = ind.Resolved
	}
	return out
}

// populationSource names where the geography's populations come from, "" when it
// has none (INSEE's table d'appartenance).
func populationSource(g *geo.Geography) string {
	sources := map[string]bool{}
	for _, c := range g.Communes() {
		if !math.IsNaN(c.Population) {
			sources[c.PopulationSource] = true
		}
	}
	switch {
	case len(sources) == 0:
		return ""
	case sources[geo.PopulationDGCL]:
		return "population municipale DGCL (fichier des EPCI, " + g.Source + ") ; INSEE pour les communes hors EPCI"
	}
	return "population municipale INSEE (" + g.Source + ")"
}

// censusPopulation falls back on the inputs' most recent census population (Pyy_POP)
// when the geography gives none, and says so; with neither, populations stay missing.
func censusPopulation(c *indicators.Communes) string {
	for yy := 99; yy >= 0; yy-- {
		name := fmt.Sprintf("P%02d_POP", yy)
		if col := c.Columns[name]; col != nil {
			copy(c.Population, col)
			return fmt.Sprintf("INSEE, recensement 20%02d (%s des données d'entrée), la géographie fournie n'ayant pas de population", yy, name)
		}
	}
	return "aucune : ni la géographie ni les données ne donnent de population"
}

func input(f ingest.FileRead, m spec.Source) Input {
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	in := Input{Path: m.Path, Role: f.Source.Role, SHA256: f.SHA256, Bytes: f.Bytes,
		Producer: pick(m.Producer, f.Producer), Title: m.Title, Vintage: pick(m.Vintage, f.Vintage), Licence: m.Licence}
	in.Tables = f.Tables
	return in
}

// sources lists the inputs an indicator's variables were read from.
func sources(r indicators.Resolved, in *ingest.Result) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range r.Variables() {
		for _, path := range in.Provenance[strings.ToUpper(v)] {
			if !seen[path] {
				seen[path] = true
				out = append(out, path)
			}
		}
	}
	return out
}

// vintageLabel dates an indicator for people: INSEE variables carry their year
// ("RP 2018", "Filosofi 2019"); others take the vintage of the file they come from.
func vintageLabel(r indicators.Resolved, in *ingest.Result, meta map[string]spec.Source) string {
	if r.Vintage != "" {
		if strings.HasPrefix(r.Source, "INSEE, Filosofi") {
			return "Filosofi 20" + r.Vintage
		}
		return "RP 20" + r.Vintage
	}
	var labels []string
	for _, path := range sources(r, in) {
		v := meta[path].Vintage
		for _, f := range in.Files {
			if f.Source.Path == path && v == "" {
				v = f.Vintage
			}
		}
		if v != "" {
			labels = append(labels, v)
		}
	}
	return strings.Join(labels, ", ")
}
