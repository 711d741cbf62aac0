package normalize

import (
	"math"

	"github.com/obiettivi/obiettivi/extract"
)

// tableHeader is a data table's header row read from text.
type tableHeader struct {
	kind  tableKind
	lines int // lines it takes
	// the header's columns: where their text starts and ends, and the
	// text itself
	starts, ends []float64
	text         [][]extract.TextLine
}

// parseHeader recognises the header row of a data table at line i: its
// first column is the label a table starts with, and most of its columns
// are labels. A header label may wrap onto the lines just below.
func (t *textPage) parseHeader(i int) (*tableHeader, bool) {
	if t.known[i]&2 == 0 {
		t.known[i] |= 2
		t.headers[i] = t.findHeader(i)
	}
	return t.headers[i], t.headers[i] != nil
}

func (t *textPage) findHeader(i int) *tableHeader {
	l := t.lines[i]
	if l.X0 > t.left+alignEm*l.Size || t.wrapped(i) {
		return nil
	}
	f := t.leads[i].f
	kind, ok := tableOf(f)
	if !ok {
		return nil
	}
	segs := segments(l)
	var cols [][]extract.Word
	if kind == tGrid {
		// the month heads may stand closer than a column gap
		cols = append(cols, segs[0])
		for _, w := range l.Words[len(segs[0]):] {
			cols = append(cols, []extract.Word{w})
		}
	} else {
		for _, s := range segs {
			cols = append(cols, splitLabels(s)...)
		}
	}
	h := &tableHeader{kind: kind}
	for _, ws := range cols {
		h.starts = append(h.starts, ws[0].X0)
		h.ends = append(h.ends, ws[len(ws)-1].X1)
		h.text = append(h.text, []extract.TextLine{subLine(l, ws)})
	}
	j := i + 1
	for ; j < len(t.lines) && t.sameRow(j-1, j) && t.lines[j].X0 >= h.starts[0]-alignEm*l.Size; j++ {
		m := t.lines[j]
		for c, ws := range splitAt(m.Words, h.starts, alignEm*m.Size) {
			if len(ws) > 0 {
				h.text[c] = append(h.text[c], subLine(m, ws))
				h.ends[c] = math.Max(h.ends[c], ws[len(ws)-1].X1)
			}
		}
	}
	h.lines = j - i
	// the columns as headerOf reads them
	r := row{page: t.p.Number}
	for c := range h.starts {
		x1 := h.ends[c]
		if c+1 < len(h.starts) {
			x1 = h.starts[c+1] - 1
		}
		r.cells = append(r.cells, extract.Cell{Rect: extract.Rect{X0: h.starts[c], X1: x1}, Lines: h.text[c]})
	}
	if kind == tGrid {
		// the planned/actual label column has no head
		r.cells = append(r.cells[:1], append([]extract.Cell{{}}, r.cells[1:]...)...)
	}
	if _, _, ok := headerOf(f, r); !ok {
		return nil
	}
	return h
}

// header reads the header row of a data table at line i, sets the
// table's columns from it and the text below it, and returns the number of
// lines the header takes.
func (t *textPage) header(i int) int {
	h, ok := t.parseHeader(i)
	if !ok {
		return 0
	}
	end := i + h.lines
	for end < len(t.lines) && !t.anchor(end) {
		end++
	}
	body := t.lines[i+h.lines : end]
	var blk *textBlock
	if h.kind == tGrid {
		blk = gridColumns(h, body)
	} else {
		blk = tableColumns(h, body)
	}
	top, bottom := t.lines[i].Top, t.lines[i+h.lines-1].Bottom
	r := row{page: t.p.Number}
	for c, col := range blk.cols {
		cell := extract.Cell{Rect: extract.Rect{X0: col.x0, Y0: top, X1: col.x1, Y1: bottom}}
		if k := headerColumn(h, c); k >= 0 {
			cell.Lines = h.text[k]
		}
		r.cells = append(r.cells, cell)
	}
	for n := i; n < i+h.lines; n++ {
		t.used[n] = true
	}
	t.blk = blk
	t.out = append(t.out, r)
	return h.lines
}

// headerColumn is the header column printed over block column c, or -1.
func headerColumn(h *tableHeader, c int) int {
	if h.kind != tGrid {
		return c
	}
	switch {
	case c == 0:
		return 0
	case c == 1:
		return -1 // the label column
	}
	return c - 1
}

// tableColumns places the borders of a data table's columns: each column
// starts where its head starts, unless the text below shows that its
// column reaches further left (a head centred over its column); the
// border is then put in the gap, left of the head, that no word of the
// table crosses.
func tableColumns(h *tableHeader, body []extract.TextLine) *textBlock {
	var ws []extract.Word
	lo, hi := h.starts[0], h.ends[len(h.ends)-1]
	for _, l := range body {
		ws = append(ws, l.Words...)
		lo, hi = math.Min(lo, l.X0), math.Max(hi, l.X1)
	}
	blk := &textBlock{kind: h.kind}
	x0 := lo - 1
	for c := range h.starts {
		x1 := hi + 1
		if c+1 < len(h.starts) {
			x1 = border(ws, h.ends[c], h.starts[c+1])
		}
		blk.cols = append(blk.cols, span{x0, x1})
		x0 = x1
	}
	return blk
}

// border finds, going left from next (where the next column's head
// starts) but not past prev (where this column's head ends), the first x
// that no word crosses.
func border(ws []extract.Word, prev, next float64) float64 {
	x := next - borderSlack
	for x > prev {
		moved := false
		for _, w := range ws {
			if w.X0 < x-borderSlack && w.X1 > x+borderSlack {
				x = w.X0 - borderSlack
				moved = true
			}
		}
		if !moved {
			return x
		}
	}
	return next - borderSlack
}

// dataRows reads lines i to end as rows of the open data table: a new row
// starts where a line is further below the one before than the pitch.
func (t *textPage) dataRows(i, end int) {
	start := i
	for j := i + 1; j <= end; j++ {
		if j < end && t.sameRow(j-1, j) {
			continue
		}
		t.out = append(t.out, t.tableRow(start, j))
		start = j
	}
}

// tableRow makes the row of lines i to end, their words in the columns
// they start in.
func (t *textPage) tableRow(i, end int) row {
	b := t.blk
	cells := make([]extract.Cell, len(b.cols))
	top, bottom := t.lines[i].Top, t.lines[end-1].Bottom
	for c, col := range b.cols {
		cells[c].Rect = extract.Rect{X0: col.x0, Y0: top, X1: col.x1, Y1: bottom}
	}
	for _, l := range t.lines[i:end] {
		for c, ws := range b.split(l.Words) {
			if len(ws) > 0 {
				cells[c].Lines = append(cells[c].Lines, subLine(l, ws))
			}
		}
	}
	return row{page: t.p.Number, cells: cells}
}

// split puts each word in the column it starts in.
func (b *textBlock) split(ws []extract.Word) [][]extract.Word {
	out := make([][]extract.Word, len(b.cols))
	for _, w := range ws {
		c := 0
		for c+1 < len(b.cols) && w.X0 >= b.cols[c+1].x0 {
			c++
		}
		out[c] = append(out[c], w)
	}
	return out
}
