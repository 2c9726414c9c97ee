// Package ingest turns commune-keyed spreadsheets (census, service coverage) into one
// commune table in today's geography: codes repaired and matched, arrondissements
// municipaux rolled up, former communes summed into today's, files joined on the code.
// Whatever it corrects, drops or cannot match, it reports.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/indicators"
)

// Source is one input to read.
type Source struct {
	Path string // as the user gave it (shown in reports), or "embedded:NAME"
	Role string // "census" or "services"
	// Data holds the file's bytes when it does not live on disk (embedded datasets).
	Data []byte
}

// Options says which columns matter and how strict matching is.
type Options struct {
	// Need reports whether a column feeds some indicator; other columns are not kept.
	Need func(column string) bool
	// NonAdditive reports whether a column holds values that cannot be summed when
	// several input rows make one commune (a median, a rate).
	NonAdditive func(column string) bool
	// AllowUnmatched turns a code matching no commune from an error into a warning:
	// the row is left out and listed.
	AllowUnmatched bool
	// ListAll lists every row's problem (diagnum validate); otherwise each kind is
	// listed for the first rows of a table and then counted.
	ListAll bool
}

// TableRead is one sheet or archive member read from an input.
type TableRead struct {
	Member    string
	Sheet     string
	HeaderRow int
	Rows      int
	// Columns are the variables taken from this table (others are ignored).
	Columns []string
}

// FileRead is what was read from one input.
type FileRead struct {
	Source Source
	SHA256 string
	Bytes  int64
	Tables []TableRead
	// Producer and Vintage are recognised from the columns ("INSEE", "RP 2018,
	// Filosofi 2019"; "ARCEP", "2019-09-30"), empty when unknown.
	Producer string
	Vintage  string
}

// Matching counts the input codes by how they were matched to today's communes.
type Matching struct {
	Rows                  int // data rows read, all inputs together
	Current               int // codes of today's communes
	Arrondissement        int // arrondissements municipaux rolled up into their commune
	ArrondissementDropped int // arrondissement rows ignored: the whole commune was present
	Former                int // former codes mapped through anciensCodes (counts summed)
	Repaired              int // codes whose leading zero was restored
	Unmatched             int // codes matching no commune (each listed in the problems)
}

// Result is the commune table and the account of how it was made.
type Result struct {
	Communes *indicators.Communes
	Files    []FileRead
	// Provenance lists, per upper-cased column, the paths of the inputs it came from.
	Provenance map[string][]string
	Matching   Matching
	Problems   problem.List
}

// Load reads every source and joins them on today's commune codes. Every problem found
// is collected (one pass over all files); err is non-nil when any is an error.
func Load(g *geo.Geography, sources []Source, opt Options) (*Result, error) {
	communes := g.Communes()
	res := &Result{
		Communes:   &indicators.Communes{Codes: make([]string, len(communes)), Population: make([]float64, len(communes)), Columns: map[string][]float64{}},
		Provenance: map[string][]string{},
	}
	index := make(map[string]int, len(communes))
	for i, c := range communes {
		res.Communes.Codes[i] = c.Code
		res.Communes.Population[i] = c.Population
		index[c.Code] = i
	}
	j := &joiner{res: res, index: index}
	for i, r := range readAll(g, sources, opt) {
		res.Problems = append(res.Problems, r.problems...)
		res.Matching.add(r.matching)
		if r.err != nil {
			res.Problems.Add(asProblem(sources[i].Path, r.err))
			continue
		}
		res.Files = append(res.Files, r.file)
		j.merge(sources[i].Path, r.staged, opt)
	}
	res.Problems.Sort()
	return res, res.Problems.Err()
}

// read is one source as read, before it joins the others.
type read struct {
	file     FileRead
	staged   *staged
	problems problem.List
	matching Matching
	err      error
}

// readAll reads the sources concurrently, at most one per core (national runs read
// several workbooks of 35,000 rows), and returns them in the order given, so the
// join, and so every output, does not depend on which file finished first.
func readAll(g *geo.Geography, sources []Source, opt Options) []read {
	out := make([]read, len(sources))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			r := &out[i]
			r.file, r.staged, r.err = readSource(g, src, opt, &r.problems, &r.matching)
		}()
	}
	wg.Wait()
	return out
}

func (m *Matching) add(o Matching) {
	m.Rows += o.Rows
	m.Current += o.Current
	m.Arrondissement += o.Arrondissement
	m.ArrondissementDropped += o.ArrondissementDropped
	m.Former += o.Former
	m.Repaired += o.Repaired
	m.Unmatched += o.Unmatched
}

func asProblem(path string, err error) problem.Problem {
	switch e := err.(type) {
	case problem.Problem:
		return e
	case problem.List:
		if len(e) > 0 {
			return e[0]
		}
	}
	return problem.Problem{Severity: problem.Error, Kind: "unreadable", File: path, Message: err.Error()}
}

// Checksum hashes the bytes of a source (SHA-256) for the record of inputs.
func Checksum(src Source) (string, int64, error) {
	h := sha256.New()
	if src.Data != nil {
		h.Write(src.Data)
		return hex.EncodeToString(h.Sum(nil)), int64(len(src.Data)), nil
	}
	f, err := os.Open(src.Path)
	if err != nil {
		return "", 0, problem.Problem{Severity: problem.Error, Kind: "unreadable", File: src.Path, Message: "cannot open: " + strings.TrimPrefix(err.Error(), "open "+src.Path+": ")}
	}
	defer f.Close()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, problem.Problem{Severity: problem.Error, Kind: "unreadable", File: src.Path, Message: "cannot read: " + err.Error()}
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// staged holds one file's values per commune before they join the others.
type staged struct {
	columns []string       // upper-cased, in order of first appearance
	slot    map[string]int // column → index into values
	rows    map[string]*communeRows
}

// communeRows accumulates the input rows that make one of today's communes.
type communeRows struct {
	direct      int // rows carrying the commune's own code
	arm         int // arrondissement rows (dropped if a direct row exists)
	main, armV  []float64
	mainN, armN []int // number of contributions per column
}

func (s *staged) add(commune string, arm bool, values map[int]float64) {
	r := s.rows[commune]
	if r == nil {
		r = &communeRows{}
		s.rows[commune] = r
	}
	v, n := &r.main, &r.mainN
	if arm {
		v, n = &r.armV, &r.armN
		r.arm++
	}
	for len(*v) < len(s.columns) {
		*v = append(*v, 0)
		*n = append(*n, 0)
	}
	for slot, x := range values {
		(*v)[slot] += x // NaN propagates: a missing part makes the sum missing
		(*n)[slot]++
	}
}

// value is the commune's figure for a column and the number of rows summed into it:
// its own row when it has one (arrondissements then ignored), else the sum of its
// former communes' or arrondissements' rows.
func (r *communeRows) value(slot int) (float64, int) {
	at := func(v []float64, n []int) (float64, int) {
		if slot >= len(n) {
			return 0, 0
		}
		return v[slot], n[slot]
	}
	x, n := at(r.main, r.mainN)
	if r.direct > 0 {
		return x, n
	}
	y, m := at(r.armV, r.armN)
	return x + y, n + m
}

// joiner merges staged files into the commune table.
type joiner struct {
	res   *Result
	index map[string]int
}

func (j *joiner) merge(path string, st *staged, opt Options) {
	c := j.res.Communes
	codes := make([]string, 0, len(st.rows))
	for code := range st.rows {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	conflicts, conflictExample := map[string]int{}, map[string]string{}
	for slot, col := range st.columns {
		if c.Columns[col] == nil {
			vals := make([]float64, len(c.Codes))
			for i := range vals {
				vals[i] = math.NaN()
			}
			c.Columns[col] = vals
		}
		j.res.Provenance[col] = appendUnique(j.res.Provenance[col], path)
		for _, code := range codes {
			x, n := st.rows[code].value(slot)
			if n == 0 {
				continue
			}
			if n > 1 && opt.NonAdditive != nil && opt.NonAdditive(col) {
				j.res.Problems.Add(problem.Problem{Severity: problem.Warning, Kind: "non-additive-merge", File: path, Column: col,
					Message: fmt.Sprintf("commune %s is made of %d input rows and %s cannot be summed: left missing", code, n, col)})
				x = math.NaN()
			}
			i := j.index[code]
			old := c.Columns[col][i]
			switch {
			case math.IsNaN(old):
				c.Columns[col][i] = x
			case !math.IsNaN(x) && math.Abs(old-x) > 1e-9*math.Max(1, math.Abs(old)):
				conflicts[col]++
				if conflictExample[col] == "" {
					conflictExample[col] = fmt.Sprintf("commune %s: %g kept, %g ignored", code, old, x)
				}
			}
		}
	}
	for _, col := range st.columns {
		if n := conflicts[col]; n > 0 {
			j.res.Problems.Add(problem.Problem{Severity: problem.Warning, Kind: "conflicting-values", File: path, Column: col,
				Message: fmt.Sprintf("%d communes already had a different %s from an earlier input; the earlier value is kept (e.g. %s)", n, col, conflictExample[col])})
		}
	}
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
