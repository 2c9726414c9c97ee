// Package report writes a run's Result as files — one CSV per level, resume.json,
// diagnostic.xlsx and rapport.html — all or nothing: a reader of the output directory
// sees either the previous complete output or the new complete output, never a mix.
//
// Writers format the Result; they compute nothing new.
//
// With lists of places, each indicateurs-<level>.csv also holds the offer columns
// (the IDs of Result.Offer.Columns) and, for a studied level, a quadrant column
// (fragile-sous-dote, fragile-dote, peu-fragile-sous-dote, peu-fragile-dote, empty when
// the territory could not be placed); each studied level with fragile and
// under-served territories gets priorites-<level>.csv, ranked most in need first:
//
//	rang,code,libelle,quadrant,population_fragile,lieux,population_fragile_par_lieu,
//	facteur_1,valeur_1,reference_1,facteur_2,valeur_2,reference_2
//
// A territory with fragile population and no place at all has an infinite need per
// place: its population_fragile_par_lieu is an empty cell and its lieux is 0. Such
// territories rank first, by fragile population. facteur_n is an indicator ID,
// valeur_n its value and reference_n that of the reference territory (resume.json,
// offer.reference); fewer than two known drivers leave the cells empty.
package report

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/html"
	"github.com/diagnum/diagnum/internal/outdir"
)

// knownFormats are the formats Write knows.
var knownFormats = []string{"csv", "json", "xlsx", "html"}

const (
	jsonName    = "resume.json"
	xlsxName    = "diagnostic.xlsx"
	htmlName    = "rapport.html"
	echartsName = "echarts.min.js" // beside rapport.html, when ECharts cannot be inlined
)

// Options are the report's choices beyond the formats; the zero value is fine.
type Options struct {
	// Contours are territory outlines (ReadContours) drawn as maps in rapport.html;
	// nil: no map.
	Contours *Contours
	// EChartsJS is a local copy of ECharts 5 (dist/echarts.min.js of the npm package
	// echarts). rapport.html inlines it, so the page works offline (or, if it cannot be
	// inlined, loads it from echarts.min.js written beside it); nil: the page loads
	// ECharts from its CDN.
	EChartsJS []byte
}

// Contours are territory outlines by code, read from GeoJSON (see ReadContours).
type Contours = html.Contours

// ReadContours reads GeoJSON FeatureCollection files (WGS84) of communes, EPCI or
// départements, their features keyed by a code property ("code", "SIREN_EPCI",
// "INSEE_COM"...). A code found in two files is an error.
func ReadContours(paths ...string) (*Contours, error) { return html.ReadContours(paths...) }

// output is one file to write and how to write it.
type output struct {
	name  string
	write func(w io.Writer) error
}

// Write writes the formats asked ("csv", "xlsx", "json", "html"; nil = all) for res into dir,
// atomically: everything is written into a temporary sibling directory (same parent, so
// rename is atomic), fsync'd, then moved into place; an existing dir is replaced only after
// the new one is complete (move old aside, rename new, remove old); on any failure the
// temporary directory is removed and dir is left as it was. Returns the file names written (sorted).
//
// The parent of dir must exist. If the new output is in place but the previous one cannot
// be removed, Write returns the names together with an error naming what was left behind.
// opts, at most one, carries the contours and ECharts for rapport.html.
func Write(res *diagnostic.Result, dir string, formats []string, opts ...Options) ([]string, error) {
	if res == nil {
		return nil, errors.New("report: nil result")
	}
	if len(opts) > 1 {
		return nil, errors.New("report: more than one Options")
	}
	var opt Options
	if len(opts) == 1 {
		opt = opts[0]
	}
	if err := validate(res); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if len(opt.EChartsJS) > 0 {
		if err := html.CheckECharts(opt.EChartsJS); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	}
	outs, names, err := plan(res, formats, opt)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if err := outdir.Replace(dir, func(tmp string) error {
		for _, o := range outs {
			if err := outdir.WriteFile(filepath.Join(tmp, o.name), o.write); err != nil {
				return fmt.Errorf("%s: %w", o.name, err)
			}
		}
		return nil
	}); err != nil {
		var left *outdir.LeftoverError
		if errors.As(err, &left) {
			return names, fmt.Errorf("report: %w", err)
		}
		return nil, fmt.Errorf("report: %w", err)
	}
	return names, nil
}

// plan lists the files the formats ask for and their sorted names; resume.json lists
// every output, itself included, so the names are known before anything is written.
func plan(res *diagnostic.Result, formats []string, opt Options) ([]output, []string, error) {
	if len(formats) == 0 {
		formats = knownFormats
	}
	want := map[string]bool{}
	for _, f := range formats {
		f = strings.ToLower(strings.TrimSpace(f))
		if !slices.Contains(knownFormats, f) {
			return nil, nil, fmt.Errorf("unknown format %q (want %s)", f, strings.Join(knownFormats, ", "))
		}
		want[f] = true
	}
	var outs []output
	if want["csv"] {
		for i := range res.Levels {
			lv := &res.Levels[i]
			outs = append(outs, output{csvName(lv), func(w io.Writer) error { return writeCSV(w, res, lv) }})
			if withPriorities(lv) {
				outs = append(outs, output{prioritiesName(lv), func(w io.Writer) error { return writePrioritiesCSV(w, lv) }})
			}
		}
	}
	if want["xlsx"] {
		outs = append(outs, output{xlsxName, func(w io.Writer) error { return writeXLSX(w, res) }})
	}
	if want["html"] {
		page := html.Options{Contours: opt.Contours, EChartsJS: opt.EChartsJS}
		if len(opt.EChartsJS) > 0 && !html.Inlinable(opt.EChartsJS) {
			page.EChartsJS, page.EChartsSrc = nil, echartsName
			outs = append(outs, output{echartsName, func(w io.Writer) error { _, err := w.Write(opt.EChartsJS); return err }})
		}
		outs = append(outs, output{htmlName, func(w io.Writer) error { return html.Write(w, res, page) }})
	}
	if want["json"] {
		outs = append(outs, output{name: jsonName})
	}
	names := make([]string, len(outs))
	for i, o := range outs {
		names[i] = o.name
	}
	slices.Sort(names)
	if want["json"] {
		outs[len(outs)-1].write = func(w io.Writer) error { return writeJSON(w, res, names) }
	}
	return outs, names, nil
}

// validate rejects a Result the writers cannot format faithfully, before any file exists.
func validate(res *diagnostic.Result) error {
	seen := map[string]bool{}
	for _, lv := range res.Levels {
		if lv.ID == "" || strings.ContainsAny(lv.ID, `/\:`) || lv.ID == "." || lv.ID == ".." {
			return fmt.Errorf("level id %q cannot name a file", lv.ID)
		}
		if seen[lv.ID] {
			return fmt.Errorf("level %q appears twice", lv.ID)
		}
		seen[lv.ID] = true
		for _, row := range lv.Rows {
			if len(row.Values) != len(res.Indicators) {
				return fmt.Errorf("level %s, territory %s: %d values for %d indicators",
					lv.ID, row.Code, len(row.Values), len(res.Indicators))
			}
		}
		if err := validateOffer(res, lv); err != nil {
			return fmt.Errorf("level %s: %w", lv.ID, err)
		}
	}
	return nil
}

// validateOffer rejects offer figures that are not aligned with the level's rows and
// the offer columns: a writer would show them against the wrong territory or
// column. A level may have none (they read as missing).
func validateOffer(res *diagnostic.Result, lv diagnostic.Level) error {
	if len(lv.OfferRows) > 0 {
		if res.Offer == nil {
			return errors.New("offer figures without Result.Offer")
		}
		if len(lv.OfferRows) != len(lv.Rows) {
			return fmt.Errorf("%d offer rows for %d territories", len(lv.OfferRows), len(lv.Rows))
		}
		for i, row := range lv.OfferRows {
			if row.Code != lv.Rows[i].Code {
				return fmt.Errorf("offer row %d is territory %s, want %s", i+1, row.Code, lv.Rows[i].Code)
			}
			if len(row.Values) != len(res.Offer.Columns) {
				return fmt.Errorf("territory %s: %d offer values for %d offer columns", row.Code, len(row.Values), len(res.Offer.Columns))
			}
		}
	}
	if len(lv.Quadrants) > 0 && len(lv.Quadrants) != len(lv.Rows) {
		return fmt.Errorf("%d quadrants for %d territories", len(lv.Quadrants), len(lv.Rows))
	}
	return nil
}
