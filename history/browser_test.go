package history

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/obiettivi/obiettivi/internal/browsertest"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

var screenshots = flag.Bool("screenshots", false, "save the screenshot of the HTML report to ../docs/history.png")

// external matches what would make a page load something: a script, a
// style sheet, an image or a frame from elsewhere.
var external = regexp.MustCompile(`(?i)<script|<link|<iframe|<img|\ssrc=|url\(|@import|href="(?:https?:)?//`)

// storedSamples returns a store holding the sample plans of 2024 (two
// prints) and 2025.
func storedSamples(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "plans.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, name := range []string{"capannori-2024", "capannori-2024-chromium", "capannori-2025"} {
		d, err := plan.ReadFile(filepath.Join("..", "golden", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Ingest(ctx, db, d, store.Meta{ExtractorVersion: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// TestHTMLReportInBrowser opens the HTML timeline of the payment-time
// objective in headless Chromium, checks the page it builds (one column
// per print, the changes highlighted, the SVG timeline) and saves a
// screenshot.
func TestHTMLReportInBrowser(t *testing.T) {
	db := storedSamples(t)
	h, err := Find(context.Background(), db, "San Gennaro seconda fase")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, h, Options{}); err != nil {
		t.Fatal(err)
	}
	if m := external.Find(b.Bytes()); m != nil {
		t.Errorf("report loads an external resource: %q", m)
	}
	path := filepath.Join(t.TempDir(), "history.html")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, err := goquery.NewDocumentFromReader(strings.NewReader(browsertest.DOM(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	if got := dom.Find("html").AttrOr("lang", ""); got != "it" {
		t.Errorf("lang = %q", got)
	}
	if got := dom.Find("h1").Text(); got != h.Title {
		t.Errorf("heading %q, want %q", got, h.Title)
	}
	n := len(h.Prints)
	if n != 3 {
		t.Fatalf("%d prints, want 3", n)
	}
	if got := dom.Find("th.print").Length(); got != n {
		t.Errorf("%d print columns, want %d", got, n)
	}
	if got := dom.Find("svg.timeline circle").Length(); got != n {
		t.Errorf("%d dots on the timeline, want %d", got, n)
	}
	if got := dom.Find("svg.timeline line").Length(); got != n-1 {
		t.Errorf("%d lines on the timeline, want %d", got, n-1)
	}
	for _, field := range []string{"title", "units", "weight", "targets", "status", "changes"} {
		if got := dom.Find("tr[data-field=" + field + "] td").Length(); got != n {
			t.Errorf("row %s has %d cells, want %d", field, got, n)
		}
	}
	// The 2025 print is retitled and reports Consuntivo months: its title,
	// status and changes are highlighted; the chromium print repeats 2024.
	for _, field := range []string{"title", "status", "changes"} {
		cells := dom.Find("tr[data-field=" + field + "] td")
		if !cells.Eq(2).HasClass("changed") || cells.Eq(1).HasClass("changed") || cells.Eq(0).HasClass("changed") {
			t.Errorf("row %s: highlighted cells %v, %v, %v; want only the third", field,
				cells.Eq(0).HasClass("changed"), cells.Eq(1).HasClass("changed"), cells.Eq(2).HasClass("changed"))
		}
	}
	if got := dom.Find("tr[data-field=units] td.changed").Length(); got != 0 {
		t.Errorf("%d unit cells highlighted, want none (the units did not change)", got)
	}
	title := dom.Find("tr[data-field=title] td").Eq(2).Text()
	if !strings.Contains(title, "(seconda fase)") {
		t.Errorf("2025 title %q", title)
	}
	if text := dom.Find("tr[data-field=changes] td").Eq(2).Text(); !strings.Contains(text, "titolo:") || !strings.Contains(text, "Consuntivo") {
		t.Errorf("2025 changes %q", text)
	}
	png := filepath.Join(t.TempDir(), "history.png")
	if *screenshots {
		png = filepath.Join("..", "docs", "history.png")
	}
	browsertest.Screenshot(t, path, png, 1100, 800)
	t.Logf("screenshot: %s", png)
}
