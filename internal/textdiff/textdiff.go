// Package textdiff finds where two sequences differ (Myers' O(ND)
// algorithm) and tells how two texts differ word by word: the one word
// diff of the audit, the diff and their reports.
package textdiff

import (
	"strings"
	"sync"
)

// Hunk is one run of differences between two sequences: a[A0:A1] was
// replaced by b[B0:B1] (either may be empty).
type Hunk struct{ A0, A1, B0, B1 int }

// Edits returns the hunks that turn a into b, shortest first found, (Myers' O(ND) algorithm),
// or ok false when more than maxD elements differ.
//
// The search keeps, for each number of edits d, the furthest point reached
// on each of the d+1 diagonals it can reach, in one buffer of about D²/2
// points reused from call to call; time is O((N+M)·D) and nothing is
// allocated per step. The lengths of a and b must fit in an int32.
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
	sc := scratchPool.Get().(*scratch)
	defer func() {
		if cap(sc.trace) > maxKept {
			sc.trace = nil
		}
		scratchPool.Put(sc)
	}()
	off := n + m + 1
	v := sc.v[:0]
	v = append(v, make([]int32, 2*off+1)...)
	sc.v = v
	// The furthest x on diagonal k after d edits is trace[d(d+1)/2+(k+d)/2]:
	// the row of d holds the d+1 diagonals -d, -d+2, …, d.
	trace := sc.trace[:0]
	end := -1
	for d := 0; d <= n+m && end < 0; d++ {
		if d > maxD {
			sc.trace = trace
			return nil, false
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = int(v[off+k+1])
			} else {
				x = int(v[off+k-1]) + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = int32(x)
			trace = append(trace, int32(x))
			if x >= n && y >= m {
				end = d
				break
			}
		}
	}
	sc.trace = trace
	// Walk back from (n, m), one edit per step, merging adjacent edits into
	// hunks; the hunks come out last first.
	x, y := n, m
	for d := end; d > 0; d-- {
		prev := trace[(d-1)*d/2:]
		at := func(k int) int { return int(prev[(k+d-1)/2]) }
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
		var h Hunk
		if pk == k-1 {
			h = Hunk{px, px + 1, py, py}
		} else {
			h = Hunk{px, px, py, py + 1}
		}
		if l := len(hs) - 1; l >= 0 && hs[l].A0 == h.A1 && hs[l].B0 == h.B1 {
			hs[l].A0, hs[l].B0 = h.A0, h.B0
		} else {
			hs = append(hs, h)
		}
		x, y = px, py
	}
	for i, j := 0, len(hs)-1; i < j; i, j = i+1, j-1 {
		hs[i], hs[j] = hs[j], hs[i]
	}
	for i := range hs {
		hs[i].A0 += pre
		hs[i].A1 += pre
		hs[i].B0 += pre
		hs[i].B1 += pre
	}
	return hs, true
}

// WordEdits is Edits of two texts split into words: the same hunks, found
// comparing each word's number (the order it was first seen in) instead of
// its characters.
func WordEdits(a, b []string, maxD int) ([]Hunk, bool) {
	ids := make(map[string]int32, len(a))
	number := func(ws []string) []int32 {
		out := make([]int32, len(ws))
		for i, w := range ws {
			id, ok := ids[w]
			if !ok {
				id = int32(len(ids))
				ids[w] = id
			}
			out[i] = id
		}
		return out
	}
	na := number(a)
	return Edits(na, number(b), maxD)
}

// scratch is the memory of one search, kept for the next.
type scratch struct{ v, trace []int32 }

// maxKept is the most furthest points a search keeps for the next one
// (the trace of 1,400 edits).
const maxKept = 1 << 20

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

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
	hs, ok := WordEdits(wa, wb, maxD)
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
