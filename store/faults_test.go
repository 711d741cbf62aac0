package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestIngestFileFaults writes into a store that cannot take the document:
// the disk full (SQLite's page limit stands for it: the same SQLITE_FULL),
// and a damaged file. The error is a FileError naming the store, and the
// store keeps what it had.
func TestIngestFileFaults(t *testing.T) {
	ctx := context.Background()
	t.Run("disk full", func(t *testing.T) {
		db := openTemp(t)
		ingest(t, db, golden(t, "capannori-2025"))
		before := tableCounts(t, db)
		var pages int
		if err := db.write.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		if _, err := db.write.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+4)); err != nil {
			t.Fatal(err)
		}
		_, err := Ingest(ctx, db, golden(t, "capannori-2024"), Meta{})
		var fe *FileError
		if !errors.As(err, &fe) || fe.Path != db.Path() || !strings.Contains(err.Error(), "disk is full") {
			t.Fatalf("err = %v, want a FileError of %s saying the disk is full", err, db.Path())
		}
		if !strings.HasPrefix(err.Error(), db.Path()+": ") {
			t.Errorf("message %q does not start with the store's name", err)
		}
		after := tableCounts(t, db)
		for table, n := range before {
			if after[table] != n {
				t.Errorf("%s: %d rows after the failed ingest, %d before", table, after[table], n)
			}
		}
	})
	t.Run("damaged", func(t *testing.T) {
		db := openTemp(t)
		ingest(t, db, golden(t, "capannori-2025"))
		path := db.Path()
		db.Close()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 8192; i < len(b); i += 4096 {
			copy(b[i:], bytes.Repeat([]byte{0xA5}, 512))
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err = Open(ctx, path)
		if err == nil {
			defer db.Close()
			_, err = Ingest(ctx, db, golden(t, "capannori-2024"), Meta{})
		}
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), path+": ") || !strings.Contains(err.Error(), "damaged") {
			t.Fatalf("err = %v, want a FileError of %s saying it is damaged", err, path)
		}
	})
}
