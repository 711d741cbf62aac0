package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
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
	Objectives int  // printed occurrences
	Distinct   int  // distinct objectives
	IsLatest   bool // the most recently ingested print of its entity and year
	Partial    bool // read with pages left out (--partial)
	IngestedAt time.Time
	// ExtractorVersion and ExtractorCommit name the obiettivi that
	// extracted it; empty when unknown.
	ExtractorVersion string
	ExtractorCommit  string
}

// List returns the stored documents by entity, year and ingest time.
func List(ctx context.Context, db *DB) ([]DocumentInfo, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT document_id, entity, year, file, pages, title, sha256, objectives, distinct_objectives,
		       is_latest, partial, ingested_at, coalesce(extractor_version, ''), coalesce(extractor_commit, '')
		  FROM plan_documents ORDER BY entity, year, ingested_at, document_id`)
	if err != nil {
		return nil, fault(db.path, err)
	}
	defer rows.Close()
	var out []DocumentInfo
	for rows.Next() {
		var d DocumentInfo
		var at string
		if err := rows.Scan(&d.ID, &d.Entity, &d.Year, &d.File, &d.Pages, &d.Title, &d.SHA256, &d.Objectives, &d.Distinct,
			&d.IsLatest, &d.Partial, &at, &d.ExtractorVersion, &d.ExtractorCommit); err != nil {
			return nil, fault(db.path, err)
		}
		if d.IngestedAt, err = time.Parse(timeLayout, at); err != nil {
			return nil, fmt.Errorf("%s: document %d: ingested_at: %w", db.path, d.ID, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fault(db.path, err)
	}
	return out, nil
}

// Hit is one objective that matches a search.
type Hit struct {
	DocumentID  int64
	ObjectiveID int64
	Entity      string
	Year        int
	Key         string   // the objective's deduplication key
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
	// Timeout bounds the time the search may take; 0 means
	// DefaultSearchTimeout.
	Timeout time.Duration
}

// DefaultSearchTimeout is how long a search may run before it is stopped.
const DefaultSearchTimeout = 10 * time.Second

// Search finds objectives whose title, description or phases match query,
// best first. The query language is described in searchquery.go: words,
// "phrases", prefix*, AND, OR, NOT, parentheses, NEAR(a b), title:word;
// text that is not valid syntax is searched as its plain words. Accents and
// case do not matter: citta finds città. A query of more than
// MaxQueryTerms words, or one that runs past the timeout, is refused with
// a *QueryError.
func Search(ctx context.Context, db *DB, query string, opt SearchOptions) ([]Hit, error) {
	if len(query) > MaxQueryBytes {
		return nil, &QueryError{fmt.Sprintf("the query is %d bytes long; at most %d are searched", len(query), MaxQueryBytes)}
	}
	n, err := parseQuery(query)
	if err != nil {
		n = plainQuery(query)
	}
	if n == nil {
		return nil, &QueryError{"the query holds no word to search"}
	}
	if c := countTerms(n); c > MaxQueryTerms {
		return nil, &QueryError{fmt.Sprintf("the query has %d words; at most %d are searched at once", c, MaxQueryTerms)}
	}
	if db.index == "" {
		return nil, fmt.Errorf("%s: the store has no search index", db.path)
	}
	if !db.modules.has(db.index) {
		return nil, fmt.Errorf("%s: the store's search index was made with %s, which this build's SQLite lacks: search it with a build that has it (go build -tags sqlite_fts5), or ingest into it once with this build, which remakes the index with %s",
			db.path, strings.ToUpper(db.index), strings.ToUpper(db.modules.best()))
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = DefaultSearchTimeout
	}
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var hits []Hit
	if db.index == fts5 {
		hits, err = searchFTS5(sctx, db, render(n, fts5), opt)
	} else {
		hits, err = searchFTS4(sctx, db, render(n, fts4), opt)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if sctx.Err() != nil {
			return nil, &QueryError{fmt.Sprintf("the search ran past %s and was stopped: use fewer words, fewer prefixes* or ORs", timeout)}
		}
		return nil, fault(db.path, err)
	}
	return hits, nil
}

// hitColumns select a Hit from objectives o, documents d and entities e.
const hitColumns = `d.id, o.id, e.name, d.year, o.key,
		(SELECT group_concat(unit_code, char(31))
		   FROM (SELECT oc.unit_code FROM objective_occurrences oc
		          WHERE oc.objective_id = o.id ORDER BY oc.position)),
		o.title`

func scanHit(rows *sql.Rows, extra ...any) (Hit, error) {
	var h Hit
	var units sql.NullString
	dest := append([]any{&h.DocumentID, &h.ObjectiveID, &h.Entity, &h.Year, &h.Key, &units, &h.Title, &h.Snippet}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return h, err
	}
	if units.Valid {
		h.Units = strings.Split(units.String, "\x1f")
	}
	h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
	return h, nil
}

func searchFTS5(ctx context.Context, db *DB, match string, opt SearchOptions) ([]Hit, error) {
	limit := opt.Limit
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.sql.QueryContext(ctx, `
		SELECT `+hitColumns+`, snippet(objectives_fts, -1, '[', ']', '…', 16)
		  FROM objectives_fts s
		  JOIN objectives o ON o.id = s.rowid
		  JOIN documents d ON d.id = o.document_id
		  JOIN entities e ON e.id = d.entity_id
		 WHERE objectives_fts MATCH ?
		   AND (? OR d.is_latest = 1)
		 ORDER BY s.rank, d.id, o.id
		 LIMIT ?`, match, opt.AllPrints, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		h, err := scanHit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// searchFTS4 ranks the matches by BM25, as FTS5 does, computed from FTS4's
// matchinfo, then reads the best ones with their snippets.
func searchFTS4(ctx context.Context, db *DB, match string, opt SearchOptions) ([]Hit, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT s.rowid, d.id, matchinfo(objectives_fts, 'pcnalx')
		  FROM objectives_fts s
		 CROSS JOIN objectives o ON o.id = s.rowid
		  JOIN documents d ON d.id = o.document_id
		 WHERE objectives_fts MATCH ?
		   AND (? OR d.is_latest = 1)`, match, opt.AllPrints)
	if err != nil {
		return nil, err
	}
	type ranked struct {
		objective, document int64
		score               float64
	}
	var all []ranked
	for rows.Next() {
		var r ranked
		var info []byte
		if err := rows.Scan(&r.objective, &r.document, &info); err != nil {
			rows.Close()
			return nil, err
		}
		r.score = bm25(info)
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.document != b.document {
			return a.document < b.document
		}
		return a.objective < b.objective
	})
	if opt.Limit > 0 && len(all) > opt.Limit {
		all = all[:opt.Limit]
	}
	if len(all) == 0 {
		return nil, nil
	}
	order := make(map[int64]int, len(all))
	ids := make([]string, len(all))
	for i, r := range all {
		order[r.objective] = i
		ids[i] = strconv.FormatInt(r.objective, 10)
	}
	rows, err = db.sql.QueryContext(ctx, `
		SELECT `+hitColumns+`, snippet(objectives_fts, '[', ']', '…', -1, 16), o.id
		  FROM objectives_fts s
		 CROSS JOIN objectives o ON o.id = s.rowid
		  JOIN documents d ON d.id = o.document_id
		  JOIN entities e ON e.id = d.entity_id
		 WHERE objectives_fts MATCH ?
		   AND o.id IN (`+strings.Join(ids, ",")+`)`, match)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Hit, len(all))
	for rows.Next() {
		var id int64
		h, err := scanHit(rows, &id)
		if err != nil {
			return nil, err
		}
		out[order[id]] = h
	}
	return out, rows.Err()
}

// bm25 scores one row from FTS4's matchinfo 'pcnalx', as FTS5's bm25()
// does (k1 = 1.2, b = 0.75, every column weighted 1), higher better.
func bm25(info []byte) float64 {
	u := func(i int) float64 {
		if 4*i+4 > len(info) {
			return 0
		}
		return float64(binary.NativeEndian.Uint32(info[4*i:]))
	}
	const k1, b = 1.2, 0.75
	p, c := int(u(0)), int(u(1))
	n := u(2)
	avg, length, x := 3, 3+c, 3+2*c
	score := 0.0
	for ip := 0; ip < p; ip++ {
		for ic := 0; ic < c; ic++ {
			base := x + 3*(ip*c+ic)
			tf, docs := u(base), u(base+2)
			if tf == 0 {
				continue
			}
			idf := math.Log((n - docs + 0.5) / (docs + 0.5))
			if idf <= 0 {
				idf = 1e-6
			}
			a := u(avg + ic)
			if a == 0 {
				a = 1
			}
			score += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*u(length+ic)/a))
		}
	}
	return score
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
		return 0, false, db.named(err)
	}
	return id, true, nil
}

// FindLatest is Latest for an entity named loosely: in any case, or by a
// part of its name that only one stored entity has.
func FindLatest(ctx context.Context, db *DB, entity string, year int) (int64, error) {
	name, err := FindEntity(ctx, db, entity)
	if err != nil {
		return 0, err
	}
	return Latest(ctx, db, name, year)
}

// matchEntity lists the stored entities entity stands for: those of the
// same name in any case or, when there is none, those whose name holds it.
func (db *DB) matchEntity(ctx context.Context, entity string) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT name FROM entities ORDER BY name")
	if err != nil {
		return nil, db.named(err)
	}
	defer rows.Close()
	want := strings.ToLower(plan.Canon(entity))
	var exact, partial []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, db.named(err)
		}
		switch n := strings.ToLower(plan.Canon(name)); {
		case n == want:
			exact = append(exact, name)
		case want != "" && strings.Contains(n, want):
			partial = append(partial, name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, db.named(err)
	}
	if len(exact) > 0 {
		return exact, nil
	}
	return partial, nil
}
