package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// storeWithSamples is a store holding the golden plans of the samples,
// ingested in this order: 2024 (document 1), 2025 (2), 2024-chromium (3).
func storeWithSamples(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "plans.sqlite")
	_, stderr, code := storeCmd(t, "ingest", "--db", db,
		storeGolden("capannori-2024"), storeGolden("capannori-2025"), storeGolden("capannori-2024-chromium"))
	if code != 0 {
		t.Fatalf("ingest: exit code %d: %s", code, stderr)
	}
	return db
}

func TestExportJSON(t *testing.T) {
	db := storeWithSamples(t)
	out := filepath.Join(t.TempDir(), "plan.json")
	tests := []struct {
		name   string
		args   []string
		golden string
		file   string // where the JSON is written; stdout when empty
	}{
		{"by id", []string{"--document", "2"}, "capannori-2025", ""},
		{"latest of the year", []string{"--entity", "Comune di Capannori", "--year", "2024"}, "capannori-2024-chromium", ""},
		{"entity in other case, to a file", []string{"--entity", "capannori", "--year", "2025", "-o", out}, "capannori-2025", out},
		{"an earlier print by id", []string{"--document", "1", "--format", "json"}, "capannori-2024", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := storeCmd(t, append([]string{"export", "--db", db}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			text := stdout
			if tt.file != "" {
				b, err := os.ReadFile(tt.file)
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			got, err := plan.Decode(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			want, err := plan.ReadFile(storeGolden(tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			compareDocuments(t, want, got)
		})
	}
}

func TestExportCSV(t *testing.T) {
	db := storeWithSamples(t)
	dir := filepath.Join(t.TempDir(), "csv")
	stdout, stderr, code := storeCmd(t, "export", "--db", db, "--entity", "Comune di Capannori", "--year", "2025", "--format", "csv", "-o", dir)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	files := strings.Fields(stdout)
	if len(files) < 10 {
		t.Fatalf("files written:\n%s", stdout)
	}
	want, _ := plan.ReadFile(storeGolden("capannori-2025"))
	f, err := os.Open(filepath.Join(dir, "objective_occurrences.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(want.Objectives)+1 || recs[0][0] != "id" {
		t.Errorf("objective_occurrences.csv: %d records (header %v), want a header and %d rows", len(recs), recs[0], len(want.Objectives))
	}
}

func TestExportErrors(t *testing.T) {
	db := storeWithSamples(t)
	notes := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notes, []byte("notes"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no document named", []string{"--db", db}, 2, "give --document ID, or --entity NAME with --year YYYY"},
		{"both ways", []string{"--db", db, "--document", "1", "--entity", "x", "--year", "2024"}, 2, "not both"},
		{"entity without year", []string{"--db", db, "--entity", "Capannori"}, 2, "--entity and --year go together"},
		{"unknown format", []string{"--db", db, "--document", "1", "--format", "xml"}, 2, `unknown --format "xml"`},
		{"csv to stdout", []string{"--db", db, "--document", "1", "--format", "csv"}, 2, "-o DIR"},
		{"not a number", []string{"--db", db, "--document", "one"}, 2, "invalid argument"},
		{"no such id", []string{"--db", db, "--document", "9"}, 1, db + ": document 9: no such document"},
		{"no such year", []string{"--db", db, "--entity", "Capannori", "--year", "2031"}, 1, `no such document for entity "Comune di Capannori" and year 2031`},
		{"no such entity", []string{"--db", db, "--entity", "Lucca", "--year", "2024"}, 1, `no stored entity is called "Lucca"`},
		{"no store", []string{"--db", filepath.Join(t.TempDir(), "none.sqlite"), "--document", "1"}, 1, "none.sqlite: no such store file"},
		{"not a store", []string{"--db", notes, "--document", "1"}, 1, notes + ": not an obiettivi store"},
		{"csv into a file", []string{"--db", db, "--document", "1", "--format", "csv", "-o", notes}, 1, notes + ": is a file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := storeCmd(t, append([]string{"export"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if !strings.HasPrefix(stderr, "obiettivi: ") || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr = %q, want one line with %q", stderr, tt.want)
			}
			if stdout != "" {
				t.Errorf("stdout = %q", stdout)
			}
		})
	}
}
