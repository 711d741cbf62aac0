package extract

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/pdffile"
)

// fontPage reads a one-page PDF whose content shows text in font F1: the
// first of objs (object 5); the other objects follow it, numbered from 6.
func fontPage(t *testing.T, content string, objs ...string) Page {
	t.Helper()
	all := append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		pdftest.Stream("", []byte(content)),
	}, objs...)
	f, err := pdffile.OpenBytes(context.Background(), pdftest.Build("%PDF-1.4", all...), "font.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Read(context.Background(), f, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return ps[0]
}

// pageText is the text of the free lines of a page, one line each.
func pageText(p Page) string {
	var out []string
	for _, l := range p.Lines {
		out = append(out, l.Text)
	}
	return strings.Join(out, "\n")
}

// streamObj is a stream object holding data (binary data as a hex-coded
// stream).
func streamObj(dict string, data []byte) string {
	return pdftest.Stream(dict+" /Filter /ASCIIHexDecode", []byte(fmt.Sprintf("%X>", data)))
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fonts", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSimpleFontEncodings reads simple fonts by their encodings: a base
// encoding with Differences naming glyphs by the glyph list (afii and uni
// forms, ligatures of components), the built-in encoding of Symbol, and
// StandardEncoding where a Latin font names none.
func TestSimpleFontEncodings(t *testing.T) {
	tests := []struct {
		name, font, shown, want string
		unmapped                int
	}{
		{"differences", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 /Euro /uni00E0 /afii10017 /f_i /g123] >> >>",
			`(\200 \201 \202 \203 \204 \350)`, "€ à А fi \uFFFD è", 1},
		{"symbol", "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>", "(abg)", "αβγ", 0},
		{"standard encoding", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", `(l\047a \140b\047)`, "l’a ‘b’", 0},
		{"mac roman", "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>", `(\210 \216)`, "à é", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fontPage(t, "BT /F1 10 Tf 10 100 Td "+tt.shown+" Tj ET", tt.font)
			if got := pageText(p); got != tt.want {
				t.Errorf("text %q, want %q", got, tt.want)
			}
			if p.Unmapped != tt.unmapped {
				t.Errorf("unmapped %d of %d, want %d", p.Unmapped, p.Glyphs, tt.unmapped)
			}
		})
	}
}

// TestType0OneByteCMap: an embedded CMap of one-byte codes reads one byte
// per code; widths come by CID from W and DW.
func TestType0OneByteCMap(t *testing.T) {
	cm := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> endcodespacerange 1 begincidrange <00> <FF> 0 endcidrange endcmap end end"
	tu := "1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <0020> endbfrange"
	p := fontPage(t, "BT /F1 10 Tf 10 100 Td (AB C) Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding 6 0 R /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
		pdftest.Stream("/Type /CMap /CMapName /OneByte", []byte(cm)),
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 300 /W [65 [500 700] 32 32 250] /W2 [1 2 3] >>",
		pdftest.Stream("", []byte(tu)))
	if got := pageText(p); got != "AB C" {
		t.Fatalf("text %q", got)
	}
	w := p.Lines[0].Words
	// A 5 wide, B 7, space 2.5, C by DW 3: C starts at 10+5+7+2.5.
	if len(w) != 2 || math.Abs(w[1].X0-24.5) > 0.01 || math.Abs(w[1].X1-27.5) > 0.01 {
		t.Errorf("words %+v, want C at 24.5–27.5", w)
	}
}

// TestWordSpacing: Tw widens the single-byte code 32, never a two-byte
// code that happens to be 32.
func TestWordSpacing(t *testing.T) {
	tu := "1 begincodespacerange <0000> <FFFF> endcodespacerange 3 beginbfchar <0041> <0041> <0020> <0020> <0042> <0042> endbfchar"
	type0 := []string{"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /DW 500 >>", pdftest.Stream("", []byte(tu))}
	p := fontPage(t, "BT /F1 10 Tf 20 Tw 10 100 Td <004100200042> Tj ET", type0...)
	if w := p.Lines[0].Words; len(w) != 2 || math.Abs(w[1].X0-20) > 0.01 {
		t.Errorf("two-byte code 32: words %+v, want B at 20", w)
	}
	p = fontPage(t, "BT /F1 10 Tf 20 Tw 10 100 Td (A B) Tj ET", helvetica)
	if w := p.Lines[0].Words; len(w) != 2 || math.Abs(w[1].X0-(10+6.67+2.78+20)) > 0.01 {
		t.Errorf("one-byte code 32: words %+v", w)
	}
}

// TestType3Font: widths and glyph size through the font matrix, text by
// the Differences of its encoding.
func TestType3Font(t *testing.T) {
	p := fontPage(t, "BT /F1 10 Tf 10 100 Td (abc) Tj ET",
		"<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FontBBox [0 0 100 100] /FirstChar 97 /LastChar 99 /Widths [50 60 70] /Encoding << /Type /Encoding /Differences [97 /a /b /g7] >> /CharProcs << /a 6 0 R /b 6 0 R /g7 6 0 R >> /Resources << >> >>",
		pdftest.Stream("", []byte("50 0 d0")))
	if got := pageText(p); got != "ab\uFFFD" {
		t.Errorf("text %q", got)
	}
	l := p.Lines[0]
	if math.Abs(l.X0-10) > 0.01 || math.Abs(l.X1-28) > 0.01 || math.Abs(l.Size-10) > 0.01 {
		t.Errorf("line %.2f–%.2f size %.2f, want 10–28 size 10", l.X0, l.X1, l.Size)
	}
	if p.Glyphs != 3 || p.Unmapped != 1 || fmt.Sprint(p.UnmappedFonts) != "[]" && len(p.UnmappedFonts) != 1 {
		t.Errorf("glyphs %d unmapped %d fonts %q", p.Glyphs, p.Unmapped, p.UnmappedFonts)
	}
}

// TestPredefinedUnicodeCMap: the codes of a UCS2 CMap are their text.
func TestPredefinedUnicodeCMap(t *testing.T) {
	p := fontPage(t, "BT /F1 10 Tf 10 100 Td <4E2D6587> Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>")
	if got := pageText(p); got != "中文" {
		t.Errorf("text %q", got)
	}
}

// TestRepairedToUnicode mends the damage Ghostscript does to the ToUnicode
// of a Latin font where the font's own widths show it, and leaves alone
// what the widths confirm.
func TestRepairedToUnicode(t *testing.T) {
	// CIDs 1–21 are the letters a–u; their widths, then those of the
	// ligatures ff fi fl ffi ffl (CIDs 40–44), of a packed "fi" (45), a
	// real ü (46), a ’ cut to its low byte (47).
	letters := "abcdefghijklmnopqrstu"
	widths := map[byte]int{'f': 352, 'i': 278, 'l': 278, 'u': 634}
	var tu strings.Builder
	var w strings.Builder
	tu.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&tu, "%d beginbfchar\n", len(letters)+8)
	w.WriteString("1 [")
	for i := 0; i < len(letters); i++ {
		fmt.Fprintf(&tu, "<%04X> <%04X>\n", i+1, letters[i])
		wd := widths[letters[i]]
		if wd == 0 {
			wd = 600
		}
		fmt.Fprintf(&w, "%d ", wd)
	}
	w.WriteString("] 40 [689 630 630 967 967 630 634 318]")
	for i, dst := range []string{"00FB", "00FC", "00FD", "00FE", "00FF", "6669", "00FC", "0019"} {
		fmt.Fprintf(&tu, "<%04X> <%s>\n", 40+i, dst)
	}
	tu.WriteString("endbfchar")
	p := fontPage(t, "BT /F1 10 Tf 10 100 Td <0028> Tj <0029> Tj <002A> Tj <002B> Tj <002C> Tj <002D> Tj <002E> Tj <002F> Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /DW 500 /W ["+w.String()+"] >>",
		pdftest.Stream("", []byte(tu.String())))
	if got, want := pageText(p), "fffiflffifflfiü’"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// TestRecoveredFromTrueType reads a symbolic TrueType subset without
// ToUnicode or Encoding, as Ghostscript writes it: printable ASCII by the
// font's own codes, accented letters from their composite glyphs, a dash
// drawn as a plain glyph counted as lost.
func TestRecoveredFromTrueType(t *testing.T) {
	ttf := readFixture(t, "dejavu-subset-symbolic.ttf")
	p := fontPage(t, `BT /F1 10 Tf 10 100 Td (citt\201 perch\206 \200 l\211 \204 \203) Tj ET`,
		"<< /Type /Font /Subtype /TrueType /BaseFont /WKFREL+DejaVuSans /FirstChar 32 /LastChar 141 /Widths [318] /FontDescriptor 6 0 R >>",
		"<< /Type /FontDescriptor /FontName /WKFREL+DejaVuSans /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>",
		streamObj("", ttf))
	if got, want := pageText(p), "città perché \uFFFD lì ò À"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if p.Unmapped != 1 {
		t.Errorf("unmapped %d, want 1", p.Unmapped)
	}
}

// oneByteType0 shows text in a Type0 font of one-byte codes whose TrueType
// program has no cmap and whose dictionaries no ToUnicode, as
// Ghostscript's PDF/A conversion writes it; gids is its CIDToGIDMap.
func oneByteType0(t *testing.T, shown string, gids []byte) Page {
	ttf := readFixture(t, "dejavu-subset-nocmap.ttf")
	cm := "1 begincodespacerange <00> <FF> endcodespacerange 1 begincidrange <00> <FF> 0 endcidrange"
	return fontPage(t, "BT /F1 10 Tf 10 100 Td "+shown+" Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /UPWNRJ+DejaVuSans /Encoding 6 0 R /DescendantFonts [7 0 R] >>",
		pdftest.Stream("/Type /CMap /CMapName /OneByteIdentityH", []byte(cm)),
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /UPWNRJ+DejaVuSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /CIDToGIDMap 8 0 R /DW 636 /FontDescriptor 9 0 R /W [32 [318] 40 [390 390] 65 [684 686 698] 97 [613] 128 [1000 613 615 684]] >>",
		streamObj("", gids),
		"<< /Type /FontDescriptor /FontName /UPWNRJ+DejaVuSans /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 10 0 R >>",
		streamObj("", ttf))
}

// TestRecoveredOneByteType0: the glyphs' shapes show the codes are ASCII,
// composites give the accented letters; the same glyphs given to the
// codes in another order show nothing, and every character is lost.
func TestRecoveredOneByteType0(t *testing.T) {
	gids := readFixture(t, "dejavu-subset-nocmap.cidtogid")
	p := oneByteType0(t, `(CITT\203 di Capannori: qualit\201 \(2024\))`, gids)
	if got, want := pageText(p), "CITTÀ di Capannori: qualità (2024)"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if p.Unmapped != 0 {
		t.Errorf("unmapped %d", p.Unmapped)
	}
	// Codes 0x21–0x7E given the glyphs of the codes 7 places on.
	shifted := append([]byte(nil), gids...)
	for c := 0x21; c <= 0x7e; c++ {
		d := 0x21 + (c-0x21+7)%(0x7e-0x21+1)
		shifted[2*c], shifted[2*c+1] = gids[2*d], gids[2*d+1]
	}
	p = oneByteType0(t, `(Capannori)`, shifted)
	if p.Unmapped != p.Glyphs || p.Glyphs != 9 {
		t.Errorf("shifted codes: %q, %d of %d unmapped", pageText(p), p.Unmapped, p.Glyphs)
	}
}

// TestNoMappingIsLost: a font whose codes nothing maps (no ToUnicode, no
// program) reads as lost characters, counted.
func TestNoMappingIsLost(t *testing.T) {
	p := fontPage(t, "BT /F1 10 Tf 10 100 Td <00410042> Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
	if p.Glyphs != 2 || p.Unmapped != 2 || len(p.UnmappedFonts) != 1 || p.UnmappedFonts[0] != "X" {
		t.Errorf("glyphs %d unmapped %d fonts %q", p.Glyphs, p.Unmapped, p.UnmappedFonts)
	}
}

// TestType1BuiltinEncoding reads the built-in encoding of a Type 1
// program for a symbolic font that names no encoding.
func TestType1BuiltinEncoding(t *testing.T) {
	prog := "%!PS-AdobeFont-1.0: Test 001\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /Aring put\ndup 66 /eacute put\ndup 67 /g12 put\nreadonly def\ncurrentfile eexec\n\x00\x01binary"
	p := fontPage(t, "BT /F1 10 Tf 10 100 Td (ABC) Tj ET",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Test /FirstChar 65 /LastChar 67 /Widths [600 600 600] /FontDescriptor 6 0 R >>",
		"<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontBBox [0 0 1000 1000] /FontFile 7 0 R >>",
		streamObj(fmt.Sprintf("/Length1 %d /Length2 0 /Length3 0", len(prog)), []byte(prog)))
	if got := pageText(p); got != "Åé\uFFFD" {
		t.Errorf("text %q", got)
	}
}

// cffIndex writes a CFF INDEX of 4-byte offsets.
// buildCFF writes a CFF program of the named glyphs (after .notdef) with
// the given built-in encoding, or a CID-keyed one of the given CIDs.
// TestCFFCharset reads a Type1C program's built-in encoding and charset
// names; a CID-keyed program has no names to give.
// TestSFNTTables reads the tables of a real subset: cmap subtables of the
// font's own codes, composite glyphs and their components, outlines.
// FuzzSFNT reads any bytes as a TrueType/OpenType program and walks every
// glyph: no panic, bounded work.
// FuzzCFF reads any bytes as a CFF program.
// TestClassifyMark tells drawn marks apart, above and below a letter whose
// box is (100,0)–(600,1100) in a font of 2048 units.
func TestClassifyMark(t *testing.T) {
	on := func(xy ...int) []point {
		var out []point
		for i := 0; i+1 < len(xy); i += 2 {
			out = append(out, point{xy[i], xy[i+1], false})
		}
		return out
	}
	// curve alternates on- and off-curve points, starting on the curve.
	curve := func(xy ...int) []point {
		out := on(xy...)
		for i := range out {
			out[i].off = i%2 == 1
		}
		return out
	}
	base := glyphBox{100, 0, 600, 1100}
	tests := []struct {
		name string
		cs   [][]point
		want rune
	}{
		{"grave", [][]point{on(170, 1638, 367, 1638, 649, 1264, 496, 1264)}, markGrave},
		{"acute", [][]point{on(651, 1638, 850, 1638, 524, 1262, 371, 1262)}, markAcute},
		{"circumflex", [][]point{on(150, 1250, 300, 1250, 375, 1450, 450, 1250, 600, 1250, 450, 1600, 300, 1600)}, markCircumflex},
		{"caron", [][]point{on(150, 1600, 300, 1600, 375, 1400, 450, 1600, 600, 1600, 450, 1250, 300, 1250)}, markCaron},
		{"breve", [][]point{curve(150, 1600, 200, 1250, 375, 1250, 550, 1250, 600, 1600, 520, 1600, 500, 1350, 375, 1350, 250, 1350, 230, 1600)}, markBreve},
		{"tilde", [][]point{curve(120, 1300, 180, 1500, 260, 1500, 340, 1450, 420, 1400, 480, 1400, 520, 1500, 600, 1500, 630, 1480, 560, 1300, 480, 1300, 400, 1350, 320, 1400, 260, 1400, 220, 1300)}, '\u0303'},
		{"macron", [][]point{on(150, 1300, 600, 1300, 600, 1420, 150, 1420)}, markMacron},
		{"dot", [][]point{on(300, 1300, 450, 1300, 450, 1450, 300, 1450)}, markDotAbove},
		{"dieresis", [][]point{on(200, 1300, 330, 1300, 330, 1430, 200, 1430), on(420, 1300, 550, 1300, 550, 1430, 420, 1430)}, markDieresis},
		{"ring", [][]point{curve(250, 1400, 250, 1650, 400, 1650, 550, 1650, 550, 1400, 550, 1200, 400, 1200, 250, 1200), curve(300, 1400, 300, 1550, 400, 1550, 500, 1550, 500, 1400, 500, 1250, 400, 1250, 300, 1250)}, markRing},
		{"cedilla", [][]point{on(330, 0, 400, 0, 420, -150, 470, -200, 450, -400, 250, -420, 260, -350, 380, -330, 360, -200, 330, -120)}, markCedilla},
		{"ogonek", [][]point{on(520, 0, 580, 0, 470, -150, 480, -350, 650, -420, 660, -350, 560, -320, 560, -200)}, markOgonek},
		{"upright stroke", [][]point{on(350, 1250, 400, 1250, 400, 1600, 350, 1600)}, 0},
		{"three contours", [][]point{on(100, 1300, 150, 1300, 150, 1350), on(300, 1300, 350, 1300, 350, 1350), on(500, 1300, 550, 1300, 550, 1350)}, 0},
		{"beside the letter", [][]point{on(700, 500, 800, 500, 800, 600, 700, 600)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := classifyMark(tt.cs, 0, 0, base, 2048)
			if tt.want == 0 {
				if ok {
					t.Errorf("told %U, want nothing", got)
				}
				return
			}
			if !ok || got != tt.want {
				t.Errorf("%U %v, want %U", got, ok, tt.want)
			}
		})
	}
}

// FuzzType1Encoding reads any bytes as the cleartext of a Type 1 program.
// TestSFNTUnicode reads a subset with a (3,1) subtable: each glyph's
// character by the inverted map.
// FuzzFontRecovery recovers the text of every code of a simple font and of
// a one-byte Type0 font from any bytes read as their TrueType program:
// composites, outlines, the evidence of the glyphs' shapes. No panic,
// bounded work.
func FuzzFontRecovery(f *testing.F) {
	f.Add(tinySFNT())
	for _, name := range []string{"dejavu-subset-symbolic.ttf", "dejavu-subset-nocmap.ttf", "dejavu-subset-unicode.ttf"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fonts", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		prog, err := parseSFNT(data)
		if err != nil {
			return
		}
		var direct [256]glyphInfo
		for c := range direct {
			direct[c].lost = true
		}
		simple := &font{name: "fuzz", widths: map[uint32]float64{}, scale: 0.001, symbolic: true, direct: &direct}
		simple.rec.ttf = prog
		for c := 0; c < 256; c++ {
			simple.glyph(uint32(c), 1)
		}
		one := parseCMap([]byte("1 begincodespacerange <00> <FF> endcodespacerange 1 begincidrange <00> <FF> 0 endcidrange"))
		type0 := &font{name: "fuzz", kind: fontType0, enc: one, widths: map[uint32]float64{}, scale: 0.001}
		type0.rec.ttf = prog
		for c := 0; c < 256; c++ {
			type0.glyph(uint32(c), 1)
		}
	})
}

// buildSFNT writes a TrueType program of the given tables.
// tinySFNT is a program of four glyphs: none, "a" (a box), "á" (a
// composite of "a" and the accent), the accent (a stroke rising to the
// right); cmap (3,1) format 4 and (1,0) format 0 map "a"; post format 2
// names all four.
// TestTinySFNT reads a hand-made program: cmap formats 0 and 4, post
// format 2 names, a composite with word offsets.
