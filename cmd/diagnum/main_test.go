package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the golden files of the default run")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"diagnum": func() { os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scenarios of testdata/script (txtar).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: filepath.Join("testdata", "script")})
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"--help"}, exitOK},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"run", "--frobnicate"}, exitUsage},
		{"extra argument", []string{"run", "extra"}, exitUsage},
		{"bad territory syntax", []string{"run", "--territory", "dep:999x"}, exitUsage},
		{"unknown format", []string{"run", "--format", "pdf", "--out", "unused"}, exitUsage},
		{"missing input", []string{"validate", "--census", "no-such-file.csv"}, exitFailure},
		{"unknown territory", []string{"validate", "--territory", "com:58999"}, exitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if got := execute(tt.args, &out, &errOut); got != tt.want {
				t.Errorf("exit %d, want %d; stderr: %s", got, tt.want, errOut.String())
			}
		})
	}
}

// TestDefaultRunGolden runs the default job (embedded Nièvre data) and compares every
// text output with the reviewed golden files; `go test ./cmd/diagnum -update`
// rewrites them. It also checks that two runs give byte-identical files.
func TestDefaultRunGolden(t *testing.T) {
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, dir := range dirs {
		var out, errOut bytes.Buffer
		if code := execute([]string{"run", "--out", dir}, &out, &errOut); code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
	entries, err := os.ReadDir(dirs[0])
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "default")
	for _, e := range entries {
		a, err := os.ReadFile(filepath.Join(dirs[0], e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs of the same inputs", e.Name())
		}
		if ext := filepath.Ext(e.Name()); ext == ".xlsx" || ext == ".html" {
			continue // read back and golden-tested (cells, chart options) by the report tests
		}
		path := filepath.Join(golden, e.Name())
		if *update {
			if err := os.MkdirAll(golden, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, a, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/diagnum -update to create it)", err)
		}
		if !bytes.Equal(a, want) {
			t.Errorf("%s differs from %s: review with `go test ./cmd/diagnum -update` and git diff", e.Name(), path)
		}
	}
}

// run --check exits 3, not 1, when the outputs would change, so CI can tell a change
// from a failure.
func TestCheckExitCode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	var out, errOut bytes.Buffer
	if code := execute([]string{"run", "--quiet", "--out", dir}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if code := execute([]string{"run", "--check", "--out", dir}, &out, &errOut); code != exitOK {
		t.Errorf("unchanged: exit %d: %s", code, errOut.String())
	}
	if code := execute([]string{"run", "--check", "--method", "ifn-rank", "--out", dir}, &out, &errOut); code != exitChanged {
		t.Errorf("changed: exit %d, want %d: %s", code, exitChanged, errOut.String())
	}
}
