package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/obiettivi/obiettivi/api"
	"github.com/obiettivi/obiettivi/plan"
)

// storeCmd runs the command line args as main does and returns what it
// printed and its exit code.
func storeCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	if err != nil {
		code = 1
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		} else if isUsageError(err) {
			code = 2
		}
		if msg := err.Error(); msg != "" {
			errOut.WriteString("obiettivi: " + msg + "\n")
		}
	}
	return out.String(), errOut.String(), code
}

// storeGolden is the path of a golden plan JSON of the samples.
func storeGolden(name string) string {
	return filepath.Join("..", "..", "golden", name+".json")
}

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.sqlite")
	bad := filepath.Join(dir, "broken.pdf")
	os.WriteFile(bad, []byte("%PDF-1.7\nthis is not a PDF body\n"), 0o644)
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	badJSON := filepath.Join(dir, "other.json")
	os.WriteFile(badJSON, []byte(`{"format": "something/v9"}`), 0o644)

	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // lines expected, in order
		stderr   []string
		noStderr bool
	}{
		{
			name:     "two plans",
			args:     []string{storeGolden("capannori-2024"), storeGolden("capannori-2025")},
			stdout:   []string{"capannori-2024.json: ingested as document 1 (Comune di Capannori 2024, 108 pages, 78 objectives, 53 distinct)", "capannori-2025.json: ingested as document 2"},
			noStderr: true,
		},
		{
			name:     "same bytes again",
			args:     []string{storeGolden("capannori-2024")},
			stdout:   []string{"capannori-2024.json: already present as document 1"},
			noStderr: true,
		},
		{
			name:   "bad files are skipped, the others land",
			args:   []string{bad, filepath.Join(dir, "missing.pdf"), empty, badJSON, storeGolden("capannori-2024-chromium")},
			code:   1,
			stdout: []string{"capannori-2024-chromium.json: ingested as document 3"},
			stderr: []string{ // paths that are not there first, then as read
				"obiettivi: " + filepath.Join(dir, "missing.pdf") + ": no such file or directory",
				"obiettivi: " + empty + ": folder holds no PDF files",
				"obiettivi: " + bad + ": ",
				"obiettivi: " + badJSON + ": format is",
				"obiettivi: 4 of 5 files failed",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := storeCmd(t, append([]string{"ingest", "--db", db}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			assertLines(t, "stdout", stdout, tt.stdout)
			assertLines(t, "stderr", stderr, tt.stderr)
			if tt.noStderr && stderr != "" {
				t.Errorf("stderr:\n%s", stderr)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr shows a panic:\n%s", stderr)
			}
		})
	}
	stdout, _, code := storeCmd(t, "list", "--db", db)
	if code != 0 || strings.Count(stdout, "\n") != 4 {
		t.Errorf("list after the ingests (exit %d):\n%s", code, stdout)
	}
}

// assertLines checks that every wanted fragment appears in text, each on a
// line after the previous one's.
func assertLines(t *testing.T, what, text string, want []string) {
	t.Helper()
	lines := strings.Split(text, "\n")
	i := 0
	for _, w := range want {
		for i < len(lines) && !strings.Contains(lines[i], w) {
			i++
		}
		if i == len(lines) {
			t.Errorf("%s lacks a line with %q after the previous ones:\n%s", what, w, text)
			return
		}
		i++
	}
}

func TestIngestFolder(t *testing.T) {
	dir := t.TempDir()
	pdfs := filepath.Join(dir, "pdfs")
	os.Mkdir(pdfs, 0o755)
	for _, name := range []string{"a.pdf", "B.PDF", "notes.txt"} {
		os.WriteFile(filepath.Join(pdfs, name), []byte("not a pdf"), 0o644)
	}
	_, stderr, code := storeCmd(t, "ingest", "--db", filepath.Join(dir, "s.sqlite"), pdfs)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	assertLines(t, "stderr", stderr, []string{filepath.Join(pdfs, "B.PDF") + ": ", filepath.Join(pdfs, "a.pdf") + ": ", "2 of 2 files failed"})
	if strings.Contains(stderr, "notes.txt") {
		t.Errorf("a folder's non-PDF files were read:\n%s", stderr)
	}
}

func TestIngestRefusesOtherDBFiles(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	content := []byte("these are notes, not a database\n")
	os.WriteFile(notes, content, 0o644)
	_, stderr, code := storeCmd(t, "ingest", "--db", notes, storeGolden("capannori-2024"))
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if want := "obiettivi: " + notes + ": not an obiettivi store"; !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line starting %q", stderr, want)
	}
	if got, _ := os.ReadFile(notes); !bytes.Equal(got, content) {
		t.Errorf("%s was overwritten", notes)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(notes + suffix); err == nil {
			t.Errorf("%s%s was created", notes, suffix)
		}
	}
}

// TestIngestConcurrentCommands runs two ingest commands on one new file at
// once, each with its own connections; both succeed and every plan lands
// once.
func TestIngestConcurrentCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shared.sqlite")
	args := [][]string{
		{"ingest", "--db", db, storeGolden("capannori-2024"), storeGolden("capannori-2025")},
		{"ingest", "--db", db, storeGolden("capannori-2025"), storeGolden("capannori-2024-chromium")},
	}
	var wg sync.WaitGroup
	codes := make([]int, len(args))
	errs := make([]string, len(args))
	for i := range args {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i], codes[i] = storeCmd(t, args[i]...)
		}()
	}
	wg.Wait()
	for i := range args {
		if codes[i] != 0 {
			t.Errorf("ingest %d: exit code %d\n%s", i, codes[i], errs[i])
		}
	}
	stdout, _, _ := storeCmd(t, "list", "--db", db)
	if n := strings.Count(stdout, "\n") - 1; n != 3 {
		t.Errorf("%d documents after both ingests, want 3:\n%s", n, stdout)
	}
}

// TestIngestRoundTripSamples is the round trip of every sample PDF:
// extract, ingest, export --format json give back extract's document.
func TestIngestRoundTripSamples(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts every sample PDF")
	}
	pdfs, err := filepath.Glob(filepath.Join("..", "..", "samples", "*.pdf"))
	if err != nil || len(pdfs) == 0 {
		t.Fatalf("no sample PDFs: %v", err)
	}
	db := filepath.Join(t.TempDir(), "samples.sqlite")
	stdout, stderr, code := storeCmd(t, append([]string{"ingest", "--db", db}, pdfs...)...)
	if code != 0 {
		t.Fatalf("ingest: exit code %d\n%s%s", code, stdout, stderr)
	}
	for i, path := range pdfs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, err := api.ExtractFile(context.Background(), path, api.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var extracted bytes.Buffer
			if err := want.Encode(&extracted); err != nil {
				t.Fatal(err)
			}
			want, err = plan.Decode(&extracted)
			if err != nil {
				t.Fatal(err)
			}
			out, stderr, code := storeCmd(t, "export", "--db", db, "--document", string(rune('1'+i)))
			if code != 0 {
				t.Fatalf("export: exit code %d: %s", code, stderr)
			}
			got, err := plan.Decode(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			compareDocuments(t, want, got)
		})
	}
}

// compareDocuments compares two documents part by part, each objective
// occurrence field by field, and reports where they differ.
func compareDocuments(t *testing.T, want, got *plan.Document) {
	t.Helper()
	field := func(path string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s differs:\nwant %.300s\ngot  %.300s", path, ja, jb)
		}
	}
	field("format", want.Format, got.Format)
	field("source", want.Source, got.Source)
	field("title", want.Title, got.Title)
	field("entity", want.Entity, got.Entity)
	field("year", want.Year, got.Year)
	field("toc", want.TOC, got.TOC)
	field("units", want.Units, got.Units)
	field("findings", want.Findings, got.Findings)
	if len(want.Objectives) != len(got.Objectives) {
		t.Fatalf("%d objectives, want %d", len(got.Objectives), len(want.Objectives))
	}
	for i := range want.Objectives {
		var a, b map[string]json.RawMessage
		ja, _ := json.Marshal(want.Objectives[i])
		jb, _ := json.Marshal(got.Objectives[i])
		json.Unmarshal(ja, &a)
		json.Unmarshal(jb, &b)
		for k := range a {
			if !bytes.Equal(a[k], b[k]) {
				t.Errorf("objectives[%d].%s differs:\nwant %.300s\ngot  %.300s", i, k, a[k], b[k])
			}
		}
	}
}

// TestIngestDamagedStore ingests into a store damaged in its middle: the
// message names the store, not the file being ingested, and the run ends.
func TestIngestDamagedStore(t *testing.T) {
	db := storeWithSamples(t)
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 8192; i < len(b); i += 4096 {
		copy(b[i:], bytes.Repeat([]byte{0xA5}, 512))
	}
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.json")
	d, _ := plan.ReadFile(storeGolden("capannori-2025"))
	d.Source.SHA256 = strings.Repeat("ab", 32)
	f, _ := os.Create(other)
	d.Encode(f)
	f.Close()
	_, stderr, code := storeCmd(t, "ingest", "--db", db, other)
	if code != 1 || !strings.HasPrefix(stderr, "obiettivi: "+db+": the store file is damaged") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q: want one line naming the store as damaged", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	stdout, stderr, code := storeCmd(t, "--version")
	if code != 0 || !strings.HasPrefix(stdout, "obiettivi ") || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "commit") {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	b := buildInfo{version: "v1.2.3", commit: "0123456789abcdef0123456789abcdef01234567", time: "2026-12-02T10:00:00Z", modified: true}
	if got, want := b.String(), "obiettivi v1.2.3 (commit 0123456789abcdef0123456789abcdef01234567, 2026-12-02T10:00:00Z, with uncommitted changes)"; got != want {
		t.Errorf("version line %q, want %q", got, want)
	}
	if got := b.storeCommit(); got != b.commit+"+modified" {
		t.Errorf("stored commit %q", got)
	}
}
