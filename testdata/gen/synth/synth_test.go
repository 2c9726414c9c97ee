package synth

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic/geo"
)

func dataset(t testing.TB, opt Options) *Dataset {
	t.Helper()
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(g, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEveryVariableHasAModel(t *testing.T) {
	d := dataset(t, Options{Departements: []string{"58"}})
	for _, tb := range Tables() {
		c, err := d.compile(tb, 0)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(c.vars); n < 65 {
			t.Errorf("%s has %d variables", tb.ID, n)
		}
		// Every variable can be evaluated (no age bracket outside the bands).
		vals := make([]float64, len(c.vars))
		c.values(d.communes[0], d.communes[0].Code, vals)
		for _, v := range c.vars {
			if l := label(v, 2021); l == "" || strings.Contains(l, "  ") {
				t.Errorf("label of %s: %q", v, l)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	write := func(seed uint64) []byte {
		d := dataset(t, Options{Departements: []string{"58"}, Seed: seed, Fast: true})
		var buf bytes.Buffer
		tb, _ := TableByID("couples-familles-menages")
		if err := d.WriteXLSX(&buf, tb); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b, c := write(1), write(1), write(2)
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same seed differ")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 1 and 2 give the same file")
	}
}

// values returns the table's values per unit code, by variable.
func values(t *testing.T, d *Dataset, id string, units []Unit) map[string]map[string]float64 {
	tb, _ := TableByID(id)
	c, err := d.compile(tb, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]float64{}
	vals, tmp := make([]float64, len(c.vars)), make([]float64, len(c.vars))
	for _, u := range units {
		d.row(c, u, vals, tmp)
		m := map[string]float64{}
		for i, v := range c.vars {
			m[v] = vals[i]
		}
		out[u.Code] = m
	}
	return out
}

// Parts never exceed their whole, and add up to it, in every unit; the
// tables agree where they publish the same population.
func TestConsistent(t *testing.T) {
	d := dataset(t, Options{Departements: []string{"58", "13", "2A", "971", "975"}})
	units := append(append([]Unit(nil), d.communes...), d.arms...)
	evol := values(t, d, "evol-struct-pop", units)
	dipl := values(t, d, "diplomes-formation", units)
	coup := values(t, d, "couples-familles-menages", units)
	empl := values(t, d, "emploi-pop-active", units)
	const eps = 1e-6
	le := func(code, what string, a, b float64) {
		if a > b*(1+eps)+eps || a < 0 {
			t.Errorf("%s: %s: %v > %v", code, what, a, b)
		}
	}
	eq := func(code, what string, a, b float64) {
		if math.Abs(a-b) > eps*math.Max(1, math.Abs(b)) {
			t.Errorf("%s: %s: %v != %v", code, what, a, b)
		}
	}
	fractional := 0
	for _, u := range units {
		e, di, c, em := evol[u.Code], dipl[u.Code], coup[u.Code], empl[u.Code]
		pop := e["P21_POP"]
		if pop != float64(u.Population) && len(d.armsOf[u.Code]) == 0 {
			t.Errorf("%s: P21_POP %v, population %d", u.Code, pop, u.Population)
		}
		eq(u.Code, "age brackets add up to P21_POP", e["P21_POP0014"]+e["P21_POP1529"]+e["P21_POP3044"]+e["P21_POP4559"]+e["P21_POP6074"]+e["P21_POP7589"]+e["P21_POP90P"], pop)
		eq(u.Code, "men and women add up", e["P21_POPH"]+e["P21_POPF"], pop)
		eq(u.Code, "65+ by sex = 65-79 + 80+", e["P21_H65P"]+e["P21_F65P"], c["P21_POP6579"]+c["P21_POP80P"])
		le(u.Code, "15-29 ≤ POP", e["P21_POP1529"], pop)
		le(u.Code, "DIPLMIN+BEPC ≤ NSCOL15P", di["P21_NSCOL15P_DIPLMIN"]+di["P21_NSCOL15P_BEPC"], di["P21_NSCOL15P"])
		eq(u.Code, "diplomas add up", di["P21_NSCOL15P_DIPLMIN"]+di["P21_NSCOL15P_BEPC"]+di["P21_NSCOL15P_CAPBEP"]+di["P21_NSCOL15P_BAC"]+di["P21_NSCOL15P_SUP2"]+di["P21_NSCOL15P_SUP34"]+di["P21_NSCOL15P_SUP5"], di["P21_NSCOL15P"])
		le(u.Code, "MENPSEUL ≤ MEN", c["C21_MENPSEUL"], c["C21_MEN"])
		eq(u.Code, "households add up", c["C21_MENPSEUL"]+c["C21_MENSFAM"]+c["C21_MENFAM"], c["C21_MEN"])
		le(u.Code, "FAMMONO ≤ FAM", c["C21_FAMMONO"], c["C21_FAM"])
		eq(u.Code, "single parents by sex", c["C21_HMONO"]+c["C21_FMONO"], c["C21_FAMMONO"])
		le(u.Code, "CHOM1564 ≤ ACT1564", em["P21_CHOM1564"], em["P21_ACT1564"])
		le(u.Code, "ACT1564 ≤ POP1564", em["P21_ACT1564"], em["P21_POP1564"])
		eq(u.Code, "ACTOCC = ACT - CHOM", em["P21_ACTOCC1564"], em["P21_ACT1564"]-em["P21_CHOM1564"])
		le(u.Code, "FSAL ≤ SAL", em["P21_EMPLT_FSAL"], em["P21_EMPLT_SAL"])
		eq(u.Code, "jobs by sector add up", em["C21_EMPLT_AGRI"]+em["C21_EMPLT_INDUS"]+em["C21_EMPLT_CONST"]+em["C21_EMPLT_CTS"]+em["C21_EMPLT_APESAS"], em["C21_EMPLT"])
		if v := e["P21_POP1529"]; v != math.Trunc(v) {
			fractional++
		}
	}
	if fractional < len(units)/2 {
		t.Errorf("only %d of %d units have fractional counts, INSEE's are mostly fractional", fractional, len(units))
	}
	// Marseille whole is the sum of its 16 arrondissements.
	sum := 0.0
	for _, a := range d.armsOf["13055"] {
		sum += evol[a.Code]["P21_POP1529"]
	}
	eq("13055", "commune = its arrondissements", evol["13055"]["P21_POP1529"], sum)
}

// National shares are plausible (RP 2021: 65+ 21%, 15-29 17%, one-person
// households 37%, single-parent families 16%, unemployment 12%, low
// education 28%).
func TestPlausibleShares(t *testing.T) {
	d := dataset(t, Options{})
	if n := len(d.communes); n < 34850 || n > 34969 {
		t.Errorf("%d communes", n)
	}
	if n := len(d.arms); n != 45 {
		t.Errorf("%d arrondissements", n)
	}
	sums := map[string]float64{}
	for _, id := range []string{"evol-struct-pop", "diplomes-formation", "couples-familles-menages", "emploi-pop-active"} {
		for _, vals := range values(t, d, id, d.communes) {
			for k, v := range vals {
				sums[k] += v
			}
		}
	}
	for _, s := range []struct {
		name     string
		num, den float64
		lo, hi   float64
	}{
		{"65 or more", sums["P21_H65P"] + sums["P21_F65P"], sums["P21_POP"], 0.17, 0.26},
		{"15-29", sums["P21_POP1529"], sums["P21_POP"], 0.14, 0.20},
		{"one-person households", sums["C21_MENPSEUL"], sums["C21_MEN"], 0.30, 0.42},
		{"single-parent families", sums["C21_FAMMONO"], sums["C21_FAM"], 0.10, 0.22},
		{"unemployment", sums["P21_CHOM1564"], sums["P21_ACT1564"], 0.07, 0.15},
		{"low education", sums["P21_NSCOL15P_DIPLMIN"] + sums["P21_NSCOL15P_BEPC"], sums["P21_NSCOL15P"], 0.18, 0.35},
	} {
		if r := s.num / s.den; r < s.lo || r > s.hi {
			t.Errorf("national share of %s = %.3f, want within [%.2f, %.2f]", s.name, r, s.lo, s.hi)
		} else {
			t.Logf("national share of %s: %.1f%%", s.name, 100*r)
		}
	}
	// The IRIS: ~49,000 in France, each commune code + 4 digits.
	iris := d.IRIS()
	if n := len(iris); n < 46000 || n > 52000 {
		t.Errorf("%d IRIS, want about 49,000", n)
	}
	t.Logf("%d IRIS", len(iris))
	pop := map[string]int{}
	for _, u := range iris {
		if len(u.Code) != 9 || u.Code[:5] != u.Commune {
			t.Fatalf("IRIS code %s of %s", u.Code, u.Commune)
		}
		pop[u.Commune] += u.Population
	}
	for _, u := range append(append([]Unit(nil), d.communes...), d.arms...) {
		if _, divided := d.armsOf[u.Code]; !divided && pop[u.Code] != u.Population {
			t.Errorf("IRIS of %s add up to %d, want %d", u.Code, pop[u.Code], u.Population)
		}
	}
}

// The workbook is INSEE's layout, read by excelize; the CSV holds the same
// numbers.
func TestLayoutAndCSV(t *testing.T) {
	d := dataset(t, Options{Departements: []string{"58", "69"}, Fast: true})
	tb, _ := TableByID("emploi-pop-active")
	var x, z bytes.Buffer
	if err := d.WriteXLSX(&x, tb); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteCSVZip(&z, tb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(x.Bytes()), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "COM_2021,ARM_2021" {
		t.Fatalf("sheets %s", got)
	}
	rows, err := f.GetRows("COM_2021", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[3][0], "SYNTHETIC") || !strings.Contains(rows[3][0], "Source(s) : Insee, RP2021") {
		t.Errorf("row 4 %q", rows[3][0])
	}
	if got := strings.Join(rows[5][:6], ","); got != "CODGEO,REG,DEP,LIBGEO,P21_POP1564,P21_POP1524" {
		t.Errorf("row 6 %s", got)
	}
	if rows[4][4] != "Pop 15-64 ans en 2021 (princ)" {
		t.Errorf("label %q", rows[4][4])
	}
	arm, _ := f.GetRows("ARM_2021", excelize.Options{RawCellValue: true})
	if len(arm) != 6+9 || arm[6][0] != "69381" {
		t.Errorf("ARM sheet: %d rows, first %q", len(arm), arm[6])
	}
	// The CSV, member of the zip, has the same values.
	zr, err := zip.NewReader(bytes.NewReader(z.Bytes()), int64(z.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "synthetic-base-cc-emploi-pop-active-2021.CSV" || zr.File[1].Name != "meta_synthetic-base-cc-emploi-pop-active-2021.CSV" {
		t.Errorf("members %s, %s", zr.File[0].Name, zr.File[1].Name)
	}
	rc, _ := zr.File[0].Open()
	raw, _ := io.ReadAll(rc)
	if !bytes.Contains(raw, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(rows)-6+len(arm)-6+1 {
		t.Errorf("CSV has %d records, XLSX %d rows", len(recs), len(rows)-6+len(arm)-6)
	}
	for i, rec := range recs[1 : len(rows)-6+1] {
		x := rows[6+i]
		if rec[0] != x[0] {
			t.Fatalf("row %d: CSV code %s, XLSX %s", i, rec[0], x[0])
		}
		for j := 1; j < len(rec); j++ {
			a, _ := strconv.ParseFloat(rec[j], 64)
			b, _ := strconv.ParseFloat(x[j+3], 64)
			if a != b {
				t.Fatalf("%s %s: CSV %s, XLSX %s", rec[0], recs[0][j], rec[j], x[j+3])
			}
		}
	}
}

// A workbook's sheet streams: only a row is buffered.
func TestWorkbookRowsInOrder(t *testing.T) {
	var buf bytes.Buffer
	wb := NewWorkbook(&buf, flate.BestSpeed)
	s := wb.Sheet("A")
	s.Row(2)
	s.Row(2)
	if err := wb.Close(); err == nil || !strings.Contains(err.Error(), "row 2 after row 2") {
		t.Errorf("rows out of order: %v", err)
	}
}
