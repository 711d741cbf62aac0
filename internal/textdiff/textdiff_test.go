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
