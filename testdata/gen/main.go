// Command gen writes SYNTHETIC national INSEE census tables for tests and
// benchmarks at the scale of all of France (see package synth):
//
//	go run ./testdata/gen -out /tmp/national              # the 4 XLSX workbooks
//	go run ./testdata/gen -out /tmp/national -kinds xlsx,csv,iris
//	go run ./testdata/gen -out /tmp/nievre -dep 58 -fast
//
// The files are deterministic for a seed and say SYNTHETIC in their names
// and metadata rows; they are not INSEE figures. Large outputs are never
// committed: tests generate what they need into a temporary folder.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/testdata/gen/synth"
)

func main() {
	out := flag.String("out", "synthetic-national", "output `DIR` (created if needed)")
	kinds := flag.String("kinds", "xlsx", "comma list of `KINDS`: xlsx (base-cc workbooks), csv (INSEE's zipped ; CSV), iris (base-ic workbooks)")
	tables := flag.String("tables", "", "comma list of table `IDS` (default all: evol-struct-pop, diplomes-formation, couples-familles-menages, emploi-pop-active)")
	deps := flag.String("dep", "", "comma list of `DEPARTEMENTS` (default all of France)")
	seed := flag.Uint64("seed", 1, "`SEED` of the synthetic figures")
	vintage := flag.Int("vintage", 2021, "census `YEAR`")
	repeat := flag.Int("repeat", 1, "write the data rows `N` times (scaling benchmarks; codes repeat)")
	fast := flag.Bool("fast", false, "compress faster (larger files)")
	flag.Parse()
	if err := run(*out, *kinds, *tables, *deps, *seed, *vintage, *repeat, *fast); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, kinds, tables, deps string, seed uint64, vintage, repeat int, fast bool) error {
	g, err := geo.Embedded()
	if err != nil {
		return err
	}
	opt := synth.Options{Seed: seed, Vintage: vintage, Repeat: repeat, Fast: fast}
	if deps != "" {
		opt.Departements = strings.Split(deps, ",")
	}
	d, err := synth.New(g, opt)
	if err != nil {
		return err
	}
	list := synth.Tables()
	if tables != "" {
		list = nil
		for _, id := range strings.Split(tables, ",") {
			t, ok := synth.TableByID(id)
			if !ok {
				return fmt.Errorf("unknown table %q", id)
			}
			list = append(list, t)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	paths, err := d.Generate(out, list, strings.Split(kinds, ",")...)
	for _, p := range paths {
		fmt.Println(p)
	}
	return err
}
