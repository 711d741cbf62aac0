package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/difftest"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// TestReportsGolden compares the text and Markdown reports of the sample
// plan with testdata/capannori-2024.audit.* (rewrite them with -update).
func TestReportsGolden(t *testing.T) {
	d := readPlan(t, "capannori-2024.json")
	for _, tc := range []struct {
		file  string
		lang  string
		write func(w *bytes.Buffer, fs []plan.Finding, opt ReportOptions) error
	}{
		{"capannori-2024.audit.txt", "it", func(w *bytes.Buffer, fs []plan.Finding, opt ReportOptions) error { return WriteText(w, d, fs, opt) }},
		{"capannori-2024.audit.en.txt", "en", func(w *bytes.Buffer, fs []plan.Finding, opt ReportOptions) error { return WriteText(w, d, fs, opt) }},
		{"capannori-2024.audit.md", "it", func(w *bytes.Buffer, fs []plan.Finding, opt ReportOptions) error { return WriteMarkdown(w, d, fs, opt) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			lang, _ := i18n.Parse(tc.lang)
			var b bytes.Buffer
			if err := tc.write(&b, FindingsIn(d, Options{Lang: lang}), ReportOptions{Lang: lang, Target: "capannori-2024.json"}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the report (run with -update after checking it):\n%s", path, difftest.Lines(string(want), b.String()))
			}
		})
	}
}

// englishInReport matches English words of the reports' frame and
// messages, and the English month names that differ from the Italian ones.
var englishInReport = regexp.MustCompile(`(?:^|\P{L})((?i:objectives?|phases?|staff|goals?|pages?|findings?|errors?|warnings?|severity|rule|count|sector|office|head|units?|planned|actual|schedule|table of contents|missing|empty|printed|here|there|and|the|of|has|no)|Jan|May|Jun|Jul|Aug|Sep|Oct|Dec)(?:\P{L}|$)`)

// TestTextReportSpeaksItalian checks that the default text report of the
// sample plan has no English word outside the values it quotes and the
// headings of the units (as printed).
func TestTextReportSpeaksItalian(t *testing.T) {
	d := readPlan(t, "capannori-2024.json")
	var b bytes.Buffer
	if err := WriteText(&b, d, FindingsIn(d, Options{Lang: i18n.Italian}), ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	text := quoted.ReplaceAllString(b.String(), `""`)
	for _, u := range d.Units {
		text = strings.ReplaceAll(text, u.Code+" - "+u.Name, "")
	}
	for i, l := range strings.Split(text, "\n") {
		if m := englishInReport.FindStringSubmatch(l); m != nil {
			w := m[1]
			t.Errorf("line %d has the English word %q: %s", i+1, w, l)
		}
	}
	// The same check finds the English report's words.
	b.Reset()
	if err := WriteText(&b, d, FindingsIn(d, Options{Lang: i18n.English}), ReportOptions{Lang: i18n.English}); err != nil {
		t.Fatal(err)
	}
	if !englishInReport.MatchString(quoted.ReplaceAllString(b.String(), `""`)) {
		t.Error("the check finds no English word in the English report")
	}
}

// TestReportGroups checks where the text report puts the findings: those
// of no unit first, then each sector with its offices.
func TestReportGroups(t *testing.T) {
	d := fixture()
	d.TOC = append(d.TOC, plan.TOCEntry{Code: "UALTRO", Name: "ALTRO UFFICIO", Page: 9})
	d.Units[0].Head = nil
	obj(d, 0).Phases = nil
	d.AssignKeys()
	var b bytes.Buffer
	if err := WriteText(&b, d, FindingsIn(d, Options{Lang: i18n.Italian}), ReportOptions{Target: "prova.json"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	doc := strings.Index(out, "\nIntero documento\n")
	sector := strings.Index(out, "\nSettore SSETT - SETTORE DI PROVA\n")
	office := strings.Index(out, "\n  Ufficio UUFF - UFFICIO DI PROVA · Responsabile: ROSSI MARIO\n")
	if doc < 0 || sector < doc || office < sector {
		t.Errorf("groups out of place (document %d, sector %d, office %d):\n%s", doc, sector, office, out)
	}
	for _, want := range []string{"prova.json: 3 rilievi (2 errori, 0 avvisi, 1 informazione)", "voce dell'Indice senza intestazione", "pag. 3"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
