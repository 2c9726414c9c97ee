package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// minimalRun writes the smallest folder compare reads as a run's output.
func minimalRun(t *testing.T, dir, vintage string) {
	t.Helper()
	files := map[string]string{
		"resume.json": `{"tool": {"name": "diagnum", "format_version": 1},
  "geography": {"vintage": "` + vintage + `"},
  "indicators": [{"id": "taux_chomage_15_64", "vintage_label": "RP 2018"}],
  "levels": [{"id": "commune", "label": "Communes"}]}`,
		"indicateurs-commune.csv": "code,libelle,population,taux_chomage_15_64\n58194,Nevers,33172,20\n",
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCompareExitCodes(t *testing.T) {
	root := t.TempDir()
	old, cur, notRun := filepath.Join(root, "old"), filepath.Join(root, "new"), filepath.Join(root, "notrun")
	minimalRun(t, old, "COG 2025")
	minimalRun(t, cur, "COG 2026")
	if err := os.Mkdir(notRun, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "evo")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"two runs", []string{"compare", old, cur, "--out", out}, exitOK},
		{"one folder", []string{"compare", old}, exitUsage},
		{"three folders", []string{"compare", old, cur, out}, exitUsage},
		{"output on a run", []string{"compare", old, cur, "--out", cur}, exitUsage},
		{"unknown level", []string{"compare", old, cur, "--out", out, "--levels", "canton"}, exitUsage},
		{"absent folder", []string{"compare", old, filepath.Join(root, "absent"), "--out", out}, exitFailure},
		{"not a run", []string{"compare", notRun, cur, "--out", out}, exitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := execute(tt.args, &stdout, &stderr); got != tt.want {
				t.Errorf("exit %d, want %d; stderr: %s", got, tt.want, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout %q: every message belongs on stderr", stdout.String())
			}
		})
	}
}
