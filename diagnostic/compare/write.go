package compare

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/diagnum/diagnum/internal/outdir"
)

// SummaryName is the file saying what differs between the runs and how they were
// harmonised; its presence marks a folder written by Write.
const SummaryName = "comparaison.json"

// evolutionName names a level's evolution table by its stable ID.
func evolutionName(level string) string { return "evolution-" + level + ".csv" }

// WriteOptions are what the pages need besides the comparison.
type WriteOptions struct {
	// EChartsJS is a local copy of ECharts (dist/echarts.min.js of the npm package
	// echarts 5), inlined in evolution.html so that it works offline; without it the
	// page loads ECharts from a CDN.
	EChartsJS []byte
}

// Write writes the comparison into dir — one evolution-<level>.csv per level,
// evolution.xlsx and evolution.html for people, and comparaison.json — all or nothing, and returns the file names (sorted). An existing
// dir is replaced only when it is empty or an earlier output of Write: a run's
// folder given by mistake is never overwritten.
func Write(c *Comparison, dir string, opts ...WriteOptions) ([]string, error) {
	var js []byte
	for _, o := range opts {
		js = o.EChartsJS
	}
	files := map[string][]byte{}
	for i := range c.Levels {
		var buf bytes.Buffer
		if err := writeCSV(&buf, &c.Levels[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", evolutionName(c.Levels[i].ID), err)
		}
		files[evolutionName(c.Levels[i].ID)] = buf.Bytes()
	}
	var buf bytes.Buffer
	if err := writeXLSX(&buf, c); err != nil {
		return nil, fmt.Errorf("%s: %w", XLSXName, err)
	}
	files[XLSXName] = bytes.Clone(buf.Bytes())
	buf.Reset()
	if err := writeHTML(&buf, c, js); err != nil {
		return nil, fmt.Errorf("%s: %w", HTMLName, err)
	}
	files[HTMLName] = bytes.Clone(buf.Bytes())
	buf.Reset()
	names := append(slices.Collect(maps.Keys(files)), SummaryName)
	slices.Sort(names)
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(summary(c, names)); err != nil {
		return nil, fmt.Errorf("%s: %w", SummaryName, err)
	}
	files[SummaryName] = buf.Bytes()
	if err := checkReplaceable(dir); err != nil {
		return nil, err
	}
	if err := publish(dir, files); err != nil {
		return nil, err
	}
	return names, nil
}

// checkReplaceable refuses to replace a folder Write did not write.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, SummaryName)); err != nil {
		return fmt.Errorf("%s exists and is not an output of diagnum compare (no %s): choose another --out, or remove it", dir, SummaryName)
	}
	return nil
}

// publish writes the files into dir all at once: complete or as it was.
func publish(dir string, files map[string][]byte) error {
	return outdir.Replace(dir, func(tmp string) error {
		for name, data := range files {
			if err := outdir.WriteFile(filepath.Join(tmp, name), func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			}); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return nil
	})
}

// Suffixes of the evolution tables' columns.
const (
	suffixOld      = "_ancien"
	suffixNew      = "_nouveau"
	suffixChange   = "_evol"
	suffixRelative = "_evol_pct"
)

// header lists an evolution table's columns.
func header(lv *Level) []string {
	h := []string{"code", "libelle", "statut", "codes_ancien", "codes_nouveau"}
	for _, c := range lv.Columns {
		h = append(h, c.ID+suffixOld, c.ID+suffixNew, c.ID+suffixChange)
		if c.Kind == Quantity {
			h = append(h, c.ID+suffixRelative)
		}
	}
	return append(h, "alertes")
}

// writeCSV writes one level's evolution like the run's tables: RFC 4180, comma, dot
// decimals, UTF-8, a missing value as an empty cell; lists within a cell are
// separated by "|".
func writeCSV(w *bytes.Buffer, lv *Level) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header(lv)); err != nil {
		return err
	}
	for _, r := range lv.Rows {
		rec := []string{r.Code, r.Name, string(r.Status), strings.Join(r.OldCodes, "|"), strings.Join(r.NewCodes, "|")}
		for i, c := range lv.Columns {
			rec = append(rec, formatNumber(r.Old[i]), formatNumber(r.New[i]), formatNumber(r.Change(i)))
			if c.Kind == Quantity {
				rec = append(rec, formatNumber(r.RelativeChange(i)))
			}
		}
		rec = append(rec, strings.Join(r.Alerts, "|"))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// formatNumber is the shortest text that parses back to v, "" when v is missing, as
// in the run's tables.
func formatNumber(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return ""
	case v == 0:
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
