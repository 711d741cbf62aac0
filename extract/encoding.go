package extract

//go:generate go run gen_tables.go

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// glyphName is one entry of the glyph list.
type glyphName struct {
	name string
	r    rune
}

// lookupGlyph returns the character of a name of the glyph list.
func lookupGlyph(name string) (rune, bool) {
	i := sort.Search(len(glyphList), func(i int) bool { return glyphList[i].name >= name })
	if i < len(glyphList) && glyphList[i].name == name {
		return glyphList[i].r, true
	}
	return 0, false
}

// glyphText returns the text a glyph name stands for, by the rules of the
// Adobe Glyph List specification: a suffix after a period is dropped
// ("a.sc"), components joined by underscores are read one by one
// ("f_i"), each is a name of the glyph list, "uniXXXX…" (groups of four
// hexadecimal digits) or "uXXXX" to "uXXXXXX". A name that gives no text
// (".notdef", "g123", "cid42") returns false.
func glyphText(name string) (string, bool) {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if name == "" || len(name) > 128 {
		return "", false
	}
	if !strings.Contains(name, "_") {
		return glyphComponent(name)
	}
	var b strings.Builder
	for _, part := range strings.Split(name, "_") {
		t, ok := glyphComponent(part)
		if !ok {
			return "", false
		}
		b.WriteString(t)
	}
	return b.String(), true
}

func glyphComponent(name string) (string, bool) {
	if r, ok := lookupGlyph(name); ok {
		return string(r), true
	}
	if rest, ok := strings.CutPrefix(name, "uni"); ok && len(rest) >= 4 && len(rest)%4 == 0 {
		var b strings.Builder
		for i := 0; i < len(rest); i += 4 {
			r, ok := hexRune(rest[i : i+4])
			if !ok {
				return "", false
			}
			b.WriteRune(r)
		}
		return b.String(), true
	}
	if rest, ok := strings.CutPrefix(name, "u"); ok && len(rest) >= 4 && len(rest) <= 6 {
		if r, ok := hexRune(rest); ok {
			return string(r), true
		}
	}
	return "", false
}

// hexRune reads a code point written in hexadecimal digits; surrogates and
// values past U+10FFFF are not characters.
func hexRune(s string) (rune, bool) {
	var v rune
	for i := 0; i < len(s); i++ {
		d, ok := hexVal(s[i])
		if !ok {
			return 0, false
		}
		v = v<<4 | rune(d)
	}
	if v >= 0xD800 && v <= 0xDFFF || !utf8.ValidRune(v) {
		return 0, false
	}
	return v, true
}

// baseEncoding returns the table of a named base encoding of simple fonts.
func baseEncoding(name string) (*[256]rune, bool) {
	switch name {
	case "WinAnsiEncoding":
		return &winAnsiEncoding, true
	case "MacRomanEncoding":
		return &macRomanEncoding, true
	case "StandardEncoding":
		return &standardEncoding, true
	case "PDFDocEncoding":
		return &pdfDocEncoding, true
	}
	return nil, false
}
