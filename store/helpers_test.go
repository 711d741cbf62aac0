package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

// goldens are the expected plan documents of the sample PDFs.
var goldens = []string{"capannori-2024", "capannori-2024-chromium", "capannori-2025"}

func golden(t testing.TB, name string) *plan.Document {
	t.Helper()
	d, err := plan.ReadFile(filepath.Join("..", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "store.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func ingest(t testing.TB, db *DB, doc *plan.Document) int64 {
	t.Helper()
	id, err := Ingest(context.Background(), db, doc, Meta{ExtractorVersion: "test"})
	if err != nil {
		t.Fatalf("ingest %s: %v", doc.Source.File, err)
	}
	return id
}

// variant is doc printed again under another hash: distinct content, same
// shape, so that it counts as another document.
func variant(doc *plan.Document, n int) *plan.Document {
	c := *doc
	c.Source.SHA256 = fmt.Sprintf("%064x", n+1)
	c.Source.File = fmt.Sprintf("variant-%d.pdf", n)
	c.Title = fmt.Sprintf("%s (%d)", doc.Title, n)
	return &c
}

// tableCounts counts the rows of every table of the store.
func tableCounts(t testing.TB, db *DB) map[string]int {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'objectives_fts%'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	counts := map[string]int{}
	for _, n := range append(names, "objectives_fts") {
		var c int
		if err := db.SQL().QueryRow("SELECT count(*) FROM " + n).Scan(&c); err != nil {
			t.Fatal(err)
		}
		counts[n] = c
	}
	return counts
}

// diffDocuments compares two documents field by field and returns the
// paths where they differ (at most max).
func diffDocuments(want, got *plan.Document, max int) []string {
	var out []string
	diffValue("document", reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem(), &out, max)
	return out
}

func diffValue(path string, a, b reflect.Value, out *[]string, max int) {
	if len(*out) >= max {
		return
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, show(a), show(b)))
			}
			return
		}
		diffValue(path, a.Elem(), b.Elem(), out, max)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			name := a.Type().Field(i).Tag.Get("json")
			diffValue(path+"."+name, a.Field(i), b.Field(i), out, max)
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: want %d items, got %d", path, a.Len(), b.Len()))
		}
		for i := 0; i < a.Len() && i < b.Len(); i++ {
			diffValue(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), out, max)
		}
	case reflect.Map:
		keys := map[string]bool{}
		for _, k := range a.MapKeys() {
			keys[k.String()] = true
		}
		for _, k := range b.MapKeys() {
			keys[k.String()] = true
		}
		var sorted []string
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			kv := reflect.ValueOf(k)
			av, bv := a.MapIndex(kv), b.MapIndex(kv)
			p := fmt.Sprintf("%s[%q]", path, k)
			switch {
			case !av.IsValid():
				*out = append(*out, p+": unexpected")
			case !bv.IsValid():
				*out = append(*out, p+": missing")
			default:
				diffValue(p, av, bv, out, max)
			}
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, show(a), show(b)))
		}
	}
}

func show(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "null"
		}
		v = v.Elem()
	}
	s := fmt.Sprintf("%#v", v.Interface())
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// countdown is a context that is cancelled after its Err method has been
// asked a given number of times: a way to stop an ingest part-way through.
type countdown struct {
	context.Context
	cancel context.CancelFunc
	left   int64
	calls  atomic.Int64
}

func newCountdown(n int) *countdown {
	ctx, cancel := context.WithCancel(context.Background())
	return &countdown{Context: ctx, cancel: cancel, left: int64(n)}
}

func (c *countdown) Err() error {
	if c.calls.Add(1) == c.left {
		c.cancel()
	}
	return c.Context.Err()
}

func (c *countdown) Deadline() (time.Time, bool) { return c.Context.Deadline() }
