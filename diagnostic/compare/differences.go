package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Difference is one way the two runs differ, and what it means for reading the
// evolutions.
type Difference struct {
	// Kind: geography, population_source, population_vintage, territory, inputs, indicator_only_old,
	// indicator_only_new, indicator_vintage, indicator_formula, level, method,
	// method_params, reference_values, class_limits.
	Kind    string `json:"kind"`
	Level   string `json:"level,omitempty"`
	Subject string `json:"subject,omitempty"` // an input role, indicator, parameter or score
	Old     string `json:"old"`
	New     string `json:"new"`
	Meaning string `json:"meaning"`
}

// ReferenceStatus says, for one scored level, whether the scores of the two runs
// are on the same scale.
type ReferenceStatus struct {
	Level         string `json:"level"`
	Normalisation string `json:"normalisation"`
	Reference     string `json:"reference,omitempty"`
	// Frozen: the scale was fixed in advance and is the same in both runs, so a
	// score's change is the territory's own.
	Frozen bool `json:"frozen"`
	// SameValues: the reference values happen to be equal in both runs (same data).
	SameValues bool   `json:"same_values"`
	Message    string `json:"message"`
	// shifts: the scale may have moved between the runs (not frozen, and the
	// reference values differ or the scale is the distribution of territories).
	shifts bool
}

// differences lists what differs between the runs, in a fixed order: geography,
// population, territory, inputs, indicators, levels, method.
func differences(old, new *Run) []Difference {
	var out []Difference
	add := func(d Difference) { out = append(out, d) }
	o, n := old.Resume, new.Resume
	if o.Geography.Vintage != n.Geography.Vintage {
		add(Difference{Kind: "geography", Old: o.Geography.Vintage, New: n.Geography.Vintage,
			Meaning: "communes are brought to the more recent geography through the former codes; EPCI, départements and régions keep each run's own perimeter"})
	}
	switch op, np := o.Geography.PopulationSource, n.Geography.PopulationSource; {
	case op == np:
	case populationVintageOnly(op, np):
		add(Difference{Kind: "population_vintage", Old: op, New: np,
			Meaning: "the same source in another year: the population's change is its evolution between them"})
	default:
		add(Difference{Kind: "population_source", Old: op, New: np,
			Meaning: "the population's change mixes the territory's change with the change of source"})
	}
	if ot, nt := territories(o), territories(n); ot != nt {
		add(Difference{Kind: "territory", Old: ot, New: nt,
			Meaning: "territories studied in one run only have no evolution; ranks are among different sets"})
	}
	for _, role := range roles(o.Inputs, n.Inputs) {
		oi, ni := inputs(o.Inputs, role), inputs(n.Inputs, role)
		if !slices.Equal(checksums(oi), checksums(ni)) {
			add(Difference{Kind: "inputs", Subject: role, Old: describe(oi), New: describe(ni),
				Meaning: "the figures come from different files"})
		}
	}
	oInd, nInd := indicatorsByID(o), indicatorsByID(n)
	for _, id := range union(ids(o), ids(n)) {
		oi, inOld := oInd[id]
		ni, inNew := nInd[id]
		switch {
		case !inNew:
			add(Difference{Kind: "indicator_only_old", Subject: id, Old: oi.VintageLabel,
				Meaning: "computed in the old run only: no evolution"})
		case !inOld:
			add(Difference{Kind: "indicator_only_new", Subject: id, New: ni.VintageLabel,
				Meaning: "computed in the new run only: no evolution"})
		case oi.VintageLabel != ni.VintageLabel:
			add(Difference{Kind: "indicator_vintage", Subject: id, Old: oi.VintageLabel + ": " + oi.Formula, New: ni.VintageLabel + ": " + ni.Formula,
				Meaning: "the evolution is between these two vintages"})
		case oi.Formula != ni.Formula:
			add(Difference{Kind: "indicator_formula", Subject: id, Old: oi.Formula, New: ni.Formula,
				Meaning: "the same vintage computed from other variables: the change is not an evolution"})
		}
	}
	for _, id := range union(levelIDs(o), levelIDs(n)) {
		inOld, inNew := slices.Contains(levelIDs(o), id), slices.Contains(levelIDs(n), id)
		if inOld != inNew {
			d := Difference{Kind: "level", Subject: id, Meaning: "a level of one run only is not compared"}
			if inOld {
				d.Old = id
			} else {
				d.New = id
			}
			add(d)
		}
	}
	if o.Method.ID != n.Method.ID {
		add(Difference{Kind: "method", Old: o.Method.ID, New: n.Method.ID,
			Meaning: "scores, classes and ranks of different methods are not comparable"})
	}
	for _, lv := range union(methodLevelIDs(o), methodLevelIDs(n)) {
		om, nm := methodLevel(old, lv), methodLevel(new, lv)
		if om == nil || nm == nil {
			continue // said by the level or method difference
		}
		out = append(out, paramDifferences(lv, om.Params, nm.Params)...)
		out = append(out, referenceDifferences(lv, o, n, om, nm)...)
		for _, s := range union(scoreIDs(om), scoreIDs(nm)) {
			ol, nl := limitsOf(om, s), limitsOf(nm, s)
			if ol != nl {
				add(Difference{Kind: "class_limits", Level: lv, Subject: s, Old: ol, New: nl,
					Meaning: "classes are cut anew in each run: a class may change with the limits alone"})
			}
		}
	}
	return out
}

var digits = regexp.MustCompile(`[0-9]+`)

// populationVintageOnly reports whether two population sources differ by their years
// only ("recensement 2013 (P13_POP…)" and "recensement 2018 (P18_POP…)").
func populationVintageOnly(a, b string) bool {
	return digits.ReplaceAllString(a, "#") == digits.ReplaceAllString(b, "#")
}

func territories(r Resume) string {
	var s []string
	for _, t := range r.Territory {
		s = append(s, t.Spec)
	}
	return strings.Join(s, ",")
}

func roles(a, b []Input) []string {
	var out []string
	for _, in := range slices.Concat(a, b) {
		if !slices.Contains(out, in.Role) {
			out = append(out, in.Role)
		}
	}
	return out
}

func inputs(all []Input, role string) []Input {
	var out []Input
	for _, in := range all {
		if in.Role == role {
			out = append(out, in)
		}
	}
	return out
}

// checksums identify a role's data whatever the paths: moving a file changes nothing.
func checksums(in []Input) []string {
	out := make([]string, len(in))
	for i, x := range in {
		out[i] = x.SHA256
	}
	slices.Sort(out)
	return out
}

func describe(in []Input) string {
	var s []string
	for _, x := range in {
		sum := x.SHA256
		if len(sum) > 12 {
			sum = sum[:12]
		}
		s = append(s, fmt.Sprintf("%s (%s, sha256 %s…)", x.Path, x.Vintage, sum))
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, "; ")
}

func indicatorsByID(r Resume) map[string]Indicator {
	m := map[string]Indicator{}
	for _, ind := range r.Indicators {
		m[ind.ID] = ind
	}
	return m
}

func ids(r Resume) []string {
	var out []string
	for _, ind := range r.Indicators {
		out = append(out, ind.ID)
	}
	return out
}

func levelIDs(r Resume) []string {
	var out []string
	for _, lv := range r.Levels {
		out = append(out, lv.ID)
	}
	return out
}

func methodLevelIDs(r Resume) []string {
	var out []string
	for _, lv := range r.Method.Levels {
		out = append(out, lv.Level)
	}
	return out
}

func scoreIDs(m *MethodLevel) []string {
	var out []string
	for _, s := range m.Scores {
		out = append(out, s.ID)
	}
	return out
}

// union keeps a's order, then adds what only b has.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func limitsOf(m *MethodLevel, score string) string {
	for _, l := range m.Limits {
		if l.Score == score {
			s := make([]string, len(l.Limits))
			for i, v := range l.Limits {
				s[i] = strconv.FormatFloat(v, 'g', -1, 64)
			}
			return strings.Join(s, " ")
		}
	}
	return ""
}

// paramDifferences lists the parameters of a level whose values differ, each as
// compact JSON.
func paramDifferences(level string, a, b json.RawMessage) []Difference {
	var om, nm map[string]json.RawMessage
	_ = json.Unmarshal(a, &om)
	_ = json.Unmarshal(b, &nm)
	keys := slices.Sorted(maps.Keys(om))
	for k := range nm {
		if _, ok := om[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []Difference
	for _, k := range keys {
		if !sameJSON(om[k], nm[k]) {
			out = append(out, Difference{Kind: "method_params", Level: level, Subject: k,
				Old: compact(om[k]), New: compact(nm[k]),
				Meaning: "scores, classes and ranks computed with other parameters are not comparable"})
		}
	}
	return out
}

// referenceDifferences lists the reference values that differ, per indicator.
func referenceDifferences(level string, o, n Resume, om, nm *MethodLevel) []Difference {
	var out []Difference
	ov, nv := referenceValues(o, om), referenceValues(n, nm)
	for _, k := range union(sortedKeys(ov), sortedKeys(nv)) {
		if ov[k] != nv[k] {
			out = append(out, Difference{Kind: "reference_values", Level: level, Subject: k, Old: ov[k], New: nv[k],
				Meaning: "scores are relative to each run's own reference: their change includes the reference's"})
		}
	}
	return out
}

// referenceValues maps "territory/indicator" to its reference value as text.
func referenceValues(r Resume, m *MethodLevel) map[string]string {
	out := map[string]string{}
	for _, ref := range m.References {
		for i, v := range ref.Values {
			ind := strconv.Itoa(i)
			if i < len(r.Method.Indicators) {
				ind = r.Method.Indicators[i]
			}
			text := strconv.FormatFloat(v.Value, 'g', -1, 64)
			if v.Missing != "" {
				text = "missing: " + v.Missing
			}
			out[ref.Level+":"+ref.Code+"/"+ind] = text
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// referenceStatuses says per scored level whether the scores share a scale.
func referenceStatuses(old, new *Run) []ReferenceStatus {
	var out []ReferenceStatus
	for _, nm := range new.Resume.Method.Levels {
		om := methodLevel(old, nm.Level)
		if om == nil {
			continue
		}
		var op, np params
		_ = json.Unmarshal(om.Params, &op)
		_ = json.Unmarshal(nm.Params, &np)
		rs := ReferenceStatus{Level: nm.Level, Normalisation: np.Normalisation, Reference: np.Reference,
			SameValues: sameJSON(mustJSON(referenceValues(old.Resume, om)), mustJSON(referenceValues(new.Resume, &nm)))}
		var relative bool
		rs.Frozen, relative, rs.Message = frozen(op, np, om.Params, nm.Params)
		rs.shifts = !rs.Frozen && (relative || !rs.SameValues)
		if !rs.Frozen && rs.SameValues && np.Reference != "" {
			rs.Message += "; the reference values are the same in both runs"
		}
		out = append(out, rs)
	}
	return out
}

// params are the composite parameters that decide whether scores share a scale.
type params struct {
	Method        string `json:"method"`
	Reference     string `json:"reference"`
	Normalisation string `json:"normalisation"`
}

// frozenKey is where a run will record reference values fixed in advance (e.g. France
// of the first year), once the spec can freeze them: two runs carrying the same
// frozen values score on the same scale. No run carries it yet.
const frozenKey = "frozen_reference"

// frozen says whether two runs' scores share a fixed scale, and why. Goalposts are
// fixed in advance by construction; a reference normalisation is fixed only when
// both runs carry the same frozen values; every other normalisation is relative to
// each run's own distribution of territories (relative).
func frozen(op, np params, oRaw, nRaw json.RawMessage) (fixed, relative bool, why string) {
	var o, n map[string]json.RawMessage
	_ = json.Unmarshal(oRaw, &o)
	_ = json.Unmarshal(nRaw, &n)
	ofz, ohas := o[frozenKey]
	nfz, nhas := n[frozenKey]
	switch {
	case ohas && nhas && sameJSON(ofz, nfz):
		return true, false, "reference frozen: both runs score against the same fixed reference values"
	case ohas || nhas:
		return false, false, "reference frozen in one run only, or to other values: scores are not on the same scale"
	case np.Normalisation == "goalposts" && op.Normalisation == "goalposts":
		if sameJSON(o["goalposts"], n["goalposts"]) && sameJSON(o["scale"], n["scale"]) {
			return true, false, "goalposts fixed in advance and the same in both runs: scores are on the same scale"
		}
		return false, true, "goalposts differ between the runs: scores are not on the same scale"
	case np.Reference != "" && np.Normalisation != "min-max" && np.Normalisation != "z-score" && np.Normalisation != "percentile-rank":
		return false, false, "reference not frozen: scores of the two runs are relative to their own year's reference"
	}
	return false, true, "scores are relative to each run's own distribution of territories: their change mixes the territory's change with everyone else's"
}

// sameJSON compares two JSON texts by value, whatever their spacing.
func sameJSON(a, b []byte) bool { return compact(a) == compact(b) }

func compact(b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return string(b)
	}
	return buf.String()
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // maps of strings always encode
	}
	return b
}
