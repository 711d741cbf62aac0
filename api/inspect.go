package api

import (
	"context"
	"io"

	"github.com/obiettivi/obiettivi/extract"
)

// InspectOptions say which page Inspect draws.
type InspectOptions struct {
	// Page is the page to draw, 1 for the first.
	Page int
	// Password opens a PDF that needs a user password.
	Password string
}

// Inspect draws a page of the PDF at path as the extractor sees it, as
// SVG, to w: filled rectangles in their colours, ruling lines, the cells
// of every table it built, and every word and text line. A page the file
// does not have is a *PageRangeError; the other errors are, or wrap, an
// *Error naming the file.
func Inspect(ctx context.Context, w io.Writer, path string, opt InspectOptions) error {
	f, err := Open(ctx, path, opt.Password)
	if err != nil {
		return err
	}
	if opt.Page < 1 || opt.Page > len(f.Pages) {
		return &PageRangeError{Path: path, Page: opt.Page, Pages: len(f.Pages)}
	}
	// The page is read alone, numbered as in the file; its checks run
	// against the whole file, which numbers the page itself.
	one := *f
	one.Pages = f.Pages[opt.Page-1 : opt.Page]
	pages, err := extract.Read(ctx, &one, extract.Options{Check: f.CheckStreamSize, Detail: true, FirstPage: opt.Page})
	if err != nil {
		return named(path, err)
	}
	return pages[0].WriteSVG(w)
}
