package tabular

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in      string
		v       float64
		missing bool
		bad     bool
	}{
		{in: "33279", v: 33279},
		{in: "353.730434782608", v: 353.730434782608},
		{in: "12,5", v: 12.5},
		{in: " 42 ", v: 42},
		{in: "-3", v: -3},
		{in: "+3.5", v: 3.5},
		{in: "1e3", v: 1000},
		{in: "3.5E-2", v: 0.035},
		{in: "2,5e+2", v: 250},
		{in: ".5", v: 0.5},
		{in: ",5", v: 0.5},
		{in: "5.", v: 5},
		{in: "007", v: 7},
		{in: "1 234,5", v: 1234.5},
		{in: "1\u00a0234\u00a0567", v: 1234567},
		{in: "12\u202f345,67", v: 12345.67},
		{in: "-1 000", v: -1000},
		{in: "\u00a01 000\u202f", v: 1000},
		{in: "", missing: true},
		{in: " \t\r\n", missing: true},
		{in: "\u00a0", missing: true},
		{in: "s", missing: true},
		{in: "S", missing: true},
		{in: "nd", missing: true},
		{in: "ND", missing: true},
		{in: "n.d.", missing: true},
		{in: "NA", missing: true},
		{in: "#N/A", missing: true},
		{in: "-", missing: true},
		{in: ".", missing: true},
		{in: " s ", missing: true},
		{in: "abc", bad: true},
		{in: "12a", bad: true},
		{in: "NaN", bad: true},
		{in: "Inf", bad: true},
		{in: "-Infinity", bad: true},
		{in: "0x1p3", bad: true},
		{in: "1_000", bad: true},
		{in: "1.234,5", bad: true},
		{in: "1,234.5", bad: true},
		{in: "12 34", bad: true},
		{in: "1234 567", bad: true},
		{in: "1  234", bad: true},
		{in: "1 234 5", bad: true},
		{in: " 1 ,5", bad: true},
		{in: "1 ", v: 1},
		{in: "1e", bad: true},
		{in: "1e+", bad: true},
		{in: "e3", bad: true},
		{in: "+", bad: true},
		{in: "--1", bad: true},
		{in: "12 %", bad: true},
		{in: "n/a", bad: true},
		{in: "1e400", bad: true},
		{in: "12,5,3", bad: true},
	} {
		v, missing, err := ParseNumber(tc.in)
		switch {
		case tc.bad:
			if err == nil || !errors.Is(err, ErrNotNumber) || !strings.Contains(err.Error(), "expected a number") {
				t.Errorf("ParseNumber(%q) = %v, %v, %v; want an error saying a number was expected", tc.in, v, missing, err)
			}
		case err != nil || missing != tc.missing || v != tc.v:
			t.Errorf("ParseNumber(%q) = %v, %v, %v; want %v, %v", tc.in, v, missing, err, tc.v, tc.missing)
		}
	}
}

func TestParseNumberAllocs(t *testing.T) {
	for _, in := range []string{"33279", "353.730434782608", "", "s", "12,5", "1 234,5", "12\u202f345,67", "-1.5e-3"} {
		if n := testing.AllocsPerRun(100, func() { ParseNumber(in) }); n != 0 {
			t.Errorf("ParseNumber(%q) allocates %v times", in, n)
		}
	}
}

func BenchmarkParseNumber(b *testing.B) {
	inputs := []string{"33279", "353.730434782608", "", "12,5", "1 234,5"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseNumber(inputs[i%len(inputs)])
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"33279", "353.730434782608", "12,5", "1 234,5", "1\u00a0234", "1e3", "s", "#N/A", "-", "", "NaN", "1.234,5", "0x10", "1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, missing, err := ParseNumber(s)
		if err != nil {
			if !errors.Is(err, ErrNotNumber) || v != 0 || missing {
				t.Fatalf("ParseNumber(%q) = %v, %v, %v", s, v, missing, err)
			}
			return
		}
		if missing {
			if v != 0 {
				t.Fatalf("missing with value %v", v)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		// Removing the thousand separators and reading the comma as a point
		// gives a string strconv agrees with.
		plain := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", ",", ".").Replace(strings.TrimSpace(s))
		if w, _, err := ParseNumber(plain); err != nil || w != v {
			t.Fatalf("ParseNumber(%q) = %v but ParseNumber(%q) = %v, %v", s, v, plain, w, err)
		}
	})
}
