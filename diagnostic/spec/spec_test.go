package spec

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/defaults"
)

// parse reads a spec the way Load would from a file named diagnostic.yaml.
func parse(t *testing.T, yaml string) (*Spec, error) {
	t.Helper()
	return Parse("diagnostic.yaml", []byte(yaml))
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string // each must be a line of the error, in order
	}{
		{
			name: "unknown key in sources",
			yaml: "territory: dep:58\nsources:\n  census: [a.csv]\n  foo: 1\n",
			want: []string{`diagnostic.yaml:4: unknown key "foo" in sources (expected census, services, places, geography)`},
		},
		{
			name: "classes must be a whole number",
			yaml: "territory: dep:58\nmethod:\n  name: ifn-2020-kit\n  classes: cinq\n",
			want: []string{`diagnostic.yaml:4: method.classes: expected a whole number, found the value "cinq"`},
		},
		{
			name: "unknown key in method",
			yaml: "territory: dep:58\nmethod:\n  nom: ifn-2020-kit\n",
			want: []string{`diagnostic.yaml:3: unknown key "nom" in method (expected name, reference, normalisation, weighting, weights, aggregation, classification, classes, imputation, reference_values, uncertainty)`},
		},
		{
			name: "unknown top-level key",
			yaml: "territoire: dep:58\n",
			want: []string{`diagnostic.yaml:1: unknown key "territoire" at the top level (expected territory, sources, indicators, method, output); did you mean "territory"?`},
		},
		{
			name: "misspelt key in a source",
			yaml: "territory: dep:58\nsources:\n  census:\n    - path: a.csv\n      license: etalab\n",
			want: []string{`diagnostic.yaml:5: unknown key "license" in sources.census[0] (expected path, producer, title, vintage, licence); did you mean "licence"?`},
		},
		{
			name: "every unknown key is reported",
			yaml: "territory: dep:58\nfoo: 1\noutput:\n  bar: 2\n",
			want: []string{
				`diagnostic.yaml:2: unknown key "foo" at the top level (expected territory, sources, indicators, method, output)`,
				`diagnostic.yaml:4: unknown key "bar" in output (expected dir, formats, contours, echarts)`,
			},
		},
		{
			name: "duplicate key",
			yaml: "territory: dep:58\noutput:\n  dir: a\n  dir: b\n",
			want: []string{`diagnostic.yaml:4: duplicate key "dir" in output (first at line 3)`},
		},
		{
			name: "duplicate top-level key",
			yaml: "territory: dep:58\nterritory: dep:21\n",
			want: []string{`diagnostic.yaml:2: duplicate key "territory" at the top level (first at line 1)`},
		},
		{
			name: "string where a list is expected",
			yaml: "territory: dep:58\noutput:\n  formats: csv\n",
			want: []string{`diagnostic.yaml:3: output.formats: expected a list (one "- item" a line, or [a, b]), found the value "csv"`},
		},
		{
			name: "list where a mapping is expected",
			yaml: "territory: dep:58\noutput: [csv]\n",
			want: []string{`diagnostic.yaml:2: output: expected a mapping of dir, formats, contours, echarts, found a list`},
		},
		{
			name: "list where a string is expected",
			yaml: "territory: dep:58\noutput:\n  dir: [a, b]\n",
			want: []string{`diagnostic.yaml:3: output.dir: expected a single value, found a list`},
		},
		{
			name: "mapping where a source is expected",
			yaml: "territory: dep:58\nsources:\n  census:\n    - [a.csv]\n",
			want: []string{`diagnostic.yaml:4: sources.census[0]: expected a path or a mapping of path, producer, title, vintage, licence, found a list`},
		},
		{
			name: "top level is not a mapping",
			yaml: "- dep:58\n",
			want: []string{`diagnostic.yaml:1: expected a mapping of territory, sources, indicators, method, output, found a list`},
		},
		{
			name: "bad territory",
			yaml: "# a comment\nterritory: dep:20\n",
			want: []string{`diagnostic.yaml:2: territory: territory "dep:20": 20 is no longer a département: use 2A (Corse-du-Sud) or 2B (Haute-Corse)`},
		},
		{
			name: "territory written as a mapping",
			yaml: "territory:\n  dep: 58\n",
			want: []string{`diagnostic.yaml:2: territory: expected a territory such as dep:58, or a list of them, found a mapping (key: value lines) (write dep:58 with no space after the colon)`},
		},
		{
			name: "territory repeated across list items",
			yaml: "territory:\n  - dep:58\n  - com:58194,dep:58\n",
			want: []string{`diagnostic.yaml:3: territory: territory dep:58 is listed twice`},
		},
		{
			name: "no territory",
			yaml: "output:\n  dir: out\n",
			want: []string{`diagnostic.yaml: territory: at least one territory is needed, e.g. dep:58`},
		},
		{
			name: "empty file",
			yaml: "",
			want: []string{`diagnostic.yaml: territory: at least one territory is needed, e.g. dep:58`},
		},
		{
			name: "unknown format, with its line",
			yaml: "territory: dep:58\noutput:\n  formats:\n    - csv\n    - pdf\n    - csv\n",
			want: []string{
				`diagnostic.yaml:5: output.formats[1]: unknown format "pdf" (expected csv, xlsx, json or html)`,
				`diagnostic.yaml:6: output.formats[2]: format "csv" is listed twice`,
			},
		},
		{
			name: "no format",
			yaml: "territory: dep:58\noutput:\n  formats: []\n",
			want: []string{`diagnostic.yaml:3: output.formats: at least one format is needed (csv, xlsx, json or html)`},
		},
		{
			name: "source without a path",
			yaml: "territory: dep:58\nsources:\n  census:\n    - producer: INSEE\n",
			want: []string{`diagnostic.yaml:4: sources.census[0].path: the path is empty`},
		},
		{
			name: "unknown embedded dataset",
			yaml: "territory: dep:58\nsources:\n  census: [embedded:rp-2030]\n",
			want: []string{`diagnostic.yaml:3: sources.census[0].path: no embedded dataset "rp-2030" (expected embedded:comparateur-2021, embedded:arcep-debit-2019-09, embedded:france-services-2024-08 or embedded:lieux-cnfs-2022)`},
		},
		{
			name: "embedded dataset in the wrong list",
			yaml: "territory: dep:58\nsources:\n  census:\n    - embedded:arcep-debit-2019-09\n",
			want: []string{`diagnostic.yaml:4: sources.census[0].path: embedded dataset "arcep-debit-2019-09" is services data, not census`},
		},
		{
			name: "duplicate indicator",
			yaml: "territory: dep:58\nindicators: [a, b, a]\n",
			want: []string{`diagnostic.yaml:2: indicators[2]: indicator "a" is listed twice`},
		},
		{
			name: "invalid YAML",
			yaml: "territory: dep:58\noutput:\n  dir: a\n dir: b\n",
			want: []string{`diagnostic.yaml:3: invalid YAML: did not find expected key`},
		},
		{
			name: "tab indentation",
			yaml: "territory: dep:58\noutput:\n\tdir: a\n",
			want: []string{`diagnostic.yaml:3: invalid YAML: found character that cannot start any token`},
		},
		{
			name: "two documents",
			yaml: "territory: dep:58\n---\nterritory: dep:21\n",
			want: []string{`diagnostic.yaml:2: a second YAML document: a spec is a single document (remove the ---)`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parse(t, tc.yaml)
			if err == nil {
				t.Fatalf("no error; got %+v", s)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tc.want) {
				t.Fatalf("error:\n%s\nwant %d line(s):\n%s", err, len(tc.want), strings.Join(tc.want, "\n"))
			}
			for i, want := range tc.want {
				if lines[i] != want {
					t.Errorf("error line %d:\n got %s\nwant %s", i+1, lines[i], want)
				}
			}
		})
	}
}

func TestErrorAs(t *testing.T) {
	_, err := parse(t, "territory: dep:58\nfoo: 1\n")
	var e *Error
	if !errors.As(err, &e) || e.File != "diagnostic.yaml" || e.Line != 2 {
		t.Fatalf("errors.As: %#v", e)
	}
}

func TestParse(t *testing.T) {
	def := Default()
	for _, tc := range []struct {
		name string
		yaml string
		want func(s *Spec) // edits Default() into the expected spec (Dir aside)
	}{
		{
			name: "territory alone keeps every default",
			yaml: "territory: dep:21\n",
			want: func(s *Spec) { s.Territory = []Territory{{Departement, "21"}} },
		},
		{
			name: "territory as a list",
			yaml: "territory: [dep:58, \"epci:245804406\", com:58194]\n",
			want: func(s *Spec) {
				s.Territory = []Territory{{Departement, "58"}, {EPCI, "245804406"}, {Commune, "58194"}}
			},
		},
		{
			name: "a source is a path or a mapping",
			yaml: `territory: dep:58
sources:
  census:
    - data/base-cc-evol-struct-pop-2018.zip
    - path: /abs/filo.xlsx
      producer: INSEE
      vintage: 2019
  services: []
  places: []
  geography: geo/communes.json
`,
			want: func(s *Spec) {
				s.Sources = Sources{
					Census: []Source{
						{Path: "data/base-cc-evol-struct-pop-2018.zip"},
						{Path: "/abs/filo.xlsx", Producer: "INSEE", Vintage: "2019"},
					},
					Geography: "geo/communes.json",
				}
			},
		},
		{
			name: "an embedded source named alone gets its provenance",
			yaml: "territory: dep:58\nsources:\n  census: [embedded:comparateur-2021]\n  services:\n    - path: embedded:arcep-debit-2019-09\n      title: Mon titre\n",
			want: func(s *Spec) {
				s.Sources.Services[0].Title = "Mon titre"
			},
		},
		{
			name: "empty values keep defaults",
			yaml: "territory: dep:58\nsources:\noutput:\n  dir:\n  formats:\n",
			want: func(s *Spec) {},
		},
		{
			name: "output and indicators",
			yaml: "territory: dep:58\nindicators: [part_65_plus, taux_pauvrete]\noutput:\n  dir: ../out\n  formats: [json]\n",
			want: func(s *Spec) {
				s.Indicators = []string{"part_65_plus", "taux_pauvrete"}
				s.Output = Output{Dir: "../out", Formats: []string{"json"}}
			},
		},
		{
			name: "anchors and aliases",
			yaml: "territory: &t dep:58\nsources:\n  census:\n    - &src {path: a.csv, producer: INSEE}\n  services: [*src]\nindicators: [*t]\n",
			want: func(s *Spec) {
				src := Source{Path: "a.csv", Producer: "INSEE"}
				s.Sources.Census = []Source{src}
				s.Sources.Services = []Source{src}
				s.Indicators = []string{"dep:58"}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse(t, tc.yaml)
			if err != nil {
				t.Fatal(err)
			}
			want := Default()
			tc.want(want)
			want.Dir = "."
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
	if !reflect.DeepEqual(def, Default()) {
		t.Error("Default() returned a shared value that a test changed")
	}
}

func TestLoadResolvesRelativePaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "etude")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "diagnostic.yaml")
	yaml := "territory: dep:58\nsources:\n  census: [donnees/rp.csv, embedded:comparateur-2021]\n  geography: /srv/cog.json\noutput:\n  dir: sortie\n"
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Dir != dir {
		t.Errorf("Dir = %q, want %q", s.Dir, dir)
	}
	for _, c := range []struct{ in, want string }{
		{s.Sources.Census[0].Path, filepath.Join(dir, "donnees", "rp.csv")},
		{s.Sources.Census[1].Path, "embedded:comparateur-2021"},
		{s.Sources.Geography, "/srv/cog.json"},
		{s.Output.Dir, filepath.Join(dir, "sortie")},
		{"../commun/x.csv", filepath.Join(filepath.Dir(dir), "commun", "x.csv")},
		{"", ""},
	} {
		if got := s.Resolve(c.in); got != c.want {
			t.Errorf("Resolve(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Default().Resolve("a/b.csv"); got != "a/b.csv" {
		t.Errorf("a spec with no Dir resolved a/b.csv to %q", got)
	}

	if err := os.WriteFile(path, []byte("territory: dep:58\nsources:\n  foo: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || !strings.HasPrefix(err.Error(), path+":3: unknown key \"foo\" in sources") {
		t.Errorf("Load: %v; want it prefixed with the file and line", err)
	}
	if _, err := Load(filepath.Join(dir, "absent.yaml")); err == nil {
		t.Error("Load of a missing file: no error")
	}
}

func TestTemplate(t *testing.T) {
	tpl := Template()
	s, err := Parse("diagnostic.yaml", tpl)
	if err != nil {
		t.Fatalf("the template does not parse: %v\n%s", err, tpl)
	}
	s.Dir = ""
	if !reflect.DeepEqual(s, Default()) {
		t.Errorf("the template parses to\n%+v\nnot Default()\n%+v", s, Default())
	}
	// Every key is shown, commented out when it has no default value, so a new
	// key cannot be added without documenting it.
	for _, key := range keys(reflect.TypeFor[Spec]()) {
		if !regexp.MustCompile(`(?m)^[ #]*(- )?` + key + `:`).Match(tpl) {
			t.Errorf("the template does not show the key %s", key)
		}
	}
}

// keys lists every YAML key of a type, nested ones included.
func keys(t reflect.Type) []string {
	var out []string
	for t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[Territory]() {
		return nil
	}
	for i := range t.NumField() {
		if k := yamlKey(t.Field(i)); k != "" {
			out = append(out, k)
			out = append(out, keys(t.Field(i).Type)...)
		}
	}
	return out
}

func TestDefault(t *testing.T) {
	s := Default()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Territory, []Territory{{Departement, "58"}}) {
		t.Errorf("territory %v", s.Territory)
	}
	var names []string
	for _, src := range append(append(slices.Clone(s.Sources.Census), s.Sources.Services...), s.Sources.placePaths()...) {
		src.Producer, src.Title, src.Vintage, src.Licence = provenanceOf(s, src.Path)
		name, ok := src.Embedded()
		if !ok {
			t.Errorf("default source %q is not embedded", src.Path)
		}
		ds, _ := defaults.Lookup(name)
		if src.Producer != ds.Producer || src.Licence != ds.Licence || src.Title == "" || src.Vintage == "" {
			t.Errorf("default source %+v lacks its provenance", src)
		}
		names = append(names, name)
	}
	if !slices.Equal(names, defaults.Names()) {
		t.Errorf("default sources %v, embedded datasets %v", names, defaults.Names())
	}
	if s.Output.Dir != "diagnostic-out" || !slices.Equal(s.Output.Formats, []string{"csv", "xlsx", "json", "html"}) {
		t.Errorf("output %+v", s.Output)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(s *Spec)
		want string
	}{
		{"no territory", func(s *Spec) { s.Territory = nil }, "territory: at least one territory is needed"},
		{"bad level", func(s *Spec) { s.Territory = []Territory{{"canton", "5801"}} }, `territory[0]: unknown level "canton"`},
		{"bad code", func(s *Spec) { s.Territory = []Territory{{Departement, "99"}} }, `territory[0]: "99" is not a département code`},
		{"code for france", func(s *Spec) { s.Territory = []Territory{{France, "FR"}} }, "territory[0]: france takes no code"},
		{"twice", func(s *Spec) { s.Territory = append(s.Territory, s.Territory[0]) }, "territory[1]: dep:58 is listed twice"},
		{"empty path", func(s *Spec) { s.Sources.Services = []Source{{Path: " "}} }, "sources.services[0].path: the path is empty"},
		{"empty indicator", func(s *Spec) { s.Indicators = []string{""} }, "indicators[0]: empty indicator id"},
		{"no output dir", func(s *Spec) { s.Output.Dir = "" }, "output.dir: the output folder is empty"},
		{"format case", func(s *Spec) { s.Output.Formats = []string{"CSV"} }, `output.formats[0]: unknown format "CSV" (expected csv, xlsx, json or html)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Default()
			tc.edit(s)
			err := s.Validate()
			if err == nil || err.Error() != tc.want && !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want %q", err, tc.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Template())
	for _, seed := range []string{
		"",
		"territory: dep:58\n",
		"territory: [dep:58, com:2A004]\nsources:\n  census: [a.csv, {path: b.csv}]\n",
		"territory: dep:58\noutput:\n  formats: [csv, pdf]\n",
		"territory: &a dep:58\nindicators: [*a, *a]\n",
		"territory:\n  dep: 58\n",
		"- a\n- b\n",
		"territory: dep:58\n---\nterritory: dep:21\n",
		"{territory: 'dep:58', sources: {census: [[x]]}}",
		"a: &a [*a]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Errorf("error not prefixed with the file name: %v", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Errorf("Parse accepted a spec that Validate rejects: %v", err)
		}
	})
}

// provenanceOf finds the provenance the default spec gives a source, places included.
func provenanceOf(s *Spec, path string) (producer, title, vintage, licence string) {
	for _, src := range append(slices.Clone(s.Sources.Census), s.Sources.Services...) {
		if src.Path == path {
			return src.Producer, src.Title, src.Vintage, src.Licence
		}
	}
	for _, p := range s.Sources.Places {
		if p.Path == path {
			return p.Producer, p.Title, p.Vintage, p.Licence
		}
	}
	return "", "", "", ""
}
