package report

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// flow writes a small sheet from top to bottom — titles, paragraphs, little tables —
// with ordinary cells: the summary and the method are short, so no streaming. Rows
// holding wrapped text are made tall enough for it (Excel does not size them itself).
type flow struct {
	f      *excelize.File
	st     *styles
	sheet  string
	row    int       // next row to write
	span   int       // columns a paragraph spans
	widths []float64 // column widths, in characters
	lines  map[int]int
	err    error
}

func newFlow(f *excelize.File, st *styles, sheet string, span int, widths ...float64) *flow {
	w := &flow{f: f, st: st, sheet: sheet, row: 1, span: span, widths: widths, lines: map[int]int{}}
	for j, width := range widths {
		c := colName(j + 1)
		w.check(f.SetColWidth(sheet, c, c, width))
	}
	return w
}

func (w *flow) check(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// width of column col (1-based), in characters.
func (w *flow) width(col int) float64 {
	if col-1 < len(w.widths) {
		return w.widths[col-1]
	}
	return 9
}

// wraps says whether a style wraps its text.
func wraps(style string) bool {
	switch strings.TrimPrefix(style, "ref:") {
	case "wrap", "wrap-pad", "header", "note":
		return true
	}
	return false
}

// lineCount estimates how many lines text takes in a column of width characters,
// wrapping words as a spreadsheet does; a column's width counts digits, and text runs
// narrower, about 0.85 of a digit per letter.
func lineCount(text string, width float64) int {
	room := math.Max(width-1, 1) / 0.85 // letters per line
	n := 0
	for _, line := range strings.Split(text, "\n") {
		lines, used := 1, 0.0
		for _, word := range strings.Fields(line) {
			// A word may break after its hyphens: "Bourgogne-|Franche-|Comté".
			for k, part := range strings.SplitAfter(word, "-") {
				w, sep := float64(utf8.RuneCountInString(part)), 1.0
				if k > 0 {
					sep = 0
				}
				switch {
				case used == 0:
					used = w
				case used+sep+w <= room:
					used += sep + w
				default:
					lines++
					used = w
				}
				for used > room { // longer than a line: broken anywhere
					lines++
					used -= room
				}
			}
		}
		n += lines
	}
	return n
}

// set writes a value with a style, leaving nil and "" out.
func (w *flow) set(col, row int, v any, style string) {
	if v == nil || v == "" {
		return
	}
	cell := cellName(col, row)
	w.check(w.f.SetCellValue(w.sheet, cell, v))
	if style != "" {
		w.check(w.f.SetCellStyle(w.sheet, cell, cell, w.st.id(style)))
	}
	if s, ok := v.(string); ok && wraps(style) {
		w.lines[row] = max(w.lines[row], lineCount(s, w.width(col)))
	}
}

// line writes one styled line of text in the first column.
func (w *flow) line(text, style string) {
	w.set(1, w.row, text, style)
	w.row++
}

// para writes a paragraph wrapped across the flow's span.
func (w *flow) para(text, style string) {
	total := 0.0
	for c := 1; c <= w.span; c++ {
		total += w.width(c)
	}
	w.set(1, w.row, text, style)
	if w.span > 1 {
		w.check(w.f.MergeCell(w.sheet, cellName(1, w.row), cellName(w.span, w.row)))
	}
	w.lines[w.row] = lineCount(text, total)
	w.row++
}

// blank leaves an empty row.
func (w *flow) blank() { w.row++ }

// header writes a table's header row.
func (w *flow) header(titles ...string) {
	for j, t := range titles {
		w.set(j+1, w.row, t, "header")
	}
	w.row++
}

// cells writes a row of values with their styles (styles may be shorter: the rest
// is plain).
func (w *flow) cells(values []any, styles ...string) {
	for j, v := range values {
		style := ""
		if j < len(styles) {
			style = styles[j]
		}
		w.set(j+1, w.row, v, style)
	}
	w.row++
}

// finish sets the height of the rows holding wrapped text.
func (w *flow) finish() error {
	rows := make([]int, 0, len(w.lines))
	for r := range w.lines {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	for _, r := range rows {
		if n := w.lines[r]; n > 1 {
			w.check(w.f.SetRowHeight(w.sheet, r, float64(min(n, 12))*13+4))
		}
	}
	return w.err
}
