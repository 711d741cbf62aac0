package api

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/obiettivi/obiettivi/samples/render"
)

// BenchmarkExtractPages extracts synthetic plans of about 300 and 3,000
// pages (printed by samples/render before the timer starts), to show how
// the cost of a page grows with the pages of the document:
//
//	go test -run '^$' -bench ExtractPages -benchmem -count 5 ./api
//
// Besides time, it reports the pages, the wall and CPU time per page (CPU:
// user and system time of the process, all threads) and the peak resident
// memory of the process while it ran (Linux only).
func BenchmarkExtractPages(b *testing.B) {
	for _, objectives := range []int{250, 2500} {
		doc := render.Synthetic("Comune di Prova", 2024, objectives, 1)
		var buf bytes.Buffer
		res, err := render.Print(context.Background(), doc, &buf, render.Options{FileName: "plan.pdf"})
		if err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(b.TempDir(), "plan.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		pages := res.Pages
		doc, res, buf = nil, nil, bytes.Buffer{} // not to count in the peak memory
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			b.ReportAllocs()
			resetPeakRSS()
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := ExtractFile(context.Background(), path, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			n := float64(b.N * pages)
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/n, "ms/page")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/n, "cpu-ms/page")
			b.ReportMetric(float64(pages), "pages")
			if rss, ok := peakRSS(); ok {
				b.ReportMetric(float64(rss)/(1<<20), "MiB-peak-RSS")
			}
		})
	}
}
