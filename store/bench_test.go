package store_test

// Benchmarks of ingest at scale, PDF to store, as the ingest command runs
// it (api.Ingest): PDFs extracted in parallel, documents written one at a
// time, each into a new store file. The synthetic plans are printed by samples/render
// before the timer starts.
//
//	go test -tags sqlite_fts5 -run '^$' -bench . -benchtime 1x ./store/
//
// Besides time, each benchmark reports the pages ingested, the time per
// page, the size of the store file and the peak resident memory of the
// process while it ran (Linux only).

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/obiettivi/obiettivi/api"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/samples/render"
	"github.com/obiettivi/obiettivi/store"
)

// printPlan prints doc as a PDF at path and returns its pages.
func printPlan(b *testing.B, doc *plan.Document, path string) int {
	b.Helper()
	var buf bytes.Buffer
	res, err := render.Print(context.Background(), doc, &buf, render.Options{FileName: filepath.Base(path)})
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return res.Pages
}

// ingestPDFs ingests paths into a new store at db as the ingest command
// does (api.Ingest): PDFs extracted in parallel, written in order.
func ingestPDFs(b *testing.B, db string, paths []string) {
	b.Helper()
	results, err := api.Ingest(context.Background(), paths, api.IngestOptions{DB: db})
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range results {
		if r.Status != api.Ingested {
			b.Fatalf("%s: %v %v", r.Path, r.Status, r.Err)
		}
	}
}

// run times ingesting paths (pages in all) into a new file per iteration
// and reports the figures.
func run(b *testing.B, paths []string, pages int) {
	dir := b.TempDir()
	resetPeakRSS()
	b.ResetTimer()
	var db string
	for i := range b.N {
		db = filepath.Join(dir, fmt.Sprintf("bench-%d.sqlite", i))
		ingestPDFs(b, db, paths)
	}
	b.StopTimer()
	report(b, db, pages)
}

func report(b *testing.B, db string, pages int) {
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
	if st, err := os.Stat(db); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "MiB-file")
	}
	if rss, ok := peakRSS(); ok {
		b.ReportMetric(float64(rss)/(1<<20), "MiB-peak-RSS")
	}
}

// BenchmarkIngestSample ingests the 108-page Capannori 2024 sample.
func BenchmarkIngestSample(b *testing.B) {
	truth, err := plan.ReadFile(filepath.Join("..", "golden", "capannori-2024.json"))
	if err != nil {
		b.Fatal(err)
	}
	run(b, []string{filepath.Join("..", "samples", truth.Source.File)}, truth.Source.Pages)
}

// BenchmarkIngest50Documents ingests 50 distinct plans: ten entities over
// five years, each of about 25 pages.
func BenchmarkIngest50Documents(b *testing.B) {
	dir := b.TempDir()
	var paths []string
	pages := 0
	for i := range 50 {
		entity := fmt.Sprintf("Comune di Prova %02d", i%10)
		year := 2021 + i/10
		path := filepath.Join(dir, fmt.Sprintf("plan-%02d-%d.pdf", i%10, year))
		pages += printPlan(b, render.Synthetic(entity, year, 20, int64(i+1)), path)
		paths = append(paths, path)
	}
	run(b, paths, pages)
}

// BenchmarkIngestPages ingests one plan of growing size, up to the
// 1,000-page plan, to show how the cost grows with pages.
func BenchmarkIngestPages(b *testing.B) {
	for _, objectives := range []int{100, 200, 400, 800} {
		doc := render.Synthetic("Comune di Prova", 2024, objectives, 7)
		path := filepath.Join(b.TempDir(), fmt.Sprintf("plan-%d.pdf", objectives))
		pages := printPlan(b, doc, path)
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			run(b, []string{path}, pages)
		})
	}
}

// BenchmarkStorePages times the store stage alone, store.Ingest of the
// plan as printed into a new, open store, for plans of the same sizes.
func BenchmarkStorePages(b *testing.B) {
	ctx := context.Background()
	for _, objectives := range []int{100, 200, 400, 800} {
		doc := render.Synthetic("Comune di Prova", 2024, objectives, 7)
		var buf bytes.Buffer
		res, err := render.Print(ctx, doc, &buf, render.Options{FileName: "plan.pdf"})
		if err != nil {
			b.Fatal(err)
		}
		printed := res.Printed
		printed.AssignKeys()
		b.Run(fmt.Sprintf("pages=%d", res.Pages), func(b *testing.B) {
			dir := b.TempDir()
			resetPeakRSS()
			b.ResetTimer()
			var db string
			for i := range b.N {
				b.StopTimer()
				db = filepath.Join(dir, fmt.Sprintf("bench-%d.sqlite", i))
				st, err := store.Open(ctx, db)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := store.Ingest(ctx, st, printed, store.Meta{}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				st.Close()
			}
			b.StopTimer()
			report(b, db, res.Pages)
		})
	}
}

// resetPeakRSS starts a new peak of resident memory (Linux).
func resetPeakRSS() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS is the peak resident memory since the last reset (Linux).
func peakRSS() (int64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// BenchmarkStoreDocuments times the store stage of stores of growing
// size: store.Ingest of plans of five years of one entity after another
// (each entity's plans the same synthetic plan moved to each year, so that
// most objectives continue), the years of each entity in the order
// 2023, 2021, 2025, 2022, 2024, so that most ingests link a later print
// again. ms/doc stays flat as the store grows when each ingest compares
// only the entity's neighbours.
func BenchmarkStoreDocuments(b *testing.B) {
	ctx := context.Background()
	years := []int{2023, 2021, 2025, 2022, 2024}
	for _, docs := range []int{25, 50, 100} {
		var plans []*plan.Document
		for i := range docs {
			entity := i / len(years)
			d := render.Synthetic(fmt.Sprintf("Comune di Prova %02d", entity), years[i%len(years)], 40, int64(entity+1))
			d.Source = plan.Source{File: fmt.Sprintf("plan-%02d-%d.pdf", entity, d.Year), Pages: 50,
				SHA256: fmt.Sprintf("%064x", i+1)}
			d.AssignKeys()
			plans = append(plans, d)
		}
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			dir := b.TempDir()
			resetPeakRSS()
			b.ResetTimer()
			var db string
			var first, last time.Duration
			for i := range b.N {
				b.StopTimer()
				db = filepath.Join(dir, fmt.Sprintf("bench-%d.sqlite", i))
				st, err := store.Open(ctx, db)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for j, d := range plans {
					start := time.Now()
					if _, err := store.Ingest(ctx, st, d, store.Meta{}); err != nil {
						b.Fatal(err)
					}
					switch took := time.Since(start); {
					case j < docs/4:
						first += took
					case j >= docs-docs/4:
						last += took
					}
				}
				b.StopTimer()
				st.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(docs), "ms/doc")
			// The first and the last quarter of the documents: equal when
			// the cost of an ingest does not grow with the store.
			quarter := float64(b.N * (docs / 4))
			b.ReportMetric(float64(first.Milliseconds())/quarter, "ms/doc-first-quarter")
			b.ReportMetric(float64(last.Milliseconds())/quarter, "ms/doc-last-quarter")
			if st, err := os.Stat(db); err == nil {
				b.ReportMetric(float64(st.Size())/(1<<20), "MiB-file")
			}
		})
	}
}
