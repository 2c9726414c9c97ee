package tabular_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/tabular"
	"github.com/diagnum/diagnum/testdata/gen/synth"
)

// The XLSX benchmarks read a SYNTHETIC national table: emploi-pop-active of
// every censused commune of France (34,879 rows), cut to 100 columns like
// the 35,000 × 100 sheets of INSEE, and the same table with its rows
// written 2 and 4 times to see how the cost grows. The workbooks are
// generated once per test process, or once for all in DIAGNUM_BENCH_DIR
// when set (scripts/bench sets it). Besides ns/op, each benchmark reports
// cpu-ns/op, the CPU time of the whole process (all goroutines), which
// other loads on the machine disturb far less than wall time.

var generated struct {
	sync.Mutex
	dir   string
	owned bool
}

// nationalWorkbook returns the path of the synthetic workbook with its rows
// repeated n times, generating it on first use.
func nationalWorkbook(tb testing.TB, n int) string {
	tb.Helper()
	generated.Lock()
	defer generated.Unlock()
	if generated.dir == "" {
		if dir := os.Getenv("DIAGNUM_BENCH_DIR"); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				tb.Fatal(err)
			}
			generated.dir = dir
		} else {
			dir, err := os.MkdirTemp("", "diagnum-tabular-bench-")
			if err != nil {
				tb.Fatal(err)
			}
			generated.dir, generated.owned = dir, true
		}
	}
	path := filepath.Join(generated.dir, fmt.Sprintf("synthetic-emploi-100col-x%d.xlsx", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	g, err := geo.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	d, err := synth.New(g, synth.Options{Repeat: n, MaxColumns: 100})
	if err != nil {
		tb.Fatal(err)
	}
	t, _ := synth.TableByID("emploi-pop-active")
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		tb.Fatal(err)
	}
	if err := d.WriteXLSX(f, t); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if generated.owned {
		os.RemoveAll(generated.dir)
	}
	os.Exit(code)
}

// cpuTime is the CPU time used by the process so far, in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// measure runs op in the benchmark loop and reports cpu-ns/op besides.
func measure(b *testing.B, op func() error) {
	b.Helper()
	c0 := cpuTime()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

// sheetSize is the inflated size of the first sheet, the bytes scanned.
func sheetSize(tb testing.TB, path string) int64 {
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			return int64(f.UncompressedSize64)
		}
	}
	tb.Fatal("no sheet1")
	return 0
}

// floor inflates the first sheet and finds every tag start: the least any
// XLSX reader must do.
func floor(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		defer rc.Close()
		buf := make([]byte, 256<<10)
		tags := 0
		for {
			n, err := rc.Read(buf)
			tags += bytes.Count(buf[:n], []byte{'<'})
			if err == io.EOF {
				if tags == 0 {
					return fmt.Errorf("no tag")
				}
				return nil
			}
			if err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("no sheet1 in %s", path)
}

// readCOM reads the COM sheet through tabular.Read, checking the rows.
func readCOM(path string, want int) error {
	rows := 0
	err := tabular.Read(path, tabular.Options{Sheet: func(s string) bool { return s == "COM_2021" }}, func(*tabular.Table) (func(tabular.Record) error, error) {
		return func(tabular.Record) error { rows++; return nil }, nil
	})
	if err == nil && rows != want {
		err = fmt.Errorf("%d records, want %d", rows, want)
	}
	return err
}

const nationalRows = 34879

func BenchmarkXLSXFloor(b *testing.B) {
	path := nationalWorkbook(b, 1)
	b.SetBytes(sheetSize(b, path))
	b.ReportAllocs()
	measure(b, func() error { return floor(path) })
}

func BenchmarkXLSXRead(b *testing.B) {
	path := nationalWorkbook(b, 1)
	b.SetBytes(sheetSize(b, path))
	b.ReportAllocs()
	measure(b, func() error { return readCOM(path, nationalRows) })
}

// BenchmarkXLSXReadParse also parses every cell as a number, as ingest does
// for the columns it needs: ParseNumber does not allocate.
func BenchmarkXLSXReadParse(b *testing.B) {
	path := nationalWorkbook(b, 1)
	b.SetBytes(sheetSize(b, path))
	b.ReportAllocs()
	measure(b, func() error {
		sum := 0.0
		return tabular.Read(path, tabular.Options{Sheet: func(s string) bool { return s == "COM_2021" }}, func(*tabular.Table) (func(tabular.Record) error, error) {
			return func(r tabular.Record) error {
				for _, c := range r.Cells[4:] {
					v, _, err := tabular.ParseNumber(c)
					if err != nil {
						return err
					}
					sum += v
				}
				return nil
			}, nil
		})
	})
}

// BenchmarkXLSXScaling reads the table with its rows written 1, 2 and 4
// times: the cost per row must stay the same.
func BenchmarkXLSXScaling(b *testing.B) {
	for _, n := range []int{1, 2, 4} {
		path := nationalWorkbook(b, n)
		b.Run(fmt.Sprintf("rows=%dx", n), func(b *testing.B) {
			b.SetBytes(sheetSize(b, path))
			b.ReportAllocs()
			measure(b, func() error { return readCOM(path, n*nationalRows) })
		})
	}
}

// BenchmarkXLSXExcelizeRows is the reader diagnum used before, for
// comparison: excelize's streaming Rows on the same sheet.
func BenchmarkXLSXExcelizeRows(b *testing.B) {
	path := nationalWorkbook(b, 1)
	b.SetBytes(sheetSize(b, path))
	b.ReportAllocs()
	measure(b, func() error {
		f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		defer f.Close()
		rows, err := f.Rows("COM_2021")
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				return err
			}
			n++
		}
		if n < nationalRows {
			return fmt.Errorf("%d rows", n)
		}
		return rows.Close()
	})
}
