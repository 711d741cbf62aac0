// Package api is the thin facade over the stages of obiettivi: each
// function is one thing a command does (extract a PDF, load a target).
package api

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/normalize"
	"github.com/obiettivi/obiettivi/pdffile"
	"github.com/obiettivi/obiettivi/plan"
)

// Options tune how a PDF is read.
type Options struct {
	// Password opens a PDF that needs a user password.
	Password string
	// Workers is the number of pages read at once; 0 means all cores.
	Workers int
}

// ExtractFile reads the Stampa Obiettivi PDF at path and returns its plan
// document.
func ExtractFile(ctx context.Context, path string, opt Options) (*plan.Document, error) {
	f, err := pdffile.Open(ctx, path, opt.Password, pdffile.Limits{})
	if err != nil {
		return nil, err
	}
	return Extract(ctx, f, filepath.Base(path), opt)
}

// Extract reads an opened PDF into its plan document; name is the file's
// base name recorded in the document's source.
func Extract(ctx context.Context, f *pdffile.File, name string, opt Options) (*plan.Document, error) {
	pages, err := ReadPages(ctx, f, opt)
	if err != nil {
		return nil, err
	}
	doc, err := normalize.Document(pages, plan.Source{File: name, SHA256: f.SHA256, Pages: len(f.Pages)})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// ReadPages reads the pages of an opened PDF as the extractor sees them.
func ReadPages(ctx context.Context, f *pdffile.File, opt Options) ([]extract.Page, error) {
	pages, err := extract.Read(ctx, f.Pages, extract.Options{Workers: opt.Workers, Check: f.CheckStreamSize})
	if err != nil {
		return nil, fmt.Errorf("reading pages: %w", err)
	}
	return pages, nil
}
