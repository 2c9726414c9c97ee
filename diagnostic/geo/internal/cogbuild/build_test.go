package cogbuild

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// input decodes a tiny hand-written geography in the published JSON shapes.
func input(t *testing.T, communes, epcis string) Input {
	t.Helper()
	var in Input
	for dst, src := range map[any]string{
		&in.Regions:      `[{"code":"84","nom":"Auvergne-Rhône-Alpes","zone":"metro"}]`,
		&in.Departements: `[{"code":"01","nom":"Ain","region":"84","zone":"metro"}]`,
		&in.Communes:     communes,
		&in.EPCIs:        epcis,
	} {
		if err := json.Unmarshal([]byte(src), dst); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

const (
	twoCommunes = `[
{"code":"01001","nom":"A","departement":"01","region":"84","type":"commune-actuelle","population":10,"anciensCodes":["01900"]},
{"code":"01002","nom":"B","departement":"01","region":"84","type":"commune-actuelle","population":20},
{"code":"01900","nom":"Old","departement":"01","region":"84","type":"commune-deleguee"}]`
	oneEPCI = `[{"code":"200000001","nom":"CC X","type":"CC","populationMunicipale":33,
"membres":[{"code":"01001","populationMunicipale":11},{"code":"01002","populationMunicipale":22}]}]`
)

func TestWriteValid(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, input(t, twoCommunes, oneEPCI)); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, input(t, twoCommunes, oneEPCI)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same input, different bytes")
	}
	// gzip header: no name flag, zero modification time.
	if h := a.Bytes(); h[3] != 0 || !bytes.Equal(h[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("gzip header flags %x mtime %x", h[3], h[4:8])
	}
}

func TestBuildPopulationSources(t *testing.T) {
	communes := strings.Replace(twoCommunes, `"population":20}`, `"population":20},
{"code":"01003","nom":"C","departement":"01","region":"84","type":"commune-actuelle","population":5},
{"code":"01004","nom":"D","departement":"01","region":"84","type":"commune-actuelle"}`, 1)
	tb, err := build(input(t, communes, oneEPCI))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"01001": "11 DGCL", "01002": "22 DGCL", "01003": "5 INSEE", "01004": " none"}
	for _, k := range tb.communes {
		if got := number(k.population) + " " + k.source; got != want[k.code] {
			t.Errorf("%s: %q, want %q", k.code, got, want[k.code])
		}
	}
}

func TestBuildRejectsAmbiguity(t *testing.T) {
	for _, c := range []struct {
		name, communes, epcis, want string
	}{
		{"former code of two communes",
			strings.Replace(twoCommunes, `"population":20}`, `"population":20,"anciensCodes":["01900"]}`, 1), oneEPCI,
			"maps to both"},
		{"former code is current",
			strings.Replace(twoCommunes, `"01900"]`, `"01002"]`, 1), oneEPCI,
			"also a current"},
		{"uncovered commune déléguée",
			strings.Replace(twoCommunes, `"01900","nom":"Old"`, `"01901","nom":"Old"`, 1), oneEPCI,
			"neither a current commune"},
		{"commune in two EPCI", twoCommunes,
			strings.Replace(oneEPCI, `]}]`, `]},{"code":"200000002","nom":"CC Y","type":"CC","populationMunicipale":11,"membres":[{"code":"01001","populationMunicipale":11}]}]`, 1),
			"belongs to both"},
		{"EPCI population is not the sum", twoCommunes,
			strings.Replace(oneEPCI, `"populationMunicipale":33`, `"populationMunicipale":34`, 1),
			"members sum to 33"},
		{"unknown member", twoCommunes,
			strings.Replace(oneEPCI, `"01002"`, `"01009"`, 1),
			"not a current commune"},
		{"unknown EPCI type", twoCommunes,
			strings.Replace(oneEPCI, `"type":"CC"`, `"type":"SIVOM"`, 1),
			"unknown type"},
		{"wrong région", strings.Replace(twoCommunes, `"region":"84","type":"commune-actuelle","population":20`, `"region":"11","type":"commune-actuelle","population":20`, 1), oneEPCI,
			"is in région 84"},
		{"tab in a name", strings.Replace(twoCommunes, `"nom":"B"`, `"nom":"B\tC"`, 1), oneEPCI,
			"tab or line break"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, input(t, c.communes, c.epcis))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}
