package extract

// cffFont is what the extractor reads of a CFF font program (FontFile3 of
// subtype Type1C or CIDFontType0C, or the CFF table of an OpenType font):
// the glyph names of its charset, or for a CID-keyed font the CID of each
// glyph, and its built-in encoding.
type cffFont struct {
	numGlyphs int
	cidKeyed  bool
	// sids are the string ids of the glyphs' names (name-keyed fonts) or
	// their CIDs (CID-keyed fonts), by glyph.
	sids    []int
	strings []string // the String INDEX
	// encoding is the built-in encoding: the glyph of each code (0 for
	// none); standard is set where it is StandardEncoding.
	encoding [256]uint16
	// byCID is the glyph of each CID of a CID-keyed font.
	byCID map[uint32]int
}

// cffIndex is a CFF INDEX: count objects whose data lie between offsets.
type cffIndex struct {
	data []byte
	offs []int
}

func (x cffIndex) count() int { return len(x.offs) - 1 }

func (x cffIndex) item(i int) []byte {
	if i < 0 || i+1 >= len(x.offs) {
		return nil
	}
	return x.data[x.offs[i]:x.offs[i+1]]
}

// readIndex reads the INDEX at p and returns it with the offset past it.
func readIndex(b []byte, p int) (cffIndex, int, bool) {
	n, ok := be16(b, p)
	if !ok {
		return cffIndex{}, 0, false
	}
	if n == 0 {
		return cffIndex{offs: []int{0}}, p + 2, true
	}
	if p+2 >= len(b) {
		return cffIndex{}, 0, false
	}
	size := int(b[p+2])
	if size < 1 || size > 4 {
		return cffIndex{}, 0, false
	}
	base := p + 3 + (n+1)*size - 1 // offsets count from 1
	if base >= len(b) {
		return cffIndex{}, 0, false
	}
	offs := make([]int, n+1)
	for i := 0; i <= n; i++ {
		v := 0
		for k := 0; k < size; k++ {
			v = v<<8 | int(b[p+3+i*size+k])
		}
		if v < 1 || base+v > len(b) || i > 0 && base+v < offs[i-1] {
			return cffIndex{}, 0, false
		}
		offs[i] = base + v
	}
	return cffIndex{data: b, offs: offs}, offs[n], true
}

// cffDict reads the operators of a DICT: each operator (12 x as 1200+x)
// with its operands.
func cffDict(b []byte) map[int][]float64 {
	out := map[int][]float64{}
	var ops []float64
	for p := 0; p < len(b); {
		c := int(b[p])
		switch {
		case c <= 21:
			op := c
			p++
			if c == 12 {
				if p >= len(b) {
					return out
				}
				op = 1200 + int(b[p])
				p++
			}
			out[op] = ops
			ops = nil
			continue
		case c == 28:
			v, ok := be16(b, p+1)
			if !ok {
				return out
			}
			ops = append(ops, float64(int16(v)))
			p += 3
		case c == 29:
			v, ok := be32(b, p+1)
			if !ok {
				return out
			}
			ops = append(ops, float64(int32(v)))
			p += 5
		case c == 30:
			p++
			for p < len(b) {
				x := b[p]
				p++
				if x&0x0f == 0x0f || x>>4 == 0x0f {
					break
				}
			}
			ops = append(ops, 0) // reals are not needed here
		case c >= 32 && c <= 246:
			ops = append(ops, float64(c-139))
			p++
		case c >= 247 && c <= 250:
			if p+1 >= len(b) {
				return out
			}
			ops = append(ops, float64((c-247)*256+int(b[p+1])+108))
			p += 2
		case c >= 251 && c <= 254:
			if p+1 >= len(b) {
				return out
			}
			ops = append(ops, float64(-(c-251)*256-int(b[p+1])-108))
			p += 2
		default:
			p++
		}
		if len(ops) > 48 {
			return out
		}
	}
	return out
}

// parseCFF reads the first font of a CFF program.
func parseCFF(b []byte) (*cffFont, error) {
	if len(b) < 4 || b[0] != 1 {
		return nil, errFontProgram
	}
	_, p, ok := readIndex(b, int(b[2])) // Name INDEX
	if !ok {
		return nil, errFontProgram
	}
	top, p, ok := readIndex(b, p)
	if !ok || top.count() < 1 {
		return nil, errFontProgram
	}
	strs, _, ok := readIndex(b, p)
	if !ok {
		return nil, errFontProgram
	}
	d := cffDict(top.item(0))
	f := &cffFont{}
	for i := 0; i < strs.count() && i < 1<<16; i++ {
		f.strings = append(f.strings, string(strs.item(i)))
	}
	_, f.cidKeyed = d[1230] // ROS
	cs, ok := d[17]
	if !ok || len(cs) != 1 || cs[0] < 0 || cs[0] >= float64(len(b)) {
		return nil, errFontProgram
	}
	chars, _, ok := readIndex(b, int(cs[0]))
	if !ok {
		return nil, errFontProgram
	}
	f.numGlyphs = chars.count()
	charset := 0 // a damaged offset gives no names (-1)
	if v := d[15]; len(v) == 1 {
		charset = -1
		if v[0] >= 0 && v[0] < float64(len(b)) {
			charset = int(v[0])
		}
	}
	f.readCharset(b, charset)
	enc := 0
	if v := d[16]; len(v) == 1 {
		enc = -1
		if v[0] >= 0 && v[0] < float64(len(b)) {
			enc = int(v[0])
		}
	}
	if f.cidKeyed {
		f.byCID = make(map[uint32]int, len(f.sids))
		for g, c := range f.sids {
			if _, ok := f.byCID[uint32(c)]; !ok && (g > 0 || c == 0) {
				f.byCID[uint32(c)] = g
			}
		}
	} else {
		f.readEncoding(b, enc)
	}
	return f, nil
}

// readCharset reads the string ids (or CIDs) of the glyphs.
func (f *cffFont) readCharset(b []byte, off int) {
	n := f.numGlyphs
	f.sids = make([]int, n)
	switch off {
	case 0: // ISOAdobe: glyph i is string i
		for i := range f.sids {
			if i < 229 {
				f.sids[i] = i
			}
		}
		return
	case 1, 2: // Expert and ExpertSubset: names the extractor does not read
		return
	}
	if off < 0 || off >= len(b) {
		return
	}
	format := b[off]
	p := off + 1
	g := 1
	switch format {
	case 0:
		for ; g < n; g++ {
			v, ok := be16(b, p)
			if !ok {
				return
			}
			f.sids[g] = v
			p += 2
		}
	case 1, 2:
		for g < n {
			first, ok := be16(b, p)
			if !ok {
				return
			}
			var left int
			if format == 1 {
				if p+2 >= len(b) {
					return
				}
				left = int(b[p+2])
				p += 3
			} else {
				if left, ok = be16(b, p+2); !ok {
					return
				}
				p += 4
			}
			for k := 0; k <= left && g < n; k++ {
				f.sids[g] = first + k
				g++
			}
		}
	}
}

// readEncoding reads the built-in encoding of a name-keyed font.
func (f *cffFont) readEncoding(b []byte, off int) {
	switch off {
	case 0:
		// StandardEncoding: each code goes to the glyph of its name.
		for g := 1; g < len(f.sids); g++ {
			t, ok := glyphText(f.glyphName(g))
			if !ok {
				continue
			}
			for c, r := range standardEncoding {
				if r != 0 && string(r) == t && f.encoding[c] == 0 {
					f.encoding[c] = uint16(g)
				}
			}
		}
		return
	case 1:
		return // Expert encoding: not read
	}
	if off < 0 || off >= len(b) {
		return
	}
	format := b[off]
	p := off + 1
	switch format & 0x7f {
	case 0:
		if p >= len(b) {
			return
		}
		n := int(b[p])
		p++
		for i := 0; i < n && p < len(b); i++ {
			if i+1 < f.numGlyphs {
				f.encoding[b[p]] = uint16(i + 1)
			}
			p++
		}
	case 1:
		if p >= len(b) {
			return
		}
		n := int(b[p])
		p++
		g := 1
		for i := 0; i < n && p+1 < len(b); i++ {
			first, left := int(b[p]), int(b[p+1])
			p += 2
			for k := 0; k <= left && first+k < 256 && g < f.numGlyphs; k++ {
				f.encoding[first+k] = uint16(g)
				g++
			}
		}
	default:
		return
	}
	if format&0x80 != 0 && p < len(b) { // supplements: code and string id
		n := int(b[p])
		p++
		for i := 0; i < n; i++ {
			if p+2 >= len(b) {
				return
			}
			code := b[p]
			sid, _ := be16(b, p+1)
			p += 3
			for g, s := range f.sids {
				if s == sid {
					f.encoding[code] = uint16(g)
					break
				}
			}
		}
	}
}

// glyphName returns the name of glyph g of a name-keyed font.
func (f *cffFont) glyphName(g int) string {
	if f.cidKeyed || g < 0 || g >= len(f.sids) {
		return ""
	}
	return f.sidString(f.sids[g])
}

func (f *cffFont) sidString(sid int) string {
	if sid < len(cffStandardStrings) {
		return cffStandardStrings[sid]
	}
	if i := sid - len(cffStandardStrings); i < len(f.strings) {
		return f.strings[i]
	}
	return ""
}

// glyphOfCID returns the glyph of a CID in a CID-keyed font.
func (f *cffFont) glyphOfCID(cid uint32) (int, bool) {
	g, ok := f.byCID[cid]
	return g, ok
}

// codeGlyph returns the glyph of a code by the built-in encoding.
func (f *cffFont) codeGlyph(code int) (int, bool) {
	if code < 0 || code > 255 {
		return 0, false
	}
	g := int(f.encoding[code])
	return g, g != 0
}

// cffStandardStrings are the 391 predefined strings of CFF (the CFF
// specification, Appendix A), mostly glyph names.
var cffStandardStrings = [...]string{
	".notdef", "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand",
	"quoteright", "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period",
	"slash", "zero", "one", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "colon", "semicolon", "less", "equal", "greater",
	"question", "at", "A", "B", "C", "D", "E", "F",
	"G", "H", "I", "J", "K", "L", "M", "N",
	"O", "P", "Q", "R", "S", "T", "U", "V",
	"W", "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum",
	"underscore", "quoteleft", "a", "b", "c", "d", "e", "f",
	"g", "h", "i", "j", "k", "l", "m", "n",
	"o", "p", "q", "r", "s", "t", "u", "v",
	"w", "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde",
	"exclamdown", "cent", "sterling", "fraction", "yen", "florin", "section", "currency",
	"quotesingle", "quotedblleft", "guillemotleft", "guilsinglleft", "guilsinglright", "fi", "fl", "endash",
	"dagger", "daggerdbl", "periodcentered", "paragraph", "bullet", "quotesinglbase", "quotedblbase", "quotedblright",
	"guillemotright", "ellipsis", "perthousand", "questiondown", "grave", "acute", "circumflex", "tilde",
	"macron", "breve", "dotaccent", "dieresis", "ring", "cedilla", "hungarumlaut", "ogonek",
	"caron", "emdash", "AE", "ordfeminine", "Lslash", "Oslash", "OE", "ordmasculine",
	"ae", "dotlessi", "lslash", "oslash", "oe", "germandbls", "onesuperior", "logicalnot",
	"mu", "trademark", "Eth", "onehalf", "plusminus", "Thorn", "onequarter", "divide",
	"brokenbar", "degree", "thorn", "threequarters", "twosuperior", "registered", "minus", "eth",
	"multiply", "threesuperior", "copyright", "Aacute", "Acircumflex", "Adieresis", "Agrave", "Aring",
	"Atilde", "Ccedilla", "Eacute", "Ecircumflex", "Edieresis", "Egrave", "Iacute", "Icircumflex",
	"Idieresis", "Igrave", "Ntilde", "Oacute", "Ocircumflex", "Odieresis", "Ograve", "Otilde",
	"Scaron", "Uacute", "Ucircumflex", "Udieresis", "Ugrave", "Yacute", "Ydieresis", "Zcaron",
	"aacute", "acircumflex", "adieresis", "agrave", "aring", "atilde", "ccedilla", "eacute",
	"ecircumflex", "edieresis", "egrave", "iacute", "icircumflex", "idieresis", "igrave", "ntilde",
	"oacute", "ocircumflex", "odieresis", "ograve", "otilde", "scaron", "uacute", "ucircumflex",
	"udieresis", "ugrave", "yacute", "ydieresis", "zcaron", "exclamsmall", "Hungarumlautsmall", "dollaroldstyle",
	"dollarsuperior", "ampersandsmall", "Acutesmall", "parenleftsuperior", "parenrightsuperior", "twodotenleader", "onedotenleader", "zerooldstyle",
	"oneoldstyle", "twooldstyle", "threeoldstyle", "fouroldstyle", "fiveoldstyle", "sixoldstyle", "sevenoldstyle", "eightoldstyle",
	"nineoldstyle", "commasuperior", "threequartersemdash", "periodsuperior", "questionsmall", "asuperior", "bsuperior", "centsuperior",
	"dsuperior", "esuperior", "isuperior", "lsuperior", "msuperior", "nsuperior", "osuperior", "rsuperior",
	"ssuperior", "tsuperior", "ff", "ffi", "ffl", "parenleftinferior", "parenrightinferior", "Circumflexsmall",
	"hyphensuperior", "Gravesmall", "Asmall", "Bsmall", "Csmall", "Dsmall", "Esmall", "Fsmall",
	"Gsmall", "Hsmall", "Ismall", "Jsmall", "Ksmall", "Lsmall", "Msmall", "Nsmall",
	"Osmall", "Psmall", "Qsmall", "Rsmall", "Ssmall", "Tsmall", "Usmall", "Vsmall",
	"Wsmall", "Xsmall", "Ysmall", "Zsmall", "colonmonetary", "onefitted", "rupiah", "Tildesmall",
	"exclamdownsmall", "centoldstyle", "Lslashsmall", "Scaronsmall", "Zcaronsmall", "Dieresissmall", "Brevesmall", "Caronsmall",
	"Dotaccentsmall", "Macronsmall", "figuredash", "hypheninferior", "Ogoneksmall", "Ringsmall", "Cedillasmall", "questiondownsmall",
	"oneeighth", "threeeighths", "fiveeighths", "seveneighths", "onethird", "twothirds", "zerosuperior", "foursuperior",
	"fivesuperior", "sixsuperior", "sevensuperior", "eightsuperior", "ninesuperior", "zeroinferior", "oneinferior", "twoinferior",
	"threeinferior", "fourinferior", "fiveinferior", "sixinferior", "seveninferior", "eightinferior", "nineinferior", "centinferior",
	"dollarinferior", "periodinferior", "commainferior", "Agravesmall", "Aacutesmall", "Acircumflexsmall", "Atildesmall", "Adieresissmall",
	"Aringsmall", "AEsmall", "Ccedillasmall", "Egravesmall", "Eacutesmall", "Ecircumflexsmall", "Edieresissmall", "Igravesmall",
	"Iacutesmall", "Icircumflexsmall", "Idieresissmall", "Ethsmall", "Ntildesmall", "Ogravesmall", "Oacutesmall", "Ocircumflexsmall",
	"Otildesmall", "Odieresissmall", "OEsmall", "Oslashsmall", "Ugravesmall", "Uacutesmall", "Ucircumflexsmall", "Udieresissmall",
	"Yacutesmall", "Thornsmall", "Ydieresissmall", "001.000", "001.001", "001.002", "001.003", "Black",
	"Bold", "Book", "Light", "Medium", "Regular", "Roman", "Semibold",
}
