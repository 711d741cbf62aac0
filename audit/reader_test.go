package audit

import (
	"testing"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/normalize"
	"github.com/obiettivi/obiettivi/plan"
)

// The reader's findings are made in English and written again in Italian
// from the message a document keeps.
func TestReaderFindings(t *testing.T) {
	for _, tc := range []struct {
		f      plan.Finding
		rule   string
		page   int
		en, it string
	}{
		{UnmappedGlyphs([]int{2}, 3, 200, []string{"DejaVuSans"}), RuleUnmappedGlyphs, 2,
			`3 of 200 characters have no Unicode mapping in the PDF (pages "2"; fonts "DejaVuSans"): their text is lost and reads as U+FFFD`,
			`3 dei 200 caratteri non hanno corrispondenza Unicode nel PDF (pagine "2"; caratteri tipografici "DejaVuSans"): il loro testo è perduto e si legge come U+FFFD`},
		{UnmappedGlyphs([]int{3, 4, 5, 7, 9, 10}, 50, 900, []string{"A", "B", "C", "D", "E"}), RuleUnmappedGlyphs, 3,
			`50 of 900 characters have no Unicode mapping in the PDF (pages "3–5, 7, 9–10"; fonts "A, B, C, …"): their text is lost and reads as U+FFFD`,
			`50 dei 900 caratteri non hanno corrispondenza Unicode nel PDF (pagine "3–5, 7, 9–10"; caratteri tipografici "A, B, C, …"): il loro testo è perduto e si legge come U+FFFD`},
		{PageContentLost([]int{4, 6, 7}), RulePageLost, 4,
			`3 pages of the body ("4, 6–7") print none of the running header and footer lines the other pages print: their content may be lost or damaged`,
			`3 pagine del corpo ("4, 6–7") non stampano nessuna delle righe di intestazione e piè di pagina che stampano le altre: il loro contenuto può essere perduto o danneggiato`},
		{UnjoinedPiece(normalize.Piece{Kind: normalize.PieceObjective, Page: 4, Unit: "UPROVA", Staff: 2, Phases: 1}), RuleUnjoinedPiece, 4,
			"an objective without title (staff rows: 2, phases: 1) joins nothing before it and is left out",
			"un obiettivo senza titolo (righe di personale: 2, fasi: 1) non si unisce a nulla di quanto lo precede ed è escluso"},
		{UnjoinedPiece(normalize.Piece{Kind: normalize.PiecePhase, Page: 5, Detail: "una descrizione"}), RuleUnjoinedPiece, 5,
			`a phase without title "una descrizione" joins nothing before it and is left out`,
			`una fase senza titolo "una descrizione" non si unisce a nulla di quanto la precede ed è esclusa`},
	} {
		f := tc.f
		if f.Rule != tc.rule || f.Severity != plan.SeverityWarning || f.Page == nil || *f.Page != tc.page || f.Message != tc.en {
			t.Errorf("finding %+v\nwant rule %s, page %d, message %s", f, tc.rule, tc.page, tc.en)
			continue
		}
		if got := relocalize(f, i18n.Printer(i18n.Italian)); got != tc.it {
			t.Errorf("in Italian: %s\nwant        %s", got, tc.it)
		}
	}
	if f := UnjoinedPiece(normalize.Piece{Kind: normalize.PieceIndicator, Page: 1, Unit: "U1"}); f.Unit == nil || *f.Unit != "U1" {
		t.Errorf("the piece's unit is not kept: %+v", f)
	}
}

// A character the file lost reads as U+FFFD: where the reader reported
// the loss, the plan's text is not called damaged for it; mojibake still
// is.
func TestLostCharactersAreNoBadEncoding(t *testing.T) {
	rules := func(d *plan.Document) []string {
		var out []string
		for _, f := range Check(d) {
			out = append(out, f.Rule)
		}
		return out
	}
	d := fixture()
	obj(d, 0).Title = "Digitalizzazione della citt\uFFFD"
	if got := rules(d); len(got) != 1 || got[0] != RuleBadEncoding {
		t.Errorf("without the reader's finding: %v, want [%s]", got, RuleBadEncoding)
	}
	d.Findings = []plan.Finding{UnmappedGlyphs([]int{3}, 1, 900, []string{"DejaVuSans"})}
	if got := rules(d); len(got) != 0 {
		t.Errorf("with the reader's finding: %v, want none", got)
	}
	obj(d, 0).Title = "Digitalizzazione della cittÃ\u00a0 e dell'\uFFFDente"
	if got := rules(d); len(got) != 1 || got[0] != RuleBadEncoding {
		t.Errorf("mojibake beside a lost character: %v, want [%s]", got, RuleBadEncoding)
	}
}
