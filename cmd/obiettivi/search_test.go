package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	db := storeWithSamples(t)
	tests := []struct {
		name  string
		args  []string
		lines []string // fragments of the first lines printed, in order
		hits  int      // matches printed, -1 to skip
	}{
		{
			name:  "words in a description",
			args:  []string{"ponderato", "ritardo", "--limit", "1"},
			lines: []string{"  Abbattimento indicatore tempo medio ponderato a -2", "[ritardo]"},
			hits:  1,
		},
		{
			name:  "accents and case do not matter",
			args:  []string{"ATTIVITA"},
			lines: []string{"Comune di Capannori"},
			hits:  -1,
		},
		{
			name: "the latest print of each plan",
			args: []string{`"tempo medio ponderato"`},
			hits: 2,
		},
		{
			name: "every print",
			args: []string{`"tempo medio ponderato"`, "--all-prints"},
			hits: 3,
		},
		{
			name:  "text that is not FTS5 syntax",
			args:  []string{"tempo-medio ("},
			lines: []string{"Abbattimento indicatore tempo medio ponderato a -2"},
			hits:  -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := storeCmd(t, append([]string{"search", "--db", db}, tt.args...)...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			assertLines(t, "stdout", stdout, tt.lines)
			if n := strings.Count(stdout, "\n    "); tt.hits >= 0 && n != tt.hits {
				t.Errorf("%d matches printed, want %d:\n%s", n, tt.hits, stdout)
			}
		})
	}
}

func TestSearchNothingFound(t *testing.T) {
	db := storeWithSamples(t)
	stdout, stderr, code := storeCmd(t, "search", "--db", db, "zzzqqq")
	if code != 0 || stdout != "" || stderr != "no objective matches zzzqqq\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	_, stderr, code = storeCmd(t, "search", "--db", db, "  ")
	if code != 2 || !strings.Contains(stderr, "empty QUERY") {
		t.Errorf("empty query: exit %d, stderr %q", code, stderr)
	}
}

func TestSearchFormats(t *testing.T) {
	db := storeWithSamples(t)
	stdout, stderr, code := storeCmd(t, "search", "--db", db, "--format", "json", `"tempo medio`)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var hits []searchHit
	if err := json.Unmarshal([]byte(stdout), &hits); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(hits) == 0 || hits[0].Title != "Abbattimento indicatore tempo medio ponderato a -2" || len(hits[0].Units) < 23 || hits[0].Key == "" {
		t.Errorf("search --format json of an unterminated phrase = %+v", hits)
	}
	stdout, _, code = storeCmd(t, "search", "--db", db, "--format", "json", "zzzqqq")
	if code != 0 || strings.TrimSpace(stdout) != "[]" {
		t.Errorf("no match as JSON: exit %d, %q", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "hits.csv")
	if _, stderr, code := storeCmd(t, "search", "--db", db, "--format", "csv", "-o", out, "ponderato"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "document_id,entity,year,key,title,units,snippet\n") || strings.Count(string(b), "\n") != 3 {
		t.Errorf("search --format csv wrote:\n%s", b)
	}
}

func TestSearchBounds(t *testing.T) {
	db := storeWithSamples(t)
	long := strings.TrimSuffix(strings.Repeat("a OR ", 1000), " OR ")
	_, stderr, code := storeCmd(t, "search", "--db", db, long)
	if code != 2 || !strings.Contains(stderr, "the query has 1000 words; at most 64 are searched at once") || strings.Count(stderr, "\n") != 1 || len(stderr) > 300 {
		t.Errorf("a 1,000-word query: exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(stderr, db) {
		t.Errorf("the message of a bad query names the store: %q", stderr)
	}
	_, stderr, code = storeCmd(t, "search", "--db", db, "--limit", "many", "x")
	if code != 2 || !strings.Contains(stderr, "--limit many: not a whole number") {
		t.Errorf("--limit many: exit %d, stderr %q", code, stderr)
	}
}
