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

// joinCuts joins the first row of each page to the last row of the page
// before where a page break cut a label cell or a unit heading.
func joinCuts(pages [][]row) {
	prev := -1 // the last page with rows
	for i := range pages {
		if len(pages[i]) == 0 {
			continue
		}
		if prev >= 0 {
			p := pages[prev]
			last, first := &p[len(p)-1], pages[i][0]
			if cutLabel(*last, first) || cutHeading(*last, first) || cutHeader(*last, first) {
				*last = joinRows(*last, first)
				pages[i] = pages[i][1:]
			}
		}
		if len(pages[i]) > 0 && pages[i][0].tail {
			pages[i] = pages[i][1:] // the rest of no heading
		}
		if len(pages[i]) > 0 {
			prev = i
		}
	}
}

// repairTitles gives back its label to an objective's title row whose
// label cell the print garbled (text of another cell drawn over it at a
// page break): the row above a "Valutazione obiettivo" row, in the same
// two columns, with no label of its own, is the title row that the
// report's key/value table starts with.
func repairTitles(pages [][]row) {
	var prev *row
	for i := range pages {
		for k := range pages[i] {
			r := &pages[i][k]
			// (an empty label cell is a value going on, not a garbled label)
			if prev != nil && len(r.cells) == 2 && len(prev.cells) == 2 && len(prev.cells[0].Lines) > 0 && len(prev.cells[1].Lines) > 0 &&
				weightLabel(r.cells[0]) {
				g, _ := labelOf(cellText(prev.cells[0]))
				tol := alignEm * textSize(*r)
				if g == fNone && math.Abs(prev.cells[0].X1-r.cells[0].X1) <= tol && math.Abs(prev.cells[0].X0-r.cells[0].X0) <= tol {
					c := prev.cells[0]
					l := extract.TextLine{Text: objectiveLabel, X0: c.X0, X1: c.X1, Top: c.Y0, Bottom: c.Y1, Baseline: c.Y1, Size: textSize(*r)}
					c.Lines = []extract.TextLine{l}
					prev.cells = []extract.Cell{c, prev.cells[1]}
				}
			}
			prev = r
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

// bodyBottoms finds, for each page height, how low the body of a page
// goes: the lowest bottom of any row on a page of that height. A row cut
// by a page break ends there, with no room below for another.
func bodyBottoms(pages []extract.Page, rows [][]row) map[float64]float64 {
	out := map[float64]float64{}
	for i := range pages {
		h := pages[i].Height
		for _, r := range rows[i] {
			if y, ok := out[h]; !ok || rowBottom(r) > y {
				out[h] = rowBottom(r)
			}
		}
	}
	return out
}

// atBottom reports whether row r ends so near the bottom of its page's
// body that no row of the current table fits below it.
func (b *builder) atBottom(r row) bool {
	bottom, ok := b.bottoms[b.pageH]
	return ok && bottom-rowBottom(r) < b.rowMin
}
