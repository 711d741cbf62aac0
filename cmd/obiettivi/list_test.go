package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestList(t *testing.T) {
	db := storeWithSamples(t)
	stdout, stderr, code := storeCmd(t, "list", "--db", db)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	want := []string{
		`^ID +ENTITY +YEAR +FILE +PAGES +OBJECTIVES +DISTINCT +LATEST +PARTIAL +INGESTED$`,
		`^1 +Comune di Capannori +2024 +capannori-2024\.pdf +108 +78 +53 +no +no +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$`,
		`^3 +Comune di Capannori +2024 +capannori-2024-chromium\.pdf +104 +78 +53 +yes +no `,
		`^2 +Comune di Capannori +2025 +capannori-2025\.pdf +104 +75 +52 +yes +no `,
	}
	if len(lines) != len(want) {
		t.Fatalf("list printed %d lines, want %d:\n%s", len(lines), len(want), stdout)
	}
	for i, re := range want {
		if !regexp.MustCompile(re).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want it to match %s", i+1, lines[i], re)
		}
	}
}

func TestListFormats(t *testing.T) {
	db := storeWithSamples(t)
	stdout, stderr, code := storeCmd(t, "list", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var docs []listedDocument
	if err := json.Unmarshal([]byte(stdout), &docs); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(docs) != 3 || docs[0].ID != 1 || docs[0].IsLatest || !docs[1].IsLatest || docs[2].Year != 2025 || docs[0].Objectives != 78 {
		t.Errorf("list --format json = %+v", docs)
	}
	out := filepath.Join(t.TempDir(), "docs.csv")
	if stdout, stderr, code = storeCmd(t, "list", "--db", db, "--format", "csv", "-o", out); code != 0 || stdout != "" {
		t.Fatalf("exit code %d, stdout %q: %s", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || strings.Join(recs[0][:3], ",") != "id,entity,year" || recs[3][2] != "2025" {
		t.Errorf("list --format csv wrote %v", recs)
	}
	if _, stderr, code = storeCmd(t, "list", "--db", db, "--format", "xml"); code != 2 || !strings.Contains(stderr, `unknown --format "xml": want text, json or csv`) {
		t.Errorf("unknown format: exit %d, %s", code, stderr)
	}
}

func TestListErrors(t *testing.T) {
	_, stderr, code := storeCmd(t, "list", "--db", filepath.Join(t.TempDir(), "none.sqlite"))
	if code != 1 || !strings.Contains(stderr, "none.sqlite: no such store file") {
		t.Errorf("list of a missing store: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = storeCmd(t, "list", "extra")
	if code != 2 || !strings.Contains(stderr, "list takes 0 argument(s)") {
		t.Errorf("list with an argument: exit %d, stderr %q", code, stderr)
	}
}
