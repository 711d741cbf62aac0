package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestQueryRender(t *testing.T) {
	tests := []struct {
		query, fts5, fts4 string
	}{
		{`pagamenti`, `"pagamenti"`, `"pagamenti"`},
		{`tempo medio`, `"tempo" AND "medio"`, `"tempo" AND "medio"`},
		{`"tempo medio" AND ritardo`, `"tempo medio" AND "ritardo"`, `"tempo medio" AND "ritardo"`},
		{`pagament*`, `"pagament"*`, `"pagament*"`},
		{`"tempo med"*`, `"tempo med"*`, `"tempo med*"`},
		{`a OR b c`, `"a" OR "b" AND "c"`, `"a" OR "b" AND "c"`},
		{`(a OR b) c`, `("a" OR "b") AND "c"`, `("a" OR "b") AND "c"`},
		{`a NOT b`, `"a" NOT "b"`, `"a" NOT "b"`},
		{`a NOT (b OR c)`, `"a" NOT ("b" OR "c")`, `"a" NOT ("b" OR "c")`},
		{`NEAR(tempo ritardo)`, `NEAR("tempo" "ritardo")`, `"tempo" NEAR "ritardo"`},
		{`NEAR(tempo "medio ponderato", 5)`, `NEAR("tempo" "medio ponderato", 5)`, `"tempo" NEAR/5 "medio ponderato"`},
		{`title:pagamenti`, `title : "pagamenti"`, `title:pagamenti`},
		{`title:pagament*`, `title : "pagament"*`, `title:pagament*`},
		{`description:"tempo medio" OR x`, `description_text : "tempo medio" OR "x"`, `description_text:tempo AND description_text:medio OR "x"`},
		{`a NOT phases:"l'obiettivo"`, `"a" NOT phases_text : "l'obiettivo"`, `"a" NOT (phases_text:l AND phases_text:obiettivo)`},
		{`tempo-medio l'obiettivo`, `"tempo-medio" AND "l'obiettivo"`, `"tempo-medio" AND "l'obiettivo"`},
		{`città`, `"città"`, `"città"`},
		{`or and`, `"or" AND "and"`, `"or" AND "and"`},
		{`unknown:word`, `"unknown:word"`, `"unknown:word"`},
	}
	for _, tt := range tests {
		n, err := parseQuery(tt.query)
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if got := render(n, fts5); got != tt.fts5 {
			t.Errorf("%s: FTS5 %s, want %s", tt.query, got, tt.fts5)
		}
		if got := render(n, fts4); got != tt.fts4 {
			t.Errorf("%s: FTS4 %s, want %s", tt.query, got, tt.fts4)
		}
	}
}

// TestQueryNotSyntax lists queries that are not query syntax: each is
// searched as its plain words.
func TestQueryNotSyntax(t *testing.T) {
	tests := []struct{ query, plain string }{
		{`"tempo medio`, `"tempo" AND "medio"`},
		{`tempo-medio (ponderato`, `"tempo-medio" AND "ponderato"`},
		{`OR pagamenti`, `"OR" AND "pagamenti"`},
		{`pagamenti AND`, `"pagamenti" AND "AND"`},
		{`NOT ritardo`, `"NOT" AND "ritardo"`},
		{`a )`, `"a"`},
		{`NEAR(a)`, `"NEAR" AND "a"`},
		{`title:`, `"title:"`},
		{`"" ritardo`, `"ritardo"`},
	}
	for _, tt := range tests {
		if n, err := parseQuery(tt.query); err == nil {
			t.Errorf("%s parsed as %s", tt.query, render(n, fts5))
			continue
		}
		if got := render(plainQuery(tt.query), fts5); got != tt.plain {
			t.Errorf("%s: plain words %s, want %s", tt.query, got, tt.plain)
		}
	}
}

// reindex remakes the search index of db with module.
func reindex(t *testing.T, db *DB, module string) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := db.dropIndex(ctx, tx, indexTable); err != nil {
		t.Fatal(err)
	}
	if err := db.makeIndex(ctx, tx, module); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.index = module
}

// modulesOf are the index modules this build can make.
func modulesOf(t *testing.T) []string {
	m, err := buildModules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, name := range []string{fts5, fts4} {
		if m.has(name) {
			out = append(out, name)
		}
	}
	return out
}

// TestSearchModules runs the same searches on an FTS5 index and an FTS4
// one (the FTS5 one where the build has it): the same objectives come out,
// best first.
func TestSearchModules(t *testing.T) {
	ctx := context.Background()
	queries := []struct {
		query string
		first string // title of the best hit; "" for none expected
	}{
		{`"tempo medio ponderato"`, "Abbattimento indicatore tempo medio ponderato a -2"},
		{`"tempo medio`, "Abbattimento indicatore tempo medio ponderato a -2"},
		{`NEAR(tempo ritardo, 5)`, "Abbattimento indicatore tempo medio ponderato a -2"},
		{`title:ponderato`, "Abbattimento indicatore tempo medio ponderato a -2"},
		{`ponderato NOT pagamenti`, ""},
		{`CITTA`, "-"},
	}
	results := map[string][][]int64{}
	for _, module := range modulesOf(t) {
		db := openTemp(t)
		ingest(t, db, golden(t, "capannori-2024"))
		reindex(t, db, module)
		for _, q := range queries {
			hits, err := Search(ctx, db, q.query, SearchOptions{})
			if err != nil {
				t.Errorf("%s: %s: %v", module, q.query, err)
				continue
			}
			var ids []int64
			for _, h := range hits {
				ids = append(ids, h.ObjectiveID)
			}
			results[q.query] = append(results[q.query], ids)
			switch {
			case q.first == "" && len(hits) > 0:
				t.Errorf("%s: %s: %d hits, want none", module, q.query, len(hits))
			case q.first == "-" && len(hits) == 0:
				t.Errorf("%s: %s: no hits", module, q.query)
			case q.first != "" && q.first != "-" && (len(hits) == 0 || hits[0].Title != q.first):
				t.Errorf("%s: %s: hits %v, want %q first", module, q.query, hits, q.first)
			}
		}
	}
	for q, lists := range results {
		if len(lists) == 2 && !sameSet(lists[0], lists[1]) {
			t.Errorf("%s: FTS5 finds %v, FTS4 %v", q, lists[0], lists[1])
		}
	}
}

func sameSet(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestSearchBounds refuses queries too large to search, and stops one
// that runs past its time, each with a QueryError saying so.
func TestSearchBounds(t *testing.T) {
	db := openTemp(t)
	ingest(t, db, golden(t, "capannori-2024"))
	ctx := context.Background()
	long := strings.TrimSuffix(strings.Repeat("a OR ", 1000), " OR ")
	var qe *QueryError
	if _, err := Search(ctx, db, long, SearchOptions{}); !errors.As(err, &qe) || !strings.Contains(err.Error(), "at most") {
		t.Errorf("a query of 1,000 terms: err = %v, want a QueryError", err)
	}
	terms := strings.TrimSuffix(strings.Repeat("ponderato OR ", MaxQueryTerms+1), " OR ")
	if _, err := Search(ctx, db, terms, SearchOptions{}); !errors.As(err, &qe) || !strings.Contains(err.Error(), "words") {
		t.Errorf("a query of %d terms: err = %v, want a QueryError", MaxQueryTerms+1, err)
	}
	if _, err := Search(ctx, db, "ponderato", SearchOptions{Timeout: time.Nanosecond}); !errors.As(err, &qe) || !strings.Contains(err.Error(), "ran past") {
		t.Errorf("a search past its time: err = %v, want a QueryError", err)
	}
	if _, err := Search(ctx, db, `"" ()`, SearchOptions{}); !errors.As(err, &qe) {
		t.Errorf("a query of no word: err = %v, want a QueryError", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Search(cancelled, db, "ponderato", SearchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled search: err = %v, want context.Canceled", err)
	}
}
