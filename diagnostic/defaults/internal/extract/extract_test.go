package extract

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestCut(t *testing.T) {
	r := Recipe{Sep: ';', Columns: []string{"c", "a"}}
	lead := Recipe{Sep: ';', Lead: 1, Columns: []string{"b"}}
	for _, tc := range []struct {
		name string
		r    Recipe
		in   string
		want string
		rows int
		err  string
	}{
		{name: "crlf", r: r, in: "a;b;c\r\n1;2;3\r\n4;;6.50\r\n", want: "c;a\r\n3;1\r\n6.50;4\r\n", rows: 2},
		{name: "lf, last line unterminated", r: r, in: "a;b;c\n1;2;3\n4;5;6", want: "c;a\n3;1\n6;4", rows: 2},
		{name: "mixed endings kept", r: r, in: "a;b;c\n1;2;3\r\n", want: "c;a\n3;1\r\n", rows: 1},
		{name: "lead lines copied", r: lead, in: "Avertissement; rien\r\na;b\n1;é\n", want: "Avertissement; rien\r\nb\né\n", rows: 1},
		{name: "header only", r: r, in: "a;b;c\n", want: "c;a\n"},
		{name: "missing column", r: r, in: "a;b\n1;2\n", err: `line 1 (header): no column "c"`},
		{name: "duplicate column", r: r, in: "a;a;c\n", err: `column "a" appears twice`},
		{name: "short row", r: r, in: "a;b;c\n1;2;3\n1;2\n", err: "line 3: 2 fields, the header has 3"},
		{name: "quotes", r: r, in: "a;b;c\n\"1\";2;3\n", err: "line 2: quoted fields"},
		{name: "empty", r: r, in: "", err: "no header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, rows, err := tc.r.Cut([]byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want || rows != tc.rows {
				t.Errorf("got %q, %d rows; want %q, %d rows", got, rows, tc.want, tc.rows)
			}
		})
	}
}

func TestZipDeterministic(t *testing.T) {
	content := bytes.Repeat([]byte("01001;771;465.16826181963\r\n"), 1000)
	a, err := Zip("x.csv", content)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Zip("x.csv", content)
	if !bytes.Equal(a, b) {
		t.Fatal("two archives of the same content differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 1 || zr.File[0].Name != "x.csv" || !zr.File[0].Modified.Equal(modified) {
		t.Fatalf("unexpected members %+v", zr.File)
	}
	f, _ := zr.File[0].Open()
	got, _ := io.ReadAll(f)
	if !bytes.Equal(got, content) {
		t.Error("content changed by the round trip")
	}
}
