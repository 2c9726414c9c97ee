package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/diagnum/diagnum/diagnostic/report/internal/fixture"
)

func TestOptions(t *testing.T) {
	contours, err := ReadContours(writeTemp(t, "contours.geojson", fixture.Contours()))
	if err != nil {
		t.Fatal(err)
	}
	js := []byte("var echarts = {}; echarts.registerMap = function () {};")
	for _, tc := range []struct {
		name    string
		opt     Options
		files   []string
		in, out []string // what rapport.html must and must not hold
	}{
		{"inlined", Options{EChartsJS: js, Contours: contours}, []string{htmlName},
			[]string{string(js), `id="chart-carte-communes"`}, []string{"cdn.jsdelivr.net"}},
		{"beside", Options{EChartsJS: append(slices.Clone(js), "var s = '</script>';"...)}, []string{echartsName, htmlName},
			[]string{`<script src="echarts.min.js"></script>`}, []string{"cdn.jsdelivr.net", `id="chart-carte-communes"`}},
		{"cdn", Options{}, []string{htmlName}, []string{"cdn.jsdelivr.net"}, []string{"registerMap = function"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			names, err := Write(fixture.Result(), dir, []string{"html"}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(names, tc.files) {
				t.Errorf("files %q, want %q", names, tc.files)
			}
			page, err := os.ReadFile(filepath.Join(dir, htmlName))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.in {
				if !bytes.Contains(page, []byte(s)) {
					t.Errorf("rapport.html lacks %q", s)
				}
			}
			for _, s := range tc.out {
				if bytes.Contains(page, []byte(s)) {
					t.Errorf("rapport.html holds %q", s)
				}
			}
			if slices.Contains(tc.files, echartsName) {
				if b, err := os.ReadFile(filepath.Join(dir, echartsName)); err != nil || !bytes.Equal(b, tc.opt.EChartsJS) {
					t.Errorf("echarts.min.js = %q, %v", b, err)
				}
			}
		})
	}
	// A file that is not ECharts, or two Options, fail before anything is written.
	for name, opts := range map[string][]Options{
		"not ECharts": {{EChartsJS: []byte("alert(1)")}},
		"two options": {{}, {}},
	} {
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := Write(fixture.Result(), dir, nil, opts...); err == nil {
			t.Errorf("%s: no error", name)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: %s was created", name, dir)
		}
	}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
