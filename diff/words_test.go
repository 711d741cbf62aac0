package diff

import (
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/i18n"
)

func TestSummarizeText(t *testing.T) {
	long := "Il progetto si pone come obiettivo il sostegno alle associazioni sportive che operano sul territorio comunale mediante contributi."
	tests := []struct{ old, new, want string }{
		{"a b c", "a b c", ""},
		{long, long + "\nAggiornamento 2025: nuove risorse.", `paragraph added: "Aggiornamento 2025: nuove risorse."`},
		{"Primo.\nSecondo paragrafo da togliere.\nTerzo.", "Primo.\nTerzo.", `paragraph removed: "Secondo paragrafo da togliere."`},
		{"attestarsi a -2 al 31/12/2024. Tale indicatore", "attestarsi a -2 al 31/12/2025. Tale indicatore",
			`"31/12/2024." → "31/12/2025." after "attestarsi a -2 al"`},
		{long, strings.Replace(long, "sportive", "sportive e culturali", 1),
			`added "e culturali" after "…sostegno alle associazioni sportive"`},
		{long, strings.Replace(long, "Il progetto", "Il piano", 1), `"progetto" → "piano" after "Il"`},
		{"uno due tre quattro", "cinque sei sette otto", `"uno due tre quattro" → "cinque sei sette otto"`},
		{long, "Tutt'altro testo, senza alcuna parola in comune con il precedente se non qualche articolo e basta.",
			"rewritten (18 words, now 16)"},
		{"uno due tre", "", `paragraph removed: "uno due tre"`},
		{"Il piano", "Il progetto si pone come obiettivo", `"Il piano" → "Il progetto si pone come obiettivo"`},
		{
			"a1 b c d e f g h i l m n o p q r s t u v z",
			"a2 b c d e f g h i l m2 n o p q r s3 t u v z4",
			`"a1" → "a2" before "b c d e…"; "m" → "m2" after "…g h i l"; "s" → "s3" after "…o p q r"; and 1 more change(s)`,
		},
		{strings.Repeat("parola ", 30) + "inizio " + strings.Repeat("x ", 20), strings.Repeat("parola ", 30) + "inizio " + strings.Repeat("y ", 20) + "fine",
			`"x x x x x x … x x x x x" → "y y y y y y … y y y y fine" after "…parola parola parola inizio"`},
	}
	for _, tc := range tests {
		if got := summarizeText(tc.old, tc.new); got != tc.want {
			t.Errorf("summarizeText(%q, %q)\n got %s\nwant %s", tc.old, tc.new, got, tc.want)
		}
	}
}

func TestShiftDates(t *testing.T) {
	tests := []struct {
		in    string
		years int
		want  string
	}{
		{"2024-01-31", 1, "2025-01-31"},
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", -4, "2020-02-29"},
		{"2025-12-31", -1, "2024-12-31"},
		{"31/12/2024", 1, "31/12/2024"},
		{"2024-01-31", 0, "2024-01-31"},
	}
	for _, tc := range tests {
		if got := shiftDate(tc.in, tc.years); got != tc.want {
			t.Errorf("shiftDate(%q, %d) = %q, want %q", tc.in, tc.years, got, tc.want)
		}
	}
	same := []struct {
		old, new string
		years    int
		want     bool
	}{
		{"2023-02-28", "2024-02-29", 1, true},
		{"2024-02-29", "2025-02-28", 1, true},
		{"2024-02-28", "2025-02-28", 1, true},
		{"2024-02-28", "2025-03-01", 1, false},
		{"2024-06-01", "2025-06-01", 1, true},
		{"2024-06-01", "2024-06-01", 1, false},
		{"2024-06-01", "2024-06-01", 0, true},
	}
	for _, tc := range same {
		if got := sameShifted(tc.old, tc.new, tc.years); got != tc.want {
			t.Errorf("sameShifted(%q, %q, %d) = %v", tc.old, tc.new, tc.years, got)
		}
	}
	if got := shiftYear("2025", 1); got != "2026" {
		t.Errorf("shiftYear = %q", got)
	}
	if got := shiftYear("totale", 1); got != "totale" {
		t.Errorf("shiftYear of a non-year = %q", got)
	}
}

func TestNormTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023_21_Rilancio del commercio", "rilancio del commercio"},
		{"  Il Comune “CASA DI TUTTI”.  ", "il comune casa di tutti"},
		{"Rip-Arte': Ripartiamo", "rip arte ripartiamo"},
		{"2023 bilancio", "2023 bilancio"},
	}
	for _, tc := range tests {
		if got := normTitle(tc.in); got != tc.want {
			t.Errorf("normTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMonthValues(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{[]int{}, "none"},
		{[]int{6}, "Jun"},
		{[]int{1, 2, 3, 5, 6, 7, 8, 9, 10, 11}, "Jan–Mar, May–Nov"},
		{[]int{7, 9, 10}, "Jul, Sep–Oct"},
	}
	for _, tc := range tests {
		if got := value(english, tc.in); got != tc.want {
			t.Errorf("value(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := value(i18n.Printer(i18n.Italian), []int{5, 6, 12}); got != "Mag–Giu, Dic" {
		t.Errorf("Italian months = %q", got)
	}
}
