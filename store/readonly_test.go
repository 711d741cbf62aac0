package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readOnlyHelper reads the store at path read-only, as list, search,
// export and history do, and tries to write to it; it prints one line per
// step.
func readOnlyHelper(path, old string) int {
	ctx := context.Background()
	if old != "" {
		_, err := OpenReadOnly(ctx, old)
		fmt.Printf("old schema: %v\n", err)
	}
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		fmt.Printf("open: %v\n", err)
		return 1
	}
	fmt.Printf("uri: %s\n", db.URI())
	docs, err := List(ctx, db)
	fmt.Printf("list: %d documents, %v\n", len(docs), err)
	hits, err := Search(ctx, db, "tempo medio ponderato", SearchOptions{})
	fmt.Printf("search: %d hits, %v\n", len(hits), err)
	if len(docs) > 0 {
		doc, err := Export(ctx, db, docs[0].ID)
		n := 0
		if doc != nil {
			n = len(doc.Objectives)
		}
		fmt.Printf("export: %d objectives, %v\n", n, err)
		l, err := LoadLineage(ctx, db, docs[len(docs)-1].ID)
		pairs := 0
		if l != nil {
			pairs = len(l.Pairs)
		}
		fmt.Printf("lineage: %d pairs, %v\n", pairs, err)
	}
	if len(hits) > 0 {
		chain, err := Chain(ctx, db, hits[0].ObjectiveID)
		fmt.Printf("chain: %d prints, %v\n", len(chain), err)
	}
	var rows int
	err = db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM plan_objective_history").Scan(&rows)
	fmt.Printf("history view: %v, %v\n", rows > 0, err)
	db.Close()
	w, err := Open(ctx, path)
	if err == nil {
		_, err = Ingest(ctx, w, variant(golden(helperTB{}, "capannori-2025"), 9), Meta{})
		w.Close()
	}
	var fe *FileError
	fmt.Printf("write: file error %v: %v\n", errors.As(err, &fe), err)
	return 0
}

// TestReadOnlyFilesystem reads a store on a read-only filesystem: a
// read-only bind mount of its folder in a mount namespace of its own
// (unshare -m), made by a subprocess of this test binary. That needs root
// (or the capability to mount); as another user, a folder and file
// without write permission prove the same, since then writes fail. Both
// are checked where they can be.
func TestReadOnlyFilesystem(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "published.sqlite")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, db, golden(t, "capannori-2024"))
	ingest(t, db, golden(t, "capannori-2025"))
	db.Close()
	old := filepath.Join(dir, "schema2.sqlite")
	if err := os.Rename(copyFixture(t, "schema2-fts5.sqlite"), old); err != nil {
		t.Fatal(err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Fatalf("%s left beside a closed store", side)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		unshare, err := exec.LookPath("unshare")
		if err != nil {
			t.Skip("running as root, where permissions do not stop writes, and without unshare(1) to mount the folder read-only")
		}
		script := `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && exec "$2"`
		cmd = exec.Command(unshare, "-m", "sh", "-c", script, "sh", dir, exe)
		if out, err := exec.Command(unshare, "-m", "sh", "-c", `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && ! touch "$1/probe"`, "sh", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a read-only folder here (%v: %s)", err, strings.TrimSpace(string(out)))
		}
	} else {
		os.Chmod(path, 0o444)
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		cmd = exec.Command(exe)
	}
	cmd.Env = append(os.Environ(), "OBIETTIVI_STORE_HELPER=readonly", "OBIETTIVI_STORE_DB="+path, "OBIETTIVI_STORE_VARIANTS="+old)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := string(out)
	t.Logf("\n%s", got)
	for _, want := range []string{
		"uri: file://" + path + "?", "immutable=1", "mode=ro",
		"list: 2 documents, <nil>",
		"search: 2 hits, <nil>",
		"export: 78 objectives, <nil>",
		"lineage: 50 pairs, <nil>",
		"chain: 2 prints, <nil>",
		"history view: true, <nil>",
		"write: file error true: " + path + ": the store cannot be written",
		fmt.Sprintf("old schema: %s: store has schema 2, older than this obiettivi reads (%d), and cannot be upgraded here: the store cannot be written", old, SchemaVersion()),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		t.Error("a -shm file was made beside the read-only store")
	}
}

// TestReadOnlyFile opens a store whose file cannot be written but whose
// folder can: mode=ro is enough there, without immutable.
func TestReadOnlyFile(t *testing.T) {
	db := openTemp(t)
	ingest(t, db, golden(t, "capannori-2025"))
	path := db.Path()
	db.Close()
	ro, err := OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if u := ro.URI(); !strings.Contains(u, "mode=ro") || strings.Contains(u, "immutable") {
		t.Errorf("URI %s, want mode=ro without immutable", u)
	}
	if !ro.ReadOnly() {
		t.Error("not read-only")
	}
	if _, err := Ingest(context.Background(), ro, golden(t, "capannori-2024"), Meta{}); err == nil {
		t.Error("ingest into a store opened read-only succeeded")
	}
	if _, err := ro.SQL().Exec("DELETE FROM findings"); err == nil {
		t.Error("a write through the read-only pool succeeded")
	}
}
