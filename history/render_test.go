package history

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/internal/i18n/i18ntest"
	"github.com/obiettivi/obiettivi/plan"
)

// TestCatalogues checks that every sentence of the history reports is in
// every language's catalogue.
func TestCatalogues(t *testing.T) {
	keys := i18ntest.Keys(t, ".", nil)
	if len(keys) < 20 {
		t.Fatalf("found %d sentences only", len(keys))
	}
	i18ntest.CheckCatalogues(t, keys)
}

func TestYearSpan(t *testing.T) {
	tests := []struct {
		years []int
		want  string
	}{
		{[]int{2024}, "2024"},
		{[]int{2025, 2024}, "2024–2025"},
		{[]int{2021, 2022, 2024, 2025, 2027}, "2021–2022, 2024–2025, 2027"},
	}
	for _, tt := range tests {
		if got := yearSpan(tt.years); got != tt.want {
			t.Errorf("yearSpan(%v) = %q, want %q", tt.years, got, tt.want)
		}
	}
}

// sample is a history of three prints: the first, one that repeats it,
// and one a year later that continues it with changes.
func sample() *History {
	w := 40.0
	status := func(s string) *string { return &s }
	ind := []plan.Indicator{{Name: "Pratiche istruite", Unit: plan.Str("Perc."), Targets: map[string]*string{"2025": plan.Str("90%")}}}
	ind25 := []plan.Indicator{{Name: "Pratiche istruite", Unit: plan.Str("Perc."), Targets: map[string]*string{"2026": plan.Str("95%")}}}
	first := Print{DocumentID: 1, Year: 2024, File: "piano-2024.pdf", Key: "aaaaaaaaaaaaaaaa", Title: "Controlli edilizi",
		Units: []string{"UEDPRI", "USUAP"}, Weights: []*float64{nil}, Indicators: ind, Phases: 2, Status: status("planned")}
	again := first
	again.DocumentID, again.File = 2, "piano-2024-bis.pdf"
	again.After = &DocRef{DocumentID: 1, Year: 2024, File: "piano-2024.pdf"}
	again.Continues = &Continuation{Key: first.Key, Kind: diff.MatchSameKey, Similarity: 1, Changes: []diff.Change{}}
	next := Print{DocumentID: 3, Year: 2025, File: "piano-2025.pdf", Key: "bbbbbbbbbbbbbbbb", Title: "Controlli edilizi rafforzati",
		Units: []string{"UEDPRI"}, Weights: []*float64{&w}, Indicators: ind25, Phases: 2, PhasesReported: 1, Status: status("in progress"),
		After: &DocRef{DocumentID: 2, Year: 2024, File: "piano-2024-bis.pdf"},
		Continues: &Continuation{Key: first.Key, Kind: diff.MatchRetitled, Similarity: 0.87, Changes: []diff.Change{
			{Kind: diff.KindTitle, Old: "Controlli edilizi", New: "Controlli edilizi rafforzati"},
			{Kind: diff.KindUnitsRemoved, Old: []string{"USUAP"}},
			{Kind: diff.KindPhaseChanged, Item: "Verifiche", Field: diff.FieldActualMonths, Old: []int{}, New: []int{1, 2, 3, 5}},
		}}}
	return &History{Format: Format, Query: "controlli", Entity: "Comune di Prova", Key: next.Key, Title: next.Title,
		FirstYear: 2024, LastYear: 2025, Years: []int{2024, 2025}, Prints: []Print{first, again, next},
		AlsoMatching: []Match{{DocumentID: 3, Entity: "Comune di Prova", Year: 2025, Key: "cccccccccccccccc", Title: "Controlli ambientali"}}}
}

// englishWords are words of the English report that the Italian one must
// not show outside the values it quotes.
var englishWords = regexp.MustCompile(`(?:^|\P{L})((?i:title|units|weight|targets|target|status|changes|changed|first|appears|prints?|continues|similarity|same|new|store|planned|progress|phases?|with|removed|none|actual|months)|Jan|May|Jun|Jul|Aug|Sep|Oct|Dec)(?:\P{L}|$)`)

var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

func TestWriteText(t *testing.T) {
	h := sample()
	var it, en bytes.Buffer
	if err := WriteText(&it, h, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(&en, h, Options{Lang: i18n.English}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Controlli edilizi rafforzati\nComune di Prova, 2024–2025: compare per la prima volta nel 2024; 3 stampe\n",
		"2024  piano-2024.pdf: la prima stampa dell'ente nell'archivio\n",
		"2024  piano-2024-bis.pdf: uguale a piano-2024.pdf (stessa chiave)\n\n2025",
		"2025  piano-2025.pdf: prosegue piano-2024-bis.pdf (rinominato, somiglianza 0,87)\n",
		"      valori attesi: Pratiche istruite (Perc.): Atteso 2026 = 95%\n",
		"      peso:          40\n",
		"      stato:         in corso (2 fasi, 1 con mesi a Consuntivo)\n",
		`      modifiche:     titolo: "Controlli edilizi" → "Controlli edilizi rafforzati"` + "\n",
		"                     unità tolte: USUAP\n",
		`fase "Verifiche": Consuntivo: nessuno → Gen–Mar, Mag`,
		"Corrispondono anche:\n  2025  cccccccccccccccc  Controlli ambientali\n",
	} {
		if !strings.Contains(it.String(), want) {
			t.Errorf("the Italian report lacks %q:\n%s", want, it.String())
		}
	}
	text := quoted.ReplaceAllString(it.String(), `""`)
	for _, s := range []string{h.Title, "Controlli ambientali", "Pratiche istruite", "Controlli edilizi"} {
		text = strings.ReplaceAll(text, s, "")
	}
	for i, l := range strings.Split(text, "\n") {
		if m := englishWords.FindStringSubmatch(l); m != nil {
			t.Errorf("line %d of the Italian report has the English word %q: %s", i+1, m[1], l)
		}
	}
	for _, want := range []string{
		"Comune di Prova, 2024–2025: first appears in 2024; 3 prints\n",
		"2025  piano-2025.pdf: continues piano-2024-bis.pdf (retitled, similarity 0.87)\n",
		"      status:  in progress (2 phases, 1 with Consuntivo months)\n",
		"phase \"Verifiche\": actual months: none → Jan–Mar, May",
	} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("the English report lacks %q:\n%s", want, en.String())
		}
	}
}
