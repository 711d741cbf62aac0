package api

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/pdffile"
	"github.com/obiettivi/obiettivi/plan"
)

// damagedPage writes the 2024 sample with the content of page n replaced,
// by an incremental update, with data that is not the Flate data it claims.
func damagedPage(t *testing.T, n int) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "samples", "capannori-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	contents := pdftest.ContentObjects(data)
	if len(contents) != 108 {
		t.Fatalf("found %d content streams, want 108", len(contents))
	}
	data = pdftest.Update(data, contents[n-1], pdftest.Stream("/Filter /FlateDecode", []byte("these bytes are not Flate data")))
	path := filepath.Join(t.TempDir(), "damaged.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExtractUnreadablePage reads a print one of whose pages cannot be
// read: by default the document fails naming the page; with Partial the
// rest is read, the document says it is partial and a finding names the
// page.
func TestExtractUnreadablePage(t *testing.T) {
	path := damagedPage(t, 5)
	_, err := ExtractFile(t.Context(), path, Options{})
	var pe *pdffile.Error
	if !errors.As(err, &pe) || pe.Page != 5 || pe.Name != path || !errors.Is(err, pdffile.ErrDamaged) {
		t.Fatalf("err = %v, want a damaged page 5 of %s", err, path)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, path+": page 5: ") || strings.Count(msg, path) != 1 {
		t.Errorf("message %q", msg)
	}

	doc, err := ExtractFile(t.Context(), path, Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Partial {
		t.Error("document not marked partial")
	}
	var found []plan.Finding
	for _, f := range doc.Findings {
		if f.Rule == "unreadable-page" {
			found = append(found, f)
		}
	}
	if len(found) != 1 || found[0].Page == nil || *found[0].Page != 5 || found[0].Severity != plan.SeverityError ||
		!strings.Contains(found[0].Message, "page 5 could not be read") || strings.Contains(found[0].Message, path) {
		t.Errorf("findings %+v, want one naming page 5", found)
	}
	golden, err := plan.ReadFile(filepath.Join("..", "golden", "capannori-2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	if n, want := len(doc.Objectives), len(golden.Objectives); n > want || n < want-3 {
		t.Errorf("%d objectives, the print has %d and page 5 holds at most a few", n, want)
	}

	whole, err := ExtractFile(t.Context(), filepath.Join("..", "samples", "capannori-2024.pdf"), Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if whole.Partial {
		t.Error("a sound print marked partial")
	}
}

// TestExtractMissingPages reads a print whose page tree lost a page (a
// kid that names no object): by default the document fails saying so;
// with Partial the pages found are read and a finding says what is lost.
func TestExtractMissingPages(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "samples", "capannori-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "/Kids [ 3 0 R 4 0 R 5 0 R")
	if i < 0 {
		t.Fatal("no page tree root in the sample")
	}
	data = []byte(string(data[:i]) + "/Kids [ 3 0 R 0 0 R" + string(data[i+len("/Kids [ 3 0 R 4 0 R"):]))
	path := filepath.Join(t.TempDir(), "lost.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ExtractFile(t.Context(), path, Options{})
	if !errors.Is(err, pdffile.ErrPageTree) || err.Error() != path+": page tree: the file declares 108 pages and 107 can be found" {
		t.Fatalf("err = %v", err)
	}
	doc, err := ExtractFile(t.Context(), path, Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range doc.Findings {
		if f.Rule == "missing-pages" && strings.Contains(f.Message, "declares 108 pages and 107 can be found") {
			n++
		}
	}
	if !doc.Partial || n != 1 {
		t.Errorf("partial %v, %d missing-pages findings", doc.Partial, n)
	}
}
