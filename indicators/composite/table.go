package composite

import (
	"errors"
	"fmt"
	"math"
)

// Direction says which way an indicator points.
type Direction int

const (
	// HigherIsFragile: a higher value means a more fragile territory (poverty rate).
	HigherIsFragile Direction = 1
	// LowerIsFragile: a lower value means a more fragile territory (income, coverage).
	LowerIsFragile Direction = -1
)

// Kind says how the 2020 kit turns an indicator value x into points against the
// reference value s. Only the ifn-2020-kit method reads it.
type Kind string

const (
	// Rate: x/s (computed as the kit does, ((x − s)/s) + 1).
	Rate Kind = "rate"
	// Coverage: (1 − x)/s where x and s are COVERAGE rates: the kit divides the
	// territory's non-coverage by the reference's coverage, a quirk kept as is.
	Coverage Kind = "coverage"
	// Income: 2 − x/s (computed ((s − x)/s) + 1), s being the reference MEDIAN income.
	Income Kind = "income"
	// PublicService: max(0, 2 − x/s), x being public-service points per inhabitant.
	PublicService Kind = "public-service"
)

// Indicator describes one column of the table.
type Indicator struct {
	ID        string    `json:"id"`
	Name      string    `json:"name,omitempty"` // French label, for outputs
	Axis      string    `json:"axis"`           // ID of the axis it belongs to
	Direction Direction `json:"direction"`
	Kind      Kind      `json:"kind,omitempty"` // for ifn-2020-kit only
}

// Axis is a group of indicators with its own score.
type Axis struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Group string `json:"group,omitempty"` // ID of the group it belongs to, if groups are used
}

// Group is a group of axes with its own score (the kit's GLOBAL ACCÈS and GLOBAL
// COMPÉTENCES). Groups are optional; when used, every axis belongs to one.
type Group struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Related holds indicator values of territories a studied territory relates to: its
// reference territory (France, its région, département or EPCI) or its parent (for
// imputation). One row per related territory, and for each studied territory the row
// that applies, so each commune can be compared with its own département.
type Related struct {
	// Level of the related territories: "france", "region", "departement", "epci".
	Level string `json:"level"`
	// Codes of the related territories, one per row of Values.
	Codes []string `json:"codes"`
	// Values[r][i] is indicator i in related territory r (NaN = unknown).
	Values [][]float64 `json:"-"`
	// Of[t] is the row of territory t (index into Table.Codes); −1 = none. Nil means
	// every territory uses row 0 (one common reference).
	Of []int `json:"-"`
}

// Row returns the row territory t relates to, or −1.
func (r Related) Row(t int) int {
	if r.Of == nil {
		if len(r.Values) == 0 {
			return -1
		}
		return 0
	}
	return r.Of[t]
}

// Value returns indicator i of the territory t relates to, NaN when there is none.
func (r Related) Value(t, i int) float64 {
	row := r.Row(t)
	if row < 0 {
		return math.NaN()
	}
	return r.Values[row][i]
}

// Table is the input of every method.
type Table struct {
	// Level of the territories: "iris", "commune", "epci", "departement", "region".
	Level string
	// Codes of the territories, unique. Results follow this order.
	Codes []string
	// Indicators, in the order of the columns of Values.
	Indicators []Indicator
	// Axes, in the order their scores are reported. Nil: one axis per distinct
	// Indicator.Axis, in order of first appearance.
	Axes []Axis
	// Groups of axes, optional.
	Groups []Group
	// Values[t][i] is indicator i for territory t; NaN = missing. Shares are fractions
	// (0.13 for 13 %), as in the kit workbook.
	Values [][]float64
	// Reference values, required by the methods that divide by a reference (the kit,
	// the 2020 map, diagnum with the "reference" normalisation). The caller computes
	// them from the reference territory's summed counts; what each indicator's s must
	// be for the kit is said on Kind (coverage RATE, MEDIAN income...).
	Reference Related
	// Parent values, used only by the "parent" and "group-median" imputation rules.
	Parent Related
}

// axes returns t.Axes, or the axes derived from the indicators when it is nil.
func (t Table) axes() []Axis {
	if t.Axes != nil {
		return t.Axes
	}
	var out []Axis
	seen := map[string]bool{}
	for _, ind := range t.Indicators {
		if !seen[ind.Axis] {
			seen[ind.Axis] = true
			out = append(out, Axis{ID: ind.Axis})
		}
	}
	return out
}

// Validate checks the table's shape and consistency; it says nothing of the values,
// whose problems become "missing" reasons in the result.
func (t Table) Validate() error {
	if t.Level == "" {
		return errors.New("table: Level is empty (commune, epci, departement...)")
	}
	n, p := len(t.Codes), len(t.Indicators)
	if n == 0 || p == 0 {
		return fmt.Errorf("table: %d territories × %d indicators", n, p)
	}
	if len(t.Values) != n {
		return fmt.Errorf("table: %d codes but %d rows of values", n, len(t.Values))
	}
	codes := map[string]bool{}
	for k, c := range t.Codes {
		if c == "" || codes[c] {
			return fmt.Errorf("table: territory code %q (row %d) is empty or repeated", c, k+1)
		}
		codes[c] = true
		if len(t.Values[k]) != p {
			return fmt.Errorf("table: territory %s has %d values, want %d", c, len(t.Values[k]), p)
		}
	}
	groups := map[string]bool{}
	for _, g := range t.Groups {
		if g.ID == "" || groups[g.ID] {
			return fmt.Errorf("table: group ID %q is empty or repeated", g.ID)
		}
		groups[g.ID] = true
	}
	axes := map[string]bool{}
	for _, a := range t.axes() {
		if a.ID == "" || axes[a.ID] {
			return fmt.Errorf("table: axis ID %q is empty or repeated", a.ID)
		}
		axes[a.ID] = true
		if len(t.Groups) > 0 && !groups[a.Group] {
			return fmt.Errorf("table: axis %s belongs to unknown group %q", a.ID, a.Group)
		}
		if len(t.Groups) == 0 && a.Group != "" {
			return fmt.Errorf("table: axis %s names group %q but the table has no groups", a.ID, a.Group)
		}
	}
	ids := map[string]bool{}
	used := map[string]bool{}
	for _, ind := range t.Indicators {
		if ind.ID == "" || ind.ID == "*" || ids[ind.ID] {
			return fmt.Errorf("table: indicator ID %q is empty, reserved or repeated", ind.ID)
		}
		ids[ind.ID] = true
		if !axes[ind.Axis] {
			return fmt.Errorf("table: indicator %s belongs to unknown axis %q", ind.ID, ind.Axis)
		}
		used[ind.Axis] = true
		if ind.Direction != HigherIsFragile && ind.Direction != LowerIsFragile {
			return fmt.Errorf("table: indicator %s has direction %d, want +1 or -1", ind.ID, ind.Direction)
		}
	}
	for _, a := range t.axes() {
		if !used[a.ID] {
			return fmt.Errorf("table: axis %s has no indicator", a.ID)
		}
	}
	if err := t.Reference.validate("reference", n, p); err != nil {
		return err
	}
	return t.Parent.validate("parent", n, p)
}

func (r Related) validate(what string, n, p int) error {
	if len(r.Codes) != len(r.Values) {
		return fmt.Errorf("table: %s has %d codes but %d rows", what, len(r.Codes), len(r.Values))
	}
	for k, row := range r.Values {
		if len(row) != p {
			return fmt.Errorf("table: %s %s has %d values, want %d", what, r.Codes[k], len(row), p)
		}
	}
	if r.Of == nil {
		return nil
	}
	if len(r.Of) != n {
		return fmt.Errorf("table: %s.Of has %d entries, want one per territory (%d)", what, len(r.Of), n)
	}
	for t, row := range r.Of {
		if row < -1 || row >= len(r.Values) {
			return fmt.Errorf("table: %s.Of[%d] = %d is not a row", what, t, row)
		}
	}
	return nil
}
