package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyFixture copies a store file of store/testdata into a temporary
// folder and returns its path.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	src, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), name)
	dst, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestUpgradeSchema2 opens a store written by schema 2 (an FTS5 index over
// a view), in this build: with FTS5 or without, it is upgraded in place,
// keeps its document whole, and is searched and written to.
func TestUpgradeSchema2(t *testing.T) {
	ctx := context.Background()
	path := copyFixture(t, "schema2-fts5.sqlite")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := Check(ctx, db); err != nil {
		t.Fatal(err)
	}
	var version int
	db.SQL().QueryRow("PRAGMA user_version").Scan(&version)
	if version != SchemaVersion() {
		t.Errorf("user_version %d after the upgrade, want %d", version, SchemaVersion())
	}
	var old int
	db.SQL().QueryRow("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'objective_search%'").Scan(&old)
	if old != 0 {
		t.Errorf("%d schema entries of the old index are left", old)
	}
	if want := db.modules.best(); db.SearchIndex() != want {
		t.Errorf("index made with %s, want %s", db.SearchIndex(), want)
	}
	hits, err := Search(ctx, db, "tempo medio ponderato", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Title != "Abbattimento indicatore tempo medio ponderato a -2" || len(hits[0].Units) < 2 {
		t.Errorf("hits %+v, want the payment-time objective with its units", hits)
	}
	var phases string
	db.SQL().QueryRow("SELECT phases_text FROM objectives WHERE id = ?", hits[0].ObjectiveID).Scan(&phases)
	if phases == "" {
		t.Error("phases_text left empty by the upgrade")
	}
	docs, err := List(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || !docs[0].IsLatest {
		t.Fatalf("documents after the upgrade: %+v", docs)
	}
	doc, err := Export(ctx, db, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	// The stored document is the trimmed sample: every occurrence kept
	// whole, as a round trip of the same objectives shows.
	again := variant(doc, 7)
	ingest(t, db, again)
	hits, err = Search(ctx, db, "pagamenti", SearchOptions{AllPrints: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 {
		t.Errorf("%d hits for pagamenti in the upgraded store and a new document, want 2", len(hits))
	}
	if err := Check(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if !strings.Contains(h.Snippet, "[") {
			t.Errorf("snippet %q marks no match", h.Snippet)
		}
	}
}

// fakeFTS5Index replaces the search index of the store at path with the
// schema entries of an FTS5 one, as a build with FTS5 writes it: the
// virtual table's row, its shadow tables and its triggers. A build without
// FTS5 sees exactly what it sees in a store written by a build with it.
func fakeFTS5Index(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := db.dropIndex(ctx, tx, indexTable); err != nil {
		t.Fatal(err)
	}
	stmts := []string{
		`CREATE TABLE 'objectives_fts_data'(id INTEGER PRIMARY KEY, block BLOB)`,
		`CREATE TABLE 'objectives_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID`,
		`CREATE TABLE 'objectives_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB)`,
		`CREATE TABLE 'objectives_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID`,
		`PRAGMA writable_schema = ON`,
		`INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('table', 'objectives_fts', 'objectives_fts', 0, '` +
			strings.ReplaceAll(createIndexSQL(fts5), "'", "''") + `')`,
		`PRAGMA writable_schema = RESET`,
	}
	stmts = append(stmts, indexTriggersSQL(fts5)...)
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestFTS5IndexInBuildWithoutFTS5 opens, in a build without FTS5, a store
// whose index is FTS5: read-only it is listed and exported, and search says
// what to do; opened for writing, the index is remade with FTS4 and all
// works.
func TestFTS5IndexInBuildWithoutFTS5(t *testing.T) {
	ctx := context.Background()
	mods, err := buildModules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if mods.fts5 {
		t.Skip("this build has FTS5: an FTS5 index is its own (TestSearch); run the test in a build without -tags sqlite_fts5")
	}
	db := openTemp(t)
	id := ingest(t, db, golden(t, "capannori-2024"))
	path := db.Path()
	db.Close()
	fakeFTS5Index(t, path)

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if ro.SearchIndex() != fts5 {
		t.Fatalf("index read as %q, want fts5", ro.SearchIndex())
	}
	if _, err := Export(ctx, ro, id); err != nil {
		t.Errorf("export from a store with an FTS5 index: %v", err)
	}
	_, err = Search(ctx, ro, "pagamenti", SearchOptions{})
	if err == nil || !strings.Contains(err.Error(), "FTS5, which this build's SQLite lacks") {
		t.Errorf("search of an FTS5 index: err = %v", err)
	}
	ro.Close()

	rw, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if rw.SearchIndex() != fts4 {
		t.Errorf("index after a writing open: %q, want fts4", rw.SearchIndex())
	}
	hits, err := Search(ctx, rw, "ponderato ritardo", SearchOptions{})
	if err != nil || len(hits) != 1 {
		t.Errorf("search after the conversion: %d hits, %v", len(hits), err)
	}
	ingest(t, rw, variant(golden(t, "capannori-2025"), 1))
	if err := Check(ctx, rw); err != nil {
		t.Fatal(err)
	}
	var left int
	rw.SQL().QueryRow("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%fts5%' OR name LIKE 'objectives_fts_data'").Scan(&left)
	if left != 0 {
		t.Errorf("%d schema entries of the FTS5 index are left", left)
	}
}

// TestUpgradeSchema3 opens a store written by schema 3 (an FTS4 index,
// two years of the trimmed samples, made by the ingest of the commit
// before lineage): migration 4 links the stored years with the pairs diff
// makes, and gives the FTS4 index triggers with which a document can be
// removed.
func TestUpgradeSchema3(t *testing.T) {
	ctx := context.Background()
	path := copyFixture(t, "schema3-fts4.sqlite")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := Check(ctx, db); err != nil {
		t.Fatal(err)
	}
	docs, err := List(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Year != 2024 || docs[1].Year != 2025 {
		t.Fatalf("documents %+v", docs)
	}
	l, err := LoadLineage(ctx, db, docs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.PredecessorID != docs[0].ID {
		t.Fatalf("2025 continues document %d, want %d", l.PredecessorID, docs[0].ID)
	}
	want := wantLinks(l.Predecessor, l.Document)
	kinds := map[string]int{}
	for _, p := range l.Pairs {
		if want[[2]string{p.New.Key, p.Old.Key}] != p.Kind {
			t.Errorf("%q ← %q linked as %s", p.New.Title, p.Old.Title, p.Kind)
		}
		kinds[p.Kind]++
	}
	if len(l.Pairs) != len(want) || kinds["retitled"] != 1 || kinds["moved"] != 1 {
		t.Errorf("%d pairs (%v), want %d with one retitled and one moved", len(l.Pairs), kinds, len(want))
	}
	if err := Remove(ctx, db, docs[0].ID); err != nil {
		t.Fatalf("removing a document of the upgraded store: %v", err)
	}
	if _, has, err := Predecessor(ctx, db, docs[1].ID); has || err != nil {
		t.Errorf("2025 still continues a print (%v)", err)
	}
	if err := Check(ctx, db); err != nil {
		t.Fatal(err)
	}
}
