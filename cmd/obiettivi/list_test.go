package main

import (
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
		`^ID +ENTITY +YEAR +FILE +PAGES +OBJECTIVES +DISTINCT +INGESTED$`,
		`^1 +Comune di Capannori +2024 +capannori-2024\.pdf +108 +78 +53 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$`,
		`^3 +Comune di Capannori +2024 +capannori-2024-chromium\.pdf +104 +78 +53 `,
		`^2 +Comune di Capannori +2025 +capannori-2025\.pdf +104 +75 +52 `,
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
