package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
)

// imageLexer holds what finding the end of inline images reuses.
type imageLexer struct {
	br bytes.Reader
	zr io.ReadCloser // a zlib reader, reset for each image
}

// imageParams are what an inline image's dictionary says of its data.
type imageParams struct {
	w, h, bpc, comps int    // 0 when unknown
	filter           string // the first filter, full name
	early            int    // LZW EarlyChange
}

// inlineImage reads an inline image after its BI operator: the dictionary
// up to ID, the image data, and EI, so that no byte of the data is taken
// for an operator (PDF 32000-1:2008, 8.9.7). The data's end comes from the
// image's own parameters where they tell it (unfiltered data: rows ×
// bytes per row; filtered: where the first filter's data ends), else
// from the first EI between white space after which the content goes on
// with operators, as readers search it. comps gives the components of a
// named colour space (0 when unknown); budget is what the page may still
// decode, which inflating the data to find its end spends, and search
// what it may still read ahead of candidate EIs. The image's dictionary
// is left on the operand stack.
func (l *lexer) inlineImage(comps func(name []byte) int, budget, search *int64) error {
	start := l.op
	op, err := l.next()
	if err != nil {
		return err
	}
	if string(op) != "ID" {
		return l.fail(start, "inline image without its data (ID)")
	}
	l.op = start
	p := l.imageParams(comps)
	if l.pos < len(l.data) && isWhite(l.data[l.pos]) {
		l.pos++ // the one white-space byte after ID
	}
	dataStart := l.pos
	end, ok, err := l.imageEnd(p, dataStart, budget)
	if err != nil {
		return err
	}
	if ok {
		if e, ok := l.eiAt(end); ok {
			l.pos = e
			return nil
		}
	}
	e, ok := l.searchEI(dataStart, search)
	if !ok {
		if *search < 0 {
			return l.limit(start, "bytes read to find the ends of inline images", maxSearch)
		}
		return l.fail(start, "inline image without its end (EI)")
	}
	l.pos = e
	return nil
}

// imageFilters spells out the abbreviations of inline images' filters.
var imageFilters = map[string]string{
	"AHx": "ASCIIHexDecode", "A85": "ASCII85Decode", "LZW": "LZWDecode",
	"Fl": "FlateDecode", "RL": "RunLengthDecode", "CCF": "CCITTFaxDecode",
	"DCT": "DCTDecode",
}

func (l *lexer) imageParams(comps func(name []byte) int) imageParams {
	p := imageParams{early: 1}
	mask := false
	for i := 0; i+1 < l.nargs(); i += 2 {
		k, v := l.arg(i), l.arg(i+1)
		if k.kind != kName {
			continue
		}
		switch string(k.b) {
		case "W", "Width":
			p.w = intOf(v)
		case "H", "Height":
			p.h = intOf(v)
		case "BPC", "BitsPerComponent":
			p.bpc = intOf(v)
		case "IM", "ImageMask":
			mask = v.kind == kBool && v.num == 1
		case "CS", "ColorSpace":
			p.comps = l.imageComps(i+1, comps)
		case "F", "Filter":
			f := v
			if v.kind == kArray {
				if el, _ := l.elems(i + 1); len(el) > 0 {
					f = el[0]
				}
			}
			if f.kind == kName {
				p.filter = string(f.b)
				if full, ok := imageFilters[p.filter]; ok {
					p.filter = full
				}
			}
		case "DP", "DecodeParms":
			el, base := l.elems(i + 1)
			if v.kind == kArray {
				if len(el) == 0 || el[0].kind != kDict {
					break
				}
				el, base = el[1:el[0].end-base], base+1
			}
			forPairs(el, base, func(k, v object) {
				if string(k.b) == "EarlyChange" && v.kind == kNumber {
					p.early = int(v.num)
				}
			})
		}
	}
	if mask {
		p.comps, p.bpc = 1, 1
	}
	return p
}

func intOf(o object) int {
	if o.kind != kNumber || o.num < 0 || o.num > 1<<30 {
		return 0
	}
	return int(o.num)
}

// imageComps returns the number of colour components of the inline
// image colour space in operand i.
func (l *lexer) imageComps(i int, comps func(name []byte) int) int {
	v := l.arg(i)
	if v.kind == kArray {
		el, _ := l.elems(i)
		if len(el) == 0 || el[0].kind != kName {
			return 0
		}
		switch string(el[0].b) {
		case "I", "Indexed", "Separation", "CalGray":
			return 1
		case "CalRGB", "Lab":
			return 3
		}
		return 0
	}
	if v.kind != kName {
		return 0
	}
	switch string(v.b) {
	case "G", "DeviceGray", "CalGray", "I", "Indexed":
		return 1
	case "RGB", "DeviceRGB", "CalRGB":
		return 3
	case "CMYK", "DeviceCMYK":
		return 4
	}
	if comps != nil {
		return comps(v.b)
	}
	return 0
}

// imageEnd returns where the image data starting at start ends, when its
// parameters tell it.
func (l *lexer) imageEnd(p imageParams, start int, budget *int64) (int, bool, error) {
	rest := l.data[start:]
	switch p.filter {
	case "":
		if p.w <= 0 || p.h <= 0 || p.bpc <= 0 || p.comps <= 0 {
			return 0, false, nil
		}
		row := (int64(p.w)*int64(p.comps)*int64(p.bpc) + 7) / 8
		n := row * int64(p.h)
		if n > int64(len(rest)) {
			return 0, false, nil
		}
		return start + int(n), true, nil
	case "ASCIIHexDecode":
		if i := bytes.IndexByte(rest, '>'); i >= 0 {
			return start + i + 1, true, nil
		}
	case "ASCII85Decode":
		if i := bytes.Index(rest, []byte("~>")); i >= 0 {
			return start + i + 2, true, nil
		}
	case "FlateDecode":
		return l.inflateEnd(start, budget)
	case "LZWDecode":
		if n, ok := lzwEnd(rest, p.early); ok {
			return start + n, true, nil
		}
	case "RunLengthDecode":
		if n, ok := runLengthEnd(rest); ok {
			return start + n, true, nil
		}
	}
	// DCT, CCITT and unknown filters: the end is searched.
	return 0, false, nil
}

// inflateEnd decodes zlib data at start to find where it ends, spending
// the page's decoding budget.
func (l *lexer) inflateEnd(start int, budget *int64) (int, bool, error) {
	if l.img == nil {
		l.img = new(imageLexer)
	}
	im := l.img
	rest := l.data[start:]
	im.br.Reset(rest)
	var err error
	if im.zr == nil {
		im.zr, err = zlib.NewReader(&im.br)
	} else {
		err = im.zr.(zlib.Resetter).Reset(&im.br, nil)
	}
	if err != nil {
		return 0, false, nil
	}
	n, err := io.Copy(io.Discard, io.LimitReader(im.zr, *budget+1))
	*budget -= n
	if *budget < 0 {
		return 0, false, &lexError{l.op, errBudget}
	}
	if err != nil && !errors.Is(err, zlib.ErrChecksum) {
		return 0, false, nil
	}
	return start + len(rest) - im.br.Len(), true, nil
}

// errBudget marks a page whose streams decode past the file's limit.
var errBudget = errors.New("decoding budget spent")

// lzwEnd returns the length of LZW data up to its end-of-data code (PDF
// 32000-1:2008, 7.4.4), tracking only the code width.
func lzwEnd(data []byte, early int) (int, bool) {
	var bits uint32
	var nbits uint
	width, next := uint(9), 258
	prev := false
	for i := 0; ; {
		for nbits < width {
			if i >= len(data) {
				return 0, false
			}
			bits = bits<<8 | uint32(data[i])
			i++
			nbits += 8
		}
		code := int(bits>>(nbits-width)) & (1<<width - 1)
		nbits -= width
		bits &= 1<<nbits - 1
		switch code {
		case 256:
			width, next, prev = 9, 258, false
			continue
		case 257:
			return i, true
		}
		if prev {
			next++
			if s := next + early; s&(s-1) == 0 && width < 12 {
				width++
			}
		}
		prev = true
	}
}

// runLengthEnd returns the length of RunLength data up to its end-of-data
// byte (PDF 32000-1:2008, 7.4.5).
func runLengthEnd(data []byte) (int, bool) {
	for i := 0; i < len(data); {
		n := int(data[i])
		i++
		switch {
		case n == 128:
			return i, true
		case n < 128:
			i += n + 1
		default:
			i++
		}
	}
	return 0, false
}

// eiAt returns the offset past the EI operator found at i after white
// space.
func (l *lexer) eiAt(i int) (int, bool) {
	data := l.data
	for i < len(data) && isWhite(data[i]) {
		i++
	}
	if i+2 <= len(data) && data[i] == 'E' && data[i+1] == 'I' && (i+2 == len(data) || !isRegular(data[i+2])) {
		return i + 2, true
	}
	return 0, false
}

// maxSearch is the most bytes a page's content is read ahead of candidate
// EIs of its inline images: data whose length its parameters do not tell
// rarely holds one, and an adversary's cannot make the search quadratic.
const maxSearch = 4 << 20

// searchEI finds the end of image data of unknown length: the first EI
// preceded by white space and followed by white space, a delimiter or the
// end, after which the content reads on as operators. The lookahead spends
// search; none is found once it is spent.
func (l *lexer) searchEI(start int, search *int64) (int, bool) {
	data := l.data
	for i := start; i < len(data); {
		k := bytes.Index(data[i:], []byte("EI"))
		if k < 0 {
			return 0, false
		}
		j := i + k
		i = j + 1
		if j == 0 || !isWhite(data[j-1]) || (j+2 < len(data) && isRegular(data[j+2])) {
			continue
		}
		ok, n := l.operatorsAt(j + 2)
		if *search -= int64(n); *search < 0 {
			return 0, false
		}
		if ok {
			return j + 2, true
		}
	}
	return 0, false
}

// lookahead is how far past a candidate EI the content is read to tell
// whether it goes on as content.
const lookahead = 512

// operatorsAt reports whether the data at off reads as content up to the
// lookahead, the end, or the next inline image: every token well formed
// (but one cut by the lookahead's end), every operator one of content
// streams outside inline images. Image data that happens to hold EI
// between white space is followed by bytes that do not. It returns how
// many bytes it read too.
func (l *lexer) operatorsAt(off int) (bool, int) {
	if l.look == nil {
		l.look = newLexer(l.lim)
	}
	end := min(len(l.data), off+lookahead)
	cut := end < len(l.data)
	lk := l.look
	lk.reset(l.data[off:end])
	for {
		op, err := lk.next()
		if err != nil {
			var le *lexError
			// A token cut by the lookahead's end is no evidence.
			return cut && errors.As(err, &le) && isUnterminated(le), len(lk.data)
		}
		if op == nil || (cut && lk.pos == len(lk.data)) || string(op) == "BI" {
			return true, lk.pos
		}
		if !isOperator(op) || string(op) == "ID" || string(op) == "EI" {
			return false, lk.pos
		}
	}
}

func isUnterminated(e *lexError) bool {
	var se *syntaxError
	if !errors.As(e.err, &se) {
		return false
	}
	return bytes.HasSuffix([]byte(se.msg), []byte("without its end"))
}

// isOperator reports whether op is an operator of PDF content streams.
func isOperator(op []byte) bool {
	switch string(op) {
	case "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs",
		"d", "d0", "d1", "Do", "DP", "EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g",
		"gs", "h", "i", "ID", "j", "J", "K", "k", "l", "m", "M", "MP", "n", "q", "Q",
		"re", "RG", "rg", "ri", "s", "S", "SC", "sc", "SCN", "scn", "sh", "T*", "Tc",
		"Td", "TD", "Tf", "Tj", "TJ", "TL", "Tm", "Tr", "Ts", "Tw", "Tz", "v", "w",
		"W", "W*", "y", "'", "\"":
		return true
	}
	return false
}
