package tabular

import (
	"archive/zip"
	"io"
)

// Internals exposed to the external tests (package tabular_test), which
// cannot be internal: they import testdata/gen/synth, which imports
// diagnostic/geo, which imports this package.

// RawRows calls fn with every row of every sheet of an XLSX file as the
// sheet reader gives it (no header search, no padding); rows are passed in
// sheet order with their numbers.
func RawRows(path string, fn func(sheet string, row int, cells []string) error) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	wb, err := openWorkbook(&zr.Reader, DefaultMaxUncompressed)
	if err != nil {
		return err
	}
	sst, err := wb.sharedStrings()
	if err != nil {
		return err
	}
	dates, err := wb.dateStyles()
	if err != nil {
		return err
	}
	for _, s := range wb.sheets {
		if s.part == "" {
			continue
		}
		if err := func() error {
			rc, err := wb.open(s.part)
			if err != nil {
				return err
			}
			defer rc.Close()
			sr := newSheetRows(rc, wb.size(s.part), sst, dates)
			for {
				row, cells, err := sr.next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				if err := fn(s.name, row, cells); err != nil {
					return err
				}
			}
		}(); err != nil {
			return err
		}
	}
	return nil
}
