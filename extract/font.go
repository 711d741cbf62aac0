package extract

import (
	"math"
	"strings"
	"sync"

	"github.com/ledongthuc/pdf"

	"github.com/obiettivi/obiettivi/pdffile"
)

// stdMetrics gives glyph widths of a standard font that carries none.
type stdMetrics interface{ Width(r rune) float64 }

// lostText is the text of a glyph whose character no mapping of the file
// gives: the Unicode replacement character, so that what was lost shows.
const lostText = "\uFFFD"

// glyphInfo is what the walker needs of one character code: its text and
// its advance.
type glyphInfo struct {
	text  string
	width float64 // advance in text space units at font size 1
	// lost is set when no mapping of the file gives the code's character
	// (the text is lostText).
	lost bool
}

// fontKind tells the kinds of fonts apart where they are read
// differently.
type fontKind uint8

const (
	fontSimple fontKind = iota // Type1, MMType1, TrueType
	fontType0
	fontType3
)

// font is what the walker needs of a PDF font: how to split a shown string
// into character codes, and each code's text and advance width. Fonts are
// read once per document and shared by the pages read in parallel: what
// parseFont sets is never changed after, and what is recovered from the
// embedded font program is computed once, under rec.once.
type font struct {
	name string
	bold bool
	kind fontKind
	file *pdffile.File
	dict pdf.Value // the font dictionary (for Type0, the descendant's too)
	desc pdf.Value // its font descriptor
	cid  pdf.Value // the descendant CIDFont of a Type0 font

	// enc splits the codes of a Type0 font and gives their CIDs; nil for
	// the one-byte codes of simple and Type 3 fonts.
	enc *cmap
	// toUni is the ToUnicode CMap, repaired (see repairToUnicode).
	toUni *cmap

	// Metrics: widths in glyph space units, by code (simple fonts) or by
	// CID (Type0); scale turns them into text space units.
	widths    map[uint32]float64
	defWidth  float64
	std       stdMetrics
	scale     float64
	sizeScale float64 // Type 3 fonts whose glyph space is not 1 unit per em

	// Simple fonts: the text of each code by the font's encoding, and the
	// glyph names Differences gives codes (for the font program).
	encText  [256]string
	encNames [256]string
	symbolic bool
	// direct is the text and width of each code of a one-byte font as the
	// font's dictionaries give them; direct[c].lost marks codes left to
	// the recovery from the font program.
	direct *[256]glyphInfo

	// wide caches the codes of a Type0 font: codeKey → glyphInfo.
	wide sync.Map

	rec recovery
}

// ligatures spells out the typographic ligatures fonts map codes to, so
// that "ﬁne" reads "fine".
var ligatures = strings.NewReplacer(
	"\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi",
	"\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st",
)

// fontCache shares parsed fonts between the pages of one document: the
// same font dictionary is parsed once, however many pages use it.
type fontCache struct {
	file  *pdffile.File
	mu    sync.Mutex
	fonts map[string]*font
}

func newFontCache(file *pdffile.File) *fontCache {
	return &fontCache{file: file, fonts: map[string]*font{}}
}

// get returns the parsed font of the font dictionary v.
func (c *fontCache) get(v pdf.Value) *font {
	key := v.String()
	c.mu.Lock()
	f, ok := c.fonts[key]
	c.mu.Unlock()
	if ok {
		return f
	}
	f = parseFont(c.file, v)
	c.mu.Lock()
	if g, ok := c.fonts[key]; ok {
		f = g
	} else {
		c.fonts[key] = f
	}
	c.mu.Unlock()
	return f
}

// stream returns the decoded data of a stream of the font, nil where it
// cannot be read.
func (f *font) stream(v pdf.Value) []byte {
	if v.Kind() != pdf.Stream || f.file == nil {
		return nil
	}
	data, err := f.file.Stream(v)
	if err != nil {
		return nil
	}
	return data
}

func parseFont(file *pdffile.File, v pdf.Value) *font {
	base := v.Key("BaseFont").Name()
	if i := strings.IndexByte(base, '+'); i >= 0 && i < 8 {
		base = base[i+1:]
	}
	f := &font{name: base, file: file, dict: v, widths: map[uint32]float64{}, scale: 0.001, sizeScale: 1}
	lower := strings.ToLower(base)
	f.bold = strings.Contains(lower, "bold") || strings.Contains(lower, "black") || strings.Contains(lower, "heavy")
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data := f.stream(tu); data != nil {
			f.toUni = parseCMap(data)
		}
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.parseType0()
	case "Type3":
		f.parseType3()
	default:
		f.parseSimple()
	}
	if f.desc.Key("FontWeight").Float64() >= 600 {
		f.bold = true
	}
	if f.toUni != nil {
		f.repairToUnicode()
	}
	if f.kind != fontType0 {
		f.buildDirect()
	}
	return f
}

func (f *font) parseType0() {
	f.kind = fontType0
	v := f.dict
	f.cid = v.Key("DescendantFonts").Index(0)
	f.desc = f.cid.Key("FontDescriptor")
	switch e := v.Key("Encoding"); e.Kind() {
	case pdf.Name:
		if c, ok := predefinedCMap(e.Name()); ok {
			f.enc = c
		}
	case pdf.Stream:
		f.enc = f.embeddedCMap(e, 0)
	}
	if f.enc == nil || !f.enc.hasSpace() {
		// An unknown predefined CMap: two-byte codes, the most common.
		c, _ := predefinedCMap("Identity-H")
		if f.enc != nil {
			f.enc.parent = c
		} else {
			f.enc = c
		}
	}
	f.defWidth = 1000
	if dw := f.cid.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.defWidth = dw.Float64()
	}
	w := f.cid.Key("W")
	n := w.Len()
	budget := maxCMapEntries
	for i := 0; i < n && budget > 0; {
		first := w.Index(i).Int64()
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && budget > 0; j++ {
				if c := first + int64(j); c >= 0 && c <= math.MaxUint32 {
					f.widths[uint32(c)] = next.Index(j).Float64()
					budget--
				}
			}
			i += 2
			continue
		}
		last := next.Int64()
		wd := w.Index(i + 2).Float64()
		if first < 0 || last < first || last > math.MaxUint32 {
			i += 3
			continue
		}
		for c := first; c <= last && budget > 0; c++ {
			f.widths[uint32(c)] = wd
			budget--
		}
		i += 3
	}
}

// embeddedCMap reads an embedded encoding CMap and the CMap it uses (by
// name, or a stream of its own in UseCMap).
func (f *font) embeddedCMap(v pdf.Value, depth int) *cmap {
	data := f.stream(v)
	if data == nil {
		return nil
	}
	c := parseCMap(data)
	use := v.Key("UseCMap")
	switch {
	case use.Kind() == pdf.Stream && depth < 4:
		c.parent = f.embeddedCMap(use, depth+1)
	case use.Kind() == pdf.Name:
		c.parent, _ = predefinedCMap(use.Name())
	case c.use != "":
		c.parent, _ = predefinedCMap(c.use)
	}
	return c
}

func (f *font) parseType3() {
	f.kind = fontType3
	v := f.dict
	f.desc = v.Key("FontDescriptor")
	if m := v.Key("FontMatrix"); m.Len() == 6 {
		a, d := m.Index(0).Float64(), m.Index(3).Float64()
		if a != 0 && !math.IsNaN(a) && !math.IsInf(a, 0) {
			f.scale = math.Abs(a)
		}
		// The size of a glyph is one text space unit per em, unless the
		// font's bounding box says its glyphs are much larger or smaller.
		if bb := v.Key("FontBBox"); bb.Len() == 4 {
			h := math.Abs(bb.Index(3).Float64()-bb.Index(1).Float64()) * math.Abs(d)
			if h > 0 && (h < 0.4 || h > 2.5) && !math.IsInf(h, 0) {
				f.sizeScale = h
			}
		}
	}
	f.readSimpleWidths(v)
	f.readEncoding(v.Key("Encoding"), nil)
}

func (f *font) parseSimple() {
	v := f.dict
	f.desc = v.Key("FontDescriptor")
	f.readSimpleWidths(v)
	flags := f.desc.Key("Flags").Int64()
	f.symbolic = flags&4 != 0 && flags&32 == 0
	var builtin *[256]rune
	if m, ok := lookupStd(f.name); ok {
		if v.Key("Widths").Len() == 0 {
			f.std = m
		}
		switch stdName(f.name) {
		case "Symbol":
			f.symbolic, builtin = true, &symbolEncoding
		case "ZapfDingbats":
			f.symbolic = true
		}
	}
	if builtin == nil && !f.symbolic && f.embedded().Kind() == pdf.Null {
		builtin = &standardEncoding
	}
	if builtin == nil && !f.symbolic && v.Key("Subtype").Name() == "TrueType" {
		builtin = &standardEncoding
	}
	f.readEncoding(v.Key("Encoding"), builtin)
	if f.defWidth == 0 && f.std == nil {
		f.defWidth = 500
	}
}

// stdName returns the standard name of a standard 14 font.
func stdName(name string) string {
	if m, ok := lookupStd(name); ok {
		if n, ok := m.(interface{ Name() string }); ok {
			return n.Name()
		}
	}
	return ""
}

func (f *font) readSimpleWidths(v pdf.Value) {
	first := v.Key("FirstChar").Int64()
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		if c := first + int64(i); c >= 0 && c < 256 {
			f.widths[uint32(c)] = ws.Index(i).Float64()
		}
	}
	if mw := f.desc.Key("MissingWidth"); mw.Kind() == pdf.Integer || mw.Kind() == pdf.Real {
		f.defWidth = mw.Float64()
	}
}

// embedded returns the font program stream of the font descriptor.
func (f *font) embedded() pdf.Value {
	for _, k := range []string{"FontFile2", "FontFile3", "FontFile"} {
		if s := f.desc.Key(k); s.Kind() == pdf.Stream {
			return s
		}
	}
	return pdf.Value{}
}

// readEncoding sets encText (and encNames) from the Encoding entry of a
// simple font: a base encoding by name, or a dictionary with a base
// encoding and Differences; builtin is the encoding where none is named.
func (f *font) readEncoding(enc pdf.Value, builtin *[256]rune) {
	base := builtin
	var diffs pdf.Value
	switch enc.Kind() {
	case pdf.Name:
		if b, ok := baseEncoding(enc.Name()); ok {
			base = b
		}
	case pdf.Dict:
		if b, ok := baseEncoding(enc.Key("BaseEncoding").Name()); ok {
			base = b
		}
		diffs = enc.Key("Differences")
	}
	if base != nil {
		for c, r := range base {
			if r != 0 {
				f.encText[c] = string(r)
			}
		}
	}
	code := int64(-1)
	for i := 0; i < diffs.Len(); i++ {
		x := diffs.Index(i)
		switch x.Kind() {
		case pdf.Integer:
			code = x.Int64()
		case pdf.Name:
			if code >= 0 && code < 256 {
				name := x.Name()
				f.encNames[code] = name
				if t, ok := glyphText(name); ok {
					f.encText[code] = t
				} else {
					f.encText[code] = ""
				}
			}
			code++
		}
	}
}

// buildDirect computes the text and width of every code of a one-byte
// font from its dictionaries; codes without text are marked lost, for the
// recovery to look at.
func (f *font) buildDirect() {
	var t [256]glyphInfo
	for c := range t {
		text, ok := "", false
		if f.toUni != nil {
			text, ok = f.toUni.lookupText(uint32(c), 1)
		}
		if !ok && f.encText[c] != "" {
			text, ok = f.encText[c], true
		}
		t[c] = glyphInfo{text: ligatures.Replace(text), lost: !ok}
		t[c].width = f.codeWidth(uint32(c), text)
	}
	f.direct = &t
}

// codeWidth returns the advance of a code of a one-byte font, in text
// space units at size 1.
func (f *font) codeWidth(code uint32, text string) float64 {
	if w, ok := f.widths[code]; ok {
		return w * f.scale
	}
	if f.std != nil {
		for _, r := range text {
			return f.std.Width(r) * f.scale
		}
	}
	return f.defWidth * f.scale
}

// cidWidth returns the advance of a CID of a Type0 font.
func (f *font) cidWidth(cid uint32) float64 {
	if w, ok := f.widths[cid]; ok {
		return w * f.scale
	}
	return f.defWidth * f.scale
}

// codes splits a shown string into character codes of n bytes: one byte
// each for simple and Type 3 fonts, by the codespace ranges of the
// encoding CMap for Type0 fonts.
func (f *font) codes(s []byte, fn func(code uint32, n int)) {
	if f.enc == nil {
		for i := 0; i < len(s); i++ {
			fn(uint32(s[i]), 1)
		}
		return
	}
	for len(s) > 0 {
		code, n, _ := f.enc.next(s)
		fn(code, n)
		s = s[n:]
	}
}

// glyph returns the text and advance of one code of n bytes.
func (f *font) glyph(code uint32, n int) glyphInfo {
	if f.direct != nil {
		g := f.direct[code&0xff]
		if g.lost {
			g = f.recovered()[code&0xff]
		}
		return g
	}
	key := keyOf(code, n)
	if g, ok := f.wide.Load(key); ok {
		return g.(glyphInfo)
	}
	g := f.wideGlyph(code, n)
	f.wide.Store(key, g)
	return g
}

// wideGlyph resolves a code of a Type0 font.
func (f *font) wideGlyph(code uint32, n int) glyphInfo {
	cid, _ := f.enc.lookupCID(code, n)
	g := glyphInfo{width: f.cidWidth(cid)}
	if f.toUni != nil {
		if t, ok := f.toUni.lookupText(code, n); ok {
			g.text = ligatures.Replace(t)
			return g
		}
	}
	if f.enc.isUnicode() {
		g.text = ligatures.Replace(utf16Text(string(codeBytes(code, n))))
		return g
	}
	t, ok := f.recoverCID(code, n, cid)
	if !ok {
		g.text, g.lost = lostText, true
		return g
	}
	g.text = ligatures.Replace(t)
	return g
}

// codeBytes returns the n bytes of a code.
func codeBytes(code uint32, n int) []byte {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte(code)
		code >>= 8
	}
	return b
}

// textStats counts what the walker showed: glyphs with text, and glyphs
// whose character the file lost, by font.
type textStats struct {
	glyphs, lost int
	lostFonts    map[string]int
}

func (s *textStats) add(f *font, g glyphInfo) {
	if g.text == "" {
		return
	}
	s.glyphs++
	if g.lost {
		s.lost++
		if s.lostFonts == nil {
			s.lostFonts = map[string]int{}
		}
		s.lostFonts[f.name]++
	}
}
