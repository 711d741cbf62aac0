// Package store keeps plan documents in one normalised SQLite file: every
// entity, year and print side by side, queryable with plain SQL, and each
// document exportable again exactly as it was extracted.
//
// The schema lives in numbered migrations (migrations/NNNN_name.sql), and
// the file records the last one applied in PRAGMA user_version. The file is
// opened in WAL mode with a busy timeout, so readers never block a writer
// and concurrent writers wait for each other instead of failing.
//
// Full-text search uses SQLite FTS5, which go-sqlite3 compiles only with the
// build tag sqlite_fts5: build and test with -tags sqlite_fts5.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ApplicationID marks a SQLite file as an obiettivi store (PRAGMA
// application_id, "OBIE").
const ApplicationID = 0x4F424945

// BusyTimeout is how long a statement waits for another connection's write
// lock before it gives up.
const BusyTimeout = 30 * time.Second

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNoFTS5 is returned by Open when the SQLite linked in lacks FTS5.
var ErrNoFTS5 = errors.New("this build of obiettivi has SQLite without FTS5 (build it with -tags sqlite_fts5)")

// DB is an open store file. It holds two connection pools: sql for
// reading, whose transactions take no lock until they write, and write,
// whose transactions take the write lock when they begin (BEGIN
// IMMEDIATE), so that two writers queue on the busy timeout instead of
// failing when one upgrades a read lock.
type DB struct {
	sql   *sql.DB
	write *sql.DB
	path  string
}

// Path is the file the store was opened from.
func (db *DB) Path() string { return db.path }

// SQL gives the underlying database for queries of one's own.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close closes the store.
func (db *DB) Close() error {
	return errors.Join(db.sql.Close(), db.write.Close())
}

// Open opens the store at path, creating it when the file does not exist
// and bringing its schema up to date. A file that is not an obiettivi store
// (not SQLite, damaged, or another application's database) is reported and
// left untouched.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, true)
}

// OpenExisting is Open for a store that must already exist.
func OpenExisting(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, false)
}

func open(ctx context.Context, path string, create bool) (*DB, error) {
	if err := checkFTS5(ctx); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkHeader(path, create); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	params := url.Values{
		"_busy_timeout": {strconv.Itoa(int(BusyTimeout / time.Millisecond))},
		"_synchronous":  {"NORMAL"},
		"_foreign_keys": {"on"},
	}
	name := (&url.URL{Scheme: "file", Path: abs}).String()
	read, err := sql.Open("sqlite3", name+"?"+params.Encode())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	params.Set("_txlock", "immediate")
	write, err := sql.Open("sqlite3", name+"?"+params.Encode())
	if err != nil {
		read.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	db := &DB{sql: read, write: write, path: path}
	if err := db.initWaiting(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, explain(err))
	}
	return db, nil
}

// checkHeader refuses a file that exists and is not SQLite, before SQLite
// gets a chance to touch it. An empty file is a new store.
func checkHeader(path string, create bool) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if create {
			return nil
		}
		return fmt.Errorf("%s: no such store file", path)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s: is a folder, not a store file", path)
	}
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 {
		if create {
			return nil
		}
		return fmt.Errorf("%s: empty file, not a store", path)
	}
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%s: not an obiettivi store (not an SQLite database)", path)
	}
	return nil
}

// explain turns SQLite's terse errors about damaged files into sentences.
func explain(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return fmt.Errorf("not an obiettivi store (not an SQLite database): %w", err)
		case sqlite3.ErrCorrupt:
			return fmt.Errorf("the store file is damaged: %w", err)
		}
	}
	return err
}

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		base := filepath.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want a name starting %04d_", base, i+1)
		}
		text, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(text)})
	}
	return ms, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// checkFTS5 tells whether the SQLite linked in has FTS5, on a database in
// memory, so that a build without it never touches a file.
func checkFTS5(ctx context.Context) error {
	mem, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return err
	}
	defer mem.Close()
	var fts5 bool
	if err := mem.QueryRowContext(ctx, "SELECT sqlite_compileoption_used('ENABLE_FTS5')").Scan(&fts5); err != nil {
		return err
	}
	if !fts5 {
		return ErrNoFTS5
	}
	return nil
}

// initWaiting runs init until it succeeds, fails for a reason other than
// another connection's lock, or BusyTimeout passes. Switching a new file
// to WAL mode needs the file to itself, which another process opening the
// same new file may briefly hold.
func (db *DB) initWaiting(ctx context.Context) error {
	deadline := time.Now().Add(BusyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := db.init(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// init checks the file and applies the migrations it lacks, each in the same
// write transaction, so that two processes opening a new file at once
// migrate it once. It works on the write pool only, so that the read pool
// opens its connections on a file already in WAL mode.
func (db *DB) init(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	version, err := db.look(ctx)
	if err != nil {
		return err
	}
	if version > len(ms) {
		return fmt.Errorf("store has schema %d, newer than this obiettivi knows (%d)", version, len(ms))
	}
	// WAL is recorded in the file, so it is set once, on a file known to
	// be a store or empty.
	var journal string
	if err := db.write.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&journal); err != nil {
		return err
	}
	if journal != "wal" {
		if err := db.write.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&journal); err != nil {
			return err
		}
		if journal != "wal" {
			return fmt.Errorf("cannot switch the store to WAL mode (journal mode is %s)", journal)
		}
	}
	if version == len(ms) {
		return nil
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	version, err = db.version(ctx, tx)
	if err != nil {
		return err
	}
	if version == 0 {
		if err := db.checkEmpty(ctx, tx); err != nil {
			return err
		}
	}
	for _, m := range ms[version:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// look reads the schema version and, for a file without one, checks that
// it holds no tables, in one transaction: another process creating the
// store at the same time is seen either not yet started or done.
func (db *DB) look(ctx context.Context) (int, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	version, err := db.version(ctx, tx)
	if err != nil {
		return 0, err
	}
	if version == 0 {
		if err := db.checkEmpty(ctx, tx); err != nil {
			return 0, err
		}
	}
	return version, nil
}

// checkEmpty refuses a database without a schema version that holds
// tables: another application's.
func (db *DB) checkEmpty(ctx context.Context, q queryer) error {
	var tables int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return err
	}
	if tables > 0 {
		return errors.New("not an obiettivi store: an SQLite database of another application")
	}
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// version reads the schema version, checking that the file is a store.
func (db *DB) version(ctx context.Context, q queryer) (int, error) {
	var app, version int
	if err := q.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return 0, err
	}
	if app != 0 && app != ApplicationID {
		return 0, fmt.Errorf("not an obiettivi store: an SQLite database of another application (application_id %d)", app)
	}
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, err
	}
	if version > 0 && app != ApplicationID {
		return 0, errors.New("not an obiettivi store: an SQLite database of another application")
	}
	return version, nil
}

// Check runs SQLite's integrity and foreign-key checks over the whole file.
func Check(ctx context.Context, db *DB) error {
	rows, err := db.sql.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return explain(err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return explain(err)
	}
	var fk int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil {
		return err
	}
	if fk > 0 {
		problems = append(problems, fmt.Sprintf("%d rows break foreign keys", fk))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: store is damaged: %s", db.path, strings.Join(problems, "; "))
	}
	return nil
}
