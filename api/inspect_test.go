package api

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
)

func TestInspect(t *testing.T) {
	var svg bytes.Buffer
	if err := Inspect(t.Context(), &svg, printed[0], InspectOptions{Page: 2}); err != nil {
		t.Fatal(err)
	}
	if s := svg.String(); !strings.HasPrefix(s, "<svg") || !strings.Contains(s, "<title>page 2</title>") || !strings.Contains(s, `<g id="rules"`) {
		t.Errorf("the SVG of page 2 starts %.200q", s)
	}
	for _, page := range []int{0, -1, 18} {
		err := Inspect(t.Context(), &bytes.Buffer{}, printed[0], InspectOptions{Page: page})
		var pe *PageRangeError
		if !errors.As(err, &pe) || pe.Page != page || pe.Pages != 17 || pe.Path != printed[0] {
			t.Errorf("page %d: error %v (%T), want a *PageRangeError of a 17-page file", page, err, err)
		}
	}
}

// TestInspectPageError draws the second page of a file whose second page
// cannot be read: the error names the file and that page.
func TestInspectPageError(t *testing.T) {
	pdf := pdftest.Build("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>",
		pdftest.Stream("", []byte("0 0 m 100 100 l S")),
		pdftest.Stream("/Filter [/FlateDecode /FlateDecode]", pdftest.Deflate(pdftest.ZlibZeros(4096))))
	path := writeFile(t, "two.pdf", string(pdf))
	if err := Inspect(t.Context(), &bytes.Buffer{}, path, InspectOptions{Page: 1}); err != nil {
		t.Fatalf("page 1: %v", err)
	}
	err := Inspect(t.Context(), &bytes.Buffer{}, path, InspectOptions{Page: 2})
	var e *Error
	if !errors.As(err, &e) || e.Name != path || e.Page != 2 {
		t.Fatalf("page 2: error %v (%T), want an *Error naming %s, page 2", err, err, filepath.Base(path))
	}
	if strings.Count(err.Error(), path) != 1 {
		t.Errorf("the message names the file other than once: %q", err)
	}
}
