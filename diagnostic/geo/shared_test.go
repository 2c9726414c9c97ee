package geo

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns <repo root>/../shared/data/sub, skipping the test when the
// shared data is not there (e.g. in a fresh clone).
func sharedData(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("skipped: no go.mod above the test directory, so no ../shared/data")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipped: shared data %s is absent (%v)", p, err)
	}
	return p
}
