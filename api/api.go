// Package api is the thin facade over the stages of obiettivi: each
// function is one thing a command does (extract a PDF, load a target).
package api

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/obiettivi/obiettivi/audit"
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
	// Detail keeps, in ReadPages, what only a drawing of a page needs.
	Detail bool
}

// ExtractFile reads the Stampa Obiettivi PDF at path and returns its plan
// document, with the findings of the audit. Its errors start with path.
func ExtractFile(ctx context.Context, path string, opt Options) (*plan.Document, error) {
	f, err := pdffile.Open(ctx, path, opt.Password, pdffile.Limits{})
	if err != nil {
		return nil, err
	}
	doc, err := Extract(ctx, f, filepath.Base(path), opt)
	if err != nil {
		return nil, named(path, err)
	}
	return doc, nil
}

// named makes err start with the file it concerns, as the errors of
// pdffile already do.
func named(path string, err error) error {
	var pe *pdffile.Error
	if errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Extract reads an opened PDF into its plan document; name is the file's
// base name recorded in the document's source.
func Extract(ctx context.Context, f *pdffile.File, name string, opt Options) (*plan.Document, error) {
	read := extract.Options{Workers: opt.Workers, Check: f.CheckStreamSize, Detail: opt.Detail}
	res, layer, readErr, err := readPlan(ctx, f, read, plan.Source{File: name, SHA256: f.SHA256, Pages: len(f.Pages)})
	if readErr != nil {
		return nil, readErr
	}
	if err := checkTextLayer(layer); err != nil {
		return nil, err
	}
	if err != nil {
		// Labels hidden by lost characters are no reason to call the PDF
		// something else than the report it may be.
		if errors.Is(err, normalize.ErrNotReport) && 5*layer.unmapped > layer.glyphs {
			return nil, unmappedError(layer)
		}
		return nil, err
	}
	doc := res.Doc
	// What only the reader saw goes first into the document, where the
	// audit's rules read it.
	var seen []plan.Finding
	for _, n := range res.GridNotes {
		seen = append(seen, audit.UnmatchedScheduleRow(&doc.Objectives[n.Objective], n.Title, n.Page))
	}
	for _, p := range res.Pieces {
		seen = append(seen, audit.UnjoinedPiece(p))
	}
	if layer.unmapped > 0 {
		seen = append(seen, audit.UnmappedGlyphs(layer.lostPages, layer.unmapped, layer.glyphs, layer.fonts))
	}
	doc.Findings = seen
	doc.Findings = append(audit.Check(doc), seen...)
	audit.Sort(doc, doc.Findings)
	return doc, nil
}

// ReadPages reads the pages of an opened PDF as the extractor sees them.
func ReadPages(ctx context.Context, f *pdffile.File, opt Options) ([]extract.Page, error) {
	return extract.Read(ctx, f, extract.Options{Workers: opt.Workers, Check: f.CheckStreamSize, Detail: opt.Detail})
}
