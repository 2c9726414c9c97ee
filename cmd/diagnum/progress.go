package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// progress draws the run's steps as a bar on stderr when it is a terminal, and
// nothing otherwise (CI logs, pipes) or with --quiet.
type progress struct {
	w     io.Writer
	total int
	shown bool
}

// newProgress returns a progress display on w, silent unless w is a terminal.
func newProgress(w io.Writer, total int, quiet bool) *progress {
	p := &progress{total: total}
	if f, ok := w.(*os.File); ok && !quiet {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.w = w
		}
	}
	return p
}

// step shows step i (from 0) of the total, with its name.
func (p *progress) step(i int, name string) {
	if p.w == nil {
		return
	}
	const width = 20
	done := width * (i + 1) / p.total
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s…", strings.Repeat("#", done), strings.Repeat("-", width-done), i+1, p.total, name)
	p.shown = true
}

// done clears the bar so the summary starts on a clean line.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
