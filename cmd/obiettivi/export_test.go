package main

import (
	"bytes"
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
	stdout, stderr, code := storeCmd(t, "export", "--db", db, "--entity", "Comune di Capannori", "--year", "2025", "--format", "csv", "--excel", "-o", dir)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var names []string
	for _, f := range strings.Fields(stdout) {
		names = append(names, strings.TrimPrefix(f, dir+string(filepath.Separator)))
	}
	if want := "documents.csv objectives.csv occurrences.csv staff.csv phases.csv phase_months.csv indicator_targets.csv units.csv findings.csv lineage.csv"; strings.Join(names, " ") != want {
		t.Fatalf("files written: %v, want %s", names, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, "objectives.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) || !bytes.Contains(b, []byte("\r\n")) {
		t.Errorf("objectives.csv starts %q: want a BOM and CRLF lines", b[:20])
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	if !contains(header, "title") || !contains(header, "description_html") {
		t.Errorf("objectives.csv header %v lacks title or description_html", header)
	}
	for _, h := range header {
		if strings.HasSuffix(h, "_id") || h == "id" {
			t.Errorf("objectives.csv has the internal id column %s", h)
		}
	}
	if len(recs) != 53 {
		t.Errorf("objectives.csv: %d records, want a header and 52 objectives", len(recs))
	}
}

// TestExportDatasets writes every document as NDJSON and Parquet, and the
// raw tables, and refuses a folder that holds files unless --force.
func TestExportDatasets(t *testing.T) {
	db := storeWithSamples(t)
	base := t.TempDir()
	nd := filepath.Join(base, "nd")
	if _, stderr, code := storeCmd(t, "export", "--db", db, "--format", "ndjson", "-o", nd); code != 0 {
		t.Fatalf("ndjson: exit code %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(nd, "documents.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("\n")); n != 3 {
		t.Errorf("documents.ndjson: %d lines, want every document (3)", n)
	}
	pq := filepath.Join(base, "pq")
	stdout, stderr, code := storeCmd(t, "export", "--db", db, "--format", "parquet", "--year", "2025", "-o", pq)
	if code != 0 {
		t.Fatalf("parquet: exit code %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, filepath.Join(pq, "objectives", "entity=Comune di Capannori", "year=2025", "part-0.parquet")) || strings.Contains(stdout, "year=2024") {
		t.Errorf("parquet of 2025 wrote:\n%s", stdout)
	}
	raw := filepath.Join(base, "raw")
	if _, stderr, code := storeCmd(t, "export", "--db", db, "--document", "1", "--format", "csv", "--raw", "-o", raw); code != 0 {
		t.Fatalf("raw: exit code %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(raw, "objective_occurrences.csv")); err != nil {
		t.Error(err)
	}
	_, stderr, code = storeCmd(t, "export", "--db", db, "--format", "ndjson", "-o", nd)
	if code != 1 || !strings.Contains(stderr, nd+": the folder holds 10 files or folders already") {
		t.Errorf("export into a full folder: exit %d, %s", code, stderr)
	}
	if _, stderr, code = storeCmd(t, "export", "--db", db, "--format", "ndjson", "--force", "--document", "2", "-o", nd); code != 0 {
		t.Errorf("export --force: exit %d, %s", code, stderr)
	}
	b, _ = os.ReadFile(filepath.Join(nd, "documents.ndjson"))
	if n := bytes.Count(b, []byte("\n")); n != 1 {
		t.Errorf("documents.ndjson after --force of one document: %d lines", n)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
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
		{"no document named", []string{"--db", db}, 2, "--format json writes one document: give --document ID, or --entity NAME with --year YYYY"},
		{"both ways", []string{"--db", db, "--document", "1", "--entity", "x", "--year", "2024"}, 2, "not both"},
		{"entity without year", []string{"--db", db, "--entity", "Capannori"}, 2, "--format json writes one document: --entity and --year go together"},
		{"unknown format", []string{"--db", db, "--document", "1", "--format", "xml"}, 2, `unknown --format "xml"`},
		{"csv to stdout", []string{"--db", db, "--document", "1", "--format", "csv"}, 2, "-o DIR"},
		{"not a number", []string{"--db", db, "--document", "one"}, 2, "--document one: not a whole number (see 'obiettivi export --help')"},
		{"a year not a number", []string{"--db", db, "--format", "csv", "--year", "2o24", "-o", "x"}, 2, "--year 2o24: not a whole number"},
		{"excel with json", []string{"--db", db, "--document", "1", "--excel"}, 2, "--excel, --raw and --force go with --format csv, ndjson or parquet"},
		{"raw parquet", []string{"--db", db, "--format", "parquet", "--raw", "-o", "x"}, 2, "--raw goes with --format csv or ndjson"},
		{"nothing of that year", []string{"--db", db, "--format", "csv", "--year", "2031", "-o", filepath.Join(t.TempDir(), "x")}, 1, db + ": no such document to export"},
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
