package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The search index is objectives_fts, a full-text table whose content is
// the objectives table itself (content="objectives", its rowid the
// objective's id) over the columns title, description_text and
// phases_text: the layout sqlite-utils and Datasette look for, so that
// `sqlite-utils search FILE objectives QUERY` and Datasette's search box
// work on the file as it is. Triggers on objectives keep it in step.
//
// It is an FTS5 table where the build's SQLite has FTS5, an FTS4 table
// otherwise; both tokenize with unicode61, diacritics removed, so that
// citta finds città.
const (
	indexTable = "objectives_fts"
	fts5       = "fts5"
	fts4       = "fts4"
)

// indexColumns are the columns of objectives the index holds.
var indexColumns = []string{"title", "description_text", "phases_text"}

// ftsModules are the full-text modules of the linked SQLite.
type ftsModules struct{ fts5, fts4 bool }

// best is the module new indexes use.
func (m ftsModules) best() string {
	if m.fts5 {
		return fts5
	}
	return fts4
}

func (m ftsModules) has(module string) bool {
	switch module {
	case fts5:
		return m.fts5
	case fts4:
		return m.fts4
	}
	return false
}

// buildModules asks the linked SQLite which full-text modules it has, on a
// database in memory.
func buildModules(ctx context.Context) (ftsModules, error) {
	mem, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return ftsModules{}, err
	}
	defer mem.Close()
	var m ftsModules
	err = mem.QueryRowContext(ctx, "SELECT sqlite_compileoption_used('ENABLE_FTS5'), sqlite_compileoption_used('ENABLE_FTS3') OR sqlite_compileoption_used('ENABLE_FTS4')").
		Scan(&m.fts5, &m.fts4)
	if err != nil {
		return m, err
	}
	if !m.fts5 && !m.fts4 {
		return m, errors.New("this build's SQLite has no full-text search (neither FTS5 nor FTS4)")
	}
	return m, nil
}

// createIndexSQL creates the search index with module.
func createIndexSQL(module string) string {
	cols := strings.Join(indexColumns, ", ")
	if module == fts5 {
		return `CREATE VIRTUAL TABLE objectives_fts USING fts5(` + cols +
			`, content="objectives", content_rowid="id", tokenize="unicode61 remove_diacritics 2")`
	}
	return `CREATE VIRTUAL TABLE objectives_fts USING fts4(` + cols +
		`, content="objectives", tokenize=unicode61 "remove_diacritics=2")`
}

// indexTriggersSQL keeps the index of module in step with objectives: an
// ingest inserts, a deleted document (its objectives deleted by cascade)
// deletes. FTS5 takes the old values with its 'delete' command, as
// sqlite-utils' own triggers do; FTS4, which has no such command, reads
// the old text from the content table itself, so it deletes before the
// row goes (the triggers of SQLite's documentation for an external
// content FTS4 table).
func indexTriggersSQL(module string) []string {
	cols := strings.Join(indexColumns, ", ")
	vals := func(side string) string {
		v := make([]string, len(indexColumns))
		for i, c := range indexColumns {
			v[i] = side + "." + c
		}
		return strings.Join(v, ", ")
	}
	if module == fts4 {
		insert := `INSERT INTO objectives_fts (docid, ` + cols + `) VALUES (new.id, ` + vals("new") + `);`
		remove := `DELETE FROM objectives_fts WHERE docid = old.id;`
		return []string{
			`CREATE TRIGGER objectives_fts_insert AFTER INSERT ON objectives BEGIN ` + insert + ` END`,
			`CREATE TRIGGER objectives_fts_delete BEFORE DELETE ON objectives BEGIN ` + remove + ` END`,
			`CREATE TRIGGER objectives_fts_update_before BEFORE UPDATE ON objectives BEGIN ` + remove + ` END`,
			`CREATE TRIGGER objectives_fts_update AFTER UPDATE ON objectives BEGIN ` + insert + ` END`,
		}
	}
	insert := `INSERT INTO objectives_fts (rowid, ` + cols + `) VALUES (new.id, ` + vals("new") + `);`
	remove := `INSERT INTO objectives_fts (objectives_fts, rowid, ` + cols + `) VALUES ('delete', old.id, ` + vals("old") + `);`
	return []string{
		`CREATE TRIGGER objectives_fts_insert AFTER INSERT ON objectives BEGIN ` + insert + ` END`,
		`CREATE TRIGGER objectives_fts_delete AFTER DELETE ON objectives BEGIN ` + remove + ` END`,
		`CREATE TRIGGER objectives_fts_update AFTER UPDATE ON objectives BEGIN ` + remove + ` ` + insert + ` END`,
	}
}

// remakeIndexTriggers makes the index's triggers again for its module:
// part of migration 4, as schema 3 gave an FTS4 index the triggers of
// FTS5, with which no objective could be deleted or changed.
func (db *DB) remakeIndexTriggers(ctx context.Context, tx *sql.Tx) error {
	module, err := indexModule(ctx, tx, indexTable)
	if err != nil || module == "" {
		return err
	}
	triggers, err := names(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'objectives' AND name LIKE 'objectives\_fts\_%' ESCAPE '\'`)
	if err != nil {
		return err
	}
	for _, t := range triggers {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+t+`"`); err != nil {
			return err
		}
	}
	for _, s := range indexTriggersSQL(module) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

// indexModule reads the module of the virtual table name from the schema,
// or "" when there is no such table.
func indexModule(ctx context.Context, q queryer, name string) (string, error) {
	var ddl string
	err := q.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", name).Scan(&ddl)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	low := strings.ToLower(ddl)
	for _, m := range []string{fts5, fts4, "fts3"} {
		if strings.Contains(low, "using "+m) {
			return m, nil
		}
	}
	return "", fmt.Errorf("%s is not a full-text table", name)
}

// searchIndex reads the module of the store's search index.
func (db *DB) searchIndex(ctx context.Context, pool *sql.DB) (string, error) {
	m, err := indexModule(ctx, pool, indexTable)
	if err == nil && m == "" {
		err = errors.New("the store has no search index (objectives_fts)")
	}
	return m, err
}

// rebuildSearchIndex is the Go step of migration 3: it drops the search
// index of schemas 1 and 2 (an FTS5 table over a view), and makes
// objectives_fts with the best module of this build, filled from the
// objectives and kept in step by triggers.
func (db *DB) rebuildSearchIndex(ctx context.Context, tx *sql.Tx) error {
	if err := db.dropIndex(ctx, tx, "objective_search"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DROP VIEW IF EXISTS objective_search_source"); err != nil {
		return err
	}
	return db.makeIndex(ctx, tx, db.modules.best())
}

// makeIndex creates objectives_fts with module, its triggers, and fills it.
func (db *DB) makeIndex(ctx context.Context, tx *sql.Tx, module string) error {
	stmts := append([]string{createIndexSQL(module)}, indexTriggersSQL(module)...)
	stmts = append(stmts, `INSERT INTO objectives_fts (objectives_fts) VALUES ('rebuild')`)
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

// dropIndex drops the full-text table name, if there is one, with its
// triggers. A table of a module this build lacks (FTS5 in a build with
// FTS4 only) cannot be dropped by DROP TABLE, which needs the module: its
// shadow tables are dropped as the plain tables they are, and its row is
// taken out of the schema.
func (db *DB) dropIndex(ctx context.Context, tx *sql.Tx, name string) error {
	module, err := indexModule(ctx, tx, name)
	if err != nil || module == "" {
		return err
	}
	triggers, err := names(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%' || ? || '%'`, name)
	if err != nil {
		return err
	}
	for _, t := range triggers {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+t+`"`); err != nil {
			return err
		}
	}
	if db.modules.has(module) {
		_, err := tx.ExecContext(ctx, `DROP TABLE "`+name+`"`)
		return err
	}
	shadows, err := names(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE ? || '\_%' ESCAPE '\' AND rootpage > 0`, name)
	if err != nil {
		return err
	}
	for _, s := range shadows {
		if _, err := tx.ExecContext(ctx, `DROP TABLE "`+s+`"`); err != nil {
			return fmt.Errorf("dropping %s of the %s index: %w", s, module, err)
		}
	}
	for _, s := range []string{
		"PRAGMA writable_schema = ON",
		"DELETE FROM sqlite_schema WHERE type = 'table' AND name = '" + name + "' AND rootpage = 0",
		"PRAGMA writable_schema = RESET",
	} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("dropping the %s index %s: %w", module, name, err)
		}
	}
	return nil
}

func names(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// convertSearchIndex remakes with FTS4 a search index made with FTS5 when
// this build lacks FTS5, so that a store written by a build with FTS5 can
// be written and searched by one without: one transaction, once.
func (db *DB) convertSearchIndex(ctx context.Context) error {
	module, err := indexModule(ctx, db.write, indexTable)
	if err != nil || module == "" || db.modules.has(module) {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if module, err = indexModule(ctx, tx, indexTable); err != nil || module == "" || db.modules.has(module) {
		return err
	}
	if err := db.dropIndex(ctx, tx, indexTable); err != nil {
		return err
	}
	if err := db.makeIndex(ctx, tx, db.modules.best()); err != nil {
		return err
	}
	return tx.Commit()
}
