// Package textdiff finds where two sequences differ (Myers' O(ND)
// algorithm) and tells how two texts differ word by word: the one word
// diff of the audit, the diff and their reports.
package textdiff

import "strings"

// Hunk is one run of differences between two sequences: a[A0:A1] was
// replaced by b[B0:B1] (either may be empty).
type Hunk struct{ A0, A1, B0, B1 int }

// Edits returns the hunks that turn a into b, shortest first found, (Myers' O(ND) algorithm),
// or ok false when more than maxD elements differ.
func Edits[T comparable](a, b []T, maxD int) (hs []Hunk, ok bool) {
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
		return []Hunk{{pre, pre + n, pre, pre + m}}, true
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
		var h Hunk
		if s.del {
			h = Hunk{s.x, s.x + 1, s.y, s.y}
		} else {
			h = Hunk{s.x, s.x, s.y, s.y + 1}
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

// Op is one run of a word diff: words kept, removed (only in a) or added
// (only in b).
type Op struct {
	Kind  OpKind
	Words []string
}

// OpKind tells what became of the words of an Op.
type OpKind int

// Kinds of Op.
const (
	Same OpKind = iota
	Removed
	Added
)

// Words splits a and b into words and returns the runs that turn a into b:
// kept runs between removed and added ones, a replacement as a removal
// followed by an addition. When more than maxD words differ it gives up:
// the whole of a removed, the whole of b added.
func Words(a, b string, maxD int) []Op {
	wa, wb := strings.Fields(a), strings.Fields(b)
	hs, ok := Edits(wa, wb, maxD)
	if !ok {
		hs = []Hunk{{0, len(wa), 0, len(wb)}}
	}
	var ops []Op
	add := func(k OpKind, ws []string) {
		if len(ws) > 0 {
			ops = append(ops, Op{k, ws})
		}
	}
	at := 0
	for _, h := range hs {
		add(Same, wa[at:h.A0])
		add(Removed, wa[h.A0:h.A1])
		add(Added, wb[h.B0:h.B1])
		at = h.A1
	}
	add(Same, wa[at:])
	return ops
}
