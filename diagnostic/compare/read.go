package compare

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// resumeName is the summary every diagnum run writes; compare reads it first, so a
// folder that is not a run's output is recognised before any table is opened.
const resumeName = "resume.json"

// textColumns are the columns of a run's tables that hold words, not numbers (the
// need × offer quadrant): compare leaves them out.
var textColumns = map[string]bool{"quadrant": true}

// resumeVersion is the newest layout of resume.json this package reads; version 2
// only added the mediation offer, which compare does not read, so 1 reads too.
const resumeVersion = 2

// Run is one output folder of diagnum run, read back: what resume.json says of the
// run and the table of each level.
type Run struct {
	Dir    string
	Resume Resume
	Tables []Table // in the order of Resume.Levels
}

// Resume is the part of resume.json a comparison needs. Fields it ignores (problems,
// matching, diagnostics…) are not read, so they may evolve freely.
type Resume struct {
	Tool struct {
		Name          string `json:"name"`
		FormatVersion int    `json:"format_version"`
	} `json:"tool"`
	Territory  []Territory `json:"territory"`
	Geography  Geography   `json:"geography"`
	Inputs     []Input     `json:"inputs"`
	Indicators []Indicator `json:"indicators"`
	Levels     []LevelInfo `json:"levels"`
	Method     Method      `json:"method"`
}

// Territory is one part of a run's studied territory.
type Territory struct {
	Spec string `json:"spec"`
	Name string `json:"name"`
}

// Geography says which COG a run used and where its populations come from.
type Geography struct {
	Vintage          string `json:"vintage"`
	Source           string `json:"source"`
	PopulationSource string `json:"population_source"`
}

// Input is one file a run read.
type Input struct {
	Path     string `json:"path"`
	Role     string `json:"role"`
	SHA256   string `json:"sha256"`
	Producer string `json:"producer"`
	Title    string `json:"title"`
	Vintage  string `json:"vintage"`
}

// Indicator is one indicator a run computed.
type Indicator struct {
	ID           string `json:"id"`
	Label        string `json:"label"`
	Unit         string `json:"unit"`
	Formula      string `json:"formula"`
	VintageLabel string `json:"vintage_label"`
}

// LevelInfo is one level of a run (commune, epci, departement, region, france).
type LevelInfo struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Reference bool   `json:"reference"`
}

// Method is the composite index of a run.
type Method struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Indicators []string      `json:"indicators"`
	Levels     []MethodLevel `json:"levels"`
}

// MethodLevel is the composite index of one scored level. Params are kept as
// written, so that every parameter, including ones added after this package, takes
// part in the comparison.
type MethodLevel struct {
	Level      string            `json:"level"`
	Params     json.RawMessage   `json:"params"`
	Scores     []Score           `json:"scores"`
	Limits     []ClassLimits     `json:"class_limits"`
	References []ReferenceValues `json:"references"`
}

// Score is one score column of a level.
type Score struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// ClassLimits are the limits of one score's classes.
type ClassLimits struct {
	Score  string    `json:"score"`
	Limits []float64 `json:"limits"`
}

// ReferenceValues are the values of one reference territory, one per indicator of
// Method.Indicators.
type ReferenceValues struct {
	Level  string `json:"level"`
	Code   string `json:"code"`
	Values []struct {
		Value   float64 `json:"value"`
		Missing string  `json:"missing"`
	} `json:"values"`
}

// Table is one level's indicateurs-<level>.csv.
type Table struct {
	Level   string
	Columns []string // the numeric columns, after code and libelle
	Rows    []TableRow
	col     map[string]int
}

// TableRow is one territory of a table; Values follow Table.Columns, NaN when the
// cell is empty (a missing value).
type TableRow struct {
	Code, Name string
	Values     []float64
}

// Value returns the row's value in the named column, NaN when the table has no such
// column or the cell is empty.
func (t *Table) Value(r TableRow, column string) float64 {
	i, ok := t.col[column]
	if !ok {
		return math.NaN()
	}
	return r.Values[i]
}

// Has reports whether the table has the named column.
func (t *Table) Has(column string) bool {
	_, ok := t.col[column]
	return ok
}

// Table returns the table of a level, nil when the run has none.
func (r *Run) Table(level string) *Table {
	for i := range r.Tables {
		if r.Tables[i].Level == level {
			return &r.Tables[i]
		}
	}
	return nil
}

// tableName is the file diagnum run writes for a level.
func tableName(level string) string { return "indicateurs-" + level + ".csv" }

// Read reads an output folder of diagnum run. A folder that is not one (no
// resume.json, a table missing because the run was limited to other formats, a
// table edited by hand) is an error naming the file and what to do.
func Read(dir string) (*Run, error) {
	if fi, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such folder (give an output folder of diagnum run)", dir)
	} else if err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder: give an output folder of diagnum run", dir)
	}
	run := &Run{Dir: dir}
	path := filepath.Join(dir, resumeName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is not an output folder of diagnum run: %s is missing (run diagnum run with the json and csv formats)", dir, resumeName)
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &run.Resume); err != nil {
		return nil, fmt.Errorf("%s: not a diagnum summary: %w", path, err)
	}
	switch t := run.Resume.Tool; {
	case t.Name != "diagnum":
		return nil, fmt.Errorf("%s: not written by diagnum (tool.name is %q)", path, t.Name)
	case t.FormatVersion < 1 || t.FormatVersion > resumeVersion:
		return nil, fmt.Errorf("%s: format_version %d, this diagnum reads versions 1 to %d: compare runs written by the same diagnum, or re-run the old one", path, t.FormatVersion, resumeVersion)
	case len(run.Resume.Levels) == 0:
		return nil, fmt.Errorf("%s: lists no level", path)
	}
	for _, lv := range run.Resume.Levels {
		t, err := readTable(dir, lv.ID, &run.Resume)
		if err != nil {
			return nil, err
		}
		run.Tables = append(run.Tables, *t)
	}
	return run, nil
}

// readTable reads and checks one level's CSV against the summary: the header must
// start with code, libelle, population and hold every indicator the run computed.
func readTable(dir, level string, res *Resume) (*Table, error) {
	path := filepath.Join(dir, tableName(level))
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %s is missing although %s lists level %s (the run was written without the csv format? run diagnum run with --format csv,json)", dir, tableName(level), resumeName, level)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the header: %w", path, err)
	}
	if len(header) < 3 || header[0] != "code" || header[1] != "libelle" || header[2] != "population" {
		return nil, fmt.Errorf("%s: the header must start with code,libelle,population (a table of diagnum run), found %q", path, header[:min(3, len(header))])
	}
	t := &Table{Level: level, col: map[string]int{}}
	var keep []int // indices in a record of the numeric columns
	for i, c := range header[2:] {
		if textColumns[c] {
			continue
		}
		keep = append(keep, i+2)
		t.Columns = append(t.Columns, c)
	}
	for i, c := range t.Columns {
		if _, dup := t.col[c]; dup {
			return nil, fmt.Errorf("%s: column %s appears twice", path, c)
		}
		t.col[c] = i
	}
	for _, ind := range res.Indicators {
		if !t.Has(ind.ID) {
			return nil, fmt.Errorf("%s: no column %s although %s lists the indicator", path, ind.ID, resumeName)
		}
	}
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if rec[0] == "" {
			return nil, fmt.Errorf("%s, line %d: empty code", path, line)
		}
		if first, dup := seen[rec[0]]; dup {
			return nil, fmt.Errorf("%s, line %d: territory %s already on line %d", path, line, rec[0], first)
		}
		seen[rec[0]] = line
		row := TableRow{Code: rec[0], Name: rec[1], Values: make([]float64, len(t.Columns))}
		for i, at := range keep {
			cell := rec[at]
			if cell == "" {
				row.Values[i] = math.NaN()
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s, line %d, column %s: expected a number, found %q", path, line, t.Columns[i], cell)
			}
			row.Values[i] = v
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
