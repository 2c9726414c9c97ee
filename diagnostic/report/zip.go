package report

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
)

// sortedZip is the zip writer handed to excelize. It holds every part until Close, then
// writes them in name order: excelize writes its parts in map order, which changes
// from run to run, and a report must be byte-identical for identical inputs.
// zip.Writer.Create records no modification time, so no clock reaches the archive.
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

func newSortedZip(w io.Writer) *sortedZip { return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}} }

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
