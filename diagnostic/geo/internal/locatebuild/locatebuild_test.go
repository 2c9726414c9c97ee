package locatebuild

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// synthetic is a hand-written geography in the published shapes: 01001 absorbed 01900
// since the centroid file's COG, 01002 kept its code, 13055 has two arrondissements
// and no COM row, 01003 has no row at all.
const synthetic = `[
{"code":"01001","nom":"A","type":"commune-actuelle","codesPostaux":["01100","01200"],"anciensCodes":["01900"]},
{"code":"01002","nom":"B","type":"commune-actuelle","codesPostaux":["01100"]},
{"code":"01003","nom":"C","type":"commune-actuelle","codesPostaux":["01300"]},
{"code":"01900","nom":"Old","type":"commune-deleguee","chefLieu":"01001"},
{"code":"13055","nom":"Marseille","type":"commune-actuelle","codesPostaux":["13001","13002"]},
{"code":"13201","nom":"Marseille 1er Arrondissement","type":"arrondissement-municipal","commune":"13055","codesPostaux":["13001"]},
{"code":"13202","nom":"Marseille 2e Arrondissement","type":"arrondissement-municipal","commune":"13055","codesPostaux":["13002"]}]`

const syntheticCentroids = `insee_com,commune_type,lat,lng,superficie_km2
01001,COM,46.0,5.0,10
01001,COM,46.0,5.0,10
01001,COMD,46.0,5.0,10
01900,COM,47.0,6.0,30
01002,COM,45.5,4.5,
13201,ARM,43.0,5.0,1
13202,ARM,44.0,6.0,3
99999,COM,40.0,1.0,1
`

func syntheticInput(t *testing.T) Input {
	t.Helper()
	var in Input
	if err := json.Unmarshal([]byte(synthetic), &in.Communes); err != nil {
		t.Fatal(err)
	}
	rows, err := readCentroids(strings.NewReader(syntheticCentroids))
	if err != nil {
		t.Fatal(err)
	}
	in.Centroids = rows
	return in
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestCentroids(t *testing.T) {
	c, err := BuildCentroids(syntheticInput(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{
		"01001": {46.75, 5.75}, // (46×10 + 47×30) / 40, (5×10 + 6×30) / 40
		"01002": {45.5, 4.5},
		"13055": {43.75, 5.75}, // (43×1 + 44×3) / 4, (5×1 + 6×3) / 4
	}
	if len(c.Points) != len(want) {
		t.Errorf("points %v, want %v", c.Points, want)
	}
	for code, p := range want {
		if c.Points[code] != p {
			t.Errorf("%s: %v, want %v", code, c.Points[code], p)
		}
	}
	if strings.Join(c.Missing, " ") != "01003" || strings.Join(c.Unmatched, " ") != "99999" {
		t.Errorf("missing %v, unmatched %v", c.Missing, c.Unmatched)
	}
	var a, b bytes.Buffer
	if err := WriteCentroids(&a, c); err != nil {
		t.Fatal(err)
	}
	if err := WriteCentroids(&b, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same input, different bytes")
	}
	if h := a.Bytes(); h[3] != 0 || !bytes.Equal(h[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("gzip header flags %x mtime %x", h[3], h[4:8])
	}
	text := gunzip(t, a.Bytes())
	if !strings.Contains(text, "G\t01001\t46.75000\t5.75000\n") || !strings.Contains(text, "1 communes without a point: 01003") {
		t.Errorf("table:\n%s", text)
	}
}

func TestCentroidsRejectConflicts(t *testing.T) {
	in := syntheticInput(t)
	in.Centroids = append(in.Centroids, CentroidRow{Line: 99, Code: "01002", Type: "COM", Lat: "45.6", Lon: "4.5"})
	if _, err := BuildCentroids(in); err == nil || !strings.Contains(err.Error(), "line 99: commune 01002 has two different points") {
		t.Errorf("error %v", err)
	}
	in = syntheticInput(t)
	in.Centroids = append(in.Centroids, CentroidRow{Line: 7, Code: "01002", Type: "XYZ"})
	if _, err := BuildCentroids(in); err == nil || !strings.Contains(err.Error(), `unknown commune_type "XYZ"`) {
		t.Errorf("error %v", err)
	}
}

func TestPostal(t *testing.T) {
	var b bytes.Buffer
	if err := WritePostal(&b, syntheticInput(t)); err != nil {
		t.Fatal(err)
	}
	got := gunzip(t, b.Bytes())
	want := "P\t01100\t01001\t01002\nP\t01200\t01001\nP\t01300\t01003\nP\t13001\t13055\nP\t13002\t13055\n" +
		"N\t01001\tOld\nN\t13055\tMarseille 1er Arrondissement\nN\t13055\tMarseille 2e Arrondissement\n"
	if i := strings.Index(got, "P\t"); i < 0 || got[i:] != want {
		t.Errorf("table:\n%s\nwant body:\n%s", got, want)
	}
	bad := syntheticInput(t)
	bad.Communes[1].PostalCodes = []string{"1100"}
	if err := WritePostal(io.Discard, bad); err == nil || !strings.Contains(err.Error(), `postal code "1100" is not 5 digits`) {
		t.Errorf("error %v", err)
	}
}
