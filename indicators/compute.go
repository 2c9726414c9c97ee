package indicators

import (
	"math"
	"strings"
)

// Communes is the typed commune table every level is computed from: one row per
// commune of today's geography, raw variables as read (NaN = missing).
type Communes struct {
	Codes      []string
	Population []float64 // the population shown and used as weight (NaN = unknown)
	// Columns holds the variables by upper-cased name, each aligned with Codes.
	Columns map[string][]float64
}

// Territory is one row to compute: a commune, an EPCI, a département... and the
// communes it is made of (indices into Communes).
type Territory struct {
	Code    string
	Name    string
	Members []int
}

// Value is one indicator of one territory.
type Value struct {
	// Value is the indicator, NaN when it cannot be computed.
	Value float64
	// Numerator and Denominator are the summed counts behind a Ratio or Complement;
	// for a Level indicator, Denominator is the population that weighs it.
	Numerator, Denominator float64
	// Coverage is the share of the territory's population living in communes that
	// have the data (1 = complete). Below 1 the value speaks for part of the territory.
	Coverage float64
	// Approx marks a non-additive value combined over several communes.
	Approx bool
}

// Missing reports whether the value could not be computed.
func (v Value) Missing() bool { return math.IsNaN(v.Value) }

// Row is one territory with its indicators, aligned with the resolved definitions.
type Row struct {
	Code       string
	Name       string
	Population float64
	Values     []Value
}

// Compute re-computes every resolved indicator for each territory from the summed
// counts of its member communes; rates are never averaged.
func Compute(c *Communes, defs []Resolved, territories []Territory) []Row {
	cols := make([][2][][]float64, len(defs))
	for i, d := range defs {
		cols[i] = [2][][]float64{columns(c, d.Numerator), columns(c, d.Denominator)}
	}
	rows := make([]Row, len(territories))
	for t, terr := range territories {
		row := Row{Code: terr.Code, Name: terr.Name, Population: sumPopulation(c, terr.Members), Values: make([]Value, len(defs))}
		for i, d := range defs {
			row.Values[i] = compute(c, d, cols[i][0], cols[i][1], terr.Members)
		}
		rows[t] = row
	}
	return rows
}

func columns(c *Communes, names []string) [][]float64 {
	out := make([][]float64, len(names))
	for i, n := range names {
		out[i] = c.Columns[strings.ToUpper(n)]
	}
	return out
}

// sumAt sums the terms for commune i; ok is false when any term is missing.
func sumAt(terms [][]float64, i int) (float64, bool) {
	s := 0.0
	for _, col := range terms {
		if col == nil || math.IsNaN(col[i]) {
			return 0, false
		}
		s += col[i]
	}
	return s, true
}

func sumPopulation(c *Communes, members []int) float64 {
	if len(members) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, m := range members {
		if math.IsNaN(c.Population[m]) {
			return math.NaN()
		}
		s += c.Population[m]
	}
	return s
}

func weight(c *Communes, i int) float64 {
	if math.IsNaN(c.Population[i]) {
		return 0
	}
	return c.Population[i]
}

func compute(c *Communes, d Resolved, num, den [][]float64, members []int) Value {
	v := Value{Value: math.NaN()}
	var covered, total float64
	withData := 0
	for _, m := range members {
		w := weight(c, m)
		total += w
		n, ok := sumAt(num, m)
		if !ok {
			continue
		}
		switch {
		case d.Kind != Level:
			dn, ok := sumAt(den, m)
			if !ok {
				continue
			}
			v.Numerator += n
			v.Denominator += dn
		case len(members) == 1:
			v.Numerator, v.Denominator = n, w
		case w > 0:
			v.Numerator += n * w
			v.Denominator += w
		default:
			continue // a commune without population cannot weigh in a mean
		}
		covered += w
		withData++
	}
	if withData == 0 {
		v.Numerator, v.Denominator = math.NaN(), math.NaN()
		return v
	}
	switch {
	case total > 0:
		v.Coverage = covered / total
	default:
		v.Coverage = float64(withData) / float64(len(members))
	}
	switch {
	case d.Kind == Level && len(members) == 1:
		v.Value = v.Numerator
	case d.Kind == Level:
		v.Approx = withData > 1
		v.Value = v.Numerator / v.Denominator
	case v.Denominator <= 0:
		// a zero base (no premises, no active population) gives no rate
	case d.Kind == Ratio:
		v.Value = v.Numerator / v.Denominator * d.Scale
	case d.Kind == Complement:
		v.Value = (1 - v.Numerator/v.Denominator) * d.Scale
	}
	return v
}
