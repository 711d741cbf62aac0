// Package stdfont holds the glyph widths of the 14 standard PDF fonts
// (Helvetica, Times, Courier in four styles each, Symbol, ZapfDingbats),
// which a PDF may use without giving their widths, and recognises the
// names producers give them (Arial for Helvetica, TimesNewRoman for
// Times-Roman, subset prefixes such as "ABCDEF+").
package stdfont

//go:generate go run gen.go

import "strings"

// Metrics are the glyph widths of one standard font.
type Metrics struct {
	name     string
	symbolic bool        // Symbol and ZapfDingbats: their own character set
	missing  uint16      // width of a glyph the font lacks
	codes    [256]uint16 // symbolic fonts: width by code in the built-in encoding; 0 if none
	runes    []glyph     // width by Unicode character, ascending
}

type glyph struct {
	r rune
	w uint16
}

// Name returns the standard name of the font, e.g. "Helvetica-Bold".
func (m *Metrics) Name() string { return m.name }

// Width returns the advance width of r in 1/1000 em, or the font's mean
// glyph width if the font has no glyph for r. Symbol and ZapfDingbats
// print their own character sets: a rune below 256 is read as a code of
// their built-in encoding (as text decoded without an encoding comes out),
// anything else as the Unicode character; ZapfDingbats is reached by code
// only.
func (m *Metrics) Width(r rune) float64 {
	w, ok := m.lookup(r)
	if !ok {
		return float64(m.missing)
	}
	return float64(w)
}

// Has reports whether the font has a glyph for r, read as Width reads it.
func (m *Metrics) Has(r rune) bool {
	_, ok := m.lookup(r)
	return ok
}

func (m *Metrics) lookup(r rune) (uint16, bool) {
	if m.symbolic && r >= 0 && r < 256 {
		if w := m.codes[r]; w > 0 {
			return w, true
		}
	}
	lo, hi := 0, len(m.runes)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch g := m.runes[mid]; {
		case g.r == r:
			return g.w, true
		case g.r < r:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// Lookup returns the metrics of the standard font named baseFont (a PDF
// font's /BaseFont): one of the 14 standard names, or a common alias of
// one (Arial, ArialMT, Arial,Bold, Arial-BoldMT, TimesNewRoman,
// TimesNewRomanPS-ItalicMT, CourierNew,BoldItalic, …), with or without a
// subset prefix ("ABCDEF+"). It reports false for any other font.
func Lookup(baseFont string) (*Metrics, bool) {
	name := strings.ReplaceAll(strings.TrimPrefix(baseFont, "/"), " ", "")
	if len(name) > 7 && name[6] == '+' && isSubsetTag(name[:6]) {
		name = name[7:]
	}
	if m, ok := metrics[name]; ok {
		return m, true
	}
	family, style := name, ""
	if i := strings.IndexAny(name, ",-"); i >= 0 {
		family, style = name[:i], name[i+1:]
	}
	fam, ok := families[strings.ToLower(family)]
	if !ok {
		return nil, false
	}
	bold, italic, ok := parseStyle(style)
	if !ok {
		return nil, false
	}
	v := 0
	if bold {
		v |= 1
	}
	if italic {
		v |= 2
	}
	if fam[v] == "" {
		return nil, false
	}
	return metrics[fam[v]], true
}

// families are the standard fonts by family name as producers write it:
// regular, bold, italic, bold italic.
var families = map[string][4]string{}

func init() {
	helvetica := [4]string{"Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"}
	times := [4]string{"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"}
	courier := [4]string{"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"}
	for _, f := range []string{"helvetica", "arial", "arialmt"} {
		families[f] = helvetica
	}
	for _, f := range []string{"times", "timesroman", "timesnewroman", "timesnewromanps", "timesnewromanpsmt"} {
		families[f] = times
	}
	for _, f := range []string{"courier", "couriernew", "couriernewps", "couriernewpsmt"} {
		families[f] = courier
	}
	families["symbol"] = [4]string{"Symbol"}
	families["symbolmt"] = [4]string{"Symbol"}
	families["zapfdingbats"] = [4]string{"ZapfDingbats"}
	families["itczapfdingbats"] = [4]string{"ZapfDingbats"}
}

// parseStyle reads the style part of a font name: "", "Roman", "Bold",
// "BoldMT", "Italic", "Oblique", "BoldItalicMT", …
func parseStyle(s string) (bold, italic, ok bool) {
	s = strings.TrimSuffix(strings.ToLower(s), "mt")
	for s != "" {
		switch {
		case strings.HasPrefix(s, "bold"):
			bold, s = true, s[len("bold"):]
		case strings.HasPrefix(s, "italic"):
			italic, s = true, s[len("italic"):]
		case strings.HasPrefix(s, "oblique"):
			italic, s = true, s[len("oblique"):]
		case strings.HasPrefix(s, "roman"):
			s = s[len("roman"):]
		case strings.HasPrefix(s, "regular"):
			s = s[len("regular"):]
		case strings.HasPrefix(s, "normal"):
			s = s[len("normal"):]
		default:
			return false, false, false
		}
	}
	return bold, italic, true
}

// isSubsetTag reports whether s is six upper-case letters, the tag a
// producer puts before the name of a font subset.
func isSubsetTag(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return len(s) == 6
}
