package geo

import "strings"

// NormalizeCode turns a commune code as found in a spreadsheet or CSV into the
// 5-character COG form that Resolve expects. It
//   - trims surrounding white space, non-breaking spaces included;
//   - upper-cases Corsica: "2a004" → "2A004";
//   - drops a decimal part made only of zeros, as written by a program that read the
//     code as a number: "1001.0", "1001,0" or "01001.00" (repaired);
//   - restores the leading zero a spreadsheet drops from départements 01-09:
//     "1001" → "01001" (repaired).
//
// repaired reports the last two changes, which the user should be told about;
// trimming and upper-casing are not repairs. ok is false, with code "", for anything
// that cannot be a commune code: any other length or character, a département part
// other than 01-95, 2A, 2B, 97 or 98 (20 is Corsica before 1976, still found among
// former codes), or a commune number 000.
func NormalizeCode(raw string) (code string, repaired bool, ok bool) {
	s := strings.TrimSpace(raw)
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		whole, frac := s[:i], s[i+1:]
		if !digits(whole) || frac == "" || strings.Trim(frac, "0") != "" {
			return "", false, false
		}
		s, repaired = whole, true
	}
	if len(s) == 4 && digits(s) {
		s, repaired = "0"+s, true
	}
	if len(s) == 5 && s[0] == '2' && (s[1] == 'a' || s[1] == 'b') {
		s = "2" + strings.ToUpper(s[1:2]) + s[2:]
	}
	if !validCode(s) {
		return "", false, false
	}
	return s, repaired, true
}

// validCode reports whether s has the shape of a COG commune code.
func validCode(s string) bool {
	if len(s) != 5 || !digits(s[2:]) || s[2:] == "000" {
		return false
	}
	switch dep := s[:2]; dep {
	case "2A", "2B":
		return true
	case "00", "96", "99":
		return false
	default:
		return digits(dep)
	}
}

// digits reports whether s is a non-empty run of ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
