package geo

//go:generate go run ./internal/genlocate -in ../../../shared/data/geo -postal postal2026.tsv.gz -centroids centroids2026.tsv.gz

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// postal2026 and centroids2026 are written by internal/genlocate; their layout is
// documented in internal/locatebuild.
var (
	//go:embed postal2026.tsv.gz
	postal2026 []byte
	//go:embed centroids2026.tsv.gz
	centroids2026 []byte
)

// locating is what the embedded tables say to locate places: they hold codes of
// one COG vintage, so they only answer a Geography of that vintage.
type locating struct {
	vintage        string
	postalSource   string
	centroidSource string
	byPostal       map[string][]string
	aliases        map[string][]string
	points         map[string][2]float64
}

var located struct {
	once sync.Once
	l    *locating
	err  error
}

func embeddedLocating() (*locating, error) {
	located.once.Do(func() {
		l := &locating{byPostal: map[string][]string{}, aliases: map[string][]string{}, points: map[string][2]float64{}}
		var err error
		if l.postalSource, err = parseLocating(postal2026, l); err != nil {
			located.err = fmt.Errorf("embedded postal table: %w", err)
			return
		}
		postalVintage := l.vintage
		if l.centroidSource, err = parseLocating(centroids2026, l); err != nil {
			located.err = fmt.Errorf("embedded centroid table: %w", err)
			return
		}
		if l.vintage != postalVintage {
			located.err = fmt.Errorf("embedded postal table is of %s, centroid table of %s", postalVintage, l.vintage)
			return
		}
		located.l = l
	})
	return located.l, located.err
}

// parseLocating adds one embedded table to l and returns its source.
func parseLocating(data []byte, l *locating) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	source := ""
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		bad := false
		switch f[0] {
		case "#":
		case "V":
			bad = len(f) != 2
			if !bad {
				l.vintage = f[1]
			}
		case "S":
			bad = len(f) != 2
			if !bad {
				source = f[1]
			}
		case "P":
			bad = len(f) < 3
			if !bad {
				l.byPostal[f[1]] = f[2:]
			}
		case "N":
			bad = len(f) != 3
			if !bad {
				l.aliases[f[1]] = append(l.aliases[f[1]], f[2])
			}
		case "G":
			bad = len(f) != 4
			if !bad {
				lat, err1 := strconv.ParseFloat(f[2], 64)
				lon, err2 := strconv.ParseFloat(f[3], 64)
				bad = err1 != nil || err2 != nil
				l.points[f[1]] = [2]float64{lat, lon}
			}
		default:
			bad = true
		}
		if bad {
			return "", fmt.Errorf("line %d: unknown record kind or wrong fields: %q", line, sc.Text())
		}
	}
	return source, sc.Err()
}

// locatingTables returns the embedded tables when they are of g's vintage, nil otherwise.
func (g *Geography) locatingTables() *locating {
	l, err := embeddedLocating()
	if err != nil || l.vintage != g.Vintage {
		return nil
	}
	return l
}

// LocatingSources describes where postal codes and centroids come from, "" for
// both when g is not of the embedded tables' vintage (COG 2026).
func (g *Geography) LocatingSources() (postal, centroids string) {
	if l := g.locatingTables(); l != nil {
		return l.postalSource, l.centroidSource
	}
	return "", ""
}

// CommunesByPostalCode returns today's communes a postal code serves, sorted; none
// for an unknown code (a CEDEX code, say) or when g is not of the embedded tables'
// vintage (COG 2026): a table d'appartenance carries no postal code.
func (g *Geography) CommunesByPostalCode(cp string) []string {
	if l := g.locatingTables(); l != nil {
		return slices.Clone(l.byPostal[cp])
	}
	return nil
}

// CommuneNames returns every name a commune is known by: its own first, then, sorted,
// those of its arrondissements municipaux and of the communes déléguées and associées
// it holds (places often give the old name of a merged village). Only the commune's
// own name when g is not of the embedded tables' vintage; none for an unknown code.
func (g *Geography) CommuneNames(code string) []string {
	c, ok := g.Commune(code)
	if !ok {
		return nil
	}
	names := []string{c.Name}
	if l := g.locatingTables(); l != nil {
		names = append(names, l.aliases[code]...)
	}
	return names
}

// Centroid returns a point standing for the commune (La Poste-based, WGS84 degrees),
// used to measure distances from the commune and to place coordinates in a commune.
// ok is false for communes the source does not place (the overseas collectivités and
// a few communes: see the comment at the top of centroids2026.tsv.gz) and when g is
// not of the embedded tables' vintage (COG 2026).
func (g *Geography) Centroid(code string) (lat, lon float64, ok bool) {
	if l := g.locatingTables(); l != nil {
		if p, ok := l.points[code]; ok {
			return p[0], p[1], true
		}
	}
	return 0, 0, false
}
