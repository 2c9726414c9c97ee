package view

import (
	"math"
	"strconv"
	"strings"
)

// Missing stands for a value the Result does not have: "non disponible", never 0.
const Missing = "n.d."

// nbsp separates thousands and units: a no-break space, so "1 234 €" never breaks
// across lines.
const nbsp = "\u00a0"

// Number writes v the French way with the given decimals: "1 234,5", "−3,0";
// Missing when v is NaN or infinite.
func Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Missing
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" { // no "−0,0"
		b.WriteString("−")
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}

// Percent writes a value already in percent (12.34 → "12,3 %").
func Percent(v float64, decimals int) string {
	if s := Number(v, decimals); s != Missing {
		return s + nbsp + "%"
	}
	return Missing
}

// Decimals is how many decimals a figure of this unit is shown with: shares and
// scores to a tenth, euros, people and places to the unit; places per 10,000
// inhabitants to a hundredth, as a rural EPCI has well under one.
func Decimals(unit string) int {
	switch unit {
	case "€", "hab.", "rang", "lieux":
		return 0
	case "lieux / 10 000 hab.":
		return 2
	}
	return 1
}

// Value writes v in its unit: "12,3 %", "20 421 €", "112,3".
func Value(v float64, unit string) string {
	switch unit {
	case "%":
		return Percent(v, 1)
	case "€":
		if s := Number(v, 0); s != Missing {
			return s + nbsp + "€"
		}
		return Missing
	}
	return Number(v, Decimals(unit))
}
