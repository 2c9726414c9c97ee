package compare

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// statusLabels are the statuses in French, for people.
var statusLabels = map[Status]string{
	Matched:       "apparié",
	Recoded:       "code modifié",
	Merged:        "fusion",
	OnlyOld:       "ancien seulement",
	OnlyNew:       "nouveau seulement",
	NotHarmonised: "non harmonisé",
}

func statusLabel(s Status) string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

// peopleOrder is the order of the levels for people: EPCI first, then départements,
// communes, and the other levels (références) as compared.
func peopleOrder(levels []Level) []*Level {
	rank := func(id string) int {
		if i := slices.Index([]string{"epci", "departement", "commune"}, id); i >= 0 {
			return i
		}
		return 3
	}
	out := make([]*Level, len(levels))
	for i := range levels {
		out[i] = &levels[i]
	}
	slices.SortStableFunc(out, func(a, b *Level) int { return rank(a.ID) - rank(b.ID) })
	return out
}

// columnInfo is a compared column as people read it: its French label and the unit
// of its values ("%", "€", "hab." or "").
type columnInfo struct {
	Label, Unit string
}

// describeColumn names a column of a level from what the runs say of it, the new run
// first.
func (c *Comparison) describeColumn(level string, col Column) columnInfo {
	runs := []*Run{c.New, c.Old}
	scoreName := func(id string) string {
		for _, r := range runs {
			for _, m := range r.Resume.Method.Levels {
				if m.Level != level {
					continue
				}
				for _, s := range m.Scores {
					if s.ID == id && s.Name != "" {
						return s.Name
					}
				}
			}
		}
		return "Score " + strings.ReplaceAll(id, "_", " ")
	}
	switch {
	case col.ID == "population":
		return columnInfo{"Population", "hab."}
	case col.ID == "rang":
		return columnInfo{"Rang", ""}
	case strings.HasPrefix(col.ID, "score_"):
		return columnInfo{scoreName(strings.TrimPrefix(col.ID, "score_")), ""}
	case strings.HasPrefix(col.ID, "classe_"):
		return columnInfo{"Classe — " + scoreName(strings.TrimPrefix(col.ID, "classe_")), ""}
	}
	for _, r := range runs {
		for _, ind := range r.Resume.Indicators {
			if ind.ID == col.ID {
				return columnInfo{ind.Label, ind.Unit}
			}
		}
	}
	return columnInfo{col.ID, ""}
}

// decimals is how many decimals a value of the unit shows.
func decimals(col Column, unit string) int {
	switch {
	case col.Kind != Quantity, unit == "hab.", unit == "€":
		return 0
	}
	return 1
}

// frenchNumber writes v in French: comma decimals, narrow no-break spaces between
// thousands, "n.d." when missing; signed adds "+" to a positive number.
func frenchNumber(v float64, dec int, signed bool) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n.d."
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', dec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	out := b.String()
	zero := strings.Trim(s, "0.") == ""
	switch {
	case v < 0 && !zero:
		out = "−" + out
	case signed && v > 0 && !zero:
		out = "+" + out
	}
	return out
}
