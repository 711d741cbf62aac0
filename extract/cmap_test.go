package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const mixedCMap = `%!PS-Adobe-3.0 Resource-CMap
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Test-Mixed def
2 begincodespacerange
<00> <80>
<8140> <9FFC>
endcodespacerange
2 begincidrange
<20> <7e> 1
<8140> <817e> 633
endcidrange
1 begincidchar
<8181> 700
endcidchar
1 beginnotdefrange
<00> <1f> 231
endnotdefrange
endcmap
CMapName currentdict /CMap defineresource pop
end end
`

// TestCMapCodespace splits strings by mixed one- and two-byte codespace
// ranges and maps the codes to CIDs.
func TestCMapCodespace(t *testing.T) {
	c := parseCMap([]byte(mixedCMap))
	if c.name != "Test-Mixed" {
		t.Errorf("name = %q", c.name)
	}
	tests := []struct {
		in   string
		want string // code/length:cid, space separated; ! marks an unmapped code
	}{
		{"AB", "41/1:34 42/1:35"},
		{"A\x81\x40B", "41/1:34 8140/2:633 42/1:35"},
		{"\x81\x81", "8181/2:700"},
		{"\x05", "5/1:231!"},
		{"\xff\x41", "ff/1:0! 41/1:34"}, // a byte in no range is read alone
		{"\x81\x30", "81/1:0! 30/1:17"}, // a second byte out of range
	}
	for _, tt := range tests {
		var got []string
		s := tt.in
		for len(s) > 0 {
			code, n, _ := c.next([]byte(s))
			cid, ok := c.lookupCID(code, n)
			mark := ""
			if !ok {
				mark = "!"
			}
			got = append(got, fmt.Sprintf("%x/%d:%d%s", code, n, cid, mark))
			s = s[n:]
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: %s, want %s", tt.in, g, tt.want)
		}
	}
	if c.oneByte() {
		t.Error("a CMap with two-byte codes is not one-byte")
	}
	if !parseCMap([]byte("1 begincodespacerange <00> <FF> endcodespacerange")).oneByte() {
		t.Error("a CMap of one-byte codes is one-byte")
	}
}

const toUnicodeCMap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <00660069>
<0011> /eacute
endbfchar
4 beginbfrange
<0020> <0022> <0041>
<00FE> <0101> <00FE>
<0200> <0202> [<0061> <D83DDE00> <00E8>]
<1000> <1FFF> <4E00>
endbfrange
endcmap end end`

// TestToUnicode reads bfchar and bfrange mappings: UTF-16 destinations of
// several characters and surrogate pairs, glyph names, ranges whose
// destination carries past its last byte, array destinations, a range
// too wide to expand.
func TestToUnicode(t *testing.T) {
	c := parseCMap([]byte(toUnicodeCMap))
	tests := []struct {
		code uint32
		want string
		ok   bool
	}{
		{0x0003, " ", true},
		{0x0010, "fi", true},
		{0x0011, "é", true},
		{0x0020, "A", true},
		{0x0022, "C", true},
		{0x00FE, "\u00FE", true},
		{0x0100, "\u0100", true}, // 00FE+2 carries into the first byte
		{0x0101, "\u0101", true},
		{0x0201, "😀", true},
		{0x0202, "è", true},
		{0x1234, "\u5034", true},
		{0x0004, "", false},
	}
	for _, tt := range tests {
		got, ok := c.lookupText(tt.code, 2)
		if got != tt.want || ok != tt.ok {
			t.Errorf("code %04x: %q %v, want %q %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
	// A one-byte code finds a two-byte mapping of the same value.
	if got, _ := c.lookupText(0x20, 1); got != "A" {
		t.Errorf("one-byte 20: %q", got)
	}
}

// TestUseCMap: an embedded CMap that uses Identity-H maps what it does not
// define itself as Identity-H does.
func TestUseCMap(t *testing.T) {
	c := parseCMap([]byte(`/Identity-H usecmap 1 begincidchar <0041> 5 endcidchar`))
	if c.use != "Identity-H" {
		t.Fatalf("use = %q", c.use)
	}
	c.parent, _ = predefinedCMap(c.use)
	if cid, _ := c.lookupCID(0x41, 2); cid != 5 {
		t.Errorf("own mapping: cid %d", cid)
	}
	if cid, ok := c.lookupCID(0x1234, 2); cid != 0x1234 || !ok {
		t.Errorf("inherited: cid %d %v", cid, ok)
	}
	if code, n, ok := c.next([]byte("\x12\x34")); code != 0x1234 || n != 2 || !ok {
		t.Errorf("codespace of the parent: %x %d %v", code, n, ok)
	}
}

func TestPredefinedCMaps(t *testing.T) {
	for _, tt := range []struct {
		name    string
		in      string
		n       int
		unicode bool
	}{
		{"Identity-H", "\x00\x41", 2, false},
		{"Identity-V", "\x00\x41", 2, false},
		{"UniGB-UCS2-H", "\x4e\x2d", 2, true},
		{"UniJIS-UTF16-H", "\xd8\x3d\xde\x00", 4, true},
		{"UniJIS-UTF16-H", "\x00\x41", 2, true},
	} {
		c, ok := predefinedCMap(tt.name)
		if !ok {
			t.Errorf("%s: not known", tt.name)
			continue
		}
		if _, n, _ := c.next([]byte(tt.in)); n != tt.n || c.isUnicode() != tt.unicode {
			t.Errorf("%s: code of %d bytes, unicode %v", tt.name, n, c.isUnicode())
		}
	}
	if _, ok := predefinedCMap("90ms-RKSJ-H"); ok {
		t.Error("a CMap whose mapping needs Adobe's files is not known")
	}
}

func TestGlyphText(t *testing.T) {
	tests := []struct {
		name string
		want string
		ok   bool
	}{
		{"A", "A", true},
		{"agrave", "à", true},
		{"afii10017", "А", true},
		{"uni00E8", "è", true},
		{"uni00660069", "fi", true},
		{"u1F600", "😀", true},
		{"f_i", "fi", true},
		{"a.sc", "a", true},
		{"space", " ", true},
		{"Euro", "€", true},
		{".notdef", "", false},
		{"g123", "", false},
		{"cid42", "", false},
		{"uniD800", "", false},
		{"u110000", "", false},
	}
	for _, tt := range tests {
		got, ok := glyphText(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: %q %v, want %q %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDamagedForms(t *testing.T) {
	tests := []struct {
		r    rune
		want []string
	}{
		{0x00FB, []string{"\uFB00"}},
		{0x00FC, []string{"\uFB01"}},
		{0x01FB, []string{"\uFB01"}},
		{0x6669, []string{"fi"}},
		{0x0019, []string{"\u2019"}},
		{'a', nil},
	}
	for _, tt := range tests {
		if got := damagedForms(tt.r); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%U: %q, want %q", tt.r, got, tt.want)
		}
	}
}

// FuzzCMap parses any bytes as a CMap and looks codes up in it: no panic,
// bounded work.
func FuzzCMap(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "fonts", "gs-damaged.tounicode")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(mixedCMap))
	f.Add([]byte(toUnicodeCMap))
	f.Add([]byte("<0000><ffff> <00> beginbfrange <0000> <ffff> <d800> endbfrange"))
	f.Add([]byte("1 begincodespacerange <00000000> <ffffffff> endcodespacerange 1 begincidrange <00000000> <ffffffff> 0 endcidrange"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := parseCMap(data)
		c.parent, _ = predefinedCMap(c.use)
		for _, s := range []string{"\x00", "\x00\x41\x81\x40", "\xff\xff\xff\xff\xff", string(data[:min(len(data), 16)])} {
			for len(s) > 0 {
				code, n, _ := c.next([]byte(s))
				if n < 1 || n > len(s) {
					t.Fatalf("code of %d bytes from %d", n, len(s))
				}
				c.lookupCID(code, n)
				c.lookupText(code, n)
				s = s[n:]
			}
		}
	})
}

// TestGhostscriptToUnicode reads a ToUnicode CMap as Ghostscript writes it
// for a PDF/A print: a range that runs far past the code it maps, then
// single codes that override it.
func TestGhostscriptToUnicode(t *testing.T) {
	c := parseCMap(readFixture(t, "gs-damaged.tounicode"))
	for code, want := range map[uint32]string{0x0044: "a", 0x0AFF: "\u201C", 0x0B00: "\u201D", 0x0B05: "\u2022", 0x13B2: "\u00FC"} {
		if got, _ := c.lookupText(code, 2); got != want {
			t.Errorf("%04X: %q, want %q", code, got, want)
		}
	}
}
