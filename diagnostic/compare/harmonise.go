package compare

import (
	"cmp"
	"slices"
)

// Status says how a territory of one run was matched with the other run.
type Status string

const (
	// Matched: the same code in both runs.
	Matched Status = "apparie"
	// Recoded: one commune in each run under different codes (a commune nouvelle that
	// changed its chef-lieu, say); its figures are compared.
	Recoded Status = "code_modifie"
	// Merged: several communes of one run make one commune of the target geography.
	// Only the population, which adds up, is compared: rates and scores of the parts
	// cannot be combined without the counts behind them, which the tables do not hold.
	Merged Status = "fusion"
	// OnlyOld and OnlyNew: a territory of one run with no counterpart in the other
	// (outside the other run's territory, an EPCI created or dissolved, a commune
	// re-established from a commune nouvelle).
	OnlyOld Status = "ancien_seulement"
	OnlyNew Status = "nouveau_seulement"
	// NotHarmonised: communes the two runs cut differently in a way no merge explains
	// (a split, or a target geography older than the other run's); a code common to
	// both runs is still compared, with the alert AlertPerimeter.
	NotHarmonised Status = "non_harmonise"
)

// Statuses lists the statuses in the order summaries show them.
func Statuses() []Status {
	return []Status{Matched, Recoded, Merged, OnlyOld, OnlyNew, NotHarmonised}
}

// Side names one of the two runs.
type Side int

const (
	Old Side = iota
	New
)

func (s Side) String() string {
	if s == Old {
		return "old"
	}
	return "new"
}

// pair joins rows of the two runs into one row of the comparison: row indexes in
// each run's table (several on one side for a merge).
type pair struct {
	code   string // the code of the row: the target run's when it has one
	old    []int
	new    []int
	status Status
	// perimeter is set on a code common to both runs whose commune group the two
	// runs cut differently: the same code may not cover the same ground.
	perimeter bool
}

// harmonise pairs the codes of the two runs. former maps absorbed commune codes to
// the commune holding them today (the COG's anciensCodes); nil joins by code only,
// as for EPCI and départements. Codes are grouped by the commune they belong to
// today; within a group, the target run's communes are kept and the other run's are
// brought to them. Pairs come sorted by code.
func harmonise(oldCodes, newCodes []string, former map[string]string, target Side) []pair {
	type group struct{ old, new []int }
	groups := map[string]*group{}
	today := func(code string) string {
		if c, ok := former[code]; ok {
			return c
		}
		return code
	}
	get := func(code string) *group {
		k := today(code)
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
		}
		return g
	}
	for i, c := range oldCodes {
		g := get(c)
		g.old = append(g.old, i)
	}
	for i, c := range newCodes {
		g := get(c)
		g.new = append(g.new, i)
	}
	codes := map[Side][]string{Old: oldCodes, New: newCodes}
	var out []pair
	for _, g := range groups {
		side := map[Side][]int{Old: g.old, New: g.new}
		t, o := side[target], side[1-target]
		tc, oc := codes[target], codes[1-target]
		mk := func(code string, ti, oi []int, st Status) pair {
			p := pair{code: code, status: st}
			if target == Old {
				p.old, p.new = ti, oi
			} else {
				p.old, p.new = oi, ti
			}
			return p
		}
		only := map[Side]Status{Old: OnlyOld, New: OnlyNew}
		switch {
		case sameCodes(tc, t, oc, o):
			for _, i := range t {
				j := slices.IndexFunc(o, func(j int) bool { return oc[j] == tc[i] })
				out = append(out, mk(tc[i], []int{i}, []int{o[j]}, Matched))
			}
		case len(o) == 0:
			for _, i := range t {
				out = append(out, mk(tc[i], []int{i}, nil, only[target]))
			}
		case len(t) == 0:
			for _, j := range o {
				out = append(out, mk(oc[j], nil, []int{j}, only[1-target]))
			}
		case len(t) == 1 && len(o) == 1:
			out = append(out, mk(tc[t[0]], t, o, Recoded))
		case len(t) == 1:
			out = append(out, mk(tc[t[0]], t, o, Merged))
		default:
			for _, i := range t {
				j := slices.IndexFunc(o, func(j int) bool { return oc[j] == tc[i] })
				if j < 0 {
					out = append(out, mk(tc[i], []int{i}, nil, NotHarmonised))
					continue
				}
				p := mk(tc[i], []int{i}, []int{o[j]}, Matched)
				p.perimeter = true
				out = append(out, p)
			}
			for _, j := range o {
				if !slices.ContainsFunc(t, func(i int) bool { return tc[i] == oc[j] }) {
					out = append(out, mk(oc[j], nil, []int{j}, NotHarmonised))
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b pair) int { return cmp.Compare(a.code, b.code) })
	return out
}

// sameCodes reports whether two groups hold the same codes.
func sameCodes(ac []string, a []int, bc []string, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for _, i := range a {
		if !slices.ContainsFunc(b, func(j int) bool { return bc[j] == ac[i] }) {
			return false
		}
	}
	return true
}
