package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/diagnum/diagnum/indicators"
	"github.com/spf13/cobra"
)

type indicatorsOptions struct {
	json bool
}

// catalogueEntry is one indicator as `diagnum indicators --json` prints it.
type catalogueEntry struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Formula   string `json:"formula"`
	Unit      string `json:"unit"`
	Direction string `json:"direction"`
	Additive  bool   `json:"additive"`
	Source    string `json:"source"`
	Note      string `json:"note,omitempty"`
}

func newIndicatorsCmd() *cobra.Command {
	o := &indicatorsOptions{}
	cmd := &cobra.Command{
		Use:   "indicators",
		Short: "List the indicator catalogue",
		Long: `List every indicator diagnum knows: id, French label, formula with the INSEE or
ARCEP codes ({yy} is the two-digit vintage: P{yy}_POP is P18_POP for RP 2018), unit,
direction (which way is more fragile) and source.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndicators(o, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON for machines")
	return cmd
}

func runIndicators(o *indicatorsOptions, stdout io.Writer) error {
	var entries []catalogueEntry
	for _, d := range indicators.Catalogue() {
		dir := "higher_is_fragile"
		if d.Direction == indicators.LowerIsFragile {
			dir = "lower_is_fragile"
		}
		entries = append(entries, catalogueEntry{ID: d.ID, Label: d.Label, Formula: d.Pattern(), Unit: d.Unit,
			Direction: dir, Additive: d.Kind.Additive(), Source: d.Source, Note: d.Note})
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(entries)
	}
	for _, e := range entries {
		sense := "plus élevé = plus fragile"
		if e.Direction == "lower_is_fragile" {
			sense = "plus bas = plus fragile"
		}
		fmt.Fprintf(stdout, "%s\n    %s (%s ; %s)\n    %s\n    source : %s\n", e.ID, e.Label, e.Unit, sense, e.Formula, e.Source)
	}
	return nil
}
