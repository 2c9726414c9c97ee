package places

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/indicators/offer"
)

// Source is one list of places to read.
type Source struct {
	// Path names the file; it is read unless Data is set, and it locates problems.
	Path string
	// Format is one of FormatNames, "" to detect it from the columns (or the JSON
	// objects' keys); Mapping when Mapping is set.
	Format string
	// Mapping maps fields (MappingFields, schema v1.0.2's names) to the list's
	// columns; a value "=text" gives every place that value instead.
	Mapping map[string]string
	// Data, when not nil, is the file's content (data shipped in the binary).
	Data []byte
}

// DefaultMergeDistance is the distance in metres within which places of different
// lists are the same place when Options.MergeDistance is 0.
const DefaultMergeDistance = 50

// DefaultMaxDistance is the distance in metres from the nearest commune centroid
// beyond which coordinates are taken to be wrong when Options.MaxDistance is 0: no
// commune of France is that large around its centroid where people live.
const DefaultMaxDistance = 50000

// Options tunes Read.
type Options struct {
	// MergeDistance is the distance in metres within which places of different
	// lists are one place; 0 means DefaultMergeDistance.
	MergeDistance float64
	// MaxDistance is the distance in metres from the nearest commune centroid
	// beyond which coordinates are refused; 0 means DefaultMaxDistance.
	MaxDistance float64
}

// How a place was located, as Place.Located says.
const (
	ByINSEE         = "code_insee"          // its INSEE code
	ByINSEERepaired = "code_insee-repaired" // its INSEE code, once its lost leading zero restored
	ByPostalName    = "postal-code+name"    // its postal code and commune name
	ByCoordinates   = "coordinates"         // the commune whose centroid is nearest (approximate)
)

// LocatedBy lists the ways of locating a place, in the order they are tried.
var LocatedBy = []string{ByINSEE, ByINSEERepaired, ByPostalName, ByCoordinates}

// Place is one mediation place, located in a commune of the geography.
type Place struct {
	ID          string // as the list gives it; not unique across lists
	Name        string
	Address     string
	PostalCode  string // 5 digits, "" when missing or invalid
	CommuneName string // as the list gives it
	Commune     string // code of the commune in the geography
	// Lat and Lon are the place's coordinates as the list gives them (WGS84), NaN
	// when it gives none or invalid ones.
	Lat, Lon float64
	// Located is ByINSEE, ByINSEERepaired, ByPostalName or ByCoordinates.
	Located string
	// Approximate is true when the commune is the one whose centroid is nearest to
	// the coordinates, which may be a neighbour of the true one.
	Approximate bool
	Levers      []string // offer.Lever IDs, in lever order
	Programmes  []string // among Programmes, in that order
	Itinerant   bool     // moves from place to place (a bus), no fixed place
	// HoursPerWeek is the opening time of a typical week, NaN when unknown.
	HoursPerWeek float64
	// Sources are "file:row" of every record of the place, the first the one its
	// fields come from (rows of a JSON list count its objects).
	Sources []string
}

// FileStats says what was read of one list.
type FileStats struct {
	Path   string
	Format string // as detected or given; formats joined by "," when members differ
	// Records is the number of places the list holds (data rows or objects).
	Records int
	// Located counts the records located, by way (LocatedBy).
	Located map[string]int
	// Rejected counts the records that could not be located.
	Rejected int
	// Merged counts the records found to be a place of an earlier list.
	Merged int
	// Repaired counts the codes (INSEE or postal) whose lost leading zero was restored.
	Repaired int
}

// Result is what Read found.
type Result struct {
	// Places are the places located, each counted once, sorted by commune, name, ID
	// and first source.
	Places []Place
	// Problems lists every error, warning and note, sorted by file and row.
	Problems problem.List
	// Merged is the number of records that were a place already listed by another
	// list; Rejected the number that could not be located.
	Merged, Rejected int
	Files            []FileStats
}

// Programmes returns the programmes of the places, in the order of Programmes.
func (r *Result) Programmes() []string {
	var out []string
	for _, p := range Programmes {
		for _, pl := range r.Places {
			if slices.Contains(pl.Programmes, p) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// Offer turns the places into what package offer counts: a place without
// coordinates stands at its commune's centroid when the geography has one.
func (r *Result) Offer(g *geo.Geography) []offer.Place {
	out := make([]offer.Place, len(r.Places))
	for i, p := range r.Places {
		o := offer.Place{Commune: p.Commune, Lat: p.Lat, Lon: p.Lon, Programmes: p.Programmes, Itinerant: p.Itinerant, HoursPerWeek: p.HoursPerWeek}
		if math.IsNaN(o.Lat) || math.IsNaN(o.Lon) {
			o.Lat, o.Lon = math.NaN(), math.NaN()
			if lat, lon, ok := g.Centroid(p.Commune); ok {
				o.Lat, o.Lon = lat, lon
			}
		}
		for _, id := range p.Levers {
			if l, ok := offer.LeverByID(id); ok {
				o.Levers[l] = true
			}
		}
		out[i] = o
	}
	return out
}

// Read reads every list, locates each place in g's communes, merges the places
// listed more than once and returns them with every problem found. The error is
// non-nil when a list could not be read at all (the problems of severity Error say
// why); the result is returned all the same, with what the other lists gave.
//
// Postal codes, commune names and centroids come from g: the embedded COG 2026 has
// them, a table d'appartenance has none, so that its places can only be located by
// INSEE code.
//
// Problem kinds: errors (the list is not read, or not past the fault) cannot-open,
// unknown-format, bad-mapping, not-a-places-list, bad-json and those of package
// tabular (bad-csv, bad-encoding…); warnings (the place is kept without the field,
// or left out when rejected) invalid-field, unknown-code, unknown-service,
// unknown-programme, missing-field, duplicate-id, inconsistent-coordinates,
// rejected, empty-list; notes repaired-code, repaired-postal-code, former-code,
// located-by-name, located-by-coordinates, merged.
func Read(g *geo.Geography, sources []Source, opt Options) (*Result, error) {
	if opt.MergeDistance <= 0 {
		opt.MergeDistance = DefaultMergeDistance
	}
	if opt.MaxDistance <= 0 {
		opt.MaxDistance = DefaultMaxDistance
	}
	rd := &reader{g: g, opt: opt, loc: newLocator(g)}
	for i, src := range sources {
		rd.readSource(i, src)
	}
	res := &Result{}
	res.Places, res.Merged = rd.merge()
	for _, c := range rd.cands {
		if c.mergedInto >= 0 {
			rd.files[c.file].stats.Merged++
		}
	}
	for _, f := range rd.files {
		res.Files = append(res.Files, f.stats)
		res.Rejected += f.stats.Rejected
	}
	res.Problems = rd.problems
	res.Problems.Sort()
	return res, res.Problems.Err()
}

// reader holds what Read accumulates over the lists.
type reader struct {
	g        *geo.Geography
	opt      Options
	loc      *locator
	files    []*fileState
	cands    []*candidate
	problems problem.List
}

// candidate is one record, validated and located.
type candidate struct {
	file, row  int
	at         at
	where      string // "file:row"
	id, name   string
	address    string
	postal     string
	commune    string // name as given
	code       string // commune located
	located    string
	approx     bool
	lat, lon   float64
	levers     [offer.NumLevers]bool
	programmes []string
	itinerant  bool
	hours      float64
	mergedInto int // index of the candidate it was merged into, -1 when none
}

// fileState is what is known of one list while it is read.
type fileState struct {
	src     Source
	stats   FileStats
	formats []string
	ids     map[string]int // id → first row
	unknown map[string]*unknownValue
	rd      *reader
	index   int
	isJSON  bool
}

type unknownValue struct {
	kind, field, value string
	member, sheet      string
	row, count         int
}

// at locates a problem in the current table of a list.
type at struct {
	member, sheet string
	row           int
	json          bool
}

func (f *fileState) add(sev problem.Severity, kind string, a at, column, msg string) {
	if a.json && a.row > 0 {
		msg = fmt.Sprintf("object %d of the array: %s", a.row, msg)
	}
	f.rd.problems.Add(problem.Problem{Severity: sev, Kind: kind, File: f.src.Path, Member: a.member, Sheet: a.sheet, Row: a.row, Column: column, Message: msg})
}

// addUnknown counts an unknown list value, reported once per value and list.
func (f *fileState) addUnknown(kind, field, value string, a at) {
	key := kind + "\x00" + value
	if u, ok := f.unknown[key]; ok {
		u.count++
		return
	}
	f.unknown[key] = &unknownValue{kind: kind, field: field, value: value, member: a.member, sheet: a.sheet, row: a.row, count: 1}
}

func (f *fileState) flushUnknown() {
	keys := make([]string, 0, len(f.unknown))
	for k := range f.unknown {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		u := f.unknown[k]
		what := "a service"
		if u.kind == "unknown-programme" {
			what = "a national programme"
		}
		f.add(problem.Warning, u.kind, at{member: u.member, sheet: u.sheet, row: u.row, json: f.isJSON}, u.field,
			fmt.Sprintf("%q is not %s the schema knows (v1.0.2 or 0.1): left out of the place's %s; found in %d record(s), the first here",
				clip(u.value), what, u.field, u.count))
	}
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// fileProblem turns an error of a list's reader into a problem of that list.
func (f *fileState) fileProblem(err error) {
	var p problem.Problem
	if errors.As(err, &p) {
		if p.Kind == "no-key-column" {
			p.Message = "no header of a list of places in the first 20 rows; expected a header with columns such as id, nom, code_postal, commune (schema of lieux de médiation numérique), id_fs, lib_fs (France Services), or the columns of the spec's mapping"
		}
		f.rd.problems.Add(p)
		return
	}
	var l problem.List
	if errors.As(err, &l) {
		f.rd.problems = append(f.rd.problems, l...)
		return
	}
	f.add(problem.Error, "cannot-read", at{}, "", err.Error())
}

// joinAddress joins an address and its complement.
func joinAddress(a, b string) string {
	a = strings.Join(strings.Fields(a), " ")
	b = strings.Join(strings.Fields(b), " ")
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}
