package indicators

import (
	"fmt"
	"strings"
)

// Resolved is a catalogue definition bound to the variables actually found in the inputs.
type Resolved struct {
	Definition
	// Vintage is the two-digit vintage shared by all the variables used ("18"), or ""
	// when the variables carry none (ARCEP columns): the source then dates the figure.
	Vintage string
	// Numerator and Denominator name the variables used, as INSEE or ARCEP spell them.
	Numerator   []string
	Denominator []string
}

// Formula renders the computation with the variable codes actually used.
func (r Resolved) Formula() string {
	num := strings.Join(r.Numerator, " + ")
	if len(r.Numerator) > 1 {
		num = "(" + num + ")"
	}
	den := strings.Join(r.Denominator, " + ")
	if len(r.Denominator) > 1 {
		den = "(" + den + ")"
	}
	scale := ""
	if r.Scale != 1 {
		scale = fmt.Sprintf(" × %g", r.Scale)
	}
	switch r.Kind {
	case Ratio:
		return num + " / " + den + scale
	case Complement:
		return "(1 − " + num + " / " + den + ")" + scale
	default:
		return num + scale
	}
}

// Variables lists every variable the resolved indicator reads.
func (r Resolved) Variables() []string {
	return append(append([]string(nil), r.Numerator...), r.Denominator...)
}

// Missing is a catalogue indicator that the inputs cannot provide, and why.
type Missing struct {
	Definition
	Reason string
}

// Resolve binds each definition to the most recent vintage for which the inputs hold
// all its variables, numerator and denominator of the same vintage. has reports
// whether a variable is present; it is asked with upper-cased names.
func Resolve(defs []Definition, has func(upper string) bool) ([]Resolved, []Missing) {
	var present []Resolved
	var missing []Missing
	for _, d := range defs {
		if r, ok := resolve(d, has); ok {
			present = append(present, r)
			continue
		}
		missing = append(missing, Missing{Definition: d, Reason: "variables absentes des données : " + describe(d)})
	}
	return present, missing
}

func resolve(d Definition, has func(string) bool) (Resolved, bool) {
	if !usesVintage(d) {
		num, okN := pick(d.Numerator, -1, has)
		den, okD := pick(d.Denominator, -1, has)
		if okN && okD {
			return Resolved{Definition: d, Numerator: num, Denominator: den}, true
		}
		return Resolved{}, false
	}
	for yy := 99; yy >= 0; yy-- {
		num, okN := pick(d.Numerator, yy, has)
		den, okD := pick(d.Denominator, yy, has)
		if okN && okD {
			return Resolved{Definition: d, Vintage: fmt.Sprintf("%02d", yy), Numerator: num, Denominator: den}, true
		}
	}
	return Resolved{}, false
}

// pick returns the terms of the first sum fully present for vintage yy (−1: none).
// An empty list of sums is trivially present (Level indicators have no denominator).
func pick(sums []Sum, yy int, has func(string) bool) ([]string, bool) {
	if len(sums) == 0 {
		return nil, true
	}
	for _, s := range sums {
		if yy >= 0 && (s.MinVintage > 0 && yy < s.MinVintage || s.MaxVintage > 0 && yy > s.MaxVintage) {
			continue
		}
		terms := make([]string, len(s.Terms))
		ok := true
		for i, t := range s.Terms {
			terms[i] = expand(t, yy)
			if !has(strings.ToUpper(terms[i])) {
				ok = false
				break
			}
		}
		if ok {
			return terms, true
		}
	}
	return nil, false
}

func expand(term string, yy int) string {
	if yy < 0 {
		return term
	}
	return strings.ReplaceAll(term, "{yy}", fmt.Sprintf("%02d", yy))
}

func usesVintage(d Definition) bool {
	for _, s := range append(append([]Sum(nil), d.Numerator...), d.Denominator...) {
		for _, t := range s.Terms {
			if strings.Contains(t, "{yy}") {
				return true
			}
		}
	}
	return false
}

// describe lists the accepted variable sets, for a message: "P{yy}_CHOM1564 ou P{yy}_CHOMEUR1564 ; P{yy}_ACT1564".
func describe(d Definition) string {
	alt := func(sums []Sum) string {
		var parts []string
		for _, s := range sums {
			parts = append(parts, strings.Join(s.Terms, "+"))
		}
		return strings.Join(parts, " ou ")
	}
	if len(d.Denominator) == 0 {
		return alt(d.Numerator)
	}
	return alt(d.Numerator) + " ; " + alt(d.Denominator)
}

// Needed reports whether a column (any case) can feed some definition of defs, so
// readers keep only the columns that matter and memory stays bounded.
func Needed(defs []Definition) func(column string) bool {
	exact := map[string]bool{}
	type affix struct{ prefix, suffix string }
	var patterns []affix
	for _, d := range defs {
		for _, s := range append(append([]Sum(nil), d.Numerator...), d.Denominator...) {
			for _, t := range s.Terms {
				t = strings.ToUpper(t)
				if i := strings.Index(t, "{YY}"); i >= 0 {
					patterns = append(patterns, affix{t[:i], t[i+4:]})
				} else {
					exact[t] = true
				}
			}
		}
	}
	return func(column string) bool {
		c := strings.ToUpper(strings.TrimSpace(column))
		if exact[c] {
			return true
		}
		for _, p := range patterns {
			if len(c) == len(p.prefix)+2+len(p.suffix) && strings.HasPrefix(c, p.prefix) && strings.HasSuffix(c, p.suffix) &&
				isDigit(c[len(p.prefix)]) && isDigit(c[len(p.prefix)+1]) {
				return true
			}
		}
		return false
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// Pattern renders the definition's computation with INSEE or ARCEP codes, "{yy}"
// standing for the vintage and alternatives after "ou": what `diagnum indicators` shows.
func (d Definition) Pattern() string {
	alt := func(sums []Sum) string {
		var parts []string
		for _, s := range sums {
			p := strings.Join(s.Terms, " + ")
			switch {
			case s.MinVintage > 0:
				p += fmt.Sprintf(" (millésimes %02d et après)", s.MinVintage)
			case s.MaxVintage > 0:
				p += fmt.Sprintf(" (millésimes %02d et avant)", s.MaxVintage)
			}
			parts = append(parts, p)
		}
		switch {
		case len(parts) > 1:
			return "[" + strings.Join(parts, " ou ") + "]"
		case len(sums[0].Terms) > 1:
			return "(" + parts[0] + ")"
		}
		return parts[0]
	}
	r := Resolved{Definition: d, Numerator: []string{alt(d.Numerator)}}
	if len(d.Denominator) > 0 {
		r.Denominator = []string{alt(d.Denominator)}
	}
	return r.Formula()
}
