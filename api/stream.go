package api

import (
	"context"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/normalize"
	"github.com/obiettivi/obiettivi/pdffile"
	"github.com/obiettivi/obiettivi/plan"
)

// readPlan reads the pages of f with read into the records of its plan as
// they are read (normalize.Stream), each page let go once its records are
// built, and counts what the pages show of the text layer. readErr is a
// page's failure to be read, err the pages' failure to read as a report.
// With partial, a page that cannot be read is left out and named in
// unreadable.
func readPlan(ctx context.Context, f *pdffile.File, read extract.Options, partial bool, source plan.Source) (res *normalize.Result, layer layerCounts, unreadable []plan.Finding, readErr, err error) {
	res, err = normalize.Stream(source, func(add func(extract.Page)) error {
		// Stream may read the pages twice: each pass counts afresh.
		layer, unreadable = layerCounts{}, nil
		if partial {
			read.Unreadable = func(page int, err error) {
				unreadable = append(unreadable, unreadablePage(page, err))
			}
		}
		readErr = extract.Each(ctx, f, read, func(p extract.Page) error {
			layer.add(&p)
			add(p)
			return nil
		})
		return readErr
	})
	return res, layer, unreadable, readErr, err
}
