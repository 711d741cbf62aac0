package diff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/obiettivi/obiettivi/internal/browsertest"
	"github.com/obiettivi/obiettivi/plan"
)

var screenshots = flag.Bool("screenshots", false, "save the screenshot of the HTML report to ../docs/diff.png")

// external matches what would make a page load something: a script, a
// style sheet, an image or a frame from elsewhere.
var external = regexp.MustCompile(`(?i)<script|<link|<iframe|<img|\ssrc=|url\(|@import|href="(?:https?:)?//`)

// TestHTMLReportInBrowser opens the HTML report of the sample pair (the
// 2024 plan and the 2025 monitoring print) in headless Chromium, checks the
// page it builds (sections and counts, the year shift told once, a
// Cronoprogramma picture for each objective shown and no "actual months
// filled" line, every sector named) and saves a screenshot.
func TestHTMLReportInBrowser(t *testing.T) {
	old := readPlan(t, "../golden/capannori-2024.json")
	nw := readPlan(t, "../golden/capannori-2025.json")
	r := Compare(old, nw)
	var b bytes.Buffer
	if err := WriteHTML(&b, r, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 5<<20 {
		t.Errorf("report is %d bytes, over 5 MB", b.Len())
	}
	if m := external.Find(b.Bytes()); m != nil {
		t.Errorf("report loads an external resource: %q", m)
	}
	path := filepath.Join(t.TempDir(), "diff.html")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, err := goquery.NewDocumentFromReader(strings.NewReader(browsertest.DOM(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary
	for id, want := range map[string]int{
		"added": s.ObjectivesAdded, "removed": s.ObjectivesRemoved,
		"moved": s.ObjectivesMoved, "changed": s.ObjectivesChanged - s.ObjectivesMoved,
	} {
		sec := dom.Find("section#" + id)
		if n, _ := strconv.Atoi(sec.AttrOr("data-count", "")); n != want || sec.Find("article.objective").Length() != want {
			t.Errorf("section %s: count %s, %d objectives, want %d", id, sec.AttrOr("data-count", "none"), sec.Find("article.objective").Length(), want)
		}
	}
	if n := dom.Find("#units li").Length(); n == 0 {
		t.Error("no unit changes")
	}
	text := dom.Find("body").Text()
	if n := strings.Count(text, "tutti i periodi spostati di un anno in avanti"); n != 1 {
		t.Errorf("the year shift is told %d times, want once", n)
	}
	pictures := dom.Find("article.objective svg.crono")
	shown := dom.Find("article.objective").Not(".removed").Length()
	if pictures.Length() == 0 || pictures.Length() > shown {
		t.Errorf("%d Cronoprogramma pictures for %d objectives shown", pictures.Length(), shown)
	}
	if n := pictures.Find("rect.actual").Length(); n == 0 {
		t.Error("no actual month drawn")
	}
	if strings.Contains(text, "Consuntivo: nessuno →") {
		t.Error("filled actual months are listed line by line beside the pictures")
	}
	if !strings.Contains(dom.Find("#summary").Text(), "Consuntivo compilato per 105 fasi") {
		t.Error("the summary does not count the phases filled in")
	}
	if dom.Find(".worddiff ins, .worddiff del").Length() == 0 {
		t.Error("no description change marked word by word")
	}
	for _, u := range nw.Units {
		if u.Kind == plan.KindSector && !strings.Contains(text, u.Code+" - "+u.Name) {
			t.Errorf("sector %s is not named", u.Code)
		}
	}
	png := filepath.Join(t.TempDir(), "diff.png")
	if *screenshots {
		png = filepath.Join("..", "docs", "diff.png")
	}
	browsertest.Screenshot(t, path, png, 1100, 1400)
	t.Logf("screenshot: %s", png)
}
