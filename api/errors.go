package api

import (
	"fmt"

	"github.com/obiettivi/obiettivi/pdffile"
	"github.com/obiettivi/obiettivi/store"
)

// Error is a failure of one input file: the file as it was named, the page
// when one page is at fault, and the cause. The errors of ExtractFile,
// Inspect and of each file of Ingest are, or wrap, an *Error.
type Error = pdffile.Error

// ErrNoDocument is matched by the errors of a store lookup that finds no
// document (an id, an entity, a year without documents).
var ErrNoDocument = store.ErrNoDocument

// FileError is a failure of a store file itself: not a store, damaged,
// read-only, the disk full. It names the store.
type FileError = store.FileError

// QueryError is a search query that cannot be run: too many words, or a
// search that ran past its time.
type QueryError = store.QueryError

// PageRangeError is a page number outside the file.
type PageRangeError struct {
	Path  string
	Page  int // the page asked for
	Pages int // the pages the file has
}

func (e *PageRangeError) Error() string {
	return fmt.Sprintf("%s: page %d is out of range (the file has %d pages)", e.Path, e.Page, e.Pages)
}

// FormatError is a report or export format that does not exist.
type FormatError struct {
	Format string
	Want   []string // the formats there are
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("unknown format %q: want %s", e.Format, orList(e.Want))
}

// orList joins items as "a", "a or b", "a, b or c".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	s := ""
	for i, it := range items[:len(items)-1] {
		if i > 0 {
			s += ", "
		}
		s += it
	}
	return s + " or " + items[len(items)-1]
}
