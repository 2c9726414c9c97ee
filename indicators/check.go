package indicators

import "math"

// Inconsistency is a commune whose counts contradict each other: a part larger
// than its whole (more unemployed than active people, more eligible premises than
// premises), which no real population can have.
type Inconsistency struct {
	Commune     string
	Indicator   string
	Numerator   float64
	Denominator float64
}

// Inconsistencies lists, for every Ratio and Complement indicator, the communes whose
// numerator exceeds the denominator beyond rounding (INSEE publishes fractional,
// weighted counts), in commune then indicator order.
func Inconsistencies(c *Communes, defs []Resolved) []Inconsistency {
	var out []Inconsistency
	type pair struct{ num, den [][]float64 }
	cols := make([]pair, len(defs))
	for i, d := range defs {
		cols[i] = pair{columns(c, d.Numerator), columns(c, d.Denominator)}
	}
	for m, code := range c.Codes {
		for i, d := range defs {
			if d.Kind == Level {
				continue
			}
			n, okN := sumAt(cols[i].num, m)
			dn, okD := sumAt(cols[i].den, m)
			if okN && okD && n > dn+1e-6*math.Max(1, math.Abs(dn)) {
				out = append(out, Inconsistency{Commune: code, Indicator: d.ID, Numerator: n, Denominator: dn})
			}
		}
	}
	return out
}
