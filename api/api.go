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
	// Partial keeps what could be read of a PDF some of whose pages
	// cannot be read: each such page is left out with a finding (rule
	// unreadable-page; missing-pages where the page tree lost pages) and
	// the document is marked Partial. Without it such a page fails the
	// document, naming the page.
	Partial bool
}

// ErrNeedPassword is the reason a PDF is refused when it needs a user
// password that was not given (Options.Password).
var ErrNeedPassword = pdffile.ErrNeedPassword

// Open opens the PDF at path for Extract and ReadPages, repairing it in a
// child process when ctx carries an Isolation (WithIsolation).
func Open(ctx context.Context, path, password string) (*pdffile.File, error) {
	f, err := pdffile.Open(ctx, path, password, pdffile.Limits{Isolation: isolationOf(ctx)})
	if err != nil {
		return nil, interrupted(ctx, path, err)
	}
	return f, nil
}

// ExtractFile reads the Stampa Obiettivi PDF at path and returns its plan
// document, with the findings of the audit. Its errors start with path.
func ExtractFile(ctx context.Context, path string, opt Options) (*plan.Document, error) {
	f, err := Open(ctx, path, opt.Password)
	if err != nil {
		return nil, err
	}
	doc, err := Extract(ctx, f, filepath.Base(path), opt)
	if err != nil {
		return nil, interrupted(ctx, path, named(path, err))
	}
	return doc, nil
}

// interrupted replaces the error of work that ctx stopped by the cause
// ctx was cancelled with (an interruption, a memory limit), naming path.
func interrupted(ctx context.Context, path string, err error) error {
	if ctx.Err() == nil || !errors.Is(err, ctx.Err()) {
		return err
	}
	return &pdffile.Error{Name: path, Err: context.Cause(ctx)}
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
	var missing []plan.Finding
	if err := f.CheckPageCount(); err != nil {
		if !opt.Partial {
			return nil, err
		}
		missing = append(missing, audit.MissingPages(f.DeclaredPages, len(f.Pages)))
	}
	read := extract.Options{Workers: opt.Workers, Check: f.CheckStreamSize, Detail: opt.Detail}
	res, layer, unreadable, readErr, err := readPlan(ctx, f, read, opt.Partial, plan.Source{File: name, SHA256: f.SHA256, Pages: len(f.Pages)})
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
	if len(res.BarePages) > 0 {
		seen = append(seen, audit.PageContentLost(res.BarePages))
	}
	if layer.unmapped > 0 {
		seen = append(seen, audit.UnmappedGlyphs(layer.lostPages, layer.unmapped, layer.glyphs, layer.fonts))
	}
	if unreadable = append(missing, unreadable...); len(unreadable) > 0 {
		doc.Partial = true
		seen = append(seen, unreadable...)
	}
	doc.Findings = seen
	doc.Findings = append(audit.Check(doc), seen...)
	audit.Sort(doc, doc.Findings)
	return doc, nil
}

// unreadablePage is the finding of a page left out of a partial read.
func unreadablePage(page int, err error) plan.Finding {
	// The finding names the page itself: the reason is what the page's
	// error says past the file and the page.
	var pe *extract.PageError
	var fe *pdffile.Error
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &fe):
		err = fe.Err
	}
	return audit.UnreadablePage(page, err.Error())
}

// ReadPages reads the pages of an opened PDF as the extractor sees them.
func ReadPages(ctx context.Context, f *pdffile.File, opt Options) ([]extract.Page, error) {
	return extract.Read(ctx, f, extract.Options{Workers: opt.Workers, Check: f.CheckStreamSize, Detail: opt.Detail})
}
