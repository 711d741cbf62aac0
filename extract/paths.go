package extract

import (
	"math"
	"slices"
)

// path is the path being constructed, in page space: its points in one
// reused slice, cut into subpaths. A curve keeps its end point followed by
// a NaN marker: such subpaths are neither ruling lines nor backgrounds.
type path struct {
	pts  [][2]float64
	subs []subpath
	cur  int // start of the current subpath in pts
}

type subpath struct {
	start, end int
}

func (p *path) moveTo(x, y float64) {
	p.flush()
	p.pts = push(p.pts, [2]float64{x, y})
}

func (p *path) lineTo(x, y float64) {
	p.pts = push(p.pts, [2]float64{x, y})
}

// curve marks the current subpath as containing curves.
func (p *path) curve() {
	if len(p.pts) > p.cur {
		p.pts = append(p.pts, [2]float64{math.NaN(), math.NaN()})
	}
}

func (p *path) closePath() {
	if len(p.pts) > p.cur {
		p.pts = append(p.pts, p.pts[p.cur])
		p.flush()
	}
}

// rect adds a closed rectangle subpath of the given corners.
func (p *path) rect(pts [5][2]float64) {
	p.flush()
	p.pts = append(p.pts, pts[:]...)
	p.flush()
}

// flush ends the current subpath; one of a single point is dropped.
func (p *path) flush() {
	if len(p.pts)-p.cur > 1 {
		p.subs = append(p.subs, subpath{p.cur, len(p.pts)})
	} else {
		p.pts = p.pts[:p.cur]
	}
	p.cur = len(p.pts)
}

func (p *path) reset() {
	p.pts, p.subs, p.cur = p.pts[:0], p.subs[:0], 0
}

func (p *path) sub(s subpath) [][2]float64 { return p.pts[s.start:s.end] }

// push appends v to s, doubling its storage when full: a page's marks
// cost at most twice what they hold, where append's gentler growth past
// a few hundred elements allocates some five times as much in all.
func push[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = slices.Grow(s, max(len(s), 64))
	}
	return append(s, v)
}

// hairline is the thickness below which a filled rectangle is a ruling
// line rather than a filled area.
const hairline = 2.0

func (w *walker) stroke(p *path, g *gstate) {
	p.flush()
	lw := g.lineWidth * g.ctm.mul(w.page).scaleX()
	for _, s := range p.subs {
		sp := p.sub(s)
		if _, ok := axisRect(sp); !ok && w.bullet(sp, "◦", g.stroke) {
			continue
		}
		for i := 0; i+1 < len(sp); i++ {
			a, b := sp[i], sp[i+1]
			if math.IsNaN(a[0]) || math.IsNaN(b[0]) {
				continue
			}
			if math.Abs(a[1]-b[1]) < 0.5 || math.Abs(a[0]-b[0]) < 0.5 {
				if g.stroke.IsWhite() {
					continue
				}
				if g.clipped && !clipSegment(&a, &b, g.clip) {
					continue
				}
				w.segs = push(w.segs, segment{a[0], a[1], b[0], b[1], lw})
			}
		}
	}
}

func (w *walker) fillPath(p *path, g *gstate) {
	p.flush()
	for _, s := range p.subs {
		sp := p.sub(s)
		r, ok := axisRect(sp)
		if ok && g.clipped {
			if r = r.Intersect(g.clip); r.W() <= 0 || r.H() <= 0 {
				continue
			}
		}
		if !ok {
			if w.bullet(sp, "•", g.fill) {
				continue
			}
			// Borders drawn as thin polygons with mitred corners, and
			// backgrounds with rounded corners, count by their bounds.
			var straight bool
			if r, straight = bounds(sp); !straight && (r.W() < hairline || r.H() < hairline) {
				continue // a thin curve is no rule
			}
			if g.clipped {
				if r = r.Intersect(g.clip); r.W() <= 0 || r.H() <= 0 {
					continue
				}
			}
		} else if w.bullet(sp, "▪", g.fill) {
			continue
		}
		if r.W() < hairline || r.H() < hairline {
			// A thin filled rectangle is drawn as a rule.
			if g.fill.IsWhite() || (r.W() < hairline && r.H() < hairline) {
				continue
			}
			if r.W() >= r.H() {
				y := (r.Y0 + r.Y1) / 2
				w.segs = push(w.segs, segment{r.X0, y, r.X1, y, r.H()})
			} else {
				x := (r.X0 + r.X1) / 2
				w.segs = push(w.segs, segment{x, r.Y0, x, r.Y1, r.W()})
			}
			continue
		}
		if w.nfill++; w.nfill > w.lim.Fills {
			if w.err == nil {
				w.err = &limitError{"filled areas on one page", w.lim.Fills}
			}
			return
		}
		w.fills = push(w.fills, fill{r: r, color: g.fill, order: w.nfill})
	}
}

// clipSegment cuts an axis-aligned segment to the clip rectangle and
// reports whether anything of it is left. The rectangle is widened by half
// a point: a rule drawn on a cell's edge is not clipped away by the cell.
func clipSegment(a, b *[2]float64, c Rect) bool {
	const slack = 0.5
	c = Rect{c.X0 - slack, c.Y0 - slack, c.X1 + slack, c.Y1 + slack}
	x0, x1 := math.Max(math.Min(a[0], b[0]), c.X0), math.Min(math.Max(a[0], b[0]), c.X1)
	y0, y1 := math.Max(math.Min(a[1], b[1]), c.Y0), math.Min(math.Max(a[1], b[1]), c.Y1)
	if x1 < x0 || y1 < y0 {
		return false
	}
	*a, *b = [2]float64{x0, y0}, [2]float64{x1, y1}
	return true
}

// bounds returns the bounding box of a subpath and whether it is made of
// straight lines only.
func bounds(sp [][2]float64) (Rect, bool) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	straight := true
	for _, p := range sp {
		if math.IsNaN(p[0]) {
			straight = false
			continue
		}
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	if minX > maxX {
		return Rect{}, straight
	}
	return Rect{minX, minY, maxX, maxY}, straight
}

// axisRect returns the rectangle a closed subpath outlines when it is an
// axis-aligned rectangle.
func axisRect(sp [][2]float64) (Rect, bool) {
	pts := sp
	if len(pts) == 5 && pts[0] == pts[4] {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return Rect{}, false
	}
	for _, p := range pts {
		if math.IsNaN(p[0]) {
			return Rect{}, false
		}
	}
	for i := 0; i < 4; i++ {
		a, b := pts[i], pts[(i+1)%4]
		if math.Abs(a[0]-b[0]) > 0.5 && math.Abs(a[1]-b[1]) > 0.5 {
			return Rect{}, false
		}
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	return Rect{minX, minY, maxX, maxY}, true
}

// bullet turns a small round or square mark, the way browsers draw list
// bullets, into a glyph, so that list items read as they print. It
// reports whether the subpath was such a mark. A mark painted over one
// already made at the same place (a disc and a ring, a shape filled and
// then stroked) joins it: one list marker, filled if either is.
func (w *walker) bullet(sp [][2]float64, text string, c Color) bool {
	if c.IsWhite() {
		return false
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	n := 0
	for _, p := range sp {
		if math.IsNaN(p[0]) {
			continue
		}
		n++
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	wd, ht := maxX-minX, maxY-minY
	if n < 4 || wd < 1 || wd > 8 || math.Abs(wd-ht) > 0.25*wd {
		return false
	}
	// A bullet is about a third of an em wide and sits at half the
	// x-height above the baseline.
	size := 3 * wd
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	g := glyph{text: text, x0: minX, x1: maxX, baseline: cy + 0.27*size, size: size, upright: true}
	if w.joinMark(g, cx, cy) {
		return true
	}
	if w.shown++; w.shown > w.lim.Glyphs {
		w.tooManyGlyphs()
		return true
	}
	w.marks = append(w.marks, len(w.glyphs))
	w.glyphs = push(w.glyphs, g)
	return true
}

// joinMark merges mark g, centred at (cx, cy), into a mark already made
// at the same place, and reports whether there was one.
func (w *walker) joinMark(g glyph, cx, cy float64) bool {
	for i := len(w.marks) - 1; i >= 0 && i >= len(w.marks)-8; i-- {
		k := w.marks[i]
		o := &w.glyphs[k]
		ow := o.x1 - o.x0
		ocx, ocy := (o.x0+o.x1)/2, o.baseline-0.27*o.size
		tol := 0.25 * math.Max(ow, g.x1-g.x0)
		if math.Abs(ocx-cx) > tol || math.Abs(ocy-cy) > tol {
			continue
		}
		text := o.text
		if filledMark(g.text) && !filledMark(text) {
			text = g.text
		}
		if g.x1-g.x0 > ow {
			*o = g
		}
		o.text = text
		return true
	}
	return false
}

// filledMark reports whether a bullet glyph is a filled shape.
func filledMark(s string) bool { return s == "•" || s == "▪" }
