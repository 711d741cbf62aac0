package diff

import (
	"strings"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/internal/textdiff"

	"github.com/obiettivi/obiettivi/plan"
)

// Limits of the word-level summary of a changed text.
const (
	maxEdits     = 400 // beyond this many differing lines or words, "rewritten"
	maxParts     = 3   // hunks told in full
	snippetWords = 12  // words quoted from a hunk
	contextWords = 4   // words of context before a change
)

// paragraphs splits a plain-text cell into its canonical non-empty lines.
func paragraphs(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = plan.Canon(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// textChanged reports whether two plain texts differ in their words.
// Spacing and where paragraphs break do not count: producers and
// extractors break the same text differently.
func textChanged(a, b string) bool {
	return !plan.SameText(a, b)
}

// summarizeText tells in a few words how text a became text b, in
// English (the detail of the JSON form).
func summarizeText(a, b string) string { return english.Text(summarize(a, b)) }

// summarize tells in a few words how text a became text b: paragraphs
// added or removed, and within changed paragraphs the words replaced, added
// or removed, with a little context.
func summarize(a, b string) i18n.Text {
	pa, pb := paragraphs(a), paragraphs(b)
	wa, wb := len(strings.Fields(strings.Join(pa, " "))), len(strings.Fields(strings.Join(pb, " ")))
	rewritten := i18n.T("rewritten (%d words, now %d)", wa, wb)
	if wa <= snippetWords && wb <= snippetWords {
		// Short enough to be told in full.
		rewritten = i18n.T("%s → %s", quote(strings.Join(pa, " ")), quote(strings.Join(pb, " ")))
	}
	hs, ok := textdiff.Edits(pa, pb, maxEdits)
	if !ok {
		return rewritten
	}
	var parts []any
	changed := 0 // words replaced, added or removed inside kept paragraphs
	for _, h := range hs {
		switch {
		case h.A0 == h.A1:
			for _, p := range pb[h.B0:h.B1] {
				parts = append(parts, i18n.T("paragraph added: %s", quote(snippet(strings.Fields(p)))))
			}
		case h.B0 == h.B1:
			for _, p := range pa[h.A0:h.A1] {
				parts = append(parts, i18n.T("paragraph removed: %s", quote(snippet(strings.Fields(p)))))
			}
		default:
			oa := strings.Fields(strings.Join(pa[h.A0:h.A1], " "))
			ob := strings.Fields(strings.Join(pb[h.B0:h.B1], " "))
			ws, ok := textdiff.Edits(oa, ob, maxEdits)
			if !ok {
				return rewritten
			}
			for _, w := range ws {
				changed += max(w.A1-w.A0, w.B1-w.B0)
				parts = append(parts, wordChange(oa, ob, w))
			}
		}
	}
	if total := max(wa, wb); total > 0 && changed*10 > total*6 {
		return rewritten
	}
	if len(parts) > maxParts {
		more := len(parts) - maxParts
		parts = append(parts[:maxParts], i18n.T("and %d more change(s)", more))
	}
	return i18n.T("%s", i18n.List{Sep: "; ", Items: parts})
}

// wordChange tells one word hunk: `"x" → "y"`, `added "y"` or `removed "x"`,
// followed by the words before it.
func wordChange(a, b []string, w textdiff.Hunk) i18n.Text {
	var s i18n.Text
	switch {
	case w.A0 == w.A1:
		s = i18n.T("added %s", quote(snippet(b[w.B0:w.B1])))
	case w.B0 == w.B1:
		s = i18n.T("removed %s", quote(snippet(a[w.A0:w.A1])))
	default:
		s = i18n.T("%s → %s", quote(snippet(a[w.A0:w.A1])), quote(snippet(b[w.B0:w.B1])))
	}
	if w.A0 > 0 {
		from := max(0, w.A0-contextWords)
		ctx := strings.Join(a[from:w.A0], " ")
		if from > 0 {
			ctx = "…" + ctx
		}
		return i18n.T("%s after %s", s, quote(ctx))
	}
	if w.A1 < len(a) {
		to := min(len(a), w.A1+contextWords)
		ctx := strings.Join(a[w.A1:to], " ")
		if to < len(a) {
			ctx += "…"
		}
		return i18n.T("%s before %s", s, quote(ctx))
	}
	return s
}

// snippet quotes a run of words, eliding the middle of a long one.
func snippet(ws []string) string {
	if len(ws) <= snippetWords {
		return strings.Join(ws, " ")
	}
	head := snippetWords / 2
	tail := snippetWords - head - 1
	return strings.Join(ws[:head], " ") + " … " + strings.Join(ws[len(ws)-tail:], " ")
}

// english writes the English details of the JSON form.
var english = i18n.Printer(i18n.English)
