package geo

import (
	"testing"

	"github.com/diagnum/diagnum/internal/shareddata"
)

// sharedData returns <repo root>/../shared/data/sub, skipping the test when the
// shared data is not there (e.g. in a fresh clone).
func sharedData(t testing.TB, sub string) string {
	t.Helper()
	return shareddata.Dir(t, sub)
}
