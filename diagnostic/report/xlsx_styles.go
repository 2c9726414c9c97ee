package report

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// Number formats, written the Excel way ("," groups thousands, "." marks decimals):
// Excel and LibreOffice show them with the reader's separators, "1 234,5" in French.
// The [$-40C] prefix (French, France) makes LibreOffice use French separators whatever
// its own language; Excel keeps the reader's.
const (
	fmtThousands  = `[$-40C]#,##0`
	fmtPercent    = `[$-40C]0.0" %"` // values are already percentages (12.3 means 12.3 %)
	fmtEuro       = `[$-40C]#,##0" €"`
	fmtDecimal    = `[$-40C]0.0`
	fmtDecimal2   = `[$-40C]0.00` // places per 10,000 inhabitants: a rural EPCI has well under one
	fmtInteger    = `0`
	fmtCoordinate = `[$-40C]0.00000` // degrees, about a metre
)

// Colours of the workbook.
const (
	colourHeader    = "DCE6F1" // header rows
	colourReference = "F2F2F2" // reference rows (département, région, France)
	colourLow       = "63BE7B" // colour scale: least fragile
	colourMid       = "FFEB84"
	colourHigh      = "F8696B" // most fragile
)

// styles creates the workbook's cell styles on first use and keeps their IDs. A style
// name is a base ("pct", "header"…) optionally prefixed with "ref:" for the shaded,
// italic reference rows. The first error is kept in err.
type styles struct {
	f   *excelize.File
	ids map[string]int
	err error
}

func newStyles(f *excelize.File) *styles { return &styles{f: f, ids: map[string]int{}} }

// id returns the style ID of a name, creating the style on first use.
func (s *styles) id(name string) int {
	if id, ok := s.ids[name]; ok {
		return id
	}
	base, ref := strings.CutPrefix(name, "ref:")
	st := baseStyle(base)
	if ref {
		font := excelize.Font{Italic: true}
		if st.Font != nil {
			font = *st.Font
			font.Italic = true
		}
		st.Font = &font
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourReference}}
	}
	id, err := s.f.NewStyle(&st)
	if err != nil && s.err == nil {
		s.err = err
	}
	s.ids[name] = id
	return id
}

func baseStyle(name string) excelize.Style {
	// Numbers sit at the top of their cell, level with a wrapped label beside them.
	custom := func(f string) excelize.Style {
		return excelize.Style{CustomNumFmt: &f, Alignment: &excelize.Alignment{Vertical: "top"}}
	}
	headerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}}
	bottom := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	switch name {
	case "thousands":
		return custom(fmtThousands)
	case "pct":
		return custom(fmtPercent)
	case "euro":
		return custom(fmtEuro)
	case "dec":
		return custom(fmtDecimal)
	case "dec2":
		return custom(fmtDecimal2)
	case "int":
		return custom(fmtInteger)
	case "coord":
		return custom(fmtCoordinate)
	case "wrap":
		return excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	case "wrap-pad": // long text right of a number: wrapped, kept apart from it
		return excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Indent: 1, Vertical: "top"}}
	case "missing": // "n.d." among numbers: aligned with them, in grey
		return excelize.Style{Font: &excelize.Font{Color: "808080"}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}
	case "right":
		return excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}
	case "note-line": // a note under a streamed table: one line, running over the empty cells
		return excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}
	case "pad": // text right of a number: kept apart from it
		return excelize.Style{Alignment: &excelize.Alignment{Indent: 1, Vertical: "top"}}
	case "bold":
		return excelize.Style{Font: &excelize.Font{Bold: true}}
	case "header": // a table's header: bold, wrapped, shaded
		return excelize.Style{Font: &excelize.Font{Bold: true}, Fill: headerFill, Border: bottom,
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	case "header-line": // the repeated header under reference rows: one line
		return excelize.Style{Font: &excelize.Font{Bold: true}, Fill: headerFill, Border: bottom,
			Alignment: &excelize.Alignment{Vertical: "top"}}
	case "title":
		return excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}
	case "section":
		return excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F4E79"}}
	case "note":
		return excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	}
	return excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}
}

// unitStyle is the style of an indicator's or an offer figure's cells by its unit:
// the decimals view.Decimals gives the unit.
func unitStyle(unit string) string {
	switch unit {
	case "%":
		return "pct"
	case "€":
		return "euro"
	case "hab.", "lieux":
		return "thousands"
	case "lieux / 10 000 hab.":
		return "dec2"
	}
	return "dec"
}
