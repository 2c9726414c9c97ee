package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/diagnum/diagnum/diagnostic/defaults"
)

// Error is one mistake in a spec, located well enough for an analyst to fix it.
type Error struct {
	File    string // the spec file as the user named it; "" for a spec not read from a file
	Line    int    // 1-based; 0 when unknown
	Key     string // the key at fault, e.g. "output.formats[1]"; "" when Message says where
	Message string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

type errorList []*Error

// err joins the list, one mistake a line, or is nil when it is empty.
func (l errorList) err() error {
	if len(l) == 0 {
		return nil
	}
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// Load reads and checks a spec file.
func Load(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a spec from data; name is the file it came from, used in messages and
// to resolve relative paths. Keys left out keep their defaults (the embedded sources,
// DefaultOutputDir, every format), except territory, which is required. The YAML is
// read strictly: unknown or repeated keys and values of the wrong kind are errors,
// each reported with its line.
func Parse(name string, data []byte) (*Spec, error) {
	s := base()
	s.Dir = filepath.Dir(name)
	d := &decoder{file: name, lines: map[string]int{}}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	switch err := dec.Decode(&doc); {
	case errors.Is(err, io.EOF): // an empty file: nothing but defaults
	case err != nil:
		return nil, d.syntax(err)
	default:
		var next yaml.Node
		if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
			if err != nil {
				return nil, d.syntax(err)
			}
			return nil, &Error{File: name, Line: next.Line, Message: "a second YAML document: a spec is a single document (remove the ---)"}
		}
		root := &doc
		if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = root.Content[0]
		}
		d.decode(root, reflect.ValueOf(s).Elem(), "")
		if err := d.errs.err(); err != nil {
			return nil, err
		}
	}

	s.CompleteEmbedded()
	errs := s.validate()
	for _, e := range errs {
		e.File, e.Line = name, d.lineOf(e.Key)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// CompleteEmbedded fills in the provenance of embedded sources that the spec names
// by path alone, so the reports can always cite them.
func (s *Spec) CompleteEmbedded() {
	for _, list := range [][]Source{s.Sources.Census, s.Sources.Services} {
		for i := range list {
			src := &list[i]
			fillProvenance(src.Path, &src.Producer, &src.Title, &src.Vintage, &src.Licence)
		}
	}
	for i := range s.Sources.Places {
		src := &s.Sources.Places[i]
		fillProvenance(src.Path, &src.Producer, &src.Title, &src.Vintage, &src.Licence)
	}
}

// fillProvenance fills the blank fields of an embedded source from its dataset.
func fillProvenance(path string, producer, title, vintage, licence *string) {
	name, ok := strings.CutPrefix(path, EmbeddedPrefix)
	if !ok {
		return
	}
	ds, ok := defaults.Lookup(name)
	if !ok {
		return
	}
	for _, f := range []struct {
		field *string
		value string
	}{{producer, ds.Producer}, {title, ds.Title}, {vintage, ds.Vintage}, {licence, ds.Licence}} {
		if *f.field == "" {
			*f.field = f.value
		}
	}
}

// maxErrors stops a badly broken file from producing a flood of messages.
const maxErrors = 20

// decoder fills a Spec from a YAML node tree, driven by the fields' yaml tags, so a
// new key needs no new decoding code.
type decoder struct {
	file  string
	errs  errorList
	lines map[string]int // key path ("output.formats[1]") → line, for later messages
}

func (d *decoder) fail(n *yaml.Node, key, format string, args ...any) {
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, &Error{File: d.file, Line: n.Line, Key: key, Message: fmt.Sprintf(format, args...)})
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntax turns the YAML parser's error into "file:line: message".
func (d *decoder) syntax(err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: d.file, Line: line, Message: "invalid YAML: " + m[2]}
	}
	return &Error{File: d.file, Message: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// lineOf returns the line of a key, or of its nearest enclosing key.
func (d *decoder) lineOf(key string) int {
	for key != "" {
		if line, ok := d.lines[key]; ok {
			return line
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

var (
	territoriesType = reflect.TypeFor[[]Territory]()
	placeSourceType = reflect.TypeFor[PlaceSource]()
	sourceType      = reflect.TypeFor[Source]()
)

// decode stores node n into v; key names v in messages ("" for the whole spec).
func (d *decoder) decode(n *yaml.Node, v reflect.Value, key string) {
	if len(d.errs) >= maxErrors {
		return
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return // "key:" with no value: as if absent
	}
	if _, ok := d.lines[key]; !ok {
		d.lines[key] = n.Line
	}
	switch v.Type() {
	case territoriesType:
		d.territories(n, v, key)
		return
	case sourceType, placeSourceType:
		if n.Kind == yaml.ScalarNode {
			v.SetZero()
			v.FieldByName("Path").SetString(n.Value)
			return
		}
		if n.Kind != yaml.MappingNode {
			d.fail(n, key, "expected a path or a mapping of %s, found %s", fieldList(v.Type()), kind(n))
			return
		}
	}
	switch v.Kind() {
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.fail(n, key, "expected a whole number, found %s", kind(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.fail(n, key, "expected a number, found %s", kind(n))
			return
		}
		v.SetFloat(f)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, key, "expected a single value, found %s", kind(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, key, "expected a list (one \"- item\" a line, or [a, b]), found %s", kind(n))
			return
		}
		if len(n.Content) == 0 {
			v.SetZero()
			return
		}
		list := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, list.Index(i), fmt.Sprintf("%s[%d]", key, i))
		}
		v.Set(list)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.fail(n, key, "expected a mapping of %s, found %s", fieldList(v.Type()), kind(n))
			return
		}
		d.mapping(n, v, key)
	default:
		panic("spec: no YAML decoding for " + v.Type().String())
	}
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, key string) {
	where := "at the top level"
	if key != "" {
		where = "in " + key
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.fail(k, "", "%s: a key must be a plain word, found %s", where, kind(k))
			continue
		}
		name := k.Value
		if first, dup := seen[name]; dup {
			d.fail(k, "", "duplicate key %q %s (first at line %d)", name, where, first)
			continue
		}
		seen[name] = k.Line
		field, ok := fieldIndex(v.Type(), name)
		if !ok {
			d.fail(k, "", "unknown key %q %s (expected %s)%s", name, where, fieldList(v.Type()), suggest(name, v.Type()))
			continue
		}
		child := name
		if key != "" {
			child = key + "." + name
		}
		d.lines[child] = k.Line
		d.decode(val, v.Field(field), child)
	}
}

// territories reads "dep:58,epci:200067213" or a list of such strings.
func (d *decoder) territories(n *yaml.Node, v reflect.Value, key string) {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var all []Territory
	seen := map[Territory]bool{}
	for _, item := range items {
		for item.Kind == yaml.AliasNode && item.Alias != nil {
			item = item.Alias
		}
		if item.Kind != yaml.ScalarNode {
			hint := ""
			if item.Kind == yaml.MappingNode {
				hint = " (write dep:58 with no space after the colon)"
			}
			d.fail(item, key, "expected a territory such as dep:58, or a list of them, found %s%s", kind(item), hint)
			return
		}
		ts, err := ParseTerritory(item.Value)
		if err != nil {
			d.fail(item, key, "%v", err)
			return
		}
		for _, t := range ts {
			if seen[t] {
				d.fail(item, key, "territory %s is listed twice", t)
				return
			}
			seen[t] = true
			d.lines[fmt.Sprintf("%s[%d]", key, len(all))] = item.Line
			all = append(all, t)
		}
	}
	v.Set(reflect.ValueOf(all))
}

// kind names a node's kind as an analyst would say it.
func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "nothing usable"
}

// fieldIndex finds the field of a struct tagged with a YAML key.
func fieldIndex(t reflect.Type, name string) (int, bool) {
	for i := range t.NumField() {
		if tag := yamlKey(t.Field(i)); tag != "" && tag == name {
			return i, true
		}
	}
	return 0, false
}

func yamlKey(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if tag == "-" {
		return ""
	}
	return tag
}

// fieldList lists a struct's YAML keys: "census, services, geography".
func fieldList(t reflect.Type) string {
	var keys []string
	for i := range t.NumField() {
		if k := yamlKey(t.Field(i)); k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, ", ")
}

// suggest proposes the known key closest to a misspelt one ("license" → licence).
func suggest(name string, t reflect.Type) string {
	best, bestDist := "", min(3, len(name)/3+1) // at most one edit in three letters
	for i := range t.NumField() {
		k := yamlKey(t.Field(i))
		if k == "" {
			continue
		}
		if dist := distance(strings.ToLower(name), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
