package tabular

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNotNumber is wrapped by every error of ParseNumber, so callers can tell
// a bad value from their own errors with errors.Is.
var ErrNotNumber = errors.New("not a number")

// missingMarkers are the cell values statistical producers use for "no value"
// (INSEE "s" for statistical secrecy, "nd"/"n.d." not available, spreadsheet
// "NA" and "#N/A", a lone dash or dot). The list is deliberately short: any
// other text is an error rather than a silent gap.
var missingMarkers = []string{"s", "nd", "n.d.", "NA", "#N/A", "-", "."}

// ParseNumber reads a cell as published in French statistical tables.
//
// Empty or blank cells and the markers s, nd, n.d., NA, #N/A, - and .
// (case-insensitive) are missing: it returns 0, true, nil. A number may have
// a sign, a decimal point or a decimal comma (12,5), an exponent (1e3,
// 3.5E-2), and space, no-break space or narrow no-break space as thousand
// separators between groups of three digits (1 234,5). A comma is always
// decimal, never a thousand separator, as in French. Anything else, including
// NaN, Inf and hexadecimal, is an error wrapping ErrNotNumber.
//
// It does not allocate unless it returns an error.
func ParseNumber(s string) (v float64, missing bool, err error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, true, nil
	}
	for _, m := range missingMarkers {
		if strings.EqualFold(t, m) {
			return 0, true, nil
		}
	}
	var buf [64]byte
	norm, same, ok := normalizeNumber(t, buf[:0])
	if !ok {
		return 0, false, notNumber(s, "")
	}
	if same {
		v, err = strconv.ParseFloat(t, 64)
	} else {
		v, err = strconv.ParseFloat(string(norm), 64)
	}
	if err != nil {
		return 0, false, notNumber(s, "out of range")
	}
	return v, false, nil
}

func notNumber(s, why string) error {
	if why != "" {
		why = " (" + why + ")"
	}
	return fmt.Errorf("%q is %w%s; expected a number such as 1234.5, 1 234,5 or 1e3, or a missing-value marker (empty, s, nd, n.d., NA, #N/A, -, .)", clip(s), ErrNotNumber, why)
}

// normalizeNumber checks t against the grammar ParseNumber documents and
// appends to out the form strconv.ParseFloat accepts; same is true when that
// form is t itself, so no copy is needed.
func normalizeNumber(t string, out []byte) (norm []byte, same, ok bool) {
	same = true
	i := 0
	if t[0] == '+' || t[0] == '-' {
		out = append(out, t[0])
		i++
	}
	digits := 0     // digits in the mantissa
	group := -1     // digits since the last thousand separator, -1 before any
	firstGroup := 0 // digits before the first thousand separator
	prevDigit := false
	for i < len(t) {
		c := t[i]
		if c >= '0' && c <= '9' {
			out = append(out, c)
			digits++
			if group >= 0 {
				group++
			} else {
				firstGroup++
			}
			prevDigit = true
			i++
			continue
		}
		n := thousandSeparator(t[i:])
		if n == 0 {
			break
		}
		if !prevDigit || (group < 0 && firstGroup > 3) || (group >= 0 && group != 3) {
			return nil, false, false
		}
		group, prevDigit, same = 0, false, false
		i += n
	}
	if group >= 0 && group != 3 {
		return nil, false, false
	}
	if i < len(t) && (t[i] == '.' || t[i] == ',') {
		if t[i] == ',' {
			same = false
		}
		out = append(out, '.')
		i++
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			out = append(out, t[i])
			digits++
			i++
		}
	}
	if digits == 0 {
		return nil, false, false
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		out = append(out, 'e')
		i++
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			out = append(out, t[i])
			i++
		}
		exp := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			out = append(out, t[i])
			exp++
			i++
		}
		if exp == 0 {
			return nil, false, false
		}
	}
	return out, same, i == len(t)
}

// thousandSeparator returns the byte length of the thousand separator that
// starts s (space, U+00A0 no-break space, U+202F narrow no-break space), or 0.
func thousandSeparator(s string) int {
	switch {
	case s[0] == ' ':
		return 1
	case strings.HasPrefix(s, "\u00a0"):
		return len("\u00a0")
	case strings.HasPrefix(s, "\u202f"):
		return len("\u202f")
	}
	return 0
}
