// Package shareddata finds the real public files the tests read, in the shared/data
// folder beside the repository, so that every test looks in the same place and skips
// with the same clear message when the folder is absent.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Find returns <repository>/../shared/data joined with sub, or "" when it is absent
// (for benchmarks and fuzz seeds that go on without it). The repository is the first
// folder holding go.mod above the working directory.
func Find(sub ...string) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared", "data"}, sub...)...)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// Dir returns the path Find gives, or skips t, saying what is missing.
func Dir(t testing.TB, sub ...string) string {
	t.Helper()
	p := Find(sub...)
	if p == "" {
		t.Skipf("real data absent: %s not found in the shared/ folder beside the repository", filepath.Join(append([]string{"shared", "data"}, sub...)...))
	}
	return p
}
