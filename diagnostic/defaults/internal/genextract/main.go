// Command genextract regenerates the data embedded by package defaults from the
// published files: go generate in diagnostic/defaults runs it. The archives it
// writes are byte-identical from one run to the next, so they can be committed and
// checked.
//
// Usage: genextract -src ../../../shared/data -out data
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/diagnum/diagnum/diagnostic/defaults/internal/extract"
)

func main() {
	src := flag.String("src", "", "folder holding the published files (insee/, arcep/)")
	out := flag.String("out", "data", "folder the archives are written to")
	flag.Parse()
	if *src == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genextract -src SHARED_DATA_DIR [-out DIR]")
		os.Exit(2)
	}
	results, err := extract.WriteAll(*src, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genextract:", err)
		os.Exit(1)
	}
	for i, r := range extract.Recipes {
		fmt.Printf("%s: %d rows, %d bytes, original sha256 %s\n",
			filepath.Join(*out, r.Name+".zip"), results[i].Rows, len(results[i].Archive), results[i].OriginalSHA256)
	}
}
