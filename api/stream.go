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
func readPlan(ctx context.Context, f *pdffile.File, read extract.Options, source plan.Source) (res *normalize.Result, layer layerCounts, readErr, err error) {
	res, err = normalize.Stream(source, func(add func(extract.Page)) error {
		layer = layerCounts{}
		readErr = extract.Each(ctx, f, read, func(p extract.Page) error {
			layer.add(&p)
			add(p)
			return nil
		})
		return readErr
	})
	return res, layer, readErr, err
}
