// Package extract reads the pages of a PDF into what a reader sees on
// them: words and text lines, ruling lines, filled rectangles, and the
// tables they form (the method of pdfplumber and Tabula: ruling edges
// snapped and joined, intersections, cells).
package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/ledongthuc/pdf"

	"github.com/obiettivi/obiettivi/pdffile"
)

// Page is one page as the extractor sees it. Coordinates are points from
// the top-left corner of the page as displayed (rotation applied).
type Page struct {
	Number        int
	Width, Height float64
	// Tables are the ruled tables of the page, top to bottom.
	Tables []Table
	// Lines are the text lines outside every table, top to bottom.
	Lines []TextLine
	// Rules are the ruling lines, after snapping and joining.
	Rules []Rule
	// Fills are the filled rectangles wider and taller than a hairline.
	Fills []Fill
}

// Rule is a horizontal or vertical ruling line.
type Rule struct {
	X0, Y0, X1, Y1 float64
	// Synthetic is set for a rule the extractor added to close a table cut
	// by the page edge.
	Synthetic bool
}

// Fill is a filled rectangle and its colour.
type Fill struct {
	Rect
	Color Color
}

// Table is a group of ruled cells that touch each other.
type Table struct {
	Rect
	Rows []Row
}

// Row is the cells of a table that start at the same height, left to
// right. A cell that spans several rows belongs to the first of them.
type Row struct {
	Rect
	Cells []Cell
}

// Cell is one ruled cell with its text and background.
type Cell struct {
	Rect
	Lines []TextLine
	// Fill is the colour painted over most of the cell, if any.
	Fill *Color
	// OpenTop and OpenBottom are set when the cell's top or bottom rule is
	// missing because the table runs over a page break.
	OpenTop, OpenBottom bool
}

// Filled reports whether the cell is painted in a colour other than white.
func (c Cell) Filled() bool { return c.Fill != nil && !c.Fill.IsWhite() }

// Text is the cell's lines joined by newlines.
func (c Cell) Text() string {
	n := 0
	for _, l := range c.Lines {
		n += len(l.Text) + 1
	}
	b := make([]byte, 0, n)
	for i, l := range c.Lines {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, l.Text...)
	}
	return string(b)
}

// TextLine is a run of words on one baseline.
type TextLine struct {
	Text                string
	X0, X1, Top, Bottom float64
	Baseline, Size      float64
	Bold                bool
	Words               []Word
}

// Word is a run of glyphs without a space.
type Word struct {
	Text   string
	X0, X1 float64
	Bold   bool
}

// Options tune Read.
type Options struct {
	// Workers is the number of pages read at once; 0 means all cores.
	Workers int
	// Check, when set, is called on each page before its content is read
	// (to refuse decompression bombs, say).
	Check func(pdf.Page) error
	// Detail keeps what only a drawing of the page needs: the ruling
	// lines and the words of each table cell's lines. The free text
	// lines always keep their words: where a table has no rules, the
	// column alignment of its words is all there is to read it by.
	Detail bool
	// FirstPage is the number in its file of the first page of f.Pages,
	// when those are a part of the file's pages; 0 means 1.
	FirstPage int
}

// Read reads the pages of f. Pages are read in parallel; a page whose
// content cannot be interpreted is an error naming the page. An error of
// Options.Check is returned as it is.
func Read(ctx context.Context, f *pdffile.File, opt Options) ([]Page, error) {
	src := f.Pages
	n := len(src)
	pages := make([]Page, n)
	errs := make([]error, n)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	first := max(opt.FirstPage, 1)
	fonts := newFontCache()
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := scratch{detail: opt.Detail}
			for i := range next {
				if err := ctx.Err(); err != nil {
					errs[i] = err
					continue
				}
				if opt.Check != nil {
					if err := opt.Check(src[i]); err != nil {
						errs[i] = err
						continue
					}
				}
				var err error
				if pages[i], err = readPage(ctx, f, src[i], first+i, fonts, &sc); err != nil {
					errs[i] = fmt.Errorf("page %d: %w", first+i, err)
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil, ctx.Err()
			}
			return nil, err
		}
	}
	return pages, nil
}

// readPage interprets one page. The PDF library panics on malformed
// content; the panic is turned into an error here.
func readPage(ctx context.Context, f *pdffile.File, p pdf.Page, num int, fonts *fontCache, sc *scratch) (page Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errStop {
				err = ctx.Err()
				return
			}
			err = fmt.Errorf("malformed content: %v", r)
		}
	}()
	box := inherited(p.V, "CropBox")
	if box.Len() != 4 {
		box = inherited(p.V, "MediaBox")
	}
	x0, y0, x1, y1 := 0.0, 0.0, 612.0, 792.0
	if box.Len() == 4 {
		x0, y0, x1, y1 = box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		if y1 < y0 {
			y0, y1 = y1, y0
		}
	}
	rot := int(inherited(p.V, "Rotate").Int64()) % 360
	if rot < 0 {
		rot += 360
	}
	var m matrix
	w, h := x1-x0, y1-y0
	switch rot {
	case 90:
		m = matrix{0, 1, 1, 0, -y0, -x0}
		w, h = h, w
	case 180:
		m = matrix{-1, 0, 0, 1, x1, -y0}
	case 270:
		m = matrix{0, -1, -1, 0, y1, x1}
		w, h = h, w
	default:
		m = matrix{1, 0, 0, -1, -x0, y1}
	}
	wk := &walker{ctx: ctx, file: f, fonts: fonts, page: m, glyphs: sc.glyphs[:0], segs: sc.segs[:0], fills: sc.fills[:0]}
	if c := p.V.Key("Contents"); c.Kind() != pdf.Null {
		wk.run(c, p.Resources(), gstate{ctm: identity, th: 1, fill: black, stroke: black, fillN: 1, strokeN: 1, lineWidth: 1})
	}
	sc.glyphs, sc.segs, sc.fills = wk.glyphs, wk.segs, wk.fills
	page = layout(num, w, h, wk.glyphs, wk.segs, wk.fills, sc)
	return page, nil
}

func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && v.Kind() == pdf.Dict; i++ {
		if x := v.Key(key); x.Kind() != pdf.Null {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// layout builds tables, cells and text lines from the raw marks of a page.
// scratch holds the buffers one worker reuses from page to page: the
// marks of a page are needed only until its layout is built.
type scratch struct {
	detail bool
	glyphs []glyph
	sorted []glyph
	owner  []int32
	segs   []segment
	fills  []fill
}

func layout(num int, w, h float64, glyphs []glyph, segs []segment, fills []fill, sc *scratch) Page {
	pg := Page{Number: num, Width: w, Height: h}
	hs, vs := buildRules(segs, fills)
	cells := findCells(hs, vs)
	tables := groupTables(cells)

	// Glyphs go to the cell that holds their centre; the rest is free text.
	// Each glyph goes to the cell that holds its centre (a counting sort
	// by cell, so that no cell grows its own slice); the rest is free text.
	idx := newCellIndex(cells, h)
	owner := grow(sc.owner, len(glyphs))
	sc.owner = owner
	start := make([]int, len(cells)+2)
	for i, g := range glyphs {
		c := -1
		if g.upright {
			c = idx.find((g.x0+g.x1)/2, g.baseline-g.size*0.3)
		}
		owner[i] = int32(c)
		start[c+2]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	sorted := grow(sc.sorted, len(glyphs))
	sc.sorted = sorted
	fillAt := append([]int(nil), start...)
	for i, g := range glyphs {
		c := owner[i] + 1
		sorted[fillAt[c]] = g
		fillAt[c]++
	}
	cellGlyphs := func(c int) []glyph { return sorted[start[c+1]:start[c+2]] }
	var free []glyph
	for _, g := range cellGlyphs(-1) {
		if g.upright {
			free = append(free, g)
		}
	}
	for _, t := range tables {
		var tb Table
		tb.Rect = t.r
		for _, rowIdx := range t.rows {
			// The sliver between the two lines of a double rule is no row.
			if c := cells[rowIdx[0]].r; c.H() < minRowHeight {
				continue
			}
			var row Row
			for k, ci := range rowIdx {
				c := cells[ci]
				cell := Cell{Rect: c.r, OpenTop: c.openTop, OpenBottom: c.openBottom}
				cell.Lines = textLines(cellGlyphs(ci), sc.detail)
				cell.Fill = cellFill(c.r, fills)
				if k == 0 {
					row.Rect = c.r
				} else {
					row.Rect.X1 = c.r.X1
					if c.r.Y1 < row.Rect.Y1 {
						row.Rect.Y1 = c.r.Y1
					}
				}
				row.Cells = append(row.Cells, cell)
			}
			tb.Rows = append(tb.Rows, row)
		}
		pg.Tables = append(pg.Tables, tb)
	}
	for _, f := range fills {
		pg.Fills = append(pg.Fills, Fill{f.r, f.color})
	}
	pg.Lines = textLines(free, true)
	if !sc.detail {
		return pg
	}
	for _, r := range hs {
		pg.Rules = append(pg.Rules, Rule{r.x0, r.y, r.x1, r.y, r.synthetic})
	}
	for _, r := range vs {
		pg.Rules = append(pg.Rules, Rule{r.x, r.y0, r.x, r.y1, r.synthetic})
	}
	return pg
}

// minRowHeight is the least height of a table row that can hold text.
const minRowHeight = 3.0

// minCover is the share of a cell a painted rectangle must cover to count
// as the cell's colour.
const minCover = 0.3

// cellIndex finds the cell under a point through horizontal bands of the
// page, so that placing each glyph does not scan every cell.
type cellIndex struct {
	cells []rawCell
	bands [][]int
}

const bandHeight = 16.0

func newCellIndex(cells []rawCell, pageHeight float64) *cellIndex {
	n := int(pageHeight/bandHeight) + 2
	x := &cellIndex{cells: cells, bands: make([][]int, n)}
	for i, c := range cells {
		for b := x.band(c.r.Y0); b <= x.band(c.r.Y1); b++ {
			x.bands[b] = append(x.bands[b], i)
		}
	}
	return x
}

func (x *cellIndex) band(y float64) int {
	b := int(y / bandHeight)
	if b < 0 {
		return 0
	}
	if b >= len(x.bands) {
		return len(x.bands) - 1
	}
	return b
}

// find returns the index of the cell holding (px, py), or -1.
func (x *cellIndex) find(px, py float64) int {
	for _, i := range x.bands[x.band(py)] {
		if x.cells[i].r.Contains(px, py, 0) {
			return i
		}
	}
	return -1
}

// grow returns b resized to n, reusing its storage when it is large enough.
func grow[T any](b []T, n int) []T {
	if cap(b) >= n {
		return b[:n]
	}
	return make([]T, n, n+n/4)
}

// cellFill returns the colour of the last rectangle painted over a good
// part of r: a whole-cell background, a bar across several cells, or a
// block inset in the cell.
func cellFill(r Rect, fills []fill) *Color {
	best := -1
	area := r.Area()
	if area <= 0 {
		return nil
	}
	for i, f := range fills {
		if f.r.Intersect(r).Area() >= minCover*area && (best < 0 || f.order > fills[best].order) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	c := fills[best].color
	return &c
}

// textLines groups glyphs into lines (by baseline) and words (by gaps).
func textLines(gs []glyph, detail bool) []TextLine {
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].baseline < gs[j].baseline })
	var lines []TextLine
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) {
			tol := 0.35 * maxf(gs[i].size, gs[start].size)
			if gs[i].baseline-gs[i-1].baseline <= tol {
				continue
			}
		}
		if l, ok := makeLine(gs[start:i], detail); ok {
			lines = append(lines, l)
		}
		start = i
	}
	return lines
}

func makeLine(gs []glyph, detail bool) (TextLine, bool) {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x0 < gs[j].x0 })
	var l TextLine
	var words []Word
	var cur []byte
	var wx0, wx1, lastX1 float64
	var bold bool
	var sizeSum, baseSum float64
	flush := func() {
		if len(cur) > 0 {
			words = append(words, Word{Text: string(cur), X0: wx0, X1: wx1, Bold: bold})
		}
		cur = cur[:0]
	}
	n := 0
	for i, g := range gs {
		if isSpace(g.text) {
			flush()
			lastX1 = g.x1
			continue
		}
		// Overprinted duplicates (fake bold) are dropped.
		if i > 0 && g.text == gs[i-1].text && absf(g.x0-gs[i-1].x0) < 0.2*g.size && absf(g.baseline-gs[i-1].baseline) < 0.2*g.size {
			continue
		}
		if len(cur) > 0 && g.x0-lastX1 > 0.15*g.size {
			flush()
		}
		if len(cur) == 0 {
			wx0 = g.x0
			bold = g.bold
		}
		cur = append(cur, g.text...)
		wx1 = g.x1
		lastX1 = g.x1
		sizeSum += g.size
		baseSum += g.baseline
		n++
	}
	flush()
	if len(words) == 0 {
		return l, false
	}
	if detail {
		l.Words = words
	}
	l.X0, l.X1 = words[0].X0, words[len(words)-1].X1
	l.Size = sizeSum / float64(n)
	l.Baseline = baseSum / float64(n)
	l.Top = l.Baseline - 0.8*l.Size
	l.Bottom = l.Baseline + 0.2*l.Size
	l.Bold = true
	b := make([]byte, 0, 64)
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w.Text...)
		if !w.Bold {
			l.Bold = false
		}
	}
	l.Text = string(b)
	return l, true
}

func isSpace(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0':
		default:
			return false
		}
	}
	return true
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func absf(a float64) float64 {
	if a < 0 {
		return -a
	}
	return a
}
