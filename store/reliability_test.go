package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test binary doubles as an ingest process for the tests that need
// separate processes: with OBIETTIVI_STORE_HELPER set it ingests variants
// of the 2024 sample into the store it names and exits.
func TestMain(m *testing.M) {
	if mode := os.Getenv("OBIETTIVI_STORE_HELPER"); mode != "" {
		os.Exit(helper(mode, os.Getenv("OBIETTIVI_STORE_DB"), os.Getenv("OBIETTIVI_STORE_VARIANTS")))
	}
	os.Exit(m.Run())
}

// helper ingests the variants listed (comma-separated numbers), or, in
// mode "loop", variants N, N+1, ... from the number given until it is
// killed, printing "begin N" before and "committed N" after each.
func helper(mode, path, list string) int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if mode == "readonly" {
		return readOnlyHelper(path, list)
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	doc := golden(helperTB{}, "capannori-2024")
	var next func() (int, bool)
	switch mode {
	case "loop":
		n, _ := strconv.Atoi(list)
		n--
		next = func() (int, bool) { n++; return n, true }
	case "list":
		fields := strings.Split(list, ",")
		next = func() (int, bool) {
			if len(fields) == 0 {
				return 0, false
			}
			n, _ := strconv.Atoi(fields[0])
			fields = fields[1:]
			return n, true
		}
	default:
		return fail(fmt.Errorf("unknown helper mode %q", mode))
	}
	for n, ok := next(); ok; n, ok = next() {
		fmt.Printf("begin %d\n", n)
		_, err := Ingest(ctx, db, variant(doc, n), Meta{})
		if err != nil && !errors.Is(err, ErrAlreadyPresent) {
			return fail(fmt.Errorf("variant %d: %w", n, err))
		}
		fmt.Printf("committed %d\n", n)
	}
	return 0
}

// helperTB lets golden run outside a test.
type helperTB struct{ testing.TB }

func (helperTB) Helper() {}
func (helperTB) Fatal(args ...any) {
	fmt.Fprintln(os.Stderr, args...)
	os.Exit(1)
}

func helperCmd(t *testing.T, mode, db, variants string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "OBIETTIVI_STORE_HELPER="+mode, "OBIETTIVI_STORE_DB="+db, "OBIETTIVI_STORE_VARIANTS="+variants)
	return cmd
}

func TestOpenSettings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.sqlite")
	for i := 0; i < 2; i++ { // a new file, then the same file again
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var journal string
		var busy, fk, version, app int
		q := db.SQL()
		q.QueryRow("PRAGMA journal_mode").Scan(&journal)
		q.QueryRow("PRAGMA busy_timeout").Scan(&busy)
		q.QueryRow("PRAGMA foreign_keys").Scan(&fk)
		q.QueryRow("PRAGMA user_version").Scan(&version)
		q.QueryRow("PRAGMA application_id").Scan(&app)
		if journal != "wal" || busy != int(BusyTimeout/time.Millisecond) || fk != 1 {
			t.Errorf("journal_mode = %s, busy_timeout = %d, foreign_keys = %d; want wal, %d, 1", journal, busy, fk, BusyTimeout/time.Millisecond)
		}
		if version != SchemaVersion() || version < 2 || app != ApplicationID {
			t.Errorf("user_version = %d (want %d), application_id = %#x", version, SchemaVersion(), app)
		}
		db.Close()
	}
	if _, err := OpenExisting(ctx, filepath.Join(t.TempDir(), "missing.sqlite")); err == nil {
		t.Error("OpenExisting of a missing file succeeded")
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A store damaged in its middle: header intact, pages overwritten.
	damaged := filepath.Join(dir, "damaged.sqlite")
	db, err := Open(ctx, damaged)
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, db, golden(t, "capannori-2024"))
	if _, err := db.SQL().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, err := os.ReadFile(damaged)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(b); i += 4096 {
		copy(b[i:], bytes.Repeat([]byte{0xA5}, 64))
	}
	os.WriteFile(damaged, b, 0o644)

	// Another application's SQLite database.
	foreign := filepath.Join(dir, "foreign.sqlite")
	writeForeignDB(t, foreign)

	tests := []struct {
		name, file, want string
		content          []byte
	}{
		{"text", "notes.txt", "not an SQLite database", []byte("just some notes\n")},
		{"pdf", "plan.pdf", "not an SQLite database", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")},
		{"short", "short.sqlite", "not an SQLite database", []byte("SQLite")},
		{"damaged", damaged, "damaged", nil},
		{"foreign", foreign, "another application", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.file
			if tt.content != nil {
				path = filepath.Join(dir, tt.file)
				if err := os.WriteFile(path, tt.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(path)
			db, err := Open(ctx, path)
			if err == nil {
				// Some damage only shows when the pages are read.
				if _, lerr := List(ctx, db); lerr != nil {
					err = lerr
				} else {
					err = Check(ctx, db)
				}
				db.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Errorf("%s was modified", path)
			}
			if _, err := os.Stat(path + "-wal"); err == nil && tt.content != nil {
				t.Errorf("a WAL file was created beside %s", path)
			}
		})
	}
}

// writeForeignDB makes an SQLite file with a table of its own, as another
// program would.
func writeForeignDB(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	scratch, err := Open(ctx, filepath.Join(t.TempDir(), "scratch.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer scratch.Close()
	if _, err := scratch.SQL().ExecContext(ctx, "ATTACH DATABASE ? AS other", path); err != nil {
		t.Fatal(err)
	}
	if _, err := scratch.SQL().ExecContext(ctx, "CREATE TABLE other.invoices (id INTEGER PRIMARY KEY, amount REAL)"); err != nil {
		t.Fatal(err)
	}
	if _, err := scratch.SQL().ExecContext(ctx, "DETACH DATABASE other"); err != nil {
		t.Fatal(err)
	}
}

func TestCancelledIngestLeavesStoreAsItWas(t *testing.T) {
	db := openTemp(t)
	base := golden(t, "capannori-2025")
	ingest(t, db, base)
	before := tableCounts(t, db)
	doc := golden(t, "capannori-2024")
	for _, n := range []int{1, 2, 10, 40, 70} {
		ctx := newCountdown(n)
		_, err := Ingest(ctx, db, doc, Meta{})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %d checks: err = %v, want context.Canceled", n, err)
		}
		after := tableCounts(t, db)
		for table, c := range before {
			if after[table] != c {
				t.Errorf("cancelled after %d checks: %s has %d rows, had %d", n, table, after[table], c)
			}
		}
	}
	if err := Check(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	// The interrupted document can be ingested afterwards.
	ingest(t, db, doc)
}

func TestKilledIngestLeavesStoreAsItWas(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	path := filepath.Join(t.TempDir(), "killed.sqlite")
	doc := golden(t, "capannori-2024")
	ctx := context.Background()
	midDocument := 0
	for round, delay := range []time.Duration{time.Millisecond, 4 * time.Millisecond, 12 * time.Millisecond} {
		// The helper ingests variants start, start+1, ... and is killed
		// shortly after it begins the second one.
		start := round * 100
		cmd := helperCmd(t, "loop", path, strconv.Itoa(start))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		inFlight := fmt.Sprintf("begin %d", start+1)
		for lines.Scan() && lines.Text() != inFlight {
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		committed := map[int]bool{}
		for lines.Scan() {
			var n int
			if _, err := fmt.Sscanf(lines.Text(), "committed %d", &n); err == nil {
				committed[n] = true
			}
		}
		cmd.Wait()

		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(ctx, db); err != nil {
			t.Fatal(err)
		}
		docs, err := List(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		present := map[int]bool{}
		for _, d := range docs {
			n64, _ := strconv.ParseInt(d.SHA256, 16, 64)
			n := int(n64) - 1
			present[n] = true
			got, err := Export(ctx, db, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diffs := diffDocuments(variant(doc, n), got, 5); len(diffs) > 0 {
				t.Fatalf("round %d: document %d is not whole after the kill:\n%s", round, d.ID, strings.Join(diffs, "\n"))
			}
		}
		if !present[start] {
			t.Errorf("round %d: committed variant %d is missing (%s)", round, start, stderr.String())
		}
		if !present[start+1] && !committed[start+1] {
			midDocument++
		}
		db.Close()
	}
	t.Logf("%d of 3 kills landed inside a transaction", midDocument)
	if midDocument == 0 {
		t.Error("no kill landed inside a transaction: the test proved nothing")
	}
}

func TestConcurrentIngestProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs subprocesses")
	}
	path := filepath.Join(t.TempDir(), "shared.sqlite")
	// Both processes start on a file that does not exist yet, and both
	// ingest variant 3.
	lists := []string{"0,1,2,3", "3,4,5,6"}
	var wg sync.WaitGroup
	errs := make([]error, len(lists))
	outs := make([][]byte, len(lists))
	for i, list := range lists {
		cmd := helperCmd(t, "list", path, list)
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range lists {
		if errs[i] != nil {
			t.Errorf("process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	db, err := OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs, err := List(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 7 {
		t.Errorf("%d documents after both processes, want 7", len(docs))
	}
	if err := Check(context.Background(), db); err != nil {
		t.Fatal(err)
	}
}

// TestReaderDoesNotBlockIngest holds a read transaction open on one
// connection while another process's connection ingests and commits.
func TestReaderDoesNotBlockIngest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wal.sqlite")
	writer, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	ingest(t, writer, golden(t, "capannori-2025"))

	reader, err := OpenExisting(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// A read in progress: a cursor left open over the occurrences.
	rows, err := tx.QueryContext(ctx, "SELECT id FROM objective_occurrences")
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal("no rows")
	}

	quick, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := Ingest(quick, writer, golden(t, "capannori-2024"), Meta{}); err != nil {
		t.Fatalf("ingest while a reader is open: %v", err)
	}
	rows.Close()
	var docs int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&docs); err != nil {
		t.Fatal(err)
	}
	if docs != 1 {
		t.Errorf("the open reader sees %d documents, want its snapshot of 1", docs)
	}
}

// TestConcurrentOpenOfNewFile opens one new file from several connections
// at once, as several ingest commands started together do: each must find
// or make the schema, and then write.
func TestConcurrentOpenOfNewFile(t *testing.T) {
	doc := golden(t, "capannori-2025")
	for round := range 5 {
		path := filepath.Join(t.TempDir(), "new.sqlite")
		const writers = 4
		var wg sync.WaitGroup
		errs := make([]error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := Open(context.Background(), path)
				if err != nil {
					errs[w] = err
					return
				}
				defer db.Close()
				_, errs[w] = Ingest(context.Background(), db, variant(doc, w), Meta{})
			}()
		}
		wg.Wait()
		for w, err := range errs {
			if err != nil {
				t.Errorf("round %d, writer %d: %v", round, w, err)
			}
		}
		db, err := OpenExisting(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := List(context.Background(), db)
		db.Close()
		if err != nil || len(docs) != writers {
			t.Errorf("round %d: %d documents (%v), want %d", round, len(docs), err, writers)
		}
	}
}
