package api

import (
	"context"
	"fmt"
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

// BenchmarkIngest measures Ingest into a new store: the 108-page sample
// alone (extract, then write), and the three sample PDFs, where the
// extract of each file overlaps the write of the one before.
//
//	go test -tags sqlite_fts5 -run '^$' -bench Ingest ./api
func BenchmarkIngest(b *testing.B) {
	sample := func(name string) string { return filepath.Join("..", "samples", name+".pdf") }
	for _, bc := range []struct {
		name  string
		paths []string
	}{
		{"sample", []string{sample("capannori-2024")}},
		{"samples", []string{sample("capannori-2024"), sample("capannori-2024-chromium"), sample("capannori-2025")}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			for i := range b.N {
				db := filepath.Join(dir, fmt.Sprintf("bench-%d.sqlite", i))
				results, err := Ingest(context.Background(), bc.paths, IngestOptions{DB: db})
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range results {
					if r.Status != Ingested {
						b.Fatalf("%s: %v %v", r.Path, r.Status, r.Err)
					}
				}
			}
		})
	}
}
