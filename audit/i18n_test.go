package audit

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/internal/i18n/i18ntest"
	"github.com/obiettivi/obiettivi/plan"
)

// TestCatalogues checks that every sentence of the findings is in every
// language's catalogue.
func TestCatalogues(t *testing.T) {
	keys := i18ntest.Keys(t, ".", map[string]int{"c.add": 2, "c.addAt": 2})
	if len(keys) < 50 {
		t.Fatalf("found %d sentences only", len(keys))
	}
	i18ntest.CheckCatalogues(t, keys)
}

// englishWords are words of the English messages that an Italian report
// must not show outside the values it quotes.
var englishWords = regexp.MustCompile(`(?:^|\P{L})((?i:objective|objectives|phase|phases|staff|goal|page|pages|planned|actual|here|there|head|sector|office|unit|table of contents|schedule|row|rows|title|missing|empty|printed|and|of|the|has|no)|Jan|May|Jun|Aug|Sep|Oct|Dec)(?:\P{L}|$)`)

// quoted matches a quoted value of a message.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// TestFindingsInItalian checks that every finding of the sample plan, and
// of a plan with every rule's finding, speaks Italian.
func TestFindingsInItalian(t *testing.T) {
	docs := []*plan.Document{readPlan(t, "capannori-2024.json")}
	d := fixture()
	o := obj(d, 0)
	o.Phases[0].PlannedMonths = []int{1, 2, 3, 4, 5}
	o.Phases[1].Title = "1 - Scansione"
	o.Staff[1].Category, o.Staff[1].Start = nil, nil
	o.Title = "2023_4_Digitalizzazione (degli archivi"
	d.Units[1].Head = nil
	d.TOC[1].Page = 9
	d.AssignKeys()
	d.Findings = []plan.Finding{UnmatchedScheduleRow(o, "1 - Scansione degli archivi e altro", 3), UnmatchedScheduleRow(o, "Tutt'altro", 3)}
	docs = append(docs, d)
	for _, doc := range docs {
		fs := FindingsIn(doc, Options{Lang: i18n.Italian})
		if len(fs) == 0 {
			t.Fatal("no findings")
		}
		for _, f := range fs {
			if f.Lang != "it" || f.LocalMessage == "" {
				t.Errorf("%s: no Italian message: %+v", f.Rule, f)
				continue
			}
			if m := englishWords.FindStringSubmatch(quoted.ReplaceAllString(f.LocalMessage, `""`)); m != nil {
				w := m[1]
				t.Errorf("%s: Italian message has the English word %q: %s", f.Rule, w, f.LocalMessage)
			}
			if f.ObjectiveKey != nil && f.ObjectiveTitle == "" {
				t.Errorf("%s: no objective title beside key %s", f.Rule, *f.ObjectiveKey)
			}
		}
	}
}

// TestFindingsInKeepsCheck checks that asking for a language changes no
// finding but adds its message in that language.
func TestFindingsInKeepsCheck(t *testing.T) {
	d := readPlan(t, "capannori-2024.json")
	en := Findings(d)
	it := FindingsIn(d, Options{Lang: i18n.Italian})
	if len(en) != len(it) {
		t.Fatalf("%d findings in English, %d with Italian", len(en), len(it))
	}
	for i := range en {
		a, b := en[i], it[i]
		b.Lang, b.LocalMessage, b.ObjectiveTitle = "", "", ""
		if !reflect.DeepEqual(a, b) {
			t.Errorf("finding %d differs:\n%+v\n%+v", i, a, b)
		}
	}
	for _, f := range FindingsIn(d, Options{Lang: i18n.English}) {
		if f.LocalMessage != f.Message {
			t.Errorf("English local message %q differs from %q", f.LocalMessage, f.Message)
		}
	}
}

// TestRelocalize checks that the reader's findings recorded in English
// are written again in Italian.
func TestRelocalize(t *testing.T) {
	d := fixture()
	o := obj(d, 0)
	o.Phases[1].Title = "Percorso partecipativo e ricreazione"
	for _, row := range []string{"Percorso partecipativo e ricercazione", "Tutt'altro", "Percorso partecipativo", "Percorso partecipativo per la ricreazione"} {
		f := UnmatchedScheduleRow(o, row, 3)
		got := relocalize(f, i18n.Printer(i18n.Italian))
		if got == f.Message || !strings.Contains(got, "obiettivo") || !strings.Contains(got, strconv.Quote(row)) {
			t.Errorf("%s: %q written in Italian as %q", f.Rule, f.Message, got)
		}
	}
	f := plan.Finding{Rule: RuleScheduleRowUnmatched, Message: "a message of an earlier version"}
	if got := relocalize(f, i18n.Printer(i18n.Italian)); got != f.Message {
		t.Errorf("unknown message written as %q", got)
	}
}
