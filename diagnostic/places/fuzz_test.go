package places

import (
	"os"
	"testing"
)

// checkInvariants checks what must hold whatever the input: every record is located
// or rejected, every located record is a place or merged into one, problems are
// located in the file read, and a second read gives the same result.
func checkInvariants(t *testing.T, src Source) {
	g := embedded(t)
	r, _ := Read(g, []Source{src}, Options{})
	located := 0
	for _, f := range r.Files {
		n := 0
		for _, c := range f.Located {
			n += c
		}
		if n+f.Rejected != f.Records {
			t.Fatalf("%+v: located %d + rejected %d != records %d", f, n, f.Rejected, f.Records)
		}
		located += n
	}
	if len(r.Places)+r.Merged != located {
		t.Fatalf("%d places + %d merged != %d located", len(r.Places), r.Merged, located)
	}
	for _, p := range r.Problems {
		if p.File != src.Path {
			t.Fatalf("problem of another file: %v", p)
		}
	}
	for _, p := range r.Places {
		if _, ok := g.Commune(p.Commune); !ok || len(p.Sources) == 0 {
			t.Fatalf("place %+v", p)
		}
	}
	again, _ := Read(g, []Source{src}, Options{})
	if len(again.Places) != len(r.Places) || len(again.Problems) != len(r.Problems) {
		t.Fatal("two reads differ")
	}
	for i := range r.Problems {
		if r.Problems[i] != again.Problems[i] {
			t.Fatalf("problem %d differs: %v / %v", i, r.Problems[i], again.Problems[i])
		}
	}
}

func FuzzReadJSON(f *testing.F) {
	for _, name := range []string{"testdata/malformed.json"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`[{"id":"1","nom":"A","code_postal":"58000","commune":"Nevers","latitude":47,"longitude":3.1,"services":"Accéder à du matériel","horaires":"Mo-Fr 09:00-12:00"}]`))
	f.Add([]byte(`[{"id":"1","code_insee":1053,"labels_nationaux":["CNFS"]},null,[],{"id":"1"}]`))
	f.Add([]byte(`[{"raison_sociale":"X","siret":"1","code_postal":1100,"commune_insee":"Oyonnax","latitude":46.26,"longitude":5.65}]`))
	f.Add([]byte("\xEF\xBB\xBF[]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInvariants(t, Source{Path: "fuzz.json", Data: data})
	})
}

func FuzzReadCSV(f *testing.F) {
	for _, name := range []string{"testdata/malformed-1.0.2.csv", "testdata/france-services-excel-1252.csv"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("id;nom;code_insee;latitude;longitude\n1;A;1053;46,2;5,2\n1;B;;;\n"))
	f.Add([]byte("id_fs,lib_fs,insee_com,h_lundi,format_fs\n1,\"X\nY\",58194,09:00 - 12:00,Bus_équivalent\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInvariants(t, Source{Path: "fuzz.csv", Data: data})
	})
}
