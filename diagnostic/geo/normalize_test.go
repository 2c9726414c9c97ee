package geo

import (
	"strings"
	"testing"
)

func TestNormalizeCode(t *testing.T) {
	for _, c := range []struct {
		raw, code    string
		repaired, ok bool
	}{
		{"01001", "01001", false, true},
		{" 01001\t", "01001", false, true},
		{"\u00a001001\u00a0", "01001", false, true},
		{"1001", "01001", true, true},
		{"1001.0", "01001", true, true},
		{"1001,0", "01001", true, true},
		{"01001.00", "01001", true, true},
		{"75056.0", "75056", true, true},
		{"2a004", "2A004", false, true},
		{"2B033", "2B033", false, true},
		{"97101", "97101", false, true},
		{"98901", "98901", false, true},
		{"", "", false, false},
		{"1001.5", "", false, false},
		{"1001.", "", false, false},
		{".0", "", false, false},
		{"2a004.0", "", false, false},
		{"101", "", false, false},
		{"0101", "", false, false}, // "00101": no département 00
		{"001001", "", false, false},
		{"75 056", "", false, false},
		{"2C004", "", false, false},
		{"20004", "20004", false, true}, // pre-1976 Corsica: anciensCodes still hold such codes
		{"96001", "", false, false},
		{"99101", "", false, false}, // a foreign country in INSEE's codes
		{"01000", "", false, false},
		{"1e3", "", false, false},
		{"+1001", "", false, false},
		{"０1001", "", false, false},
		{"ZZZZZ", "", false, false},
	} {
		code, repaired, ok := NormalizeCode(c.raw)
		if code != c.code || repaired != c.repaired || ok != c.ok {
			t.Errorf("NormalizeCode(%q) = %q, %v, %v; want %q, %v, %v", c.raw, code, repaired, ok, c.code, c.repaired, c.ok)
		}
	}
}

// TestNormalizeEmbeddedCodes: every code of the embedded geography is already normal.
func TestNormalizeEmbeddedCodes(t *testing.T) {
	g := embeddedGeo(t)
	var codes []string
	for _, c := range g.Communes() {
		codes = append(codes, c.Code)
	}
	for _, a := range g.Arrondissements() {
		codes = append(codes, a.Code)
	}
	for f := range g.FormerCodes() {
		codes = append(codes, f)
	}
	for _, code := range codes {
		if got, repaired, ok := NormalizeCode(code); got != code || repaired || !ok {
			t.Errorf("NormalizeCode(%q) = %q, %v, %v", code, got, repaired, ok)
		}
	}
}

func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"01001", "1001", "1001.0", "2a004", " 97101 ", "99999", "", "1001,00", "0101"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		code, repaired, ok := NormalizeCode(raw)
		if !ok {
			if code != "" || repaired {
				t.Fatalf("NormalizeCode(%q) = %q, %v, false", raw, code, repaired)
			}
			return
		}
		if !validCode(code) {
			t.Fatalf("NormalizeCode(%q) = %q, not a valid code", raw, code)
		}
		if again, rep, ok2 := NormalizeCode(code); again != code || rep || !ok2 {
			t.Fatalf("NormalizeCode is not idempotent on %q: %q, %v, %v", code, again, rep, ok2)
		}
		if !repaired && !strings.EqualFold(strings.TrimSpace(raw), code) {
			t.Fatalf("NormalizeCode(%q) = %q changed more than case and spaces without saying so", raw, code)
		}
	})
}
