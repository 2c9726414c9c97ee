package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/compare"
	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	out     string
	levels  []string
	echarts string
}

func newCompareCmd() *cobra.Command {
	o := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare OLD_DIR NEW_DIR",
		Short: "Compare two runs: the evolution of every indicator, score, class and rank",
		Long: `Read two output folders of diagnum run (two vintages of the same diagnostic) and
write, per level, the evolution of every territory: population, indicators and
scores (old, new, absolute and relative change), classes and rank (old, new,
change), in evolution-<level>.csv, and in comparaison.json what differs between the
runs (geography, inputs, indicator vintages, method, reference) and what could not
be harmonised.

Communes are first brought to the more recent geography through the COG's former
codes; communes merged since the older run are compared on their population only,
their rates needing counts the tables do not hold. Scores are comparable across
years only with a fixed reference: comparaison.json says whether it was.`,
		Example: `  diagnum compare diagnostic-2024 diagnostic-2025 --out evolution
  diagnum compare old new --out evolution --levels epci,departement`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("want two output folders of diagnum run, OLD_DIR and NEW_DIR; got %d argument(s)", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(o, args[0], args[1], cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.out, "out", "evolution-out", "output `DIR`, replaced as a whole (it must be empty, absent or an earlier compare output)")
	cmd.Flags().StringSliceVar(&o.levels, "levels", nil, "`LEVELS` to compare among commune, epci, departement, region, france (default: every level of both runs)")
	cmd.Flags().StringVar(&o.echarts, "echarts", "", "a local echarts.min.js `FILE` (npm package echarts 5), inlined so evolution.html works offline")
	return cmd
}

func runCompare(o *compareOptions, oldDir, newDir string, stderr io.Writer) error {
	for _, in := range []string{oldDir, newDir} {
		if same(in, o.out) {
			return usagef("--out %s is one of the runs compared: choose another folder", o.out)
		}
	}
	old, err := compare.Read(oldDir)
	if err != nil {
		return err
	}
	cur, err := compare.Read(newDir)
	if err != nil {
		return err
	}
	g, err := geo.Embedded()
	if err != nil {
		return err
	}
	c, err := compare.Compare(old, cur, compare.Options{
		Levels:       o.levels,
		FormerCodes:  g.FormerCodes(),
		FormerSource: g.Vintage + " embedded in diagnum (" + g.Source + ")",
	})
	if errors.Is(err, compare.ErrLevel) {
		return usagef("--levels: %v", err)
	}
	if err != nil {
		return err
	}
	var wopt compare.WriteOptions
	if o.echarts != "" {
		if wopt.EChartsJS, err = os.ReadFile(o.echarts); err != nil {
			return fmt.Errorf("--echarts: %w", err)
		}
	}
	files, err := compare.Write(c, o.out, wopt)
	if err != nil {
		return err
	}
	summariseComparison(stderr, c)
	fmt.Fprintf(stderr, "  written to %s: %s\n", o.out, strings.Join(files, ", "))
	return nil
}

// same reports whether two paths name the same folder.
func same(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// summariseComparison tells what was compared, how many territories changed and what
// differs between the runs.
func summariseComparison(w io.Writer, c *compare.Comparison) {
	target := c.New
	if c.Target == compare.Old {
		target = c.Old
	}
	fmt.Fprintf(w, "diagnum compare: %s (%s) → %s (%s), in the geography of %s\n",
		c.Old.Dir, c.Old.Resume.Geography.Vintage, c.New.Dir, c.New.Resume.Geography.Vintage, target.Resume.Geography.Vintage)
	for _, lv := range c.Levels {
		counts := map[compare.Status]int{}
		changed := 0
		for _, r := range lv.Rows {
			counts[r.Status]++
			if r.Changed() {
				changed++
			}
		}
		var parts []string
		for _, s := range compare.Statuses() {
			if counts[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
			}
		}
		fmt.Fprintf(w, "  %-13s %s; %d with a changed value\n", lv.Label, strings.Join(parts, ", "), changed)
	}
	kinds := map[string]int{}
	var order []string
	for _, d := range c.Differences {
		if kinds[d.Kind] == 0 {
			order = append(order, d.Kind)
		}
		kinds[d.Kind]++
	}
	if len(order) == 0 {
		fmt.Fprintln(w, "  the runs differ in nothing but their figures")
	} else {
		var parts []string
		for _, k := range order {
			parts = append(parts, fmt.Sprintf("%s (%d)", k, kinds[k]))
		}
		fmt.Fprintf(w, "  differences: %s: see %s\n", strings.Join(parts, ", "), compare.SummaryName)
	}
	seen := map[string]bool{}
	for _, r := range c.References {
		if !seen[r.Message] {
			seen[r.Message] = true
			fmt.Fprintf(w, "  %s\n", r.Message)
		}
	}
}
