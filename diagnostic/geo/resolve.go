package geo

// ResolveKind says how a code found in an input relates to the geography's communes.
type ResolveKind int

const (
	// Unknown: the code is none of the geography's communes, arrondissements or
	// former codes (the zero value).
	Unknown ResolveKind = iota
	// Current: the code is a commune of the vintage.
	Current
	// Arrondissement: an arrondissement municipal, rolled up into its commune.
	Arrondissement
	// Former: a commune absorbed since an earlier vintage, mapped through the COG's
	// anciensCodes to the commune that holds it today.
	Former
)

// String names the kind for messages and reports.
func (k ResolveKind) String() string {
	switch k {
	case Current:
		return "current"
	case Arrondissement:
		return "arrondissement"
	case Former:
		return "former"
	default:
		return "unknown"
	}
}

// Resolution is where a code's figures belong in this geography.
type Resolution struct {
	Kind    ResolveKind
	Commune string // the commune to count the code in; "" when Kind is Unknown
}

// Resolve says which commune of g a code belongs to, so inputs of another vintage
// or holding arrondissements can be summed into g's communes. The code must already
// be in COG form (see NormalizeCode).
func (g *Geography) Resolve(code string) Resolution {
	if _, ok := g.communes.at[code]; ok {
		return Resolution{Current, code}
	}
	if a, ok := g.arrondissements.get(code); ok {
		return Resolution{Arrondissement, a.Commune}
	}
	if c, ok := g.former[code]; ok {
		return Resolution{Former, c}
	}
	return Resolution{}
}
