package places

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/tabular"
	"github.com/diagnum/diagnum/indicators/offer"
)

// schemaFormats are the formats whose required fields the schema names.
var schemaFormats = map[string]bool{Schema102: true, Schema01: true, CNFSLieux: true}

// record validates one record, locates it and keeps it as a candidate place: a field
// that breaks the schema is dropped (with a warning) and the place kept; a place
// that cannot be located is left out with the reason.
func (f *fileState) record(rec raw, fm *format, constants map[string]string) {
	f.stats.Records++
	a := rec.at
	a.json = f.isJSON
	dropped := map[string]bool{}
	get := func(field string) (value, column string) {
		if v, ok := constants[field]; ok {
			return strings.TrimSpace(v), field
		}
		for _, n := range fm.columns[field] {
			if kind, ok := rec.nested[n]; ok {
				f.add(problem.Warning, "invalid-field", a, n, fmt.Sprintf("%s is %s; expected a string or a number: field left out", n, kind))
				dropped[field] = true
				return "", n
			}
			if v, ok := rec.cols[n]; ok {
				return strings.TrimSpace(v), n
			}
		}
		return "", ""
	}
	where := f.src.Path
	if a.member != "" {
		where += ":" + a.member
	}
	if a.sheet != "" {
		where += ":" + a.sheet
	}
	c := &candidate{file: f.index, row: a.row, at: a, where: where + ":" + strconv.Itoa(a.row),
		lat: math.NaN(), lon: math.NaN(), hours: math.NaN(), mergedInto: -1}
	schema := schemaFormats[fm.name]

	var col string
	c.id, col = get(fID)
	switch {
	case c.id == "" && schema:
		f.add(problem.Warning, "missing-field", a, "id", "id is required by the schema and empty: the place is kept without an identifier")
	case c.id != "":
		if first, dup := f.ids[c.id]; dup {
			prev := fmt.Sprintf("the record of row %d", first)
			if f.isJSON {
				prev = fmt.Sprintf("object %d of the array", first)
			}
			f.add(problem.Warning, "duplicate-id", a, col, fmt.Sprintf("id %q was already given to %s; the schema wants it unique: both places are kept", clip(c.id), prev))
		} else {
			f.ids[c.id] = a.row
		}
	}
	name, _ := get(fName)
	c.name = strings.Join(strings.Fields(name), " ")
	if c.name == "" && schema {
		f.add(problem.Warning, "missing-field", a, "nom", "nom is required by the schema and empty: the place is kept without a name")
	}
	addr, _ := get(fAddress)
	addr2, _ := get(fAddress2)
	c.address = joinAddress(addr, addr2)
	c.commune, _ = get(fCommune)

	if v, col := get(fPostal); v != "" {
		cp, repaired, ok := normalizePostal(v)
		switch {
		case !ok:
			f.add(problem.Warning, "invalid-field", a, col, fmt.Sprintf("postal code %q is not 5 digits: field left out", clip(v)))
		case repaired:
			f.stats.Repaired++
			f.add(problem.Note, "repaired-postal-code", a, col, fmt.Sprintf("postal code %q read as %s (leading zero lost, e.g. stored as a number)", v, cp))
		}
		c.postal = cp
	}

	var insee string
	inseeRepaired := false
	if v, col := get(fINSEE); v != "" {
		code, repaired, ok := geo.NormalizeCode(v)
		res := f.rd.g.Resolve(code)
		switch {
		case !ok:
			f.add(problem.Warning, "invalid-field", a, col, fmt.Sprintf("code_insee %q is not a commune code (5 characters, e.g. 01001 or 2A004): field left out", clip(v)))
		case res.Kind == geo.Unknown:
			f.add(problem.Warning, "unknown-code", a, col, fmt.Sprintf("code_insee %s is no commune of %s, nor a former one: field left out", code, f.rd.g.Vintage))
		default:
			insee, inseeRepaired = res.Commune, repaired
			if repaired {
				f.stats.Repaired++
				f.add(problem.Note, "repaired-code", a, col, fmt.Sprintf("code %q read as %s (leading zero lost, e.g. by Excel)", v, code))
			}
			if res.Kind == geo.Former {
				f.add(problem.Note, "former-code", a, col, fmt.Sprintf("code %s of a former commune, counted in %s", code, res.Commune))
			}
		}
	}

	f.coordinates(c, a, get, dropped)
	f.levers(c, a, fm, get)
	f.programmes(c, a, fm, get)
	f.itinerance(c, a, fm, get)
	f.hours(c, a, fm, get)

	if why := f.rd.loc.locate(c, insee, inseeRepaired, f, a); why != "" {
		f.stats.Rejected++
		f.add(problem.Warning, "rejected", a, "", "the place cannot be located: "+why+"; left out")
		return
	}
	f.checkCoordinates(c, a)
	f.stats.Located[c.located]++
	f.rd.cands = append(f.rd.cands, c)
}

// farFromCommune is the distance in metres from its commune's centroid beyond which
// a place's coordinates are taken to be wrong: the communes of France hold their
// people well within it, but for French Guiana's (up to 12,000 km², and points at
// their geometric centre, far from the towns), where farInGuiana applies.
const (
	farFromCommune = 30000
	farInGuiana    = 150000
)

// checkCoordinates drops the coordinates of a place located by code or name when
// they lie far from its commune: measured from there, its distances would be wrong.
func (f *fileState) checkCoordinates(c *candidate, a at) {
	if c.located == ByCoordinates || math.IsNaN(c.lat) {
		return
	}
	lat, lon, ok := f.rd.g.Centroid(c.code)
	if !ok {
		return
	}
	far := float64(farFromCommune)
	if strings.HasPrefix(c.code, "973") {
		far = farInGuiana
	}
	if d := offer.Haversine(c.lat, c.lon, lat, lon); d > far {
		f.add(problem.Warning, "inconsistent-coordinates", a, "", fmt.Sprintf("coordinates %v, %v are %.0f km from the centroid of %s, where the place is located by its %s: coordinates left out",
			c.lat, c.lon, d/1000, c.code, map[bool]string{true: "INSEE code", false: "postal code and commune name"}[c.located != ByPostalName]))
		c.lat, c.lon = math.NaN(), math.NaN()
	}
}

// normalizePostal reads a postal code: 5 digits, or 4 when a spreadsheet or a JSON
// number dropped the leading zero (repaired), possibly written as a number with a
// zero decimal part ("1100.0").
func normalizePostal(s string) (cp string, repaired, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".,"); i > 0 && strings.Trim(s[i+1:], "0") == "" && len(s) > i+1 {
		s, repaired = s[:i], true
	}
	if !allDigits(s) {
		return "", false, false
	}
	switch len(s) {
	case 5:
		return s, repaired, true
	case 4:
		return "0" + s, true, true
	}
	return "", false, false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// coordinates reads latitude and longitude: both or neither, numbers in range, and
// not the (0, 0) of an unset geocode.
func (f *fileState) coordinates(c *candidate, a at, get func(string) (string, string), dropped map[string]bool) {
	latS, latCol := get(fLat)
	lonS, lonCol := get(fLon)
	if latS == "" && lonS == "" {
		return
	}
	lat, latMissing, err1 := tabular.ParseNumber(latS)
	lon, lonMissing, err2 := tabular.ParseNumber(lonS)
	switch {
	case err1 != nil:
		f.add(problem.Warning, "invalid-field", a, latCol, fmt.Sprintf("latitude %q is not a number: coordinates left out", clip(latS)))
	case err2 != nil:
		f.add(problem.Warning, "invalid-field", a, lonCol, fmt.Sprintf("longitude %q is not a number: coordinates left out", clip(lonS)))
	case latMissing != lonMissing:
		if dropped[fLat] || dropped[fLon] {
			return // already reported
		}
		col, which := lonCol, fLon
		if latMissing {
			col, which = latCol, fLat
		}
		if col == "" { // no such column, or key of the JSON object
			col = which
		}
		f.add(problem.Warning, "invalid-field", a, col, which+" is missing, and latitude and longitude go together: coordinates left out")
	case latMissing:
	case lat < -90 || lat > 90 || lon < -180 || lon > 180:
		f.add(problem.Warning, "invalid-field", a, latCol, fmt.Sprintf("latitude %v, longitude %v are out of range (±90, ±180): coordinates left out", lat, lon))
	case lat == 0 && lon == 0:
		f.add(problem.Warning, "invalid-field", a, latCol, "latitude and longitude are both 0 (an unset geocode): coordinates left out")
	default:
		c.lat, c.lon = lat, lon
	}
}

func (f *fileState) levers(c *candidate, a at, fm *format, get func(string) (string, string)) {
	for _, l := range fm.levers {
		c.levers[l] = true
	}
	v, col := get(fServices)
	for _, s := range splitList(v) {
		if l, ok := serviceLevers[normText(s)]; ok {
			c.levers[l] = true
		} else {
			f.addUnknown("unknown-service", col, s, a)
		}
	}
}

func (f *fileState) programmes(c *candidate, a at, fm *format, get func(string) (string, string)) {
	set := map[string]bool{}
	for _, p := range fm.programmes {
		set[p] = true
	}
	v, col := get(fProgrammes)
	for _, s := range splitList(v) {
		if p, ok := programmeNames[normText(s)]; ok {
			set[p] = true
		} else {
			f.addUnknown("unknown-programme", col, s, a)
		}
	}
	if v, _ := get(fFSFlag); normText(v) == "oui" {
		set[FranceServices] = true
	}
	for _, p := range Programmes {
		if set[p] {
			c.programmes = append(c.programmes, p)
		}
	}
}

// itinerance reads the schema's itinerance ("Itinérant", "Fixe" or both: a place
// with a fixed site is fixed) or the France Services format (Bus_équivalent and
// Itinérante move; Fixe, Multisites, Fixe_antenne(s) do not).
func (f *fileState) itinerance(c *candidate, a at, fm *format, get func(string) (string, string)) {
	if v, col := get(fItinerance); v != "" {
		moving, fixed := false, false
		for _, s := range splitList(v) {
			switch normText(s) {
			case "itinerant", "itinerante":
				moving = true
			case "fixe":
				fixed = true
			default:
				f.add(problem.Warning, "invalid-field", a, col, fmt.Sprintf("itinerance %q is not Itinérant or Fixe: field left out", clip(v)))
				return
			}
		}
		c.itinerant = moving && !fixed
	}
	if v, col := get(fFormat); v != "" {
		t := normText(v)
		switch {
		case strings.Contains(t, "bus") || strings.HasPrefix(t, "itinerant"):
			c.itinerant = true
		case strings.HasPrefix(t, "fixe") || strings.HasPrefix(t, "multisite") || strings.Contains(t, "antenne"):
		default:
			f.add(problem.Warning, "invalid-field", a, col, fmt.Sprintf("format %q is none of Fixe, Multisites, Fixe_antenne(s), Bus_équivalent, Itinérante: the place is taken as fixed", clip(v)))
		}
	}
}

// hours reads the schema's horaires or France Services' columns per day; the hours
// are unknown when they are missing, not understood, or all days are empty.
func (f *fileState) hours(c *candidate, a at, fm *format, get func(string) (string, string)) {
	if v, col := get(fHours); v != "" {
		h, err := parseOSMHours(v)
		if err != nil {
			f.add(problem.Warning, "invalid-field", a, col, fmt.Sprintf("horaires %q not understood (%v); expected OpenStreetMap opening_hours such as \"Mo-Fr 09:00-12:00,14:00-17:30\": opening hours left unknown", clip(v), err))
			return
		}
		c.hours = h
		return
	}
	minutes, any := 0, false
	for _, d := range days {
		v, col := get(d)
		if v == "" {
			continue
		}
		m, err := parseDayHours(v)
		if err != nil {
			f.add(problem.Warning, "invalid-field", a, col, fmt.Sprintf("opening hours %q not understood (%v); expected spans such as \"09:00 - 12:00 / 13:30 - 17:00\": the place's opening hours are left unknown", clip(v), err))
			return
		}
		minutes += m
		any = true
	}
	if any {
		c.hours = float64(minutes) / 60
	}
}

// leverIDs lists the levers of a place as offer.Lever IDs.
func leverIDs(l [offer.NumLevers]bool) []string {
	var out []string
	for _, lv := range offer.Levers {
		if l[lv] {
			out = append(out, lv.ID())
		}
	}
	return out
}

// programmeUnion merges programme lists in the order of Programmes.
func programmeUnion(lists ...[]string) []string {
	var out []string
	for _, p := range Programmes {
		for _, l := range lists {
			if slices.Contains(l, p) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
