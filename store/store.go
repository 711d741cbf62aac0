// Package store keeps plan documents in one normalised SQLite file: every
// entity, year and print side by side, queryable with plain SQL, and each
// document exportable again exactly as it was extracted.
//
// The schema lives in numbered migrations (migrations/NNNN_name.sql), and
// the file records the last one applied in PRAGMA user_version. The file is
// opened in WAL mode with a busy timeout, so readers never block a writer
// and concurrent writers wait for each other instead of failing.
//
// Full-text search uses SQLite FTS5 where the build has it (go-sqlite3 with
// the build tag sqlite_fts5) and FTS4 otherwise, behind one query syntax:
// every build of obiettivi reads and searches every store. A build without
// cgo has no SQLite: Open then returns ErrNoSQLite.
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
)

// ApplicationID marks a SQLite file as an obiettivi store (PRAGMA
// application_id, "OBIE").
const ApplicationID = 0x4F424945

// DefaultPath is the store file every command that reads or writes a
// store uses without --db: obiettivi.sqlite in the current folder.
const DefaultPath = "obiettivi.sqlite"

// BusyTimeout is how long a statement waits for another connection's write
// lock before it gives up.
const BusyTimeout = 30 * time.Second

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNoSQLite is returned by every Open of a build without cgo, which has
// no SQLite.
var ErrNoSQLite = errors.New("this obiettivi was built without cgo (CGO_ENABLED=0), so it has no SQLite and no store: build it with cgo to use the store commands")

// DB is an open store file. It holds two connection pools: sql for
// reading, whose transactions take no lock until they write, and write,
// whose transactions take the write lock when they begin (BEGIN
// IMMEDIATE), so that two writers queue on the busy timeout instead of
// failing when one upgrades a read lock. A store opened read-only has no
// write pool.
type DB struct {
	sql   *sql.DB
	write *sql.DB
	path  string
	// uri is the SQLite URI the read pool opened.
	uri string
	// index is the full-text module of the search index: fts5 or fts4.
	index string
	// modules are the full-text modules this build's SQLite has.
	modules ftsModules
}

// Path is the file the store was opened from.
func (db *DB) Path() string { return db.path }

// SQL gives the underlying database for queries of one's own.
func (db *DB) SQL() *sql.DB { return db.sql }

// ReadOnly tells whether the store was opened with OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.write == nil }

// URI is the SQLite URI the store's reading connections were opened with
// (mode=ro, and immutable=1 where the file's folder cannot hold the WAL
// index, for a store opened read-only).
func (db *DB) URI() string { return db.uri }

// SearchIndex names the full-text module of the store's search index:
// "fts5" or "fts4".
func (db *DB) SearchIndex() string { return db.index }

// Close closes the store.
func (db *DB) Close() error {
	err := db.sql.Close()
	if db.write != nil {
		err = errors.Join(err, db.write.Close())
	}
	return err
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

func sqliteURI(abs string, params url.Values) string {
	return (&url.URL{Scheme: "file", Path: abs}).String() + "?" + params.Encode()
}

func baseParams() url.Values {
	return url.Values{
		"_busy_timeout": {strconv.Itoa(int(BusyTimeout / time.Millisecond))},
		"_synchronous":  {"NORMAL"},
		"_foreign_keys": {"on"},
	}
}

func open(ctx context.Context, path string, create bool) (*DB, error) {
	if err := available(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	mods, err := buildModules(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkHeader(path, create); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	params := baseParams()
	uri := sqliteURI(abs, params)
	read, err := sql.Open(driverName, uri)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	params.Set("_txlock", "immediate")
	write, err := sql.Open(driverName, sqliteURI(abs, params))
	if err != nil {
		read.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	db := &DB{sql: read, write: write, path: path, uri: uri, modules: mods}
	if err := db.initWaiting(ctx); err != nil {
		db.Close()
		return nil, fault(path, err)
	}
	if db.index, err = db.searchIndex(ctx, db.write); err != nil {
		db.Close()
		return nil, fault(path, err)
	}
	return db, nil
}

// OpenReadOnly opens an existing store for reading only: nothing is ever
// written to the file or beside it where that cannot be done (a read-only
// file, folder or filesystem). The file is opened with SQLite's mode=ro;
// where its folder cannot hold the WAL index that a reader of a WAL file
// needs, it is opened as immutable (immutable=1), which is sound because
// nothing can write there either. A store of an older schema is upgraded
// first when its file can be written, and refused when it cannot.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if err := available(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	mods, err := buildModules(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkHeader(path, false); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	db, version, err := openRO(ctx, path, abs, mods)
	if err != nil {
		return nil, err
	}
	ms, err := migrations()
	if err != nil {
		db.Close()
		return nil, err
	}
	if version >= len(ms) {
		return db, nil
	}
	// An older schema: upgrade it through a writing connection, then read.
	db.Close()
	up, err := OpenExisting(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%s: store has schema %d, older than this obiettivi reads (%d), and cannot be upgraded here: %s",
			path, version, len(ms), strings.TrimPrefix(err.Error(), path+": "))
	}
	if err := up.Close(); err != nil {
		return nil, fault(path, err)
	}
	db, _, err = openRO(ctx, path, abs, mods)
	return db, err
}

// openRO opens the read-only pool and checks that the file is a store.
func openRO(ctx context.Context, path, abs string, mods ftsModules) (*DB, int, error) {
	params := baseParams()
	params.Set("mode", "ro")
	var last error
	for _, immutable := range []bool{false, true} {
		if immutable {
			if !walIndexMissing(abs) {
				break
			}
			params.Set("immutable", "1")
		}
		uri := sqliteURI(abs, params)
		read, err := sql.Open(driverName, uri)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		}
		db := &DB{sql: read, path: path, uri: uri, modules: mods}
		version, err := db.look(ctx, db.sql)
		if err == nil {
			if version == 0 {
				db.Close()
				return nil, 0, fmt.Errorf("%s: not an obiettivi store (an SQLite database without its schema)", path)
			}
			if db.index, err = db.searchIndex(ctx, db.sql); err != nil && version >= SchemaVersion() {
				db.Close()
				return nil, 0, fault(path, err)
			}
			return db, version, nil
		}
		db.Close()
		last = err
		if code, _ := resultCode(err); code != codeCantOpen && code != codeReadOnly {
			break
		}
	}
	return nil, 0, fault(path, last)
}

// walIndexMissing tells whether a reader of the WAL file at abs cannot
// have its WAL index: no -shm file beside it, and a folder that cannot
// take one. Opened as immutable, SQLite ignores a -wal file, so a
// non-empty one (writes not yet copied into the file) rules it out.
func walIndexMissing(abs string) bool {
	if st, err := os.Stat(abs + "-wal"); err == nil && st.Size() > 0 {
		return false
	}
	if _, err := os.Stat(abs + "-shm"); err == nil {
		return false
	}
	f, err := os.CreateTemp(filepath.Dir(abs), ".obiettivi-probe-*")
	if err == nil {
		f.Close()
		os.Remove(f.Name())
		return false
	}
	return true
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
		return fmt.Errorf("%s: cannot read the store: %w", path, errors.Unwrap(err))
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

// SQLite primary result codes the store tells apart.
const (
	codePerm      = 3
	codeBusy      = 5
	codeLocked    = 6
	codeReadOnly  = 8
	codeInterrupt = 9
	codeIOErr     = 10
	codeCorrupt   = 11
	codeFull      = 13
	codeCantOpen  = 14
	codeNotADB    = 26
)

// FileError is a failure of the store file itself rather than of the
// document being written or read: a full disk, a damaged file, a file or
// folder that cannot be written. Its message names the store file.
type FileError struct {
	Path    string
	Problem string // what is wrong, as a sentence
	Err     error  // SQLite's error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Problem }
func (e *FileError) Unwrap() error { return e.Err }

// readOnlyError stands for SQLITE_READONLY where SQLite reported another
// code for a file that cannot be written.
type readOnlyError struct{}

func (readOnlyError) Error() string { return "read-only" }

// fileProblem is the sentence for an SQLite error that concerns the store
// file itself, or "" for any other error.
func fileProblem(err error) string {
	code, ok := resultCode(err)
	if errors.As(err, new(readOnlyError)) {
		code, ok = codeReadOnly, true
	}
	if !ok {
		return ""
	}
	switch code {
	case codeFull:
		return "no space left for the store (the disk is full)"
	case codeCorrupt:
		return "the store file is damaged"
	case codeNotADB:
		return "not an obiettivi store (not an SQLite database, or a damaged one)"
	case codeReadOnly:
		return "the store cannot be written (a read-only file, folder or filesystem)"
	case codeCantOpen:
		return "the store file cannot be opened (its folder is missing, or cannot be written to hold the store's journal)"
	case codePerm:
		return "no permission to use the store file"
	case codeIOErr:
		return "the disk failed to read or write the store file"
	}
	return ""
}

// fault names the store in err: a FileError for a failure of the file,
// the path before err otherwise.
func fault(path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	if p := fileProblem(err); p != "" {
		if code, _ := resultCode(err); code == codeCantOpen && !writable(path) {
			p = fileProblem(readOnlyError{})
		}
		return &FileError{Path: path, Problem: p, Err: err}
	}
	return fmt.Errorf("%s: %w", path, err)
}

// writable tells whether the store file at path, and its folder, can be
// written.
func writable(path string) bool {
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".obiettivi-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// fileFault is fault for the errors of the file alone: any other error is
// returned as it is, for the caller to place.
func (db *DB) fileFault(err error) error {
	if p := fileProblem(err); p != "" {
		return &FileError{Path: db.path, Problem: p, Err: err}
	}
	return err
}

// named places err in the store: a FileError for a failure of the file,
// the store's path before any other error but a cancellation or a
// QueryError, which are the caller's.
func (db *DB) named(err error) error {
	var qe *QueryError
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &qe) {
		return err
	}
	return fault(db.path, err)
}

// migration is one numbered schema step: its SQL, then, for some, a step
// in Go in the same transaction.
type migration struct {
	version int
	name    string
	sql     string
	after   func(db *DB, ctx context.Context, tx *sql.Tx) error
}

// migrationSteps are the Go steps of migrations, by version.
var migrationSteps = map[int]func(db *DB, ctx context.Context, tx *sql.Tx) error{
	3: (*DB).rebuildSearchIndex,
	4: func(db *DB, ctx context.Context, tx *sql.Tx) error {
		if err := db.remakeIndexTriggers(ctx, tx); err != nil {
			return err
		}
		return relinkAll(ctx, tx)
	},
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
		ms = append(ms, migration{version: v, name: base, sql: string(text), after: migrationSteps[v]})
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
	code, ok := resultCode(err)
	return ok && (code == codeBusy || code == codeLocked)
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
	version, err := db.lookTx(ctx)
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
		return db.convertSearchIndex(ctx)
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
		if m.after != nil {
			if err := m.after(db, ctx, tx); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// lookTx reads the schema version and, for a file without one, checks that
// it holds no tables, in one transaction: another process creating the
// store at the same time is seen either not yet started or done.
func (db *DB) lookTx(ctx context.Context) (int, error) {
	return db.look(ctx, db.write)
}

func (db *DB) look(ctx context.Context, pool *sql.DB) (int, error) {
	tx, err := pool.BeginTx(ctx, nil)
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
		return fault(db.path, err)
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
		return fault(db.path, err)
	}
	var fk int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil {
		return fault(db.path, err)
	}
	if fk > 0 {
		problems = append(problems, fmt.Sprintf("%d rows break foreign keys", fk))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: store is damaged: %s", db.path, strings.Join(problems, "; "))
	}
	return nil
}
