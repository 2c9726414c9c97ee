package composite

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/diagnum/diagnum/internal/shareddata"
	"github.com/xuri/excelize/v2"
)

// sharedData finds <repo root>/../shared/data, or skips the test.
func sharedData(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

// sicoval is the kit workbook read back: inputs, reference row and cached results.
type sicoval struct {
	table   Table
	points  [][]float64 // sheet "2.Points", 11 per commune
	scores  [][]float64 // sheet "4.Score base 100", 7 per commune
	classes [][]int     // sheet "5.Quintiles", 7 per commune
	limits  [][]float64 // sheet "5.Quintiles" rows 45-50, per score
}

const (
	kitFirstRow, kitLastRow, kitRefRow = 5, 40, 43
)

var (
	kitInputCols = []string{"G", "H", "I", "J", "K", "L", "M", "O", "P", "Q", "R"} // N = raw count, unused
	kitPointCols = []string{"G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q"}
	kitScoreCols = []string{"G", "H", "I", "J", "K", "L", "M"}
)

func readSicoval(t *testing.T) sicoval {
	path := filepath.Join(sharedData(t), "ifn-kit", "ifn-kit-2020-sicoval.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	num := func(sheet, col string, row int) float64 {
		t.Helper()
		cell := col + strconv.Itoa(row)
		s, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s!%s: %v", sheet, cell, err)
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s!%s = %q: %v", sheet, cell, s, err)
		}
		return v
	}
	const base = "0.Base de données"
	var k sicoval
	tb := Table{Level: "commune", Indicators: KitIndicators(), Axes: KitAxes(), Groups: KitGroups()}
	for row := kitFirstRow; row <= kitLastRow; row++ {
		code, err := f.GetCellValue(base, "B"+strconv.Itoa(row))
		if err != nil || code == "" {
			t.Fatalf("%s!B%d: code %q, %v", base, row, code, err)
		}
		tb.Codes = append(tb.Codes, code)
		var vals, pts, scs []float64
		var cls []int
		for _, c := range kitInputCols {
			vals = append(vals, num(base, c, row))
		}
		for _, c := range kitPointCols {
			pts = append(pts, num("2.Points", c, row))
		}
		for _, c := range kitScoreCols {
			scs = append(scs, num("4.Score base 100", c, row))
			cls = append(cls, int(num("5.Quintiles", c, row)))
		}
		tb.Values = append(tb.Values, vals)
		k.points, k.scores, k.classes = append(k.points, pts), append(k.scores, scs), append(k.classes, cls)
	}
	var ref []float64
	for _, c := range kitInputCols {
		ref = append(ref, num(base, c, kitRefRow))
	}
	region, _ := f.GetCellValue(base, "E"+strconv.Itoa(kitFirstRow))
	tb.Reference = Related{Level: RefRegion, Codes: []string{region}, Values: [][]float64{ref}}
	for _, c := range kitScoreCols {
		var lim []float64
		for row := 45; row <= 50; row++ {
			lim = append(lim, num("5.Quintiles", c, row))
		}
		k.limits = append(k.limits, lim)
	}
	k.table = tb
	return k
}

func TestSicovalConformance(t *testing.T) {
	k := readSicoval(t)
	if len(k.table.Codes) != 36 {
		t.Fatalf("read %d communes, want 36", len(k.table.Codes))
	}
	p, err := DefaultParams(MethodKit)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(k.table, p)
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := []string{AxisInterfaces, AxisInformation, GroupAccess, AxisAdministrative, AxisDigital, GroupSkills, GlobalID}
	for s, id := range wantIDs {
		if res.Scores[s].ID != id {
			t.Fatalf("score %d is %s, want %s (workbook column order)", s, res.Scores[s].ID, id)
		}
	}
	const tol = 1e-9
	var worst float64
	for c, tr := range res.Territories {
		if tr.Code != k.table.Codes[c] {
			t.Fatalf("territory %d is %s, want %s", c, tr.Code, k.table.Codes[c])
		}
		for i, pt := range tr.Points {
			if !pt.OK() || math.Abs(pt.Value-k.points[c][i]) > tol {
				t.Errorf("%s %s points = %v, workbook %v", tr.Code, res.Indicators[i].ID, pt, k.points[c][i])
			}
		}
		for s, sc := range tr.Scores {
			d := math.Abs(sc.Value - k.scores[c][s])
			worst = math.Max(worst, d)
			if !sc.OK() || d > tol {
				t.Errorf("%s %s = %v, workbook %v", tr.Code, res.Scores[s].ID, sc, k.scores[c][s])
			}
			if tr.Classes[s] != k.classes[c][s] {
				t.Errorf("%s %s class = %d, workbook %d", tr.Code, res.Scores[s].ID, tr.Classes[s], k.classes[c][s])
			}
		}
	}
	for s, lim := range res.Limits {
		for j, v := range lim.Limits {
			if math.Abs(v-k.limits[s][j]) > tol {
				t.Errorf("%s limit %d = %v, workbook %v", lim.Score, j, v, k.limits[s][j])
			}
		}
	}
	t.Logf("36 communes × 7 scores: largest difference from the workbook %.3g", worst)
	if len(res.Imputations) != 0 {
		t.Errorf("imputations %v: the workbook's inputs are complete", res.Imputations)
	}
}

// TestSicovalExpectedCSV checks the CSV summary against the same computation, so the
// two published forms of the kit's results cannot drift apart.
func TestSicovalExpectedCSV(t *testing.T) {
	k := readSicoval(t)
	f, err := os.Open(filepath.Join(sharedData(t), "ifn-kit", "ifn-kit-2020-sicoval-expected.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1 // the SEUILS row is shorter
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(k.table, mustDefault(t, MethodKit))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+36+1 {
		t.Fatalf("%d CSV rows, want header + 36 + SEUILS", len(rows))
	}
	for c, row := range rows[1:37] {
		tr := res.Territories[c]
		if row[1] != tr.Code {
			t.Fatalf("CSV row %d is %s, want %s", c+2, row[1], tr.Code)
		}
		for s := range 7 {
			v, _ := strconv.ParseFloat(row[18+s], 64)
			cl, _ := strconv.Atoi(row[25+s])
			if math.Abs(v-tr.Scores[s].Value) > 1e-9 || cl != tr.Classes[s] {
				t.Errorf("%s score %d: CSV %v class %d, computed %v class %d", tr.Code, s, v, cl, tr.Scores[s].Value, tr.Classes[s])
			}
		}
	}
}

// TestSicovalPovertyFromDepartement blanks the poverty rates the workbook had already
// filled with the département's 13 % and checks the kit preset puts them back, listed.
func TestSicovalPovertyFromDepartement(t *testing.T) {
	k := readSicoval(t)
	want, err := Compute(k.table, mustDefault(t, MethodKit))
	if err != nil {
		t.Fatal(err)
	}
	tb := k.table
	pov := indexOf(tb, IDPoverty)
	blank := 0
	tb.Values = make([][]float64, len(k.table.Values))
	for c, row := range k.table.Values {
		tb.Values[c] = append([]float64(nil), row...)
		if row[pov] == 0.13 {
			tb.Values[c][pov] = math.NaN()
			blank++
		}
	}
	dep := make([]float64, len(tb.Indicators))
	for i := range dep {
		dep[i] = math.NaN()
	}
	dep[pov] = 0.13
	tb.Parent = Related{Level: RefDepartement, Codes: []string{"31"}, Values: [][]float64{dep}}
	got, err := Compute(tb, mustDefault(t, MethodKit))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Imputations) != blank || blank == 0 {
		t.Fatalf("%d imputations, want %d", len(got.Imputations), blank)
	}
	for _, imp := range got.Imputations {
		if imp.Indicator != IDPoverty || imp.Value != 0.13 || imp.Source != "31" || imp.Method != ImputeParent || imp.Reason == "" {
			t.Errorf("imputation %+v", imp)
		}
	}
	for c := range want.Territories {
		for s := range want.Scores {
			if got.Territories[c].Scores[s] != want.Territories[c].Scores[s] {
				t.Errorf("%s %s: %v, want %v", want.Territories[c].Code, want.Scores[s].ID,
					got.Territories[c].Scores[s], want.Territories[c].Scores[s])
			}
		}
	}
	// Without the rule, the same communes lose their access scores, with the reason.
	p := mustDefault(t, MethodKit)
	p.Imputation = []ImputationRule{}
	bare, err := Compute(tb, p)
	if err != nil {
		t.Fatal(err)
	}
	for c, tr := range bare.Territories {
		if math.IsNaN(tb.Values[c][pov]) && (tr.Scores[0].OK() || tr.Rank != 0 || tr.Classes[6] != 0) {
			t.Errorf("%s: poverty missing, not imputed, but score %v rank %d", tr.Code, tr.Scores[0], tr.Rank)
		}
		if math.IsNaN(tb.Values[c][pov]) && !tr.Scores[3].OK() {
			t.Errorf("%s: administrative skills do not use poverty but are missing: %s", tr.Code, tr.Scores[3].Missing)
		}
	}
}

func mustDefault(t testing.TB, method string) Params {
	t.Helper()
	p, err := DefaultParams(method)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
