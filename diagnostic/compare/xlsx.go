package compare

import (
	"io"
	"math"
	"strings"

	"github.com/diagnum/diagnum/internal/detzip"
	"github.com/xuri/excelize/v2"
)

// XLSXName is the workbook of the evolutions, for people.
const XLSXName = "evolution.xlsx"

const (
	evolutionSheet = "Évolution"
	// fixedDate is the workbook's creation date: a clock would change its bytes.
	fixedDate = "1980-01-01T00:00:00Z"
)

// Number formats, French (locale 40C); a change carries its sign.
const (
	fmtThousands = `[$-40C]#,##0`
	fmtDecimal   = `[$-40C]0.0`
	fmtPercent   = `[$-40C]0.0" %"`
	fmtEuro      = `[$-40C]#,##0" €"`
	fmtInteger   = `0`
	fmtChange0   = `[$-40C]+#,##0;-#,##0;0`
	fmtChange1   = `[$-40C]+0.0;-0.0;0.0`
	fmtPoints    = `[$-40C]+0.0" pt";-0.0" pt";0.0" pt"`
	fmtChangeEur = `[$-40C]+#,##0" €";-#,##0" €";0" €"`
	fmtRelative  = `[$-40C]+0.0" %";-0.0" %";0.0" %"`
	fmtChangeInt = `+0;-0;0`
)

// valueFormats gives the formats of a column's values and of its change.
func valueFormats(col Column, unit string) (value, change string) {
	switch {
	case col.Kind != Quantity:
		return fmtInteger, fmtChangeInt
	case unit == "hab.":
		return fmtThousands, fmtChange0
	case unit == "%":
		return fmtPercent, fmtPoints
	case unit == "€":
		return fmtEuro, fmtChangeEur
	}
	return fmtDecimal, fmtChange1
}

// writeXLSX writes evolution.xlsx: one sheet, Évolution, with one block per level
// (EPCI, départements, communes, then the others). Codes are text, so "01001" keeps
// its leading zero; numbers are numbers in French formats; a missing value reads
// "n.d.". The bytes depend on the comparison only.
func writeXLSX(w io.Writer, c *Comparison) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return detzip.New(w) })
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "diagnum", LastModifiedBy: "diagnum", Created: fixedDate, Modified: fixedDate,
		Title: "Évolution du diagnostic territorial de l'inclusion numérique", Language: "fr-FR",
	}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", evolutionSheet); err != nil {
		return err
	}
	styles := map[string]int{}
	style := func(key string, s excelize.Style) int {
		if id, ok := styles[key]; ok {
			return id
		}
		id, serr := f.NewStyle(&s)
		if serr != nil && err == nil {
			err = serr
		}
		styles[key] = id
		return id
	}
	num := func(format string) int {
		return style("num:"+format, excelize.Style{CustomNumFmt: &format})
	}
	header := style("header", excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	title := style("title", excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	section := style("section", excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F4E79"}})
	note := style("note", excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	missing := style("missing", excelize.Style{Font: &excelize.Font{Color: "808080"}, Alignment: &excelize.Alignment{Horizontal: "right"}})
	text := style("text", excelize.Style{NumFmt: 49}) // "@": a code stays text

	levels := peopleOrder(c.Levels)
	sw, err := f.NewStreamWriter(evolutionSheet)
	if err != nil {
		return err
	}
	// The header of the first block is frozen with the codes and names.
	const firstHeader = 5
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: firstHeader,
		TopLeftCell: "C6", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	widest := 3
	for _, lv := range levels {
		widest = max(widest, len(xlsxHeader(c, lv)))
	}
	if err := sw.SetColWidth(1, 1, 12); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 32); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, widest, 14); err != nil {
		return err
	}
	row := 1
	put := func(cells []any, opts ...excelize.RowOpts) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, cells, opts...)
	}
	if err := put([]any{excelize.Cell{StyleID: title, Value: "Évolution entre deux diagnostics"}}); err != nil {
		return err
	}
	if err := put([]any{excelize.Cell{StyleID: note, Value: "Ancien : " + c.Old.Dir + " (" + c.Old.Resume.Geography.Vintage +
		") ; nouveau : " + c.New.Dir + " (" + c.New.Resume.Geography.Vintage + "). " + referenceNote(c)}}); err != nil {
		return err
	}
	if err := put([]any{excelize.Cell{StyleID: note, Value: "Évolution = nouveau − ancien, en points pour un taux en % ; n.d. : valeur manquante dans l'un des runs ou non comparable."}}); err != nil {
		return err
	}
	for n, lv := range levels {
		if n > 0 {
			row++ // a blank row between blocks
		}
		if err := put([]any{excelize.Cell{StyleID: section, Value: lv.Label}}); err != nil {
			return err
		}
		var cells []any
		for _, h := range xlsxHeader(c, lv) {
			cells = append(cells, excelize.Cell{StyleID: header, Value: h})
		}
		if err := put(cells, excelize.RowOpts{Height: 45}); err != nil {
			return err
		}
		for _, r := range lv.Rows {
			cells := []any{excelize.Cell{StyleID: text, Value: r.Code}, r.Name, statusLabel(r.Status)}
			number := func(v float64, format string) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					cells = append(cells, excelize.Cell{StyleID: missing, Value: "n.d."})
					return
				}
				cells = append(cells, excelize.Cell{StyleID: num(format), Value: v})
			}
			for i, col := range lv.Columns {
				vf, cf := valueFormats(col, c.describeColumn(lv.ID, col).Unit)
				number(r.Old[i], vf)
				number(r.New[i], vf)
				number(r.Change(i), cf)
				if col.Kind == Quantity {
					number(r.RelativeChange(i), fmtRelative)
				}
			}
			cells = append(cells, strings.Join(r.Alerts, ", "))
			if err := put(cells); err != nil {
				return err
			}
		}
	}
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// xlsxHeader lists a level's column titles in the workbook.
func xlsxHeader(c *Comparison, lv *Level) []string {
	h := []string{"Code", "Libellé", "Statut"}
	for _, col := range lv.Columns {
		info := c.describeColumn(lv.ID, col)
		change := info.Label + " — évolution"
		if col.Kind == Quantity && info.Unit == "%" {
			change += " (points)"
		}
		h = append(h, info.Label+" — ancien", info.Label+" — nouveau", change)
		if col.Kind == Quantity {
			h = append(h, info.Label+" — évolution (%)")
		}
	}
	return append(h, "Alertes")
}

// referenceNote says in French whether the scores' reference was frozen.
func referenceNote(c *Comparison) string {
	if len(c.References) == 0 {
		return "Aucun score comparé."
	}
	var frozen, not []string
	for _, r := range c.References {
		if r.Frozen {
			frozen = append(frozen, r.Level)
		} else {
			not = append(not, r.Level)
		}
	}
	switch {
	case len(not) == 0:
		return "Référence figée : l'évolution des scores est celle des territoires."
	case len(frozen) == 0:
		return "Référence non figée : les scores de chaque run sont relatifs à la référence de son année."
	}
	return "Référence figée pour " + strings.Join(frozen, ", ") + ", non figée pour " + strings.Join(not, ", ") + "."
}
