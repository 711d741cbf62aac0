package extract

import (
	"math"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Diacritical marks as combining characters.
const (
	markGrave       = '\u0300'
	markAcute       = '\u0301'
	markCircumflex  = '\u0302'
	markTilde       = '\u0303'
	markMacron      = '\u0304'
	markDotAbove    = '\u0307'
	markDieresis    = '\u0308'
	markRing        = '\u030A'
	markDoubleAcute = '\u030B'
	markCaron       = '\u030C'
	markBreve       = '\u0306'
	markCedilla     = '\u0327'
	markOgonek      = '\u0328'
)

// spacingMarks maps the spacing forms of diacritical marks, as fonts map
// their accent glyphs, to the combining marks.
var spacingMarks = map[rune]rune{
	'`': markGrave, '\u00B4': markAcute, '^': markCircumflex, '\u02C6': markCircumflex,
	'~': markTilde, '\u02DC': markTilde, '\u00AF': markMacron, '\u02C9': markMacron,
	'\u02D8': markBreve, '\u02D9': markDotAbove, '\u00A8': markDieresis, '\u02DA': markRing,
	'\u02DD': markDoubleAcute, '\u02C7': markCaron, '\u00B8': markCedilla, '\u02DB': markOgonek,
}

// markOf returns the combining mark a glyph's text stands for.
func markOf(text string) (rune, bool) {
	r, n := utf8.DecodeRuneInString(text)
	if n != len(text) {
		return 0, false
	}
	if unicode.Is(unicode.Mn, r) {
		return r, true
	}
	m, ok := spacingMarks[r]
	return m, ok
}

// composite returns the text of a composite TrueType glyph built of a
// letter and diacritical marks ("à" as "a" and a grave accent): the
// letter is a component whose text is known (or a dotless i or j whose
// outline is that of a known "i" or "j" without its dot), each mark a
// component whose text is a known accent or whose outline is one of the
// shapes of the common marks, placed above or below the letter.
func (f *font) composite(gid, depth int) (string, bool) {
	t := f.rec.ttf
	comps, ok := t.components(gid)
	if !ok || len(comps) < 2 || len(comps) > 4 {
		return "", false
	}
	base, bi := "", -1
	for i, c := range comps {
		if txt, ok := f.glyphKnown(c.glyph, depth); ok && isLetter(txt) {
			base, bi = txt, i
			break
		}
	}
	if bi < 0 {
		for i, c := range comps {
			if l, ok := f.dotless(c.glyph); ok {
				base, bi = l, i
				break
			}
		}
	}
	if bi < 0 {
		return "", false
	}
	bb, _, _, ok := t.box(comps[bi].glyph)
	if !ok {
		return "", false
	}
	bb = glyphBox{bb.x0 + comps[bi].dx, bb.y0 + comps[bi].dy, bb.x1 + comps[bi].dx, bb.y1 + comps[bi].dy}
	marks := make([]rune, 0, len(comps)-1)
	for i, c := range comps {
		if i == bi {
			continue
		}
		if txt, ok := f.glyphKnown(c.glyph, depth); ok {
			m, ok := markOf(txt)
			if !ok {
				return "", false
			}
			marks = append(marks, m)
			continue
		}
		m, ok := f.classifyMark(c, bb)
		if !ok {
			return "", false
		}
		marks = append(marks, m)
	}
	// A mark above a dotless i or j takes the place of the dot.
	switch base {
	case "\u0131":
		base = "i"
	case "\u0237":
		base = "j"
	}
	return norm.NFC.String(base + string(marks)), true
}

func isLetter(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && n > 0 && unicode.IsLetter(r)
}

// glyphKnown returns the known text of a glyph, or that of a composite
// one level down.
func (f *font) glyphKnown(g, depth int) (string, bool) {
	if t, ok := f.rec.known[g]; ok {
		return t, true
	}
	if depth < 1 {
		return f.composite(g, depth+1)
	}
	return "", false
}

// dotless reports whether glyph g is a dotless i or j: its outline is
// that of the font's known "i" (or "j") without the dot.
func (f *font) dotless(g int) (string, bool) {
	t := f.rec.ttf
	cs, ok := t.contours(g)
	if !ok {
		return "", false
	}
	cs = solid(cs)
	if len(cs) == 0 {
		return "", false
	}
	for k, txt := range f.rec.known {
		if txt != "i" && txt != "j" {
			continue
		}
		full, ok := t.contours(k)
		if !ok {
			continue
		}
		full = solid(full)
		if len(full) != len(cs)+1 {
			continue
		}
		matched := 0
		for _, c := range cs {
			for _, d := range full {
				if samePoints(c, d) {
					matched++
					break
				}
			}
		}
		if matched == len(cs) {
			return txt, true
		}
	}
	return "", false
}

// solid drops the contours of fewer than three points (anchors).
func solid(cs [][]point) [][]point {
	out := cs[:0:0]
	for _, c := range cs {
		if len(c) >= 3 {
			out = append(out, c)
		}
	}
	return out
}

func samePoints(a, b []point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shape is the outline of one contour of a mark, measured.
type shape struct {
	x0, y0, x1, y1 float64
	// left and right are the heights of the contour's ends, from 0 at
	// its bottom to 1 at its top: a grave accent runs from high at the
	// left to low at the right, a circumflex is low at both ends.
	left, right float64
	top, bottom float64 // mean x of the points near the top and the bottom
	n           int
	curved      float64 // share of the points that are control points of curves
	fill        float64 // area of the contour over that of its box
}

func measure(c []point, dx, dy int) shape {
	s := shape{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1), n: len(c)}
	off := 0
	for _, p := range c {
		x, y := float64(p.x+dx), float64(p.y+dy)
		s.x0, s.x1 = math.Min(s.x0, x), math.Max(s.x1, x)
		s.y0, s.y1 = math.Min(s.y0, y), math.Max(s.y1, y)
		if p.off {
			off++
		}
	}
	s.curved = float64(off) / float64(len(c))
	w, h := s.x1-s.x0, s.y1-s.y0
	area := 0.0
	for i := range c {
		a, b := c[i], c[(i+1)%len(c)]
		area += float64(a.x)*float64(b.y) - float64(b.x)*float64(a.y)
	}
	if w > 0 && h > 0 {
		s.fill = math.Abs(area) / 2 / (w * h)
	}
	var ln, rn, tn, bn int
	for _, p := range c {
		x, y := float64(p.x+dx), float64(p.y+dy)
		ny := 0.5
		if h > 0 {
			ny = (y - s.y0) / h
		}
		if !p.off && x <= s.x0+0.12*w { // the ends are judged by points on the outline
			s.left += ny
			ln++
		}
		if !p.off && x >= s.x1-0.12*w {
			s.right += ny
			rn++
		}
		if y >= s.y1-0.2*h {
			s.top += x
			tn++
		}
		if y <= s.y0+0.2*h {
			s.bottom += x
			bn++
		}
	}
	if ln == 0 || rn == 0 {
		s.left, s.right = 0.5, 0.5 // no end to judge by
	} else {
		s.left /= float64(ln)
		s.right /= float64(rn)
	}
	s.top /= float64(tn)
	s.bottom /= float64(bn)
	return s
}

// classifyMark tells a diacritical mark by its outline, placed by the
// component's offset against the letter's box. Above the letter, one
// contour: a small blob is a dot, a flat bar a macron; a stroke from low
// at the left to high at the right an acute accent (wide and curved, a
// tilde), from high to low a grave accent; low at both ends a circumflex
// (straight) or an inverted breve (round), high at both ends a caron
// (straight) or a breve (round); an acute beside the top of the letter
// is the caron of ť, ď, ľ. Two blobs side by side are a dieresis, two
// tall slanted strokes a double acute, one contour inside the other a
// ring. Below the letter a hook whose tail ends at the left is a cedilla, at
// the right an ogonek.
// Anything else is not told.
func (f *font) classifyMark(c component, base glyphBox) (rune, bool) {
	t := f.rec.ttf
	cs, ok := t.contours(c.glyph)
	if !ok {
		return 0, false
	}
	return classifyMark(cs, c.dx, c.dy, base, float64(t.unitsPerEm))
}

// classifyMark classifies the contours of a mark glyph placed at (dx, dy)
// against the box of its letter, in a font of em units.
func classifyMark(cs [][]point, dx, dy int, base glyphBox, em float64) (rune, bool) {
	cs = solid(cs)
	if len(cs) == 0 || len(cs) > 2 {
		return 0, false
	}
	ss := make([]shape, len(cs))
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, ct := range cs {
		ss[i] = measure(ct, dx, dy)
		x0, y0 = math.Min(x0, ss[i].x0), math.Min(y0, ss[i].y0)
		x1, y1 = math.Max(x1, ss[i].x1), math.Max(y1, ss[i].y1)
	}
	bh := float64(base.y1 - base.y0)
	cy := (y0 + y1) / 2
	above := cy > float64(base.y1)-0.02*em && y0 > float64(base.y0)+0.4*bh
	below := cy < float64(base.y0)+0.1*em && y1 < float64(base.y0)+0.3*bh
	if len(ss) == 2 {
		return twoContourMark(ss[0], ss[1], above)
	}
	s := ss[0]
	w, h := s.x1-s.x0, s.y1-s.y0
	if w <= 0 || h <= 0 {
		return 0, false
	}
	bw := float64(base.x1 - base.x0)
	low := func(v float64) bool { return v < 0.4 }
	high := func(v float64) bool { return v > 0.6 }
	straight, round := s.curved < 0.2, s.curved > 0.3
	wide := w > 1.8*h
	switch {
	case below:
		// A comma below, detached (ș, ķ), reads as a cedilla too: the
		// languages that print it so use either.
		if s.bottom > (s.x0+s.x1)/2 {
			return markOgonek, true // its tail ends at the right
		}
		return markCedilla, true
	case !above:
		return 0, false
	case w < 0.35*em && h > 0.6*w && h < 1.6*w && s.fill > 0.6:
		return markDotAbove, true
	case h < 0.35*w && s.n <= 6 && s.fill > 0.8:
		return markMacron, true
	case low(s.left) && high(s.right) && wide && round:
		return markTilde, true
	case low(s.left) && high(s.right) && !wide && s.x0 > float64(base.x1)-0.25*bw && s.y0 < float64(base.y1):
		return markCaron, true // an apostrophe beside the letter
	case low(s.left) && high(s.right) && !wide:
		return markAcute, true
	case high(s.left) && low(s.right) && !wide:
		return markGrave, true
	case low(s.left) && low(s.right) && straight:
		return markCircumflex, true
	case low(s.left) && low(s.right) && round:
		return '\u0311', true // inverted breve
	case high(s.left) && high(s.right) && straight:
		return markCaron, true
	case high(s.left) && high(s.right) && round:
		return markBreve, true
	}
	return 0, false
}

// twoContourMark tells the marks of two contours above a letter.
func twoContourMark(a, b shape, above bool) (rune, bool) {
	if !above {
		return 0, false
	}
	inside := func(p, q shape) bool { return p.x0 >= q.x0 && p.x1 <= q.x1 && p.y0 >= q.y0 && p.y1 <= q.y1 }
	if inside(a, b) || inside(b, a) {
		return markRing, true
	}
	if !(a.x1 < b.x0 || b.x1 < a.x0) {
		return 0, false
	}
	if math.Min(a.y1, b.y1)-math.Max(a.y0, b.y0) < 0.5*math.Min(a.y1-a.y0, b.y1-b.y0) {
		return 0, false
	}
	tall := func(p shape) bool { return p.y1-p.y0 > 1.3*(p.x1-p.x0) }
	switch {
	case tall(a) && tall(b) && slant(a) > 0.15 && slant(b) > 0.15:
		return markDoubleAcute, true
	case !tall(a) && !tall(b) && a.fill > 0.55 && b.fill > 0.55:
		return markDieresis, true // two dots
	}
	return 0, false
}

// slant is how far the top of a stroke lies right of its bottom, as a
// share of its width: positive for "/", negative for "\".
func slant(s shape) float64 {
	w := s.x1 - s.x0
	if w <= 0 {
		return 0
	}
	return (s.top - s.bottom) / w
}
