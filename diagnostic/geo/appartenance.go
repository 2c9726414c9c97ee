package geo

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/tabular"
)

// Sheets of INSEE's table d'appartenance géographique des communes.
const (
	sheetCOM   = "COM"
	sheetARM   = "ARM"
	sheetZones = "Zones_supra_communales"
)

// noEPCI is INSEE's EPCI code for communes outside any EPCI.
const noEPCI = "ZZZZZZZZZ"

// epciNature maps INSEE's NATURE_EPCI codes to the EPCI types of the embedded
// geography (the DGCL's). INSEE codes every métropole ME, the Métropole de Lyon
// included, so MET69 does not occur in a geography read from its table.
var epciNature = map[string]string{"CC": "CC", "CA": "CA", "CU": "CU", "ME": "METRO"}

// appartenanceYear finds the vintage in INSEE's file names, e.g.
// table-appartenance-geo-communes-22.xlsx or …-2024.zip.
var appartenanceYear = regexp.MustCompile(`(?i)appartenance.*?[-_](20)?([0-9]{2})\.(xlsx|zip)$`)

// ReadAppartenance reads INSEE's "table d'appartenance géographique des communes",
// the XLSX workbook or a zip holding it, with its sheets COM, ARM and
// Zones_supra_communales. That table has neither populations (every Population is
// NaN, PopulationSource PopulationNone) nor former codes (Resolve never answers
// Former). Vintage is "COG 20yy" when the file name carries the year as INSEE names
// it. EPCI of NATURE_EPCI ME get Type METRO; INSEE's EPCI ZZZZZZZZZ means none.
// Errors are located: a problem.Problem when the file cannot be read as such a
// table, a problem.List naming every faulty cell otherwise.
func ReadAppartenance(path string) (*Geography, error) {
	r := &appartenance{path: path, sheets: map[string]int{}, zones: map[string]map[string]zone{}}
	opt := tabular.Options{KeyColumns: []string{"CODGEO"}, Sheet: isAppartenanceSheet}
	if err := tabular.Read(path, opt, r.visit); err != nil {
		return nil, err
	}
	return r.finish()
}

func isAppartenanceSheet(name string) bool {
	switch strings.TrimSpace(name) {
	case sheetCOM, sheetARM, sheetZones:
		return true
	}
	return false
}

// where locates one row of the workbook.
type where struct {
	member, sheet string
	row           int
}

type comRow struct {
	where
	code, name, dep, reg, epci, nature string
}

type armRow struct {
	where
	code, name, parent string
}

// zone is a row of Zones_supra_communales.
type zone struct {
	where
	name  string
	count int // NB_COM
}

// appartenance accumulates the rows of one workbook, checked once all are read
// since the sheet naming the territories comes after the communes.
type appartenance struct {
	path     string
	name     string         // member or file name, for the vintage
	sheets   map[string]int // tables read per sheet name
	communes []comRow
	arms     []armRow
	zones    map[string]map[string]zone // NIVGEO → CODGEO → zone
	probs    problem.List
}

func (a *appartenance) fail(w where, column, kind, format string, args ...any) {
	a.probs.Add(problem.Problem{
		Severity: problem.Error, Kind: kind, File: a.path, Member: w.member, Sheet: w.sheet,
		Row: w.row, Column: column, Message: fmt.Sprintf(format, args...),
	})
}

// visit picks the columns of each sheet and returns the function storing its rows.
func (a *appartenance) visit(t *tabular.Table) (func(tabular.Record) error, error) {
	sheet := strings.TrimSpace(t.Sheet)
	if a.sheets[sheet]++; a.sheets[sheet] > 1 {
		return nil, a.headerProblem(t, "duplicate-sheet", "a second sheet %s; expected one table d'appartenance", sheet)
	}
	if a.name == "" {
		a.name = filepath.Base(t.File)
		if t.Member != "" {
			a.name = filepath.Base(t.Member)
		}
	}
	var names []string
	switch sheet {
	case sheetCOM:
		names = []string{"CODGEO", "LIBGEO", "DEP", "REG", "EPCI", "NATURE_EPCI"}
	case sheetARM:
		names = []string{"CODGEO", "LIBGEO", "COM"}
	case sheetZones:
		names = []string{"NIVGEO", "CODGEO", "LIBGEO", "NB_COM"}
	default:
		return nil, nil
	}
	idx := make([]int, len(names))
	for i, n := range names {
		idx[i] = -1
		for j, c := range t.Columns {
			if strings.EqualFold(c, n) {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return nil, a.headerProblem(t, "missing-column", "no column %s in the header; expected %s", n, strings.Join(names, ", "))
		}
	}
	return func(rec tabular.Record) error {
		w := where{t.Member, t.Sheet, rec.Row}
		v := make([]string, len(idx))
		for i, j := range idx {
			v[i] = strings.TrimSpace(rec.Cells[j])
		}
		switch sheet {
		case sheetCOM:
			a.communes = append(a.communes, comRow{w, v[0], v[1], v[2], v[3], v[4], v[5]})
		case sheetARM:
			a.arms = append(a.arms, armRow{w, v[0], v[1], v[2]})
		default:
			a.addZone(w, v[0], v[1], v[2], v[3])
		}
		return nil
	}, nil
}

// headerProblem locates a problem on the header row of t.
func (a *appartenance) headerProblem(t *tabular.Table, kind, format string, args ...any) problem.Problem {
	return problem.Problem{
		Severity: problem.Error, Kind: kind, File: t.File, Member: t.Member, Sheet: t.Sheet,
		Row: t.HeaderRow, Message: fmt.Sprintf(format, args...),
	}
}

// addZone keeps the EPCI, DEP and REG rows of Zones_supra_communales.
func (a *appartenance) addZone(w where, level, code, name, count string) {
	switch level {
	case "EPCI", "DEP", "REG":
	default:
		return
	}
	if level == "EPCI" && code == noEPCI {
		return
	}
	n, err := parseCount(count)
	if err != nil {
		a.fail(w, "NB_COM", "not-a-number", "NB_COM %q is not a whole number of communes", count)
	}
	if name == "" {
		a.fail(w, "LIBGEO", "missing-name", "%s %s has no name; expected its LIBGEO", level, code)
	}
	if level == "EPCI" && !isSIREN(code) {
		a.fail(w, "CODGEO", "bad-code", "EPCI code %q is not a 9-digit SIREN", code)
	}
	if a.zones[level] == nil {
		a.zones[level] = map[string]zone{}
	}
	if prev, dup := a.zones[level][code]; dup {
		a.fail(w, "CODGEO", "duplicate-code", "%s %s is already listed on row %d", level, code, prev.row)
		return
	}
	a.zones[level][code] = zone{w, name, n}
}
