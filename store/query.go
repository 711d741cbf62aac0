package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

// DocumentInfo describes one stored document.
type DocumentInfo struct {
	ID         int64
	Entity     string
	Year       int
	File       string
	Pages      int
	Title      string
	SHA256     string
	Objectives int // printed occurrences
	Distinct   int // distinct objectives
	IngestedAt time.Time
}

// List returns the stored documents by entity, year and ingest time.
func List(ctx context.Context, db *DB) ([]DocumentInfo, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT document_id, entity, year, file, pages, title, sha256, objectives, distinct_objectives, ingested_at
		  FROM plan_documents ORDER BY entity, year, ingested_at, document_id`)
	if err != nil {
		return nil, explain(err)
	}
	defer rows.Close()
	var out []DocumentInfo
	for rows.Next() {
		var d DocumentInfo
		var at string
		if err := rows.Scan(&d.ID, &d.Entity, &d.Year, &d.File, &d.Pages, &d.Title, &d.SHA256, &d.Objectives, &d.Distinct, &at); err != nil {
			return nil, err
		}
		if d.IngestedAt, err = time.Parse(timeLayout, at); err != nil {
			return nil, fmt.Errorf("document %d: ingested_at: %w", d.ID, err)
		}
		out = append(out, d)
	}
	return out, explain(rows.Err())
}

// Hit is one objective that matches a search.
type Hit struct {
	DocumentID  int64
	ObjectiveID int64
	Entity      string
	Year        int
	Units       []string // codes of the units it is printed under, in order
	Title       string
	Snippet     string // matching text, matches marked [like this]
}

// SearchOptions narrow a search.
type SearchOptions struct {
	// Limit is the most hits returned; 0 means all.
	Limit int
	// AllPrints searches every stored print of a plan; by default only
	// the most recently ingested print of each entity and year.
	AllPrints bool
}

// Search finds objectives whose title, description or phases match query,
// best first. query is FTS5 syntax (words, "phrases", prefix*, AND, OR,
// NOT); text that is not valid FTS5 syntax is searched as plain words.
// Accents do not matter: citta finds città.
func Search(ctx context.Context, db *DB, query string, opt SearchOptions) ([]Hit, error) {
	hits, err := search(ctx, db, query, opt)
	if err != nil && isQuerySyntaxError(err) {
		hits, err = search(ctx, db, plainWords(query), opt)
	}
	return hits, err
}

func search(ctx context.Context, db *DB, query string, opt SearchOptions) ([]Hit, error) {
	limit := opt.Limit
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.sql.QueryContext(ctx, `
		SELECT d.id, o.id, e.name, d.year,
		       (SELECT group_concat(oc.unit_code, char(31) ORDER BY oc.position)
		          FROM objective_occurrences oc WHERE oc.objective_id = o.id),
		       o.title,
		       snippet(objective_search, -1, '[', ']', '…', 16)
		  FROM objective_search s
		  JOIN objectives o ON o.id = s.rowid
		  JOIN documents d ON d.id = o.document_id
		  JOIN entities e ON e.id = d.entity_id
		 WHERE objective_search MATCH ?
		   AND (? OR d.id IN (SELECT document_id FROM plan_latest))
		 ORDER BY s.rank, d.id, o.id
		 LIMIT ?`, query, opt.AllPrints, limit)
	if err != nil {
		return nil, explain(err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		var units sql.NullString
		if err := rows.Scan(&h.DocumentID, &h.ObjectiveID, &h.Entity, &h.Year, &units, &h.Title, &h.Snippet); err != nil {
			return nil, err
		}
		if units.Valid {
			h.Units = strings.Split(units.String, "\x1f")
		}
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		out = append(out, h)
	}
	return out, rows.Err()
}

func isQuerySyntaxError(err error) bool {
	s := err.Error()
	return strings.Contains(s, "fts5: syntax error") || strings.Contains(s, "no such column") ||
		strings.Contains(s, "unknown special query") || strings.Contains(s, "fts5: ")
}

// plainWords quotes every word of q, so that it matches as written.
func plainWords(q string) string {
	words := strings.Fields(q)
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(words, " ")
}

// Lookup returns the id of the stored document with the given source
// SHA-256, and whether there is one.
func Lookup(ctx context.Context, db *DB, sha256 string) (int64, bool, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, "SELECT id FROM documents WHERE sha256 = ?", sha256).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, explain(err)
	}
	return id, true, nil
}

// FindLatest is Latest for an entity named loosely: in any case, or by a
// part of its name that only one stored entity has.
func FindLatest(ctx context.Context, db *DB, entity string, year int) (int64, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT name FROM entities ORDER BY name")
	if err != nil {
		return 0, explain(err)
	}
	defer rows.Close()
	want := strings.ToLower(plan.Canon(entity))
	var exact, partial []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return 0, err
		}
		switch n := strings.ToLower(plan.Canon(name)); {
		case n == want:
			exact = append(exact, name)
		case want != "" && strings.Contains(n, want):
			partial = append(partial, name)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	names := exact
	if len(names) == 0 {
		names = partial
	}
	switch len(names) {
	case 0:
		return 0, fmt.Errorf("%w: no stored entity is called %q", ErrNoDocument, entity)
	case 1:
		return Latest(ctx, db, names[0], year)
	}
	return 0, fmt.Errorf("%q matches several stored entities (%s): write the name in full", entity, strings.Join(names, ", "))
}
