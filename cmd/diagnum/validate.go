package main

import (
	"fmt"
	"io"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	specOptions
}

func newValidateCmd() *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Read the inputs and report every problem, without computing",
		Long: `Read the geography and every input as run would, and list every problem found
(errors, warnings, notes), with file, sheet, row and column. Exits 1 when an input
cannot be used.`,
		Example: `  diagnum validate --census base_cc_comparateur_csv.zip --services commune-debit.csv
  diagnum validate --spec diagnostic.yaml`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(o, cmd.OutOrStdout())
		},
	}
	o.register(cmd)
	return cmd
}

func runValidate(o *validateOptions, stdout io.Writer) error {
	s, err := o.build()
	if err != nil {
		return err
	}
	problems, err := diagnostic.Validate(s, diagnostic.Options{AllowUnmatched: o.allowUnmatched})
	counts := map[problem.Severity]int{}
	for _, p := range problems {
		counts[p.Severity]++
		fmt.Fprintf(stdout, "%s: %s\n", p.Severity, p.Error())
	}
	fmt.Fprintf(stdout, "%d errors, %d warnings, %d notes\n", counts[problem.Error], counts[problem.Warning], counts[problem.Note])
	if err != nil {
		if len(problems) > 0 {
			return fmt.Errorf("the inputs cannot be used as they are: fix the errors listed above")
		}
		return err
	}
	return nil
}
