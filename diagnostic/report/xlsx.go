package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/diagnum/diagnum/internal/detzip"
	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
)

// fixedDate stands for the workbook's creation and modification dates: a report must be
// byte-identical for identical inputs, so it carries no clock time.
const fixedDate = "1980-01-01T00:00:00Z"

// Sheet names that are not levels.
const (
	summarySheet = "Synthèse"
	placesSheet  = "Lieux" // always there: it says when no list of places was given
	problemSheet = "Anomalies"
	methodSheet  = "Méthode"
	sourceSheet  = "Sources"
)

// writeXLSX writes diagnostic.xlsx for people: the summary with its charts, one sheet
// per studied level with the reference rows on top, the priority territories and the
// places (when places were given), the anomalies, the method and the sources. Codes are text so "01001" keeps its leading zero; numbers are
// numbers, shown in French by Excel's number formats.
func writeXLSX(w io.Writer, res *diagnostic.Result) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return detzip.New(w) })
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "diagnum", LastModifiedBy: "diagnum", Created: fixedDate, Modified: fixedDate,
		Title: "Diagnostic territorial de l'inclusion numérique — " + territoryNames(res), Language: "fr-FR",
	}); err != nil {
		return err
	}
	st := newStyles(f)
	levels := view.Studied(res)
	names := []string{summarySheet}
	for _, lv := range levels {
		names = append(names, lv.Label)
	}
	if res.Offer != nil {
		names = append(names, prioritySheet)
	}
	names = append(names, placesSheet, problemSheet, methodSheet, sourceSheet)
	if err := createSheets(f, names); err != nil {
		return err
	}
	if err := writeSummarySheet(f, st, res); err != nil {
		return fmt.Errorf("sheet %s: %w", summarySheet, err)
	}
	for _, lv := range levels {
		if err := writeLevelSheet(f, st, res, lv); err != nil {
			return fmt.Errorf("sheet %s: %w", lv.Label, err)
		}
	}
	if res.Offer != nil {
		if err := writePrioritySheet(f, st, res); err != nil {
			return fmt.Errorf("sheet %s: %w", prioritySheet, err)
		}
	}
	for _, s := range []struct {
		name  string
		write func(*excelize.File, *styles, *diagnostic.Result) error
	}{
		{placesSheet, writePlacesSheet}, {problemSheet, writeProblemSheet},
		{methodSheet, writeMethodSheet}, {sourceSheet, writeSourceSheet},
	} {
		if err := s.write(f, st, res); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	if err := st.err; err != nil {
		return err
	}
	sortContentTypes(f)
	// The first sheet is already the active one. (SetActiveSheet here would parse every
	// streamed sheet back into memory.)
	return f.Write(w)
}

// territoryNames names the studied territory for titles: "Nièvre", "Nièvre, Reims".
func territoryNames(res *diagnostic.Result) string {
	var names []string
	for _, t := range res.Territory {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

// sortContentTypes puts the default content types of [Content_Types].xml in extension
// order: excelize adds the image types in map order when a drawing (a chart) is
// created, which changes from run to run.
func sortContentTypes(f *excelize.File) {
	if f.ContentTypes == nil {
		return
	}
	d := f.ContentTypes.Defaults
	sort.SliceStable(d, func(i, j int) bool { return d[i].Extension < d[j].Extension })
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

// printLayout prints a sheet as wide as the page, landscape or not, with its title rows
// repeated on every page (titles "" for none), so the workbook prints or converts to
// PDF as readable tables.
func printLayout(f *excelize.File, sheet string, landscape bool, titles string) error {
	return printLayoutWide(f, sheet, landscape, titles, 1, "")
}

// printLayoutWide prints a sheet as wide as pages pages, each repeating the title
// rows and the title columns (titleCols, "$A:$B"; "" for none): a level sheet with
// the offer columns has too many columns for one page to stay legible.
func printLayoutWide(f *excelize.File, sheet string, landscape bool, titles string, pages int, titleCols string) error {
	orientation, zero := "portrait", 0
	if landscape {
		orientation = "landscape"
	}
	paper := 9 // A4
	fit := true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &paper, Orientation: &orientation, FitToWidth: &pages, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + excelHeaderText(sheet) + "&R&P / &N",
		OddFooter: "&Ldiagnum — diagnostic territorial de l'inclusion numérique",
	}); err != nil {
		return err
	}
	if titles == "" {
		return nil
	}
	ref := "'" + sheet + "'!" + titles
	if titleCols != "" {
		ref = "'" + sheet + "'!" + titleCols + "," + ref
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet})
}

// excelHeaderText escapes "&", the code character of page headers.
func excelHeaderText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// number returns v for a numeric cell, or nil for a missing value: excelize would
// otherwise write NaN as the text "NaN".
func number(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// cellName is excelize.CoordinatesToCellName for coordinates known to be valid.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // col and row come from loops over this package's own tables
	}
	return name
}

// colName is the letters of a 1-based column.
func colName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}
