package extract

import (
	"encoding/binary"
	"testing"
)

func cffIndexBytes(items [][]byte) []byte {
	b := binary.BigEndian.AppendUint16(nil, uint16(len(items)))
	if len(items) == 0 {
		return b
	}
	b = append(b, 4)
	off := uint32(1)
	b = binary.BigEndian.AppendUint32(b, off)
	for _, it := range items {
		off += uint32(len(it))
		b = binary.BigEndian.AppendUint32(b, off)
	}
	for _, it := range items {
		b = append(b, it...)
	}
	return b
}

func buildCFF(names []string, enc map[byte]int, cids []int) []byte {
	var strs [][]byte
	sid := func(n string) int {
		for i, s := range cffStandardStrings {
			if s == n {
				return i
			}
		}
		strs = append(strs, []byte(n))
		return len(cffStandardStrings) + len(strs) - 1
	}
	n := len(names) + 1
	charset := []byte{0}
	if cids != nil {
		n = len(cids) + 1
		for _, c := range cids {
			charset = binary.BigEndian.AppendUint16(charset, uint16(c))
		}
	} else {
		for _, nm := range names {
			charset = binary.BigEndian.AppendUint16(charset, uint16(sid(nm)))
		}
	}
	encoding := []byte{0, byte(len(enc))}
	for code := 0; code < 256; code++ {
		for c, g := range enc {
			if int(c) == code && g == len(encoding)-1 {
				encoding = append(encoding, c)
			}
		}
	}
	var glyphs [][]byte
	for i := 0; i < n; i++ {
		glyphs = append(glyphs, []byte{14}) // endchar
	}
	num := func(v int) []byte { return binary.BigEndian.AppendUint32([]byte{29}, uint32(v)) }
	dict := func(charsetOff, encOff, csOff int) []byte {
		var d []byte
		if cids != nil {
			d = append(d, num(sid("Adobe"))...)
			d = append(d, num(sid("Identity"))...)
			d = append(d, num(0)...)
			d = append(d, 12, 30)
		}
		d = append(append(d, num(charsetOff)...), 15)
		if cids == nil {
			d = append(append(d, num(encOff)...), 16)
		}
		return append(append(d, num(csOff)...), 17)
	}
	head := []byte{1, 0, 4, 4}
	name := cffIndexBytes([][]byte{[]byte("Test")})
	sid("Adobe")
	sid("Identity")
	strIdx := cffIndexBytes(strs)
	gsubr := cffIndexBytes(nil)
	topLen := len(cffIndexBytes([][]byte{dict(0, 0, 0)}))
	start := len(head) + len(name) + topLen + len(strIdx) + len(gsubr)
	charsetOff, encOff := start, start+len(charset)
	csOff := encOff + len(encoding)
	out := append(head, name...)
	out = append(out, cffIndexBytes([][]byte{dict(charsetOff, encOff, csOff)})...)
	out = append(out, strIdx...)
	out = append(out, gsubr...)
	out = append(out, charset...)
	out = append(out, encoding...)
	return append(out, cffIndexBytes(glyphs)...)
}

func TestCFFCharset(t *testing.T) {
	cff := buildCFF([]string{"Agrave", "zcaron", "uni20AC", "glyph7"}, map[byte]int{'A': 1, 'B': 2, 'C': 3, 'D': 4}, nil)
	p := fontPage(t, "BT /F1 10 Tf 10 100 Td (ABCD) Tj ET",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Test /FirstChar 65 /LastChar 68 /Widths [600 600 600 600] /FontDescriptor 6 0 R >>",
		"<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontBBox [0 0 1000 1000] /FontFile3 7 0 R >>",
		streamObj("/Subtype /Type1C", cff))
	if got := pageText(p); got != "Àž€\uFFFD" {
		t.Errorf("name-keyed: %q", got)
	}
	cid := buildCFF(nil, nil, []int{34, 66})
	p = fontPage(t, "BT /F1 10 Tf 10 100 Td <00220042> Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>",
		"<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontBBox [0 0 1000 1000] /FontFile3 8 0 R >>",
		streamObj("/Subtype /CIDFontType0C", cid))
	if p.Unmapped != 2 {
		t.Errorf("CID-keyed: %q, %d unmapped", pageText(p), p.Unmapped)
	}
	f, err := parseCFF(cid)
	if err != nil || !f.cidKeyed {
		t.Fatalf("parse CID-keyed: %v", err)
	}
	if g, ok := f.glyphOfCID(66); !ok || g != 2 {
		t.Errorf("glyph of CID 66: %d %v", g, ok)
	}
}

func TestCFFStandardStrings(t *testing.T) {
	if len(cffStandardStrings) != 391 {
		t.Fatalf("%d standard strings, want 391", len(cffStandardStrings))
	}
	for sid, want := range map[int]string{0: ".notdef", 95: "asciitilde", 228: "zcaron", 229: "exclamsmall", 237: "twodotenleader", 379: "001.000", 390: "Semibold"} {
		if cffStandardStrings[sid] != want {
			t.Errorf("SID %d = %q, want %q", sid, cffStandardStrings[sid], want)
		}
	}
}

func FuzzCFF(f *testing.F) {
	f.Add(buildCFF([]string{"Agrave", "zcaron", "uni20AC", "glyph7"}, map[byte]int{'A': 1, 'B': 2, 'C': 3, 'D': 4}, nil))
	f.Add(buildCFF(nil, nil, []int{34, 66, 1000}))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parseCFF(data)
		if err != nil {
			return
		}
		for g := 0; g < c.numGlyphs && g < 512; g++ {
			c.glyphName(g)
		}
		for code := 0; code < 256; code++ {
			c.codeGlyph(code)
		}
	})
}
