package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/plan"
)

// TestExtractPartial runs extract on a print whose page 7 cannot be read:
// exit 1 naming the page, and with --partial exit 0 with a plan that says
// it is partial.
func TestExtractPartial(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "samples", "capannori-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	contents := pdftest.ContentObjects(data)
	data = pdftest.Update(data, contents[6], pdftest.Stream("/Filter /FlateDecode", []byte("x\x9cthese bytes are not Flate data")))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "damaged.pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}

	_, stderr, code := runCLI(t, dir, "extract", "damaged.pdf", "-o", "OUT.json")
	if code != 1 || !strings.HasPrefix(stderr, "obiettivi: damaged.pdf: page 7: truncated or damaged PDF: ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "OUT.json")); err == nil {
		t.Error("output written for a failed read")
	}

	_, stderr, code = runCLI(t, dir, "extract", "--partial", "damaged.pdf", "-o", "OUT.json")
	if code != 0 || stderr != "" {
		t.Fatalf("--partial: exit %d, stderr %q", code, stderr)
	}
	doc, err := plan.ReadFile(filepath.Join(dir, "OUT.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Partial {
		t.Error(`plan without "partial": true`)
	}
	n := 0
	for _, f := range doc.Findings {
		if f.Rule == "unreadable-page" && f.Page != nil && *f.Page == 7 {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d unreadable-page findings for page 7, want 1", n)
	}
}
