package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/report"
	"github.com/spf13/cobra"
)

type runOptions struct {
	specOptions
	out     string
	formats []string
}

func newRunCmd() *cobra.Command {
	o := &runOptions{}
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
  diagnum run --spec diagnostic.yaml`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(o, cmd.ErrOrStderr())
		},
	}
	o.register(cmd)
	cmd.Flags().StringVar(&o.out, "out", "", "output `DIR` (default diagnostic-out, or output.dir of the spec)")
	cmd.Flags().StringSliceVar(&o.formats, "format", nil, "output `FORMATS` among csv, xlsx, json (default all)")
	return cmd
}

func runRun(o *runOptions, stderr io.Writer) error {
	s, err := o.build()
	if err != nil {
		return err
	}
	if o.out != "" {
		s.Output.Dir = o.out
	}
	if len(o.formats) > 0 {
		s.Output.Formats = o.formats
		if err := s.Validate(); err != nil {
			return usageError{err}
		}
	}
	res, err := diagnostic.Run(s, diagnostic.Options{AllowUnmatched: o.allowUnmatched})
	if err != nil {
		return err
	}
	dir := s.Resolve(s.Output.Dir)
	files, err := report.Write(res, dir, s.Output.Formats)
	if err != nil {
		return err
	}
	summarise(stderr, res, dir, files)
	return nil
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
