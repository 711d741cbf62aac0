package extract

import (
	"context"
	"errors"
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
	fillSpace   space
	strokeSpace space
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

// initialState is the graphics state a page starts in.
func initialState() gstate {
	return gstate{ctm: identity, th: 1, fill: black, stroke: black,
		fillSpace: space{"DeviceGray", 1}, strokeSpace: space{"DeviceGray", 1}, lineWidth: 1}
}

// walker interprets the operators of a page's content (and of the form
// XObjects it paints) into glyphs, ruling lines and filled rectangles: one
// loop over the operators its lexer reads.
type walker struct {
	ctx    context.Context
	file   *pdffile.File // decodes the page's streams
	doc    *docCache
	lim    Limits
	num    int    // the page's number
	page   matrix // default user space → page space (y down, rotation applied)
	glyphs []glyph
	segs   []segment
	fills  []fill
	marks  []int // indexes in glyphs of the bullets drawn as shapes
	nfill  int
	depth  int
	ops    int
	shown  int // character codes shown, bullets included
	points int // path points constructed
	// budget is what the page's streams may still decode to; maxStream
	// is the whole (the file's MaxStreamSize).
	budget, maxStream int64
	// search is what the page may still read ahead of candidate ends of
	// its inline images.
	search int64
	err    error // a limit met inside a callback
	sc     *scratch
	stats  textStats // glyphs shown, and those whose text the file lost
	res    pdf.Value // the page's resources
}

// frame is what one content stream's interpretation reuses from page to
// page: its lexer, path and graphics state stack.
type frame struct {
	lex   *lexer
	path  path
	stack []gstate
}

func (w *walker) frame() *frame {
	for len(w.sc.frames) <= w.depth {
		w.sc.frames = append(w.sc.frames, &frame{lex: newLexer(&w.lim)})
	}
	fr := w.sc.frames[w.depth]
	fr.lex.lim = &w.lim
	fr.path.reset()
	fr.stack = fr.stack[:0]
	return fr
}

// tooManyGlyphs records that the page shows more glyphs than its limit
// (once: the codes of a string past the limit are passed over).
func (w *walker) tooManyGlyphs() {
	if w.err == nil {
		w.err = &limitError{"glyphs on one page", w.lim.Glyphs}
	}
}

// errStop marks the context's cancellation inside the walk.
var errStop = errors.New("stopped")

// run interprets one content stream, data (a page's content or a form's),
// with resources res from graphics state g. form names the form XObject,
// empty for the page. Errors are *PageError values, or errStop.
func (w *walker) run(data []byte, res pdf.Value, g gstate, form string) error {
	fr := w.frame()
	l := fr.lex
	l.reset(data)
	err := w.interpret(fr, res, g)
	if err == nil || err == errStop {
		return err
	}
	var pe *PageError
	if errors.As(err, &pe) {
		return err
	}
	off := int64(l.op)
	var le *lexError
	if errors.As(err, &le) {
		off, err = int64(le.off), le.err
	}
	if errors.Is(err, errBudget) {
		err = &tooLarge{w.maxStream}
	}
	return &PageError{Page: w.num, Form: form, Offset: off, Err: err}
}

func (w *walker) interpret(fr *frame, res pdf.Value, g gstate) error {
	l := fr.lex
	pth := &fr.path
	// A W or W* operator makes the current path clip what follows, once
	// the path is painted (or ended by n).
	clipNext := false
	endPath := func() {
		if clipNext {
			pth.flush()
			if r, _ := bounds(pth.pts); len(pth.pts) > 0 {
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
	fonts := map[string]*font{} // this stream's font resources, parsed once
	var fontRes struct {        // its font resource dictionary, read once
		v    pdf.Value
		read bool
	}
	spaces := map[string]space{} // its colour spaces
	spaceOf := func(name []byte) space {
		s, ok := spaces[string(name)]
		if !ok {
			s = colorSpace(res, string(name))
			spaces[string(name)] = s
		}
		return s
	}
	comps := func(name []byte) int { return spaceOf(name).n }
	num := l.num
	point := func(n int) error {
		if w.points += n; w.points > w.lim.Points {
			return &limitError{"path points on one page", w.lim.Points}
		}
		return nil
	}

	for {
		op, err := l.next()
		if err != nil {
			return err
		}
		if op == nil {
			return nil
		}
		w.ops++
		if w.ops&1023 == 0 && w.ctx.Err() != nil {
			return errStop
		}
		if w.ops > w.lim.Operators {
			return &limitError{"operators on one page", w.lim.Operators}
		}
		nargs := l.nargs()
		switch string(op) {
		case "q":
			if len(fr.stack) >= w.lim.SaveDepth {
				return &limitError{"nested graphics states (q)", w.lim.SaveDepth}
			}
			fr.stack = append(fr.stack, g)
		case "Q":
			if n := len(fr.stack); n > 0 {
				g = fr.stack[n-1]
				fr.stack = fr.stack[:n-1]
			}
		case "cm":
			if nargs == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "w":
			g.lineWidth = num(0)

		// colours
		case "g":
			g.fill, g.fillSpace = gray(num(0)), space{"DeviceGray", 1}
		case "G":
			g.stroke, g.strokeSpace = gray(num(0)), space{"DeviceGray", 1}
		case "rg":
			g.fill, g.fillSpace = Color{num(0), num(1), num(2), false}, space{"DeviceRGB", 3}
		case "RG":
			g.stroke, g.strokeSpace = Color{num(0), num(1), num(2), false}, space{"DeviceRGB", 3}
		case "k":
			g.fill, g.fillSpace = cmyk(num(0), num(1), num(2), num(3)), space{"DeviceCMYK", 4}
		case "K":
			g.stroke, g.strokeSpace = cmyk(num(0), num(1), num(2), num(3)), space{"DeviceCMYK", 4}
		case "cs", "CS":
			s := space{}
			if nargs == 1 {
				s = spaceOf(nameOf(l.arg(0)))
			}
			if op[0] == 'c' {
				g.fillSpace, g.fill = s, initialColor(s.n)
			} else {
				g.strokeSpace, g.stroke = s, initialColor(s.n)
			}
		case "sc", "scn":
			g.fill = colorFrom(g.fillSpace, l)
		case "SC", "SCN":
			g.stroke = colorFrom(g.strokeSpace, l)

		// paths
		case "m", "l":
			if err := point(1); err != nil {
				return err
			}
			x, y := g.ctm.mul(w.page).apply(num(0), num(1))
			if op[0] == 'm' {
				pth.moveTo(x, y)
			} else {
				pth.lineTo(x, y)
			}
		case "c", "v", "y":
			if err := point(2); err != nil {
				return err
			}
			i := 2
			if op[0] == 'c' {
				i = 4
			}
			x, y := g.ctm.mul(w.page).apply(num(i), num(i+1))
			pth.lineTo(x, y)
			pth.curve()
		case "h":
			if err := point(1); err != nil {
				return err
			}
			pth.closePath()
		case "re":
			if err := point(5); err != nil {
				return err
			}
			m := g.ctm.mul(w.page)
			x, y, wd, ht := num(0), num(1), num(2), num(3)
			var pts [5][2]float64
			for i, c := range [5][2]float64{{x, y}, {x + wd, y}, {x + wd, y + ht}, {x, y + ht}, {x, y}} {
				pts[i][0], pts[i][1] = m.apply(c[0], c[1])
			}
			pth.rect(pts)
		case "W", "W*":
			clipNext = true
		case "S", "s":
			if op[0] == 's' {
				pth.closePath()
			}
			w.stroke(pth, &g)
			endPath()
		case "f", "F", "f*":
			w.fillPath(pth, &g)
			endPath()
		case "B", "B*", "b", "b*":
			if op[0] == 'b' {
				pth.closePath()
			}
			w.fillPath(pth, &g)
			w.stroke(pth, &g)
			endPath()
		case "n":
			endPath()

		// text
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if nargs == 2 {
				name := nameOf(l.arg(0))
				f, ok := fonts[string(name)]
				if !ok {
					key := string(name)
					if !fontRes.read {
						fontRes.v, fontRes.read = res.Key("Font"), true
					}
					f = w.doc.font(fontRes.v, key)
					fonts[key] = f
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
			if nargs == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if nargs == 1 {
				w.show(stringOf(l.arg(0)), &g, &tm)
			}
		case "'", "\"":
			first := 0
			if op[0] == '"' && nargs == 3 {
				g.tw, g.tc = num(0), num(1)
				first = 2
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if nargs-first == 1 {
				w.show(stringOf(l.arg(first)), &g, &tm)
			}
		case "TJ":
			if nargs != 1 || l.arg(0).kind != kArray {
				break
			}
			el, base := l.elems(0)
			for j := 0; j < len(el); j = skip(el, j, base) {
				if x := el[j]; x.kind == kString {
					w.show(x.b, &g, &tm)
				} else {
					v := 0.0
					if x.kind == kNumber {
						v = x.num
					}
					tx := -v / 1000 * g.fontSize * g.th
					tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
				}
			}

		// inline images and external objects
		case "BI":
			if err := l.inlineImage(comps, &w.budget, &w.search); err != nil {
				return err
			}
		case "Do":
			if nargs == 1 {
				if err := w.paintForm(res, string(nameOf(l.arg(0))), g); err != nil {
					return err
				}
			}
		}
		// Marked content (BMC, BDC, EMC, MP, DP), Type 3 glyph metrics
		// (d0, d1), shadings (sh), line styles, rendering intents and
		// graphics state dictionaries (gs) change nothing the walker
		// records; unknown operators are ignored, as readers do.
		if w.err != nil {
			return w.err
		}
	}
}

// paintForm interprets the form XObject named name in res.
func (w *walker) paintForm(res pdf.Value, name string, g gstate) error {
	xo := res.Key("XObject").Key(name)
	if xo.Key("Subtype").Name() != "Form" {
		return nil // images paint nothing the walker records
	}
	if w.depth >= w.lim.FormDepth {
		return &limitError{"nested form XObjects", w.lim.FormDepth}
	}
	data, err := w.decode(xo)
	if err != nil {
		return &PageError{Page: w.num, Form: name, Offset: -1, Err: err}
	}
	if mx := xo.Key("Matrix"); mx.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = mx.Index(i).Float64()
		}
		g.ctm = fm.mul(g.ctm)
	}
	fres := xo.Key("Resources")
	if fres.Kind() == pdf.Null {
		fres = res
	}
	w.depth++
	err = w.run(data, fres, g, name)
	w.depth--
	return err
}

// nameOf returns the bytes of a name operand, nil for any other.
func nameOf(o object) []byte {
	if o.kind == kName {
		return o.b
	}
	return nil
}

// stringOf returns the bytes of a string operand, nil for any other.
func stringOf(o object) []byte {
	if o.kind == kString {
		return o.b
	}
	return nil
}

// show lays out the glyphs of one shown string and advances the text
// matrix. It is the one place where a glyph's position is computed.
func (w *walker) show(s []byte, g *gstate, tm *matrix) {
	f := g.font
	if f == nil || len(s) == 0 {
		return
	}
	th := g.th
	f.codes(s, func(code uint32, n int) {
		if w.shown++; w.shown > w.lim.Glyphs {
			w.tooManyGlyphs()
			return
		}
		gi := f.glyph(code, n)
		w0 := gi.width
		trm := textRender(g.fontSize*th, g.fontSize, g.rise, tm, &g.ctm, &w.page)
		x0, y0 := trm.apply(0, 0)
		x1, _ := trm.apply(w0, 0)
		size := trm.scaleY() * f.sizeScale
		upright := math.Abs(trm[1]) < 1e-6*math.Abs(trm[0]) && trm[0] > 0
		// A glyph clipped away is not printed (engines that print one long
		// canvas page by page clip what falls on the next page).
		visible := !g.clipped || g.clip.Contains((math.Min(x0, x1)+math.Max(x0, x1))/2, y0-0.3*size, 0.5)
		if gi.text != "" && visible {
			w.glyphs = push(w.glyphs, glyph{text: gi.text, x0: math.Min(x0, x1), x1: math.Max(x0, x1), baseline: y0, size: size, bold: f.bold, upright: upright})
			w.stats.add(f, gi)
		}
		tx := w0*g.fontSize + g.tc
		if n == 1 && code == 32 { // word spacing applies to the single-byte code 32 only
			tx += g.tw
		}
		tx *= th
		translate(tm, tx)
	})
}

// textRender is the text rendering matrix of a glyph,
// [a 0 0 d 0 rise]·tm·ctm·page, its products written out as matrix.mul
// computes them, term by term and in its order, so that it is the same to
// the last bit (products by zero included: they tell -0 from 0 and
// carry NaN as mul does).
func textRender(a, d, rise float64, tm, ctm, page *matrix) matrix {
	var p, q, r matrix
	p[0] = a*tm[0] + 0*tm[2]
	p[1] = a*tm[1] + 0*tm[3]
	p[2] = 0*tm[0] + d*tm[2]
	p[3] = 0*tm[1] + d*tm[3]
	p[4] = 0*tm[0] + rise*tm[2] + tm[4]
	p[5] = 0*tm[1] + rise*tm[3] + tm[5]
	n := ctm
	q[0] = p[0]*n[0] + p[1]*n[2]
	q[1] = p[0]*n[1] + p[1]*n[3]
	q[2] = p[2]*n[0] + p[3]*n[2]
	q[3] = p[2]*n[1] + p[3]*n[3]
	q[4] = p[4]*n[0] + p[5]*n[2] + n[4]
	q[5] = p[4]*n[1] + p[5]*n[3] + n[5]
	n = page
	r[0] = q[0]*n[0] + q[1]*n[2]
	r[1] = q[0]*n[1] + q[1]*n[3]
	r[2] = q[2]*n[0] + q[3]*n[2]
	r[3] = q[2]*n[1] + q[3]*n[3]
	r[4] = q[4]*n[0] + q[5]*n[2] + n[4]
	r[5] = q[4]*n[1] + q[5]*n[3] + n[5]
	return r
}

// translate sets tm to [1 0 0 1 tx 0]·tm, as matrix.mul computes it.
func translate(tm *matrix, tx float64) {
	m0, m1, m2, m3, m4, m5 := tm[0], tm[1], tm[2], tm[3], tm[4], tm[5]
	tm[0] = 1*m0 + 0*m2
	tm[1] = 1*m1 + 0*m3
	tm[2] = 0*m0 + 1*m2
	tm[3] = 0*m1 + 1*m3
	tm[4] = tx*m0 + 0*m2 + m4
	tm[5] = tx*m1 + 0*m3 + m5
}
