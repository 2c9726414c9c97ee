package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// cog2026 is written by internal/gencog; its layout is documented in internal/cogbuild.
//
//go:embed cog2026.tsv.gz
var cog2026 []byte

var embedded struct {
	once sync.Once
	g    *Geography
	err  error
}

// Embedded returns the COG 2026 compiled into the binary (from
// @etalab/decoupage-administratif 6.0.0). It is parsed on first use only and shared
// by every caller, hence read-only.
func Embedded() (*Geography, error) {
	embedded.once.Do(func() {
		embedded.g, embedded.err = parseTable(cog2026)
		if embedded.err != nil {
			embedded.err = fmt.Errorf("embedded COG table: %w", embedded.err)
		}
	})
	return embedded.g, embedded.err
}

// recordFields is the number of fields of each record kind, kind included.
var recordFields = map[string]int{"V": 2, "S": 2, "R": 4, "D": 5, "E": 5, "C": 7, "A": 5, "F": 3}

// parseTable reads the gzip-compressed table written by internal/cogbuild.
func parseTable(data []byte) (*Geography, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	p := parts{former: map[string]string{}}
	depRegion := map[string]string{}
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if f[0] == "#" {
			continue
		}
		if n, ok := recordFields[f[0]]; !ok || len(f) != n {
			return nil, fmt.Errorf("line %d: unknown record kind or wrong field count: %q", line, sc.Text())
		}
		var bad error
		switch f[0] {
		case "V":
			p.vintage = f[1]
		case "S":
			p.source = f[1]
		case "R":
			p.regions = append(p.regions, Region{Code: f[1], Name: f[2], Zone: f[3]})
		case "D":
			p.departements = append(p.departements, Departement{Code: f[1], Name: f[2], Region: f[3], Zone: f[4]})
			depRegion[f[1]] = f[3]
		case "E":
			var pop float64
			pop, bad = population(f[4])
			p.epcis = append(p.epcis, EPCI{Code: f[1], Name: f[2], Type: f[3], Population: pop})
		case "C":
			var pop float64
			pop, bad = population(f[5])
			p.communes = append(p.communes, Commune{
				Code: f[1], Name: f[2], Departement: f[3], Region: depRegion[f[3]], EPCI: f[4],
				Population: pop, PopulationSource: f[6],
			})
		case "A":
			var pop float64
			pop, bad = population(f[4])
			src := PopulationINSEE
			if math.IsNaN(pop) {
				src = PopulationNone
			}
			p.arrondissements = append(p.arrondissements, ArrondissementMunicipal{
				Code: f[1], Name: f[2], Commune: f[3], Population: pop, PopulationSource: src,
			})
		case "F":
			if _, dup := p.former[f[1]]; dup {
				bad = fmt.Errorf("former code %s listed twice", f[1])
			}
			p.former[f[1]] = f[2]
		}
		if bad != nil {
			return nil, fmt.Errorf("line %d: %w", line, bad)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return assemble(p)
}

// population parses a population field; empty means unknown (NaN).
func population(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("population %q is not a non-negative number", s)
	}
	return v, nil
}
