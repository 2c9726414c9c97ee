package places

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normName reduces a commune name to the form in which two spellings of the same
// commune compare equal: lower case without accents, words separated by one space,
// "St"/"Ste" spelled out, a leading article dropped, "CEDEX" and what follows
// dropped, arrondissement ordinals reduced to their number ("Marseille 1er
// Arrondissement", "MARSEILLE 1" and "Marseille 01" all give "marseille 1").
func normName(s string) string {
	words := normWords(s)
	out := words[:0]
	for i, w := range words {
		if w == "cedex" {
			break
		}
		switch w {
		case "st":
			w = "saint"
		case "ste":
			w = "sainte"
		case "arrondissement", "arr", "arrdt":
			continue
		}
		if i == 0 && len(words) > 1 && (w == "l" || w == "le" || w == "la" || w == "les") {
			continue
		}
		if n := ordinal(w); n != "" {
			w = n
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// nameKey is the key two spellings of a commune name share: normName without the
// spaces, so that "Saint-Pierre-d'Oléron" and "Saint-Pierre dOléron" meet.
func nameKey(s string) string { return strings.ReplaceAll(normName(s), " ", "") }

// normText reduces a name or an address for comparison: lower case without
// accents, words separated by one space.
func normText(s string) string { return strings.Join(normWords(s), " ") }

func normWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'œ':
			b.WriteString("oe")
		case r == 'æ':
			b.WriteString("ae")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// ordinal returns the number of "1er", "2e", "11eme", "03"; "" for other words.
func ordinal(w string) string {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i > 2 {
		return ""
	}
	switch w[i:] {
	case "", "e", "er", "eme", "ere", "em":
		n := strings.TrimLeft(w[:i], "0")
		if n == "" {
			return ""
		}
		return n
	}
	return ""
}

// normColumn reduces a column name for matching: lower case without accents, runs
// of other characters as one underscore ("Code postal" → "code_postal").
func normColumn(s string) string { return strings.Join(normWords(s), "_") }
