package normalize

import (
	"math"

	"github.com/obiettivi/obiettivi/extract"
)

// What page breaks cut. A producer that lets a row break where the page
// ends may part a cell's lines: a two-word label ("Valutazione" |
// "obiettivo"), a unit heading's name, a data row's title and description.
// The tail on the next page is no row of its own; it is joined, cell by
// cell, to the row it was cut from. Data rows are joined where the
// builder reads them (dataRow), under their table's columns; label cells
// and headings, which open objectives and units, are joined here, before
// any row is read, since the head of a cut label may itself read as
// another label ("Obiettivo" | "strategico").

// joinCut joins the first of rows, the rows of a page, to last, the last
// row of the page with rows before it, where a page break cut a label
// cell, a unit heading or a table header; it returns the rows left, the
// rest of a heading that no page break cut dropped too.
func joinCut(last *row, rows []row) []row {
	if last != nil {
		if first := rows[0]; cutLabel(*last, first) || cutHeading(*last, first) || cutHeader(*last, first) {
			*last = joinRows(*last, first)
			rows = rows[1:]
		}
	}
	if len(rows) > 0 && rows[0].tail {
		rows = rows[1:] // the rest of no heading
	}
	return rows
}

// repairTitle gives back its label to an objective's title row whose
// label cell the print garbled (text of another cell drawn over it at a
// page break): prev, the row above a "Valutazione obiettivo" row r, in the
// same two columns, with no label of its own, is the title row that the
// report's key/value table starts with.
func repairTitle(prev *row, r row) {
	// (an empty label cell is a value going on, not a garbled label)
	if len(r.cells) == 2 && len(prev.cells) == 2 && len(prev.cells[0].Lines) > 0 && len(prev.cells[1].Lines) > 0 &&
		weightLabel(r.cells[0]) {
		g, _ := labelOf(cellText(prev.cells[0]))
		tol := alignEm * textSize(r)
		if g == fNone && math.Abs(prev.cells[0].X1-r.cells[0].X1) <= tol && math.Abs(prev.cells[0].X0-r.cells[0].X0) <= tol {
			c := prev.cells[0]
			l := extract.TextLine{Text: objectiveLabel, X0: c.X0, X1: c.X1, Top: c.Y0, Bottom: c.Y1, Baseline: c.Y1, Size: textSize(r)}
			c.Lines = []extract.TextLine{l}
			prev.cells = []extract.Cell{c, prev.cells[1]}
		}
	}
}

// weightLabel reports whether cell c is the label of an objective's
// weight row.
func weightLabel(c extract.Cell) bool {
	if len(c.Lines) == 0 || len(c.Lines) > 3 {
		return false
	}
	f, _ := labelOf(cellText(c))
	return f == fWeight
}

// cutLabel reports whether the label cell of row a, at the bottom of a
// page, goes on in the label cell of row b, at the top of the next: the
// two read as one key label (whatever the head reads as alone:
// "Valutazione" is a label too).
func cutLabel(a, b row) bool {
	if len(a.cells) < 2 || len(b.cells) == 0 {
		return false
	}
	head, tail := cellText(a.cells[0]), cellText(b.cells[0])
	if head == "" || tail == "" {
		return false
	}
	whole, _ := labelOf(head + " " + tail)
	return keyField(whole)
}

// cutHeading reports whether row b, at the top of a page, goes on with
// the unit heading a ends the page before with: text in one cell that
// spans its row under the heading, as the heading's does, that reads as
// neither a label nor a heading of its own.
func cutHeading(a, b row) bool {
	if len(b.cells) == 0 {
		return false
	}
	if _, _, ok := unitHeadingOf(a); !ok {
		return false
	}
	// the heading's own shape: the text in the first cell, the widest
	c0 := b.cells[0]
	t := cellText(c0)
	if t == "" {
		return false
	}
	for _, c := range b.cells[1:] {
		if cellText(c) != "" || c.W() > c0.W() {
			return false
		}
	}
	if f, _ := labelOf(t); f != fNone || unitHeading.MatchString(t) {
		return false
	}
	return overlap(a.cells[0].Rect, c0.Rect) > 0
}

// cutHeader reports whether row b, at the top of a page, holds the rest
// of the heads of the table header a ends the page before with (month
// heads wrapped in narrow columns, "Ma" over "r"): joined, the header
// names more of its columns, and b has nothing under the header's first
// head, the label the table starts with.
func cutHeader(a, b row) bool {
	if len(a.cells) == 0 || len(b.cells) == 0 {
		return false
	}
	f, _ := labelOf(cellText(a.cells[0]))
	if _, ok := tableOf(f); !ok {
		return false
	}
	for _, c := range b.cells {
		if cellText(c) != "" && overlap(c.Rect, a.cells[0].Rect) > 0 {
			return false
		}
	}
	return headerKnown(f, joinRows(a, b)) > headerKnown(f, a)
}

// joinRows is row a with the lines of row b's cells added to the cells of
// a they stand under.
func joinRows(a, b row) row {
	out := row{page: a.page, cells: append([]extract.Cell(nil), a.cells...)}
	for i := range out.cells {
		out.cells[i].Lines = append([]extract.TextLine(nil), out.cells[i].Lines...)
	}
	for _, c := range b.cells {
		best, bestOv := -1, 0.0
		for i, o := range out.cells {
			if ov := overlap(o.Rect, c.Rect); ov > bestOv {
				best, bestOv = i, ov
			}
		}
		if best < 0 {
			continue
		}
		o := &out.cells[best]
		o.Lines = append(o.Lines, c.Lines...)
		o.OpenBottom = c.OpenBottom
	}
	return out
}

// overlap is how far two rectangles overlap horizontally.
func overlap(a, b extract.Rect) float64 {
	return math.Min(a.X1, b.X1) - math.Max(a.X0, b.X0)
}

// lowestRows keeps, for each page height, how low the body of a page
// goes: the lowest bottom of any row on a page of that height. A row cut
// by a page break ends there, with no room below for another.
type lowestRows map[float64]float64

// add counts the rows of a page of height h.
func (m lowestRows) add(h float64, rows []row) {
	for _, r := range rows {
		if y, ok := m[h]; !ok || rowBottom(r) > y {
			m[h] = rowBottom(r)
		}
	}
}

// lowRow is where a row ends, on a page of height h, with the least
// height min of a row of its table: what tells whether it ends so near
// the bottom of its page's body that no row of the table fits below it.
// It is told only when asked, when a row after a page break may go on
// from it: until the last page is read, the lowest rows are guessed.
type lowRow struct {
	set       bool
	h, y, min float64
}

// lowRow is where row r of the current table and page ends.
func (b *builder) lowRow(r row) lowRow {
	return lowRow{true, b.pageH, rowBottom(r), b.rowMin}
}

// atBottom reports whether the row ends so near the bottom of its page's
// body that no row of its table fits below it; while the lowest rows are
// guessed, the answer is kept to be checked.
func (l lowRow) atBottom(b *builder) bool {
	if !l.set {
		return false
	}
	bottom, ok := b.bottoms[l.h]
	at := ok && bottom-l.y < l.min
	if b.guessing {
		b.asked = append(b.asked, bottomGuess{l, at})
	}
	return at
}

// bottomGuess is an answer of atBottom given while the lowest rows of the
// report were not all known.
type bottomGuess struct {
	row lowRow
	at  bool
}

// holds reports whether the answer is the one the lowest rows give.
func (g bottomGuess) holds(lowest lowestRows) bool {
	bottom, ok := lowest[g.row.h]
	return (ok && bottom-g.row.y < g.row.min) == g.at
}
