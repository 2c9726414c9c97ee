package report

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
)

// fixedDate stands for the workbook's creation and modification dates: a report must be
// byte-identical for identical inputs, so it carries no clock time.
const fixedDate = "1980-01-01T00:00:00Z"

// styles are the cell styles of the workbook, by role.
type styles struct {
	header, percent, thousands int
}

// column is one column of a sheet: its header, its width and the style of its data cells.
type column struct {
	title string
	width float64
	style int
}

// writeXLSX writes diagnostic.xlsx for people: one sheet per level, then the indicators,
// the sources and the problems, with codes as text so "01001" keeps its leading zero.
func writeXLSX(w io.Writer, res *diagnostic.Result) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}} })
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "diagnum", LastModifiedBy: "diagnum", Created: fixedDate, Modified: fixedDate,
	}); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	var names []string
	for _, lv := range res.Levels {
		names = append(names, lv.Label)
	}
	names = append(names, "Indicateurs", "Sources", "Anomalies")
	if err := createSheets(f, names); err != nil {
		return err
	}
	for i := range res.Levels {
		if err := writeLevelSheet(f, st, res, &res.Levels[i]); err != nil {
			return fmt.Errorf("sheet %s: %w", res.Levels[i].Label, err)
		}
	}
	for _, write := range []func(*excelize.File, styles, *diagnostic.Result) error{
		writeIndicatorSheet, writeSourceSheet, writeProblemSheet,
	} {
		if err := write(f, st, res); err != nil {
			return err
		}
	}
	// The first sheet is already the active one. (SetActiveSheet here would parse every
	// streamed sheet back into memory.)
	return f.Write(w)
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	}); err != nil {
		return st, err
	}
	oneDecimal := "0.0"
	if st.percent, err = f.NewStyle(&excelize.Style{CustomNumFmt: &oneDecimal}); err != nil {
		return st, err
	}
	st.thousands, err = f.NewStyle(&excelize.Style{NumFmt: 3}) // built-in "#,##0"
	return st, err
}

// createSheets names the default sheet after the first name and adds the others in
// order; sheet names are compared without case, as Excel does.
func createSheets(f *excelize.File, names []string) error {
	seen := map[string]bool{}
	for i, name := range names {
		key := strings.ToLower(name)
		if seen[key] {
			return fmt.Errorf("two sheets named %q", name)
		}
		seen[key] = true
		var err error
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	return nil
}

func (st styles) forUnit(unit string) int {
	switch unit {
	case "%":
		return st.percent
	case "€":
		return st.thousands
	}
	return 0
}

func writeLevelSheet(f *excelize.File, st styles, res *diagnostic.Result, lv *diagnostic.Level) error {
	cols := []column{
		{"Code", 10, 0},
		{"Libellé", 36, 0},
		{"Population", 13, st.thousands},
	}
	for _, ind := range res.Indicators {
		title := ind.Label
		if ind.Unit != "" {
			title += " (" + ind.Unit + ")"
		}
		cols = append(cols, column{title, 20, st.forUnit(ind.Unit)})
	}
	if withCoverage(lv) {
		for _, ind := range res.Indicators {
			cols = append(cols, column{"Part de la population couverte : " + ind.Label + " (%)", 20, st.percent})
		}
	}
	scores := scoreColumns(lv)
	for _, c := range scores {
		style := 0
		if c.decimal {
			style = st.percent // one decimal
		}
		cols = append(cols, column{c.title, 14, style})
	}
	ranks := rankIndex(lv)
	return writeTable(f, lv.Label, st, cols, 75, len(lv.Rows), func(i int, cells []any) {
		if scores != nil {
			first := len(cells) - len(scores)
			for j, v := range scoreRow(lv, scores, i, ranks) {
				cells[first+j] = number(v)
			}
		}
		row := lv.Rows[i]
		cells[0], cells[1], cells[2] = row.Code, row.Name, number(row.Population)
		for j, v := range row.Values {
			cells[3+j] = number(v.Value)
			if withCoverage(lv) {
				cells[3+len(row.Values)+j] = number(coverage(v))
			}
		}
	})
}

func writeIndicatorSheet(f *excelize.File, st styles, res *diagnostic.Result) error {
	cols := []column{
		{"Identifiant", 26, 0}, {"Libellé", 50, 0}, {"Unité", 8, 0}, {"Formule", 40, 0},
		{"Millésime", 16, 0}, {"Source", 32, 0}, {"Fichiers", 40, 0}, {"Note", 60, 0},
		{"Non calculé : raison", 60, 0},
	}
	n := len(res.Indicators)
	return writeTable(f, "Indicateurs", st, cols, 0, n+len(res.Missing), func(i int, cells []any) {
		if i < n {
			ind := res.Indicators[i]
			copy(cells, []any{ind.ID, ind.Label, ind.Unit, ind.Formula(), ind.VintageLabel,
				ind.Source, strings.Join(ind.Sources, ", "), ind.Note})
			return
		}
		m := res.Missing[i-n]
		copy(cells, []any{m.ID, m.Label, m.Unit, nil, nil, m.Source, nil, m.Note, m.Reason})
	})
}

func writeSourceSheet(f *excelize.File, st styles, res *diagnostic.Result) error {
	cols := []column{
		{"Fichier", 40, 0}, {"Rôle", 12, 0}, {"Producteur", 20, 0}, {"Titre", 40, 0},
		{"Millésime", 12, 0}, {"Licence", 24, 0}, {"SHA-256", 66, 0}, {"Octets", 14, st.thousands},
		{"Note", 50, 0},
	}
	return writeTable(f, "Sources", st, cols, 0, len(res.Inputs), func(i int, cells []any) {
		in := res.Inputs[i]
		copy(cells, []any{in.Path, in.Role, in.Producer, in.Title, in.Vintage, in.Licence,
			in.SHA256, in.Bytes, in.Note})
	})
}

func writeProblemSheet(f *excelize.File, st styles, res *diagnostic.Result) error {
	cols := []column{
		{"Gravité", 10, 0}, {"Type", 20, 0}, {"Fichier", 40, 0}, {"Membre", 24, 0},
		{"Feuille", 16, 0}, {"Ligne", 8, 0}, {"Colonne", 16, 0}, {"Message", 80, 0},
	}
	return writeTable(f, "Anomalies", st, cols, 0, len(res.Problems), func(i int, cells []any) {
		p := res.Problems[i]
		var row any
		if p.Row > 0 {
			row = p.Row
		}
		copy(cells, []any{p.Severity.String(), p.Kind, p.File, p.Member, p.Sheet, row, p.Column, p.Message})
	})
}

// writeTable streams one sheet — a bold header row, frozen and filterable, then n rows
// filled by fill — so the commune sheet's tens of thousands of rows never sit in memory
// as cell objects. fill sets cells[j] to a string, a number or nil; nil and "" leave
// the cell out.
// headerHeight 0 keeps the default height.
func writeTable(f *excelize.File, sheet string, st styles, cols []column, headerHeight float64, n int, fill func(i int, cells []any)) error {
	if err := printLayout(f, sheet); err != nil { // before streaming: the stream writer copies the sheet's settings
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for j, c := range cols {
		if err := sw.SetColWidth(j+1, j+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for j, c := range cols {
		header[j] = excelize.Cell{StyleID: st.header, Value: c.title}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: headerHeight}); err != nil {
		return err
	}
	cells := make([]any, len(cols))
	row := make([]any, len(cols))
	for i := range n {
		clear(cells)
		fill(i, cells)
		for j, v := range cells {
			row[j] = nil // nothing to say is no cell at all, not an empty string
			if v != nil && v != "" {
				row[j] = excelize.Cell{StyleID: cols[j].style, Value: v}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(cols), n+1)
	if err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	return sw.Flush()
}

// printLayout prints a sheet landscape, as wide as the page and with its header row
// on every page, so the workbook prints or converts to PDF as a readable table.
func printLayout(f *excelize.File, sheet string) error {
	landscape, one, zero := "landscape", 1, 0
	fit := true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// number returns v for a numeric cell, or nil for a missing value: excelize would
// otherwise write NaN as the text "NaN".
func number(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// sortedZip is the zip writer handed to excelize. It holds every part until Close, then
// writes them in name order: excelize writes streamed sheets in Go map order, which
// changes from run to run, and a report must be byte-identical for identical inputs.
// zip.Writer.Create records no modification time, so no clock reaches the archive.
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("report: AddFS is not supported") }

func (z *sortedZip) Close() error {
	zw := zip.NewWriter(z.w)
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	slices.Sort(names) // "[Content_Types].xml" sorts first, where readers expect it
	for _, name := range names {
		fw, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := z.parts[name].WriteTo(fw); err != nil {
			return err
		}
	}
	return zw.Close()
}
