// Package extract cuts the columns the indicators need out of published files and
// packs them into deterministic zip archives, so that the data embedded in diagnum is
// the published data, byte for byte, only narrower.
package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Recipe says how one embedded dataset is cut out of its published file.
type Recipe struct {
	Name    string // dataset name; the archive is Name + ".zip"
	Source  string // the published file, relative to the shared data folder
	Member  string // the member to read when Source is a zip archive, "" otherwise
	File    string // the name of the CSV inside the archive written
	Lead    int    // lines before the header, copied unchanged (a disclaimer)
	Sep     byte
	Columns []string // kept in this order, named as published
	// Whole keeps the published file unchanged (a list of places: every column
	// matters); Lead, Sep and Columns are then unused.
	Whole bool
}

// Recipes lists every extract diagnum embeds.
var Recipes = []Recipe{
	{
		Name:    "comparateur-2021",
		Source:  "insee/base_cc_comparateur_csv.zip",
		Member:  "base_cc_comparateur.CSV",
		File:    "base_cc_comparateur.CSV",
		Sep:     ';',
		Columns: []string{"CODGEO", "P18_POP", "P18_POP1564", "P18_CHOM1564", "P18_ACT1564", "NBMENFISC19", "MED19", "TP6019"},
	},
	{
		Name:    "arcep-debit-2019-09",
		Source:  "arcep/commune-debit-beta-2019-09-30.csv",
		File:    "commune-debit-beta-2019-09-30.csv",
		Lead:    1,
		Sep:     ';',
		Columns: []string{"code_insee", "nom_com", "code_dep", "code_reg", "nbr", "elig_thd30", "elig_thd100", "elig_thd1g", "date"},
	},
	{
		Name:   "france-services-2024-08",
		Source: "sites/france-services-20240801.csv",
		File:   "france-services-20240801.csv",
		Whole:  true,
	},
	{
		Name:   "lieux-cnfs-2022",
		Source: "sites/lieux-cnfs-2022.json",
		File:   "lieux-cnfs-2022.json",
		Whole:  true,
	},
}

// Lookup returns the recipe of a dataset.
func Lookup(name string) (Recipe, bool) {
	for _, r := range Recipes {
		if r.Name == name {
			return r, true
		}
	}
	return Recipe{}, false
}

// modified is the time stamped on every archive member: a constant, so that
// regenerating an archive gives the same bytes.
var modified = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Result is what one extraction produced.
type Result struct {
	Archive        []byte // the zip archive
	CSV            []byte // its only member
	Rows           int    // data rows, header and lead lines excluded; 0 for a whole file
	OriginalSHA256 string // of the published file, hex
}

// Build reads the recipe's published file under dataDir and extracts from it.
func (r Recipe) Build(dataDir string) (Result, error) {
	path := filepath.Join(dataDir, filepath.FromSlash(r.Source))
	raw, err := os.ReadFile(path)
	if err != nil {
		return Result{}, err
	}
	sum := sha256.Sum256(raw)
	table := raw
	where := path
	if r.Member != "" {
		where = path + ":" + r.Member
		if table, err = readMember(raw, r.Member); err != nil {
			return Result{}, fmt.Errorf("%s: %w", path, err)
		}
	}
	csv, rows := table, 0
	if !r.Whole {
		if csv, rows, err = r.Cut(table); err != nil {
			return Result{}, fmt.Errorf("%s: %w", where, err)
		}
	}
	archive, err := Zip(r.File, csv)
	if err != nil {
		return Result{}, err
	}
	return Result{Archive: archive, CSV: csv, Rows: rows, OriginalSHA256: hex.EncodeToString(sum[:])}, nil
}

func readMember(archive []byte, name string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return nil, err
	}
	f, err := zr.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Cut keeps the recipe's columns of a delimited table. Fields are copied as bytes,
// never parsed, and every line keeps its own terminator (CRLF or LF), so the result
// reads exactly like the published file. Quoted fields are refused rather than
// guessed at: the published files have none.
func (r Recipe) Cut(table []byte) (out []byte, rows int, err error) {
	var b bytes.Buffer
	b.Grow(len(table) / 2)
	var (
		pick   []int // indexes of the kept columns
		width  int   // number of columns in the header
		fields [][]byte
	)
	for n := 1; len(table) > 0; n++ {
		var line, eol []byte
		line, eol, table = nextLine(table)
		if n <= r.Lead {
			b.Write(line)
			b.Write(eol)
			continue
		}
		if bytes.IndexByte(line, '"') >= 0 {
			return nil, 0, fmt.Errorf("line %d: quoted fields are not supported", n)
		}
		fields = split(fields[:0], line, r.Sep)
		if pick == nil {
			if pick, err = r.columns(fields); err != nil {
				return nil, 0, fmt.Errorf("line %d (header): %w", n, err)
			}
			width = len(fields)
		} else {
			if len(fields) != width {
				return nil, 0, fmt.Errorf("line %d: %d fields, the header has %d", n, len(fields), width)
			}
			rows++
		}
		for i, k := range pick {
			if i > 0 {
				b.WriteByte(r.Sep)
			}
			b.Write(fields[k])
		}
		b.Write(eol)
	}
	if pick == nil {
		return nil, 0, fmt.Errorf("no header line")
	}
	return b.Bytes(), rows, nil
}

// columns finds the recipe's columns in a header.
func (r Recipe) columns(header [][]byte) ([]int, error) {
	at := make(map[string]int, len(header))
	for i, h := range header {
		if _, dup := at[string(h)]; dup {
			return nil, fmt.Errorf("column %q appears twice", h)
		}
		at[string(h)] = i
	}
	pick := make([]int, len(r.Columns))
	for i, c := range r.Columns {
		k, ok := at[c]
		if !ok {
			return nil, fmt.Errorf("no column %q", c)
		}
		pick[i] = k
	}
	return pick, nil
}

// nextLine splits off the first line and its terminator ("\r\n", "\n" or none at
// the end of the data).
func nextLine(data []byte) (line, eol, rest []byte) {
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		return data, nil, nil
	}
	end := i
	if end > 0 && data[end-1] == '\r' {
		end--
	}
	return data[:end], data[end : i+1], data[i+1:]
}

func split(dst [][]byte, line []byte, sep byte) [][]byte {
	for {
		i := bytes.IndexByte(line, sep)
		if i < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:i])
		line = line[i+1:]
	}
}

// Zip packs one file into an archive that depends on nothing but its content and
// name: fixed time stamp, maximum compression.
func Zip(name string, content []byte) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(content); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteAll builds every recipe from dataDir and writes the archives into outDir.
func WriteAll(dataDir, outDir string) ([]Result, error) {
	results := make([]Result, len(Recipes))
	for i, r := range Recipes {
		res, err := r.Build(dataDir)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(outDir, r.Name+".zip"), res.Archive, 0o644); err != nil {
			return nil, err
		}
		results[i] = res
	}
	return results, nil
}
