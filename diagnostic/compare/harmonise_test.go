package compare

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// describePairs renders pairs as "code:status:old codes:new codes[:perimetre]" for
// readable comparisons.
func describePairs(pairs []pair, old, new []string) []string {
	var out []string
	pick := func(codes []string, idx []int) string {
		var s []string
		for _, i := range idx {
			s = append(s, codes[i])
		}
		return strings.Join(s, "|")
	}
	for _, p := range pairs {
		d := fmt.Sprintf("%s:%s:%s:%s", p.code, p.status, pick(old, p.old), pick(new, p.new))
		if p.perimeter {
			d += ":perimetre"
		}
		out = append(out, d)
	}
	return out
}

func TestHarmonise(t *testing.T) {
	// Real former codes of the COG 2026 where they exist; g1/g2 stand for a commune
	// nouvelle made after both runs' geographies.
	former := map[string]string{
		"01340": "01015", // Saint-Bois → Arboys en Bugey (2016)
		"12076": "12218", // Conques-en-Rouergue changed its code
		"01330": "01187", // Ruffieu → Haut Valromey (2023)
		"a":     "g", "b": "g", "c": "g",
	}
	tests := []struct {
		name     string
		old, new []string
		target   Side
		want     []string
	}{
		{"same codes", []string{"01001", "01002"}, []string{"01002", "01001"}, New,
			[]string{"01001:apparie:01001:01001", "01002:apparie:01002:01002"}},
		{"commune nouvelle", []string{"01015", "01340"}, []string{"01015"}, New,
			[]string{"01015:fusion:01015|01340:01015"}},
		{"commune nouvelle under a new code", []string{"01187", "01330"}, []string{"01187"}, New,
			[]string{"01187:fusion:01187|01330:01187"}},
		{"code change", []string{"12076"}, []string{"12218"}, New,
			[]string{"12218:code_modifie:12076:12218"}},
		{"one run only", []string{"01001"}, []string{"01004"}, New,
			[]string{"01001:ancien_seulement:01001:", "01004:nouveau_seulement::01004"}},
		{"old run in the newer geography", []string{"01015"}, []string{"01015", "01340"}, Old,
			[]string{"01015:fusion:01015:01015|01340"}},
		{"merged after both runs: compared one by one", []string{"a", "b"}, []string{"b", "a"}, New,
			[]string{"a:apparie:a:a", "b:apparie:b:b"}},
		{"cut differently", []string{"a", "c"}, []string{"a", "b"}, New,
			[]string{"a:apparie:a:a:perimetre", "b:non_harmonise::b", "c:non_harmonise:c:"}},
		// A commune re-established from a commune nouvelle (15031 Celles left 15141 in
		// 2025) is in no former code: it can only show as new, the other joined by code.
		{"re-established commune", []string{"15141"}, []string{"15031", "15141"}, New,
			[]string{"15031:nouveau_seulement::15031", "15141:apparie:15141:15141"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describePairs(harmonise(tt.old, tt.new, former, tt.target), tt.old, tt.new)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHarmoniseWithoutFormerCodesJoinsByCode(t *testing.T) {
	got := describePairs(harmonise([]string{"01015", "01340"}, []string{"01015"}, nil, New), []string{"01015", "01340"}, []string{"01015"})
	want := []string{"01015:apparie:01015:01015", "01340:ancien_seulement:01340:"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
