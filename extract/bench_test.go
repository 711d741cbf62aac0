package extract

import (
	"context"
	"path/filepath"
	"testing"

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
