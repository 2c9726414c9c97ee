// Package detzip is the zip writer handed to excelize so that a workbook is the same
// bytes for the same content: parts in name order, no modification time.
package detzip

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
)

// Writer is the zip writer handed to excelize (File.SetZipWriter). It holds every part until Close, then
// writes them in name order: excelize writes its parts in map order, which changes
// from run to run, and a report must be byte-identical for identical inputs.
// zip.Writer.Create records no modification time, so no clock reaches the archive.
type Writer struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

// New returns a Writer writing the archive to w on Close.
func New(w io.Writer) *Writer { return &Writer{w: w, parts: map[string]*bytes.Buffer{}} }

// Create holds a part until Close.
func (z *Writer) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.parts[name] = b
	return b, nil
}

// AddFS is not supported: excelize does not use it for workbooks.
func (z *Writer) AddFS(fs.FS) error { return errors.New("detzip: AddFS is not supported") }

// Close writes the parts in name order.
func (z *Writer) Close() error {
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
