package tabular

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Tests on the real public files of ../shared/data (see its README).

func TestRealComparateurZip(t *testing.T) {
	path := filepath.Join(sharedData(t), "insee", "base_cc_comparateur_csv.zip")
	var skipped []string
	tables := mustCollect(t, path, Options{Skipped: func(member, reason string) {
		skipped = append(skipped, member+": "+reason)
	}})
	if len(tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(tables))
	}
	tb := tables[0]
	if tb.File != path || tb.Member != "base_cc_comparateur.CSV" || tb.Sheet != "" {
		t.Errorf("location %q %q %q", tb.File, tb.Member, tb.Sheet)
	}
	if tb.HeaderRow != 1 || tb.Key != 0 || tb.Columns[0] != "CODGEO" || tb.Columns[1] != "P18_POP" || len(tb.Columns) != 33 {
		t.Errorf("header row %d key %d columns %d %v", tb.HeaderRow, tb.Key, len(tb.Columns), tb.Columns[:2])
	}
	if tb.Encoding != "UTF-8" || tb.Separator != ";" || tb.Labels != nil {
		t.Errorf("encoding %q separator %q labels %v", tb.Encoding, tb.Separator, tb.Labels)
	}
	if len(tb.Records) != 35010 {
		t.Errorf("got %d records, want 35010", len(tb.Records))
	}
	r, ok := tb.find("58194")
	if !ok {
		t.Fatal("no row for 58194")
	}
	if r.Row != 21687 || r.Cells[tb.col(t, "P18_POP")] != "33279" {
		t.Errorf("58194: row %d P18_POP %q, want row 21687, 33279", r.Row, r.Cells[1])
	}
	if v, missing, err := ParseNumber(r.Cells[tb.col(t, "P18_POP")]); v != 33279 || missing || err != nil {
		t.Errorf("ParseNumber P18_POP = %v %v %v", v, missing, err)
	}
	// Empty cells are statistical secrecy: MED19 is empty in 3,653 rows.
	med, empty := tb.col(t, "MED19"), 0
	for _, r := range tb.Records {
		if _, missing, _ := ParseNumber(r.Cells[med]); missing {
			empty++
		}
	}
	if empty != 3653 {
		t.Errorf("MED19 missing in %d rows, want 3653", empty)
	}
	if last := tb.Records[len(tb.Records)-1]; last.Row != 35011 {
		t.Errorf("last record on line %d, want 35011", last.Row)
	}
	if len(skipped) != 1 || !strings.HasPrefix(skipped[0], "meta_base_cc_comparateur.CSV: no commune-code column in the first 20 lines") {
		t.Errorf("skipped %q", skipped)
	}
}

func TestRealARCEP(t *testing.T) {
	path := filepath.Join(sharedData(t), "arcep", "commune-debit-beta-2019-09-30.csv")
	tables := mustCollect(t, path, Options{})
	if len(tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(tables))
	}
	tb := tables[0]
	want := strings.Split("code_insee;nom_com;code_dep;code_reg;nbr;type;inel_hd;elig_hd05;elig_hd3;elig_hd8;elig_thd30;elig_thd100;elig_thd1g;date", ";")
	if !reflect.DeepEqual(tb.Columns, want) {
		t.Errorf("columns %q", tb.Columns)
	}
	if tb.HeaderRow != 2 || tb.Key != 0 || tb.Encoding != "UTF-8" || tb.Separator != ";" || tb.Member != "" {
		t.Errorf("header row %d key %d encoding %q separator %q member %q", tb.HeaderRow, tb.Key, tb.Encoding, tb.Separator, tb.Member)
	}
	if len(tb.Records) != 35359 {
		t.Fatalf("got %d records, want 35359", len(tb.Records))
	}
	first, second := tb.Records[0], tb.Records[1]
	if first.Row != 3 || first.Cells[0] != "67017" || first.Cells[1] != "Baerendorf" || first.Cells[13] != "2019-09-30" {
		t.Errorf("first record %d %q", first.Row, first.Cells)
	}
	if second.Row != 4 || second.Cells[1] != "La Côte-Saint-André" || second.Cells[tb.col(t, "nbr")] != "2408" {
		t.Errorf("second record %d %q", second.Row, second.Cells)
	}
	if last := tb.Records[len(tb.Records)-1]; last.Row != 35361 {
		t.Errorf("last record on line %d, want 35361", last.Row)
	}
}

func TestRealTableAppartenance(t *testing.T) {
	path := filepath.Join(sharedData(t), "insee", "table-appartenance-geo-communes-22.zip")
	tables := mustCollect(t, path, Options{})
	if len(tables) != 2 || tables[0].Sheet != "COM" || tables[1].Sheet != "ARM" {
		for _, tb := range tables {
			t.Logf("table %s %s", tb.Member, tb.Sheet)
		}
		t.Fatalf("got %d tables, want sheets COM and ARM", len(tables))
	}
	com, arm := tables[0], tables[1]
	for _, tb := range tables {
		if tb.Member != "table-appartenance-geo-communes-22.xlsx" || tb.HeaderRow != 6 || tb.Key != 0 || tb.Encoding != "" || tb.Separator != "" {
			t.Errorf("%s: member %q header row %d key %d encoding %q separator %q", tb.Sheet, tb.Member, tb.HeaderRow, tb.Key, tb.Encoding, tb.Separator)
		}
		if !reflect.DeepEqual(tb.Columns[:6], []string{"CODGEO", "LIBGEO", "DEP", "REG", "EPCI", "NATURE_EPCI"}) {
			t.Errorf("%s columns %q", tb.Sheet, tb.Columns)
		}
		if len(tb.Labels) != len(tb.Columns) || tb.Labels[0] != "Code géographique" || tb.Labels[1] != "Libellé géographique" {
			t.Errorf("%s labels %q", tb.Sheet, tb.Labels)
		}
	}
	if len(com.Columns) != 17 || len(arm.Columns) != 18 || arm.Columns[17] != "COM" {
		t.Errorf("COM has %d columns, ARM %d (%q)", len(com.Columns), len(arm.Columns), arm.Columns)
	}
	if len(com.Records) != 34955 || len(arm.Records) != 45 {
		t.Errorf("COM has %d records, ARM %d; want 34955 and 45", len(com.Records), len(arm.Records))
	}
	first := com.Records[0]
	if first.Row != 7 || first.Cells[0] != "01001" || first.Cells[1] != "L'Abergement-Clémenciat" || first.Cells[4] != "200069193" {
		t.Errorf("first COM record %d %q", first.Row, first.Cells)
	}
	if last := com.Records[len(com.Records)-1]; last.Row != 34961 || last.Cells[0] != "97617" || last.Cells[1] != "Tsingoni" {
		t.Errorf("last COM record %d %q", last.Row, last.Cells)
	}
	if r, ok := com.find("58194"); !ok || r.Cells[com.col(t, "DEP")] != "58" {
		t.Errorf("58194 in COM: %v %q", ok, r.Cells)
	}
	if a := arm.Records[0]; a.Row != 7 || a.Cells[0] != "13201" || a.Cells[17] != "13055" {
		t.Errorf("first ARM record %d %q", a.Row, a.Cells)
	}

	// A caller may ask for another sheet by name.
	tables = mustCollect(t, path, Options{Sheet: func(s string) bool { return s == "Zones_supra_communales" }})
	if len(tables) != 1 || tables[0].Key != 1 || tables[0].Columns[0] != "NIVGEO" || tables[0].HeaderRow != 6 {
		t.Fatalf("Zones_supra_communales: %d tables", len(tables))
	}
	if r := tables[0].Records[0]; r.Row != 7 || !reflect.DeepEqual(r.Cells, []string{"ARR", "011", "Belley", "105"}) {
		t.Errorf("first zone record %d %q", r.Row, r.Cells)
	}
}

func TestRealSampleBaseCC(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(sharedData(t), "insee", "sample-base-cc-*.CSV"))
	if err != nil || len(paths) != 3 {
		t.Fatalf("found %d samples (%v)", len(paths), err)
	}
	for _, path := range paths {
		tables := mustCollect(t, path, Options{})
		if len(tables) != 1 {
			t.Fatalf("%s: %d tables", path, len(tables))
		}
		tb := tables[0]
		if tb.HeaderRow != 1 || tb.Key != 0 || tb.Columns[0] != "CODGEO" || tb.Encoding != "UTF-8" || tb.Separator != ";" {
			t.Errorf("%s: header row %d key %d encoding %q separator %q", path, tb.HeaderRow, tb.Key, tb.Encoding, tb.Separator)
		}
		var codes []string
		for i, r := range tb.Records {
			codes = append(codes, r.Cells[0])
			if r.Row != i+2 {
				t.Errorf("%s: record %d on line %d", path, i, r.Row)
			}
		}
		if !reflect.DeepEqual(codes, []string{"97501", "97502", "97701", "97801"}) {
			t.Errorf("%s: codes %q", path, codes)
		}
	}
	tb := mustCollect(t, filepath.Join(sharedData(t), "insee", "sample-base-cc-emploi-pop-active-2016-COM.CSV"), Options{})[0]
	if got := tb.Records[0].Cells[tb.col(t, "P16_POP1564")]; got != "391" {
		t.Errorf("97501 P16_POP1564 = %q, want 391", got)
	}
}

func TestRealFranceServices(t *testing.T) {
	path := filepath.Join(sharedData(t), "sites", "france-services-20240801.csv")
	tables := mustCollect(t, path, Options{})
	if len(tables) != 1 {
		t.Fatalf("got %d tables", len(tables))
	}
	tb := tables[0]
	if tb.Separator != "," || tb.Key != 5 || tb.Columns[5] != "insee_com" || len(tb.Columns) != 24 || tb.HeaderRow != 1 || tb.Encoding != "UTF-8" {
		t.Errorf("separator %q key %d %q columns %d header row %d encoding %q", tb.Separator, tb.Key, tb.Columns[tb.Key], len(tb.Columns), tb.HeaderRow, tb.Encoding)
	}
	if len(tb.Records) != 2845 {
		t.Errorf("got %d records, want 2845", len(tb.Records))
	}
	byID := map[string]Record{}
	for _, r := range tb.Records {
		byID[r.Cells[0]] = r
	}
	// Record 426 holds a comment spanning lines 398-401; the next starts on 402.
	r426, r427 := byID["426"], byID["427"]
	if r426.Row != 398 || r426.Cells[5] != "72176" || !strings.Contains(r426.Cells[tb.col(t, "commentaire")], "Lude \n\n\nPermanences") {
		t.Errorf("record 426: row %d %q", r426.Row, r426.Cells)
	}
	if r427.Row != 402 || r427.Cells[5] != "73215" {
		t.Errorf("record 427: row %d %q", r427.Row, r427.Cells)
	}
	if last := tb.Records[len(tb.Records)-1]; last.Row != 2885 || last.Cells[0] != "3264" || last.Cells[5] != "90010" {
		t.Errorf("last record %d %q", last.Row, last.Cells[:6])
	}
	if first := tb.Records[0]; first.Cells[2] != "France services de Valserhône" || first.Cells[4] != "" {
		t.Errorf("first record %q", first.Cells)
	}
}

func BenchmarkReadComparateur(b *testing.B) {
	path := filepath.Join(sharedData(b), "insee", "base_cc_comparateur_csv.zip")
	b.SetBytes(8119815) // base_cc_comparateur.CSV once inflated
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Read(path, Options{}, func(*Table) (func(Record) error, error) {
			return func(Record) error { n++; return nil }, nil
		})
		if err != nil || n != 35010 {
			b.Fatalf("%d records, %v", n, err)
		}
	}
}
