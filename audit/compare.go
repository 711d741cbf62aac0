package audit

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/internal/textdiff"
	"github.com/obiettivi/obiettivi/plan"
)

// blank tells whether s has nothing but white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// titleOf formats an objective title for a message, when it is printed.
type titleOf string

func (t titleOf) String() string { return quote(string(t), 70) }

// lev is the edit distance between a and b, counted in runes.
func lev(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// quote formats a value for a message: quoted, and shortened when
// longer than max runes (see shorten).
func quote(s string, max int) string {
	return strconv.Quote(shorten(plan.Canon(s), max))
}

// shorten cuts s to at most max runes on a word boundary, marking the cut
// with "…"; a first word longer than max is kept whole. A value is never
// cut inside a word.
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n, end := 0, 0
	for i, r := range s {
		if n >= max {
			break
		}
		if unicode.IsSpace(r) && i > 0 {
			end = i
		}
		n++
	}
	if end == 0 {
		if sp := strings.IndexFunc(s, unicode.IsSpace); sp > 0 {
			end = sp
		} else {
			return s
		}
	}
	return strings.TrimRightFunc(s[:end], func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:", r) }) + "…"
}

// span is one place where two texts differ: the words of each side.
type span struct{ a, b string }

// wordDiff returns the places where a and b differ, word by word, each
// side with one word of context when it would otherwise be empty.
func wordDiff(a, b string) []span {
	wa, wb := strings.Fields(a), strings.Fields(b)
	hs, ok := textdiff.WordEdits(wa, wb, maxWordEdits)
	if !ok {
		hs = []textdiff.Hunk{{A0: 0, A1: len(wa), B0: 0, B1: len(wb)}}
	}
	out := make([]span, 0, len(hs))
	for _, h := range hs {
		a0, a1, b0, b1 := h.A0, h.A1, h.B0, h.B1
		// One word of context before, or after when there is none before
		// and one side would be empty.
		switch {
		case a0 > 0 && b0 > 0:
			a0, b0 = a0-1, b0-1
		case (a0 == a1 || b0 == b1) && a1 < len(wa) && b1 < len(wb):
			a1, b1 = a1+1, b1+1
		}
		out = append(out, span{strings.Join(wa[a0:a1], " "), strings.Join(wb[b0:b1], " ")})
	}
	return out
}

// maxWordEdits is the number of differing words beyond which two texts
// are told apart as a whole.
const maxWordEdits = 1000

// describeDiff names how text a (here) differs from b (at the reference
// copy) in a few words: at most max differing places.
func describeDiff(a, b string, max int) i18n.Text {
	a, b = plan.Canon(a), plan.Canon(b)
	switch {
	case a == b:
		return i18n.Text{}
	case a == "":
		return i18n.T("empty here, %d characters there", utf8.RuneCountInString(b))
	case b == "":
		return i18n.T("%d characters here, empty there", utf8.RuneCountInString(a))
	}
	vs := func(x, y string, n int) i18n.Text { return i18n.T("%s here vs %s", quote(x, n), quote(y, n)) }
	if utf8.RuneCountInString(a) <= 60 && utf8.RuneCountInString(b) <= 60 {
		return vs(a, b, 60)
	}
	spans := wordDiff(a, b)
	if len(spans) == 0 {
		return vs(a, b, 60)
	}
	var parts []any
	for i, s := range spans {
		if i == max {
			parts = append(parts, i18n.T("and %d more", len(spans)-max))
			break
		}
		parts = append(parts, vs(s.a, s.b, 50))
	}
	return i18n.T("%s", i18n.List{Sep: ", ", Items: parts})
}
