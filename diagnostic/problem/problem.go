// Package problem describes what is wrong, corrected or noteworthy in an input,
// located precisely enough (file, sheet, row, column) for a person to fix it.
package problem

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops the run.
type Severity int

const (
	// Error: the input cannot be used as it is; the run fails.
	Error Severity = iota
	// Warning: the input was used, but something was dropped, corrected or left missing.
	Warning
	// Note: something the user should know (a mapping, a repair) that changes no figure.
	Note
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "note"
	}
}

// Problem is one finding about one place in one input.
type Problem struct {
	Severity Severity
	// Kind is a stable machine-readable category, e.g. "not-a-number", "unknown-code".
	Kind   string
	File   string // path as the user gave it
	Member string // member of a zip archive, if any
	Sheet  string // XLSX sheet, if any
	Row    int    // 1-based line (CSV) or row (XLSX); 0 when not about one row
	Column string // column name (header cell), if any
	// Message says what was found and what was expected, in English.
	Message string
}

// Where formats the location: "file.zip:member.csv, sheet COM, row 12, column P18_POP".
func (p Problem) Where() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Member != "" {
		b.WriteString(":" + p.Member)
	}
	if p.Sheet != "" {
		fmt.Fprintf(&b, ", sheet %s", p.Sheet)
	}
	if p.Row > 0 {
		fmt.Fprintf(&b, ", row %d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %s", p.Column)
	}
	return b.String()
}

func (p Problem) Error() string {
	if w := p.Where(); w != "" {
		return w + ": " + p.Message
	}
	return p.Message
}

// List collects problems; it is an error when it holds at least one Error.
type List []Problem

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }

// Errors returns only the problems of severity Error.
func (l List) Errors() List {
	var out List
	for _, p := range l {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Err returns the list as an error when it holds errors, nil otherwise.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Error joins the problems, one a line, capped so a broken file does not flood a terminal.
func (l List) Error() string {
	const max = 20
	var b strings.Builder
	for i, p := range l {
		if i == max {
			fmt.Fprintf(&b, "\n... and %d more", len(l)-max)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Sort orders problems by file, member, sheet, row, column, kind then message, so
// reports are deterministic whatever order the inputs were read in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Member != b.Member:
			return a.Member < b.Member
		case a.Sheet != b.Sheet:
			return a.Sheet < b.Sheet
		case a.Row != b.Row:
			return a.Row < b.Row
		case a.Column != b.Column:
			return a.Column < b.Column
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		}
		return a.Message < b.Message
	})
}
