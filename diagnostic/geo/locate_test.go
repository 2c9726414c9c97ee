package geo

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/geo/internal/locatebuild"
)

// TestLocatingUpToDate regenerates both tables from the shared data: the committed
// files must hold the same text (see TestEmbeddedUpToDate about compressed bytes).
func TestLocatingUpToDate(t *testing.T) {
	in, err := locatebuild.Load(sharedData(t, "geo"))
	if err != nil {
		t.Fatal(err)
	}
	var p, c bytes.Buffer
	if err := locatebuild.WritePostal(&p, in); err != nil {
		t.Fatal(err)
	}
	cs, err := locatebuild.BuildCentroids(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := locatebuild.WriteCentroids(&c, cs); err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2][]byte{
		"postal2026.tsv.gz":    {p.Bytes(), postal2026},
		"centroids2026.tsv.gz": {c.Bytes(), centroids2026},
	} {
		if !bytes.Equal(gunzip(t, pair[0]), gunzip(t, pair[1])) {
			t.Errorf("%s is out of date: run go generate ./diagnostic/geo", name)
		} else if !bytes.Equal(pair[0], pair[1]) {
			t.Logf("%s has the right content but other compressed bytes (another Go release?)", name)
		}
	}
	if len(cs.Unmatched) != 0 {
		t.Errorf("codes of the centroid file matching no commune: %v", cs.Unmatched)
	}
}

func TestCommunesByPostalCode(t *testing.T) {
	g := embeddedGeo(t)
	for cp, want := range map[string][]string{
		"58000": {"58051", "58194", "58238", "58278"}, // Challuy, Nevers, Saint-Éloi, Sermoise-sur-Loire
		"13011": {"13055"},                            // an arrondissement's code serves Marseille
		"75011": {"75056"},                            // Paris
		"01400": nil,                                  // filled below: several communes
		"30252": nil,                                  // a CEDEX code: none
		"1400":  nil,                                  // not normalised: none
		"97411": {"97415"},                            // a commune code of Saint-Denis, but Saint-Paul's postal code
		"":      nil,
	} {
		got := g.CommunesByPostalCode(cp)
		switch cp {
		case "01400":
			if len(got) < 5 || !slices.Contains(got, "01001") || !slices.IsSorted(got) {
				t.Errorf("01400: %v, want several sorted communes with 01001", got)
			}
		default:
			if !slices.Equal(got, want) {
				t.Errorf("%q: %v, want %v", cp, got, want)
			}
		}
	}
}

func TestCommuneNames(t *testing.T) {
	g := embeddedGeo(t)
	names := g.CommuneNames("13055")
	if names[0] != "Marseille" || !slices.Contains(names, "Marseille 11e Arrondissement") || len(names) != 17 {
		t.Errorf("13055: %v", names)
	}
	// Arbignieu is a commune déléguée of Arboys en Bugey (01015).
	if names := g.CommuneNames("01015"); !slices.Contains(names, "Arbignieu") {
		t.Errorf("01015: %v", names)
	}
	if names := g.CommuneNames("99999"); names != nil {
		t.Errorf("unknown code: %v", names)
	}
}

func TestCentroid(t *testing.T) {
	g := embeddedGeo(t)
	// Nevers: the file's point, 46.98956 N 3.15900 E within 0.05°.
	lat, lon, ok := g.Centroid("58194")
	if !ok || math.Abs(lat-46.99) > 0.05 || math.Abs(lon-3.16) > 0.05 {
		t.Errorf("Nevers: %v %v %v", lat, lon, ok)
	}
	// Paris has no COM row in the file: the area-weighted mean of its arrondissements.
	lat, lon, ok = g.Centroid("75056")
	if !ok || math.Abs(lat-48.86) > 0.03 || math.Abs(lon-2.34) > 0.05 {
		t.Errorf("Paris: %v %v %v", lat, lon, ok)
	}
	if _, _, ok := g.Centroid("98411"); ok {
		t.Error("the TAAF have no point in the source")
	}
	var missing, metro []string
	for _, c := range g.Communes() {
		if _, _, ok := g.Centroid(c.Code); !ok {
			missing = append(missing, c.Code)
			if d, _ := g.Departement(c.Departement); d.Zone == Metro {
				metro = append(metro, c.Code)
			}
		}
	}
	// The source has no point for 8 communes of metropolitan France (4 communes of
	// Cantal restored since 2024, Les Trois Lacs, and 3 with empty coordinates) and
	// none for the overseas collectivités.
	wantMetro := []string{"15031", "15035", "15047", "15171", "27676", "60694", "85165", "85212"}
	if len(missing) != 102 || !slices.Equal(metro, wantMetro) {
		t.Errorf("%d communes without a point, metropolitan ones %v; want 102 and %v", len(missing), metro, wantMetro)
	}
}

func TestLocatingOtherVintage(t *testing.T) {
	g, err := parseTable(gz(t, "V\tCOG 2022\nS\ttest (synthetic)\nR\t27\tBFC\tmetro\nD\t58\tNièvre\t27\tmetro\nC\t58194\tNevers\t58\t\t\tnone\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cs := g.CommunesByPostalCode("58000"); cs != nil {
		t.Errorf("COG 2022: postal codes %v", cs)
	}
	if _, _, ok := g.Centroid("58194"); ok {
		t.Error("COG 2022: a centroid")
	}
	if names := g.CommuneNames("58194"); !slices.Equal(names, []string{"Nevers"}) {
		t.Errorf("COG 2022: names %v", names)
	}
	if p, c := g.LocatingSources(); p != "" || c != "" {
		t.Errorf("COG 2022: sources %q %q", p, c)
	}
	if p, c := embeddedGeo(t).LocatingSources(); !strings.Contains(p, "codesPostaux") || !strings.Contains(c, "COG 2024") {
		t.Errorf("COG 2026: sources %q %q", p, c)
	}
}
