// Package outdir publishes an output folder all at once: its files are written into
// a temporary sibling, synced, then swapped in, so that a folder is either complete or
// left as it was, whatever fails on the way.
package outdir

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// Rename is os.Rename, replaceable by tests to provoke a failure while swapping directories.
var Rename = os.Rename

// LeftoverError says the new output is in place but the previous one, moved aside,
// could not be removed: the run succeeded, and the user has a directory to delete.
type LeftoverError struct {
	Dir, Left string
	err       error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("output written to %s, but the previous output was left in %s: %v", e.Dir, e.Left, e.err)
}

func (e *LeftoverError) Unwrap() error { return e.err }

// WriteFile creates path, fills it and syncs it, so the rename that publishes the
// directory never exposes a file whose content is still in the page cache only.
func WriteFile(path string, fill func(io.Writer) error) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := fill(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Sync()
}

// Replace builds the new content of dir in a temporary sibling, then swaps it in.
// Everything lives under one work directory next to dir ("new", then "old" once dir is
// moved aside), so a failure at any step is undone by putting "old" back and removing work.
func Replace(dir string, fill func(tmp string) error) (err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if abs == parent {
		return fmt.Errorf("%s: cannot replace a root directory", dir)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	work, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return err
	}
	keep := false // set when work holds the only copy of the previous output
	defer func() {
		if keep {
			return
		}
		switch rerr := os.RemoveAll(work); {
		case rerr == nil:
		case err == nil:
			err = &LeftoverError{Dir: dir, Left: work, err: rerr}
		default:
			err = errors.Join(err, fmt.Errorf("removing the temporary directory: %w", rerr))
		}
	}()
	fresh, old := filepath.Join(work, "new"), filepath.Join(work, "old")
	if err := os.Mkdir(fresh, 0o755); err != nil {
		return err
	}
	if err := fill(fresh); err != nil {
		return err
	}
	if err := syncDir(fresh); err != nil {
		return err
	}
	moved := false
	if _, err := os.Lstat(abs); err == nil {
		if err := Rename(abs, old); err != nil {
			return fmt.Errorf("moving the previous output aside: %w", err)
		}
		moved = true
	}
	if err := Rename(fresh, abs); err != nil {
		if moved {
			if rerr := Rename(old, abs); rerr != nil {
				keep = true
				return fmt.Errorf("%w; the previous output could not be put back and is in %s: %v", err, old, rerr)
			}
		}
		return err
	}
	return syncDir(parent)
}

// syncDir makes a directory's entries durable; Windows cannot open directories for
// syncing, and its renames are durable on their own terms.
func syncDir(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(path)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}
