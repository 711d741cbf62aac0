package pdffile

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
)

// buildPDF, stream and deflate write test files (see internal/pdftest).
var (
	buildPDF = pdftest.Build
	stream   = pdftest.Stream
	deflate  = pdftest.Deflate
)

const helloContent = "BT /F1 12 Tf 72 720 Td (Hello) Tj ET"

// onePage is a one-page document whose page is object 3, its content 4 and
// its font 5; extra objects follow from 6.
func onePage(pageExtra, content string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R " + pageExtra + " >>",
		content,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	return buildPDF("%PDF-1.4", append(objs, extra...)...)
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pageTexts returns the plain text of every page of f.
func pageTexts(t *testing.T, f *File) []string {
	t.Helper()
	var texts []string
	for i, p := range f.Pages {
		if err := f.CheckStreamSize(p); err != nil {
			t.Fatalf("page %d: CheckStreamSize: %v", i+1, err)
		}
		s, err := p.GetPlainText(nil)
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		texts = append(texts, s)
	}
	return texts
}

func openBytes(t testing.TB, data []byte, password string, lim Limits) (*File, error) {
	t.Helper()
	return OpenBytes(context.Background(), data, "test.pdf", password, lim)
}

// lostStartxref points the startxref of data past the end of the file, so
// that only the repair pass reads it.
func lostStartxref(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("startxref"))
	return append(data[:i:i], "startxref\n99999999\n%%EOF\n"...)
}
