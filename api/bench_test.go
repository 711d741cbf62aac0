package api

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkExtract measures the whole extract of the 108-page sample: open,
// read every page, normalize.
func BenchmarkExtract(b *testing.B) {
	path := filepath.Join("..", "samples", "capannori-2024.pdf")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ExtractFile(context.Background(), path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
