package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, documented in the root command's help.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks a mistake on the command line (exit code 2), as opposed to a run
// that failed on its inputs (exit code 1).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "diagnum",
		Short: "Territorial digital-inclusion diagnostic of French territories",
		Long: `diagnum computes the digital-fragility indicators of French territories
(communes, EPCI, départements, with région and France as references) from the
spreadsheets analysts already have (INSEE census tables, ARCEP coverage), and writes
CSV files, a JSON summary and an Excel workbook.

Run "diagnum run" with no argument to see a real territory (Nièvre) end to end.

Exit codes:
  0  success
  1  failure: an input is unreadable or invalid, or outputs could not be written
  2  bad usage: unknown command or flag, wrong argument
  3  run --check: the outputs would change`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see %s --help)", err, c.CommandPath())}
	})
	root.AddCommand(newRunCmd(), newValidateCmd(), newIndicatorsCmd(), newMethodsCmd(), newInitCmd(), newCompareCmd())
	return root
}

// execute runs the command line and returns the process exit code; errors are
// printed on stderr prefixed with the command that failed.
func execute(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "%s: %v\n", cmd.CommandPath(), err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	if errors.As(err, new(changedError)) {
		return exitChanged
	}
	return exitFailure
}

// isCobraUsage recognises the error cobra raises itself for an unknown command,
// which carries no type of its own.
func isCobraUsage(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command")
}

// maxArgs wraps cobra's argument check so a wrong count exits with code 2.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
