package geo

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/geo/internal/cogbuild"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEmbeddedUpToDate regenerates the table from the shared data: two runs must give
// the same bytes, and the committed cog2026.tsv.gz the same content. The committed
// file's compressed bytes are only logged when they differ, since another Go release
// may compress the same text differently.
func TestEmbeddedUpToDate(t *testing.T) {
	dir := sharedData(t, "geo")
	in, err := cogbuild.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := cogbuild.Write(&a, in); err != nil {
		t.Fatal(err)
	}
	if err := cogbuild.Write(&b, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs of the generator give different bytes")
	}
	if !bytes.Equal(gunzip(t, a.Bytes()), gunzip(t, cog2026)) {
		t.Fatal("cog2026.tsv.gz is out of date: run go generate ./diagnostic/geo")
	}
	if !bytes.Equal(a.Bytes(), cog2026) {
		t.Log("cog2026.tsv.gz has the right content but other compressed bytes (another Go release?)")
	}
	if _, err := parseTable(a.Bytes()); err != nil {
		t.Fatal(err)
	}
}
