package extract

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/ledongthuc/pdf"

	"github.com/obiettivi/obiettivi/pdffile"
)

// glyph is one shown character in page space.
type glyph struct {
	text     string
	x0, x1   float64 // left and right edge
	baseline float64 // y of the baseline
	size     float64 // font size in page space
	bold     bool
	upright  bool // text runs left to right, not rotated
}

// segment is a straight ruling line in page space (axis aligned).
type segment struct {
	x0, y0, x1, y1 float64
	width          float64
}

// fill is a filled rectangle in page space.
type fill struct {
	r     Rect
	color Color
	order int // painting order
}

// gstate is the graphics state the walker tracks.
type gstate struct {
	ctm         matrix
	fill        Color
	stroke      Color
	fillN       int // components of the fill colour space (0: pattern/unknown)
	strokeN     int
	fillSpace   string
	strokeSpace string
	lineWidth   float64
	// clip bounds what is painted, in page space, when clipped is set:
	// the bounding box of the clipping paths (HTML engines paint a cell's
	// background as a page-sized fill clipped to the cell).
	clip    Rect
	clipped bool

	// text state
	font     *font
	fontSize float64
	tc, tw   float64
	th       float64
	tl       float64
	rise     float64
}

// walker interprets the operators of a page's content streams (and of the
// form XObjects they paint) into glyphs, ruling lines and filled
// rectangles. It is one loop over operators, fed by pdf.Interpret.
type walker struct {
	ctx    context.Context
	file   *pdffile.File // decodes the page's streams
	fonts  *fontCache
	page   matrix // default user space → page space (y down, rotation applied)
	glyphs []glyph
	segs   []segment
	fills  []fill
	nfill  int
	depth  int
	ops    int
	stats  textStats // glyphs shown, and those whose text the file lost
}

// errStop aborts the interpretation when the context is cancelled.
var errStop = errors.New("stopped")

// maxOps bounds the operators interpreted on one page, forms included.
const maxOps = 5_000_000

// maxFormDepth bounds nested form XObjects.
const maxFormDepth = 12

type path struct {
	subpaths [][][2]float64 // in page space
	cur      [][2]float64
	rects    []Rect // re rectangles in page space, when the CTM keeps them axis aligned
	closed   []bool
}

func (p *path) moveTo(x, y float64) {
	p.flush(false)
	p.cur = append(p.cur[:0:0], [2]float64{x, y})
}

func (p *path) lineTo(x, y float64) {
	if len(p.cur) == 0 {
		p.cur = append(p.cur, [2]float64{x, y})
		return
	}
	p.cur = append(p.cur, [2]float64{x, y})
}

func (p *path) closePath() {
	if len(p.cur) > 0 {
		p.cur = append(p.cur, p.cur[0])
		p.flush(true)
	}
}

func (p *path) flush(closed bool) {
	if len(p.cur) > 1 {
		p.subpaths = append(p.subpaths, p.cur)
		p.closed = append(p.closed, closed)
	}
	p.cur = nil
}

func (p *path) reset() { *p = path{} }

// run interprets one content stream (a page's Contents or a form).
func (w *walker) run(strm pdf.Value, res pdf.Value, g gstate) {
	var stack []gstate
	var pth path
	// A W or W* operator makes the current path clip what follows, once
	// the path is painted (or ended by n).
	clipNext := false
	endPath := func() {
		if clipNext {
			pth.flush(false)
			if pts := flatten(pth.subpaths); len(pts) > 0 {
				r, _ := bounds(pts)
				if g.clipped {
					r = r.Intersect(g.clip)
				}
				g.clip, g.clipped = r, true
			}
			clipNext = false
		}
		pth.reset()
	}
	var tm, tlm matrix
	args := make([]pdf.Value, 0, 16)
	fonts := map[string]*font{} // this stream's font resources, parsed once

	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		args = args[:0]
		for n := stk.Len(); n > 0; n-- {
			args = append(args, stk.Pop())
		}
		for i, j := 0, len(args)-1; i < j; i, j = i+1, j-1 {
			args[i], args[j] = args[j], args[i]
		}
		w.ops++
		if w.ops&1023 == 0 {
			if w.ctx.Err() != nil {
				panic(errStop)
			}
		}
		if w.ops > maxOps {
			panic(fmt.Errorf("more than %d operators on one page", maxOps))
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 4096 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "w":
			g.lineWidth = num(0)

		// colours
		case "g":
			g.fill, g.fillN, g.fillSpace = gray(num(0)), 1, "DeviceGray"
		case "G":
			g.stroke, g.strokeN, g.strokeSpace = gray(num(0)), 1, "DeviceGray"
		case "rg":
			g.fill, g.fillN, g.fillSpace = Color{num(0), num(1), num(2), false}, 3, "DeviceRGB"
		case "RG":
			g.stroke, g.strokeN, g.strokeSpace = Color{num(0), num(1), num(2), false}, 3, "DeviceRGB"
		case "k":
			g.fill, g.fillN, g.fillSpace = cmyk(num(0), num(1), num(2), num(3)), 4, "DeviceCMYK"
		case "K":
			g.stroke, g.strokeN, g.strokeSpace = cmyk(num(0), num(1), num(2), num(3)), 4, "DeviceCMYK"
		case "cs":
			g.fillSpace, g.fillN = colorSpace(res, args)
			g.fill = initialColor(g.fillN)
		case "CS":
			g.strokeSpace, g.strokeN = colorSpace(res, args)
			g.stroke = initialColor(g.strokeN)
		case "sc", "scn":
			g.fill = colorFrom(g.fillSpace, g.fillN, args)
		case "SC", "SCN":
			g.stroke = colorFrom(g.strokeSpace, g.strokeN, args)

		// paths
		case "m":
			x, y := g.ctm.mul(w.page).apply(num(0), num(1))
			pth.moveTo(x, y)
		case "l":
			x, y := g.ctm.mul(w.page).apply(num(0), num(1))
			pth.lineTo(x, y)
		case "c":
			x, y := g.ctm.mul(w.page).apply(num(4), num(5))
			pth.lineTo(x, y)
			pth.curve()
		case "v", "y":
			x, y := g.ctm.mul(w.page).apply(num(2), num(3))
			pth.lineTo(x, y)
			pth.curve()
		case "h":
			pth.closePath()
		case "re":
			m := g.ctm.mul(w.page)
			x, y, wd, ht := num(0), num(1), num(2), num(3)
			pts := [][2]float64{}
			for _, c := range [][2]float64{{x, y}, {x + wd, y}, {x + wd, y + ht}, {x, y + ht}, {x, y}} {
				px, py := m.apply(c[0], c[1])
				pts = append(pts, [2]float64{px, py})
			}
			pth.flush(false)
			pth.subpaths = append(pth.subpaths, pts)
			pth.closed = append(pth.closed, true)
		case "W", "W*":
			clipNext = true
		case "S", "s":
			if op == "s" {
				pth.closePath()
			}
			w.stroke(&pth, g)
			endPath()
		case "f", "F", "f*":
			w.fillPath(&pth, g)
			endPath()
		case "B", "B*", "b", "b*":
			if op == "b" || op == "b*" {
				pth.closePath()
			}
			w.fillPath(&pth, g)
			w.stroke(&pth, g)
			endPath()
		case "n":
			endPath()

		// text
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = w.fonts.get(res.Key("Font").Key(name))
					fonts[name] = f
				}
				g.font = f
				g.fontSize = num(1)
			}
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.rise = num(0)
		case "Td":
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "TD":
			g.tl = -num(1)
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) == 1 {
				w.show(args[0].RawString(), &g, &tm)
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				args = args[2:]
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if len(args) == 1 {
				w.show(args[0].RawString(), &g, &tm)
			}
		case "TJ":
			if len(args) != 1 {
				break
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					w.show(x.RawString(), &g, &tm)
				} else {
					tx := -x.Float64() / 1000 * g.fontSize * g.th
					tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
				}
			}

		// external objects
		case "Do":
			if len(args) != 1 {
				break
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Key("Subtype").Name() != "Form" || w.depth >= maxFormDepth {
				break
			}
			fg := g
			if mx := xo.Key("Matrix"); mx.Len() == 6 {
				var fm matrix
				for i := range fm {
					fm[i] = mx.Index(i).Float64()
				}
				fg.ctm = fm.mul(g.ctm)
			}
			fres := xo.Key("Resources")
			if fres.Kind() == pdf.Null {
				fres = res
			}
			w.depth++
			w.run(xo, fres, fg)
			w.depth--
		}
	})
}

// curve marks the current subpath as containing curves: such paths are
// neither ruling lines nor cell backgrounds.
func (p *path) curve() {
	if len(p.cur) > 0 {
		p.cur = append(p.cur, [2]float64{math.NaN(), math.NaN()})
	}
}

// show lays out the glyphs of one shown string and advances the text matrix.
func (w *walker) show(s string, g *gstate, tm *matrix) {
	f := g.font
	if f == nil {
		return
	}
	th := g.th
	f.codes(s, func(code uint32, n int) {
		gi := f.glyph(code, n)
		w0 := gi.width
		trm := matrix{g.fontSize * th, 0, 0, g.fontSize, 0, g.rise}.mul(*tm).mul(g.ctm).mul(w.page)
		x0, y0 := trm.apply(0, 0)
		x1, _ := trm.apply(w0, 0)
		size := trm.scaleY() * f.sizeScale
		upright := math.Abs(trm[1]) < 1e-6*math.Abs(trm[0]) && trm[0] > 0
		// A glyph clipped away is not printed (engines that print one long
		// canvas page by page clip what falls on the next page).
		visible := !g.clipped || g.clip.Contains((math.Min(x0, x1)+math.Max(x0, x1))/2, y0-0.3*size, 0.5)
		if gi.text != "" && visible {
			w.glyphs = append(w.glyphs, glyph{text: gi.text, x0: math.Min(x0, x1), x1: math.Max(x0, x1), baseline: y0, size: size, bold: f.bold, upright: upright})
			w.stats.add(f, gi)
		}
		tx := w0*g.fontSize + g.tc
		if n == 1 && code == 32 { // word spacing applies to the single-byte code 32 only
			tx += g.tw
		}
		tx *= th
		*tm = matrix{1, 0, 0, 1, tx, 0}.mul(*tm)
	})
}

// hairline is the thickness below which a filled rectangle is a ruling
// line rather than a filled area.
const hairline = 2.0

func (w *walker) stroke(p *path, g gstate) {
	p.flush(false)
	lw := g.lineWidth * g.ctm.mul(w.page).scaleX()
	for _, sp := range p.subpaths {
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
				w.segs = append(w.segs, segment{a[0], a[1], b[0], b[1], lw})
			}
		}
	}
}

func (w *walker) fillPath(p *path, g gstate) {
	p.flush(false)
	for _, sp := range p.subpaths {
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
				w.segs = append(w.segs, segment{r.X0, y, r.X1, y, r.H()})
			} else {
				x := (r.X0 + r.X1) / 2
				w.segs = append(w.segs, segment{x, r.Y0, x, r.Y1, r.W()})
			}
			continue
		}
		w.nfill++
		w.fills = append(w.fills, fill{r: r, color: g.fill, order: w.nfill})
	}
}

// flatten joins subpaths into one list of points, for their bounds.
func flatten(sps [][][2]float64) [][2]float64 {
	var out [][2]float64
	for _, sp := range sps {
		out = append(out, sp...)
	}
	return out
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
// reports whether the subpath was such a mark.
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
	cy := (minY + maxY) / 2
	w.glyphs = append(w.glyphs, glyph{text: text, x0: minX, x1: maxX, baseline: cy + 0.27*size, size: size, upright: true})
	return true
}

// colorSpace resolves the operand of cs/CS to a family name and its number
// of components (0 for patterns and spaces whose colour cannot be told).
func colorSpace(res pdf.Value, args []pdf.Value) (string, int) {
	if len(args) != 1 {
		return "", 0
	}
	name := args[0].Name()
	switch name {
	case "DeviceGray", "G", "CalGray":
		return "DeviceGray", 1
	case "DeviceRGB", "RGB", "CalRGB":
		return "DeviceRGB", 3
	case "DeviceCMYK", "CMYK":
		return "DeviceCMYK", 4
	case "Pattern":
		return "Pattern", 0
	}
	cs := res.Key("ColorSpace").Key(name)
	return resolveSpace(cs, 0)
}

func resolveSpace(cs pdf.Value, depth int) (string, int) {
	if depth > 4 {
		return "", 0
	}
	if cs.Kind() == pdf.Name {
		switch cs.Name() {
		case "DeviceGray", "CalGray":
			return "DeviceGray", 1
		case "DeviceRGB", "CalRGB":
			return "DeviceRGB", 3
		case "DeviceCMYK":
			return "DeviceCMYK", 4
		}
		return "", 0
	}
	if cs.Kind() != pdf.Array || cs.Len() == 0 {
		return "", 0
	}
	switch cs.Index(0).Name() {
	case "CalGray":
		return "DeviceGray", 1
	case "CalRGB", "Lab":
		return "DeviceRGB", 3
	case "ICCBased":
		switch cs.Index(1).Key("N").Int64() {
		case 1:
			return "DeviceGray", 1
		case 3:
			return "DeviceRGB", 3
		case 4:
			return "DeviceCMYK", 4
		}
		if alt := cs.Index(1).Key("Alternate"); alt.Kind() != pdf.Null {
			return resolveSpace(alt, depth+1)
		}
	case "Separation":
		return "Separation", 1
	case "DeviceN":
		return "DeviceN", cs.Index(1).Len()
	}
	return "", 0
}

func initialColor(n int) Color {
	switch n {
	case 0:
		return Color{Pattern: true}
	case 4:
		return cmyk(0, 0, 0, 1)
	}
	return black
}

func colorFrom(space string, n int, args []pdf.Value) Color {
	nums := make([]float64, 0, 4)
	for _, a := range args {
		if a.Kind() == pdf.Integer || a.Kind() == pdf.Real {
			nums = append(nums, a.Float64())
		}
	}
	switch {
	case space == "Separation" && len(nums) >= 1:
		return gray(1 - nums[0]) // a tint: 0 is paper, 1 full ink
	case space == "DeviceN":
		t := 0.0
		for _, v := range nums {
			t = math.Max(t, v)
		}
		return gray(1 - t)
	case n == 1 && len(nums) >= 1:
		return gray(nums[0])
	case n == 3 && len(nums) >= 3:
		return Color{nums[0], nums[1], nums[2], false}
	case n == 4 && len(nums) >= 4:
		return cmyk(nums[0], nums[1], nums[2], nums[3])
	}
	return Color{Pattern: true}
}
