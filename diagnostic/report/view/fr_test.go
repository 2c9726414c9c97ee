package view

import (
	"math"
	"testing"
)

func TestFrench(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Number(1234.5, 1), "1\u00a0234,5"},
		{Number(68017078, 0), "68\u00a0017\u00a0078"},
		{Number(999, 0), "999"},
		{Number(1000, 0), "1\u00a0000"},
		{Number(-3, 1), "−3,0"},
		{Number(-0.04, 1), "0,0"}, // no "−0,0"
		{Number(0.05, 1), "0,1"},
		{Number(math.NaN(), 1), "n.d."},
		{Number(math.Inf(1), 0), "n.d."},
		{Percent(12.34, 1), "12,3\u00a0%"},
		{Percent(math.NaN(), 1), "n.d."},
		{Value(20421.4, "€"), "20\u00a0421\u00a0€"},
		{Value(13.26, "%"), "13,3\u00a0%"},
		{Value(112.34, ""), "112,3"},
		{Value(202299, "hab."), "202\u00a0299"},
		{Value(math.NaN(), "€"), "n.d."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
