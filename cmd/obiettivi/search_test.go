package main

import (
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
