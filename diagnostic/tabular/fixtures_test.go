package tabular

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// Synthetic fixtures, built by the tests themselves so they run without the
// shared data. Each mirrors the layout of a real file exactly.

// arcepRows are the first lines of the real ARCEP file
// commune-debit-beta-2019-09-30.csv (disclaimer, header, data), plus a
// synthetic taux_thd30 column with decimal commas as a French spreadsheet
// would write it.
var arcepRows = []string{
	"Version beta : les données sont présentées en l’état et ne sont pas toutes fiables, certaines devant encore être améliorées",
	"code_insee;nom_com;code_dep;code_reg;nbr;type;inel_hd;elig_hd05;elig_hd3;elig_hd8;elig_thd30;elig_thd100;elig_thd1g;date;taux_thd30",
	"67017;Baerendorf;67;44;148;logloc;0;0;0;10;0;0;138;2019-09-30;0",
	"38130;La Côte-Saint-André;38;84;2408;logloc;0;0;0;985;59;0;1364;2019-09-30;2,45",
	"69035;Cenves;69;84;280;logloc;91;0;0;189;0;0;0;2019-09-30;0",
	"21153;Châtellenot;21;27;125;logloc;0;0;0;125;0;0;0;2019-09-30;0",
	"97211;Grand'Rivière;972;02;441;logloc;0;0;0;59;382;0;0;2019-09-30;86,62",
}

// arcepWindows1252 is the synthetic ARCEP extract re-encoded in
// Windows-1252 with CRLF line ends, as Excel "CSV (séparateur : point-virgule)"
// saves it.
func arcepWindows1252(t testing.TB) []byte {
	t.Helper()
	s, err := charmap.Windows1252.NewEncoder().String(strings.Join(arcepRows, "\r\n") + "\r\n")
	if err != nil {
		t.Fatal(err)
	}
	return []byte(s)
}

// writeFile writes data to name in a fresh temporary directory.
func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// inseeWorkbook is a tiny workbook in the INSEE base-cc layout: sheets
// COM_2018 and ARM_2018 with rows 1-4 metadata, row 5 French labels, row 6
// variable codes, data from row 7 (codes as text, numbers as numbers), plus a
// documentation sheet that must not be read. Row 9 of COM_2018 is absent and
// row 10 holds only empty strings, to check row numbering and blank rows.
func inseeWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	meta := [][]any{
		{"Évolution et structure de la population en 2018"},
		{"France - Communes"},
		{"Mise en ligne le 30/06/2021       Géographie au 01/01/2021"},
		{"@Insee       Source(s) : Insee, RP2018 exploitation principale"},
		{"Code géographique", "Libellé géographique", "Population en 2018", "Médiane du niveau vie"},
		{"CODGEO", "LIBGEO", "P18_POP", "MED18"},
	}
	sheets := map[string][][]any{
		"COM_2018": {{"01001", "L'Abergement-Clémenciat", 776, 22570.5}, {"58194", "Nevers", 33279, "s"}},
		"ARM_2018": {{"13201", "Marseille 1er Arrondissement", 40919, 1.25e4}},
	}
	if err := f.SetSheetName("Sheet1", "COM_2018"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ARM_2018", "Documentation"} {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetSheetRow("Documentation", "A1", &[]any{"CODGEO", "Code géographique"}); err != nil {
		t.Fatal(err)
	}
	for name, data := range sheets {
		for i, row := range append(meta, data...) {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Row 9 absent, row 10 blank cells, row 11 data.
	if err := f.SetSheetRow("COM_2018", "A10", &[]any{"", ""}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("COM_2018", "A11", &[]any{"97617", "Tsingoni", 13934}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// workbook builds an XLSX whose sheets hold the given rows from A1.
func workbook(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// member is one file to put in a synthetic zip archive.
type member struct {
	name string
	data []byte
}

// zipOf builds a zip archive of the members, deflated.
func zipOf(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
