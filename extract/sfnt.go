package extract

import (
	"errors"
	"sort"
)

// Bounds on what is read of a font program.
const (
	maxCmapChars   = 1 << 17 // characters read of the cmap subtables
	maxGlyphPoints = 1 << 14 // points of one glyph outline
	maxComponents  = 64      // components of one composite glyph
)

var errFontProgram = errors.New("damaged font program")

// sfntTable is where a table lies in the font program.
type sfntTable struct {
	off, n int
	ok     bool
}

// sfnt is what the extractor reads of a TrueType or OpenType font
// program: its character maps, glyph names and the structure of its
// glyph outlines. Every read is bounds-checked; a damaged table reads as
// absent.
type sfnt struct {
	data       []byte
	numGlyphs  int
	unitsPerEm int
	locaLong   bool
	loca, glyf sfntTable
	// unicode maps characters to glyphs: the (3,1), (3,10) and (0,x)
	// subtables of cmap.
	unicode map[rune]uint16
	// symbol maps the codes of the (3,0) subtable (a symbolic font's own
	// codes, often 0xF000 plus a byte) to glyphs.
	symbol map[uint32]uint16
	// mac maps the codes of the (1,0) subtable to glyphs; hasMac is set
	// when the font has one.
	mac    [256]uint16
	hasMac bool
	// names are the glyph names of the post table, by glyph.
	names []string
	// cff is the CFF program of an OpenType font with PostScript outlines.
	cff *cffFont
	// byGlyph inverts unicode: the character of each glyph.
	byGlyph map[uint16]rune
}

func be16(b []byte, off int) (int, bool) {
	if off < 0 || off+2 > len(b) {
		return 0, false
	}
	return int(b[off])<<8 | int(b[off+1]), true
}

func be32(b []byte, off int) (uint32, bool) {
	if off < 0 || off+4 > len(b) {
		return 0, false
	}
	return uint32(b[off])<<24 | uint32(b[off+1])<<16 | uint32(b[off+2])<<8 | uint32(b[off+3]), true
}

// parseSFNT reads a TrueType or OpenType font program (the first font of
// a collection).
func parseSFNT(data []byte) (*sfnt, error) {
	tag, ok := be32(data, 0)
	if !ok {
		return nil, errFontProgram
	}
	base := 0
	if tag == 0x74746366 { // 'ttcf'
		off, ok := be32(data, 12)
		if !ok || int(off) >= len(data) {
			return nil, errFontProgram
		}
		base = int(off)
		if tag, ok = be32(data, base); !ok {
			return nil, errFontProgram
		}
	}
	switch tag {
	case 0x00010000, 0x74727565, 0x4F54544F: // 1.0, 'true', 'OTTO'
	default:
		return nil, errFontProgram
	}
	n, ok := be16(data, base+4)
	if !ok || n > 256 {
		return nil, errFontProgram
	}
	f := &sfnt{data: data, unitsPerEm: 1000}
	tables := map[uint32]sfntTable{}
	for i := 0; i < n; i++ {
		rec := base + 12 + 16*i
		t, ok1 := be32(data, rec)
		off, ok2 := be32(data, rec+8)
		ln, ok3 := be32(data, rec+12)
		if !ok1 || !ok2 || !ok3 {
			return nil, errFontProgram
		}
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			// A table cut short by a damaged file reads as far as it goes.
			if int64(off) >= int64(len(data)) {
				continue
			}
			ln = uint32(len(data)) - off
		}
		tables[t] = sfntTable{int(off), int(ln), true}
	}
	get := func(tag string) sfntTable {
		return tables[uint32(tag[0])<<24|uint32(tag[1])<<16|uint32(tag[2])<<8|uint32(tag[3])]
	}
	if h := get("head"); h.ok {
		if u, ok := be16(data, h.off+18); ok && u >= 16 && u <= 16384 {
			f.unitsPerEm = u
		}
		if l, ok := be16(data, h.off+50); ok {
			f.locaLong = l == 1
		}
	}
	if m := get("maxp"); m.ok {
		f.numGlyphs, _ = be16(data, m.off+4)
	}
	f.loca, f.glyf = get("loca"), get("glyf")
	if c := get("cmap"); c.ok {
		f.readCmap(c)
		f.invertUnicode()
	}
	if p := get("post"); p.ok {
		f.readPost(p)
	}
	if c := get("CFF "); c.ok {
		if cf, err := parseCFF(data[c.off : c.off+c.n]); err == nil {
			f.cff = cf
			if f.numGlyphs == 0 {
				f.numGlyphs = cf.numGlyphs
			}
		}
	}
	return f, nil
}

// readCmap reads the subtables of the cmap table the extractor uses.
func (f *sfnt) readCmap(t sfntTable) {
	b := f.data[t.off : t.off+t.n]
	n, ok := be16(b, 2)
	if !ok {
		return
	}
	budget := maxCmapChars
	for i := 0; i < n && i < 64; i++ {
		pid, _ := be16(b, 4+8*i)
		eid, _ := be16(b, 6+8*i)
		off, ok := be32(b, 8+8*i)
		if !ok || int64(off) >= int64(len(b)) {
			continue
		}
		switch {
		case pid == 3 && (eid == 1 || eid == 10), pid == 0:
			if f.unicode == nil {
				f.unicode = map[rune]uint16{}
			}
			readCmapSubtable(b[off:], &budget, func(c uint32, g uint16) {
				if _, seen := f.unicode[rune(c)]; !seen {
					f.unicode[rune(c)] = g
				}
			})
		case pid == 3 && eid == 0:
			if f.symbol == nil {
				f.symbol = map[uint32]uint16{}
			}
			readCmapSubtable(b[off:], &budget, func(c uint32, g uint16) { f.symbol[c] = g })
		case pid == 1 && eid == 0:
			f.hasMac = true
			readCmapSubtable(b[off:], &budget, func(c uint32, g uint16) {
				if c < 256 {
					f.mac[c] = g
				}
			})
		}
	}
}

// readCmapSubtable calls fn with each character and glyph of a cmap
// subtable of format 0, 4, 6 or 12, within budget characters.
func readCmapSubtable(b []byte, budget *int, fn func(c uint32, g uint16)) {
	format, ok := be16(b, 0)
	if !ok {
		return
	}
	emit := func(c uint32, g int) bool {
		if *budget <= 0 {
			return false
		}
		*budget--
		if g != 0 {
			fn(c, uint16(g))
		}
		return true
	}
	switch format {
	case 0:
		for c := 0; c < 256 && 6+c < len(b); c++ {
			if !emit(uint32(c), int(b[6+c])) {
				return
			}
		}
	case 4:
		segX2, ok := be16(b, 6)
		if !ok {
			return
		}
		seg := segX2 / 2
		ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
		for i := 0; i < seg; i++ {
			end, ok1 := be16(b, ends+2*i)
			start, ok2 := be16(b, starts+2*i)
			delta, ok3 := be16(b, deltas+2*i)
			ro, ok4 := be16(b, ranges+2*i)
			if !ok1 || !ok2 || !ok3 || !ok4 || start > end {
				continue
			}
			for c := start; c <= end && c != 0xFFFF; c++ {
				g := 0
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else {
					at := ranges + 2*i + ro + 2*(c-start)
					v, ok := be16(b, at)
					if !ok {
						break
					}
					if v != 0 {
						g = (v + delta) & 0xFFFF
					}
				}
				if !emit(uint32(c), g) {
					return
				}
			}
		}
	case 6:
		first, ok1 := be16(b, 6)
		count, ok2 := be16(b, 8)
		if !ok1 || !ok2 {
			return
		}
		for i := 0; i < count; i++ {
			g, ok := be16(b, 10+2*i)
			if !ok || !emit(uint32(first+i), g) {
				return
			}
		}
	case 12:
		groups, ok := be32(b, 12)
		if !ok {
			return
		}
		for i := 0; i < int(groups) && i < maxCmapChars; i++ {
			start, ok1 := be32(b, 16+12*i)
			end, ok2 := be32(b, 20+12*i)
			g, ok3 := be32(b, 24+12*i)
			if !ok1 || !ok2 || !ok3 || end < start || end > 0x10FFFF {
				return
			}
			for c := start; c <= end; c++ {
				if g+(c-start) > 0xFFFF || !emit(c, int(g+(c-start))) {
					return
				}
			}
		}
	}
}

// readPost reads the glyph names of the post table (formats 1, 2 and
// 2.5; format 3 has none).
func (f *sfnt) readPost(t sfntTable) {
	b := f.data[t.off : t.off+t.n]
	version, ok := be32(b, 0)
	if !ok {
		return
	}
	switch version {
	case 0x00010000:
		f.names = macGlyphNames[:]
	case 0x00020000:
		n, ok := be16(b, 32)
		if !ok {
			return
		}
		idx := make([]int, n)
		for i := range idx {
			if idx[i], ok = be16(b, 34+2*i); !ok {
				return
			}
		}
		var extra []string
		for p := 34 + 2*n; p < len(b) && len(extra) < 1<<16; {
			l := int(b[p])
			if p+1+l > len(b) {
				break
			}
			extra = append(extra, string(b[p+1:p+1+l]))
			p += 1 + l
		}
		f.names = make([]string, n)
		for i, x := range idx {
			switch {
			case x < len(macGlyphNames):
				f.names[i] = macGlyphNames[x]
			case x-len(macGlyphNames) < len(extra):
				f.names[i] = extra[x-len(macGlyphNames)]
			}
		}
	case 0x00025000:
		n, ok := be16(b, 32)
		if !ok {
			return
		}
		f.names = make([]string, 0, n)
		for i := 0; i < n && 34+i < len(b); i++ {
			x := i + int(int8(b[34+i]))
			name := ""
			if x >= 0 && x < len(macGlyphNames) {
				name = macGlyphNames[x]
			}
			f.names = append(f.names, name)
		}
	}
}

// glyphName returns the post (or CFF) name of glyph g.
func (f *sfnt) glyphName(g int) string {
	if g >= 0 && g < len(f.names) {
		return f.names[g]
	}
	if f.cff != nil {
		return f.cff.glyphName(g)
	}
	return ""
}

// invertUnicode builds byGlyph: the character of each glyph is the lowest
// the Unicode subtables map to it that is not a private-use character,
// else the lowest.
func (f *sfnt) invertUnicode() {
	if len(f.unicode) == 0 {
		return
	}
	f.byGlyph = make(map[uint16]rune, len(f.unicode))
	rs := make([]rune, 0, len(f.unicode))
	for r := range f.unicode {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		pi, pj := isPrivateUse(rs[i]), isPrivateUse(rs[j])
		if pi != pj {
			return pj
		}
		return rs[i] < rs[j]
	})
	for _, r := range rs {
		g := f.unicode[r]
		if _, ok := f.byGlyph[g]; !ok {
			f.byGlyph[g] = r
		}
	}
}

// glyphRune returns the character the Unicode cmap subtables give glyph g.
func (f *sfnt) glyphRune(g uint16) (rune, bool) {
	r, ok := f.byGlyph[g]
	return r, ok
}

func isPrivateUse(r rune) bool {
	return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000
}

// glyphData returns the bytes of glyph g in the glyf table (nil for an
// empty glyph).
func (f *sfnt) glyphData(g int) ([]byte, bool) {
	if !f.loca.ok || !f.glyf.ok || g < 0 || (f.numGlyphs > 0 && g >= f.numGlyphs) {
		return nil, false
	}
	var start, end int
	if f.locaLong {
		a, ok1 := be32(f.data, f.loca.off+4*g)
		b, ok2 := be32(f.data, f.loca.off+4*g+4)
		if !ok1 || !ok2 || 4*g+8 > f.loca.n {
			return nil, false
		}
		start, end = int(a), int(b)
	} else {
		a, ok1 := be16(f.data, f.loca.off+2*g)
		b, ok2 := be16(f.data, f.loca.off+2*g+2)
		if !ok1 || !ok2 || 2*g+4 > f.loca.n {
			return nil, false
		}
		start, end = 2*a, 2*b
	}
	if end < start || end > f.glyf.n {
		return nil, false
	}
	if end == start {
		return nil, true
	}
	return f.data[f.glyf.off+start : f.glyf.off+end], true
}

// glyphBox is the bounding box of a glyph in font units.
type glyphBox struct{ x0, y0, x1, y1 int }

// box returns the bounding box and contour count of glyph g (-1 contours
// for a composite glyph); empty is set for a glyph with no outline.
func (f *sfnt) box(g int) (b glyphBox, contours int, empty, ok bool) {
	d, ok := f.glyphData(g)
	if !ok {
		return glyphBox{}, 0, false, false
	}
	if len(d) == 0 {
		return glyphBox{}, 0, true, true
	}
	if len(d) < 10 {
		return glyphBox{}, 0, false, false
	}
	s16 := func(i int) int { return int(int16(uint16(d[i])<<8 | uint16(d[i+1]))) }
	return glyphBox{s16(2), s16(4), s16(6), s16(8)}, s16(0), false, true
}

// component is one glyph of a composite glyph, with its offset.
type component struct {
	glyph  int
	dx, dy int
}

// components returns the components of a composite glyph.
func (f *sfnt) components(g int) ([]component, bool) {
	d, ok := f.glyphData(g)
	if !ok || len(d) < 10 || int16(uint16(d[0])<<8|uint16(d[1])) >= 0 {
		return nil, false
	}
	var out []component
	p := 10
	for len(out) < maxComponents {
		flags, ok1 := be16(d, p)
		gi, ok2 := be16(d, p+2)
		if !ok1 || !ok2 {
			return nil, false
		}
		p += 4
		var dx, dy int
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			a, ok1 := be16(d, p)
			b, ok2 := be16(d, p+2)
			if !ok1 || !ok2 {
				return nil, false
			}
			dx, dy = int(int16(a)), int(int16(b))
			p += 4
		} else {
			if p+2 > len(d) {
				return nil, false
			}
			dx, dy = int(int8(d[p])), int(int8(d[p+1]))
			p += 2
		}
		if flags&0x0002 == 0 { // point numbers, not offsets
			dx, dy = 0, 0
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		out = append(out, component{gi, dx, dy})
		if flags&0x0020 == 0 { // no more components
			return out, true
		}
	}
	return out, true
}

// point is one point of a glyph outline in font units; off is set for
// the control points of curves.
type point struct {
	x, y int
	off  bool
}

// contours returns the outline of a simple glyph: its contours of on- and
// off-curve points.
func (f *sfnt) contours(g int) ([][]point, bool) {
	d, ok := f.glyphData(g)
	if !ok || len(d) < 10 {
		return nil, false
	}
	nc := int(int16(uint16(d[0])<<8 | uint16(d[1])))
	if nc <= 0 {
		return nil, nc == 0
	}
	ends := make([]int, nc)
	last := -1
	for i := range ends {
		e, ok := be16(d, 10+2*i)
		if !ok || e < last {
			return nil, false
		}
		ends[i], last = e, e
	}
	np := last + 1
	if np > maxGlyphPoints {
		return nil, false
	}
	il, ok := be16(d, 10+2*nc)
	if !ok {
		return nil, false
	}
	p := 12 + 2*nc + il
	flags := make([]byte, 0, np)
	for len(flags) < np {
		if p >= len(d) {
			return nil, false
		}
		fl := d[p]
		p++
		flags = append(flags, fl)
		if fl&0x08 != 0 {
			if p >= len(d) {
				return nil, false
			}
			r := int(d[p])
			p++
			for k := 0; k < r && len(flags) < np; k++ {
				flags = append(flags, fl)
			}
		}
	}
	coords := func(short, same byte) ([]int, bool) {
		out := make([]int, np)
		v := 0
		for i, fl := range flags {
			switch {
			case fl&short != 0:
				if p >= len(d) {
					return nil, false
				}
				if fl&same != 0 {
					v += int(d[p])
				} else {
					v -= int(d[p])
				}
				p++
			case fl&same == 0:
				x, ok := be16(d, p)
				if !ok {
					return nil, false
				}
				v += int(int16(x))
				p += 2
			}
			out[i] = v
		}
		return out, true
	}
	xs, ok := coords(0x02, 0x10)
	if !ok {
		return nil, false
	}
	ys, ok := coords(0x04, 0x20)
	if !ok {
		return nil, false
	}
	out := make([][]point, nc)
	start := 0
	for i, e := range ends {
		for k := start; k <= e; k++ {
			out[i] = append(out[i], point{xs[k], ys[k], flags[k]&0x01 == 0})
		}
		start = e + 1
	}
	return out, true
}
