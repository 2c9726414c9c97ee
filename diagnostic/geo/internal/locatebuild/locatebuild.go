// Package locatebuild writes the two tables package geo embeds to locate places in
// today's communes: the postal codes with every name a commune is known by there, and
// one point per commune. They come from the communes of @etalab/decoupage-administratif
// (codesPostaux) and from a La Poste-based file of commune centroids of an older COG,
// mapped onto today's communes.
//
// Both tables are gzip-compressed UTF-8 text, one record a line, tab-separated, the
// first field naming the record:
//
//	#  comment (ignored)
//	V  vintage                   COG of the commune codes, e.g. "COG 2026"
//	S  source                    producer and title of the data
//	P  postal-code commune...    postal table: today's communes the code serves
//	N  commune name              postal table: another name of today's commune (an
//	                             arrondissement's, a commune déléguée's or associée's)
//	G  commune lat lon           centroid table: WGS84 degrees, 5 decimals (about 1 m)
//
// Records are sorted and the gzip header carries no name nor time, so the same input
// always gives the same bytes.
package locatebuild

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Version is the npm version of @etalab/decoupage-administratif the tables are built
// from; it must be the one the embedded COG comes from.
const Version = "6.0.0"

// Vintage is the COG of Version: the codes both tables are written in.
const Vintage = "COG 2026"

// CentroidFile is the centroid file kept in the shared data.
const CentroidFile = "communes-centroides-cog2024.csv.gz"

// PostalSource and CentroidSource say where each table comes from.
const (
	PostalSource = "Etalab, @etalab/decoupage-administratif " + Version +
		" (codesPostaux of communes and arrondissements; communes déléguées and associées under their commune's codes)"
	CentroidSource = "communes-centroides-cog2024 (La Poste-based points per commune, COG 2024), " +
		"mapped onto the COG 2026 through anciensCodes; merged communes: area-weighted mean of their points"
)

var (
	communeCode = regexp.MustCompile(`^(?:[0-9]{2}|2[AB])[0-9]{3}$`)
	postalCode  = regexp.MustCompile(`^[0-9]{5}$`)
)

// Input is what both tables are made from.
type Input struct {
	Communes  []Commune
	Centroids []CentroidRow
}

// Commune is one entry of decoupage-administratif's communes.json, as published.
type Commune struct {
	Code         string   `json:"code"`
	Name         string   `json:"nom"`
	Type         string   `json:"type"`
	Parent       string   `json:"commune"`  // arrondissement municipal: its commune
	ChefLieu     string   `json:"chefLieu"` // commune déléguée or associée: its commune
	PostalCodes  []string `json:"codesPostaux"`
	AnciensCodes []string `json:"anciensCodes"`
}

// CentroidRow is one row of the centroid file: one (commune, postal code) pair.
type CentroidRow struct {
	Line     int
	Code     string // insee_com
	Type     string // commune_type: COM, COMD or ARM
	Lat, Lon string
	Area     string // superficie_km2
}

// Load reads communes.json of Version and the centroid file from dir.
func Load(dir string) (Input, error) {
	var in Input
	f, err := openGzip(filepath.Join(dir, "decoupage-administratif-"+Version+"-communes.json.gz"))
	if err != nil {
		return in, err
	}
	err = json.NewDecoder(f).Decode(&in.Communes)
	f.Close()
	if err != nil {
		return in, fmt.Errorf("communes.json: %w", err)
	}
	f, err = openGzip(filepath.Join(dir, CentroidFile))
	if err != nil {
		return in, err
	}
	defer f.Close()
	in.Centroids, err = readCentroids(f)
	if err != nil {
		return in, fmt.Errorf("%s: %w", CentroidFile, err)
	}
	return in, nil
}

type gzipFile struct {
	*gzip.Reader
	f *os.File
}

func (g gzipFile) Close() error { g.Reader.Close(); return g.f.Close() }

func openGzip(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return gzipFile{zr, f}, nil
}

// readCentroids reads the columns it needs by name, so a reordered file still works.
func readCentroids(r io.Reader) ([]CentroidRow, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\uFEFF")] = i
	}
	need := []string{"insee_com", "commune_type", "lat", "lng", "superficie_km2"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, fmt.Errorf("no column %q in the header %v", n, head)
		}
	}
	var rows []CentroidRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, CentroidRow{
			Line: line, Code: rec[col["insee_com"]], Type: rec[col["commune_type"]],
			Lat: rec[col["lat"]], Lon: rec[col["lng"]], Area: rec[col["superficie_km2"]],
		})
	}
}

// geography is the part of communes.json both tables need.
type geography struct {
	current map[string]*Commune
	arms    map[string]*Commune
	former  map[string]string // absorbed code → today's commune
}

func index(communes []Commune) (*geography, error) {
	g := &geography{current: map[string]*Commune{}, arms: map[string]*Commune{}, former: map[string]string{}}
	var errs []error
	for i := range communes {
		c := &communes[i]
		switch c.Type {
		case "commune-actuelle":
			if !communeCode.MatchString(c.Code) || g.current[c.Code] != nil {
				errs = append(errs, fmt.Errorf("commune %q is not a commune code or is listed twice", c.Code))
			}
			g.current[c.Code] = c
			for _, a := range c.AnciensCodes {
				g.former[a] = c.Code
			}
		case "arrondissement-municipal":
			g.arms[c.Code] = c
		}
	}
	for i := range communes {
		c := &communes[i]
		for _, cp := range c.PostalCodes {
			if !postalCode.MatchString(cp) {
				errs = append(errs, fmt.Errorf("%s %s: postal code %q is not 5 digits", c.Type, c.Code, cp))
			}
		}
		if c.Name == "" || strings.ContainsAny(c.Name, "\t\r\n") {
			errs = append(errs, fmt.Errorf("%s %s: name %q is empty or holds a tab or line break", c.Type, c.Code, c.Name))
		}
	}
	return g, errors.Join(errs...)
}

// holder returns today's commune holding a commune déléguée or associée.
func (g *geography) holder(c *Commune) string {
	if g.current[c.ChefLieu] != nil {
		return c.ChefLieu
	}
	if to, ok := g.former[c.Code]; ok {
		return to
	}
	if g.current[c.Code] != nil {
		return c.Code
	}
	return ""
}

// WritePostal writes the postal table: each postal code with the communes it serves,
// and the other names communes are known by. The commune's own name is not repeated:
// package geo has it from the COG. A commune déléguée or associée has no postal code
// of its own in the source; its name stands for the commune that holds it, which is
// where mail to it goes.
func WritePostal(w io.Writer, in Input) error {
	g, err := index(in.Communes)
	if err != nil {
		return err
	}
	byCP := map[string][]string{}
	type alias struct{ commune, name string }
	seen := map[alias]bool{}
	var aliases []alias
	addAlias := func(commune, name string) {
		a := alias{commune, name}
		if name != g.current[commune].Name && !seen[a] {
			seen[a] = true
			aliases = append(aliases, a)
		}
	}
	var errs []error
	for _, c := range in.Communes {
		switch c.Type {
		case "commune-actuelle":
			for _, cp := range c.PostalCodes {
				if !slices.Contains(byCP[cp], c.Code) {
					byCP[cp] = append(byCP[cp], c.Code)
				}
			}
		case "arrondissement-municipal":
			if g.current[c.Parent] == nil {
				errs = append(errs, fmt.Errorf("arrondissement %s: parent %q is not a current commune", c.Code, c.Parent))
				continue
			}
			addAlias(c.Parent, c.Name)
			for _, cp := range c.PostalCodes {
				if !slices.Contains(g.current[c.Parent].PostalCodes, cp) {
					errs = append(errs, fmt.Errorf("arrondissement %s: postal code %s is not one of its commune %s", c.Code, cp, c.Parent))
				}
			}
		case "commune-deleguee", "commune-associee":
			h := g.holder(&c)
			if h == "" {
				errs = append(errs, fmt.Errorf("%s %s belongs to no current commune", c.Type, c.Code))
				continue
			}
			addAlias(h, c.Name)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	cps := make([]string, 0, len(byCP))
	for cp, communes := range byCP {
		slices.Sort(communes)
		cps = append(cps, cp)
	}
	slices.Sort(cps)
	slices.SortFunc(aliases, func(a, b alias) int {
		return cmpJoin(strings.Compare(a.commune, b.commune), strings.Compare(a.name, b.name))
	})
	return writeTable(w, PostalSource, func(line func(...string)) {
		for _, cp := range cps {
			line(append([]string{"P", cp}, byCP[cp]...)...)
		}
		for _, a := range aliases {
			line("N", a.commune, a.name)
		}
	})
}

func cmpJoin(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

// Centroids holds the point of each commune of Vintage and what could not be placed.
type Centroids struct {
	Points map[string][2]float64
	// Missing are today's communes for which the file has no point, sorted.
	Missing []string
	// Unmatched are codes of the file that are no commune, former commune or
	// arrondissement of Vintage (their points are not used), sorted.
	Unmatched []string
}

// BuildCentroids gives each commune of Vintage one point. The file's rows of types
// COM and ARM carry the points (a commune déléguée's COMD row repeats the point of
// its commune). A commune is given, in order: the point of the COM rows of its own
// code and of its anciensCodes (several when communes merged since the file's COG:
// their mean weighted by area); failing that, the area-weighted mean of its
// arrondissements (Paris, Lyon, Marseille). A commune none of these give is missing.
func BuildCentroids(in Input) (*Centroids, error) {
	g, err := index(in.Communes)
	if err != nil {
		return nil, err
	}
	type point struct {
		lat, lon, area float64
		ok             bool
	}
	com, arm := map[string]point{}, map[string]point{}
	var errs []error
	for _, r := range in.Centroids {
		var dst map[string]point
		switch r.Type {
		case "COM":
			dst = com
		case "ARM":
			dst = arm
		case "COMD":
			continue
		default:
			errs = append(errs, fmt.Errorf("line %d: unknown commune_type %q", r.Line, r.Type))
			continue
		}
		p := point{}
		if r.Lat != "" || r.Lon != "" {
			lat, err1 := strconv.ParseFloat(r.Lat, 64)
			lon, err2 := strconv.ParseFloat(r.Lon, 64)
			if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
				errs = append(errs, fmt.Errorf("line %d: commune %s: lat/lng %q/%q are not coordinates", r.Line, r.Code, r.Lat, r.Lon))
				continue
			}
			p = point{lat: lat, lon: lon, ok: true}
		}
		if a, err := strconv.ParseFloat(r.Area, 64); err == nil && a > 0 {
			p.area = a
		}
		if prev, seen := dst[r.Code]; seen && prev != p {
			errs = append(errs, fmt.Errorf("line %d: commune %s has two different points or areas", r.Line, r.Code))
		}
		dst[r.Code] = p
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	members, byArm := map[string][]point{}, map[string][]point{}
	out := &Centroids{Points: map[string][2]float64{}}
	for code, p := range com {
		switch {
		case g.current[code] != nil:
			members[code] = append(members[code], p)
		case g.former[code] != "":
			members[g.former[code]] = append(members[g.former[code]], p)
		default:
			out.Unmatched = append(out.Unmatched, code)
		}
	}
	for code, p := range arm {
		a := g.arms[code]
		if a == nil {
			out.Unmatched = append(out.Unmatched, code)
			continue
		}
		byArm[a.Parent] = append(byArm[a.Parent], p)
	}
	for code := range g.current {
		ps := members[code]
		if len(ps) == 0 {
			ps = byArm[code]
		}
		// map order must not change the sums' rounding
		slices.SortFunc(ps, func(a, b point) int {
			return cmpJoin(cmpFloat(a.lat, b.lat), cmpFloat(a.lon, b.lon), cmpFloat(a.area, b.area))
		})
		lat, lon, ok := mean(ps, func(p point) (float64, float64, float64, bool) { return p.lat, p.lon, p.area, p.ok })
		if !ok {
			out.Missing = append(out.Missing, code)
			continue
		}
		out.Points[code] = [2]float64{round5(lat), round5(lon)}
	}
	slices.Sort(out.Missing)
	slices.Sort(out.Unmatched)
	return out, nil
}

// mean is the area-weighted mean of the points that have coordinates; unweighted when
// any of them lacks an area.
func mean[P any](ps []P, get func(P) (lat, lon, area float64, ok bool)) (float64, float64, bool) {
	var sLat, sLon, sW float64
	n, weighted := 0, true
	for _, p := range ps {
		if _, _, a, ok := get(p); ok && a <= 0 {
			weighted = false
		}
	}
	for _, p := range ps {
		lat, lon, a, ok := get(p)
		if !ok {
			continue
		}
		if !weighted {
			a = 1
		}
		sLat += lat * a
		sLon += lon * a
		sW += a
		n++
	}
	if n == 0 || sW == 0 {
		return 0, 0, false
	}
	return sLat / sW, sLon / sW, true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func round5(v float64) float64 {
	s := strconv.FormatFloat(v, 'f', 5, 64)
	r, _ := strconv.ParseFloat(s, 64)
	return r
}

// WriteCentroids writes the centroid table, listing the communes without a point in
// comments.
func WriteCentroids(w io.Writer, c *Centroids) error {
	codes := make([]string, 0, len(c.Points))
	for code := range c.Points {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return writeTable(w, CentroidSource, func(line func(...string)) {
		line("#", fmt.Sprintf("%d communes without a point: %s", len(c.Missing), strings.Join(c.Missing, " ")))
		for _, code := range codes {
			p := c.Points[code]
			line("G", code, strconv.FormatFloat(p[0], 'f', 5, 64), strconv.FormatFloat(p[1], 'f', 5, 64))
		}
	})
}

// writeTable writes the header records and body, gzip-compressed with a zero header.
func writeTable(w io.Writer, source string, body func(line func(...string))) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	line := func(fields ...string) { bw.WriteString(strings.Join(fields, "\t") + "\n") }
	line("#", "generated by diagnostic/geo/internal/genlocate; do not edit")
	line("V", Vintage)
	line("S", source)
	body(line)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
