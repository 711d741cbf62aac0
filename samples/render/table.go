package render

import "fmt"

// eps absorbs rounding when comparing positions in mm.
const eps = 0.01

// block is a piece of a table that is placed as a whole on a page, unless
// it can split.
type block interface {
	height() float64
	// draw prints the block at the cursor and moves the cursor below it.
	draw(c *canvas)
	// split cuts the block so that head fits in room mm; a nil head means
	// it cannot be cut there.
	split(c *canvas, room float64) (head, tail block)
	// eager blocks split wherever the page ends; others move to the next
	// page whole unless they are taller than a page.
	eager() bool
}

// line is one printed line of a cell.
type line struct {
	s   string
	dx  float64 // indent from the cell's text start, mm
	gap float64 // extra space above the line, mm
	// marker is a list bullet or number printed at mdx before the line.
	marker string
	mdx    float64
}

// cell is one table cell: its lines and how they are set.
type cell struct {
	lines  []line
	bold   bool
	size   float64
	fill   Color
	center bool
	// repeat prints the cell again where its row continues on another page.
	repeat bool
}

func (cl *cell) textHeight() float64 {
	h := 0.0
	lh := lineH(cl.size)
	for _, l := range cl.lines {
		h += lh + l.gap
	}
	if h == 0 {
		h = lh
	}
	return h
}

// row is a row of cells across columns of the given widths.
type row struct {
	widths     []float64
	cells      []cell
	h          float64
	eagerSplit bool
	kind       rowKind
}

// rowKind tells the rows whose cuts Result counts.
type rowKind int

const (
	otherRow rowKind = iota
	labelRow         // a key/value row, its label in the first cell
	dataRow          // a row of a table under a header of labels
)

// newRow makes a row of cells and measures its height. An eager row splits
// wherever the page ends, as a long description does.
func (c *canvas) newRow(widths []float64, cells []cell, eager bool) *row {
	if len(widths) != len(cells) {
		panic(fmt.Sprintf("render: row of %d cells over %d columns", len(cells), len(widths)))
	}
	r := &row{widths: widths, cells: cells, eagerSplit: eager}
	for i := range r.cells {
		if r.cells[i].size == 0 {
			r.cells[i].size = c.s.FontSize
		}
		if h := r.cells[i].textHeight() + 2*c.vpad; h > r.h {
			r.h = h
		}
	}
	return r
}

// textCell wraps s into a cell of width w.
func (c *canvas) textCell(s string, w float64, bold bool) cell {
	return c.textCellSized(s, w, bold, c.s.FontSize)
}

// centeredCell is a cell of short text centred in narrow columns, with
// less padding than other cells.
func (c *canvas) centeredCell(s string, w float64, bold bool) cell {
	cl := c.textCellSized(s, w-0.6+2*c.pad, bold, c.s.FontSize)
	cl.center = true
	return cl
}

// textCellSized wraps s into a cell of width w set at size points.
func (c *canvas) textCellSized(s string, w float64, bold bool, size float64) cell {
	ls := c.wrap(s, w-2*c.pad, bold, size)
	cl := cell{bold: bold, size: size, lines: make([]line, len(ls))}
	for i, l := range ls {
		cl.lines[i] = line{s: l}
	}
	return cl
}

func (r *row) height() float64 { return r.h }
func (r *row) eager() bool     { return r.eagerSplit }

func (r *row) draw(c *canvas) {
	x := c.left
	for i := range r.cells {
		cl := &r.cells[i]
		w := r.widths[i]
		c.fill(x, c.y, w, r.h, cl.fill)
		c.frame(x, c.y, w, r.h)
		c.drawLines(cl, x, c.y, w)
		x += w
	}
	c.y += r.h
}

// drawLines prints the lines of cl in the cell whose top-left corner is
// (x, y) and whose width is w.
func (c *canvas) drawLines(cl *cell, x, y, w float64) {
	lh := lineH(cl.size)
	ty := y + c.vpad
	for _, l := range cl.lines {
		ty += l.gap
		tx := x + c.pad + l.dx
		if cl.center {
			tx = x + (w-c.widthAt(l.s, cl.bold, cl.size))/2
		}
		switch {
		case l.marker == "•" && c.s.Bullets != BulletGlyph:
			c.bullet(x+c.pad+l.mdx, ty+0.78*lh, cl.size)
		case l.marker != "":
			c.text(x+c.pad+l.mdx, ty+0.78*lh, l.marker, cl.bold, cl.size)
		}
		c.text(tx, ty+0.78*lh, l.s, cl.bold, cl.size)
		ty += lh
	}
}

func (r *row) split(c *canvas, room float64) (head, tail block) {
	inner := room - 2*c.vpad
	h := &row{widths: r.widths, cells: make([]cell, len(r.cells)), eagerSplit: r.eagerSplit, kind: r.kind}
	t := &row{widths: r.widths, cells: make([]cell, len(r.cells)), eagerSplit: r.eagerSplit, kind: r.kind}
	most, rest := 0, false
	for i, cl := range r.cells {
		lh := lineH(cl.size)
		n, used := 0, 0.0
		for n < len(cl.lines) && used+cl.lines[n].gap+lh <= inner+eps {
			used += cl.lines[n].gap + lh
			n++
		}
		hc, tc := cl, cl
		hc.lines = cl.lines[:n]
		tc.lines = nil
		if n < len(cl.lines) {
			rest = true
			tc.lines = append([]line{}, cl.lines[n:]...)
			tc.lines[0].gap = 0
		} else if cl.repeat {
			tc.lines = cl.lines
		}
		if n > most {
			most = n
		}
		h.cells[i], t.cells[i] = hc, tc
	}
	// A row is cut after two lines at least (a description as well when
	// rows break wherever the page ends: no widow line).
	least := 2
	if c.s.BreakRows && !r.eagerSplit {
		least = 1
	}
	if !rest || most < least {
		return nil, nil
	}
	for _, x := range []*row{h, t} {
		x.h = 0
		for i := range x.cells {
			if hh := x.cells[i].textHeight() + 2*c.vpad; hh > x.h {
				x.h = hh
			}
		}
	}
	return h, t
}

// table is a run of blocks under an optional header row.
type table struct {
	header block
	rows   []block
	// repeatHeader prints the header again on every page the table
	// continues on.
	repeatHeader bool
}

// emit prints t from the cursor, breaking pages where needed, and returns
// the page its first row was printed on.
func (c *canvas) emit(t table) int {
	first := 0
	hh := 0.0
	if t.header != nil {
		hh = t.header.height()
	}
	headerDue := t.header != nil
	headerOnPage := false
	drawHeader := func() {
		if headerDue {
			t.header.draw(c)
			headerDue, headerOnPage = false, true
		}
	}
	mark := func() {
		if first == 0 {
			first = c.page
		}
	}
	breakPage := func() {
		c.newPage(true)
		headerOnPage = false
		headerDue = t.header != nil && (t.repeatHeader || first == 0)
	}
	for _, r := range t.rows {
		for r != nil {
			extra := 0.0
			if headerDue {
				extra = hh
			}
			need := r.height()
			if c.y+extra+need <= c.bottom+eps {
				drawHeader()
				mark()
				r.draw(c)
				r = nil
				continue
			}
			room := c.bottom - c.y - extra
			atTop := c.y <= c.top+eps || (headerOnPage && c.y <= c.top+hh+eps)
			full := c.bottom - c.top - extra
			if r.eager() || need > full || atTop || c.s.BreakRows {
				if head, tail := r.split(c, room); head != nil {
					drawHeader()
					mark()
					head.draw(c)
					breakPage()
					c.countCut(head, tail, t.header != nil && t.repeatHeader)
					r = tail
					continue
				}
			}
			if atTop {
				c.warnings = append(c.warnings, fmt.Sprintf("page %d: a row %.0f mm high does not fit on a page", c.page, need))
				drawHeader()
				mark()
				r.draw(c)
				r = nil
				continue
			}
			if g, ok := r.(*gridRow); ok && c.s.GridSliver > 0 && !headerDue && room >= c.s.GridSliver {
				g.sliver(c, c.s.GridSliver)
				c.cuts.Slivers++
			}
			breakPage()
		}
	}
	return first
}

// countCut counts a row that a page break cut into head and tail.
func (c *canvas) countCut(head, tail block, repeated bool) {
	h, ok1 := head.(*row)
	t, ok2 := tail.(*row)
	if !ok1 || !ok2 {
		return
	}
	switch {
	case h.kind == labelRow && len(h.cells[0].lines) > 0 && len(t.cells[0].lines) > 0 && !h.cells[0].repeat:
		c.cuts.Labels++
	case h.kind == dataRow && repeated:
		c.cuts.Rows++
	}
}

// ensure starts a new page unless h mm fit below the cursor.
func (c *canvas) ensure(h float64) {
	if c.s.BreakRows {
		return // nothing is kept together
	}
	if c.y+h > c.bottom+eps && c.y > c.top+eps {
		c.newPage(true)
	}
}

// columns shares total among columns by weight, giving each at least its
// minimum width.
func columns(total float64, weights, mins []float64) []float64 {
	w := make([]float64, len(weights))
	fixed := make([]bool, len(weights))
	for {
		free, sum := total, 0.0
		for i := range weights {
			if fixed[i] {
				free -= w[i]
			} else {
				sum += weights[i]
			}
		}
		changed := false
		for i := range weights {
			if fixed[i] {
				continue
			}
			w[i] = free * weights[i] / sum
			if w[i] < mins[i] {
				w[i], fixed[i], changed = mins[i], true, true
			}
		}
		if !changed {
			return w
		}
	}
}
