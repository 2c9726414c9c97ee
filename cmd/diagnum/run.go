package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/report"
	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/spf13/cobra"
)

type runOptions struct {
	specOptions
	out         string
	formats     []string
	method      string
	uncertainty int
	seed        int
	quiet       bool
	check       bool
	json        bool
	contours    []string
	echarts     string
}

func newRunCmd() *cobra.Command {
	o := &runOptions{specOptions: specOptions{territoryRequired: true}}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Compute the diagnostic and write its outputs",
		Long: `Compute the indicators per commune, EPCI and département (with région and France as
references) and write them to the output folder: indicateurs-*.csv, resume.json and
diagnostic.xlsx. The folder appears complete or not at all.

With no input file, runs on the data embedded in diagnum: Nièvre (58), INSEE
comparateur de territoires (RP 2018, Filosofi 2019) and ARCEP broadband (2019).`,
		Example: `  diagnum run
  diagnum run --census base_cc_comparateur_csv.zip --services commune-debit.csv --territory dep:58 --out nievre
  diagnum run --spec diagnostic.yaml
  diagnum run --spec diagnostic.yaml --check   # in CI: exit 3 when the outputs would change`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.register(cmd)
	cmd.Flags().StringVar(&o.out, "out", "", "output `DIR` (default diagnostic-out, or output.dir of the spec)")
	cmd.Flags().StringSliceVar(&o.formats, "format", nil, "output `FORMATS` among csv, xlsx, json, html (default all)")
	cmd.Flags().StringSliceVar(&o.contours, "contours", nil, "GeoJSON `FILE`s of commune or EPCI outlines, drawn as maps in rapport.html")
	cmd.Flags().StringVar(&o.echarts, "echarts", "", "a local echarts.min.js `FILE` (npm package echarts 5), inlined so rapport.html works offline")
	cmd.Flags().StringVar(&o.method, "method", "", "composite index `METHOD`: diagnum (default), ifn-2020-kit, ifn-2020-map, ifn-rank, ifn-core (see diagnum methods)")
	cmd.Flags().IntVar(&o.uncertainty, "uncertainty", 0, "run `N` Monte Carlo draws over the method's choices and give each territory its rank interval")
	cmd.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "print nothing but errors (no progress bar, no summary)")
	cmd.Flags().BoolVar(&o.check, "check", false, "write nothing: exit 3 when the outputs in the output folder would change (for CI)")
	cmd.Flags().BoolVar(&o.json, "json", false, "print the run's summary as JSON on stdout (messages stay on stderr)")
	cmd.Flags().IntVar(&o.seed, "seed", 0, "`SEED` of the Monte Carlo draws (default 1): same seed, same result")
	return cmd
}

func runRun(o *runOptions, stdout, stderr io.Writer) error {
	s, err := o.build()
	if err != nil {
		return err
	}
	if o.out != "" {
		s.Output.Dir = o.out
	}
	if o.method != "" {
		// A preset's own defaults, not the spec's tuning of another method; the
		// imputations allowed and the uncertainty asked still hold.
		s.Method = spec.Method{Name: o.method, Imputation: s.Method.Imputation, Uncertainty: s.Method.Uncertainty}
	}
	if o.uncertainty < 0 {
		return usagef("--uncertainty: want a number of draws ≥ 0, got %d", o.uncertainty)
	}
	if o.uncertainty > 0 {
		s.Method.Uncertainty.Draws = o.uncertainty
	}
	if o.seed != 0 {
		s.Method.Uncertainty.Seed = o.seed
	}
	if len(o.formats) > 0 {
		s.Output.Formats = o.formats
		if err := s.Validate(); err != nil {
			return usageError{err}
		}
	}
	if len(o.contours) > 0 {
		s.Output.Contours = fromWorkingDirAll(s, o.contours)
	}
	if o.echarts != "" {
		s.Output.ECharts = fromWorkingDir(s, o.echarts)
	}
	ropt, err := reportOptions(s)
	if err != nil {
		return err
	}
	bar := newProgress(stderr, len(diagnostic.Stages)+1, o.quiet)
	res, err := diagnostic.Run(s, diagnostic.Options{AllowUnmatched: o.allowUnmatched, Stage: bar.step})
	if err != nil {
		bar.done()
		return err
	}
	bar.step(len(diagnostic.Stages), "écriture des résultats")
	dir := s.Resolve(s.Output.Dir)
	if o.check {
		err := checkOutputs(res, dir, s.Output.Formats, ropt, stderr)
		bar.done()
		if o.json {
			upToDate := err == nil
			if jerr := printSummary(stdout, res, dir, nil, &upToDate); jerr != nil {
				return jerr
			}
		}
		return err
	}
	files, err := report.Write(res, dir, s.Output.Formats, ropt)
	bar.done()
	if err != nil {
		return err
	}
	if !o.quiet {
		summarise(stderr, res, dir, files)
	}
	if o.json {
		return printSummary(stdout, res, dir, files, nil)
	}
	return nil
}

// reportOptions reads what the HTML report needs besides the result: the outlines
// for its maps and a local ECharts, so the page works offline.
func reportOptions(s *spec.Spec) (report.Options, error) {
	var opt report.Options
	if len(s.Output.Contours) > 0 {
		var paths []string
		for _, p := range s.Output.Contours {
			paths = append(paths, s.Resolve(p))
		}
		c, err := report.ReadContours(paths...)
		if err != nil {
			return opt, err
		}
		opt.Contours = c
	}
	if s.Output.ECharts != "" {
		js, err := os.ReadFile(s.Resolve(s.Output.ECharts))
		if err != nil {
			return opt, fmt.Errorf("--echarts: %w", err)
		}
		opt.EChartsJS = js
	}
	return opt, nil
}

// summarise tells on stderr what was computed and where it went.
func summarise(w io.Writer, res *diagnostic.Result, dir string, files []string) {
	var names []string
	for _, t := range res.Territory {
		names = append(names, fmt.Sprintf("%s (%s)", t.Name, t.Spec))
	}
	fmt.Fprintf(w, "diagnum run: %s\n", strings.Join(names, ", "))
	for _, l := range res.Levels {
		fmt.Fprintf(w, "  %-13s %d\n", l.Label, len(l.Rows))
	}
	fmt.Fprintf(w, "  indicators: %d computed", len(res.Indicators))
	if len(res.Missing) > 0 {
		var ids []string
		for _, m := range res.Missing {
			ids = append(ids, m.ID)
		}
		fmt.Fprintf(w, ", %d without data (%s)", len(res.Missing), strings.Join(ids, ", "))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  index: %s (%s)\n", res.Method.Name, res.Method.ID)
	warnings := 0
	for _, p := range res.Problems {
		if p.Severity == problem.Warning {
			warnings++
		}
	}
	if warnings > 0 {
		fmt.Fprintf(w, "  %d warnings: see resume.json or the Anomalies sheet\n", warnings)
	}
	fmt.Fprintf(w, "  written to %s: %s\n", dir, strings.Join(files, ", "))
}
