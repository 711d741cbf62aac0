package store_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/obiettivi/obiettivi/samples/render"
	"github.com/obiettivi/obiettivi/store"
)

var countryPlans = flag.Int("country-plans", 200, "plans BenchmarkCountry ingests")

// BenchmarkCountry is a whole country on one machine: a batch of distinct
// plans of the size real ones have (one comune each, one year, 80 to 130
// pages), extracted and ingested into one new store as the ingest command
// does, then three questions an analyst asks of the store's views.
//
//	go test -tags sqlite_fts5 -run '^$' -bench Country -benchtime 1x ./store/ [-args -country-plans 400]
//
// The plans are printed by samples/render into a temporary folder before
// the timer starts. Besides time, it reports plans and pages ingested per
// second, the store's size, the peak resident memory of the process while
// it ingested (Linux only), the median time of each question, asked five
// times of the full store (the objectives of each entity and year, the
// assignments of one person in every plan, a full-text search), and the
// time the single writer takes to write one more plan into the full store
// and into an empty one.
func BenchmarkCountry(b *testing.B) {
	n := *countryPlans
	dir := b.TempDir()
	paths, pages, err := printCountry(dir, n)
	if err != nil {
		b.Fatal(err)
	}
	db := ""
	resetPeakRSS()
	b.ResetTimer()
	for i := range b.N {
		db = filepath.Join(dir, fmt.Sprintf("country-%d.sqlite", i))
		ingestPDFs(b, db, paths)
	}
	b.StopTimer()
	elapsed := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(n), "plans")
	b.ReportMetric(float64(n)/elapsed, "plans/s")
	b.ReportMetric(float64(pages)/elapsed, "pages/s")
	if st, err := os.Stat(db); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "MiB-store")
	}
	if rss, ok := peakRSS(); ok {
		b.ReportMetric(float64(rss)/(1<<20), "MiB-peak-RSS")
	}
	for _, q := range analystQuestions {
		ms, err := q.time(db)
		if err != nil {
			b.Fatalf("%s: %v", q.name, err)
		}
		b.ReportMetric(ms, "ms-"+q.name)
	}
	// The single writer: one more plan written into the full store, and
	// into an empty one.
	for _, w := range []struct{ name, db string }{{"full", db}, {"empty", filepath.Join(dir, "empty.sqlite")}} {
		ms, err := timeWrite(w.db, n)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(ms, "ms-write-plan-"+w.name)
	}
}

// timeWrite writes plan i of the batch, as printed, into the store at
// path and returns the time it took in milliseconds.
func timeWrite(path string, i int) (float64, error) {
	ctx := context.Background()
	doc := render.Synthetic(fmt.Sprintf("Comune di Esempio %04d", i), 2024, 66+(i*37)%44, int64(1000+i))
	res, err := render.Print(ctx, doc, io.Discard, render.Options{FileName: "extra.pdf"})
	if err != nil {
		return 0, err
	}
	printed := res.Printed
	printed.AssignKeys()
	db, err := store.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	t0 := time.Now()
	if _, err := store.Ingest(ctx, db, printed, store.Meta{}); err != nil {
		return 0, err
	}
	return float64(time.Since(t0).Microseconds()) / 1000, nil
}

// printCountry prints n distinct synthetic plans into dir, on every core,
// and returns their paths and their pages in all.
func printCountry(dir string, n int) ([]string, int, error) {
	paths := make([]string, n)
	pages := make([]int, n)
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				paths[i] = filepath.Join(dir, fmt.Sprintf("comune-%04d-2024.pdf", i))
				pages[i], errs[i] = printCountryPlan(i, paths[i])
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	total := 0
	for i := range n {
		if errs[i] != nil {
			return nil, 0, errs[i]
		}
		total += pages[i]
	}
	return paths, total, nil
}

// printCountryPlan prints plan i of the batch at path: 66 to 109
// objectives (80 to 130 pages), of its own entity and seed.
func printCountryPlan(i int, path string) (int, error) {
	doc := render.Synthetic(fmt.Sprintf("Comune di Esempio %04d", i), 2024, 66+(i*37)%44, int64(1000+i))
	var buf bytes.Buffer
	res, err := render.Print(context.Background(), doc, &buf, render.Options{FileName: filepath.Base(path)})
	if err != nil {
		return 0, err
	}
	return res.Pages, os.WriteFile(path, buf.Bytes(), 0o644)
}

// An analystQuestion is a query of the store's views, or a search.
type analystQuestion struct {
	name string
	ask  func(ctx context.Context, db *store.DB) (int, error) // rows or hits found
}

var analystQuestions = []analystQuestion{
	{"objectives-by-entity-year", func(ctx context.Context, db *store.DB) (int, error) {
		return countRows(ctx, db, `SELECT entity, year, count(*) AS objectives, sum(staff) AS assignments
			FROM plan_objectives WHERE is_latest = 1 GROUP BY entity, year ORDER BY entity, year`)
	}},
	{"staff-of-one-person", func(ctx context.Context, db *store.DB) (int, error) {
		return countRows(ctx, db, `SELECT entity, year, objective, role, start_date, end_date
			FROM plan_staff WHERE person = ? AND is_latest = 1 ORDER BY entity, year, objective`, "ROSSI LUCA")
	}},
	{"full-text-search", func(ctx context.Context, db *store.DB) (int, error) {
		hits, err := store.Search(ctx, db, "digitalizzazione procedimenti", store.SearchOptions{})
		return len(hits), err
	}},
}

func countRows(ctx context.Context, db *store.DB, query string, args ...any) (int, error) {
	rows, err := db.SQL().QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// time asks the question five times of the store at path and returns the
// median time in milliseconds; a question that finds nothing is an error.
func (q analystQuestion) time(path string) (float64, error) {
	ctx := context.Background()
	db, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var times []float64
	for range 5 {
		t0 := time.Now()
		n, err := q.ask(ctx, db)
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, fmt.Errorf("nothing found in %s", path)
		}
		times = append(times, float64(time.Since(t0).Microseconds())/1000)
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}
