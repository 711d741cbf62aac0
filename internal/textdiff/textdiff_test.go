package textdiff

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// apply rebuilds b from a and the hunks of editScript.
func apply(a, b []byte, hs []Hunk) []byte {
	var out []byte
	at := 0
	for _, h := range hs {
		out = append(out, a[at:h.A0]...)
		out = append(out, b[h.B0:h.B1]...)
		at = h.A1
	}
	return append(out, a[at:]...)
}

// lcs is the length of the longest common subsequence, by dynamic
// programming, to check that Edits' hunks are minimal.
func lcs(a, b []byte) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestEditsRebuildsMinimally(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() []byte {
		n := rng.IntN(12)
		w := make([]byte, n)
		for i := range w {
			w[i] = "abcd"[rng.IntN(4)]
		}
		return w
	}
	for range 2000 {
		a, b := word(), word()
		hs, ok := Edits(a, b, 100)
		if !ok {
			t.Fatalf("%q → %q: gave up", a, b)
		}
		if got := apply(a, b, hs); !slices.Equal(got, b) {
			t.Fatalf("%q → %q: hunks %v rebuild %q", a, b, hs, got)
		}
		edits := 0
		for _, h := range hs {
			edits += h.A1 - h.A0 + h.B1 - h.B0
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("%q → %q: %d edits, minimum is %d", a, b, edits, want)
		}
	}
}

func TestEditsGivesUp(t *testing.T) {
	a := []byte(strings.Repeat("a", 50))
	b := []byte(strings.Repeat("b", 50))
	if _, ok := Edits(a, b, 10); ok {
		t.Error("100 differences within a limit of 10")
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		a, b string
		want []Op
	}{
		{"uno due", "uno due", []Op{{Same, []string{"uno", "due"}}}},
		{"il progetto sportivo", "il piano sportivo e culturale", []Op{
			{Same, []string{"il"}}, {Removed, []string{"progetto"}}, {Added, []string{"piano"}},
			{Same, []string{"sportivo"}}, {Added, []string{"e", "culturale"}}}},
		{"", "nuovo", []Op{{Added, []string{"nuovo"}}}},
		{"a b c d", "e f g h", []Op{{Removed, []string{"a", "b", "c", "d"}}, {Added, []string{"e", "f", "g", "h"}}}},
	}
	for _, tt := range tests {
		if got := Words(tt.a, tt.b, 100); !slices.EqualFunc(got, tt.want, func(x, y Op) bool { return x.Kind == y.Kind && slices.Equal(x.Words, y.Words) }) {
			t.Errorf("Words(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if got := Words("a b c d", "e f g h", 2); len(got) != 2 || got[0].Kind != Removed || got[1].Kind != Added {
		t.Errorf("beyond the limit: %v, want all removed then all added", got)
	}
}

// TestEditsAsPlainSearch checks Edits against the plain form of the same
// search (a new slice of furthest points for each number of edits), on
// random texts of few distinct words: the same hunks, or the same giving up.
func TestEditsAsPlainSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"il", "la", "di", "servizio", "ufficio", "entro", "il", "31/12"}
	text := func() []string {
		ws := make([]string, rng.IntN(60))
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		return ws
	}
	for range 3000 {
		a, b := text(), text()
		if rng.IntN(3) == 0 {
			b = append(append([]string(nil), a[:len(a)/2]...), b...)
		}
		maxD := 5 + rng.IntN(80)
		want, wantOK := editsReference(a, b, maxD)
		got, gotOK := Edits(a, b, maxD)
		if gotOK != wantOK || !slices.Equal(got, want) {
			t.Fatalf("%q → %q (max %d): %v %v, want %v %v", a, b, maxD, got, gotOK, want, wantOK)
		}
		got, gotOK = WordEdits(a, b, maxD)
		if gotOK != wantOK || !slices.Equal(got, want) {
			t.Fatalf("WordEdits(%q, %q, %d): %v %v, want %v %v", a, b, maxD, got, gotOK, want, wantOK)
		}
	}
}

// editsReference is Edits as first written: the furthest points of each
// number of edits in a slice of their own, the edits collected then merged.
func editsReference[T comparable](a, b []T, maxD int) (hs []Hunk, ok bool) {
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

// BenchmarkEdits diffs two texts of 300 words drawn from the same few
// hundred, as two descriptions of one report are.
func BenchmarkEdits(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	vocab := make([]string, 300)
	for i := range vocab {
		vocab[i] = strings.Repeat("ab", 1+rng.IntN(4)) + string(rune('a'+rng.IntN(26))) + string(rune('a'+rng.IntN(26)))
	}
	text := func() []string {
		ws := make([]string, 300)
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return ws
	}
	x, y := text(), text()
	b.Run("strings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Edits(x, y, 1000)
		}
	})
	b.Run("words", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			WordEdits(x, y, 1000)
		}
	})
}
