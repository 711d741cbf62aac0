package normalize

import (
	"strings"

	"github.com/obiettivi/obiettivi/extract"
)

// segments splits a line's words where they are further apart than a
// column gap.
func segments(l extract.TextLine) [][]extract.Word {
	var out [][]extract.Word
	start := 0
	for k := 1; k <= len(l.Words); k++ {
		if k < len(l.Words) && l.Words[k].X0-l.Words[k-1].X1 <= colGap(l) {
			continue
		}
		out = append(out, l.Words[start:k])
		start = k
	}
	return out
}

// splitLabels splits a run of header words into the labels it is made of,
// where labels stand closer than a column gap; a run that is not made of
// labels is returned whole.
func splitLabels(ws []extract.Word) [][]extract.Word {
	var out [][]extract.Word
	for a := 0; a < len(ws); {
		k := len(ws) - a
		for ; k > 0; k-- {
			if wordsLabel(ws[a:a+k]) != fNone {
				break
			}
		}
		if k == 0 {
			return [][]extract.Word{ws}
		}
		out = append(out, ws[a:a+k])
		a += k
	}
	return out
}

// splitAt puts each word in the column whose start is the last at or
// before the word's start (within tol).
func splitAt(ws []extract.Word, starts []float64, tol float64) [][]extract.Word {
	out := make([][]extract.Word, len(starts))
	for _, w := range ws {
		c := 0
		for c+1 < len(starts) && w.X0 >= starts[c+1]-tol {
			c++
		}
		out[c] = append(out[c], w)
	}
	return out
}

// wordsLabel is the label that words read as, if any. No label has more
// than four words.
func wordsLabel(ws []extract.Word) field {
	if len(ws) == 0 || len(ws) > 4 {
		return fNone
	}
	f, _ := labelOf(wordsText(ws))
	return f
}

func wordsText(ws []extract.Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// subLine is the part of line l made of the words ws.
func subLine(l extract.TextLine, ws []extract.Word) extract.TextLine {
	s := l
	s.Words = ws
	s.X0, s.X1 = ws[0].X0, ws[len(ws)-1].X1
	s.Text = wordsText(ws)
	s.Bold = true
	for _, w := range ws {
		s.Bold = s.Bold && w.Bold
	}
	return s
}
