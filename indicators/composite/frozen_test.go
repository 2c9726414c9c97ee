package composite

import (
	"reflect"
	"testing"
)

// A frozen reference scores exactly as a table whose reference territory has those
// values, whatever the table's own reference, and is recorded in the parameters.
func TestFrozenReference(t *testing.T) {
	tab := Table{Level: "epci", Codes: []string{"a", "b"},
		Indicators: []Indicator{{ID: "x", Axis: "ax", Direction: HigherIsFragile}, {ID: "y", Axis: "ax", Direction: LowerIsFragile}},
		Values:     [][]float64{{0.2, 100}, {0.1, 200}},
		Reference:  Related{Level: RefFrance, Codes: []string{"FR"}, Values: [][]float64{{0.15, 150}}}}
	p, err := DefaultParams(MethodDiagnum)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Compute(tab, p)
	if err != nil {
		t.Fatal(err)
	}
	frozen := tab
	frozen.Reference = Related{Level: RefFrance, Codes: []string{"FR"}, Values: [][]float64{{0.5, 50}}} // replaced
	p.FrozenReference = []IndicatorValue{{Indicator: "y", Value: 150}, {Indicator: "x", Value: 0.15}}
	got, err := Compute(frozen, p)
	if err != nil {
		t.Fatal(err)
	}
	for k := range want.Territories {
		if !reflect.DeepEqual(got.Territories[k].Scores, want.Territories[k].Scores) {
			t.Errorf("%s: scores %v, want %v", got.Territories[k].Code, got.Territories[k].Scores, want.Territories[k].Scores)
		}
	}
	if len(got.Params.FrozenReference) != 2 {
		t.Errorf("params %+v", got.Params.FrozenReference)
	}
	for _, bad := range [][]IndicatorValue{
		{{Indicator: "x", Value: 0.15}},
		{{Indicator: "x", Value: 0.15}, {Indicator: "y", Value: 1}, {Indicator: "z", Value: 1}},
		{{Indicator: "x", Value: 0.15}, {Indicator: "x", Value: 0.2}, {Indicator: "y", Value: 1}},
	} {
		p.FrozenReference = bad
		if _, err := Compute(tab, p); err == nil {
			t.Errorf("frozen reference %v: want an error", bad)
		}
	}
}
