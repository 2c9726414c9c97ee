package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/compare"
	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/diagnostic/report"
)

// exitChanged is the exit code of `run --check` when the outputs would change: CI
// can tell it from a failure (1) or a bad command line (2).
const exitChanged = 3

// changedError reports that `run --check` found outputs that would change.
type changedError struct{ dir string }

func (e changedError) Error() string {
	return fmt.Sprintf("the outputs in %s would change: run without --check to update them", e.dir)
}

// checkOutputs writes the run into a temporary sibling of dir and compares it with
// dir, file by file; dir is left untouched. When they differ, it tells on stderr
// which files and, through compare, what changed.
func checkOutputs(res *diagnostic.Result, dir string, formats []string, opt report.Options, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, "resume.json")); err != nil {
		return fmt.Errorf("--check: %s holds no earlier output of diagnum run (no resume.json): run without --check first", dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), "."+filepath.Base(dir)+".check-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fresh := filepath.Join(tmp, "out")
	files, err := report.Write(res, fresh, formats, opt)
	if err != nil {
		return err
	}
	changed, err := changedFiles(dir, fresh, files)
	if err != nil {
		return err
	}
	if len(changed) == 0 {
		fmt.Fprintf(stderr, "diagnum run --check: %s is up to date\n", dir)
		return nil
	}
	fmt.Fprintf(stderr, "diagnum run --check: %d files would change: %v\n", len(changed), changed)
	if old, err := compare.Read(dir); err == nil {
		if cur, err := compare.Read(fresh); err == nil {
			g, _ := geo.Embedded()
			if c, err := compare.Compare(old, cur, compare.Options{FormerCodes: g.FormerCodes(), FormerSource: g.Vintage}); err == nil {
				summariseComparison(stderr, c)
			}
		}
	}
	return changedError{dir}
}

// changedFiles lists the files that differ between the two folders, or exist in one
// only, among the files written and those already there.
func changedFiles(old, fresh string, written []string) ([]string, error) {
	names := slices.Clone(written)
	entries, err := os.ReadDir(old)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if !slices.Contains(names, e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	var changed []string
	for _, n := range names {
		a, errA := os.ReadFile(filepath.Join(old, n))
		b, errB := os.ReadFile(filepath.Join(fresh, n))
		if errA != nil && !errors.Is(errA, os.ErrNotExist) {
			return nil, errA
		}
		if errB != nil && !errors.Is(errB, os.ErrNotExist) {
			return nil, errB
		}
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			changed = append(changed, n)
		}
	}
	return changed, nil
}
