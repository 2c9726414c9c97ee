package offer

// Lever is one of the four levers of digital mediation the places' services map onto.
type Lever int

// The four levers, in report order.
const (
	// Equipment: access to equipment and to a connection (computers, Wi-Fi, solidarity
	// equipment).
	Equipment Lever = iota
	// Procedures: help with administrative procedures, online or done with the person.
	Procedures
	// Skills: learning to use digital tools (computer, smartphone, safety, culture).
	Skills
	// Services: ready-to-use digital services for a purpose (employment, parenting,
	// health, leisure, business creation).
	Services
	// NumLevers is the number of levers.
	NumLevers
)

// Levers lists the four levers in report order.
var Levers = [NumLevers]Lever{Equipment, Procedures, Skills, Services}

// ID is the lever's stable identifier, used in column names.
func (l Lever) ID() string {
	switch l {
	case Equipment:
		return "equipement"
	case Procedures:
		return "demarches"
	case Skills:
		return "competences"
	case Services:
		return "services"
	}
	return "?"
}

// Label names the lever in French, as shown in reports.
func (l Lever) Label() string {
	switch l {
	case Equipment:
		return "accès à l'équipement et à la connexion"
	case Procedures:
		return "aide aux démarches administratives"
	case Skills:
		return "compétences numériques"
	case Services:
		return "services numériques prêts à l'emploi"
	}
	return "?"
}

// LeverByID returns the lever of an ID.
func LeverByID(id string) (Lever, bool) {
	for _, l := range Levers {
		if l.ID() == id {
			return l, true
		}
	}
	return 0, false
}
