package places

import (
	"testing"

	"github.com/diagnum/diagnum/diagnostic/geo"
	"github.com/diagnum/diagnum/internal/shareddata"
)

// sharedData returns <repo root>/../shared/data/sub, skipping the test when the
// shared data is not there (e.g. in a fresh clone).
func sharedData(t testing.TB, sub string) string {
	t.Helper()
	return shareddata.Dir(t, sub)
}

func embedded(t testing.TB) *geo.Geography {
	t.Helper()
	g, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// read reads sources with the embedded COG, failing the test on file-level errors
// unless wantErr.
func read(t testing.TB, wantErr bool, sources ...Source) *Result {
	t.Helper()
	r, err := Read(embedded(t), sources, Options{})
	if (err != nil) != wantErr {
		t.Fatalf("error %v, want error: %v", err, wantErr)
	}
	return r
}

// kinds counts problems by "severity kind".
func kinds(r *Result) map[string]int {
	m := map[string]int{}
	for _, p := range r.Problems {
		m[p.Severity.String()+" "+p.Kind]++
	}
	return m
}
