package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/problem"
)

// readZipFile reads a file that starts with the zip signature: an XLSX
// workbook when it holds xl/workbook.xml, otherwise an archive of tables.
func (rd *reader) readZipFile(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return archiveProblem(rd.loc, 0, "the file", err)
	}
	if err := checkOverlap(rd.loc, zr); err != nil {
		return err
	}
	if isWorkbook(zr) {
		return rd.readXLSX(rd.loc, zr)
	}
	return rd.readArchive(zr)
}

// checkOverlap refuses an archive whose members share their compressed
// data, the construction of the "overlapping" zip bombs that inflate one
// small kernel many times over.
func checkOverlap(l loc, zr *zip.Reader) error {
	type span struct {
		name     string
		from, to int64
	}
	spans := make([]span, 0, len(zr.File))
	for _, zf := range zr.File {
		off, err := zf.DataOffset()
		if err != nil {
			return archiveProblem(l, 0, "member "+zf.Name, err)
		}
		spans = append(spans, span{zf.Name, off, off + int64(zf.CompressedSize64)})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	for i := 1; i < len(spans); i++ {
		if a, b := spans[i-1], spans[i]; b.from < a.to {
			return l.problem("zip-bomb", 0, "", fmt.Sprintf("members %s and %s share their compressed data, the construction of a zip bomb; refusing; expected an archive made by an ordinary zip tool", a.name, b.name))
		}
	}
	return nil
}

// isWorkbook reports whether a zip container is an XLSX workbook.
func isWorkbook(zr *zip.Reader) bool {
	for _, zf := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, `\`, "/"), "xl/workbook.xml") {
			return true
		}
	}
	return false
}

// readArchive reads every CSV/TXT/XLSX member of a zip archive; members
// without a key column are reported through Options.Skipped, and an archive
// with no table at all is an error.
func (rd *reader) readArchive(zr *zip.Reader) error {
	var skipped []string
	skip := func(member, reason string) {
		skipped = append(skipped, member+" ("+reason+")")
		if rd.opt.Skipped != nil {
			rd.opt.Skipped(member, reason)
		}
	}
	// The members read, all together, must stay under the limit too: many
	// members each under it would otherwise add up to any size.
	var total uint64
	for _, zf := range zr.File {
		if ext := strings.ToLower(path.Ext(zf.Name)); (ext == ".csv" || ext == ".txt" || ext == ".xlsx") && !strings.HasPrefix(zf.Name, "__MACOSX/") {
			if zf.UncompressedSize64 > uint64(rd.limit) {
				return tooBigError{what: "the member", limit: rd.limit}.problem(loc{file: rd.loc.file, member: zf.Name})
			}
			total += zf.UncompressedSize64
		}
	}
	if total > uint64(rd.limit) {
		return tooBigError{what: "the archive (its tables together)", limit: rd.limit}.problem(rd.loc)
	}
	for _, zf := range zr.File {
		name := zf.Name
		if zf.FileInfo().IsDir() || strings.HasSuffix(name, "/") {
			continue
		}
		l := loc{file: rd.loc.file, member: name}
		if strings.HasPrefix(name, "__MACOSX/") {
			skip(name, "macOS metadata, not a table")
			continue
		}
		ext := strings.ToLower(path.Ext(name))
		if ext != ".csv" && ext != ".txt" && ext != ".xlsx" {
			skip(name, "not a CSV, TXT or XLSX file")
			continue
		}
		if zf.UncompressedSize64 > uint64(rd.limit) {
			return tooBigError{what: "the member", limit: rd.limit}.problem(l)
		}
		var err error
		if ext == ".xlsx" {
			err = rd.readXLSXMember(l, zf)
		} else {
			err = rd.readCSVMember(l, zf)
		}
		var p problem.Problem
		if errors.As(err, &p) && p.File == l.file && p.Member == l.member && p.Sheet == "" && (p.Kind == "no-key-column" || p.Kind == "empty-file") {
			skip(name, p.Message)
			continue
		}
		if err != nil {
			return err
		}
	}
	if rd.tables == 0 {
		msg := fmt.Sprintf("no member of the archive is a table with a commune-code column in its first %d rows; expected a CSV or XLSX member with a header cell named one of %s", headerSearchRows, rd.keyList())
		if len(skipped) > 0 {
			msg += "; skipped: " + strings.Join(skipped, "; ")
		} else {
			msg += "; the archive holds no file"
		}
		return rd.loc.problem("no-key-column", 0, "", msg)
	}
	return nil
}

// readCSVMember streams one CSV member straight from the archive.
func (rd *reader) readCSVMember(l loc, zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return archiveProblem(l, 0, "the member", err)
	}
	defer rc.Close()
	return rd.readCSV(l, &limitReader{r: rc, n: rd.limit, limit: rd.limit})
}

// memberInMemory is the largest XLSX member of an archive unpacked in
// memory; a larger one goes to a temporary file.
const memberInMemory = 64 << 20

// readXLSXMember unpacks one XLSX member, since a workbook needs random
// access: in memory when small, else to a temporary file.
func (rd *reader) readXLSXMember(l loc, zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return archiveProblem(l, 0, "the member", err)
	}
	src := &limitReader{r: rc, n: rd.limit, limit: rd.limit}
	var (
		ra   io.ReaderAt
		size int64
	)
	if zf.UncompressedSize64 <= memberInMemory {
		data, err := io.ReadAll(src)
		rc.Close()
		if err != nil {
			return archiveProblem(l, 0, "the member", err)
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	} else {
		tmp, err := os.CreateTemp("", "diagnum-tabular-*.xlsx")
		if err != nil {
			rc.Close()
			return l.problem("cannot-open", 0, "", "cannot create a temporary file to unpack the workbook ("+err.Error()+")")
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		size, err = io.Copy(tmp, src)
		rc.Close()
		if err != nil {
			return archiveProblem(l, 0, "the member", err)
		}
		ra = tmp
	}
	if size == 0 {
		return l.problem("empty-file", 0, "", "file is empty; expected an XLSX workbook")
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return archiveProblem(l, 0, "the workbook", err)
	}
	if !isWorkbook(zr) {
		return l.problem("bad-archive", 0, "", "not a valid XLSX workbook (no xl/workbook.xml inside); expected an Excel 2007+ workbook")
	}
	return rd.readXLSX(l, zr)
}

// limitReader fails once more than limit bytes have been read, the guard
// against members that inflate beyond what they declare.
type limitReader struct {
	r        io.Reader
	n, limit int64
}

func (lr *limitReader) Read(p []byte) (int, error) {
	if lr.n <= 0 {
		// Allow a clean EOF exactly at the limit; anything more is a bomb.
		var one [1]byte
		if k, err := lr.r.Read(one[:]); k == 0 {
			return 0, err
		}
		return 0, tooBigError{what: "the member", limit: lr.limit}
	}
	if int64(len(p)) > lr.n {
		p = p[:lr.n]
	}
	k, err := lr.r.Read(p)
	lr.n -= int64(k)
	return k, err
}

// tooBigError reports a zip member or XLSX part beyond MaxUncompressed.
type tooBigError struct {
	what  string // what inflates, e.g. "the member"
	limit int64
}

func (e tooBigError) Error() string {
	return e.what + " inflates beyond " + sizeString(e.limit) + "; refusing (zip bomb guard)"
}

func (e tooBigError) problem(l loc) problem.Problem {
	return l.problem("zip-bomb", 0, "", e.Error()+"; expected a table under that size (raise MaxUncompressed if it is genuine)")
}

// sizeString formats a byte count the way people say it ("2 GiB").
func sizeString(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
