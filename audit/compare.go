package audit

import (
	"fmt"
	"strings"

	"github.com/obiettivi/obiettivi/internal/textdiff"
	"github.com/obiettivi/obiettivi/plan"
)

// blank tells whether s has nothing but white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// same tells whether two printed values are equal after whitespace is
// collapsed (case and accents count).
func same(a, b string) bool { return a == b || plan.Canon(a) == plan.Canon(b) }

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

// quote formats a value for a message: quoted, and shortened in the middle
// when longer than max runes.
func quote(s string, max int) string {
	s = plan.Canon(s)
	r := []rune(s)
	if len(r) > max {
		h := max / 2
		s = string(r[:h]) + "…" + string(r[len(r)-(max-h-1):])
	}
	return fmt.Sprintf("%q", s)
}

// span is one place where two texts differ: the words of each side.
type span struct{ a, b string }

// wordDiff returns the places where a and b differ, word by word, each
// side with one word of context when it would otherwise be empty.
func wordDiff(a, b string) []span {
	wa, wb := strings.Fields(a), strings.Fields(b)
	hs, ok := textdiff.Edits(wa, wb, maxWordEdits)
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
func describeDiff(a, b string, max int) string {
	a, b = plan.Canon(a), plan.Canon(b)
	switch {
	case a == b:
		return ""
	case a == "":
		return fmt.Sprintf("empty here, %d characters there", len([]rune(b)))
	case b == "":
		return fmt.Sprintf("%d characters here, empty there", len([]rune(a)))
	}
	if len([]rune(a)) <= 60 && len([]rune(b)) <= 60 {
		return fmt.Sprintf("%s here vs %s", quote(a, 60), quote(b, 60))
	}
	spans := wordDiff(a, b)
	if len(spans) == 0 {
		return fmt.Sprintf("%s here vs %s", quote(a, 60), quote(b, 60))
	}
	var parts []string
	for i, s := range spans {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(spans)-max))
			break
		}
		parts = append(parts, fmt.Sprintf("%s here vs %s", quote(s.a, 50), quote(s.b, 50)))
	}
	return strings.Join(parts, ", ")
}
