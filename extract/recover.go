package extract

import (
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// recovery is what is recovered, once per font, of the characters its
// dictionaries do not give: from the embedded font program (TrueType and
// OpenType cmap subtables and post names, CFF charset names, the built-in
// encoding of Type 1 programs), from the font's own glyphs (a one-byte
// font whose glyphs are shaped as ASCII puts them, accented letters built
// as composites of a known letter and a diacritical mark), and blank
// glyphs, which print nothing.
type recovery struct {
	once sync.Once
	ttf  *sfnt
	cff  *cffFont
	t1   *[256]string // built-in encoding of a Type 1 program
	// gidMap is the CIDToGIDMap stream of a CIDFontType2 (nil: identity).
	gidMap []byte
	// ascii is what the glyphs of a one-byte font say of its codes
	// 0x20–0x7E being ASCII.
	ascii asciiVerdict
	// known is the text of the glyphs whose character is known, by glyph.
	known map[int]string
	// byName is the glyph of each glyph name of the program, for the
	// names Differences gives codes.
	byName map[string]int
	// codes is the text and width of each code of a one-byte font after
	// recovery.
	codes *[256]glyphInfo
}

// recovered returns the codes of a one-byte font with what could be
// recovered of those its dictionaries leave without text.
func (f *font) recovered() *[256]glyphInfo {
	f.rec.once.Do(f.recover)
	return f.rec.codes
}

// recoverCID returns the text of a code of a Type0 font that has no
// ToUnicode mapping: ok is false where nothing gives it; a blank glyph
// has the empty text.
func (f *font) recoverCID(code uint32, n int, cid uint32) (string, bool) {
	f.rec.once.Do(f.recover)
	r := &f.rec
	gid, hasGID := f.cidGlyph(cid)
	if hasGID {
		if t, ok := r.known[gid]; ok {
			return t, true
		}
	}
	if r.ascii == asciiShown && n == 1 && code >= 0x20 && code <= 0x7e {
		return string(rune(code)), true
	}
	if !hasGID {
		return "", false
	}
	return f.glyphFallback(gid)
}

// glyphFallback gives the text of a glyph from its shape: a composite
// accented letter, or nothing for a blank glyph.
func (f *font) glyphFallback(gid int) (string, bool) {
	r := &f.rec
	if r.ttf == nil {
		return "", false
	}
	if t, ok := f.composite(gid, 0); ok {
		return t, true
	}
	if _, _, empty, ok := r.ttf.box(gid); ok && empty {
		return "", true
	}
	return "", false
}

func (f *font) recover() {
	r := &f.rec
	f.loadProgram()
	r.known = map[int]string{}
	if f.kind == fontType0 {
		f.recoverType0()
		return
	}
	codes := *f.direct
	r.codes = &codes
	defer func() {
		for c := range codes {
			if codes[c].lost {
				codes[c].text = lostText
			}
			codes[c].width = f.codeWidth(uint32(c), codes[c].text)
		}
	}()
	if f.kind == fontType3 {
		return
	}
	f.indexNames()
	// Glyphs whose text the dictionaries give are known, for composites.
	for c := range codes {
		if !codes[c].lost && codes[c].text != "" {
			if g, ok := f.codeGlyph(c); ok {
				r.known[g] = codes[c].text
			}
		}
	}
	r.ascii = f.asciiEvidence(func(c int) (int, bool) { return f.codeGlyph(c) }, func(c int) (float64, bool) {
		w, ok := f.widths[uint32(c)]
		return w, ok
	})
	for c := range codes {
		if !codes[c].lost {
			continue
		}
		if t, ok := f.programText(c); ok {
			codes[c].text, codes[c].lost = ligatures.Replace(t), false
			if g, ok := f.codeGlyph(c); ok && t != "" {
				r.known[g] = t
			}
		}
	}
	if r.ascii == asciiShown {
		for c := 0x20; c <= 0x7e; c++ {
			if codes[c].lost {
				codes[c].text, codes[c].lost = string(rune(c)), false
				if g, ok := f.codeGlyph(c); ok {
					r.known[g] = codes[c].text
				}
			}
		}
	}
	for c := range codes {
		if !codes[c].lost {
			continue
		}
		if g, ok := f.codeGlyph(c); ok {
			if t, ok := f.glyphFallback(g); ok {
				codes[c].text, codes[c].lost = t, false
			}
		}
	}
}

// indexNames builds byName, where Differences names glyphs.
func (f *font) indexNames() {
	r := &f.rec
	named := false
	for _, n := range f.encNames {
		named = named || n != ""
	}
	if !named {
		return
	}
	r.byName = map[string]int{}
	if cf := f.cff(); cf != nil {
		for g := cf.numGlyphs - 1; g > 0; g-- {
			if n := cf.glyphName(g); n != "" {
				r.byName[n] = g
			}
		}
	}
	if r.ttf != nil {
		for g := len(r.ttf.names) - 1; g > 0; g-- {
			if n := r.ttf.names[g]; n != "" {
				r.byName[n] = g
			}
		}
	}
}

func (f *font) recoverType0() {
	r := &f.rec
	if m := f.cid.Key("CIDToGIDMap"); m.Kind() == pdf.Stream {
		r.gidMap = f.stream(m)
		if r.gidMap == nil {
			r.gidMap = []byte{}
		}
	}
	// Glyphs whose text the ToUnicode CMap gives are known.
	if f.toUni != nil {
		f.toUni.eachText(func(code uint32, n int, text string) {
			if cid, ok := f.enc.lookupCID(code, n); ok {
				if g, ok := f.cidGlyph(cid); ok && text != "" {
					r.known[g] = text
				}
			}
		})
	}
	// The program's own names and character maps.
	if r.ttf != nil && f.cff() == nil {
		for g := 0; g < r.ttf.numGlyphs; g++ {
			if _, ok := r.known[g]; ok {
				continue
			}
			if t, ok := r.ttf.glyphText(g); ok {
				r.known[g] = t
			}
		}
	}
	if cf := f.cff(); cf != nil && !cf.cidKeyed {
		for g := 1; g < cf.numGlyphs; g++ {
			if _, ok := r.known[g]; !ok {
				if t, ok := glyphText(cf.glyphName(g)); ok {
					r.known[g] = t
				}
			}
		}
	}
	if f.enc.oneByte() {
		r.ascii = f.asciiEvidence(func(c int) (int, bool) {
			cid, ok := f.enc.lookupCID(uint32(c), 1)
			if !ok {
				return 0, false
			}
			return f.cidGlyph(cid)
		}, func(c int) (float64, bool) {
			cid, ok := f.enc.lookupCID(uint32(c), 1)
			if !ok {
				return 0, false
			}
			w, ok := f.widths[cid]
			return w, ok
		})
		if r.ascii == asciiShown {
			for c := 0x20; c <= 0x7e; c++ {
				if cid, ok := f.enc.lookupCID(uint32(c), 1); ok {
					if g, ok := f.cidGlyph(cid); ok {
						if _, known := r.known[g]; !known {
							r.known[g] = string(rune(c))
						}
					}
				}
			}
		}
	}
}

// loadProgram reads the embedded font program.
func (f *font) loadProgram() {
	r := &f.rec
	for _, key := range []string{"FontFile2", "FontFile3", "FontFile"} {
		s := f.desc.Key(key)
		if s.Kind() != pdf.Stream {
			continue
		}
		data := f.stream(s)
		if data == nil {
			return
		}
		switch {
		case key == "FontFile":
			r.t1 = type1Encoding(data)
		case key == "FontFile3" && s.Key("Subtype").Name() != "OpenType":
			r.cff, _ = parseCFF(data)
		default:
			r.ttf, _ = parseSFNT(data)
			if r.ttf == nil && key == "FontFile3" {
				r.cff, _ = parseCFF(data)
			}
		}
		return
	}
}

// cff returns the CFF program of the font, bare or in an OpenType font.
func (f *font) cff() *cffFont {
	if f.rec.cff != nil {
		return f.rec.cff
	}
	if f.rec.ttf != nil {
		return f.rec.ttf.cff
	}
	return nil
}

// cidGlyph returns the glyph of a CID: through the CIDToGIDMap of a
// CIDFontType2, the charset of a CID-keyed CFF program, or the CID itself.
func (f *font) cidGlyph(cid uint32) (int, bool) {
	r := &f.rec
	if cf := f.cff(); cf != nil {
		if cf.cidKeyed {
			return cf.glyphOfCID(cid)
		}
		return int(cid), int(cid) < cf.numGlyphs
	}
	if r.gidMap != nil {
		i := 2 * int(cid)
		if i+1 >= len(r.gidMap) {
			return 0, false
		}
		g := int(r.gidMap[i])<<8 | int(r.gidMap[i+1])
		return g, g != 0
	}
	if r.ttf == nil {
		return int(cid), false
	}
	return int(cid), r.ttf.numGlyphs == 0 || int(cid) < r.ttf.numGlyphs
}

// codeGlyph returns the glyph of a code of a simple font in its program:
// through the cmap subtables of a TrueType program (the (3,0) and (1,0)
// tables of the font's own codes, or the Unicode table for the character
// the encoding gives), or the encoding of a CFF program.
func (f *font) codeGlyph(c int) (int, bool) {
	r := &f.rec
	if name := f.encNames[c]; name != "" {
		if g, ok := r.byName[name]; ok {
			return g, true
		}
	}
	if cf := f.cff(); cf != nil && (r.ttf == nil || !r.ttf.glyf.ok) {
		return cf.codeGlyph(c)
	}
	t := r.ttf
	if t == nil {
		return 0, false
	}
	if !f.symbolic && len(t.unicode) > 0 && f.encText[c] != "" {
		ch, _ := utf8.DecodeRuneInString(f.encText[c])
		if g, ok := t.unicode[ch]; ok {
			return int(g), true
		}
	}
	if g, ok := t.symbol[0xF000+uint32(c)]; ok {
		return int(g), true
	}
	if g, ok := t.symbol[uint32(c)]; ok {
		return int(g), true
	}
	if t.hasMac && t.mac[c] != 0 {
		return int(t.mac[c]), true
	}
	if len(t.unicode) > 0 {
		if g, ok := t.unicode[rune(c)]; ok {
			return int(g), true
		}
	}
	return 0, false
}

// programText returns the text the font program gives code c of a simple
// font: the built-in encoding of a Type 1 or CFF program, the character
// or post name of a TrueType glyph, or, for a glyph reached through the
// font's own codes ((3,0) and (1,0) cmap subtables), the code itself
// where it is printable ASCII and the glyphs do not contradict it.
func (f *font) programText(c int) (string, bool) {
	r := &f.rec
	if r.t1 != nil && f.encNames[c] == "" {
		if t, ok := glyphText(r.t1[c]); ok {
			return t, true
		}
	}
	if cf := f.cff(); cf != nil {
		if g, ok := f.codeGlyph(c); ok {
			if t, ok := glyphText(cf.glyphName(g)); ok {
				return t, true
			}
		}
		return "", false
	}
	if r.ttf == nil {
		return "", false
	}
	g, ok := f.codeGlyph(c)
	if !ok {
		return "", false
	}
	if t, ok := r.ttf.glyphText(g); ok {
		return t, true
	}
	// The font's own codes are ASCII there, unless its glyphs say
	// otherwise (a font of symbols).
	if c >= 0x20 && c <= 0x7e && (r.ttf.symbol != nil || r.ttf.hasMac) && r.ascii != asciiContradicted {
		return string(rune(c)), true
	}
	return "", false
}

// glyphText returns the text of a glyph by the Unicode cmap subtables or
// its post name.
func (t *sfnt) glyphText(g int) (string, bool) {
	if g < 0 || g > 0xFFFF {
		return "", false
	}
	if r, ok := t.glyphRune(uint16(g)); ok {
		return string(r), true
	}
	return glyphText(t.glyphName(g))
}

// asciiEvidence tells whether the glyphs of a one-byte font are shaped as
// ASCII would place them: the digits share one advance, lowercase letters
// reach the x-height, ascenders rise above it, descenders go below the
// baseline, capitals share one height, the space is blank. Nine checks in
// ten must hold, over at least ten; a font whose codes were given in
// another order (or a font of symbols) fails them.
func (f *font) asciiEvidence(glyphOf func(c int) (int, bool), width func(c int) (float64, bool)) asciiVerdict {
	t := f.rec.ttf
	if t == nil || !t.glyf.ok {
		return asciiUnknown
	}
	em := float64(t.unitsPerEm)
	box := func(c byte) (glyphBox, bool) {
		g, ok := glyphOf(int(c))
		if !ok {
			return glyphBox{}, false
		}
		b, _, empty, ok := t.box(g)
		return b, ok && !empty
	}
	pass, total := 0, 0
	check := func(ok bool) {
		total++
		if ok {
			pass++
		}
	}
	var dw []float64
	for c := byte('0'); c <= '9'; c++ {
		if _, ok := box(c); ok {
			if w, ok := width(int(c)); ok {
				dw = append(dw, w)
			}
		}
	}
	if len(dw) >= 3 {
		for _, w := range dw[1:] {
			check(w == dw[0])
		}
	}
	median := func(letters string, top bool) (float64, bool) {
		var v []float64
		for i := 0; i < len(letters); i++ {
			if b, ok := box(letters[i]); ok {
				if top {
					v = append(v, float64(b.y1))
				} else {
					v = append(v, float64(b.y0))
				}
			}
		}
		if len(v) < 3 {
			return 0, false
		}
		sort.Float64s(v)
		return v[len(v)/2], true
	}
	const xLetters, ascenders, descenders, capitals = "acemnorsuvwxz", "bdfhkl", "gpqy", "ABCDEFGHIKLMNOPRSTUVWXYZ"
	if xh, ok := median(xLetters, true); ok {
		for i := 0; i < len(xLetters); i++ {
			if b, ok := box(xLetters[i]); ok {
				check(abs(float64(b.y1)-xh) < 0.12*em && float64(b.y0) > -0.06*em)
			}
		}
		for i := 0; i < len(ascenders); i++ {
			if b, ok := box(ascenders[i]); ok {
				check(float64(b.y1) > xh+0.15*em)
			}
		}
		for i := 0; i < len(descenders); i++ {
			if b, ok := box(descenders[i]); ok {
				check(float64(b.y0) < -0.12*em)
			}
		}
	}
	if ch, ok := median(capitals, true); ok {
		for i := 0; i < len(capitals); i++ {
			if b, ok := box(capitals[i]); ok {
				check(abs(float64(b.y1)-ch) < 0.08*em && float64(b.y0) > -0.06*em)
			}
		}
	}
	if g, ok := glyphOf(' '); ok {
		_, _, empty, ok := t.box(g)
		check(ok && empty)
	}
	switch {
	case total < 10:
		return asciiUnknown
	case pass*10 >= total*9:
		return asciiShown
	}
	return asciiContradicted
}

// asciiVerdict is what the glyphs of a font say of its codes being ASCII.
type asciiVerdict uint8

const (
	asciiUnknown      asciiVerdict = iota // too few glyphs to tell
	asciiShown                            // the glyphs are shaped as ASCII places them
	asciiContradicted                     // they are not
)

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
