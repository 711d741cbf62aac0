package extract

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func TestSFNTTables(t *testing.T) {
	f, err := parseSFNT(readFixture(t, "dejavu-subset-symbolic.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	if f.numGlyphs != 113 || f.unitsPerEm != 2048 || !f.hasMac || f.mac['a'] != 66 || f.symbol[0xF061] != 66 {
		t.Errorf("glyphs %d em %d mac a→%d symbol a→%d", f.numGlyphs, f.unitsPerEm, f.mac['a'], f.symbol[0xF061])
	}
	comps, ok := f.components(97)
	if !ok || fmt.Sprint(comps) != "[{66 0 0} {65 82 0}]" {
		t.Errorf("components of 97: %v %v", comps, ok)
	}
	cs, ok := f.contours(65)
	if !ok || len(cs) != 1 || len(cs[0]) != 4 {
		t.Errorf("outline of the grave accent: %v", cs)
	}
	if _, _, empty, ok := f.box(1); !ok || !empty {
		t.Error("the space glyph has no outline")
	}
}

func FuzzSFNT(f *testing.F) {
	f.Add(tinySFNT())
	for _, name := range []string{"dejavu-subset-symbolic.ttf", "dejavu-subset-nocmap.ttf", "dejavu-subset-unicode.ttf"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fonts", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSFNT(data)
		if err != nil {
			return
		}
		for g := 0; g < s.numGlyphs && g < 512; g++ {
			s.box(g)
			s.components(g)
			s.contours(g)
			s.glyphText(g)
		}
	})
}

func FuzzType1Encoding(f *testing.F) {
	f.Add([]byte("/Encoding 256 array 0 1 255 {1 index exch /.notdef put} for dup 65 /A put readonly def currentfile eexec"))
	f.Add([]byte("/FontName /X def /Encoding StandardEncoding def"))
	f.Fuzz(func(t *testing.T, data []byte) {
		type1Encoding(data)
	})
}

func TestSFNTUnicode(t *testing.T) {
	f, err := parseSFNT(readFixture(t, "dejavu-subset-unicode.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	g, ok := f.unicode['à']
	if !ok {
		t.Fatal("no glyph for à")
	}
	if r, ok := f.glyphRune(g); !ok || r != 'à' {
		t.Errorf("glyph %d reads %q", g, r)
	}
	if got, _ := f.glyphText(int(f.unicode['A'])); got != "A" {
		t.Errorf("A reads %q", got)
	}
}

func buildSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	head := binary.BigEndian.AppendUint32(nil, 0x00010000)
	head = binary.BigEndian.AppendUint16(head, uint16(len(tags)))
	head = append(head, 0, 0, 0, 0, 0, 0)
	off := len(head) + 16*len(tags)
	var body []byte
	for _, tag := range tags {
		t := tables[tag]
		head = append(head, tag...)
		head = binary.BigEndian.AppendUint32(head, 0)
		head = binary.BigEndian.AppendUint32(head, uint32(off+len(body)))
		head = binary.BigEndian.AppendUint32(head, uint32(len(t)))
		body = append(body, t...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(head, body...)
}

func tinySFNT() []byte {
	be16 := func(b []byte, v ...int) []byte {
		for _, x := range v {
			b = binary.BigEndian.AppendUint16(b, uint16(x))
		}
		return b
	}
	simple := func(pts ...int) []byte { // one contour of on-curve points
		n := len(pts) / 2
		x0, y0, x1, y1 := pts[0], pts[1], pts[0], pts[1]
		for i := 0; i < n; i++ {
			x0, x1 = min(x0, pts[2*i]), max(x1, pts[2*i])
			y0, y1 = min(y0, pts[2*i+1]), max(y1, pts[2*i+1])
		}
		b := be16(nil, 1, x0, y0, x1, y1, n-1, 0)
		for i := 0; i < n; i++ {
			b = append(b, 0x01)
		}
		prev := 0
		for i := 0; i < n; i++ {
			b = be16(b, pts[2*i]-prev)
			prev = pts[2*i]
		}
		prev = 0
		for i := 0; i < n; i++ {
			b = be16(b, pts[2*i+1]-prev)
			prev = pts[2*i+1]
		}
		return b
	}
	glyphs := [][]byte{
		nil,
		simple(100, 0, 500, 0, 500, 500, 100, 500),
		be16(nil, 0xFFFF, 100, 0, 500, 900, 0x0023, 1, 0, 0, 0x0003, 3, 0, 0), // two components, offsets as words
		simple(200, 600, 300, 600, 450, 850, 350, 850),
	}
	var glyf, loca []byte
	for _, g := range glyphs {
		loca = be16(loca, len(glyf)/2)
		glyf = append(glyf, g...)
		if len(glyf)%2 == 1 {
			glyf = append(glyf, 0)
		}
	}
	loca = be16(loca, len(glyf)/2)
	headT := make([]byte, 54)
	binary.BigEndian.PutUint32(headT, 0x00010000)
	binary.BigEndian.PutUint16(headT[18:], 1000)
	maxp := be16(binary.BigEndian.AppendUint32(nil, 0x00005000), len(glyphs))
	f4 := be16(nil, 4, 32, 0, 4, 4, 1, 0, 0x61, 0xFFFF, 0, 0x61, 0xFFFF, 1-0x61, 1, 0, 0)
	f0 := be16(nil, 0, 262, 0)
	f0 = append(f0, make([]byte, 256)...)
	f0[6+0x61] = 1
	cmapT := be16(nil, 0, 2, 1, 0)
	cmapT = binary.BigEndian.AppendUint32(cmapT, 20)
	cmapT = be16(cmapT, 3, 1)
	cmapT = binary.BigEndian.AppendUint32(cmapT, uint32(20+len(f0)))
	cmapT = append(append(cmapT, f0...), f4...)
	aIndex := 0
	for i, n := range macGlyphNames {
		if n == "a" {
			aIndex = i
		}
	}
	post := binary.BigEndian.AppendUint32(nil, 0x00020000)
	post = append(post, make([]byte, 28)...)
	post = be16(post, 4, 0, aIndex, 258, 259)
	post = append(post, 6)
	post = append(post, "aacute"...)
	post = append(post, 9)
	post = append(post, "acutecomb"...)
	return buildSFNT(map[string][]byte{"head": headT, "maxp": maxp, "loca": loca, "glyf": glyf, "cmap": cmapT, "post": post})
}

func TestTinySFNT(t *testing.T) {
	f, err := parseSFNT(tinySFNT())
	if err != nil {
		t.Fatal(err)
	}
	if f.numGlyphs != 4 || f.unicode['a'] != 1 || f.mac['a'] != 1 || !f.hasMac {
		t.Fatalf("glyphs %d, a: unicode %d mac %d", f.numGlyphs, f.unicode['a'], f.mac['a'])
	}
	for g, want := range []string{"", "a", "á", "\u0301"} {
		if got, _ := f.glyphText(g); got != want {
			t.Errorf("glyph %d: %q, want %q", g, got, want)
		}
	}
	comps, ok := f.components(2)
	if !ok || fmt.Sprint(comps) != "[{1 0 0} {3 0 0}]" {
		t.Errorf("components %v %v", comps, ok)
	}
	// The composite, its post name ignored, is told from its parts.
	fn := &font{}
	fn.rec.ttf = f
	fn.rec.known = map[int]string{1: "a"}
	if got, ok := fn.composite(2, 0); !ok || got != "á" {
		t.Errorf("composite: %q %v", got, ok)
	}
}
