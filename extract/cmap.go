package extract

import (
	"strings"
	"unicode/utf16"
)

// Bounds on what one CMap may define; past them the rest is ignored (the
// codes it would have mapped read as unmapped).
const (
	maxCMapEntries = 1 << 17 // codes mapped one by one, ranges expanded
	maxCMapRanges  = 1 << 14 // ranges kept as ranges
	maxCMapSpaces  = 64      // codespace ranges
	expandRange    = 256     // ranges up to this many codes are expanded
)

// codeKey is a character code with its length in bytes: <20> and <0020>
// are different codes.
type codeKey uint64

func keyOf(code uint32, n int) codeKey { return codeKey(n)<<32 | codeKey(code) }

// codeSpace is one codespace range: codes of n bytes, each byte between
// the bytes of lo and hi at its position.
type codeSpace struct {
	lo, hi [4]byte
	n      int
}

func (r *codeSpace) match(s []byte) bool {
	for i := 0; i < r.n; i++ {
		if s[i] < r.lo[i] || s[i] > r.hi[i] {
			return false
		}
	}
	return true
}

// uniRange is a bfrange kept as a range: code lo+k maps to dst with k
// added to its last bytes (carrying into the bytes before).
type uniRange struct {
	lo, hi uint32
	n      int
	dst    string
}

// cidRange maps codes lo..hi of n bytes to cid, cid+1, ...
type cidRange struct {
	lo, hi uint32
	n      int
	cid    uint32
}

// cmap is a parsed CMap: an encoding CMap (codespace ranges, codes to
// CIDs) or a ToUnicode CMap (codes to text); a file may mix both.
type cmap struct {
	name   string
	spaces []codeSpace
	lens   uint8 // bit n is set when a codespace range has codes of n bytes
	// identity: two-byte codes whose CID is the code (Identity-H/V).
	identity bool
	// unicode: the codes are UTF-16 (the predefined UCS2 and UTF16 CMaps);
	// their CIDs are not known here.
	unicode   bool
	uni       map[codeKey]string
	uniRanges []uniRange
	uniLens   uint8 // lengths of the codes uni and uniRanges map
	cid       map[codeKey]uint32
	cidRanges []cidRange
	notdef    []cidRange
	parent    *cmap // the CMap named by usecmap
	use       string
	entries   int
}

// parseCMap reads a CMap stream. It never fails: what it cannot read is
// skipped.
func parseCMap(data []byte) *cmap {
	c := &cmap{}
	l := &psLexer{s: data}
	var prev [2]psToken
	push := func(t psToken) { prev[0], prev[1] = prev[1], t }
	for {
		t := l.next()
		if t.kind == psEOF {
			break
		}
		if t.kind != psKeyword {
			push(t)
			continue
		}
		switch t.val {
		case "begincodespacerange":
			c.readSpaces(l)
		case "beginbfchar":
			c.readBFChar(l)
		case "beginbfrange":
			c.readBFRange(l)
		case "begincidchar":
			c.readCIDChar(l, false)
		case "beginnotdefchar":
			c.readCIDChar(l, true)
		case "begincidrange":
			c.readCIDRange(l, false)
		case "beginnotdefrange":
			c.readCIDRange(l, true)
		case "usecmap":
			if prev[1].kind == psName {
				c.use = prev[1].val
			}
		case "def":
			if prev[0].kind == psName && prev[0].val == "CMapName" && prev[1].kind == psName {
				c.name = prev[1].val
			}
		}
		push(t)
	}
	return c
}

// isEnd reports whether t ends a section (any end… keyword, or the end of
// the data).
func isEnd(t psToken) bool {
	return t.kind == psEOF || t.kind == psKeyword && strings.HasPrefix(t.val, "end")
}

func (c *cmap) readSpaces(l *psLexer) {
	for {
		a := l.next()
		if isEnd(a) {
			return
		}
		b := l.next()
		if isEnd(b) {
			return
		}
		if a.kind != psHex || b.kind != psHex || len(a.val) != len(b.val) || len(a.val) < 1 || len(a.val) > 4 {
			continue
		}
		c.addSpace(a.val, b.val)
	}
}

func (c *cmap) addSpace(lo, hi string) {
	if len(c.spaces) >= maxCMapSpaces {
		return
	}
	r := codeSpace{n: len(lo)}
	copy(r.lo[:], lo)
	copy(r.hi[:], hi)
	c.spaces = append(c.spaces, r)
	c.lens |= 1 << r.n
}

// codeValue is the big-endian value of a code of 1 to 4 bytes.
func codeValue[S ~string | ~[]byte](s S) uint32 {
	var v uint32
	for i := 0; i < len(s) && i < 4; i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

func (c *cmap) full() bool { return c.entries >= maxCMapEntries }

func (c *cmap) setUni(code uint32, n int, text string) {
	if c.full() {
		return
	}
	if c.uni == nil {
		c.uni = map[codeKey]string{}
	}
	c.uni[keyOf(code, n)] = text
	c.uniLens |= 1 << n
	c.entries++
}

func (c *cmap) readBFChar(l *psLexer) {
	for {
		src := l.next()
		if isEnd(src) {
			return
		}
		dst := l.next()
		if isEnd(dst) {
			return
		}
		if src.kind != psHex || len(src.val) < 1 || len(src.val) > 4 {
			continue
		}
		var text string
		switch dst.kind {
		case psHex:
			text = utf16Text(dst.val)
		case psName:
			text, _ = glyphText(dst.val)
		case psString:
			text = dst.val
		default:
			continue
		}
		c.setUni(codeValue(src.val), len(src.val), text)
	}
}

func (c *cmap) readBFRange(l *psLexer) {
	for {
		lo := l.next()
		if isEnd(lo) {
			return
		}
		hi := l.next()
		if isEnd(hi) {
			return
		}
		dst := l.next()
		if isEnd(dst) {
			return
		}
		var dsts []string
		if dst.kind == psArrayOpen {
			for {
				t := l.next()
				if t.kind == psArrayClose || isEnd(t) {
					break
				}
				if len(dsts) < maxCMapEntries {
					dsts = append(dsts, t.val)
				}
			}
		}
		if lo.kind != psHex || hi.kind != psHex || len(lo.val) != len(hi.val) || len(lo.val) < 1 || len(lo.val) > 4 {
			continue
		}
		n := len(lo.val)
		a, b := codeValue(lo.val), codeValue(hi.val)
		if b < a {
			continue
		}
		switch {
		case dst.kind == psArrayOpen:
			for k, d := range dsts {
				if uint64(a)+uint64(k) > uint64(b) {
					break
				}
				c.setUni(a+uint32(k), n, utf16Text(d))
			}
		case dst.kind == psHex && len(dst.val) > 0:
			if b-a < expandRange {
				for k := uint32(0); k <= b-a; k++ {
					c.setUni(a+k, n, utf16Text(addToBytes(dst.val, k)))
				}
			} else if len(c.uniRanges) < maxCMapRanges {
				c.uniRanges = append(c.uniRanges, uniRange{lo: a, hi: b, n: n, dst: dst.val})
				c.uniLens |= 1 << n
			}
		}
	}
}

// addToBytes adds k to the big-endian number s, carrying from the last
// byte into the bytes before it (the way readers treat a bfrange whose
// destination runs past its last byte); the result keeps the length of s.
func addToBytes(s string, k uint32) string {
	if k == 0 {
		return s
	}
	b := []byte(s)
	carry := uint64(k)
	for i := len(b) - 1; i >= 0 && carry > 0; i-- {
		v := uint64(b[i]) + carry
		b[i] = byte(v)
		carry = v >> 8
	}
	return string(b)
}

// utf16Text decodes the destination of a ToUnicode mapping: UTF-16BE; a
// destination of an odd number of bytes ends with one byte read as a
// Latin-1 character.
func utf16Text(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	rs := utf16.Decode(u)
	if len(s)%2 == 1 {
		rs = append(rs, rune(s[len(s)-1]))
	}
	return string(rs)
}

func (c *cmap) readCIDChar(l *psLexer, notdef bool) {
	for {
		src := l.next()
		if isEnd(src) {
			return
		}
		dst := l.next()
		if isEnd(dst) {
			return
		}
		cid, ok := psInt(dst)
		if src.kind != psHex || len(src.val) < 1 || len(src.val) > 4 || !ok || cid < 0 || cid > 0xFFFFFFFF {
			continue
		}
		code := codeValue(src.val)
		if notdef {
			if len(c.notdef) < maxCMapRanges {
				c.notdef = append(c.notdef, cidRange{code, code, len(src.val), uint32(cid)})
			}
			continue
		}
		if c.full() {
			continue
		}
		if c.cid == nil {
			c.cid = map[codeKey]uint32{}
		}
		c.cid[keyOf(code, len(src.val))] = uint32(cid)
		c.entries++
	}
}

func (c *cmap) readCIDRange(l *psLexer, notdef bool) {
	for {
		lo := l.next()
		if isEnd(lo) {
			return
		}
		hi := l.next()
		if isEnd(hi) {
			return
		}
		dst := l.next()
		if isEnd(dst) {
			return
		}
		cid, ok := psInt(dst)
		if lo.kind != psHex || hi.kind != psHex || len(lo.val) != len(hi.val) || len(lo.val) < 1 || len(lo.val) > 4 || !ok || cid < 0 || cid > 0xFFFFFFFF {
			continue
		}
		a, b := codeValue(lo.val), codeValue(hi.val)
		if b < a {
			continue
		}
		r := cidRange{a, b, len(lo.val), uint32(cid)}
		if notdef {
			if len(c.notdef) < maxCMapRanges {
				c.notdef = append(c.notdef, r)
			}
			continue
		}
		if len(c.cidRanges) < maxCMapRanges {
			c.cidRanges = append(c.cidRanges, r)
		}
	}
}

// next splits the first code off s by the codespace ranges: the shortest
// code of 1 to 4 bytes that falls in a range. Bytes in no range are read
// one at a time, as codes that map to no glyph (ok is false).
func (c *cmap) next(s []byte) (code uint32, n int, ok bool) {
	if c.identity {
		if len(s) >= 2 {
			return uint32(s[0])<<8 | uint32(s[1]), 2, true
		}
		return uint32(s[0]), 1, false
	}
	for cm := c; cm != nil; cm = cm.parent {
		for n := 1; n <= 4 && n <= len(s); n++ {
			if cm.lens&(1<<n) == 0 {
				continue
			}
			for i := range cm.spaces {
				if r := &cm.spaces[i]; r.n == n && r.match(s) {
					return codeValue(s[:n]), n, true
				}
			}
		}
		if cm.identity && len(s) >= 2 {
			return uint32(s[0])<<8 | uint32(s[1]), 2, true
		}
	}
	return uint32(s[0]), 1, false
}

// hasSpace reports whether the CMap (or the one it uses) defines
// codespace ranges.
func (c *cmap) hasSpace() bool {
	for cm := c; cm != nil; cm = cm.parent {
		if len(cm.spaces) > 0 || cm.identity {
			return true
		}
	}
	return false
}

// oneByte reports whether every code is one byte long.
func (c *cmap) oneByte() bool {
	lens := uint8(0)
	for cm := c; cm != nil; cm = cm.parent {
		if cm.identity {
			return false
		}
		lens |= cm.lens
	}
	return lens == 1<<1
}

// lookupCID returns the CID of a code, and whether the CMap maps it.
func (c *cmap) lookupCID(code uint32, n int) (uint32, bool) {
	for cm := c; cm != nil; cm = cm.parent {
		if cm.identity {
			return code, n == 2
		}
		if cid, ok := cm.cid[keyOf(code, n)]; ok {
			return cid, true
		}
		for i := len(cm.cidRanges) - 1; i >= 0; i-- {
			if r := &cm.cidRanges[i]; r.n == n && code >= r.lo && code <= r.hi {
				return r.cid + (code - r.lo), true
			}
		}
		for i := len(cm.notdef) - 1; i >= 0; i-- {
			if r := &cm.notdef[i]; r.n == n && code >= r.lo && code <= r.hi {
				return r.cid, false
			}
		}
	}
	return 0, false
}

// lookupText returns the text a ToUnicode CMap gives a code. A code of
// another length than the mappings' is looked up by value.
func (c *cmap) lookupText(code uint32, n int) (string, bool) {
	if t, ok := c.textOf(code, n); ok {
		return t, true
	}
	for m := 1; m <= 4; m++ {
		if m != n && c.uniLens&(1<<m) != 0 && (m >= 4 || code < 1<<(8*m)) {
			if t, ok := c.textOf(code, m); ok {
				return t, true
			}
		}
	}
	return "", false
}

func (c *cmap) textOf(code uint32, n int) (string, bool) {
	if t, ok := c.uni[keyOf(code, n)]; ok {
		return t, true
	}
	for i := len(c.uniRanges) - 1; i >= 0; i-- {
		if r := &c.uniRanges[i]; r.n == n && code >= r.lo && code <= r.hi {
			return utf16Text(addToBytes(r.dst, code-r.lo)), true
		}
	}
	return "", false
}

// eachText calls fn with every code the ToUnicode CMap maps one by one
// (ranges kept as ranges left aside).
func (c *cmap) eachText(fn func(code uint32, n int, text string)) {
	for k, t := range c.uni {
		fn(uint32(k), int(k>>32), t)
	}
}

// predefinedCMap returns the predefined CMap of the given name, when it is
// one whose mapping is known without Adobe's CMap files: Identity-H and
// Identity-V, and the CMaps whose codes are UCS-2 or UTF-16 (Uni…-UCS2-…,
// Uni…-UTF16-…).
func predefinedCMap(name string) (*cmap, bool) {
	switch {
	case name == "Identity-H" || name == "Identity-V":
		return &cmap{name: name, identity: true, lens: 1 << 2}, true
	case strings.HasPrefix(name, "Uni") && strings.Contains(name, "-UCS2-"):
		c := &cmap{name: name, unicode: true}
		c.addSpace("\x00\x00", "\xff\xff")
		return c, true
	case strings.HasPrefix(name, "Uni") && strings.Contains(name, "-UTF16-"):
		c := &cmap{name: name, unicode: true}
		c.addSpace("\x00\x00", "\xd7\xff")
		c.addSpace("\xe0\x00", "\xff\xff")
		c.addSpace("\xd8\x00\xdc\x00", "\xdb\xff\xdf\xff")
		return c, true
	}
	return nil, false
}

// isUnicode reports whether the codes of the CMap (or of the one it uses)
// are UTF-16.
func (c *cmap) isUnicode() bool {
	for cm := c; cm != nil; cm = cm.parent {
		if cm.unicode {
			return true
		}
	}
	return false
}
