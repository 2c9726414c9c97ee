package ingest

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/tabular"
)

// maxRowProblems caps the problems listed per table and kind, so a wholly wrong
// file gives a readable report rather than 35,000 lines.
const maxRowProblems = 50

// readSource reads one input into a staged table, adding row-level problems to probs.
func readSource(g *geo.Geography, src Source, opt Options, probs *problem.List, m *Matching) (FileRead, *staged, error) {
	fr := FileRead{Source: src}
	var err error
	if fr.SHA256, fr.Bytes, err = Checksum(src); err != nil {
		return fr, nil, err
	}
	st := &staged{slot: map[string]int{}, rows: map[string]*communeRows{}}
	vintages, dates := map[string]bool{}, map[string]bool{}
	visit := func(t *tabular.Table) (func(tabular.Record) error, error) {
		tr := &tableReader{g: g, src: src, t: t, opt: opt, st: st, probs: probs, m: m, seen: map[string]seenRow{}, counts: map[string]int{}, dates: dates}
		tr.columns(vintages, &fr)
		fr.Tables = append(fr.Tables, TableRead{Member: t.Member, Sheet: t.Sheet, HeaderRow: t.HeaderRow, Columns: tr.names})
		table := &fr.Tables[len(fr.Tables)-1]
		return func(r tabular.Record) error {
			table.Rows++
			m.Rows++
			tr.record(r)
			return nil
		}, nil
	}
	if src.Data != nil {
		err = tabular.ReadBytes(src.Path, src.Data, tabular.Options{}, visit)
	} else {
		err = tabular.Read(src.Path, tabular.Options{}, visit)
	}
	if err != nil {
		return fr, nil, err
	}
	used := false
	for _, t := range fr.Tables {
		used = used || len(t.Columns) > 0
	}
	if !used {
		probs.Add(problem.Problem{Severity: problem.Warning, Kind: "no-variable", File: src.Path,
			Message: "no column of this file feeds an indicator of the catalogue (see `diagnum indicators`): nothing taken from it"})
	}
	dropArrondissements(src.Path, st, probs, m)
	fr.Vintage = vintageLabel(vintages, dates)
	return fr, st, nil
}

// dropArrondissements keeps a commune's own row when the input also has its
// arrondissements (the INSEE comparateur has both for Paris, Lyon, Marseille).
func dropArrondissements(path string, st *staged, probs *problem.List, m *Matching) {
	codes := make([]string, 0)
	for code, r := range st.rows {
		if r.direct > 0 && r.arm > 0 {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	for _, code := range codes {
		r := st.rows[code]
		m.ArrondissementDropped += r.arm
		probs.Add(problem.Problem{Severity: problem.Note, Kind: "arrondissements-ignored", File: path,
			Message: fmt.Sprintf("commune %s is present both whole and as %d arrondissements municipaux: the whole commune is used, the arrondissements are not added (no double count)", code, r.arm)})
	}
}

// tableReader turns the records of one table into staged commune values.
type tableReader struct {
	g     *geo.Geography
	src   Source
	t     *tabular.Table
	opt   Options
	st    *staged
	probs *problem.List
	m     *Matching

	keep  []int    // indices of the needed columns in the record
	slots []int    // their slot in the staged table
	names []string // their names as published
	// count tells, per needed column, whether it holds counts (people,
	// households, premises), which cannot be negative: every needed column
	// that Options.NonAdditive does not match (a median, a rate).
	count []bool
	seen  map[string]seenRow
	vals  []float64 // the needed values of the current row, NaN when missing
	bad   []bool    // whether each was not a number
	// counts caps the problems listed per kind.
	counts map[string]int
	// date is the index of a "date" column (ARCEP dates its files this way), or -1.
	date  int
	dates map[string]bool
}

func (tr *tableReader) columns(vintages map[string]bool, fr *FileRead) {
	tr.date = -1
	for i, col := range tr.t.Columns {
		if strings.EqualFold(strings.TrimSpace(col), "date") {
			tr.date = i
		}
		if i == tr.t.Key || tr.opt.Need == nil || !tr.opt.Need(col) {
			continue
		}
		up := strings.ToUpper(strings.TrimSpace(col))
		slot, ok := tr.st.slot[up]
		if !ok {
			slot = len(tr.st.columns)
			tr.st.slot[up] = slot
			tr.st.columns = append(tr.st.columns, up)
		}
		tr.keep = append(tr.keep, i)
		tr.slots = append(tr.slots, slot)
		tr.names = append(tr.names, col)
		tr.count = append(tr.count, tr.opt.NonAdditive == nil || !tr.opt.NonAdditive(col))
		if p, v := recognise(up); p != "" {
			if fr.Producer == "" || fr.Producer == p {
				fr.Producer = p
			}
			if v != "" {
				vintages[v] = true
			}
		}
	}
}

func (tr *tableReader) report(p problem.Problem) {
	p.File, p.Member, p.Sheet = tr.src.Path, tr.t.Member, tr.t.Sheet
	tr.counts[p.Kind]++
	switch n := tr.counts[p.Kind]; {
	case n <= maxRowProblems || tr.opt.ListAll:
		tr.probs.Add(p)
	case n == maxRowProblems+1:
		tr.probs.Add(problem.Problem{Severity: p.Severity, Kind: p.Kind, File: p.File, Member: p.Member, Sheet: p.Sheet,
			Message: fmt.Sprintf("more rows have the same problem (%s); only the first %d are listed", p.Kind, maxRowProblems)})
	}
}

func (tr *tableReader) record(r tabular.Record) {
	raw := r.Cells[tr.t.Key]
	keyCol := tr.t.Columns[tr.t.Key]
	code, repaired, ok := geo.NormalizeCode(raw)
	if !ok {
		tr.report(problem.Problem{Severity: problem.Error, Kind: "bad-code", Row: r.Row, Column: keyCol,
			Message: fmt.Sprintf("%q is not a commune code (expected 5 characters such as 01001, 2A004 or 97101)", raw)})
		return
	}
	sum := tr.parse(r)
	if prev, dup := tr.seen[code]; dup {
		same := "with the same values"
		if prev.sum != sum {
			same = "with different values"
		}
		tr.report(problem.Problem{Severity: problem.Error, Kind: "duplicate-code", Row: r.Row, Column: keyCol,
			Message: fmt.Sprintf("commune %s appears twice (rows %d and %d), %s in the columns used; keep one row per commune", code, prev.row, r.Row, same)})
		return
	}
	tr.seen[code] = seenRow{row: r.Row, sum: sum}
	if repaired {
		tr.m.Repaired++
		tr.note("repaired-code", r.Row, fmt.Sprintf("code %q read as %s (leading zero lost, e.g. by Excel)", raw, code))
	}
	res := tr.g.Resolve(code)
	arm := false
	switch res.Kind {
	case geo.Current:
		tr.m.Current++
	case geo.Arrondissement:
		tr.m.Arrondissement++
		arm = true
	case geo.Former:
		tr.m.Former++
		tr.note("former-code", r.Row, fmt.Sprintf("former commune %s mapped to today's %s (counts summed)", code, res.Commune))
	default:
		tr.m.Unmatched++
		sev, what := problem.Error, "fix the code, or pass --allow-unmatched to leave such rows out (they stay listed)"
		if tr.opt.AllowUnmatched {
			sev, what = problem.Warning, "row left out"
		}
		tr.report(problem.Problem{Severity: sev, Kind: "unknown-code", Row: r.Row, Column: keyCol,
			Message: fmt.Sprintf("code %s is neither a commune of %s nor a former code of one: %s", code, tr.g.Vintage, what)})
		return
	}
	values := make(map[int]float64, len(tr.keep))
	for k, i := range tr.keep {
		v := tr.vals[k]
		switch {
		case tr.bad[k]:
			tr.report(problem.Problem{Severity: problem.Error, Kind: "not-a-number", Row: r.Row, Column: tr.names[k],
				Message: fmt.Sprintf("expected a number, found %q", r.Cells[i])})
		case v < 0 && tr.count[k]:
			tr.report(problem.Problem{Severity: problem.Error, Kind: "negative-count", Row: r.Row, Column: tr.names[k],
				Message: fmt.Sprintf("a count cannot be negative, found %q; expected a number of people, households or premises, 0 or more: check the sign, or whether the column is the one meant", r.Cells[i])})
			v = math.NaN()
		}
		values[tr.slots[k]] = v
	}
	tr.st.add(res.Commune, arm, values)
	if res.Kind == geo.Current {
		tr.st.rows[res.Commune].direct++
	}
	if tr.date >= 0 && r.Cells[tr.date] != "" {
		tr.dates[strings.TrimSpace(r.Cells[tr.date])] = true
	}
}

// seenRow is the first row of a commune code, with a digest of its needed
// values so a duplicate can say whether it conflicts.
type seenRow struct {
	row int
	sum uint64
}

// parse reads the needed cells of a record into tr.vals (NaN when missing
// or not a number, flagged in tr.bad) and returns a digest of them.
func (tr *tableReader) parse(r tabular.Record) uint64 {
	tr.vals, tr.bad = tr.vals[:0], tr.bad[:0]
	sum := uint64(14695981039346656037) // FNV-1a over the values' bits
	for _, i := range tr.keep {
		v, missing, err := tabular.ParseNumber(r.Cells[i])
		if err != nil || missing {
			v = math.NaN()
		}
		tr.vals = append(tr.vals, v)
		tr.bad = append(tr.bad, err != nil)
		bits := math.Float64bits(v)
		if math.IsNaN(v) {
			bits = 0x7FF8000000000001 // one NaN for all
		}
		for b := 0; b < 64; b += 8 {
			sum = (sum ^ (bits >> b & 0xFF)) * 1099511628211
		}
	}
	return sum
}

// note records a repair or mapping, listed with its row like any problem (capped).
func (tr *tableReader) note(kind string, row int, msg string) {
	tr.report(problem.Problem{Severity: problem.Note, Kind: kind, Row: row, Message: msg})
}

// recognise names the producer and vintage of a column: P18_POP → INSEE, "RP 2018";
// MED19 → INSEE, "Filosofi 2019"; elig_thd30 → ARCEP.
func recognise(upper string) (producer, vintage string) {
	if len(upper) > 4 && (upper[0] == 'P' || upper[0] == 'C') && isDigit(upper[1]) && isDigit(upper[2]) && upper[3] == '_' {
		return "INSEE", "RP 20" + upper[1:3]
	}
	for _, p := range []string{"TP60", "MED", "Q2", "NBMENFISC", "PIMP"} {
		if len(upper) == len(p)+2 && strings.HasPrefix(upper, p) && isDigit(upper[len(p)]) && isDigit(upper[len(p)+1]) {
			return "INSEE", "Filosofi 20" + upper[len(p):]
		}
	}
	if strings.HasPrefix(upper, "ELIG_") || upper == "NBR" {
		return "ARCEP", ""
	}
	return "", ""
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// vintageLabel dates a file from its column prefixes ("RP 2018, Filosofi 2019") or,
// failing those, from the values of its date column ("2019-09-30").
func vintageLabel(vintages, dates map[string]bool) string {
	sorted := func(set map[string]bool) []string {
		list := make([]string, 0, len(set))
		for k := range set {
			list = append(list, k)
		}
		sort.Strings(list)
		return list
	}
	if len(vintages) > 0 {
		return strings.Join(sorted(vintages), ", ")
	}
	d := sorted(dates)
	switch len(d) {
	case 0:
		return ""
	case 1:
		return d[0]
	}
	return d[0] + " … " + d[len(d)-1]
}
