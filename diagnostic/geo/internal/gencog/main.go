// Command gencog writes the COG table embedded by package geo from the JSON files of
// @etalab/decoupage-administratif (see package cogbuild for the format).
//
// Usage: gencog -in DIR -out FILE
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/diagnum/diagnum/diagnostic/geo/internal/cogbuild"
)

func main() {
	in := flag.String("in", "", "directory holding decoupage-administratif-"+cogbuild.Version+"-*.json.gz")
	out := flag.String("out", "", "table to write (gzip)")
	flag.Parse()
	if *in == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencog:", err)
		os.Exit(1)
	}
}

// run builds the whole table in memory first, so a failed check leaves the
// previous file untouched.
func run(in, out string) error {
	input, err := cogbuild.Load(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := cogbuild.Write(&buf, input); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".gencog-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
