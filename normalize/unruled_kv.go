package normalize

import (
	"math"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

// heading returns the number of lines of the unit heading "CODE - NAME"
// starting at line i (wrapped lines of the same type included), if the
// unit's heads row follows it; 0 otherwise.
func (t *textPage) heading(i int) int {
	if t.known[i]&1 == 0 {
		t.known[i] |= 1
		t.headings[i] = t.findHeading(i)
	}
	return t.headings[i]
}

func (t *textPage) findHeading(i int) int {
	l := t.lines[i]
	if !unitHeading.MatchString(plan.Collapse(l.Text)) {
		return 0
	}
	j := i + 1
	for j < len(t.lines) && t.lines[j].Size == l.Size && t.lines[j].Bold == l.Bold &&
		t.lines[j].Baseline-t.lines[j-1].Baseline < wrapEm*l.Size {
		j++
	}
	if j == len(t.lines) {
		// a heading that ends the page, its heads row on the next: set
		// bold at the left column, larger than the body text
		if l.Bold && l.X0 <= t.left+alignEm*l.Size && l.Size > (1+sameSize)*t.size {
			return j - i
		}
		return 0
	}
	if k, ok := t.keyLabel(j); !ok || (k.f != fSectorHead && k.f != fOfficeHead) {
		return 0
	}
	return j - i
}

// keyLabel is a key label found at the start of a line.
type keyLabel struct {
	f     field
	words int // words of the label on its first line
}

// keyLabel recognises the label of a key/value row at the start of line
// i: words in the left column that end at a column gap (or the line's end)
// and read as a label, or the first part of a label that the next line of
// the same row completes.
func (t *textPage) keyLabel(i int) (keyLabel, bool) {
	l := t.lines[i]
	if l.X0 > t.left+alignEm*l.Size || t.wrapped(i) {
		return keyLabel{}, false
	}
	ws := l.Words
	// a label ends at a column gap, or at the end of the line
	seg, f := t.leads[i].words, t.leads[i].f
	if keyField(f) {
		// Inside a data table a line starting with a label's words is
		// taken for an objective's key/value row only if its value sits in
		// the value column.
		heads := f == fSectorHead || f == fOfficeHead
		inTable := !heads && t.blk != nil && t.blk.kind != tKV && t.blk.kind != tUnit
		if inTable && t.valX > 0 && seg < len(ws) && math.Abs(ws[seg].X0-t.valX) > valueEm*l.Size {
			return keyLabel{}, false
		}
		// nor is a label's word alone, other than the title's that opens
		// the next objective: an objective's other rows come before its
		// tables (a cell's wrapped "valutazione")
		if inTable && seg == len(ws) && f != fObjective {
			return keyLabel{}, false
		}
		return keyLabel{f: f, words: seg}, true
	}
	// a label wrapped over two lines
	if i+1 < len(t.lines) && t.sameRow(i, i+1) {
		m := t.lines[i+1]
		if math.Abs(m.X0-l.X0) <= alignEm*l.Size {
			joined := wordsText(ws[:seg]) + " " + wordsText(m.Words[:t.leads[i+1].words])
			if f, _ := labelOf(joined); keyField(f) {
				return keyLabel{f: f, words: seg}, true
			}
		}
	}
	// the first part of a label that a page break cuts, on the page's
	// last line
	if i+1 == len(t.lines) {
		if f := keyPrefix(wordsText(ws[:seg])); f != fNone {
			return keyLabel{f: f, words: seg}, true
		}
	}
	return keyLabel{}, false
}

// keyRow reads the key/value row starting at line i and returns the number
// of lines it takes; 0 if line i starts none.
func (t *textPage) keyRow(i int) int {
	k, ok := t.keyLabel(i)
	if !ok {
		return 0
	}
	if k.f == fSectorHead || k.f == fOfficeHead {
		return t.headsRow(i)
	}
	l := t.lines[i]
	keyX := l.X0
	key := []extract.TextLine{subLine(l, l.Words[:k.words])}
	var val []extract.TextLine
	if k.words < len(l.Words) {
		val = append(val, subLine(l, l.Words[k.words:]))
	}
	keyText := wordsText(l.Words[:k.words])
	j := i + 1
	for ; j < len(t.lines); j++ {
		m := t.lines[j]
		// The labels are set at the key column's left edge; the value's
		// lines, indented or not, start right of it.
		if m.X0 > keyX+alignEm*m.Size {
			if t.heading(j) > 0 {
				break
			}
			val = append(val, m)
			continue
		}
		// A line in the key column goes on with the label only where
		// the label wraps onto it.
		seg := m.Words[:t.leads[j].words]
		joined := keyText + " " + wordsText(seg)
		if f, _ := labelOf(joined); !keyField(f) || !t.sameRow(j-1, j) {
			break
		}
		keyText = joined
		key = append(key, subLine(m, seg))
		if len(seg) < len(m.Words) {
			val = append(val, subLine(m, m.Words[len(seg):]))
		}
	}
	if f, _ := labelOf(keyText); !keyField(f) {
		return 0
	}
	for n := i; n < j; n++ {
		t.used[n] = true
	}
	// The value column starts where its least indented line does, here
	// or in the rows before.
	valX := t.valX
	for _, v := range val {
		if valX == 0 || v.X0 < valX {
			valX = v.X0
		}
	}
	if valX == 0 {
		valX = keyX + 1
	} else {
		t.valX = valX
	}
	t.blk = &textBlock{kind: tKV, keyX: keyX, valX: valX}
	top, bottom := t.lines[i].Top, t.lines[j-1].Bottom
	right := keyX
	for _, v := range val {
		right = math.Max(right, v.X1)
	}
	t.out = append(t.out, row{page: t.p.Number, cells: []extract.Cell{
		{Rect: extract.Rect{X0: keyX - 1, Y0: top, X1: valX - 1, Y1: bottom}, Lines: key},
		{Rect: extract.Rect{X0: valX - 1, Y0: top, X1: math.Max(right, valX) + 1, Y1: bottom}, Lines: val},
	}})
	return j - i
}

// headsRow reads the row of a unit's heads ("Responsabile ..." labels and
// names): its cells are the runs of words of its first line, and the
// words of its wrapped lines go to the cell they start under.
func (t *textPage) headsRow(i int) int {
	l := t.lines[i]
	var starts []float64
	cells := make([][]extract.TextLine, 0, 4)
	for _, s := range segments(l) {
		starts = append(starts, s[0].X0)
		cells = append(cells, []extract.TextLine{subLine(l, s)})
	}
	j := i + 1
	for ; j < len(t.lines) && t.sameRow(j-1, j) && !t.anchor(j); j++ {
		m := t.lines[j]
		for c, ws := range splitAt(m.Words, starts, alignEm*m.Size) {
			if len(ws) > 0 {
				cells[c] = append(cells[c], subLine(m, ws))
			}
		}
	}
	top, bottom := l.Top, t.lines[j-1].Bottom
	r := row{page: t.p.Number}
	for c, ls := range cells {
		x1 := ls[0].X1
		if c+1 < len(starts) {
			x1 = starts[c+1] - 1
		}
		r.cells = append(r.cells, extract.Cell{Rect: extract.Rect{X0: starts[c] - 1, Y0: top, X1: x1, Y1: bottom}, Lines: ls})
	}
	for n := i; n < j; n++ {
		t.used[n] = true
	}
	// the row may go on at the top of the next page, its labels cut
	t.blk = &textBlock{kind: tUnit}
	for _, c := range r.cells {
		t.blk.cols = append(t.blk.cols, span{c.X0, c.X1})
	}
	t.out = append(t.out, r)
	return j - i
}

// kvContinued is a value that goes on from the last page without its
// label: one row with an empty key cell.
func (t *textPage) kvContinued(i, end int) {
	b := t.blk
	top, bottom := t.lines[i].Top, t.lines[end-1].Bottom
	right := b.valX
	for _, l := range t.lines[i:end] {
		right = math.Max(right, l.X1)
	}
	t.out = append(t.out, row{page: t.p.Number, cells: []extract.Cell{
		{Rect: extract.Rect{X0: b.keyX - 1, Y0: top, X1: b.valX - 1, Y1: bottom}},
		{Rect: extract.Rect{X0: b.valX - 1, Y0: top, X1: right + 1, Y1: bottom}, Lines: append([]extract.TextLine(nil), t.lines[i:end]...)},
	}})
}
