package api

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/obiettivi/obiettivi/audit"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

// PreviousPlan is the plan of an earlier year that an audit compared a
// document with, and the objectives linked between them.
type PreviousPlan = audit.Previous

// audited is a document to audit with the plan of an earlier year of its
// entity, when a store holds one.
type audited struct {
	doc  *plan.Document
	prev *audit.Previous
	// store is the store the earlier plan was looked for in, "" for none.
	store string
}

// loadAudited loads target as Load does, and finds in the store the plan
// of the nearest earlier year of its entity (its last print) for the
// rules across years:
//
//   - for a stored document, the print its lineage continues, with the
//     links the store keeps, when that print is of an earlier year; when
//     it is an earlier print of the same year, the print that the first
//     print of the year continues, linked with diff's matcher;
//   - for a PDF or a plan JSON, the print a plan of its entity and year
//     would continue if it were ingested as the first print of its year
//     (store.PrintBefore), linked with diff's matcher.
//
// The store is opt.DB or, when that is empty, DefaultDB if there is one
// in the working folder.
func loadAudited(ctx context.Context, target string, opt LoadOptions) (*audited, error) {
	dbPath, err := locate(target, opt)
	if err != nil {
		return nil, err
	}
	if dbPath == "" {
		doc, err := loadFile(ctx, target, opt)
		if err != nil {
			return nil, err
		}
		a := &audited{doc: doc, store: opt.DB}
		if a.store == "" {
			if _, err := os.Stat(DefaultDB); errors.Is(err, fs.ErrNotExist) {
				return a, nil
			}
			a.store = DefaultDB
		}
		db, err := store.OpenReadOnly(ctx, a.store)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		if a.prev, err = printBefore(ctx, db, doc); err != nil {
			return nil, err
		}
		return a, nil
	}
	sel, ok := parseSelection(target)
	if !ok {
		return nil, &Error{Name: target, Err: errNotTarget}
	}
	db, err := store.OpenReadOnly(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	id, err := sel.id(ctx, db)
	if err != nil {
		return nil, err
	}
	l, err := store.LoadLineage(ctx, db, id)
	if err != nil {
		return nil, err
	}
	a := &audited{doc: l.Document, store: dbPath}
	if l.Predecessor != nil && l.Predecessor.Year > 0 && l.Predecessor.Year < l.Document.Year {
		a.prev = &audit.Previous{Document: l.Predecessor, DocumentID: l.PredecessorID, Store: dbPath}
		for _, p := range l.Pairs {
			a.prev.Pairs = append(a.prev.Pairs, audit.Pair{Old: p.Old, New: p.New, Kind: p.Kind, Similarity: p.Similarity, Partial: p.Partial})
		}
		return a, nil
	}
	if a.prev, err = printBefore(ctx, db, l.Document); err != nil {
		return nil, err
	}
	return a, nil
}

// printBefore reads the print of an earlier year that doc would continue
// (store.PrintBefore) and links doc to it; nil when there is none.
func printBefore(ctx context.Context, db *store.DB, doc *plan.Document) (*audit.Previous, error) {
	if doc.Entity == "" || doc.Year == 0 {
		return nil, nil
	}
	id, ok, err := store.PrintBefore(ctx, db, doc.Entity, doc.Year)
	if err != nil || !ok {
		return nil, err
	}
	prev, err := store.Export(ctx, db, id)
	if err != nil {
		return nil, err
	}
	p := audit.Link(prev, doc)
	p.DocumentID, p.Store = id, db.Path()
	return p, nil
}
