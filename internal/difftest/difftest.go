// Package difftest tells tests where an output first differs from the one
// they expect, for golden files and other long values.
package difftest

import (
	"fmt"
	"strings"
)

// Lines returns where got first differs from want, line by line:
// "line N:\nwant …\ngot  …"; "" when they are equal.
func Lines(want, got string) string {
	i, w, g, ok := first(strings.Split(want, "\n"), strings.Split(got, "\n"))
	if !ok {
		return ""
	}
	return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, w, g)
}

// Items returns where the sequence got first differs from want:
// `item N: got "…", want "…"` with long items cut; "" when they are equal.
func Items(want, got []string) string {
	i, w, g, ok := first(want, got)
	if !ok {
		return ""
	}
	return fmt.Sprintf("item %d: got %q, want %q", i, cut(g), cut(w))
}

// first finds the first index where a and b differ, "(end)" standing for
// the item of the shorter one.
func first(a, b []string) (int, string, string, bool) {
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := "(end)", "(end)"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if i >= len(a) || i >= len(b) || x != y {
			return i, x, y, true
		}
	}
	return 0, "", "", false
}

func cut(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
