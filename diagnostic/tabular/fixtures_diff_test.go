package tabular

import (
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDifferentialFixtures checks the sheet reader against excelize's Rows
// (RawCellValue) on the workbooks the other tests of this package build;
// differential_test.go does the same on real and generated files.
func TestDifferentialFixtures(t *testing.T) {
	books := map[string][]byte{
		"insee": inseeWorkbook(t),
		"filosofi": workbook(t, map[string][][]any{
			"Notes":    {{"Filosofi 2019"}, {"Source : Insee"}},
			"ENSEMBLE": {{"Titre"}, {"CODGEO", "LIBGEO", "MED19"}, {"58194", "Nevers", 19240}},
			"Vide":     {},
		}, "Notes", "ENSEMBLE", "Vide"),
		"long": workbook(t, map[string][][]any{"COM": {{"CODGEO", "P18_POP"}, {"58194", 1, nil, "oops"}}}, "COM"),
	}
	for name, data := range books {
		path := writeFile(t, name+".xlsx", data)
		want := map[string]map[int][]string{}
		f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			rows, err := f.Rows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			want[sheet] = map[int][]string{}
			for n := 1; rows.Next(); n++ {
				cells, _ := rows.Columns(excelize.Options{RawCellValue: true})
				if c := trimTrailing(cells); len(c) > 0 {
					want[sheet][n] = c
				}
			}
			rows.Close()
		}
		f.Close()
		got := map[string]map[int][]string{}
		for sheet := range want {
			got[sheet] = map[int][]string{}
		}
		err = RawRows(path, func(sheet string, row int, cells []string) error {
			if c := trimTrailing(cells); len(c) > 0 {
				got[sheet][row] = c
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got  %v\n want %v", name, got, want)
		}
	}
}

func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return append([]string(nil), cells[:n]...)
}
