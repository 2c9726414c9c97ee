// Command genlocate writes the postal-code and centroid tables embedded by package geo
// (see package locatebuild for the format), and lists on stderr the communes left
// without a point.
//
// Usage: genlocate -in DIR -postal FILE -centroids FILE
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/geo/internal/locatebuild"
)

func main() {
	in := flag.String("in", "", "directory holding decoupage-administratif-"+locatebuild.Version+"-communes.json.gz and "+locatebuild.CentroidFile)
	postal := flag.String("postal", "", "postal table to write (gzip)")
	centroids := flag.String("centroids", "", "centroid table to write (gzip)")
	flag.Parse()
	if *in == "" || *postal == "" || *centroids == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *postal, *centroids); err != nil {
		fmt.Fprintln(os.Stderr, "genlocate:", err)
		os.Exit(1)
	}
}

// run builds both tables in memory first, so a failed check leaves the previous
// files untouched.
func run(dir, postal, centroids string) error {
	input, err := locatebuild.Load(dir)
	if err != nil {
		return err
	}
	var p, c bytes.Buffer
	if err := locatebuild.WritePostal(&p, input); err != nil {
		return err
	}
	cs, err := locatebuild.BuildCentroids(input)
	if err != nil {
		return err
	}
	if err := locatebuild.WriteCentroids(&c, cs); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "genlocate: %d communes without a point: %s\n", len(cs.Missing), strings.Join(cs.Missing, " "))
	if len(cs.Unmatched) > 0 {
		fmt.Fprintf(os.Stderr, "genlocate: %d codes of %s match no commune of %s: %s\n", len(cs.Unmatched), locatebuild.CentroidFile, locatebuild.Vintage, strings.Join(cs.Unmatched, " "))
	}
	if err := write(postal, p.Bytes()); err != nil {
		return err
	}
	return write(centroids, c.Bytes())
}

func write(out string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".genlocate-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
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
