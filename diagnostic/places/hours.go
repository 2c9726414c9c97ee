package places

import (
	"fmt"
	"strings"
)

// week marks each minute of a week open or not, so overlapping or repeated spans
// count once.
type week [7][24 * 60]bool

func (w *week) open(day, from, to int) {
	if to == 0 {
		to = 24 * 60 // until midnight
	}
	if to == from {
		return
	}
	if to < from { // past midnight: the rest of the night is the next day's
		w.open(day, from, 24*60)
		w.open((day+1)%7, 0, to)
		return
	}
	for m := from; m < to; m++ {
		w[day][m] = true
	}
}

func (w *week) clear(day int) { w[day] = [24 * 60]bool{} }

func (w *week) hours() float64 {
	n := 0
	for d := range w {
		for _, o := range w[d] {
			if o {
				n++
			}
		}
	}
	return float64(n) / 60
}

var osmDays = map[string]int{"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}

// parseOSMHours reads the `horaires` field of the schema, in OpenStreetMap's
// opening_hours syntax, and returns the opening hours of a typical week. It knows
// the part of the syntax lists of places use: rules separated by ";", each a set
// of weekdays ("Mo-Fr", "Mo,We,Sa") and time spans ("09:00-12:00,14:00-18:30") or
// "off"; a rule overrides the earlier ones on its days, a rule following a time
// span after a "," adds to them; a rule without days covers the whole week; "24/7"
// is always open. Public and school holiday rules (PH, SH) are skipped: they do not
// change a typical week. Anything else (months, weeks, dates, comments, fallback
// rules) is an error: the hours are then unknown.
func parseOSMHours(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty")
	}
	var w week
	if strings.Contains(s, "||") {
		return 0, fmt.Errorf("fallback rules (||) are not supported")
	}
	for _, rule := range strings.Split(s, ";") {
		p := &osmParser{s: strings.TrimSpace(rule)}
		if p.s == "" {
			continue
		}
		additive := false
		for {
			if err := p.rule(&w, additive); err != nil {
				return 0, err
			}
			p.space()
			if p.eof() {
				break
			}
			if !p.accept(",") {
				return 0, fmt.Errorf("unexpected %q", p.rest())
			}
			additive = true
		}
	}
	return w.hours(), nil
}

type osmParser struct {
	s string
	i int
}

func (p *osmParser) eof() bool    { return p.i >= len(p.s) }
func (p *osmParser) rest() string { return clip(p.s[p.i:]) }
func (p *osmParser) space() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *osmParser) accept(tok string) bool {
	p.space()
	if strings.HasPrefix(strings.ToLower(p.s[p.i:]), tok) {
		p.i += len(tok)
		return true
	}
	return false
}

// day reads a weekday, or -1 when the next word is none.
func (p *osmParser) day() int {
	p.space()
	if p.i+2 <= len(p.s) {
		if d, ok := osmDays[strings.ToLower(p.s[p.i:p.i+2])]; ok && (p.i+2 == len(p.s) || !isLetter(p.s[p.i+2])) {
			p.i += 2
			return d
		}
	}
	return -1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// rule reads one rule: [days] [spans | off], and applies it to w.
func (p *osmParser) rule(w *week, additive bool) error {
	p.space()
	if p.accept("24/7") {
		for d := range 7 {
			w.open(d, 0, 24*60)
		}
		return nil
	}
	holiday := p.accept("ph") || p.accept("sh")
	var days []int
	for !holiday {
		d := p.day()
		if d < 0 {
			if len(days) > 0 {
				return fmt.Errorf("expected a weekday at %q", p.rest())
			}
			break
		}
		last := d
		if p.accept("-") {
			if last = p.day(); last < 0 {
				return fmt.Errorf("expected a weekday at %q", p.rest())
			}
		}
		for k := d; ; k = (k + 1) % 7 {
			days = append(days, k)
			if k == last {
				break
			}
		}
		save := p.i
		if !p.accept(",") {
			break
		}
		if p.space(); p.eof() || !isLetter(p.s[p.i]) {
			p.i = save // a "," then a time: the end of the rule
			break
		}
	}
	if holiday {
		for !p.eof() && p.s[p.i] != ',' {
			p.i++ // a holiday rule's times do not make a typical week
		}
		return nil
	}
	if days == nil {
		days = []int{0, 1, 2, 3, 4, 5, 6}
	}
	if !additive {
		for _, d := range days {
			w.clear(d)
		}
	}
	if p.accept("off") || p.accept("closed") {
		return nil
	}
	spans := 0
	for {
		from, to, ok, err := p.span()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		spans++
		for _, d := range days {
			w.open(d, from, to)
		}
		save := p.i
		if !p.accept(",") {
			break
		}
		if p.space(); p.eof() || p.s[p.i] < '0' || p.s[p.i] > '9' {
			p.i = save // a "," then a weekday: an additional rule
			break
		}
	}
	if spans == 0 {
		return fmt.Errorf("expected a time span such as 09:00-12:00 at %q", p.rest())
	}
	p.accept("open")
	return nil
}

// span reads "HH:MM-HH:MM"; ok is false when no time starts here.
func (p *osmParser) span() (from, to int, ok bool, err error) {
	p.space()
	if p.eof() || p.s[p.i] < '0' || p.s[p.i] > '9' {
		return 0, 0, false, nil
	}
	if from, err = p.clock(); err != nil {
		return
	}
	if !p.accept("-") {
		return 0, 0, false, fmt.Errorf("expected \"-\" and a closing time at %q", p.rest())
	}
	p.space()
	if to, err = p.clock(); err != nil {
		return
	}
	if from == to {
		return 0, 0, false, fmt.Errorf("time span of zero length at %q", p.rest())
	}
	return from, to, true, nil
}

// clock reads "H:MM" or "HH:MM" (up to 24:00) as minutes since midnight.
func (p *osmParser) clock() (int, error) {
	m, n, ok := readClock(p.s[p.i:], ':')
	if !ok {
		return 0, fmt.Errorf("expected a time such as 09:30 at %q", p.rest())
	}
	p.i += n
	return m, nil
}

// readClock reads an hour of one or two digits, sep and two digits of minutes; sep
// 'h' also accepts a bare hour ("9h"). It returns minutes since midnight and the
// bytes read.
func readClock(s string, sep byte) (minutes, n int, ok bool) {
	h := 0
	for n < len(s) && n < 2 && s[n] >= '0' && s[n] <= '9' {
		h = h*10 + int(s[n]-'0')
		n++
	}
	if n == 0 || n >= len(s) || (s[n] != sep && !(sep == 'h' && (s[n] == 'H'))) {
		return 0, 0, false
	}
	n++
	m := 0
	switch {
	case n+2 <= len(s) && isDigit(s[n]) && isDigit(s[n+1]):
		m = int(s[n]-'0')*10 + int(s[n+1]-'0')
		n += 2
	case sep == 'h' && (n == len(s) || !isDigit(s[n])):
	default:
		return 0, 0, false
	}
	if m > 59 || h > 24 || (h == 24 && m > 0) {
		return 0, 0, false
	}
	return h*60 + m, n, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseDayHours reads one day of a France Services list: "09:00 - 12:00 / 13:30 -
// 17:00" (spans separated by "/", "," or "et"; times as 09:00 or 9h00), empty when
// closed. It returns the minutes open that day, past midnight included.
func parseDayHours(s string) (int, error) {
	var spans [][2]int
	rest := strings.TrimSpace(s)
	for rest != "" {
		from, n, ok := readDayClock(rest)
		if !ok {
			return 0, fmt.Errorf("expected a time such as 09:00 at %q", clip(rest))
		}
		rest = strings.TrimSpace(rest[n:])
		if !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "à") {
			return 0, fmt.Errorf("expected \"-\" and a closing time at %q", clip(rest))
		}
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(rest, "-"), "à"))
		to, n, ok := readDayClock(rest)
		if !ok {
			return 0, fmt.Errorf("expected a closing time such as 17:00 at %q", clip(rest))
		}
		rest = strings.TrimSpace(rest[n:])
		spans = append(spans, [2]int{from, to})
		for _, sep := range []string{"/", ",", "et "} {
			if strings.HasPrefix(rest, sep) {
				rest = strings.TrimSpace(rest[len(sep):])
				break
			}
		}
	}
	var w week
	for _, sp := range spans {
		w.open(0, sp[0], sp[1])
	}
	return int(w.hours()*60 + 0.5), nil
}

func readDayClock(s string) (minutes, n int, ok bool) {
	if m, n, ok := readClock(s, ':'); ok {
		return m, n, true
	}
	return readClock(s, 'h')
}
