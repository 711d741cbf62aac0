package api

import (
	"context"
	"errors"
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

// named makes err an *Error naming the file it concerns, unless it holds
// one already, as the errors of pdffile do.
func named(path string, err error) error {
	var pe *pdffile.Error
	if errors.As(err, &pe) {
		return err
	}
	return &pdffile.Error{Name: path, Err: err}
}

// Extract reads an opened PDF into its plan document; name is the file's
// base name recorded in the document's source.
func Extract(ctx context.Context, f *pdffile.File, name string, opt Options) (*plan.Document, error) {
	pages, err := ReadPages(ctx, f, opt)
	if err != nil {
		return nil, err
	}
	res, err := normalize.Read(pages, plan.Source{File: name, SHA256: f.SHA256, Pages: len(f.Pages)})
	if err != nil {
		return nil, err
	}
	doc := res.Doc
	doc.Findings = audit.Check(doc)
	for _, n := range res.GridNotes {
		doc.Findings = append(doc.Findings, audit.UnmatchedScheduleRow(&doc.Objectives[n.Objective], n.Title, n.Page))
	}
	audit.Sort(doc, doc.Findings)
	return doc, nil
}

// ReadPages reads the pages of an opened PDF as the extractor sees them.
func ReadPages(ctx context.Context, f *pdffile.File, opt Options) ([]extract.Page, error) {
	return extract.Read(ctx, f, extract.Options{Workers: opt.Workers, Check: f.CheckStreamSize, Detail: opt.Detail})
}
