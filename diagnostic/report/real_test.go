package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/spec"
)

// realRun is the default diagnostic: Nièvre from the data embedded in diagnum.
func realRun(t *testing.T) *diagnostic.Result {
	t.Helper()
	res, err := diagnostic.Run(spec.Default(), diagnostic.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRealWorkbook writes every format of the default run twice: the files are
// byte-identical, and the workbook holds every territory under its references.
func TestRealWorkbook(t *testing.T) {
	res := realRun(t)
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, dir := range dirs {
		if _, err := Write(res, dir, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range listDir(t, dirs[0]) {
		a, err1 := os.ReadFile(filepath.Join(dirs[0], name))
		b, err2 := os.ReadFile(filepath.Join(dirs[1], name))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two writes (%v, %v)", name, err1, err2)
		}
	}
	f, _ := openXLSX(t, filepath.Join(dirs[0], xlsxName))
	// The default run has places: the priority sheet comes before the places.
	want := slices.Insert(slices.Clone(wantSheets), slices.Index(wantSheets, placesSheet), prioritySheet)
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	priorities := 0
	for _, lv := range res.Levels {
		priorities += len(lv.Priorities)
		if withPriorities(&lv) && !slices.Contains(listDir(t, dirs[0]), prioritiesName(&lv)) {
			t.Errorf("no %s", prioritiesName(&lv))
		}
	}
	rows, err := f.GetRows(prioritySheet)
	if err != nil {
		t.Fatal(err)
	}
	if data := len(rows) - 1 - 3; priorities == 0 || data != priorities { // the header, then a blank line and two notes
		t.Errorf("%s: %d rows, want %d priorities", prioritySheet, data, priorities)
	}
	for _, tc := range []struct {
		sheet string
		rows  int // header, references, header again, territories
	}{{"Communes", 5 + 309}, {"EPCI", 5 + 13}, {"Départements", 4 + 1}} {
		rows, err := f.GetRows(tc.sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		data := 0
		for _, r := range rows {
			if len(r) > 2 {
				data++
			}
		}
		if data != tc.rows {
			t.Errorf("%s: %d table rows, want %d", tc.sheet, data, tc.rows)
		}
		for i, r := range rows {
			for _, v := range r {
				if v == "NaN" || strings.Contains(v, "Inf") {
					t.Errorf("%s row %d holds %q", tc.sheet, i+1, v)
				}
			}
		}
	}
	if v, _ := f.GetCellValue("Communes", "B4"); v != "France" {
		t.Errorf("Communes!B4 = %q, want France", v)
	}
	if refs := chartRefs(t, filepath.Join(dirs[0], xlsxName)); len(refs) != 2 {
		t.Errorf("%d charts in the summary, want 2", len(refs))
	}
}

// TestLibreOffice converts the default run's workbook to PDF with LibreOffice, as a
// reader without Excel would print it; it skips without LibreOffice.
func TestLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("converting with LibreOffice takes a while")
	}
	soffice, err := exec.LookPath("libreoffice")
	if err != nil {
		if soffice, err = exec.LookPath("soffice"); err != nil {
			t.Skip("LibreOffice is not installed")
		}
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := Write(realRun(t), dir, []string{"xlsx"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(t.TempDir()) // a profile of its own: no clash with a running LibreOffice
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf",
		"--outdir", dir, filepath.Join(dir, xlsxName))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "diagnostic.pdf"))
	if err != nil {
		t.Fatalf("no PDF: %v (%s)", err, out)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1)) // LibreOffice writes page objects uncompressed
	t.Logf("PDF: %d pages", pages)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || pages < 8 { // at least a page per sheet
		t.Errorf("PDF of %d bytes, %d pages counted", len(pdf), pages)
	}
}
