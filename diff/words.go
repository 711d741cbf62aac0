package diff

import (
	"fmt"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// hunk is one run of differences between two sequences: a[A0:A1] was
// replaced by b[B0:B1] (either may be empty).
type hunk struct{ A0, A1, B0, B1 int }

// editScript returns the hunks that turn a into b (Myers' O(ND) algorithm),
// or ok false when more than maxD elements differ.
func editScript[T comparable](a, b []T, maxD int) (hs []hunk, ok bool) {
	// Common prefix and suffix are not differences and make the search cheap.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	a, b = a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil, true
	}
	if n == 0 || m == 0 {
		return []hunk{{pre, pre + n, pre, pre + m}}, true
	}
	off := n + m + 1
	v := make([]int, 2*off+1)
	var trace [][]int // trace[d][k+d] = furthest x on diagonal k after d edits
	end := -1
	for d := 0; d <= n+m && end < 0; d++ {
		if d > maxD {
			return nil, false
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				end = d
				break
			}
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
	}
	// Walk back from (n, m), collecting one edit per step.
	type step struct {
		del  bool
		x, y int
	}
	var steps []step
	x, y := n, m
	for d := end; d > 0; d-- {
		prev := trace[d-1]
		at := func(k int) int { return prev[k+d-1] }
		k := x - y
		var pk int
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		// The edit leads from (px, py) to the snake that ends at (x, y).
		steps = append(steps, step{del: pk == k-1, x: px, y: py})
		x, y = px, py
	}
	// Steps are in reverse order; merge adjacent ones into hunks.
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		var h hunk
		if s.del {
			h = hunk{s.x, s.x + 1, s.y, s.y}
		} else {
			h = hunk{s.x, s.x, s.y, s.y + 1}
		}
		if l := len(hs) - 1; l >= 0 && hs[l].A1 == h.A0 && hs[l].B1 == h.B0 {
			hs[l].A1, hs[l].B1 = h.A1, h.B1
			continue
		}
		hs = append(hs, h)
	}
	for i := range hs {
		hs[i].A0 += pre
		hs[i].A1 += pre
		hs[i].B0 += pre
		hs[i].B1 += pre
	}
	return hs, true
}

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
	return !sameText(a, b)
}

// summarizeText tells in a few words how text a became text b: paragraphs
// added or removed, and within changed paragraphs the words replaced, added
// or removed, with a little context.
func summarizeText(a, b string) string {
	pa, pb := paragraphs(a), paragraphs(b)
	wa, wb := len(strings.Fields(strings.Join(pa, " "))), len(strings.Fields(strings.Join(pb, " ")))
	rewritten := fmt.Sprintf("rewritten (%d words, now %d)", wa, wb)
	if wa <= snippetWords && wb <= snippetWords {
		// Short enough to be told in full.
		rewritten = quote(strings.Join(pa, " ")) + " → " + quote(strings.Join(pb, " "))
	}
	hs, ok := editScript(pa, pb, maxEdits)
	if !ok {
		return rewritten
	}
	var parts []string
	changed := 0 // words replaced, added or removed inside kept paragraphs
	for _, h := range hs {
		switch {
		case h.A0 == h.A1:
			for _, p := range pb[h.B0:h.B1] {
				parts = append(parts, "paragraph added: "+quote(snippet(strings.Fields(p))))
			}
		case h.B0 == h.B1:
			for _, p := range pa[h.A0:h.A1] {
				parts = append(parts, "paragraph removed: "+quote(snippet(strings.Fields(p))))
			}
		default:
			oa := strings.Fields(strings.Join(pa[h.A0:h.A1], " "))
			ob := strings.Fields(strings.Join(pb[h.B0:h.B1], " "))
			ws, ok := editScript(oa, ob, maxEdits)
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
		parts = append(parts[:maxParts], fmt.Sprintf("and %d more change(s)", more))
	}
	return strings.Join(parts, "; ")
}

// wordChange tells one word hunk: `"x" → "y"`, `added "y"` or `removed "x"`,
// followed by the words before it.
func wordChange(a, b []string, w hunk) string {
	var s string
	switch {
	case w.A0 == w.A1:
		s = "added " + quote(snippet(b[w.B0:w.B1]))
	case w.B0 == w.B1:
		s = "removed " + quote(snippet(a[w.A0:w.A1]))
	default:
		s = quote(snippet(a[w.A0:w.A1])) + " → " + quote(snippet(b[w.B0:w.B1]))
	}
	if w.A0 > 0 {
		from := max(0, w.A0-contextWords)
		ctx := strings.Join(a[from:w.A0], " ")
		if from > 0 {
			ctx = "…" + ctx
		}
		s += " after " + quote(ctx)
	} else if w.A1 < len(a) {
		to := min(len(a), w.A1+contextWords)
		ctx := strings.Join(a[w.A1:to], " ")
		if to < len(a) {
			ctx += "…"
		}
		s += " before " + quote(ctx)
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
