// Package synth generates SYNTHETIC national INSEE census tables (base-cc
// evol-struct-pop, diplomes-formation, couples-familles-menages,
// emploi-pop-active) in INSEE's exact layouts, for tests and benchmarks at
// the scale of all of France: full national tables are not available here.
//
// The communes, arrondissements municipaux and their populations are the
// real ones of the COG embedded in diagnum; every other figure is drawn from
// a seeded model with plausible shares (see model.go), so the files are
// deterministic, byte for byte, for a given seed. Numbers are not INSEE's:
// every file says SYNTHETIC in its name and metadata.
package synth

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"

	"github.com/diagnum/diagnum/diagnostic/geo"
)

// Options chooses what is generated; the zero value is all of France, RP 2021,
// seed 1.
type Options struct {
	Seed    uint64 // 0 means 1
	Vintage int    // census year, 0 means 2021
	// Departements limits the communes to these départements (nil: all).
	Departements []string
	// Repeat writes the data rows this many times (0 means once), for
	// benchmarks of scaling; codes then repeat, as no real file does.
	Repeat int
	// MaxColumns keeps the first columns only (0: all), for benchmarks on a
	// table of a given width.
	MaxColumns int
	// Fast compresses with flate.BestSpeed instead of the default level
	// closest to Excel's: several times faster to write, files ~15% larger.
	Fast bool
}

// Unit is one row of a table: a commune, an arrondissement municipal or an
// IRIS.
type Unit struct {
	Code, Name, Departement, Region string
	Population                      int
	// Commune is the commune an arrondissement belongs to, or the commune
	// (or arrondissement) an IRIS divides; "" for a commune.
	Commune string
	// IRISType is H (a division of a commune) or Z (a whole commune), for IRIS.
	IRISType string
	profile  profile
}

// Dataset is the synthetic population of the selected communes.
type Dataset struct {
	opt      Options
	communes []Unit
	arms     []Unit
	armsOf   map[string][]Unit // arrondissements of Paris, Lyon, Marseille
}

// New prepares the units of the geography; nothing is drawn until written.
func New(g *geo.Geography, opt Options) (*Dataset, error) {
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Vintage == 0 {
		opt.Vintage = 2021
	}
	if opt.Repeat <= 0 {
		opt.Repeat = 1
	}
	keep := map[string]bool{}
	for _, d := range opt.Departements {
		keep[d] = true
	}
	d := &Dataset{opt: opt, armsOf: map[string][]Unit{}}
	deps := map[string]geo.Departement{}
	for _, dep := range g.Departements() {
		deps[dep.Code] = dep
	}
	for _, c := range g.Communes() {
		if len(keep) > 0 && !keep[c.Departement] {
			continue
		}
		if math.IsNaN(c.Population) || deps[c.Departement].Zone == geo.COM && !censused[c.Departement] {
			continue // no census: TAAF, Clipperton, the Pacific collectivities
		}
		pop := int(c.Population)
		d.communes = append(d.communes, Unit{Code: c.Code, Name: c.Name, Departement: c.Departement, Region: c.Region,
			Population: pop, profile: newProfile(opt.Seed, c.Code, pop)})
	}
	if len(d.communes) == 0 {
		return nil, fmt.Errorf("synth: no commune in départements %v", opt.Departements)
	}
	parents := map[string]Unit{}
	for _, c := range d.communes {
		parents[c.Code] = c
	}
	for _, a := range g.Arrondissements() {
		parent, ok := parents[a.Commune]
		if !ok || math.IsNaN(a.Population) {
			continue
		}
		pop := int(a.Population)
		u := Unit{Code: a.Code, Name: a.Name, Departement: parent.Departement, Region: parent.Region,
			Population: pop, Commune: a.Commune, profile: newProfile(opt.Seed, a.Code, pop)}
		d.arms = append(d.arms, u)
		d.armsOf[a.Commune] = append(d.armsOf[a.Commune], u)
	}
	sort.Slice(d.communes, func(i, j int) bool { return d.communes[i].Code < d.communes[j].Code })
	sort.Slice(d.arms, func(i, j int) bool { return d.arms[i].Code < d.arms[j].Code })
	return d, nil
}

// censused are the overseas collectivities INSEE's census covers.
var censused = map[string]bool{"975": true, "977": true, "978": true}

// Communes returns the commune rows (Paris, Lyon and Marseille whole).
func (d *Dataset) Communes() []Unit { return d.communes }

// Arrondissements returns the arrondissement rows.
func (d *Dataset) Arrondissements() []Unit { return d.arms }

// compiled is a table resolved for a vintage and column limit.
type compiled struct {
	t      Table
	vars   []string
	counts []count
	compl  []bool
	pop    int // index of Pyy_POP in vars, or -1
}

func (d *Dataset) compile(t Table, fixed int) (*compiled, error) {
	c := &compiled{t: t, vars: t.Variables(d.opt.Vintage), pop: -1}
	if m := d.opt.MaxColumns; m > 0 && fixed+len(c.vars) > m {
		c.vars = c.vars[:max(0, m-fixed)]
	}
	for i, v := range c.vars {
		if v == fmt.Sprintf("P%02d_POP", d.opt.Vintage%100) {
			c.pop = i
			c.counts = append(c.counts, nil)
			c.compl = append(c.compl, false)
			continue
		}
		f, compl, ok := resolve(v)
		if !ok {
			return nil, fmt.Errorf("synth: variable %s of %s has no model", v, t.ID)
		}
		c.counts = append(c.counts, f)
		c.compl = append(c.compl, compl)
	}
	return c, nil
}

// values fills out with the published values of a unit.
func (c *compiled) values(u Unit, key string, out []float64) {
	p := draw(u.profile, key, u.Population)
	for i, f := range c.counts {
		if i == c.pop {
			out[i] = float64(u.Population)
			continue
		}
		w := p.w
		if c.compl[i] {
			w = p.wc
		}
		out[i] = round15(float64(f(p)) * w)
	}
}

// row computes the values of a commune or arrondissement; a commune divided
// into arrondissements is the sum of them, as in INSEE's files.
func (d *Dataset) row(c *compiled, u Unit, out, tmp []float64) {
	arms := d.armsOf[u.Code]
	if len(arms) == 0 {
		c.values(u, u.Code, out)
		return
	}
	clear(out)
	for _, a := range arms {
		c.values(a, a.Code, tmp)
		for i, v := range tmp {
			out[i] += v
		}
	}
	for i := range out {
		out[i] = round15(out[i])
	}
}

// round15 keeps 15 significant digits, as INSEE publishes, so the CSV and
// XLSX files of a table hold the same numbers.
func round15(v float64) float64 {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	return r
}

func (d *Dataset) level() int {
	if d.opt.Fast {
		return flate.BestSpeed
	}
	return flate.DefaultCompression
}

// sourceLine is row 4 of every sheet: INSEE's source line, marked SYNTHETIC.
func (d *Dataset) sourceLine(t Table) string {
	return fmt.Sprintf("@Insee       Source(s) : Insee, RP%d %s — SYNTHETIC data generated by diagnum testdata/gen (seed %d): not INSEE figures",
		d.opt.Vintage, t.Exploitation, d.opt.Seed)
}

// meta writes rows 1-4 of a sheet.
func (d *Dataset) meta(s *Sheet, t Table, what string) {
	s.Row(1)
	s.Text(fmt.Sprintf(t.Title, d.opt.Vintage), StyleTitle)
	s.Row(2)
	s.Text("France - "+what, StyleDefault)
	s.Row(3)
	s.Text("Mise en ligne le 27/06/2024       Géographie au 01/01/2026 (COG 2026)", StyleDefault)
	s.Row(4)
	s.Text(d.sourceLine(t), StyleDefault)
}

// header writes rows 5 (labels) and 6 (codes).
func (d *Dataset) header(s *Sheet, fixed [][2]string, vars []string) {
	s.Row(5)
	for _, f := range fixed {
		s.Text(f[1], StyleDefault)
	}
	for _, v := range vars {
		s.Text(label(v, d.opt.Vintage), StyleDefault)
	}
	s.Row(6)
	for _, f := range fixed {
		s.Text(f[0], StyleDefault)
	}
	for _, v := range vars {
		s.Text(v, StyleDefault)
	}
}

var communeColumns = [][2]string{{"CODGEO", "Code géographique"}, {"REG", "Région"}, {"DEP", "Département"}, {"LIBGEO", "Libellé géographique"}}

// WriteXLSX writes table t as INSEE's base-cc workbook: sheets COM_yyyy
// (communes, Paris, Lyon and Marseille whole) and ARM_yyyy (their 45
// arrondissements), rows 1-4 metadata, row 5 labels, row 6 variable codes,
// data from row 7 with codes as text and figures as numbers.
func (d *Dataset) WriteXLSX(w io.Writer, t Table) error {
	c, err := d.compile(t, len(communeColumns))
	if err != nil {
		return err
	}
	wb := NewWorkbook(w, d.level())
	yyyy := strconv.Itoa(d.opt.Vintage)
	for _, sh := range []struct {
		name, what string
		units      []Unit
	}{{"COM_" + yyyy, "Communes", d.communes}, {"ARM_" + yyyy, "Arrondissements municipaux", d.arms}} {
		s := wb.Sheet(sh.name)
		d.meta(s, t, sh.what)
		fixed := communeColumns
		d.header(s, fixed, c.vars)
		vals, tmp := make([]float64, len(c.vars)), make([]float64, len(c.vars))
		row := 7
		for range d.opt.Repeat {
			for _, u := range sh.units {
				d.row(c, u, vals, tmp)
				s.Row(row)
				row++
				text := [...]string{u.Code, u.Region, u.Departement, u.Name}
				for i := range fixed {
					s.Text(text[i], StyleText)
				}
				for _, v := range vals {
					s.Number(v, StyleDefault)
				}
			}
		}
	}
	return wb.Close()
}

// WriteCSV writes table t as INSEE's CSV distribution: CODGEO and the
// variables, ";" separated, CRLF, decimal point, 15 significant digits,
// communes then arrondissements.
func (d *Dataset) WriteCSV(w io.Writer, t Table) error {
	c, err := d.compile(t, 1)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString("CODGEO")
	for _, v := range c.vars {
		bw.WriteString(";" + v)
	}
	bw.WriteString("\r\n")
	vals, tmp := make([]float64, len(c.vars)), make([]float64, len(c.vars))
	var buf []byte
	for range d.opt.Repeat {
		for _, units := range [][]Unit{d.communes, d.arms} {
			for _, u := range units {
				d.row(c, u, vals, tmp)
				buf = append(buf[:0], u.Code...)
				for _, v := range vals {
					buf = append(buf, ';')
					buf = strconv.AppendFloat(buf, v, 'g', 15, 64)
				}
				buf = append(buf, '\r', '\n')
				if _, err := bw.Write(buf); err != nil {
					return err
				}
			}
		}
	}
	return bw.Flush()
}

// WriteCSVZip writes the zip INSEE distributes: the CSV and its
// meta_…CSV of variable labels.
func (d *Dataset) WriteCSVZip(w io.Writer, t Table) error {
	zw := zip.NewWriter(w)
	level := d.level()
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) { return flate.NewWriter(out, level) })
	base := d.baseName(t, "cc")
	f, err := zw.CreateHeader(&zip.FileHeader{Name: base + ".CSV", Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	if err := d.WriteCSV(f, t); err != nil {
		return err
	}
	f, err = zw.CreateHeader(&zip.FileHeader{Name: "meta_" + base + ".CSV", Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	bw.WriteString("COD_VAR;LIB_VAR;LIB_VAR_LONG;COD_MOD;LIB_MOD;TYPE_VAR;LONG_VAR\r\n")
	bw.WriteString("CODGEO;Code géographique;Code géographique;;;CHAR;5\r\n")
	for _, v := range t.Variables(d.opt.Vintage) {
		l := label(v, d.opt.Vintage)
		fmt.Fprintf(bw, "%s;%s;%s (SYNTHETIC);;;NUM;16\r\n", v, l, l)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

var irisColumns = [][2]string{{"IRIS", "IRIS"}, {"REG", "Région"}, {"DEP", "Département"}, {"COM", "Commune ou ARM"},
	{"LIBCOM", "Libellé commune ou ARM"}, {"LIBIRIS", "Libellé de l'IRIS"}, {"TYP_IRIS", "Type d'IRIS"}}

// IRIS divides the communes and arrondissements as INSEE does: one IRIS
// (code + "0000", type Z) for a commune under 5,000 inhabitants, otherwise
// about one per 2,700 inhabitants (code + 4 digits, type H). Paris, Lyon
// and Marseille are divided through their arrondissements.
func (d *Dataset) IRIS() []Unit {
	var out []Unit
	add := func(u Unit) {
		if u.Population < 5000 {
			out = append(out, Unit{Code: u.Code + "0000", Name: u.Name, Departement: u.Departement, Region: u.Region,
				Population: u.Population, Commune: u.Code, IRISType: "Z", profile: u.profile})
			return
		}
		n := max(2, int(float64(u.Population)/2700+0.5))
		r := newRNG(d.opt.Seed, "iris:"+u.Code)
		shares := make([]float64, n)
		for i := range shares {
			shares[i] = r.between(0.6, 1.4)
		}
		pops := make([]int, n)
		splitMany(u.Population, shares, pops)
		for i, pop := range pops {
			out = append(out, Unit{Code: fmt.Sprintf("%s%02d%02d", u.Code, 1+i/99, 1+i%99), Name: fmt.Sprintf("%s %d (synthetic)", u.Name, i+1),
				Departement: u.Departement, Region: u.Region, Population: pop, Commune: u.Code, IRISType: "H", profile: u.profile})
		}
	}
	for _, c := range d.communes {
		if arms := d.armsOf[c.Code]; len(arms) > 0 {
			for _, a := range arms {
				add(a)
			}
			continue
		}
		add(c)
	}
	return out
}

// splitMany is split for any number of parts.
func splitMany(k int, shares []float64, out []int) {
	total := 0.0
	for _, s := range shares {
		total += s
	}
	left := k
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, len(shares))
	for i, s := range shares {
		exact := float64(k) * s / total
		out[i] = int(exact)
		rems[i] = rem{i, exact - float64(out[i])}
		left -= out[i]
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for j := 0; left > 0; j, left = j+1, left-1 {
		out[rems[j].i]++
	}
}

// WriteIRISXLSX writes table t at the IRIS level (INSEE's base-ic layout):
// one sheet IRIS, rows 1-4 metadata, labels, codes, data from row 7.
func (d *Dataset) WriteIRISXLSX(w io.Writer, t Table) error {
	c, err := d.compile(t, len(irisColumns))
	if err != nil {
		return err
	}
	wb := NewWorkbook(w, d.level())
	s := wb.Sheet("IRIS")
	d.meta(s, t, "IRIS")
	d.header(s, irisColumns, c.vars)
	names := map[string]string{}
	for _, u := range append(append([]Unit(nil), d.communes...), d.arms...) {
		names[u.Code] = u.Name
	}
	vals := make([]float64, len(c.vars))
	row := 7
	for _, u := range d.IRIS() {
		c.values(u, "iris:"+u.Code, vals)
		s.Row(row)
		row++
		for _, v := range [...]string{u.Code, u.Region, u.Departement, u.Commune, names[u.Commune], u.Name, u.IRISType} {
			s.Text(v, StyleText)
		}
		for _, v := range vals {
			s.Number(v, StyleDefault)
		}
	}
	return wb.Close()
}

// baseName is INSEE's file name stem, marked synthetic: level "cc" for
// communes, "ic" for IRIS.
func (d *Dataset) baseName(t Table, level string) string {
	return fmt.Sprintf("synthetic-base-%s-%s-%d", level, t.ID, d.opt.Vintage)
}

// Kinds of file Generate can write.
const (
	XLSX    = "xlsx" // synthetic-base-cc-<table>-2021.xlsx
	CSVZip  = "csv"  // synthetic-base-cc-<table>-2021_csv.zip
	IRISXLS = "iris" // synthetic-base-ic-<table>-2021.xlsx
)

// FileName is the name Generate gives to a table in a kind of file.
func (d *Dataset) FileName(t Table, kind string) string {
	switch kind {
	case CSVZip:
		return d.baseName(t, "cc") + "_csv.zip"
	case IRISXLS:
		return d.baseName(t, "ic") + ".xlsx"
	}
	return d.baseName(t, "cc") + ".xlsx"
}

// Generate writes the given kinds of file for every table into dir and
// returns their paths, writing several files at once (one per core); a
// file is written under a temporary name and renamed when complete.
func (d *Dataset) Generate(dir string, tables []Table, kinds ...string) ([]string, error) {
	type job struct {
		path  string
		write func(io.Writer, Table) error
		t     Table
	}
	var jobs []job
	for _, t := range tables {
		for _, kind := range kinds {
			j := job{path: filepath.Join(dir, d.FileName(t, kind)), t: t}
			switch kind {
			case XLSX:
				j.write = d.WriteXLSX
			case CSVZip:
				j.write = d.WriteCSVZip
			case IRISXLS:
				j.write = d.WriteIRISXLSX
			default:
				return nil, fmt.Errorf("synth: unknown kind of file %q", kind)
			}
			jobs = append(jobs, j)
		}
	}
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = writeFile(j.path, func(w io.Writer) error { return j.write(w, j.t) })
		}()
	}
	wg.Wait()
	paths := make([]string, len(jobs))
	for i, j := range jobs {
		paths[i] = j.path
	}
	return paths, errors.Join(errs...)
}

func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".synth-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("synth: writing %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
