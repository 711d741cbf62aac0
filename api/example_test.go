package api_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/obiettivi/obiettivi/api"
)

// Ingest a PDF and a folder without PDFs into a new store, told of each
// file as it goes, then list the store.
func ExampleIngest() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "plans.sqlite")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		panic(err)
	}
	pdf := filepath.Join("..", "samples", "render", "testdata", "synthetic-12.pdf")

	results, err := api.Ingest(context.Background(), []string{pdf, empty, pdf}, api.IngestOptions{
		DB: db,
		Progress: func(p api.IngestProgress) {
			if p.Result == nil {
				fmt.Printf("reading %d files\n", p.Files)
				return
			}
			fmt.Printf("%d/%d %s: %v\n", p.Done, p.Files, filepath.Base(p.Result.Path), p.Result.Status)
		},
	})
	if err != nil {
		panic(err)
	}
	for _, r := range results {
		if errors.Is(r.Err, api.ErrNoPDFs) {
			fmt.Printf("%s: a folder without PDF files\n", filepath.Base(r.Path))
		}
	}
	docs, err := api.List(context.Background(), api.ListOptions{DB: db})
	if err != nil {
		panic(err)
	}
	for _, d := range docs {
		fmt.Printf("document %d: %s %d, %d pages, %d objectives\n", d.ID, d.Entity, d.Year, d.Pages, d.Objectives)
	}
	// Output:
	// 0/2 empty: failed
	// reading 2 files
	// 1/2 synthetic-12.pdf: ingested
	// 2/2 synthetic-12.pdf: already present
	// empty: a folder without PDF files
	// document 1: Comune di Esempio 2024, 17 pages, 12 objectives
}
