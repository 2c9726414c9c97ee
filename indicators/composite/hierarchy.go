package composite

// scoreDef is one score: an axis, a group or the global score.
type scoreDef struct {
	info    ScoreInfo
	members []int // indicators, in table order
	parts   []int // scores it is made of (groups: their axes; global: groups or axes)
}

// buildDefs lays the scores out in report order: with groups, each group's axes then
// the group (the kit's column order); without, the axes; the global score last.
func buildDefs(t Table) []scoreDef {
	var defs []scoreDef
	axisDef := func(a Axis) int {
		d := scoreDef{info: ScoreInfo{ID: a.ID, Name: a.Name, Kind: ScoreAxis, Indicators: []string{}}}
		for i, ind := range t.Indicators {
			if ind.Axis == a.ID {
				d.members = append(d.members, i)
				d.info.Indicators = append(d.info.Indicators, ind.ID)
			}
		}
		defs = append(defs, d)
		return len(defs) - 1
	}
	var top []int
	if len(t.Groups) == 0 {
		for _, a := range t.axes() {
			top = append(top, axisDef(a))
		}
	}
	for _, g := range t.Groups {
		d := scoreDef{info: ScoreInfo{ID: g.ID, Name: g.Name, Kind: ScoreGroup, Indicators: []string{}}}
		for _, a := range t.axes() {
			if a.Group == g.ID {
				d.parts = append(d.parts, axisDef(a))
			}
		}
		d.members = membersOf(defs, d.parts)
		d.info.Indicators = idsOf(t, d.members)
		defs = append(defs, d)
		top = append(top, len(defs)-1)
	}
	g := scoreDef{info: ScoreInfo{ID: GlobalID, Name: "Score global", Kind: ScoreGlobal}, parts: top}
	g.members = membersOf(defs, top)
	g.info.Indicators = idsOf(t, g.members)
	return append(defs, g)
}

// membersOf merges the members of parts, back in table order.
func membersOf(defs []scoreDef, parts []int) []int {
	var in []bool
	for _, s := range parts {
		for _, i := range defs[s].members {
			for len(in) <= i {
				in = append(in, false)
			}
			in[i] = true
		}
	}
	var out []int
	for i, ok := range in {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

func idsOf(t Table, members []int) []string {
	out := []string{}
	for _, i := range members {
		out = append(out, t.Indicators[i].ID)
	}
	return out
}
