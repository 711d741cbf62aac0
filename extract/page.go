// Package extract reads the pages of a PDF into what a reader sees on
// them: words and text lines, ruling lines, filled rectangles, and the
// tables they form (the method of pdfplumber and Tabula: ruling edges
// snapped and joined, intersections, cells).
//
// Each page's content streams, decoded by pdffile, are read by a lexer of
// the package's own (lex.go, inline images in inline.go) and interpreted
// in one loop over the operators (content.go), within the page's Limits;
// a page that cannot be read is a *PageError naming the page and where in
// its content the reading stopped.
package extract

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
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
	// Glyphs counts the characters shown on the page; Unmapped those of
	// them whose text no mapping of the file gives (they read as U+FFFD),
	// and UnmappedFonts names the fonts they were shown in.
	Glyphs, Unmapped int
	UnmappedFonts    []string
	// Images counts the image XObjects the page's resources hold (its
	// forms' included).
	Images int
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
	// (to refuse a font's decompression bomb, say).
	Check func(pdf.Page) error
	// Detail keeps what only a drawing of the page needs: the ruling
	// lines and the words of each table cell's lines. The free text
	// lines always keep their words: where a table has no rules, the
	// column alignment of its words is all there is to read it by.
	Detail bool
	// Limits bound what one page may hold; the zero value takes
	// DefaultLimits.
	Limits Limits
	// Unreadable, when set, keeps the read going past a page whose
	// content cannot be read: Unreadable is called with its number and
	// error, in page order, and the page is handed over empty (its number
	// only). Without it such a page fails the read.
	Unreadable func(page int, err error)
	// FirstPage is the number in its file of the first page of f.Pages,
	// when those are a part of the file's pages; 0 means 1.
	FirstPage int
}

// Read reads the pages of f. Pages are read in parallel; a page whose
// content cannot be interpreted fails the whole read (see
// Options.Unreadable) with a *pdffile.Error naming the file, wrapping the
// *PageError that names the page (the first such page in order). An
// error of Options.Check is returned as it is. A cancelled ctx ends the
// read with ctx's error.
func Read(ctx context.Context, f *pdffile.File, opt Options) ([]Page, error) {
	pages := make([]Page, 0, len(f.Pages))
	err := Each(ctx, f, opt, func(p Page) error {
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pages, nil
}

// Each reads the pages of f as Read does and hands them to fn one at a
// time, in order, as they are read: a caller that keeps only what it needs
// of each page holds a few pages at a time, not the document. The workers
// read at most two pages each ahead of the one fn was last given. The
// first error, in page order, of a page or of fn ends the read and is
// returned; fn is called from one goroutine at a time.
func Each(ctx context.Context, f *pdffile.File, opt Options, fn func(Page) error) error {
	src := f.Pages
	n := len(src)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	lim := opt.Limits.withDefaults()
	doc := newDocCache(f)
	first := max(opt.FirstPage, 1)
	ctx, cancel := context.WithCancel(ctx)

	// Page i is read into slot i%window once the page window places
	// before it has been handed over; its result waits there for its turn.
	window := 2 * workers
	type slot struct {
		page Page
		err  error
		done chan struct{}
	}
	slots := make([]slot, window)
	for i := range slots {
		slots[i].done = make(chan struct{}, 1)
	}
	free := make(chan struct{}, window) // one token per slot not in use
	for range window {
		free <- struct{}{}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := scratch{detail: opt.Detail}
			for i := range next {
				s := &slots[i%window]
				s.page, s.err = Page{}, nil
				if err := ctx.Err(); err != nil {
					s.err = err
				} else if opt.Check != nil {
					s.err = opt.Check(src[i])
				}
				if s.err == nil {
					s.page, s.err = readPage(ctx, f, src[i], first+i, doc, lim, &sc)
				}
				if s.err != nil {
					var pe *PageError
					if errors.As(s.err, &pe) {
						s.err = pe.inFile(f)
					}
				}
				s.done <- struct{}{}
			}
		}()
	}
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case <-free:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer func() {
		cancel()
		wg.Wait()
	}()
	for i := 0; i < n; i++ {
		s := &slots[i%window]
		select {
		case <-s.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		page, err := s.page, s.err
		s.page = Page{}
		free <- struct{}{}
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				if cerr := ctx.Err(); cerr != nil {
					return cerr
				}
			}
			if opt.Unreadable == nil {
				return err
			}
			opt.Unreadable(first+i, err)
			page = Page{Number: first + i}
		}
		if err := fn(page); err != nil {
			return err
		}
	}
	return nil
}

// readPage reads one page.
func readPage(ctx context.Context, f *pdffile.File, p pdf.Page, num int, doc *docCache, lim Limits, sc *scratch) (Page, error) {
	wk, w, h, err := walkPage(ctx, f, p, num, doc, lim, sc)
	if err != nil {
		return Page{}, err
	}
	hs, vs := buildRules(wk.segs, wk.fills)
	if n := len(hs) * len(vs); n > lim.Crossings || n < 0 {
		return Page{}, &PageError{Page: num, Offset: -1, Err: &limitError{"crossings of horizontal and vertical rules", lim.Crossings}}
	}
	page := layout(num, w, h, wk.glyphs, hs, vs, wk.fills, sc)
	page.Glyphs, page.Unmapped = wk.stats.glyphs, wk.stats.lost
	for name := range wk.stats.lostFonts {
		page.UnmappedFonts = append(page.UnmappedFonts, name)
	}
	sort.Strings(page.UnmappedFonts)
	page.Images = countImages(wk.res)
	return page, nil
}

// walkPage interprets the content of one page into its marks, returned
// in the walker with the page's displayed width and height. The PDF
// library panics on objects it cannot read; such a panic is turned into
// an error here.
func walkPage(ctx context.Context, f *pdffile.File, p pdf.Page, num int, doc *docCache, lim Limits, sc *scratch) (wk *walker, w, h float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			cause, _ := r.(error)
			err = &PageError{Page: num, Offset: -1, Err: &damaged{what: "an object of the page cannot be read", err: cause}}
		}
	}()
	attrs := doc.pageAttrs(p.V)
	box := attrs.crop
	if box.Len() != 4 {
		box = attrs.media
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
	rot := int(attrs.rotate.Int64()) % 360
	if rot < 0 {
		rot += 360
	}
	var m matrix
	w, h = x1-x0, y1-y0
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
	maxStream := f.Limits().MaxStreamSize
	wk = &walker{ctx: ctx, file: f, doc: doc, lim: lim, num: num, page: m,
		glyphs: sc.glyphs[:0], segs: sc.segs[:0], fills: sc.fills[:0], marks: sc.marks[:0],
		budget: maxStream, maxStream: maxStream, search: maxSearch, sc: sc}
	c := p.V.Key("Contents")
	if _, isRef := pdffile.EntryRef(p.V, "Contents"); isRef && c.Kind() == pdf.Null {
		// A page without /Contents is blank; one whose /Contents names an
		// object the file does not hold had content that cannot be read.
		return nil, 0, 0, &PageError{Page: num, Offset: -1, Err: errNoStream}
	}
	data, err := wk.contents(c, &sc.content)
	if err != nil {
		return nil, 0, 0, &PageError{Page: num, Offset: -1, Err: err}
	}
	wk.res = f.Resources(p)
	err = wk.run(data, wk.res, initialState(), "")
	sc.glyphs, sc.segs, sc.fills, sc.marks = wk.glyphs, wk.segs, wk.fills, wk.marks
	if cap(sc.content) > maxScratch {
		sc.content = nil
	}
	if err == errStop {
		return nil, 0, 0, ctx.Err()
	}
	if err != nil {
		return nil, 0, 0, err
	}
	return wk, w, h, nil
}

// maxScratch is the largest joined content a worker keeps for the next
// page.
const maxScratch = 4 << 20

// countImages counts the image XObjects of a resource dictionary and of
// the forms it holds, looking at no more than 1024 objects.
func countImages(res pdf.Value) int {
	budget := 1024
	var count func(res pdf.Value, depth int) int
	count = func(res pdf.Value, depth int) int {
		xo := res.Key("XObject")
		n := 0
		for _, k := range xo.Keys() {
			if budget--; budget < 0 {
				break
			}
			x := xo.Key(k)
			switch x.Key("Subtype").Name() {
			case "Image":
				n++
			case "Form":
				if depth < 4 {
					n += count(x.Key("Resources"), depth+1)
				}
			}
		}
		return n
	}
	return count(res, 0)
}

// layout builds tables, cells and text lines from the raw marks of a page.
// scratch holds the buffers one worker reuses from page to page: the
// marks of a page are needed only until its layout is built.
type scratch struct {
	detail  bool
	glyphs  []glyph
	sorted  []glyph
	owner   []int32
	segs    []segment
	fills   []fill
	marks   []int
	content []byte     // a page's content streams joined
	frames  []*frame   // the interpretation of each depth of forms
	lines   []TextLine // the lines of a page's cells, before they are copied out
	spans   []int      // where each cell's lines start and end in lines
	text    []byte     // a line's text as it is built
	words   []Word     // and its words
	wspans  []int      // and where they are in its text
}

func layout(num int, w, h float64, glyphs []glyph, hs []hrule, vs []vrule, fills []fill, sc *scratch) Page {
	pg := Page{Number: num, Width: w, Height: h}
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
	// The page's cells, rows and cell colours are each allocated at once,
	// and every cell's lines in one slab: each row, cell and line list
	// is a piece of its slab with no room to grow into another's.
	slab := lineSlab{buf: sc.lines[:0]}
	var nrows int
	for _, t := range tables {
		nrows += len(t.rows)
	}
	allCells := make([]Cell, 0, len(cells))
	allRows := make([]Row, 0, nrows)
	fillOf := newFillIndex(fills, h)
	colors := make([]Color, 0, len(cells))
	if len(tables) > 0 {
		pg.Tables = make([]Table, 0, len(tables))
	}
	spans := sc.spans[:0]
	for _, t := range tables {
		var tb Table
		tb.Rect = t.r
		rows0 := len(allRows)
		for _, rowIdx := range t.rows {
			// The sliver between the two lines of a double rule is no row.
			if c := cells[rowIdx[0]].r; c.H() < minRowHeight {
				continue
			}
			var row Row
			cells0 := len(allCells)
			for k, ci := range rowIdx {
				c := cells[ci]
				cell := Cell{Rect: c.r, OpenTop: c.openTop, OpenBottom: c.openBottom}
				l0 := slab.len()
				slab.textLines(cellGlyphs(ci), sc.detail, sc)
				spans = append(spans, l0, slab.len())
				if fi := fillOf.cellFill(c.r); fi >= 0 {
					colors = append(colors, fills[fi].color)
					cell.Fill = &colors[len(colors)-1]
				}
				if k == 0 {
					row.Rect = c.r
				} else {
					row.Rect.X1 = c.r.X1
					if c.r.Y1 < row.Rect.Y1 {
						row.Rect.Y1 = c.r.Y1
					}
				}
				allCells = append(allCells, cell)
			}
			row.Cells = allCells[cells0:len(allCells):len(allCells)]
			allRows = append(allRows, row)
		}
		tb.Rows = allRows[rows0:len(allRows):len(allRows)]
		if len(tb.Rows) == 0 {
			tb.Rows = nil
		}
		pg.Tables = append(pg.Tables, tb)
	}
	// The lines of every cell, copied out of the scratch slab at once.
	if n := slab.len(); n > 0 {
		lines := make([]TextLine, n)
		copy(lines, slab.buf)
		for i := range allCells {
			if a, b := spans[2*i], spans[2*i+1]; b > a {
				allCells[i].Lines = lines[a:b:b]
			}
		}
	}
	sc.lines, sc.spans = slab.buf[:0], spans[:0]
	if len(fills) > 0 {
		pg.Fills = make([]Fill, len(fills))
		for i, f := range fills {
			pg.Fills[i] = Fill{f.r, f.color}
		}
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
// page, so that placing each glyph does not scan every cell. The cells of
// band b are in[start[b]:start[b+1]], in order.
type cellIndex struct {
	cells []rawCell
	start []int
	in    []int
}

const bandHeight = 16.0

func newCellIndex(cells []rawCell, pageHeight float64) *cellIndex {
	n := int(pageHeight/bandHeight) + 2
	x := &cellIndex{cells: cells, start: make([]int, n+1)}
	for _, c := range cells {
		for b := x.band(c.r.Y0); b <= x.band(c.r.Y1); b++ {
			x.start[b+1]++
		}
	}
	for b := 0; b < n; b++ {
		x.start[b+1] += x.start[b]
	}
	x.in = make([]int, x.start[n])
	next := make([]int, n)
	copy(next, x.start[:n])
	for i, c := range cells {
		for b := x.band(c.r.Y0); b <= x.band(c.r.Y1); b++ {
			x.in[next[b]] = i
			next[b]++
		}
	}
	return x
}

func (x *cellIndex) band(y float64) int {
	b := int(y / bandHeight)
	if b < 0 {
		return 0
	}
	if n := len(x.start) - 1; b >= n {
		return n - 1
	}
	return b
}

// find returns the index of the cell holding (px, py), or -1.
func (x *cellIndex) find(px, py float64) int {
	b := x.band(py)
	for _, i := range x.in[x.start[b]:x.start[b+1]] {
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

// fillIndex finds the rectangles painted over a cell through horizontal
// bands of the page, as cellIndex finds cells.
type fillIndex struct {
	fills []fill
	start []int
	in    []int
	seen  []int // the query each fill was last looked at for, plus one
	query int
}

func newFillIndex(fills []fill, pageHeight float64) *fillIndex {
	n := int(pageHeight/bandHeight) + 2
	x := &fillIndex{fills: fills, start: make([]int, n+1), seen: make([]int, len(fills))}
	for _, f := range fills {
		for b := x.band(f.r.Y0); b <= x.band(f.r.Y1); b++ {
			x.start[b+1]++
		}
	}
	for b := 0; b < n; b++ {
		x.start[b+1] += x.start[b]
	}
	x.in = make([]int, x.start[n])
	next := make([]int, n)
	copy(next, x.start[:n])
	for i, f := range fills {
		for b := x.band(f.r.Y0); b <= x.band(f.r.Y1); b++ {
			x.in[next[b]] = i
			next[b]++
		}
	}
	return x
}

// band is the band of height y, the first or last for a height outside
// the page (or not a number).
func (x *fillIndex) band(y float64) int {
	n := len(x.start) - 1
	switch {
	case !(y >= 0):
		return 0
	case y >= float64(n)*bandHeight:
		return n - 1
	}
	return min(int(y/bandHeight), n-1)
}

// cellFill returns the index of the last rectangle painted over a good
// part of r (a whole-cell background, a bar across several cells, or a
// block inset in the cell), or -1. Rectangles are painted in the order of
// their order field, which no two share.
func (x *fillIndex) cellFill(r Rect) int {
	best := -1
	area := r.Area()
	if area <= 0 {
		return -1
	}
	x.query++
	for b := x.band(r.Y0); b <= x.band(r.Y1); b++ {
		for _, i := range x.in[x.start[b]:x.start[b+1]] {
			if x.seen[i] == x.query {
				continue
			}
			x.seen[i] = x.query
			f := &x.fills[i]
			if f.r.Intersect(r).Area() >= minCover*area && (best < 0 || f.order > x.fills[best].order) {
				best = i
			}
		}
	}
	return best
}

// textLines groups glyphs into lines (by baseline) and words (by gaps).
func textLines(gs []glyph, detail bool) []TextLine {
	var s lineSlab
	s.textLines(gs, detail, nil)
	return s.buf
}

// lineSlab collects text lines: those of all the cells of a page, before
// they are copied out at once.
type lineSlab struct{ buf []TextLine }

func (s *lineSlab) len() int { return len(s.buf) }

// textLines appends the lines of gs (sorted in place), as textLines
// returns them; sc, when set, lends the buffers a line is built in.
func (s *lineSlab) textLines(gs []glyph, detail bool, sc *scratch) {
	if len(gs) == 0 {
		return
	}
	if !sortedBy(gs, func(g *glyph) float64 { return g.baseline }) {
		slices.SortStableFunc(gs, func(a, b glyph) int { return order(a.baseline, b.baseline) })
	}
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) {
			tol := 0.35 * maxf(gs[i].size, gs[start].size)
			if gs[i].baseline-gs[i-1].baseline <= tol {
				continue
			}
		}
		if l, ok := makeLine(gs[start:i], detail, sc); ok {
			s.buf = append(s.buf, l)
		}
		start = i
	}
}

// sortedBy reports whether key does not decrease along gs and is never
// NaN: a stable sort by it would leave gs as it is.
func sortedBy(gs []glyph, key func(*glyph) float64) bool {
	prev := math.Inf(-1)
	for i := range gs {
		k := key(&gs[i])
		if k < prev || k != k {
			return false
		}
		prev = k
	}
	return true
}

// makeLine builds the line of glyphs gs (sorted in place by x0); sc,
// when set, lends the buffers its text and words are built in.
func makeLine(gs []glyph, detail bool, sc *scratch) (TextLine, bool) {
	if !sortedBy(gs, func(g *glyph) float64 { return g.x0 }) {
		slices.SortStableFunc(gs, func(a, b glyph) int { return order(a.x0, b.x0) })
	}
	var l TextLine
	// The line's text is built once, its words joined by spaces; each
	// word's text is a slice of it.
	var text []byte
	var words []Word
	var spans []int // start and end of each word in text
	if sc != nil {
		text, words, spans = sc.text[:0], sc.words[:0], sc.wspans[:0]
	} else {
		text = make([]byte, 0, 2*len(gs))
	}
	nwords := 0
	wstart, sep := 0, 0 // where the current word starts, and its separator
	started := false
	var wx0, wx1, lastX1, firstX0, lastWX1 float64
	var bold bool
	allBold := true
	var sizeSum, baseSum float64
	flush := func() {
		if !started {
			return
		}
		started = false
		if len(text) == wstart {
			text = text[:sep]
			return
		}
		if nwords == 0 {
			firstX0 = wx0
		}
		lastWX1 = wx1
		if !bold {
			allBold = false
		}
		if detail {
			words = append(words, Word{X0: wx0, X1: wx1, Bold: bold})
			spans = append(spans, wstart, len(text))
		}
		nwords++
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
		if started && len(text) > wstart && g.x0-lastX1 > 0.15*g.size {
			flush()
		}
		if !started || len(text) == wstart {
			if !started {
				sep = len(text)
				if nwords > 0 {
					text = append(text, ' ')
				}
				wstart = len(text)
				started = true
			}
			wx0 = g.x0
			bold = g.bold
		}
		text = append(text, g.text...)
		wx1 = g.x1
		lastX1 = g.x1
		sizeSum += g.size
		baseSum += g.baseline
		n++
	}
	flush()
	if nwords == 0 {
		return l, false
	}
	l.Text = string(text)
	if sc != nil {
		sc.text, sc.words, sc.wspans = text[:0], words[:0], spans[:0]
		if detail {
			words = slices.Clone(words)
		}
	}
	if detail {
		for i := range words {
			words[i].Text = l.Text[spans[2*i]:spans[2*i+1]]
		}
		l.Words = words
	}
	l.X0, l.X1 = firstX0, lastWX1
	l.Size = sizeSum / float64(n)
	l.Baseline = baseSum / float64(n)
	l.Top = l.Baseline - 0.8*l.Size
	l.Bottom = l.Baseline + 0.2*l.Size
	l.Bold = allBold
	return l, true
}

// order compares a and b as the < operator orders them.
func order(a, b float64) int {
	switch {
	case a < b:
		return -1
	case b < a:
		return 1
	}
	return 0
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
