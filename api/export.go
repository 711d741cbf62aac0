package api

import (
	"context"
	"fmt"
	"io"

	"github.com/obiettivi/obiettivi/store"
)

// The formats of Export.
const (
	// FormatJSON is the obiettivi.plan/v1 document of one stored print.
	FormatJSON = "json"
	// FormatCSV, FormatNDJSON and FormatParquet are readable tables, one
	// per plan_* view of the store, written into a folder.
	FormatCSV     = store.FormatCSV
	FormatNDJSON  = store.FormatNDJSON
	FormatParquet = store.FormatParquet
)

// ExportFormats are the formats of Export, in the order they are told.
func ExportFormats() []string {
	return []string{FormatJSON, FormatCSV, FormatNDJSON, FormatParquet}
}

// ExportOptions say what Export writes, and where from.
type ExportOptions struct {
	// DB is the store file, opened read-only; empty means DefaultDB.
	DB string
	// Selection picks the documents. FormatJSON needs one: an id, or an
	// entity with a year. The tables cover every document selected; the
	// zero Selection is every document of the store.
	Selection
	// Format is one of ExportFormats; empty means FormatJSON.
	Format string
	// Dir is the folder the tables are written into (not FormatJSON). It
	// is written whole or not at all; it must not exist or be empty,
	// unless Force, which replaces it and all it holds.
	Dir   string
	Force bool
	// Excel writes CSV for a spreadsheet set to Italian: a UTF-8 byte
	// order mark, ';' between fields, CRLF line ends, decimal commas.
	Excel bool
	// Raw writes the store's normalised tables, ids and all, instead of
	// the readable ones (CSV and NDJSON).
	Raw bool
}

// Export writes stored documents. FormatJSON writes the plan document the
// selection names to w, as Extract would have it; the other formats write
// their tables into opt.Dir and return the files written.
func Export(ctx context.Context, w io.Writer, opt ExportOptions) ([]string, error) {
	switch opt.Format {
	case "", FormatJSON:
	case FormatCSV, FormatNDJSON, FormatParquet:
		if opt.Dir == "" {
			return nil, fmt.Errorf("format %s writes a folder of files: name it (ExportOptions.Dir)", opt.Format)
		}
	default:
		return nil, &FormatError{Format: opt.Format, Want: ExportFormats()}
	}
	db, err := openStore(ctx, opt.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if opt.Format == "" || opt.Format == FormatJSON {
		doc, err := opt.document(ctx, db)
		if err != nil {
			return nil, err
		}
		return nil, doc.Encode(w)
	}
	docs, err := opt.documents(ctx, db)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: %w to export", db.Path(), ErrNoDocument)
	}
	return store.ExportTables(ctx, db, opt.Dir, store.ExportOptions{
		Format: opt.Format, Documents: docs, Excel: opt.Excel, Raw: opt.Raw, Force: opt.Force,
	})
}
