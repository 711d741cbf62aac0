package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/plan"
)

// Lineage links each document to the print before it and each of its
// objectives to the objective of that print it continues.
//
// The prints of one entity are ordered by year, then by the Consuntivo
// cells they fill (a monitoring print later in the year fills more), then
// by SHA-256 (prints alike in both are in an arbitrary but fixed order).
// A document continues the print before it in that order: an earlier
// print of its year, else the last print of the nearest earlier year
// stored. Its objectives are paired with that print's by diff.Matches,
// the matcher of diff, and every pair is a link with its kind and
// similarity.
//
// Every ingest brings the links of its entity up to date: the new
// document is linked, and so is any document whose predecessor has
// changed (the print that follows the new one). The links depend only on
// which documents are stored, never on the order they were ingested in,
// and an ingest compares at most two pairs of documents, however many the
// store holds.

// Link is how an objective continues an objective of the print before.
type Link struct {
	// Kind is how the matcher paired them: diff.MatchSameKey,
	// MatchSameTitle, MatchMoved, MatchCarriedOver, MatchTypo or
	// MatchRetitled.
	Kind string
	// Similarity is 1 for a pair of the same key, else the matcher's
	// score of the pair, 0 to 1.
	Similarity float64
	// Partial is set when the pair covers only some of the units.
	Partial bool
	// Changes are the kinds of change diff reports from the old objective
	// to the new one ("title", "moved", "phase-changed actual_months",
	// "indicator-changed target 2025"); none when it continues as printed.
	Changes []string
}

// printRef is one document in its entity's order of prints.
type printRef struct {
	id       int64
	year     int
	sha      string
	cells    int64
	recorded bool  // it has a document_lineage row
	pred     int64 // the recorded predecessor, 0 for none
}

// entityPrints lists the documents of entity in the order of prints.
func entityPrints(ctx context.Context, tx *sql.Tx, entity int64) ([]printRef, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT d.id, d.year, d.sha256, dl.document_id IS NOT NULL, coalesce(dl.predecessor_id, 0), coalesce(dl.actual_cells, -1)
		  FROM documents d LEFT JOIN document_lineage dl ON dl.document_id = d.id
		 WHERE d.entity_id = ?`, entity)
	if err != nil {
		return nil, err
	}
	var out []printRef
	for rows.Next() {
		var p printRef
		if err := rows.Scan(&p.id, &p.year, &p.sha, &p.recorded, &p.pred, &p.cells); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].recorded {
			continue
		}
		err := tx.QueryRowContext(ctx, `
			SELECT count(*) FROM phase_months m
			  JOIN phases p ON p.id = m.phase_id
			  JOIN objectives o ON o.id = p.objective_id
			 WHERE o.document_id = ? AND m.schedule = 'actual'`, out[i].id).Scan(&out[i].cells)
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.year != b.year {
			return a.year < b.year
		}
		if a.cells != b.cells {
			return a.cells < b.cells
		}
		return a.sha < b.sha
	})
	return out, nil
}

// relink links again every document of entity whose lineage is missing
// or whose predecessor is no longer the print before it.
func relink(ctx context.Context, tx *sql.Tx, entity int64) error {
	prints, err := entityPrints(ctx, tx, entity)
	if err != nil {
		return err
	}
	docs := map[int64]*plan.Document{}
	for i, p := range prints {
		var want int64
		if i > 0 {
			want = prints[i-1].id
		}
		if p.recorded && p.pred == want {
			continue
		}
		if err := linkDocument(ctx, tx, p, want, docs); err != nil {
			return fmt.Errorf("lineage of document %d: %w", p.id, err)
		}
	}
	return nil
}

// relinkAll is relink for every entity: the Go step of migration 4,
// which links the documents stored before it.
func relinkAll(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM entities ORDER BY id")
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := relink(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// linkDocument records pred as the predecessor of p (0: none) and links
// p's objectives to pred's. docs caches the documents read.
func linkDocument(ctx context.Context, tx *sql.Tx, p printRef, pred int64, docs map[int64]*plan.Document) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM objective_lineage
		WHERE objective_id IN (SELECT id FROM objectives WHERE document_id = ?)`, p.id); err != nil {
		return err
	}
	var predArg any
	if pred != 0 {
		predArg = pred
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO document_lineage (document_id, predecessor_id, actual_cells) VALUES (?, ?, ?)
		ON CONFLICT (document_id) DO UPDATE SET predecessor_id = excluded.predecessor_id, actual_cells = excluded.actual_cells`,
		p.id, predArg, p.cells); err != nil {
		return err
	}
	if pred == 0 {
		return nil
	}
	load := func(id int64) (*plan.Document, error) {
		if d, ok := docs[id]; ok {
			return d, nil
		}
		r := reader{ctx: ctx, tx: tx, id: id}
		d, err := r.document()
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", id, err)
		}
		docs[id] = d
		return d, nil
	}
	old, err := load(pred)
	if err != nil {
		return err
	}
	nw, err := load(p.id)
	if err != nil {
		return err
	}
	oldIDs, err := objectiveIDs(ctx, tx, pred)
	if err != nil {
		return err
	}
	newIDs, err := objectiveIDs(ctx, tx, p.id)
	if err != nil {
		return err
	}
	type ends struct{ nw, old int64 }
	best := map[ends]diff.Match{}
	var order []ends
	for _, m := range diff.Matches(old, nw) {
		e := ends{newIDs[m.New.Key], oldIDs[m.Old.Key]}
		if e.nw == 0 || e.old == 0 {
			return fmt.Errorf("matched objective %q has no stored key", m.New.Title)
		}
		b, seen := best[e]
		if !seen {
			order = append(order, e)
		}
		// Copies of one objective paired with copies of another: the
		// whole pair before a partial one, then the closest.
		if !seen || b.Partial && !m.Partial || b.Partial == m.Partial && m.Similarity > b.Similarity {
			best[e] = m
		}
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO objective_lineage (objective_id, predecessor_id, kind, similarity, partial, changes)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, e := range order {
		m := best[e]
		sim := min(max(m.Similarity, 0), 1)
		if _, err := st.ExecContext(ctx, e.nw, e.old, m.Kind, sim, m.Partial, strings.Join(changeKinds(m.Changes), ", ")); err != nil {
			return err
		}
	}
	return nil
}

// objectiveIDs maps the keys of a document's objectives to their ids.
func objectiveIDs(ctx context.Context, tx *sql.Tx, doc int64) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT key, id FROM objectives WHERE document_id = ?", doc)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, rows.Err()
}

// changeKinds names the kinds of changes, each once, in order: the kind,
// with the field for a changed staff row, phase or indicator.
func changeKinds(chs []diff.Change) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range chs {
		k := c.Kind
		switch c.Kind {
		case diff.KindStaffChanged, diff.KindPhaseChanged, diff.KindIndicatorChanged:
			if c.Field != "" {
				k += " " + c.Field
			}
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func splitChanges(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ", ")
}

// Remove deletes document id with everything printed in it, and links the
// print that followed it to the one before. Deleting a document with SQL
// instead leaves that print without links until the next ingest of the
// entity, or Relink.
func Remove(ctx context.Context, db *DB, id int64) error {
	if db.write == nil {
		return fmt.Errorf("%s: opened read-only", db.path)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return cancelled(ctx, db.named(err))
	}
	defer tx.Rollback()
	var entity int64
	err = tx.QueryRowContext(ctx, "SELECT entity_id FROM documents WHERE id = ?", id).Scan(&entity)
	if errors.Is(err, sql.ErrNoRows) {
		return db.named(fmt.Errorf("document %d: %w", id, ErrNoDocument))
	}
	if err != nil {
		return cancelled(ctx, db.named(err))
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM documents WHERE id = ?", id); err != nil {
		return cancelled(ctx, db.named(err))
	}
	if err := relink(ctx, tx, entity); err != nil {
		return cancelled(ctx, db.named(err))
	}
	return cancelled(ctx, db.named(tx.Commit()))
}

// Relink brings the lineage of every stored document up to date, linking
// again the documents whose predecessor is no longer the print before them
// (after documents were deleted with SQL). It compares only those.
func Relink(ctx context.Context, db *DB) error {
	if db.write == nil {
		return fmt.Errorf("%s: opened read-only", db.path)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return cancelled(ctx, db.named(err))
	}
	defer tx.Rollback()
	if err := relinkAll(ctx, tx); err != nil {
		return cancelled(ctx, db.named(err))
	}
	return cancelled(ctx, db.named(tx.Commit()))
}

// Predecessor returns the document that document id continues (the print
// before it in its entity's order of prints), and whether there is one.
func Predecessor(ctx context.Context, db *DB, id int64) (int64, bool, error) {
	var pred sql.NullInt64
	err := db.sql.QueryRowContext(ctx, `
		SELECT dl.predecessor_id FROM documents d LEFT JOIN document_lineage dl ON dl.document_id = d.id
		 WHERE d.id = ?`, id).Scan(&pred)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, db.named(fmt.Errorf("document %d: %w", id, ErrNoDocument))
	}
	if err != nil {
		return 0, false, db.named(err)
	}
	return pred.Int64, pred.Valid, nil
}

// LinkedPair is an objective of a document and the objective of its
// predecessor that it continues.
type LinkedPair struct {
	// Old and New are the first occurrences of the two objectives, in
	// Lineage.Predecessor and Lineage.Document.
	Old, New *plan.Objective
	Link
}

// Lineage is a stored document with the print it continues and the pairs
// of objectives linked between them: what a comparison across years reads.
type Lineage struct {
	DocumentID int64
	Document   *plan.Document
	// PredecessorID and Predecessor are the print the document continues;
	// 0 and nil when the store holds no earlier print of its entity.
	PredecessorID int64
	Predecessor   *plan.Document
	// Pairs are in the document's printed order. An objective of the
	// document in no pair is new; one of the predecessor in no pair was
	// dropped.
	Pairs []LinkedPair
}

// LoadLineage reads document id, its predecessor and the linked pairs of
// their objectives, in one read transaction.
func LoadLineage(ctx context.Context, db *DB, id int64) (*Lineage, error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, db.named(err)
	}
	defer tx.Rollback()
	l := &Lineage{DocumentID: id}
	r := reader{ctx: ctx, tx: tx, id: id}
	if l.Document, err = r.document(); err != nil {
		return nil, db.named(fmt.Errorf("document %d: %w", id, err))
	}
	var pred sql.NullInt64
	err = tx.QueryRowContext(ctx, "SELECT predecessor_id FROM document_lineage WHERE document_id = ?", id).Scan(&pred)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, db.named(err)
	}
	if !pred.Valid {
		return l, nil
	}
	l.PredecessorID = pred.Int64
	r = reader{ctx: ctx, tx: tx, id: pred.Int64}
	if l.Predecessor, err = r.document(); err != nil {
		return nil, db.named(fmt.Errorf("document %d: %w", pred.Int64, err))
	}
	first := func(d *plan.Document) map[string]*plan.Objective {
		m := map[string]*plan.Objective{}
		for i := range d.Objectives {
			if _, ok := m[d.Objectives[i].Key]; !ok {
				m[d.Objectives[i].Key] = &d.Objectives[i]
			}
		}
		return m
	}
	olds, nws := first(l.Predecessor), first(l.Document)
	rows, err := tx.QueryContext(ctx, `
		SELECT o.key, p.key, l.kind, l.similarity, l.partial, l.changes
		  FROM objective_lineage l
		  JOIN objectives o ON o.id = l.objective_id
		  JOIN objectives p ON p.id = l.predecessor_id
		 WHERE o.document_id = ? AND p.document_id = ?
		 ORDER BY (SELECT min(oc.position) FROM objective_occurrences oc WHERE oc.objective_id = o.id),
		          (SELECT min(oc.position) FROM objective_occurrences oc WHERE oc.objective_id = p.id)`, id, pred.Int64)
	if err != nil {
		return nil, db.named(err)
	}
	defer rows.Close()
	for rows.Next() {
		var nk, ok, changes string
		var lp LinkedPair
		if err := rows.Scan(&nk, &ok, &lp.Kind, &lp.Similarity, &lp.Partial, &changes); err != nil {
			return nil, db.named(err)
		}
		lp.Changes = splitChanges(changes)
		lp.New, lp.Old = nws[nk], olds[ok]
		if lp.New == nil || lp.Old == nil {
			return nil, db.named(fmt.Errorf("document %d: a link names an objective the document does not print", id))
		}
		l.Pairs = append(l.Pairs, lp)
	}
	return l, db.named(rows.Err())
}

// ChainMember is one print of an objective in its line: the objectives it
// continues and those that continue it.
type ChainMember struct {
	// Generation is 0 for the objective asked for, -1, -2, ... for those
	// it continues, 1, 2, ... for those that continue it.
	Generation int
	DocumentID int64
	Year       int
	// PredecessorDocumentID is the print its document continues, 0 for
	// none: an objective without Link in a document with a predecessor
	// is new there.
	PredecessorDocumentID int64
	ObjectiveID           int64
	Key                   string
	// PredecessorKey is the key of the objective of the print before that
	// this one continues (its closest link), with Link; empty and nil for
	// the first of the line.
	PredecessorKey string
	Link           *Link
	// Phases, PhasesReported and Status are the state of its phases as
	// printed (see the objective_summary view): Status is "planned",
	// "in progress", "completed", or "" without phases.
	Phases, PhasesReported int
	Status                 string
}

// Chain returns the line of objective id, in the order of prints: the
// objectives it continues, itself, and those that continue it.
func Chain(ctx context.Context, db *DB, id int64) ([]ChainMember, error) {
	rows, err := db.sql.QueryContext(ctx, `
		WITH RECURSIVE
		back (member_id, generation) AS (
		    SELECT ?1, 0
		     UNION
		    SELECT l.predecessor_id, b.generation - 1
		      FROM back b JOIN objective_lineage l ON l.objective_id = b.member_id
		),
		fwd (member_id, generation) AS (
		    SELECT ?1, 0
		     UNION
		    SELECT l.objective_id, f.generation + 1
		      FROM fwd f JOIN objective_lineage l ON l.predecessor_id = f.member_id
		),
		chain (member_id, generation) AS (
		    SELECT member_id, max(generation) FROM back GROUP BY member_id
		     UNION ALL
		    SELECT member_id, min(generation) FROM fwd WHERE generation > 0 GROUP BY member_id
		)
		SELECT c.generation, d.id, d.year, coalesce(dl.predecessor_id, 0), m.id, m.key, coalesce(pm.key, ''), l.kind, coalesce(l.similarity, 0),
		       coalesce(l.partial, 0), coalesce(l.changes, ''), s.phases, s.phases_reported, coalesce(s.status, '')
		  FROM chain c
		  JOIN objectives m ON m.id = c.member_id
		  JOIN documents d ON d.id = m.document_id
		  JOIN objective_summary s ON s.objective_id = m.id
		  LEFT JOIN document_lineage dl ON dl.document_id = d.id
		  LEFT JOIN objective_lineage l
		         ON l.objective_id = m.id
		        AND l.predecessor_id = (SELECT l2.predecessor_id FROM objective_lineage l2
		                                 WHERE l2.objective_id = m.id
		                                 ORDER BY l2.partial, l2.similarity DESC, (SELECT k.key FROM objectives k WHERE k.id = l2.predecessor_id) LIMIT 1)
		  LEFT JOIN objectives pm ON pm.id = l.predecessor_id
		 ORDER BY d.year, coalesce(dl.actual_cells, 0), d.sha256, c.generation`, id)
	if err != nil {
		return nil, db.named(err)
	}
	defer rows.Close()
	var out []ChainMember
	for rows.Next() {
		var m ChainMember
		var kind sql.NullString
		var l Link
		var changes string
		if err := rows.Scan(&m.Generation, &m.DocumentID, &m.Year, &m.PredecessorDocumentID, &m.ObjectiveID, &m.Key, &m.PredecessorKey, &kind,
			&l.Similarity, &l.Partial, &changes, &m.Phases, &m.PhasesReported, &m.Status); err != nil {
			return nil, db.named(err)
		}
		if kind.Valid {
			l.Kind, l.Changes = kind.String, splitChanges(changes)
			m.Link = &l
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, db.named(err)
	}
	if len(out) == 0 {
		return nil, db.named(fmt.Errorf("objective %d: %w", id, ErrNoObjective))
	}
	return out, nil
}

// ErrNoObjective is returned when no stored objective matches.
var ErrNoObjective = errors.New("no such objective")

// FindKey returns the stored objective of key in the last print that
// prints it, in the order of prints, and whether there is one.
func FindKey(ctx context.Context, db *DB, key string) (int64, bool, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, `
		SELECT o.id FROM objectives o
		  JOIN documents d ON d.id = o.document_id
		  LEFT JOIN document_lineage dl ON dl.document_id = d.id
		 WHERE o.key = ?
		 ORDER BY d.year DESC, coalesce(dl.actual_cells, 0) DESC, d.sha256 DESC LIMIT 1`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, db.named(err)
	}
	return id, true, nil
}

// PrintBefore returns the print that a plan of entity for year continues
// when it is the first print of its year: the last print, in the order of
// prints, of the nearest earlier year stored. The entity is the stored
// one of the same name in any case and spacing; false when the store
// holds no such entity or no print of it before year.
func PrintBefore(ctx context.Context, db *DB, entity string, year int) (int64, bool, error) {
	names, err := db.matchEntity(ctx, entity)
	if err != nil {
		return 0, false, err
	}
	want := strings.ToLower(plan.Canon(entity))
	var exact []string
	for _, n := range names {
		if strings.ToLower(plan.Canon(n)) == want {
			exact = append(exact, n)
		}
	}
	if want == "" || len(exact) != 1 {
		return 0, false, nil
	}
	var id int64
	err = db.sql.QueryRowContext(ctx, `
		SELECT d.id FROM documents d
		  JOIN entities e ON e.id = d.entity_id
		  LEFT JOIN document_lineage dl ON dl.document_id = d.id
		 WHERE e.name = ? AND d.year < ?
		 ORDER BY d.year DESC, coalesce(dl.actual_cells, 0) DESC, d.sha256 DESC LIMIT 1`, exact[0], year).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, db.named(err)
	}
	return id, true, nil
}
