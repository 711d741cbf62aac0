package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

// printed are small PDFs printed by samples/render, each of another plan.
var printed = []string{
	filepath.Join("..", "samples", "render", "testdata", "synthetic-12.pdf"),
	filepath.Join("..", "samples", "render", "testdata", "edge-a4-times-plain.pdf"),
	filepath.Join("..", "samples", "render", "testdata", "edge-letter-landscape.pdf"),
}

// progressLog records the calls of an Ingest's Progress callback.
type progressLog struct {
	calls []IngestProgress
}

func (l *progressLog) record(p IngestProgress) {
	if p.Result != nil {
		r := *p.Result
		p.Result = &r
	}
	l.calls = append(l.calls, p)
}

// statuses are the statuses of results, by path.
func statuses(results []IngestResult) map[string]IngestStatus {
	m := map[string]IngestStatus{}
	for _, r := range results {
		m[r.Path] = r.Status
	}
	return m
}

func storedDocuments(t *testing.T, db string) []DocumentInfo {
	t.Helper()
	docs, err := List(t.Context(), ListOptions{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestIngest runs the ingest pipeline without the command: every outcome
// reported through Progress in the order of the paths, the failures as
// values naming their path, the same bytes again reported as present.
func TestIngest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.sqlite")
	missing := filepath.Join(dir, "missing.pdf")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	broken := writeFile(t, "broken.pdf", "%PDF-1.7\nthis is not a PDF body\n")
	other := writeFile(t, "other.json", `{"format": "something/v9"}`)
	paths := []string{printed[0], missing, broken, empty, printed[1], other, printed[0]}

	var log progressLog
	results, err := Ingest(t.Context(), paths, IngestOptions{DB: db, Jobs: 2, ExtractorVersion: "obiettivi test", Progress: log.record})
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		path   string
		status IngestStatus
	}
	want := []outcome{
		{missing, Failed}, {empty, Failed}, // paths that give no file first
		{printed[0], Ingested}, {broken, Failed}, {printed[1], Ingested}, {other, Failed},
		{printed[0], AlreadyPresent}, // the same bytes a second time
	}
	var got []outcome
	for _, r := range results {
		got = append(got, outcome{r.Path, r.Status})
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("results %v, want %v", got, want)
	}

	// Progress: the two paths without files, the start, then each file,
	// Done counting the files only.
	if len(log.calls) != len(results)+1 {
		t.Fatalf("%d calls of Progress for %d results", len(log.calls), len(results))
	}
	for i, c := range log.calls {
		if c.Files != 5 {
			t.Errorf("call %d: Files %d, want 5", i, c.Files)
		}
		wantDone := max(0, i-2)
		if c.Done != wantDone {
			t.Errorf("call %d: Done %d, want %d", i, c.Done, wantDone)
		}
		switch {
		case i == 2 && c.Result != nil:
			t.Errorf("call 2 is not the start: %+v", c.Result)
		case i < 2 && !reflect.DeepEqual(*c.Result, results[i]):
			t.Errorf("call %d: result %+v, want %+v", i, *c.Result, results[i])
		case i > 2 && !reflect.DeepEqual(*c.Result, results[i-1]):
			t.Errorf("call %d: result %+v, want %+v", i, *c.Result, results[i-1])
		}
	}

	// Failures are values: an *Error naming the path, the cause kept.
	for _, r := range results {
		if r.Status != Failed {
			if r.Err != nil {
				t.Errorf("%s: %v with status %v", r.Path, r.Err, r.Status)
			}
			continue
		}
		var e *Error
		if !errors.As(r.Err, &e) || e.Name != r.Path {
			t.Errorf("%s: error %v (%T) does not name the path", r.Path, r.Err, r.Err)
		}
		if strings.Count(r.Err.Error(), r.Path) != 1 {
			t.Errorf("%s: the message names the path other than once: %q", r.Path, r.Err)
		}
	}
	if !errors.Is(results[0].Err, fs.ErrNotExist) {
		t.Errorf("missing path: %v, want fs.ErrNotExist", results[0].Err)
	}
	if !errors.Is(results[1].Err, ErrNoPDFs) {
		t.Errorf("empty folder: %v, want ErrNoPDFs", results[1].Err)
	}

	// What was ingested is described and stored.
	first := results[2]
	if first.Entity == "" || first.Year == 0 || first.Pages == 0 || first.Objectives == 0 || first.Distinct == 0 || first.Distinct > first.Objectives {
		t.Errorf("ingested document described as %+v", first)
	}
	if results[6].Document != first.Document {
		t.Errorf("the same bytes again: document %d, want %d", results[6].Document, first.Document)
	}
	docs := storedDocuments(t, db)
	if len(docs) != 2 || docs[0].ExtractorVersion != "obiettivi test" {
		t.Errorf("stored after the ingest: %+v", docs)
	}

	// A second run finds every file present and extracts none of them.
	results, err = Ingest(t.Context(), printed[:2], IngestOptions{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Status != AlreadyPresent || r.Document == 0 {
			t.Errorf("second run: %+v", r)
		}
	}
	if len(storedDocuments(t, db)) != 2 {
		t.Errorf("the second run changed the store")
	}
}

// TestIngestCancel cancels an ingest from its Progress callback once the
// first file is stored: Ingest ends with an *InterruptedError matching
// context.Canceled, the store holds the files reported before, whole, and
// passes its checks; a new run stores the others.
func TestIngestCancel(t *testing.T) {
	db := filepath.Join(t.TempDir(), "plans.sqlite")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var reported []IngestResult
	results, err := Ingest(ctx, printed, IngestOptions{DB: db, Jobs: 1, Progress: func(p IngestProgress) {
		if p.Result != nil {
			reported = append(reported, *p.Result)
			cancel()
		}
	}})
	var ie *InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, context.Canceled) || ie.DB != db {
		t.Fatalf("error %v (%T), want an *InterruptedError naming the store and matching context.Canceled", err, err)
	}
	if len(reported) != 1 || reported[0].Status != Ingested || !reflect.DeepEqual(results, reported) {
		t.Fatalf("reported %+v, returned %+v: want the first file ingested only", reported, results)
	}

	st, err := store.OpenReadOnly(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Check(t.Context(), st); err != nil {
		t.Errorf("store check: %v", err)
	}
	st.Close()
	docs := storedDocuments(t, db)
	if len(docs) != 1 || docs[0].ID != reported[0].Document {
		t.Fatalf("stored %+v, want document %d only", docs, reported[0].Document)
	}
	want, err := Load(t.Context(), printed[0], LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(t.Context(), "1", LoadOptions{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Objectives) != len(want.Objectives) || len(got.Units) != len(want.Units) || len(got.Findings) != len(want.Findings) {
		t.Errorf("stored document has %d objectives, %d units, %d findings; extracted %d, %d, %d",
			len(got.Objectives), len(got.Units), len(got.Findings), len(want.Objectives), len(want.Units), len(want.Findings))
	}

	results, err = Ingest(t.Context(), printed, IngestOptions{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	if s := statuses(results); s[printed[0]] != AlreadyPresent || s[printed[1]] != Ingested || s[printed[2]] != Ingested {
		t.Errorf("the run after the interruption: %v", s)
	}
}

// TestIngestStoreFailure ingests into a file that is not a store: the run
// ends with the store's error, the file untouched, no file read.
func TestIngestStoreFailure(t *testing.T) {
	notes := writeFile(t, "notes.txt", "these are notes, not a database\n")
	var calls int
	results, err := Ingest(t.Context(), printed[:1], IngestOptions{DB: notes, Progress: func(IngestProgress) { calls++ }})
	if err == nil || !strings.HasPrefix(err.Error(), notes+": not an obiettivi store") {
		t.Fatalf("error %v, want one naming %s as no store", err, notes)
	}
	if len(results) != 0 || calls != 0 {
		t.Errorf("%d results, %d calls of Progress, want none", len(results), calls)
	}
	if b, _ := os.ReadFile(notes); string(b) != "these are notes, not a database\n" {
		t.Errorf("%s was changed", notes)
	}
}

// TestIngestDamagedStore ingests more files than are read ahead into a
// store damaged in its middle: the run ends, naming the store, instead of
// waiting on the files it will not write.
func TestIngestDamagedStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "plans.sqlite")
	if _, err := Ingest(t.Context(), []string{golden2024}, IngestOptions{DB: db}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	// The second half of the file: the store opens, its pages of data
	// and index are damaged.
	for i := len(b) / 2 / 4096 * 4096; i < len(b); i += 4096 {
		copy(b[i:], bytes.Repeat([]byte{0xA5}, 512))
	}
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := plan.ReadFile(golden2024)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i := range 8 {
		doc.Source.SHA256 = fmt.Sprintf("%064x", i+1)
		var buf bytes.Buffer
		if err := doc.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, writeFile(t, fmt.Sprintf("plan-%d.json", i), buf.String()))
	}
	done := make(chan error, 1)
	started := false
	go func() {
		_, err := Ingest(t.Context(), paths, IngestOptions{DB: db, Jobs: 1, Progress: func(p IngestProgress) {
			started = started || p.Result == nil
		}})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.HasPrefix(err.Error(), db+": the store file is damaged") {
			t.Errorf("error %v, want one naming the store as damaged", err)
		}
		if !started {
			t.Error("the damage was found on opening the store, not while writing")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Ingest still running 30 s after the store failed")
	}
}
