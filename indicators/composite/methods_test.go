package composite

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/indicators/composite/aggregate"
	"github.com/diagnum/diagnum/indicators/composite/classify"
	"github.com/diagnum/diagnum/indicators/composite/normalise"
	"github.com/diagnum/diagnum/indicators/composite/weights"
)

var nan = math.NaN()

func common(level string, values ...float64) Related {
	return Related{Level: level, Codes: []string{"REF"}, Values: [][]float64{values}}
}

func compute(t *testing.T, tb Table, p Params) *Result {
	t.Helper()
	res, err := Compute(tb, p)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// scoresOf returns the score with ID id for every territory, NaN when missing.
func scoresOf(res *Result, id string) []float64 {
	s := slices.IndexFunc(res.Scores, func(i ScoreInfo) bool { return i.ID == id })
	out := make([]float64, len(res.Territories))
	for k, tr := range res.Territories {
		out[k] = tr.Scores[s].Value
		if !tr.Scores[s].OK() {
			out[k] = nan
		}
	}
	return out
}

func expect(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for k := range want {
		if math.IsNaN(want[k]) != math.IsNaN(got[k]) || (!math.IsNaN(want[k]) && math.Abs(got[k]-want[k]) > 1e-9) {
			t.Errorf("%s = %v, want %v", what, got, want)
			return
		}
	}
}

// One indicator of each kit kind, s = 0.8, 20000, 0.2, 0.001; no groups.
func TestKitByHand(t *testing.T) {
	tb := Table{Level: "commune", Codes: []string{"T1", "T2"},
		Indicators: []Indicator{
			{ID: "cov", Axis: "A", Direction: LowerIsFragile, Kind: Coverage},
			{ID: "inc", Axis: "A", Direction: LowerIsFragile, Kind: Income},
			{ID: "rate", Axis: "B", Direction: HigherIsFragile, Kind: Rate},
			{ID: "ps", Axis: "B", Direction: LowerIsFragile, Kind: PublicService},
		},
		Values: [][]float64{
			{0.9, 25000, 0.3, 0.0005}, // 12.5, 75, 150, 150
			{1, 10000, 0.1, 0.003},    // 0, 150, 50, max(0, 2 − 3) = 0
		},
		Reference: common(RefRegion, 0.8, 20000, 0.2, 0.001),
	}
	kit := mustDefault(t, MethodKit)
	kit.Imputation = []ImputationRule{} // the default rule names the kit's poverty indicator
	res := compute(t, tb, kit)
	pts := res.Territories[0].Points
	for i, want := range []float64{12.5, 75, 150, 150} {
		if math.Abs(pts[i].Value-want) > 1e-9 {
			t.Errorf("T1 points %v", pts)
		}
	}
	expect(t, "A", scoresOf(res, "A"), []float64{43.75, 75})
	expect(t, "B", scoresOf(res, "B"), []float64{150, 25})
	expect(t, "global", scoresOf(res, GlobalID), []float64{96.875, 50})
	if res.Territories[0].Rank != 1 || res.Territories[1].Rank != 2 {
		t.Errorf("ranks %d %d", res.Territories[0].Rank, res.Territories[1].Rank)
	}
	if c := res.Territories[0].Classes; c[0] != 1 || c[1] != 5 || c[2] != 5 {
		t.Errorf("T1 classes %v, want [1 5 5]", c)
	}
	for _, w := range res.Weights {
		if w.Weight != 0.25 {
			t.Errorf("weights %v", res.Weights)
		}
	}
	// A zero reference makes the points missing, with the reason.
	tb.Reference = common(RefRegion, 0.8, 20000, 0, 0.001)
	res = compute(t, tb, kit)
	if p := res.Territories[0].Points[2]; p.OK() || !strings.Contains(p.Missing, "cannot divide") {
		t.Errorf("zero reference: %+v", p)
	}
	if s := res.Territories[0].Scores; !s[0].OK() || s[1].OK() || s[2].OK() || res.Territories[0].Rank != 0 {
		t.Errorf("zero reference scores %v", s)
	}
}

func mapTable() Table {
	return Table{Level: "iris", Codes: []string{"I1", "I2"},
		Indicators: MapIndicators(), Axes: MapAxes(), Groups: MapGroups(),
		// income, single-parent, one-person, 15-29, 65+, low education
		Values: [][]float64{
			{30000, 0.2, 0.4, 0.1, 0.3, nan},
			{15000, 0.1, 0.2, 0.3, 0.1, 0.2},
		},
		Reference: common(RefDepartement, 20000, 0.1, 0.4, 0.2, 0.2, 0.2),
	}
}

func TestMapByHand(t *testing.T) {
	res := compute(t, mapTable(), mustDefault(t, MethodMap))
	// I1 points: 150, 200, 100, 50, 150, 0 (missing counted 0)
	// access = (150 + 200 + 100)/3 = 150; skills = (50 + 150 + 0)/3 = 66.67; global = 108.33 → 108
	// I2 points: 75, 100, 50, 150, 50, 100 → access 75, skills 100, global 87.5 → 87
	expect(t, "access", scoresOf(res, GroupAccess), []float64{150, 75})
	expect(t, "skills", scoresOf(res, GroupSkills), []float64{66, 100})
	expect(t, "global", scoresOf(res, GlobalID), []float64{108, 87})
	expect(t, "information", scoresOf(res, AxisInformation), []float64{150, 75})
	if len(res.Imputations) != 1 || res.Imputations[0].Territory != "I1" || res.Imputations[0].Method != ImputeZero {
		t.Errorf("imputations %+v", res.Imputations)
	}
	var sum float64
	for _, w := range res.Weights {
		sum += w.Weight
		if math.Abs(w.Weight-1.0/6) > 1e-15 {
			t.Errorf("weight %+v, want 1/6 (½ per group, ⅓ per indicator)", w)
		}
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("weights sum %v", sum)
	}
	// Untruncated: the exact means.
	p := mustDefault(t, MethodMap)
	p.Truncate = false
	res = compute(t, mapTable(), p)
	expect(t, "skills exact", scoresOf(res, GroupSkills), []float64{200.0 / 3, 100})
	expect(t, "global exact", scoresOf(res, GlobalID), []float64{(150 + 200.0/3) / 2, 87.5})
}

func rankTable() Table {
	tb := Table{Level: "commune", Indicators: []Indicator{
		{ID: "up", Axis: "A", Direction: HigherIsFragile},
		{ID: "down", Axis: "A", Direction: LowerIsFragile},
	}}
	for k := 1; k <= 10; k++ {
		tb.Codes = append(tb.Codes, string(rune('a'+k-1)))
		tb.Values = append(tb.Values, []float64{float64(k), float64(k)})
	}
	return tb
}

func TestRankByHand(t *testing.T) {
	res := compute(t, rankTable(), mustDefault(t, MethodRank))
	// percentiles 5, 15, …, 95 → −3 −2 −1 −1 0 0 +1 +1 +2 +3
	want := []float64{-3, -2, -1, -1, 0, 0, 1, 1, 2, 3}
	for k, tr := range res.Territories {
		if tr.Points[0].Value != want[k] || tr.Points[1].Value != want[9-k] {
			t.Errorf("%s points %v, want %v and %v", tr.Code, tr.Points, want[k], want[9-k])
		}
		if s := tr.Scores[1].Value; math.Abs(s-(want[k]+want[9-k])*10/6) > 1e-12 {
			t.Errorf("%s global %v", tr.Code, s)
		}
	}
	if RankPoints(90, DefaultRankBins) != 3 || RankPoints(89.9, DefaultRankBins) != 2 || RankPoints(50, DefaultRankBins) != 0 {
		t.Error("bin edges belong to the bin above")
	}
	// Scale: a territory at the top of every indicator gets +10.
	tb := rankTable()
	tb.Values[9][1] = -1
	res = compute(t, tb, mustDefault(t, MethodRank))
	if s := res.Territories[9].Scores[1].Value; s != 10 {
		t.Errorf("all +3: score %v, want 10", s)
	}
}

func TestCoreByHand(t *testing.T) {
	tb := Table{Level: "commune", Codes: []string{"a", "b", "c", "d"},
		Indicators: []Indicator{{ID: "x", Axis: "A", Direction: HigherIsFragile}, {ID: "y", Axis: "A", Direction: LowerIsFragile}},
		Values:     [][]float64{{1, 1}, {2, 3}, {3, 2}, {4, 4}}}
	res := compute(t, tb, mustDefault(t, MethodCore))
	// x: 12.5 37.5 62.5 87.5; y reversed: 87.5 37.5 62.5 12.5 → means 50 37.5 62.5 50
	expect(t, "core", scoresOf(res, GlobalID), []float64{5.5, 1 + 9*0.375, 1 + 9*0.625, 5.5})
	// ties go by code: a before d
	if res.Territories[0].Rank != 2 || res.Territories[3].Rank != 3 || res.Territories[2].Rank != 1 {
		t.Errorf("ranks %d %d %d %d", res.Territories[0].Rank, res.Territories[1].Rank, res.Territories[2].Rank, res.Territories[3].Rank)
	}
	if res.Params.Classification != classify.Quantile || res.Params.Classes != 10 {
		t.Errorf("core classes %s %d, want deciles", res.Params.Classification, res.Params.Classes)
	}
}

func diagnumTable() Table {
	return Table{Level: "commune", Codes: []string{"c", "a", "b"},
		Indicators: []Indicator{
			{ID: "pov", Axis: "A", Direction: HigherIsFragile},
			{ID: "inc", Axis: "A", Direction: LowerIsFragile},
			{ID: "old", Axis: "B", Direction: HigherIsFragile},
		},
		Values: [][]float64{
			{0.10, 20000, 0.30},
			{0.20, 10000, 0.10},
			{0.15, 30000, 0.20},
		},
		Reference: common(RefFrance, 0.1, 20000, 0.2),
	}
}

func TestDiagnumByHand(t *testing.T) {
	tb := diagnumTable()
	p := mustDefault(t, MethodDiagnum)
	// reference ×100: c = 100, 100, 150; a = 200, 150, 50; b = 150, 50, 100.
	// equal-axis weights ¼ ¼ ½; A = mean of the first two; global = (A + B)/2.
	res := compute(t, tb, p)
	expect(t, "A", scoresOf(res, "A"), []float64{100, 175, 100})
	expect(t, "global", scoresOf(res, GlobalID), []float64{125, 112.5, 100})
	wantW := []float64{0.25, 0.25, 0.5}
	for i, w := range res.Weights {
		if math.Abs(w.Weight-wantW[i]) > 1e-15 {
			t.Errorf("weights %v", res.Weights)
		}
	}
	cases := []struct {
		name   string
		edit   func(*Params)
		global []float64
	}{
		// min-max: c = 0, 50, 100; a = 100, 100, 0; b = 50, 0, 50
		{"min-max", func(p *Params) { p.Normalisation = normalise.MinMax }, []float64{12.5 + 50, 50, 12.5 + 25}},
		// percentiles: c = 1/6, 1/2, 5/6; a = 5/6, 5/6, 1/6; b = 1/2, 1/6, 1/2 (×100)
		{"percentile", func(p *Params) { p.Normalisation = normalise.PercentileRank },
			[]float64{100.0/24 + 12.5 + 250.0/6, 250.0/6 + 100.0/12, 12.5 + 100.0/24 + 25}},
		// z-scores (sd 0.05, 10000, 0.1): c = −1, 0, 1; a = 1, 1, −1; b = 0, −1, 0
		{"z-score", func(p *Params) { p.Normalisation = normalise.ZScore }, []float64{0.25, 0, -0.25}},
		// goalposts pov 0..0.4, inc 40000..0 as −1 (low 0, high 40000), old 0..0.5
		{"goalposts", func(p *Params) {
			p.Normalisation = normalise.Goalposts
			p.Goalposts = []normalise.Goalpost{{Indicator: "pov", Low: 0, High: 0.4}, {Indicator: "inc", Low: 0, High: 40000},
				{Indicator: "old", Low: 0, High: 0.5}}
		}, []float64{(25+50)/4.0 + 30, (50+75)/4.0 + 10, (37.5+25)/4 + 20}},
		{"equal-indicator", func(p *Params) { p.Weighting = weights.EqualIndicator }, []float64{350.0 / 3, 400.0 / 3, 100}},
		{"user", func(p *Params) {
			p.Weighting = weights.User
			p.Weights = []IndicatorWeight{{Indicator: "old", Weight: 2}, {Indicator: "pov", Weight: 1}, {Indicator: "inc", Weight: 1}}
		}, []float64{125, 112.5, 100}},
		// geometric over reference points: A = √(100·100); global = 100^¼ 100^¼ 150^½
		{"geometric", func(p *Params) { p.Aggregation = aggregate.Geometric },
			[]float64{10 * math.Sqrt(150), math.Pow(200, .25) * math.Pow(150, .25) * math.Sqrt(50), math.Pow(150, .25) * math.Pow(50, .25) * 10}},
		{"harmonic", func(p *Params) { p.Aggregation = aggregate.Harmonic },
			[]float64{1 / (0.25/100 + 0.25/100 + 0.5/150), 1 / (0.25/200 + 0.25/150 + 0.5/50), 1 / (0.25/150 + 0.25/50 + 0.5/100)}},
	}
	for _, tc := range cases {
		p := mustDefault(t, MethodDiagnum)
		tc.edit(&p)
		res := compute(t, tb, p)
		expect(t, tc.name, scoresOf(res, GlobalID), tc.global)
	}
}

func TestDiagnumPCAWeights(t *testing.T) {
	// pov and old rise together, inc is independent of both (0 correlation):
	// PCA weights ½, 0, ½ (the first component is (1, 0, 1)/√2).
	tb := Table{Level: "commune", Codes: []string{"a", "b", "c", "d"},
		Indicators: []Indicator{{ID: "pov", Axis: "A", Direction: 1}, {ID: "inc", Axis: "A", Direction: 1}, {ID: "old", Axis: "B", Direction: 1}},
		Values:     [][]float64{{-3, 1, -3}, {-1, -1, 1}, {1, -1, -1}, {3, 1, 3}}}
	p := mustDefault(t, MethodDiagnum)
	p.Normalisation, p.Weighting = normalise.MinMax, weights.PCA
	res := compute(t, tb, p)
	for i, want := range []float64{0.5, 0, 0.5} {
		if math.Abs(res.Weights[i].Weight-want) > 1e-9 {
			t.Errorf("PCA weights %v", res.Weights)
		}
	}
}

func TestDiagnumMissingAndImputation(t *testing.T) {
	tb := diagnumTable()
	tb.Values[1][0] = nan // a: poverty missing
	res := compute(t, tb, mustDefault(t, MethodDiagnum))
	a := res.Territories[1]
	if a.Scores[0].OK() || a.Scores[2].OK() || !a.Scores[1].OK() || a.Rank != 0 || a.Classes[2] != 0 {
		t.Fatalf("a: %+v", a)
	}
	if !strings.Contains(a.Scores[2].Missing, "pov: missing in the input") {
		t.Errorf("reason %q", a.Scores[2].Missing)
	}
	p := mustDefault(t, MethodDiagnum)
	p.Imputation = []ImputationRule{{Indicator: "pov", Method: ImputeParent}, {Indicator: "pov", Method: ImputeMedian}}
	res = compute(t, tb, p) // no parent: the median (0.125) applies
	if len(res.Imputations) != 1 || res.Imputations[0].Value != 0.125 || res.Imputations[0].Method != ImputeMedian {
		t.Fatalf("imputations %+v", res.Imputations)
	}
	tb.Parent = Related{Level: RefDepartement, Codes: []string{"D1", "D2"},
		Values: [][]float64{{0.3, nan, nan}, {0.5, nan, nan}}, Of: []int{1, 0, 1}}
	res = compute(t, tb, p)
	if imp := res.Imputations[0]; imp.Value != 0.3 || imp.Source != "D1" || imp.Method != ImputeParent {
		t.Errorf("parent imputation %+v", imp)
	}
	p.Imputation = []ImputationRule{{Indicator: "*", Method: ImputeGroupMedian}}
	res = compute(t, tb, p)
	if len(res.Imputations) != 0 || !strings.Contains(res.Territories[1].Points[0].Missing, "no territory of departement D1 has a value") {
		t.Errorf("a, alone in D1 with no value, must stay missing: %+v %+v", res.Imputations, res.Territories[1].Points[0])
	}
}

func TestDiagnumGeometricNegative(t *testing.T) {
	tb := diagnumTable()
	tb.Values[2][1] = 50000 // b: income 2.5 × the reference → 100·(2 − 2.5) < 0
	p := mustDefault(t, MethodDiagnum)
	p.Aggregation = aggregate.Geometric
	res := compute(t, tb, p)
	if s := res.Territories[2].Scores[2]; s.OK() || !strings.Contains(s.Missing, "geometric") {
		t.Errorf("b: %+v", s)
	}
	p.Normalisation = normalise.ZScore
	if _, err := Compute(tb, p); err == nil {
		t.Error("z-score with geometric aggregation accepted")
	}
}

func TestWinsorisationRecorded(t *testing.T) {
	tb := diagnumTable()
	for k := range 20 {
		tb.Codes = append(tb.Codes, string(rune('d'+k)))
		tb.Values = append(tb.Values, []float64{0.1 + 0.001*float64(k), 20000, 0.2})
	}
	tb.Values[3][0] = 5 // one absurd poverty rate
	p := mustDefault(t, MethodDiagnum)
	p.Winsorisation.Enabled = true
	res := compute(t, tb, p)
	if len(res.Winsorised) != 3 || res.Winsorised[0].High != 1 || !res.Winsorised[0].HighCap.OK() {
		t.Errorf("winsorised %+v", res.Winsorised)
	}
}

func TestParamsRejected(t *testing.T) {
	tb := diagnumTable()
	bad := []Params{
		{Method: "nope"},
		{Method: MethodKit, Normalisation: normalise.MinMax},
		{Method: MethodDiagnum, Normalisation: "nope"},
		{Method: MethodDiagnum, Weighting: weights.User},
		{Method: MethodDiagnum, Weighting: weights.User, Weights: []IndicatorWeight{{Indicator: "pov", Weight: 1}}},
		{Method: MethodDiagnum, Normalisation: normalise.Goalposts},
		{Method: MethodDiagnum, Reference: RefRegion},
		{Method: MethodDiagnum, Imputation: []ImputationRule{{Indicator: "nope", Method: ImputeMedian}}},
		{Method: MethodDiagnum, Imputation: []ImputationRule{{Indicator: "pov", Method: "mean"}}},
		{Method: MethodDiagnum, Classification: "nope"},
		{Method: MethodRank, RankBins: []float64{10, 20, 30}},
		{Method: MethodKit}, // the table's indicators have no kit kind
	}
	for _, p := range bad {
		if _, err := Compute(tb, p); err == nil {
			t.Errorf("params %+v accepted", p)
		}
	}
	tb.Codes[1] = "c"
	if _, err := Compute(tb, Params{}); err == nil {
		t.Error("repeated code accepted")
	}
}

func TestPresets(t *testing.T) {
	ps := Presets()
	if len(ps) != 5 || ps[0].ID != MethodDiagnum || !ps[0].Default {
		t.Fatalf("presets %+v", ps)
	}
	for _, p := range ps {
		if p.Name == "" || len(p.Description) < 200 {
			t.Errorf("preset %s needs a French name and paragraph", p.ID)
		}
		if _, err := DefaultParams(p.ID); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
	}
}

func TestRanks(t *testing.T) {
	got := Ranks([]float64{1, nan, 3, 3, -2})
	if !slices.Equal(got, []int{3, 0, 1, 2, 4}) {
		t.Errorf("ranks %v, want [3 0 1 2 4]: highest first, ties in slice order, NaN unranked", got)
	}
}

func TestInfiniteInputIsMissing(t *testing.T) {
	tb := diagnumTable()
	tb.Values[0][2] = math.Inf(1)
	res := compute(t, tb, mustDefault(t, MethodDiagnum))
	if p := res.Territories[0].Points[2]; p.OK() || !strings.Contains(p.Missing, "infinite") {
		t.Errorf("infinite input: %+v", p)
	}
}
