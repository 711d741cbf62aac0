package audit

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
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

var screenshots = flag.Bool("screenshots", false, "save the screenshot of the HTML report to ../docs/audit.png")

// external matches what would make a page load something: a script, a
// style sheet, an image or a frame from elsewhere.
var external = regexp.MustCompile(`(?i)<script|<link|<iframe|<img|\ssrc=|url\(|@import|href="(?:https?:)?//`)

// TestHTMLReportInBrowser opens the HTML report of the sample plan in
// headless Chromium, checks the page it builds (sections, counts, every
// sector named) and saves a screenshot.
func TestHTMLReportInBrowser(t *testing.T) {
	d := readPlan(t, "capannori-2024.json")
	fs := FindingsIn(d, Options{Lang: i18n.Italian})
	var b bytes.Buffer
	if err := WriteHTML(&b, d, fs, ReportOptions{Target: "capannori-2024.json"}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 5<<20 {
		t.Errorf("report is %d bytes, over 5 MB", b.Len())
	}
	if m := external.Find(b.Bytes()); m != nil {
		t.Errorf("report loads an external resource: %q", m)
	}
	path := filepath.Join(t.TempDir(), "audit.html")
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
	if n := dom.Find("tr.finding").Length(); n != len(fs) {
		t.Errorf("%d findings shown, want %d", n, len(fs))
	}
	bySev := map[string]int{}
	for _, f := range fs {
		bySev[f.Severity]++
	}
	dom.Find(".count[data-severity]").Each(func(_ int, s *goquery.Selection) {
		sev := s.AttrOr("data-severity", "")
		if n, _ := strconv.Atoi(s.AttrOr("data-count", "")); n != bySev[sev] {
			t.Errorf("%s count %d, want %d", sev, n, bySev[sev])
		}
	})
	if got := dom.Find("#years").Text(); !strings.HasPrefix(got, "Regole tra anni: ") {
		t.Errorf("the note of the rules across years reads %q", got)
	}
	if n := dom.Find("#by-rule tbody tr").Length(); n == 0 {
		t.Error("no counts by rule")
	}
	sectors := dom.Find("section.sector").Not("#document")
	text := dom.Find("body").Text()
	for _, u := range d.Units {
		if u.Kind == plan.KindSector && !strings.Contains(text, u.Code+" - "+u.Name) {
			t.Errorf("sector %s is not named", u.Code)
		}
	}
	if n := dom.Find("#by-sector tr.sector-count").Length(); n != sectors.Length() {
		t.Errorf("%d sectors counted, %d sector sections", n, sectors.Length())
	}
	if dom.Find("#by-sector svg.bar").Length() == 0 {
		t.Error("no SVG bar in the counts by sector")
	}
	png := filepath.Join(t.TempDir(), "audit.png")
	if *screenshots {
		png = filepath.Join("..", "docs", "audit.png")
	}
	browsertest.Screenshot(t, path, png, 1100, 1400)
	t.Logf("screenshot: %s", png)
}
