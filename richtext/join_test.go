package richtext

import (
	"testing"
)

func TestJoinLines(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"none", nil, ""},
		{"one", []string{"  uno   due "}, "uno due"},
		{"wrapped", []string{"uno due", "tre"}, "uno due tre"},
		{"blank lines skipped", []string{"uno", " ", "", "due"}, "uno due"},
		{"hyphen inside a word", []string{"Sportelli di Front-", "Office"}, "Sportelli di Front-Office"},
		{"hyphen after a digit", []string{"dall'art.4-", "bis del DL"}, "dall'art.4-bis del DL"},
		{"hyphen as a dash", []string{"INDICATORI: -", "n° stakeholders"}, "INDICATORI: - n° stakeholders"},
		{"hyphen before punctuation", []string{"anno 2024-", "(bis)"}, "anno 2024- (bis)"},
		{"accented letters", []string{"CITTÀ-", "èra"}, "CITTÀ-èra"},
		{"unicode hyphen", []string{"co\u2010", "progettazione"}, "co\u2010progettazione"},
		{"soft hyphen at the end", []string{"il proce\u00AD", "dimento"}, "il procedimento"},
		{"soft hyphen inside", []string{"proce\u00ADdura"}, "procedura"},
		{"one-letter line after a hyphen", []string{"E-", "g", "ov"}, "E-g ov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := JoinLines(tt.lines); got != tt.want {
				t.Errorf("JoinLines(%q) = %q, want %q", tt.lines, got, tt.want)
			}
		})
	}
}

// A slash ends a line where the engine broke a word after it, or where a
// space followed it; the report's text almost never has the space.
func TestJoinLinesAfterSlash(t *testing.T) {
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"(https://", "www.esempio.it)"}, "(https://www.esempio.it)"},
		{[]string{"messa a ruolo/", "ingiunzione"}, "messa a ruolo/ingiunzione"},
		{[]string{"non prevista come</", "p> <p>obbligatoria"}, "non prevista come</p> <p>obbligatoria"},
		{[]string{"agevolazioni /", "detrazioni"}, "agevolazioni / detrazioni"},
	}
	for _, tt := range tests {
		if got := JoinLines(tt.lines); got != tt.want {
			t.Errorf("JoinLines(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}
