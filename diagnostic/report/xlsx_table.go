package report

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic/report/view"
)

// column is one column of a streamed table: its header, the style of its data cells
// ("wrap" for long text, "wrap-pad" when it follows a number) and whether its values get a colour scale (green: least
// fragile, red: most).
type column struct {
	title string
	style string
	scale bool
	width float64 // fixed width in characters; 0 fits the content
}

// printColumns is about how many columns a printed landscape page holds legibly;
// a wider table prints on several pages across, its code and name repeated.
const printColumns = 30

// styledCell is a cell whose style is not its column's: a column of values in
// different units (the value of a priority's driving indicator: %, €).
type styledCell struct {
	value any
	style string
}

// table is a sheet written by the stream writer, so the commune sheet's tens of
// thousands of rows never sit in memory as cell objects.
//
// Its layout: a bold header row; when there are reference rows, those rows (shaded)
// and the header again on one line, carrying the filter, so that sorting or filtering
// the territories never moves the references; then the n rows; then the notes. The
// header and references stay frozen on screen and are repeated on every printed page.
type table struct {
	sheet string
	cols  []column
	// frozenCols keeps the first columns (code, name) in view when scrolling right.
	frozenCols int
	refs       int                      // number of reference rows
	ref        func(i int, cells []any) // fills reference row i
	n          int
	fill       func(i int, cells []any) // fills row i: a string, a number, a styledCell or nil per cell
	notes      []string                 // lines under the table: sources, what n.d. means
	landscape  bool
}

// write streams the table. Cells set to nil or "" are left out: nothing to say is no
// cell, not an empty string.
func (t *table) write(f *excelize.File, st *styles) error {
	headerRows := 1
	if t.refs > 0 {
		headerRows = t.refs + 2
	}
	// Before streaming: the stream writer copies the sheet's settings.
	pages, titleCols := max(1, (len(t.cols)+printColumns-1)/printColumns), ""
	if pages > 1 && t.frozenCols > 0 {
		titleCols = "$A:$" + colName(t.frozenCols)
	}
	if err := printLayoutWide(f, t.sheet, t.landscape, "$1:$"+itoa(headerRows), pages, titleCols); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.sheet)
	if err != nil {
		return err
	}
	widths := t.widths()
	for j, w := range widths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	first := headerRows + 1 // first data row
	top := cellName(t.frozenCols+1, first)
	pane := "bottomLeft"
	if t.frozenCols > 0 {
		pane = "bottomRight"
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: t.frozenCols, YSplit: headerRows, TopLeftCell: top, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}},
	}); err != nil {
		return err
	}
	header := func(style string) []any {
		out := make([]any, len(t.cols))
		for j, c := range t.cols {
			out[j] = excelize.Cell{StyleID: st.id(style), Value: c.title}
		}
		return out
	}
	if err := sw.SetRow("A1", header("header"), excelize.RowOpts{Height: headerHeight(t.cols, widths)}); err != nil {
		return err
	}
	cells := make([]any, len(t.cols))
	row := make([]any, len(t.cols))
	put := func(r int, prefix string, fill func(int, []any), i int) error {
		clear(cells)
		fill(i, cells)
		lines := 1
		for j, v := range cells {
			row[j] = nil
			style := t.cols[j].style
			if sc, ok := v.(styledCell); ok {
				v, style = sc.value, sc.style
			}
			if v != nil && v != "" {
				row[j] = excelize.Cell{StyleID: st.id(prefix + style), Value: v}
			}
			if text, ok := v.(string); ok && wraps(style) {
				lines = max(lines, lineCount(text, widths[j]))
			}
		}
		if lines > 1 {
			return sw.SetRow(cellName(1, r), row, excelize.RowOpts{Height: float64(min(lines, 12))*13 + 4})
		}
		return sw.SetRow(cellName(1, r), row)
	}
	for i := range t.refs {
		if err := put(2+i, "ref:", t.ref, i); err != nil {
			return err
		}
	}
	if t.refs > 0 {
		if err := sw.SetRow(cellName(1, headerRows), header("header-line")); err != nil {
			return err
		}
	}
	for i := range t.n {
		if err := put(first+i, "", t.fill, i); err != nil {
			return err
		}
	}
	last := first + t.n - 1 // the header row when there is no data
	for k, note := range t.notes {
		if err := sw.SetRow(cellName(1, last+2+k), []any{excelize.Cell{StyleID: st.id("note-line"), Value: note}}); err != nil {
			return err
		}
	}
	if err := f.AutoFilter(t.sheet, cellName(1, headerRows)+":"+cellName(len(t.cols), max(last, first)), nil); err != nil {
		return err
	}
	// The print area stops at the table's last column: a long header or note running
	// over the empty cells beyond would otherwise widen every printed page.
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: t.sheet,
		RefersTo: "'" + t.sheet + "'!$A$1:$" + colName(len(t.cols)) + "$" + itoa(last+1+len(t.notes))}); err != nil {
		return err
	}
	for j, c := range t.cols {
		if !c.scale || t.n == 0 {
			continue
		}
		ref := cellName(j+1, first) + ":" + cellName(j+1, last)
		if err := f.SetConditionalFormat(t.sheet, ref, []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=",
			MinType: "min", MidType: "percentile", MidValue: "50", MaxType: "max",
			MinColor: "#" + colourLow, MidColor: "#" + colourMid, MaxColor: "#" + colourHigh,
		}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// widths fits each column to its header (wrapped on up to four lines) and to its
// longest value as shown, within 6 and 60 characters.
func (t *table) widths() []float64 {
	w := make([]float64, len(t.cols))
	for j, c := range t.cols {
		w[j] = headerWidth(c.title)
	}
	cells := make([]any, len(t.cols))
	measure := func(fill func(int, []any), n int) {
		for i := range n {
			clear(cells)
			fill(i, cells)
			for j, v := range cells {
				style := t.cols[j].style
				if sc, ok := v.(styledCell); ok {
					v, style = sc.value, sc.style
				}
				if !wraps(t.cols[j].style) {
					w[j] = math.Max(w[j], float64(shownLength(v, style))+2)
				}
			}
		}
	}
	if t.refs > 0 {
		measure(t.ref, t.refs)
	}
	measure(t.fill, t.n)
	for j, c := range t.cols {
		switch {
		case c.width > 0:
			w[j] = c.width
		case wraps(c.style):
			w[j] = 70 // long text: wrapped in a readable column
		}
		w[j] = math.Min(math.Max(w[j], 8), 70)
	}
	return w
}

// headerHeight gives the header row room for its longest wrapped header, up to
// five lines.
func headerHeight(cols []column, widths []float64) float64 {
	lines := 1
	for j, c := range cols {
		lines = max(lines, lineCount(c.title, widths[j]))
	}
	return float64(min(lines, 5))*13 + 4
}

// headerWidth is the width a header needs to fit on four lines, and at least its
// longest word.
func headerWidth(title string) float64 {
	longest := 0
	for _, line := range strings.Split(title, "\n") {
		for _, word := range strings.Fields(line) {
			longest = max(longest, utf8.RuneCountInString(word))
		}
	}
	lines := strings.Count(title, "\n") + 1
	perLine := math.Ceil(float64(utf8.RuneCountInString(title)) / float64(max(4, lines)))
	return math.Max(float64(longest), perLine) + 2
}

// shownLength is the number of characters a cell shows.
func shownLength(v any, style string) int {
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		n := 0
		for _, line := range strings.Split(v, "\n") {
			n = max(n, utf8.RuneCountInString(line))
		}
		return n
	case float64:
		switch style {
		case "pct":
			return utf8.RuneCountInString(view.Percent(v, 1))
		case "euro":
			return utf8.RuneCountInString(view.Value(v, "€"))
		case "thousands", "int":
			return utf8.RuneCountInString(view.Number(v, 0))
		case "dec2":
			return utf8.RuneCountInString(view.Number(v, 2))
		}
		return utf8.RuneCountInString(view.Number(v, 1))
	case int:
		return utf8.RuneCountInString(view.Number(float64(v), 0))
	case int64:
		return utf8.RuneCountInString(view.Number(float64(v), 0))
	}
	return 10
}

func itoa(i int) string { return strconv.Itoa(i) }
