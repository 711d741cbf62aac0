package normalize

import (
	"math"

	"github.com/obiettivi/obiettivi/extract"
)

// gridColumns places the columns of the month grid: the months between
// the midpoints of their heads, the planned/actual label column from where
// those labels start, the phase title column left of it.
func gridColumns(h *tableHeader, body []extract.TextLine) *textBlock {
	n := len(h.starts) - 1 // month heads
	blk := &textBlock{kind: tGrid}
	centre := func(k int) float64 { return (h.starts[k+1] + h.ends[k+1]) / 2 }
	step := func(k int) float64 {
		if n < 2 {
			return h.ends[k+1] - h.starts[k+1] + 2
		}
		if k+1 < n {
			return centre(k+1) - centre(k)
		}
		return centre(k) - centre(k-1)
	}
	monthsX0 := centre(0) - step(0)/2
	lo := h.starts[0]
	label := monthsX0
	for _, l := range body {
		lo = math.Min(lo, l.X0)
		for _, w := range l.Words {
			if f, _ := labelOf(w.Text); (f == fPlanned || f == fActual) && w.X1 <= monthsX0+1 {
				label = math.Min(label, w.X0-1)
			}
		}
	}
	blk.cols = []span{{lo - 1, label}, {label, monthsX0}}
	for k := 0; k < n; k++ {
		c := centre(k)
		x0, x1 := c-step(k)/2, c+step(k)/2
		if k > 0 {
			x0 = (centre(k-1) + c) / 2
		}
		if k+1 < n {
			x1 = (c + centre(k+1)) / 2
		}
		blk.cols = append(blk.cols, span{x0, x1})
	}
	return blk
}

// gridRows reads lines i to end as rows of the month grid. A phase starts
// at a line with a planned label (or, in a grid printed without them, an
// actual label); the title lines and the actual label below it, up to the
// next phase, are its own.
func (t *textPage) gridRows(i, end int) {
	b := t.blk
	kinds := make([]field, end-i) // label of each line
	anchor := fPlanned
	seen := false
	for j := i; j < end; j++ {
		cols := b.split(t.lines[j].Words)
		if f, _ := labelOf(wordsText(cols[1])); f == fPlanned || f == fActual {
			kinds[j-i] = f
			seen = seen || f == fPlanned
		}
	}
	if !seen {
		anchor = fActual
	}
	type phase struct {
		title             []extract.TextLine
		planned, actual   int // line index, -1 if none
		top               float64
		plannedW, actualW []extract.Word
	}
	var phases []*phase
	var lead []extract.TextLine // title lines above the first anchor
	for j := i; j < end; j++ {
		l := t.lines[j]
		cols := b.split(l.Words)
		k := kinds[j-i]
		if k == anchor {
			phases = append(phases, &phase{planned: -1, actual: -1, top: l.Top, title: lead})
			lead = nil
		}
		var p *phase
		if n := len(phases); n > 0 {
			p = phases[n-1]
		}
		if len(cols[0]) > 0 {
			if p == nil {
				lead = append(lead, subLine(l, cols[0]))
			} else {
				p.title = append(p.title, subLine(l, cols[0]))
			}
		}
		if p == nil {
			continue
		}
		switch {
		case k == anchor && p.planned < 0:
			p.planned, p.plannedW = j, cols[1]
		case k == fActual && p.actual < 0:
			p.actual, p.actualW = j, cols[1]
		}
	}
	for _, p := range phases {
		first := true
		for _, lab := range []struct {
			line int
			ws   []extract.Word
		}{{p.planned, p.plannedW}, {p.actual, p.actualW}} {
			if lab.line < 0 {
				continue
			}
			l := t.lines[lab.line]
			var cells []extract.Cell
			if first {
				bottom := l.Bottom
				for _, tl := range p.title {
					bottom = math.Max(bottom, tl.Bottom)
				}
				cells = append(cells, extract.Cell{Rect: extract.Rect{X0: b.cols[0].x0, Y0: p.top, X1: b.cols[0].x1, Y1: bottom}, Lines: p.title})
			}
			first = false
			cells = append(cells, extract.Cell{Rect: extract.Rect{X0: b.cols[1].x0, Y0: l.Top, X1: b.cols[1].x1, Y1: l.Bottom}, Lines: []extract.TextLine{subLine(l, lab.ws)}})
			for c := 2; c < len(b.cols); c++ {
				cell := extract.Cell{Rect: extract.Rect{X0: b.cols[c].x0, Y0: l.Top, X1: b.cols[c].x1, Y1: l.Bottom}}
				cell.Fill = t.monthFill(b, c, l)
				cells = append(cells, cell)
			}
			t.out = append(t.out, row{page: t.p.Number, cells: cells})
		}
	}
}

// monthFill is the colour of the month cell of grid column c in the row
// of label line l: the last coloured rectangle painted across the
// column's middle at the height of the label, that stays within the month
// columns (a band across the whole row is no month's colour).
func (t *textPage) monthFill(b *textBlock, c int, l extract.TextLine) *extract.Color {
	col := b.cols[c]
	mid := (col.x0 + col.x1) / 2
	first := b.cols[2].x0 - fillLead*(col.x1-col.x0)
	h := l.Bottom - l.Top
	var fill *extract.Color
	for k := range t.p.Fills {
		f := &t.p.Fills[k]
		if f.Color.IsWhite() || f.X0 > mid || f.X1 < mid || f.X0 < first {
			continue
		}
		if math.Min(f.Y1, l.Bottom)-math.Max(f.Y0, l.Top) < fillHeight*h {
			continue
		}
		c := f.Color
		fill = &c
	}
	return fill
}
