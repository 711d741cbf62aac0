package api

import (
	"context"
	"fmt"
	"io"
	"time"

	"golang.org/x/text/language"

	"github.com/obiettivi/obiettivi/history"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

// DefaultDB is the store file of the store's calls when none is given.
const DefaultDB = store.DefaultPath

// Selection names stored documents: one by its id, the latest print of an
// entity's plan for a year, or every document of an entity, of a year, or
// of the store.
type Selection struct {
	// Document is a document id (see List); with it, Entity and Year are
	// not looked at.
	Document int64
	// Entity may be written in any case, or as a part of its name that
	// only one stored entity has.
	Entity string
	// Year is a plan year; with Entity, it selects the most recently
	// ingested print of that entity's plan for that year.
	Year int
}

// documents returns the ids s selects, in the store's order (entity, year,
// ingest time). A selection of one document that does not exist is an
// error matching ErrNoDocument; so is an entity no stored one matches.
func (s Selection) documents(ctx context.Context, db *store.DB) ([]int64, error) {
	if s.Document > 0 {
		return []int64{s.Document}, nil
	}
	entity := s.Entity
	if entity != "" {
		var err error
		if entity, err = store.FindEntity(ctx, db, entity); err != nil {
			return nil, err
		}
		if s.Year != 0 {
			id, err := store.Latest(ctx, db, entity, s.Year)
			if err != nil {
				return nil, err
			}
			return []int64{id}, nil
		}
	}
	return store.Documents(ctx, db, entity, s.Year, false)
}

// document reads back the one document s selects: by its id, or the
// latest print of Entity's plan for Year.
func (s Selection) document(ctx context.Context, db *store.DB) (*plan.Document, error) {
	id, err := s.id(ctx, db)
	if err != nil {
		return nil, err
	}
	return store.Export(ctx, db, id)
}

// id is the id of the one document s selects.
func (s Selection) id(ctx context.Context, db *store.DB) (int64, error) {
	if s.Document > 0 {
		return s.Document, nil
	}
	if s.Year == 0 {
		return 0, fmt.Errorf("%s: a document id, or an entity with a year, selects one document", db.Path())
	}
	return store.FindLatest(ctx, db, s.Entity, s.Year)
}

// openStore opens the store at path (DefaultDB when empty) read-only.
func openStore(ctx context.Context, path string) (*store.DB, error) {
	if path == "" {
		path = DefaultDB
	}
	return store.OpenReadOnly(ctx, path)
}

// DocumentInfo describes one stored document.
type DocumentInfo = store.DocumentInfo

// ListOptions tell List where the store is.
type ListOptions struct {
	// DB is the store file, opened read-only; empty means DefaultDB.
	DB string
}

// List returns the stored documents by entity, year and ingest time.
func List(ctx context.Context, opt ListOptions) ([]DocumentInfo, error) {
	db, err := openStore(ctx, opt.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return store.List(ctx, db)
}

// Hit is one objective that matches a search.
type Hit = store.Hit

// SearchOptions tell Search where the store is and narrow the search.
type SearchOptions struct {
	// DB is the store file, opened read-only; empty means DefaultDB.
	DB string
	// Limit is the most hits returned; 0 means all.
	Limit int
	// AllPrints searches every stored print of a plan; by default only
	// the most recently ingested print of each entity and year.
	AllPrints bool
	// Timeout bounds the time the search may take; 0 means
	// DefaultSearchTimeout.
	Timeout time.Duration
}

// DefaultSearchTimeout is how long a search may run before it is stopped.
const DefaultSearchTimeout = store.DefaultSearchTimeout

// Search finds the objectives whose title, description or phases match
// query, best first (store.Search tells the query language). A query that
// cannot be run is a *QueryError.
func Search(ctx context.Context, query string, opt SearchOptions) ([]Hit, error) {
	db, err := openStore(ctx, opt.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return store.Search(ctx, db, query, store.SearchOptions{Limit: opt.Limit, AllPrints: opt.AllPrints, Timeout: opt.Timeout})
}

// ObjectiveHistory is an objective's story across the stored prints of
// its plan (obiettivi.history/v1).
type ObjectiveHistory = history.History

// HistoryOptions tell History where the store is and how to write the
// story.
type HistoryOptions struct {
	// DB is the store file, opened read-only; empty means DefaultDB.
	DB string
	// Format is one of HistoryFormats; empty means text.
	Format string
	// Lang is the language of the text and HTML reports (Italian, the
	// default for the zero Tag, or English); the JSON is always in
	// English.
	Lang language.Tag
}

// historyFormats are the formats of History.
var historyFormats = map[string]func(io.Writer, *history.History, history.Options) error{
	"text": history.WriteText,
	"html": history.WriteHTML,
	"json": func(w io.Writer, h *history.History, _ history.Options) error { return history.WriteJSON(w, h) },
}

// HistoryFormats are the formats of History, sorted: html (one
// self-contained page, a timeline of the prints), json
// (obiettivi.history/v1) and text.
func HistoryFormats() []string { return formatNames(historyFormats) }

// History follows the objective that query names (its key, or words
// searched as Search does, the best match of the latest prints) through
// the stored prints of its plan, and writes its story to w. A query that
// cannot be run is a *QueryError.
func History(ctx context.Context, w io.Writer, query string, opt HistoryOptions) (*ObjectiveHistory, error) {
	write, err := reportFormat(opt.Format, historyFormats)
	if err != nil {
		return nil, err
	}
	db, err := openStore(ctx, opt.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	h, err := history.Find(ctx, db, query)
	if err != nil {
		return nil, err
	}
	if err := write(w, h, history.Options{Lang: opt.Lang}); err != nil {
		return nil, fmt.Errorf("writing the report: %w", err)
	}
	return h, nil
}
