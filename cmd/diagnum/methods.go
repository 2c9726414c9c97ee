package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/spf13/cobra"
)

type methodsOptions struct {
	json bool
}

func newMethodsCmd() *cobra.Command {
	o := &methodsOptions{}
	cmd := &cobra.Command{
		Use:   "methods",
		Short: "List the composite fragility index methods",
		Long: `List the methods of the composite fragility index, with a paragraph each (in French):
the published ones (the 2020 kit exactly, the 2020 map, the 2021-2022 points, the current
core index) and diagnum's own. Choose one with run --method or method: in the spec.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMethods(o, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON for machines")
	return cmd
}

func runMethods(o *methodsOptions, stdout io.Writer) error {
	presets := composite.Presets()
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(presets)
	}
	for _, p := range presets {
		fmt.Fprintf(stdout, "%s — %s\n%s\n\n", p.ID, p.Name, wrap(p.Description, 88, "    "))
	}
	return nil
}

// wrap breaks a paragraph into indented lines of at most width characters.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if len([]rune(line))+len([]rune(word)) >= width && line != indent {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		}
		line += word + " "
	}
	b.WriteString(strings.TrimRight(line, " "))
	return b.String()
}
