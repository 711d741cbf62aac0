package diff

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/internal/i18n/i18ntest"
	"github.com/obiettivi/obiettivi/plan"
)

// TestCatalogues checks that every sentence of the reports is in every
// language's catalogue.
func TestCatalogues(t *testing.T) {
	keys := i18ntest.Keys(t, ".", nil)
	if len(keys) < 40 {
		t.Fatalf("found %d sentences only", len(keys))
	}
	i18ntest.CheckCatalogues(t, keys)
}

// englishInReport matches English words of the reports' frame and
// changes, and the English month names that differ from the Italian ones.
var englishInReport = regexp.MustCompile(`(?:^|\P{L})((?i:objectives?|phases?|staff|goals?|units?|added|removed|changed|moved|unchanged|summary|shift|monitoring|planned|actual|months?|target|weight|title|description|indicator|head|sector|office|table of contents|none|empty|years?|later|and|the|of|for)|Jan|May|Jun|Jul|Aug|Sep|Oct|Dec)(?:\P{L}|$)`)

// quotedValue matches a value a report quotes.
var quotedValue = regexp.MustCompile(`"[^"\n]*"`)

// TestTextReportSpeaksItalian checks that the default text report of the
// sample pair has no English word outside the values it quotes, the
// objective titles and the unit headings (as printed).
func TestTextReportSpeaksItalian(t *testing.T) {
	old := readPlan(t, "../golden/capannori-2024.json")
	nw := readPlan(t, "../golden/capannori-2025.json")
	r := Compare(old, nw)
	check := func(opt ReportOptions) []string {
		var b bytes.Buffer
		if err := WriteText(&b, r, opt); err != nil {
			t.Fatal(err)
		}
		text := quotedValue.ReplaceAllString(b.String(), `""`)
		for _, d := range []*plan.Document{old, nw} {
			for _, u := range d.Units {
				text = strings.ReplaceAll(text, u.Code+" - "+u.Name, "")
			}
			text = strings.ReplaceAll(text, d.Title, "")
		}
		var found []string
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, "  ~ ") || strings.HasPrefix(l, "  + ") || strings.HasPrefix(l, "  - ") {
				continue // an objective's title
			}
			if m := englishInReport.FindStringSubmatch(l); m != nil {
				found = append(found, m[1]+": "+l)
			}
		}
		return found
	}
	for _, f := range check(ReportOptions{}) {
		t.Errorf("English word in the Italian report: %s", f)
	}
	if len(check(ReportOptions{Lang: i18n.English})) == 0 {
		t.Error("the check finds no English word in the English report")
	}
}
