package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"

	"github.com/obiettivi/obiettivi/pdffile"
)

// openSample opens one of the bundled prints.
func openSample(tb testing.TB, name string) *pdffile.File {
	tb.Helper()
	f, err := pdffile.Open(context.Background(), filepath.Join("..", "samples", name), "", pdffile.Limits{})
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// BenchmarkRead reads every page of the 108-page sample on one worker:
// content streams interpreted, glyphs and rules laid out into tables.
func BenchmarkRead(b *testing.B) {
	f := openSample(b, "capannori-2024.pdf")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), f, Options{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// inheritedResources is a document of n pages that take their resources
// (a font) and media box from the one page tree node above them, as some
// producers write them.
func inheritedResources(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", helvetica, pdftest.Stream("", []byte("BT /F1 10 Tf 20 700 Td (Pagina di prova) Tj ET"))}
	kids := make([]string, n)
	for i := range n {
		kids[i] = fmt.Sprintf("%d 0 R", len(objs)+1)
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> >>", strings.Join(kids, " "), n)
	return pdftest.Build("%PDF-1.4", objs...)
}

// BenchmarkReadInheritedResources reads documents of 300 and 3,000 pages
// whose pages inherit their resources: the time per page stays the same.
func BenchmarkReadInheritedResources(b *testing.B) {
	for _, n := range []int{300, 3000} {
		f, err := pdffile.OpenBytes(context.Background(), inheritedResources(n), "inherited.pdf", "", pdffile.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Read(context.Background(), f, Options{Workers: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/page")
		})
	}
}
