package main

import (
	"fmt"
	"io"
	"os"

	"github.com/diagnum/diagnum/diagnostic/spec"
	"github.com/spf13/cobra"
)

type initOptions struct {
	path  string
	force bool
}

func newInitCmd() *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented diagnostic spec to start from",
		Long: `Write a commented YAML spec (default diagnostic.yaml) describing the default run:
edit the territory and the sources, then run "diagnum run --spec diagnostic.yaml".`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.path = "diagnostic.yaml"
			if len(args) == 1 {
				o.path = args[0]
			}
			return runInit(o, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite an existing file")
	return cmd
}

func runInit(o *initOptions, stderr io.Writer) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if o.force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(o.path, flags, 0o644)
	if os.IsExist(err) {
		return fmt.Errorf("%s already exists: pass --force to overwrite it", o.path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(spec.Template()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "diagnum init: wrote %s; edit it, then run: diagnum run --spec %s\n", o.path, o.path)
	return nil
}
